//! The texts of the Unsubscribed list, in both languages.

pub struct UnsubscribedTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub search_label: &'static str,
    pub search: &'static str,
    pub export: &'static str,
    pub col_email: &'static str,
    pub col_reason: &'static str,
    pub col_since: &'static str,
    pub remove: &'static str,
    pub confirm_remove: &'static str,
    pub none: &'static str,
    pub reason: fn(&str) -> &'static str,
    pub count: fn(u64) -> String,
    pub previous: &'static str,
    pub next: &'static str,
    pub link: &'static str,
}

fn reason_fr(reason: &str) -> &'static str {
    match reason {
        "one_click" => "Désinscription en un clic (messagerie)",
        "unsubscribe_page" => "Page de désinscription",
        "permanent_bounce" => "Adresse refusée définitivement (rebond)",
        "merchant" => "Ajoutée par la boutique",
        _ => "Autre",
    }
}

fn reason_en(reason: &str) -> &'static str {
    match reason {
        "one_click" => "One-click unsubscribe (mail app)",
        "unsubscribe_page" => "Unsubscribe page",
        "permanent_bounce" => "Address refused for good (bounce)",
        "merchant" => "Added by the shop",
        _ => "Other",
    }
}

pub static FR: UnsubscribedTexts = UnsubscribedTexts {
    title: "Désinscrits",
    intro: "Les adresses qui ne reçoivent plus de relance : désinscriptions et adresses refusées par leur serveur. Retirez une adresse seulement si le client demande à recevoir de nouveau les relances.",
    search_label: "Rechercher une adresse",
    search: "Rechercher",
    export: "Exporter en CSV",
    col_email: "Adresse",
    col_reason: "Raison",
    col_since: "Depuis le",
    remove: "Retirer de la liste",
    confirm_remove: "Ce client recevra de nouveau les relances. Retirer son adresse de la liste ?",
    none: "Aucune adresse.",
    reason: reason_fr,
    count: |n| format!("{n} adresse(s)"),
    previous: "← Précédentes",
    next: "Suivantes →",
    link: "Adresses désinscrites et refusées →",
};

pub static EN: UnsubscribedTexts = UnsubscribedTexts {
    title: "Unsubscribed",
    intro: "The addresses that get no more reminders: unsubscribes and addresses their server refused. Remove one only when the customer asks to receive reminders again.",
    search_label: "Search an address",
    search: "Search",
    export: "Export as CSV",
    col_email: "Address",
    col_reason: "Reason",
    col_since: "Since",
    remove: "Remove from the list",
    confirm_remove: "This customer will receive reminders again. Remove the address from the list?",
    none: "No address.",
    reason: reason_en,
    count: |n| format!("{n} address(es)"),
    previous: "← Previous",
    next: "Next →",
    link: "Unsubscribed and refused addresses →",
};
