//! The SMS texts, in both languages: the Connect page's provider and the wizard's SMS step.

pub struct SmsWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub kind: &'static str,
    pub brevo: &'static str,
    pub json: &'static str,
    pub url: &'static str,
    pub url_hint: &'static str,
    pub sender: &'static str,
    pub sender_hint: &'static str,
    pub api_key: &'static str,
    pub key_kept: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub not_set: &'static str,
    pub notice_url: &'static str,
    pub notice_hint: &'static str,
    pub signed_url: &'static str,
    pub signed_hint: &'static str,
    pub stopped: fn(i64) -> String,
    /// The message beside a refused field, by its name.
    pub problem: fn(&str) -> &'static str,
    pub channel: &'static str,
    pub step_hint: &'static str,
    /// The label of one language's text, from its code.
    pub text_for: fn(&str) -> String,
    /// "GSM-7 · 152 characters · 1 SMS", counted with every tag at its longest.
    /// `{encoding}`, `{units}` (characters at most) and `{segments}` (SMS).
    pub counter: &'static str,
    pub tags: &'static str,
}

fn text_for_fr(code: &str) -> String {
    match code {
        "fr" => "Texte en français".into(),
        "en" => "Texte en anglais".into(),
        other => format!("Texte ({other})"),
    }
}

fn text_for_en(code: &str) -> String {
    match code {
        "fr" => "French text".into(),
        "en" => "English text".into(),
        other => format!("Text ({other})"),
    }
}

fn problem_fr(field: &str) -> &'static str {
    match field {
        "kind" => "Choisissez Brevo ou une passerelle JSON.",
        "url" => "Une adresse https:// (http:// seulement vers cette machine).",
        "sender" => "11 lettres et chiffres au plus (le nom de la boutique), ou un numéro.",
        "api_key" => "La clé d'API du fournisseur est nécessaire.",
        _ => "Valeur refusée.",
    }
}

fn problem_en(field: &str) -> &'static str {
    match field {
        "kind" => "Choose Brevo or a JSON gateway.",
        "url" => "An https:// address (http:// only to this machine).",
        "sender" => "At most 11 letters and digits (the shop's name), or a phone number.",
        "api_key" => "The provider's API key is required.",
        _ => "Value refused.",
    }
}

pub static FR: SmsWords = SmsWords {
    title: "SMS",
    intro: "Les étapes SMS partent par ce fournisseur, seulement vers les clients qui ont un mobile et ont accepté les SMS, jamais de 21 h à 8 h. Une réponse STOP ou ARRET arrête les SMS vers ce numéro.",
    kind: "Fournisseur",
    brevo: "Brevo (SMS transactionnels)",
    json: "Passerelle JSON (POST vers votre adresse)",
    url: "Adresse de la passerelle",
    url_hint: "Pour Brevo, laissez vide.",
    sender: "Expéditeur",
    sender_hint: "Le nom affiché sur le téléphone (11 caractères, sans accents) ou un numéro.",
    api_key: "Clé d'API",
    key_kept: "Enregistrée : laissez vide pour la garder",
    save: "Enregistrer",
    saved: "Fournisseur SMS enregistré.",
    not_set: "Pas encore de fournisseur : les étapes SMS attendent.",
    notice_url: "Adresse des réponses et refus",
    notice_hint: "Donnez-la au fournisseur pour les réponses (STOP) et les numéros refusés : elle contient le secret de la boutique.",
    signed_url: "Adresse pour un relais qui signe",
    signed_hint: "Sans secret dans l'adresse : chaque requête porte l'en-tête Relance-Signature (voir l'API).",
    stopped: |n| match n {
        0 => "Aucun numéro arrêté.".into(),
        1 => "1 numéro ne reçoit plus de SMS.".into(),
        n => format!("{n} numéros ne reçoivent plus de SMS."),
    },
    problem: problem_fr,
    channel: "SMS",
    step_hint: "Un SMS par langue du client (l'anglais sinon), 3 SMS au plus une fois les balises remplies. Le lien court mène au panier.",
    text_for: text_for_fr,
    counter: "{encoding} · {units} caractères au plus · {segments} SMS",
    tags: "Balises :",
};

pub static EN: SmsWords = SmsWords {
    title: "SMS",
    intro: "SMS steps are sent through this provider, only to customers with a mobile number who accepted SMS, never from 9 pm to 8 am. A STOP or ARRET reply stops SMS to that number.",
    kind: "Provider",
    brevo: "Brevo (transactional SMS)",
    json: "JSON gateway (POST to your address)",
    url: "Gateway address",
    url_hint: "Leave empty for Brevo.",
    sender: "Sender",
    sender_hint: "The name shown on the phone (11 characters, no accents) or a number.",
    api_key: "API key",
    key_kept: "Stored: leave empty to keep it",
    save: "Save",
    saved: "SMS provider saved.",
    not_set: "No provider yet: SMS steps wait.",
    notice_url: "Replies and refusals address",
    notice_hint: "Give it to the provider for replies (STOP) and refused numbers: it holds the shop's secret.",
    signed_url: "Address for a relay that signs",
    signed_hint: "No secret in the address: each request carries a Relance-Signature header (see the API).",
    stopped: |n| match n {
        0 => "No number stopped.".into(),
        1 => "1 number gets no more SMS.".into(),
        n => format!("{n} numbers get no more SMS."),
    },
    problem: problem_en,
    channel: "SMS",
    step_hint: "One SMS per customer language (else English), at most 3 SMS once tags are filled. The short link leads to the cart.",
    text_for: text_for_en,
    counter: "{encoding} · up to {units} characters · {segments} SMS",
    tags: "Tags:",
};
