//! The Connect page's log texts, in both languages.

pub struct ConnectLogTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub send_test: &'static str,
    pub test_sent: &'static str,
    pub refresh: &'static str,
    pub empty: &'static str,
    pub when: &'static str,
    pub source: &'static str,
    pub carried: &'static str,
    pub result: fn(&str) -> &'static str,
}

fn result_fr(result: &str) -> &'static str {
    match result {
        "accepted" => "accepté",
        "duplicate" => "déjà reçu",
        _ => "refusé",
    }
}

fn result_en(result: &str) -> &'static str {
    match result {
        "accepted" => "accepted",
        "duplicate" => "duplicate",
        _ => "refused",
    }
}

pub static FR: ConnectLogTexts = ConnectLogTexts {
    title: "Derniers envois reçus",
    intro: "Les 50 dernières requêtes de l'API, du traceur et des webhooks, avec leur résultat : ce que vous regardez pendant la connexion de la boutique.",
    send_test: "Envoyer un événement de test",
    test_sent: "Événement de test reçu : un panier « relance-test » apparaît dans Paniers (sans client, il n'est jamais relancé).",
    refresh: "Actualiser",
    empty: "Rien reçu pour l'instant.",
    when: "Quand",
    source: "Source",
    carried: "Contenu",
    result: result_fr,
};

pub static EN: ConnectLogTexts = ConnectLogTexts {
    title: "Last requests received",
    intro: "The last 50 requests from the API, the tracker and the webhooks, with their result: what you watch while connecting the shop.",
    send_test: "Send a test event",
    test_sent: "Test event received: a \"relance-test\" cart shows in Carts (without a customer, it is never reminded).",
    refresh: "Refresh",
    empty: "Nothing received yet.",
    when: "When",
    source: "Source",
    carried: "Carried",
    result: result_en,
};
