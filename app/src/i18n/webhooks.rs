//! The Connect page's webhooks texts, in both languages.

pub struct WebhooksTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub platform: fn(&str) -> String,
    pub url: &'static str,
    pub secret: &'static str,
    pub not_set: &'static str,
    pub paste: &'static str,
    pub save: &'static str,
    pub renew: &'static str,
    pub confirm_renew: &'static str,
    pub saved: &'static str,
}

fn platform(name: &str) -> String {
    match name {
        "shopify" => "Shopify".to_owned(),
        "woocommerce" => "WooCommerce".to_owned(),
        other => other.to_owned(),
    }
}

pub static FR: WebhooksTexts = WebhooksTexts {
    title: "Webhooks",
    intro: "Shopify : collez le secret de l'application, puis abonnez l'adresse aux paniers (checkouts) et commandes. WooCommerce : créez des webhooks de commande vers l'adresse avec ce secret.",
    platform,
    url: "Adresse",
    secret: "Secret",
    not_set: "Pas encore de secret : les webhooks sont refusés.",
    paste: "Secret de l'application (16 caractères au moins)",
    save: "Enregistrer",
    renew: "Nouveau secret",
    confirm_renew: "Remplacer le secret ? Les webhooks signés avec l'ancien seront refusés.",
    saved: "Secret enregistré.",
};

pub static EN: WebhooksTexts = WebhooksTexts {
    title: "Webhooks",
    intro: "Shopify: paste the app's secret, then subscribe the URL to checkouts and orders. WooCommerce: create order webhooks to the URL with this secret.",
    platform,
    url: "URL",
    secret: "Secret",
    not_set: "No secret yet: webhooks are refused.",
    paste: "The app's secret (at least 16 characters)",
    save: "Save",
    renew: "New secret",
    confirm_renew: "Replace the secret? Webhooks signed with the old one will be refused.",
    saved: "Secret saved.",
};
