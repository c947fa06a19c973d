//! The texts of the Settings page, in both languages.

use domain::settings::{Problem, SettingsField};

pub struct SettingsTexts {
    pub title: &'static str,
    pub section_shop: &'static str,
    pub section_sender: &'static str,
    pub section_coupons: &'static str,
    pub section_sending: &'static str,
    pub require_consent: &'static str,
    pub require_consent_hint: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub not_saved: &'static str,
    /// The server could not be reached, or failed.
    pub failed: &'static str,
    /// The label of each field.
    pub label: fn(SettingsField) -> &'static str,
    /// The hint under a field, if any.
    pub hint: fn(SettingsField) -> Option<&'static str>,
    pub problem: fn(&Problem) -> String,
}

fn label_fr(field: SettingsField) -> &'static str {
    use SettingsField as F;
    match field {
        F::ShopName => "Nom de la boutique",
        F::ShopUrl => "Adresse du site",
        F::LogoUrl => "Adresse du logo",
        F::PostalAddress => "Adresse postale (pied des e-mails)",
        F::Currency => "Devise (ISO 4217 : EUR, CHF, CAD…)",
        F::TimeZone => "Fuseau horaire (Europe/Paris…)",
        F::DefaultLanguage => "Langue par défaut (code : fr, en, de…)",
        F::SenderName => "Nom de l'expéditeur",
        F::SenderEmail => "Adresse de l'expéditeur",
        F::ReplyTo => "Adresse de réponse",
        F::SupportEmail => "Contact support (onglet Aide)",
        F::CartUrlPattern => "Lien de récupération du panier",
        F::CouponPrefix => "Préfixe des codes promo",
        F::ExpiredCouponDays => "Supprimer les codes expirés non utilisés après (jours)",
        F::AbandonedAfterMinutes => "Panier abandonné après (minutes sans activité)",
        F::MinGapHours => "Écart minimum entre deux e-mails à un client (heures)",
        F::MaxLatenessHours => "Retard maximum d'une relance (heures)",
        F::CouponCooldownDays => "Un code promo par client tous les (jours)",
        F::ReEntryDays => "Une séquence redémarrée par client tous les (jours)",
        F::AttributionWindowDays => "Fenêtre d'attribution des commandes (jours)",
        F::QuietHoursStart => "Heures calmes : à partir de",
        F::QuietHoursEnd => "Heures calmes : jusqu'à",
    }
}

fn label_en(field: SettingsField) -> &'static str {
    use SettingsField as F;
    match field {
        F::ShopName => "Shop name",
        F::ShopUrl => "Shop website",
        F::LogoUrl => "Logo URL",
        F::PostalAddress => "Postal address (email footer)",
        F::Currency => "Currency (ISO 4217: EUR, CHF, CAD…)",
        F::TimeZone => "Time zone (Europe/Paris…)",
        F::DefaultLanguage => "Default language (code: fr, en, de…)",
        F::SenderName => "Sender name",
        F::SenderEmail => "Sender address",
        F::ReplyTo => "Reply-to address",
        F::SupportEmail => "Support contact (Help tab)",
        F::CartUrlPattern => "Cart recovery link",
        F::CouponPrefix => "Discount code prefix",
        F::ExpiredCouponDays => "Delete expired unused codes after (days)",
        F::AbandonedAfterMinutes => "Cart abandoned after (minutes without activity)",
        F::MinGapHours => "Minimum gap between two emails to one customer (hours)",
        F::MaxLatenessHours => "Maximum lateness of a reminder (hours)",
        F::CouponCooldownDays => "One discount code per customer every (days)",
        F::ReEntryDays => "One restarted sequence per customer every (days)",
        F::AttributionWindowDays => "Order attribution window (days)",
        F::QuietHoursStart => "Quiet hours: from",
        F::QuietHoursEnd => "Quiet hours: until",
    }
}

fn hint_fr(field: SettingsField) -> Option<&'static str> {
    use SettingsField as F;
    match field {
        F::Currency => Some("Les montants déjà reçus ne sont pas convertis ; revoyez les tranches de remise."),
        F::TimeZone => Some("Dates, journées des statistiques et heures calmes des clients sans fuseau."),
        F::SenderEmail => Some("Vide : l'expéditeur configuré sur le serveur. Utilisez une adresse de votre domaine (SPF, DKIM)."),
        F::ReplyTo => Some("Vide : les réponses vont à l'expéditeur."),
        F::CartUrlPattern => Some("{cart_url} est le lien du panier, {code} le code promo. Exemple : {cart_url}?coupon={code}. Vide : le lien du panier."),
        F::MaxLatenessHours => Some("Une relance plus en retard que cela n'est pas envoyée (serveur arrêté par exemple)."),
        F::ReEntryDays => Some("Un client qui ajoute au panier après une relance repart de la première relance, au plus une fois sur cette période : il ne reçoit pas un e-mail à chaque modification. 0 : sans limite."),
        F::AttributionWindowDays => Some("Une commande payée compte pour la dernière relance envoyée ou cliquée pendant ces jours avant elle (ou dont elle utilise le code)."),
        F::QuietHoursEnd => Some("Aucune relance n'est envoyée pendant ces heures, à l'heure du client (son fuseau horaire s'il est connu, sinon celui de la boutique) : elle attend la fin de la plage, et son retard maximum compte à partir de là. Videz les deux champs pour envoyer à toute heure."),
        _ => None,
    }
}

fn hint_en(field: SettingsField) -> Option<&'static str> {
    use SettingsField as F;
    match field {
        F::Currency => Some("Amounts already received are not converted; review the discount ranges."),
        F::TimeZone => Some("Dates, the statistics' days, and quiet hours of customers without a zone of their own."),
        F::SenderEmail => Some("Empty: the sender configured on the server. Use an address of your own domain (SPF, DKIM)."),
        F::ReplyTo => Some("Empty: replies go to the sender."),
        F::CartUrlPattern => Some("{cart_url} is the cart's link, {code} the discount code. Example: {cart_url}?coupon={code}. Empty: the cart's link."),
        F::MaxLatenessHours => Some("A reminder later than this is not sent (after a server outage, for example)."),
        F::ReEntryDays => Some("A customer who adds to the cart after a reminder starts again from the first reminder, at most once over this period: no email on every change. 0: no limit."),
        F::AttributionWindowDays => Some("A paid order counts for the last reminder sent or clicked within these days before it (or whose code it spent)."),
        F::QuietHoursEnd => Some("No reminder goes out during these hours, in the customer's local time (their time zone when the shop sends it, else the shop's): it waits for the end of the window, and its maximum lateness counts from there. Empty both fields to send at any hour."),
        _ => None,
    }
}

fn problem_fr(problem: &Problem) -> String {
    match problem {
        Problem::Required => "Obligatoire.".into(),
        Problem::TooLong { max } => format!("{max} caractères au plus."),
        Problem::Email => "Ce n'est pas une adresse e-mail valide.".into(),
        Problem::Url => "Une adresse commençant par http:// ou https:// est attendue.".into(),
        Problem::Language => "Un code de langue de deux lettres est attendu (fr, en…).".into(),
        Problem::Number { min, max } => format!("Un nombre entier de {min} à {max}."),
        Problem::Prefix => "1 à 10 lettres, chiffres, - ou _.".into(),
        Problem::PatternWithoutCartUrl => "Le lien doit contenir {cart_url}.".into(),
        Problem::PatternUnknownTag => {
            "Seules les balises {cart_url} et {code} sont permises.".into()
        }
        Problem::PatternNotUrl => "Le résultat doit être une adresse http:// ou https://.".into(),
        Problem::Time => "Une heure est attendue, par exemple 21:00.".into(),
        Problem::SameTime => "La fin doit différer du début (videz les deux champs pour ne pas avoir d'heures calmes).".into(),
        Problem::Currency => "Un code de devise ISO 4217 est attendu (EUR, CHF, CAD…).".into(),
        Problem::TimeZone => "Un fuseau horaire IANA est attendu (Europe/Paris, America/Montreal…).".into(),
        Problem::PasswordTooShort { min } => format!("{min} caractères au moins."),
    }
}

fn problem_en(problem: &Problem) -> String {
    match problem {
        Problem::Required => "Required.".into(),
        Problem::TooLong { max } => format!("At most {max} characters."),
        Problem::Email => "This is not a valid email address.".into(),
        Problem::Url => "An address starting with http:// or https:// is expected.".into(),
        Problem::Language => "A two-letter language code is expected (fr, en…).".into(),
        Problem::Number { min, max } => format!("A whole number from {min} to {max}."),
        Problem::Prefix => "1 to 10 letters, digits, - or _.".into(),
        Problem::PatternWithoutCartUrl => "The link must contain {cart_url}.".into(),
        Problem::PatternUnknownTag => "Only the tags {cart_url} and {code} are allowed.".into(),
        Problem::PatternNotUrl => "The result must be an http:// or https:// address.".into(),
        Problem::Time => "A time of day is expected, for example 21:00.".into(),
        Problem::SameTime => {
            "The end must differ from the start (empty both fields for no quiet hours).".into()
        }
        Problem::Currency => "An ISO 4217 currency code is expected (EUR, CHF, CAD…).".into(),
        Problem::TimeZone => {
            "An IANA time zone is expected (Europe/Paris, America/Montreal…).".into()
        }
        Problem::PasswordTooShort { min } => format!("At least {min} characters."),
    }
}

pub static FR: SettingsTexts = SettingsTexts {
    title: "Paramètres",
    section_shop: "Boutique",
    section_sender: "Expéditeur des e-mails",
    section_coupons: "Codes promo",
    section_sending: "Règles d'envoi",
    require_consent: "Exiger le consentement",
    require_consent_hint: "Seuls les clients qui ont donné leur accord (newsletter, ou la case de consentement du traceur) reçoivent des relances.",
    save: "Enregistrer",
    saving: "Enregistrement…",
    saved: "Paramètres enregistrés.",
    not_saved: "Rien n'a été enregistré : corrigez les champs signalés.",
    failed: "L'enregistrement a échoué. Réessayez dans un instant.",
    label: label_fr,
    hint: hint_fr,
    problem: problem_fr,
};

pub static EN: SettingsTexts = SettingsTexts {
    title: "Settings",
    section_shop: "Shop",
    section_sender: "Email sender",
    section_coupons: "Discount codes",
    section_sending: "Sending rules",
    require_consent: "Require consent",
    require_consent_hint:
        "Only customers who agreed (newsletter, or the tracker's consent checkbox) get reminders.",
    save: "Save",
    saving: "Saving…",
    saved: "Settings saved.",
    not_saved: "Nothing was saved: fix the fields marked.",
    failed: "Saving failed. Try again in a moment.",
    label: label_en,
    hint: hint_en,
    problem: problem_en,
};
