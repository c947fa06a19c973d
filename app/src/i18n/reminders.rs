//! The texts of the reminders dashboard and the 3-step wizard, in both languages.

use domain::{Currency, DelayUnit, DiscountType, RangesError, StepIssue, ValueBasis};

use crate::api::StepRefusal;

pub struct ReminderTexts {
    pub create: &'static str,
    pub limit_reached: &'static str,
    pub escalation_label: &'static str,
    pub escalation_hint: &'static str,
    pub col_actions: &'static str,
    pub preview: &'static str,
    pub edit: &'static str,
    pub duplicate: &'static str,
    pub delete: &'static str,
    pub confirm_delete: &'static str,
    pub switch_label: &'static str,
    pub details_template: &'static str,
    pub details_targets: &'static str,
    pub details_discount: &'static str,
    pub close: &'static str,
    pub everyone: &'static str,
    pub newsletter_only: &'static str,
    pub profiles: fn(bool, bool, bool) -> String,
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub stages: [&'static str; 3],
    pub cancel: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub exclude_non_subscribers: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub profiles_label: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub never_ordered: &'static str,
    pub send_after: &'static str,
    pub unit: fn(DelayUnit) -> &'static str,
    pub by_cart_value: &'static str,
    pub discount_type: &'static str,
    pub kind: fn(DiscountType) -> &'static str,
    pub value: &'static str,
    pub validity: &'static str,
    pub combinable: &'static str,
    pub tax_included: &'static str,
    pub gift_sku: &'static str,
    pub gift_name: &'static str,
    pub gift_help: &'static str,
    pub basis: fn(ValueBasis) -> &'static str,
    pub basis_label: &'static str,
    /// `{n}`: the range's number.
    pub range_title: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub to_hint: &'static str,
    pub add_range: &'static str,
    pub remove_range: &'static str,
    pub range_template: &'static str,
    pub range_template_step: &'static str,
    pub below_first: &'static str,
    pub profit_hint: &'static str,
    pub template_label: &'static str,
    pub new_template: &'static str,
    pub create_template: &'static str,
    pub no_template: &'static str,
    pub split_legend: &'static str,
    pub split_on: &'static str,
    pub split_hint: &'static str,
    pub split_template: &'static str,
    pub split_share: &'static str,
    pub split_own_discount: &'static str,
    pub split_discount_hint: &'static str,
    pub issue: fn(&StepIssue, Currency) -> String,
    pub refusal: fn(&StepRefusal) -> String,
}

fn money(value: rust_decimal::Decimal, currency: Currency, language: domain::Language) -> String {
    domain::format::money(value, currency, language)
}

fn ranges_fr(error: &RangesError, currency: Currency) -> String {
    let m = |v| money(v, currency, domain::Language::FRENCH);
    match error {
        RangesError::Empty => "Ajoutez au moins une tranche.".into(),
        RangesError::TooMany => format!("{} tranches au plus.", domain::MAX_RANGES),
        RangesError::NegativeMin { range } => {
            format!("Tranche {range} : le montant de départ doit être 0 ou plus.")
        }
        RangesError::Unsorted { range, previous, .. } => format!(
            "Tranche {range} : elle commence avant la tranche {previous} ; classez les tranches du plus petit montant au plus grand."
        ),
        RangesError::SameStart { range, previous, .. } => {
            format!("Tranche {range} : elle commence au même montant que la tranche {previous}.")
        }
        RangesError::Gap { range, max, next, next_min } => format!(
            "Tranche {range} : elle s'arrête à {} mais la tranche {next} commence à {} ; les paniers entre les deux n'auraient pas de réduction.",
            m(*max), m(*next_min)
        ),
        RangesError::Overlap { range, max, next, next_min } => format!(
            "Tranche {range} : elle va jusqu'à {}, après le début de la tranche {next} ({}) ; les tranches se chevauchent.",
            m(*max), m(*next_min)
        ),
        RangesError::EmptyRange { range, min, max } => format!(
            "Tranche {range} : le montant de fin ({}) doit dépasser le montant de départ ({}).",
            m(*max), m(*min)
        ),
    }
}

fn ranges_en(error: &RangesError, currency: Currency) -> String {
    let m = |v| money(v, currency, domain::Language::ENGLISH);
    match error {
        RangesError::Empty => "Add at least one range.".into(),
        RangesError::TooMany => format!("At most {} ranges.", domain::MAX_RANGES),
        RangesError::NegativeMin { range } => format!("Range {range}: it must start at 0 or more."),
        RangesError::Unsorted { range, previous, .. } => format!(
            "Range {range}: it starts before range {previous}; list ranges from the lowest cart value up."
        ),
        RangesError::SameStart { range, previous, .. } => {
            format!("Range {range}: it starts at the same value as range {previous}.")
        }
        RangesError::Gap { range, max, next, next_min } => format!(
            "Range {range}: it ends at {} but range {next} starts at {}; carts in between would get no discount.",
            m(*max), m(*next_min)
        ),
        RangesError::Overlap { range, max, next, next_min } => format!(
            "Range {range}: it goes up to {}, past the start of range {next} ({}); the ranges overlap.",
            m(*max), m(*next_min)
        ),
        RangesError::EmptyRange { range, min, max } => format!(
            "Range {range}: its upper bound ({}) must be above its lower bound ({}).",
            m(*max), m(*min)
        ),
    }
}

fn issue_fr(issue: &StepIssue, currency: Currency) -> String {
    match issue {
        StepIssue::NoProfile => "Choisissez au moins un profil de client.".into(),
        StepIssue::Delay => "Entre 1 heure et 30 jours.".into(),
        StepIssue::NotANumber => "Un nombre est attendu.".into(),
        StepIssue::Percent => "Un pourcentage entre 0 et 100.".into(),
        StepIssue::AmountNotPositive => "Un montant supérieur à 0.".into(),
        StepIssue::Validity => "Entre 1 et 365 jours.".into(),
        StepIssue::RangeWithoutDiscount => "Choisissez une réduction pour cette tranche.".into(),
        StepIssue::Ranges { error } => ranges_fr(error, currency),
        StepIssue::NoTemplate => "Choisissez un modèle d'e-mail.".into(),
        StepIssue::UnknownAssignee => "Ce membre ne fait pas partie de la boutique.".into(),
        StepIssue::SplitTemplate => {
            "Choisissez pour la variante B un autre modèle que celui de la relance.".into()
        }
        StepIssue::SplitShare => {
            "La part de la variante B est un pourcentage entier de 1 à 99.".into()
        }
        StepIssue::WebhookUrl => {
            "Indiquez une adresse web complète, par exemple https://hooks.exemple.fr/relance."
                .into()
        }
        StepIssue::WebhookNotEncrypted => {
            "L'adresse doit commencer par https:// (http:// seulement vers localhost).".into()
        }
        StepIssue::GiftSku => {
            "La référence (SKU) du produit offert, sans espace, 64 caractères au plus.".into()
        }
        StepIssue::GiftName => {
            "Le nom du produit offert, tel que le client le lira (200 caractères au plus).".into()
        }
        StepIssue::SmsEmpty => "Écrivez le SMS dans au moins une langue.".into(),
        StepIssue::SmsTooLong { segments } => format!(
            "Une fois ses balises remplies, ce texte peut faire {segments} SMS : 3 au plus."
        ),
        StepIssue::SmsTag { tag } => format!("{{{tag}}} n'est pas une balise des SMS."),
    }
}

fn issue_en(issue: &StepIssue, currency: Currency) -> String {
    match issue {
        StepIssue::NoProfile => "Choose at least one customer profile.".into(),
        StepIssue::Delay => "From 1 hour to 30 days.".into(),
        StepIssue::NotANumber => "A number is expected.".into(),
        StepIssue::Percent => "A percentage above 0, at most 100.".into(),
        StepIssue::AmountNotPositive => "An amount above 0.".into(),
        StepIssue::Validity => "From 1 to 365 days.".into(),
        StepIssue::RangeWithoutDiscount => "Choose a discount for this range.".into(),
        StepIssue::Ranges { error } => ranges_en(error, currency),
        StepIssue::NoTemplate => "Choose an email template.".into(),
        StepIssue::UnknownAssignee => "This member is not in the shop's team.".into(),
        StepIssue::SplitTemplate => {
            "Choose another template for variant B than the reminder's.".into()
        }
        StepIssue::SplitShare => "Variant B's share is a whole percentage from 1 to 99.".into(),
        StepIssue::WebhookUrl => {
            "Give a full web address, such as https://hooks.example.com/relance.".into()
        }
        StepIssue::WebhookNotEncrypted => {
            "The address must start with https:// (http:// only to localhost).".into()
        }
        StepIssue::GiftSku => {
            "The gift product's SKU, without spaces, at most 64 characters.".into()
        }
        StepIssue::GiftName => {
            "The gift product's name as the customer reads it (at most 200 characters).".into()
        }
        StepIssue::SmsEmpty => "Write the SMS in at least one language.".into(),
        StepIssue::SmsTooLong { segments } => {
            format!("With its tags filled in, this text can take {segments} SMS: 3 at most.")
        }
        StepIssue::SmsTag { tag } => format!("{{{tag}}} is not a tag an SMS can use."),
    }
}

fn refusal_fr(refusal: &StepRefusal) -> String {
    match refusal {
        StepRefusal::TooMany => "Cinq relances au plus : supprimez-en une d'abord.".into(),
        StepRefusal::SameDelay { hours } => format!(
            "Une autre relance part déjà après {hours} heure(s) : choisissez un autre délai."
        ),
        StepRefusal::UnknownTemplate => "Ce modèle n'existe plus : choisissez-en un autre.".into(),
        StepRefusal::UnknownCollection => "Cette collection de codes n'existe pas.".into(),
    }
}

fn refusal_en(refusal: &StepRefusal) -> String {
    match refusal {
        StepRefusal::TooMany => "Five reminders at most: delete one first.".into(),
        StepRefusal::SameDelay { hours } => {
            format!(
                "Another reminder already goes out after {hours} hour(s): choose another delay."
            )
        }
        StepRefusal::UnknownTemplate => "This template no longer exists: choose another.".into(),
        StepRefusal::UnknownCollection => "This code collection does not exist.".into(),
    }
}

fn profiles_fr(active: bool, inactive: bool, never: bool) -> String {
    let mut names = Vec::new();
    if active {
        names.push("actifs");
    }
    if inactive {
        names.push("inactifs");
    }
    if never {
        names.push("sans commande");
    }
    format!("Clients {}", names.join(", "))
}

fn profiles_en(active: bool, inactive: bool, never: bool) -> String {
    let mut names = Vec::new();
    if active {
        names.push("active");
    }
    if inactive {
        names.push("inactive");
    }
    if never {
        names.push("never ordered");
    }
    format!("Customers: {}", names.join(", "))
}

fn unit_fr(unit: DelayUnit) -> &'static str {
    match unit {
        DelayUnit::Hours => "heures",
        DelayUnit::Days => "jours",
    }
}

fn unit_en(unit: DelayUnit) -> &'static str {
    match unit {
        DelayUnit::Hours => "hours",
        DelayUnit::Days => "days",
    }
}

fn kind_fr(kind: DiscountType) -> &'static str {
    match kind {
        DiscountType::None => "Aucune réduction",
        DiscountType::Percent => "Pourcentage",
        DiscountType::Amount => "Montant",
        DiscountType::FreeShipping => "Livraison offerte",
        DiscountType::FreeGift => "Produit offert",
    }
}

fn kind_en(kind: DiscountType) -> &'static str {
    match kind {
        DiscountType::None => "No discount",
        DiscountType::Percent => "Percentage",
        DiscountType::Amount => "Amount",
        DiscountType::FreeShipping => "Free shipping",
        DiscountType::FreeGift => "Free gift product",
    }
}

fn basis_fr(basis: ValueBasis) -> &'static str {
    match basis {
        ValueBasis::TaxIncluded => "Total TTC",
        ValueBasis::TaxExcluded => "Total HT",
    }
}

fn basis_en(basis: ValueBasis) -> &'static str {
    match basis {
        ValueBasis::TaxIncluded => "Total with tax",
        ValueBasis::TaxExcluded => "Total without tax",
    }
}

pub static FR: ReminderTexts = ReminderTexts {
    create: "Créer une nouvelle relance",
    limit_reached: "Cinq relances au plus, pour ne pas lasser vos clients : supprimez-en une pour en créer une autre.",
    escalation_label: "Escalade des remises",
    escalation_hint: "Une relance ne propose sa remise que si une relance précédente du même panier est partie sans remise : vos clients n'apprennent pas qu'abandonner un panier rapporte un code tout de suite.",
    col_actions: "Actions",
    preview: "Aperçu",
    edit: "Modifier",
    duplicate: "Dupliquer",
    delete: "Supprimer",
    confirm_delete: "Supprimer cette relance ? Les statistiques de ses envois sont conservées.",
    switch_label: "Relance activée",
    details_template: "Modèle",
    details_targets: "Cibles",
    details_discount: "Réduction",
    close: "Fermer",
    everyone: "Tous les clients",
    newsletter_only: "Inscrits à la newsletter seulement",
    profiles: profiles_fr,
    new_title: "Nouvelle relance",
    edit_title: "Modifier la relance",
    stages: ["1. Cible et fréquence", "2. Réduction", "3. E-mail"],
    cancel: "Annuler",
    previous: "Précédent",
    next: "Suivant",
    save: "Enregistrer la relance",
    saving: "Enregistrement…",
    exclude_non_subscribers: "Exclure les clients non inscrits à la newsletter",
    yes: "Oui",
    no: "Non",
    profiles_label: "Profils de clients",
    active: "Actifs (commande dans les 6 derniers mois)",
    inactive: "Inactifs (pas de commande depuis 6 mois)",
    never_ordered: "N'ayant jamais commandé",
    send_after: "Envoyer après",
    unit: unit_fr,
    by_cart_value: "Réductions différentes selon le montant du panier",
    discount_type: "Type de réduction",
    kind: kind_fr,
    value: "Valeur",
    validity: "Validité du code (jours)",
    combinable: "Cumulable avec d'autres codes",
    tax_included: "Appliquée sur le prix TTC",
    gift_sku: "Référence (SKU) du produit offert",
    gift_name: "Nom du produit dans l'e-mail",
    gift_help: "Créez dans votre boutique une règle panier qui offre ce produit pour les codes \
                Relance (module PrestaShop : « Offrir un cadeau »).",
    basis: basis_fr,
    basis_label: "Montant comparé",
    range_title: "Tranche {n}",
    from: "À partir de",
    to: "Jusqu'à",
    to_hint: "Facultatif : sans limite si vide. Chaque autre tranche s'arrête où commence la suivante.",
    add_range: "+ Ajouter une tranche",
    remove_range: "Retirer",
    range_template: "Modèle de cette tranche",
    range_template_step: "Celui de la relance (étape 3)",
    below_first: "Les paniers sous la première tranche ne reçoivent pas de réduction.",
    profit_hint: "Vérifiez que vos ventes restent rentables avec ces réductions (marge, frais de port).",
    template_label: "Modèle d'e-mail",
    new_template: "Ou créez un nouveau modèle (nom)",
    create_template: "Créer le modèle",
    no_template: "Aucun modèle : créez-en un dans l'onglet Modèles d'e-mail.",
    split_legend: "Test A/B",
    split_on: "Tester un autre modèle sur une partie des paniers",
    split_hint: "Chaque panier reçoit toujours la même variante, tirée au hasard. Les Statistiques comparent les deux variantes (commandes, ou clics tant qu'il y a peu de commandes) et permettent de garder la gagnante quand la différence est significative.",
    split_template: "Modèle de la variante B",
    split_share: "Part des paniers pour la variante B (%)",
    split_own_discount: "La variante B offre une autre réduction",
    split_discount_hint: "À la place de la réduction de la relance (« Aucune » : la variante B n'en offre pas). Garder la gagnante adopte aussi sa réduction.",
    issue: issue_fr,
    refusal: refusal_fr,
};

pub static EN: ReminderTexts = ReminderTexts {
    create: "Create a new reminder",
    limit_reached:
        "Five reminders at most, so customers are not harassed: delete one to create another.",
    escalation_label: "Discount escalation",
    escalation_hint: "A reminder offers its discount only if an earlier reminder of the same cart went out without one: customers do not learn that abandoning a cart brings a code at once.",
    col_actions: "Actions",
    preview: "Preview",
    edit: "Edit",
    duplicate: "Duplicate",
    delete: "Delete",
    confirm_delete: "Delete this reminder? The statistics of what it sent are kept.",
    switch_label: "Reminder enabled",
    details_template: "Template",
    details_targets: "Targets",
    details_discount: "Discount",
    close: "Close",
    everyone: "All customers",
    newsletter_only: "Newsletter subscribers only",
    profiles: profiles_en,
    new_title: "New reminder",
    edit_title: "Edit reminder",
    stages: ["1. Target and frequency", "2. Discount", "3. Email"],
    cancel: "Cancel",
    previous: "Previous",
    next: "Next",
    save: "Save reminder",
    saving: "Saving…",
    exclude_non_subscribers: "Exclude customers not subscribed to the newsletter",
    yes: "Yes",
    no: "No",
    profiles_label: "Customer profiles",
    active: "Active (ordered in the last 6 months)",
    inactive: "Inactive (no order for 6 months)",
    never_ordered: "Never ordered",
    send_after: "Send after",
    unit: unit_en,
    by_cart_value: "Different discounts depending on the cart value",
    discount_type: "Discount type",
    kind: kind_en,
    value: "Value",
    validity: "Code validity (days)",
    combinable: "Combinable with other codes",
    tax_included: "Applied on the price with tax",
    gift_sku: "Gift product SKU",
    gift_name: "Product name in the email",
    gift_help: "Set up a cart rule in your shop that adds this product for Relance's codes \
                (PrestaShop: \"Send a free gift\").",
    basis: basis_en,
    basis_label: "Value compared",
    range_title: "Range {n}",
    from: "From",
    to: "Up to",
    to_hint: "Optional: no limit when empty. Every other range ends where the next one starts.",
    add_range: "+ Add a range",
    remove_range: "Remove",
    range_template: "Template for this range",
    range_template_step: "The reminder's (stage 3)",
    below_first: "Carts below the first range get no discount.",
    profit_hint:
        "Check that your sales stay profitable with these discounts (margin, shipping costs).",
    template_label: "Email template",
    new_template: "Or create a new template (name)",
    create_template: "Create template",
    no_template: "No template yet: create one in the Email templates tab.",
    split_legend: "A/B test",
    split_on: "Test another template on a share of the carts",
    split_hint: "Each cart always gets the same variant, drawn at random. Statistics compares both variants (orders, or clicks while orders are few) and lets you keep the winner once the difference is significant.",
    split_template: "Variant B's template",
    split_share: "Share of carts for variant B (%)",
    split_own_discount: "Variant B offers another discount",
    split_discount_hint: "Instead of the reminder's discount (\"None\": variant B offers none). Keeping the winner adopts its discount too.",
    issue: issue_en,
    refusal: refusal_en,
};
