use domain::{format, Currency, DelayUnit, DiscountSummary, Language};

use super::Texts;

fn delay(amount: u32, unit: DelayUnit) -> String {
    // In French, 0 and 1 take the singular.
    let plural = amount > 1;
    let word = match (unit, plural) {
        (DelayUnit::Hours, false) => "heure",
        (DelayUnit::Hours, true) => "heures",
        (DelayUnit::Days, false) => "jour",
        (DelayUnit::Days, true) => "jours",
    };
    format!("{amount} {word}")
}

fn discount(summary: &DiscountSummary, currency: Currency) -> String {
    match summary {
        DiscountSummary::NoDiscount => "Aucune réduction".into(),
        DiscountSummary::Percent { percent } => format::percent(*percent, Language::FRENCH),
        DiscountSummary::Amount { amount } => format::money(*amount, currency, Language::FRENCH),
        DiscountSummary::FreeShipping => "Livraison offerte".into(),
        DiscountSummary::DependsOnCartValue => "Selon le montant du panier".into(),
    }
}

pub static TEXTS: Texts = Texts {
    language_name: "Français",
    language_switch: "Langue de l'interface",
    skip_to_content: "Aller au contenu",
    tab_reminders: "Relances",
    tab_sending: "Envoi automatique",
    tab_statistics: "Statistiques",
    tab_carts: "Paniers",
    tab_help: "Aide",
    tab_settings: "Paramètres",
    reminders_title: "Relances",
    reminders_intro: "Les e-mails envoyés aux clients qui ont laissé un panier sans commander, dans l'ordre où ils partent.",
    col_send_after: "Envoi après",
    col_subject: "Objet de l'e-mail",
    col_discount: "Réduction",
    col_languages: "Langues",
    col_status: "Statut",
    status_on: "Activée",
    status_off: "Désactivée",
    no_subject: "(aucun contenu)",
    no_reminders: "Aucune relance pour l'instant.",
    no_shop: "Aucune boutique n'est encore configurée.",
    loading: "Chargement…",
    load_failed: "Impossible de charger les relances. Réessayez dans un instant.",
    coming_soon: "Bientôt disponible",
    sending_intro: "L'état du planificateur intégré, le bouton « Lancer maintenant » et l'URL cron sécurisée pour un cron externe.",
    statistics_intro: "Les paniers abandonnés et récupérés, le chiffre d'affaires généré et l'entonnoir de chaque relance sur la période choisie.",
    carts_intro: "Tous les paniers reçus de la boutique, avec leur statut, leur client et l'historique de leurs relances.",
    help_intro: "Les questions fréquentes sur les délais, les langues, les codes promo, le désabonnement et les statistiques.",
    settings_intro: "La boutique, l'expéditeur des e-mails, les préfixes des codes promo et les règles d'envoi.",
    not_found_title: "Page introuvable",
    not_found_text: "Cette page n'existe pas. Revenez aux relances.",
    sign_in_title: "Connexion",
    email_label: "Adresse e-mail",
    password_label: "Mot de passe",
    sign_in_button: "Se connecter",
    wrong_credentials: "Adresse e-mail ou mot de passe incorrect.",
    too_many_attempts: "Trop de tentatives. Patientez une minute avant de réessayer.",
    sign_in_failed: "La connexion a échoué. Réessayez dans un instant.",
    no_account_hint: "Pas encore de compte ? L'administrateur du serveur en crée un avec",
    sign_out: "Se déconnecter",
    sign_in_again: "Votre session a expiré. Reconnectez-vous.",
    delay,
    discount,
};
