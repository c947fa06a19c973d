//! The shop switcher's and the new shop page's texts, in both languages.

use domain::team::Role;

pub struct ShopsTexts {
    pub switch_label: &'static str,
    pub role: fn(Role) -> &'static str,
    pub new_shop: &'static str,
    pub new_title: &'static str,
    pub new_intro: &'static str,
    pub create: &'static str,
    pub forbidden: &'static str,
    pub back: &'static str,
}

pub static FR: ShopsTexts = ShopsTexts {
    switch_label: "Changer de boutique",
    role: |role| match role {
        Role::Owner => "propriétaire",
        Role::Manager => "gestionnaire",
        Role::Staff => "équipe",
    },
    new_shop: "+ Nouvelle boutique",
    new_title: "Nouvelle boutique",
    new_intro: "Chaque boutique a sa devise, son fuseau horaire, son expéditeur, ses paniers et ses relances. Sa campagne par défaut reste éteinte jusqu'à ce que vous l'activiez.",
    create: "Créer la boutique",
    forbidden: "Seul un propriétaire peut ajouter une boutique.",
    back: "Retour à mes boutiques",
};

pub static EN: ShopsTexts = ShopsTexts {
    switch_label: "Switch shop",
    role: |role| match role {
        Role::Owner => "owner",
        Role::Manager => "manager",
        Role::Staff => "staff",
    },
    new_shop: "+ New shop",
    new_title: "New shop",
    new_intro: "Each shop has its own currency, time zone, sender, carts and reminders. Its default campaign stays off until you turn it on.",
    create: "Create the shop",
    forbidden: "Only an owner can add a shop.",
    back: "Back to my shops",
};
