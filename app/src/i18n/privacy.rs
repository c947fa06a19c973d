//! The cart page's customer data texts (GDPR), in both languages.

pub struct PrivacyTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub export: &'static str,
    pub erase: &'static str,
    pub confirm_erase: &'static str,
    pub erased: &'static str,
}

pub static FR: PrivacyTexts = PrivacyTexts {
    title: "Données du client (RGPD)",
    intro: "Exportez tout ce que Relance garde sur cette adresse, ou effacez-la : les chiffres restent, la personne disparaît. Une adresse désinscrite le reste.",
    export: "Exporter ses données (JSON)",
    erase: "Effacer ce client",
    confirm_erase: "Effacer ce client de la boutique ? Son adresse, son nom et ses paniers ne pourront plus être retrouvés.",
    erased: "Client effacé.",
};

pub static EN: PrivacyTexts = PrivacyTexts {
    title: "Customer data (GDPR)",
    intro: "Export everything Relance holds about this address, or erase it: the figures stay, the person goes. An unsubscribed address stays unsubscribed.",
    export: "Export their data (JSON)",
    erase: "Erase this customer",
    confirm_erase: "Erase this customer from the shop? Their address, name and carts can no longer be found.",
    erased: "Customer erased.",
};
