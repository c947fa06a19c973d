//! The first run's texts, in both languages.

use domain::settings::{NewShopField, SetupField};

pub struct SetupTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub section_owner: &'static str,
    pub section_shop: &'static str,
    pub label: fn(SetupField) -> &'static str,
    pub submit: &'static str,
    pub saving: &'static str,
    pub not_saved: &'static str,
    pub already: &'static str,
    pub connect_title: &'static str,
    /// Said once the shop is made, above the link that opens it.
    pub connect_intro: &'static str,
    pub key_label: &'static str,
    pub key_once: &'static str,
    pub endpoint_label: &'static str,
    pub curl_label: &'static str,
    pub next_steps: &'static str,
    pub open_admin: &'static str,
}

fn label_fr(field: SetupField) -> &'static str {
    match field {
        SetupField::Email => "Votre e-mail",
        SetupField::Password => "Mot de passe (10 caractères au moins)",
        SetupField::Shop(field) => match field {
            NewShopField::Name => "Nom de la boutique",
            NewShopField::Url => "Adresse de la boutique",
            NewShopField::Currency => "Devise (ISO 4217 : EUR, CHF, CAD…)",
            NewShopField::TimeZone => "Fuseau horaire (Europe/Paris…)",
            NewShopField::Language => "Langue par défaut des e-mails (fr, en…)",
            NewShopField::SenderName => "Nom de l'expéditeur",
            NewShopField::SenderEmail => "Adresse de l'expéditeur",
        },
    }
}

fn label_en(field: SetupField) -> &'static str {
    match field {
        SetupField::Email => "Your email",
        SetupField::Password => "Password (at least 10 characters)",
        SetupField::Shop(field) => match field {
            NewShopField::Name => "Shop name",
            NewShopField::Url => "Shop website",
            NewShopField::Currency => "Currency (ISO 4217: EUR, CHF, CAD…)",
            NewShopField::TimeZone => "Time zone (Europe/Paris…)",
            NewShopField::Language => "Default language of emails (fr, en…)",
            NewShopField::SenderName => "Sender name",
            NewShopField::SenderEmail => "Sender address",
        },
    }
}

pub static FR: SetupTexts = SetupTexts {
    title: "Bienvenue dans Relance",
    intro: "Créez votre compte propriétaire et votre première boutique. Vous pourrez tout changer ensuite dans les Paramètres.",
    section_owner: "Votre compte",
    section_shop: "Votre boutique",
    label: label_fr,
    submit: "Créer mon compte et ma boutique",
    saving: "Création…",
    not_saved: "Rien n'a été créé : corrigez les champs signalés.",
    already: "Relance est déjà configuré : connectez-vous.",
    connect_title: "Connectez votre boutique",
    connect_intro: "Votre boutique est prête. Envoyez ses paniers à Relance avec la clé ci-dessus.",
    key_label: "Clé d'API",
    key_once: "Copiez-la maintenant : elle n'est affichée qu'une fois (seule son empreinte est gardée).",
    endpoint_label: "Adresse des événements",
    curl_label: "Un exemple qui fonctionne tel quel",
    next_steps: "Les deux relances par défaut sont désactivées : relisez-les puis activez-les dans l'onglet Relances.",
    open_admin: "Ouvrir l'administration",
};

pub static EN: SetupTexts = SetupTexts {
    title: "Welcome to Relance",
    intro: "Create your owner account and your first shop. You can change everything later in Settings.",
    section_owner: "Your account",
    section_shop: "Your shop",
    label: label_en,
    submit: "Create my account and my shop",
    saving: "Creating…",
    not_saved: "Nothing was created: fix the fields marked.",
    already: "Relance is already set up: sign in.",
    connect_title: "Connect your shop",
    connect_intro: "Your shop is ready. Send its carts to Relance with the key above.",
    key_label: "API key",
    key_once: "Copy it now: it is shown this once (only its hash is kept).",
    endpoint_label: "Events endpoint",
    curl_label: "An example that works as shown",
    next_steps: "The two default reminders are off: read them, then turn them on in the Reminders tab.",
    open_admin: "Open the admin",
};
