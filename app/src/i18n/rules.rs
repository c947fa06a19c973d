//! The Rules page, the rule editor and the cart page's "why this rule", in both languages.

use domain::rules::{Compare, Condition, OptionalField, StockLevel};
use domain::ValueBasis;

pub struct RuleTexts {
    pub title: &'static str,
    pub manage: &'static str,
    pub intro: &'static str,
    pub new_rule: &'static str,
    pub col_priority: &'static str,
    pub col_name: &'static str,
    pub col_conditions: &'static str,
    pub col_reminders: &'static str,
    pub col_status: &'static str,
    pub col_actions: &'static str,
    pub everyone: &'static str,
    pub running: &'static str,
    pub paused: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub confirm_delete: &'static str,
    pub last_rule: &'static str,
    pub reroute: &'static str,
    pub confirm_reroute: &'static str,
    pub rerouted: fn(u64) -> String,
    pub not_sent: fn(&str) -> String,
    pub editor_new: &'static str,
    pub editor_edit: &'static str,
    pub editor_intro: &'static str,
    pub name: &'static str,
    pub priority: &'static str,
    pub priority_hint: &'static str,
    pub customer: &'static str,
    pub cart: &'static str,
    pub when: &'static str,
    pub countries: &'static str,
    pub countries_hint: &'static str,
    pub groups: &'static str,
    pub list_hint: &'static str,
    pub genders: &'static str,
    pub gender_names: [&'static str; 3],
    pub age_min: &'static str,
    pub age_max: &'static str,
    pub orders: &'static str,
    pub compare_any: &'static str,
    pub compare: fn(Compare) -> &'static str,
    pub newsletter: &'static str,
    pub newsletter_any: &'static str,
    pub subscribed: &'static str,
    pub not_subscribed: &'static str,
    pub profiles: &'static str,
    pub profile_names: [&'static str; 3],
    pub amount: &'static str,
    pub tax_excluded: &'static str,
    pub skus: &'static str,
    pub skus_hint: &'static str,
    pub categories: &'static str,
    pub stock: &'static str,
    pub stock_any: &'static str,
    pub out_of_stock: &'static str,
    pub low_stock: &'static str,
    pub stock_below: &'static str,
    pub period_from: &'static str,
    pub period_to: &'static str,
    pub weekdays: &'static str,
    pub weekday_names: [&'static str; 7],
    pub hour_from: &'static str,
    pub hour_until: &'static str,
    pub first_time: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub cancel: &'static str,
    pub invalid: &'static str,
    pub why_title: &'static str,
    pub why_intro: &'static str,
    pub col_condition: &'static str,
    pub col_value: &'static str,
    pub col_result: &'static str,
    pub unknown: &'static str,
    pub passed: &'static str,
    pub failed: &'static str,
    pub state_chosen: &'static str,
    pub state_outranked: &'static str,
    pub state_failed: &'static str,
    pub state_paused: &'static str,
    pub no_rule: &'static str,
    pub recorded: fn(&str) -> String,
    pub describe: fn(&Condition) -> String,
    pub delay_from: &'static str,
    pub from_abandonment: &'static str,
    pub from_previous: &'static str,
    pub after_previous: &'static str,
}

fn join(values: &[String]) -> String {
    values.join(", ")
}

fn compare_fr(compare: Compare) -> &'static str {
    match compare {
        Compare::Below => "moins de",
        Compare::AtMost => "au plus",
        Compare::Equal => "exactement",
        Compare::AtLeast => "au moins",
        Compare::Above => "plus de",
    }
}

fn compare_en(compare: Compare) -> &'static str {
    match compare {
        Compare::Below => "below",
        Compare::AtMost => "at most",
        Compare::Equal => "exactly",
        Compare::AtLeast => "at least",
        Compare::Above => "above",
    }
}

fn hours(from: Option<u8>, until: Option<u8>) -> Option<String> {
    (from.is_some() || until.is_some())
        .then(|| format!("{:02}:00–{:02}:00", from.unwrap_or(0), until.unwrap_or(24)))
}

fn describe_fr(condition: &Condition) -> String {
    match condition {
        Condition::Country { countries } => format!("Pays : {}", join(countries)),
        Condition::CustomerGroup { groups } => format!("Groupe client : {}", join(groups)),
        Condition::Gender { genders } => format!(
            "Civilité : {}",
            genders
                .iter()
                .map(|g| FR.gender_names[*g as usize])
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Condition::Age { min, max } => match (min, max) {
            (Some(min), Some(max)) => format!("Âge de {min} à {max} ans"),
            (Some(min), None) => format!("Âge d'au moins {min} ans"),
            (None, Some(max)) => format!("Âge d'au plus {max} ans"),
            (None, None) => "Tout âge".into(),
        },
        Condition::PastOrders { compare, count } => {
            format!("Commandes passées : {} {count}", compare_fr(*compare))
        }
        Condition::Newsletter { subscribed: true } => "Inscrit à la newsletter".into(),
        Condition::Newsletter { subscribed: false } => "Non inscrit à la newsletter".into(),
        Condition::Profile { profiles } => {
            let names: Vec<&str> = [
                profiles.active(),
                profiles.inactive(),
                profiles.never_ordered(),
            ]
            .into_iter()
            .zip(FR.profile_names)
            .filter_map(|(on, name)| on.then_some(name))
            .collect();
            format!("Client {}", names.join(" ou "))
        }
        Condition::CartAmount {
            compare,
            amount,
            basis,
        } => format!(
            "Montant du panier {} : {} {amount}",
            if *basis == ValueBasis::TaxExcluded {
                "HT"
            } else {
                "TTC"
            },
            compare_fr(*compare)
        ),
        Condition::Products { skus } => format!("Produit dans le panier : {}", join(skus)),
        Condition::Categories { categories } => format!("Catégorie : {}", join(categories)),
        Condition::Stock {
            level: StockLevel::OutOfStock,
        } => "Un produit en rupture".into(),
        Condition::Stock {
            level: StockLevel::Low { below },
        } => {
            format!("Un produit à moins de {below} en stock")
        }
        Condition::Period {
            from,
            to,
            weekdays,
            from_hour,
            until_hour,
        } => {
            let mut parts = Vec::new();
            if let Some(from) = from {
                parts.push(format!("à partir du {from}"));
            }
            if let Some(to) = to {
                parts.push(format!("jusqu'au {to}"));
            }
            if !weekdays.is_empty() {
                let days: Vec<&str> = weekdays
                    .iter()
                    .map(|d| FR.weekday_names[usize::from(*d) - 1])
                    .collect();
                parts.push(days.join(", "));
            }
            parts.extend(hours(*from_hour, *until_hour));
            format!("Abandonné {}", parts.join(", "))
        }
        Condition::FirstTimeForCustomer => "Règle jamais appliquée à ce client".into(),
    }
}

fn describe_en(condition: &Condition) -> String {
    match condition {
        Condition::Period {
            from,
            to,
            weekdays,
            from_hour,
            until_hour,
        } => {
            let mut parts = Vec::new();
            if let Some(from) = from {
                parts.push(format!("from {from}"));
            }
            if let Some(to) = to {
                parts.push(format!("until {to}"));
            }
            if !weekdays.is_empty() {
                let days: Vec<&str> = weekdays
                    .iter()
                    .map(|d| EN.weekday_names[usize::from(*d) - 1])
                    .collect();
                parts.push(days.join(", "));
            }
            parts.extend(hours(*from_hour, *until_hour));
            format!("Abandoned {}", parts.join(", "))
        }
        other => domain::rules::describe(other),
    }
}

fn field_fr(path: &str) -> String {
    format!("Votre boutique n'envoie pas encore {path} : cette condition ne peut pas être vraie.")
}

fn field_en(path: &str) -> String {
    format!("Your shop does not send {path} yet: this condition cannot hold.")
}

/// The events API path of a field, as the editor's flag names it.
pub fn field_path(field: OptionalField) -> &'static str {
    field.api_path()
}

pub static FR: RuleTexts = RuleTexts {
    title: "Règles",
    manage: "Gérer les règles",
    intro: "Chaque panier abandonné suit la première règle active, par priorité décroissante, dont toutes les conditions sont vraies. Le choix est enregistré au premier envoi : modifier une règle ne change pas les paniers déjà en cours, sauf si vous les réorientez.",
    new_rule: "Nouvelle règle",
    col_priority: "Priorité",
    col_name: "Règle",
    col_conditions: "Conditions",
    col_reminders: "Relances",
    col_status: "État",
    col_actions: "Actions",
    everyone: "Tous les paniers",
    running: "Active",
    paused: "En pause",
    pause: "Mettre en pause",
    resume: "Activer",
    edit: "Modifier",
    delete: "Supprimer",
    confirm_delete: "Supprimer cette règle et ses relances ? Les envois passés restent dans les statistiques.",
    last_rule: "La dernière règle de la boutique ne peut pas être supprimée.",
    reroute: "Réorienter les paniers en cours",
    confirm_reroute: "Les paniers en cours dans cette règle seront réattribués selon les règles actuelles au prochain passage. Continuer ?",
    rerouted: |n| format!("{n} panier(s) réorienté(s) au prochain passage."),
    not_sent: field_fr,
    editor_new: "Nouvelle règle",
    editor_edit: "Modifier la règle",
    editor_intro: "Laissez vide ce qui ne compte pas : seules les conditions remplies s'appliquent, et toutes doivent être vraies.",
    name: "Nom",
    priority: "Priorité",
    priority_hint: "De -1000 à 1000 ; la plus haute passe d'abord, à égalité la plus ancienne.",
    customer: "Client",
    cart: "Panier",
    when: "Période d'abandon (heure de la boutique)",
    countries: "Pays",
    countries_hint: "Codes à deux lettres séparés par des virgules, comme FR, BE.",
    groups: "Groupes clients",
    list_hint: "Séparés par des virgules ou un par ligne.",
    genders: "Civilité",
    gender_names: ["Homme", "Femme", "Autre"],
    age_min: "Âge minimum",
    age_max: "Âge maximum",
    orders: "Commandes passées",
    compare_any: "Peu importe",
    compare: compare_fr,
    newsletter: "Newsletter",
    newsletter_any: "Peu importe",
    subscribed: "Inscrit",
    not_subscribed: "Non inscrit",
    profiles: "Profil",
    profile_names: ["actif", "inactif", "sans commande"],
    amount: "Montant du panier",
    tax_excluded: "Hors taxes",
    skus: "Produits (références)",
    skus_hint: "Une référence par ligne ; la liste propose les produits vus dans vos paniers.",
    categories: "Catégories",
    stock: "Stock",
    stock_any: "Peu importe",
    out_of_stock: "Un produit en rupture",
    low_stock: "Un produit en stock faible",
    stock_below: "Moins de (unités)",
    period_from: "Du",
    period_to: "Au",
    weekdays: "Jours",
    weekday_names: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
    hour_from: "De (heure)",
    hour_until: "À (heure)",
    first_time: "Seulement si cette règle n'a jamais relancé ce client",
    save: "Enregistrer la règle",
    saved: "Règle enregistrée.",
    cancel: "Retour aux règles",
    invalid: "Corrigez les champs signalés.",
    why_title: "Pourquoi cette règle",
    why_intro: "Chaque règle par priorité, avec la valeur du panier pour chaque condition.",
    col_condition: "Condition",
    col_value: "Valeur du panier",
    col_result: "Résultat",
    unknown: "inconnue",
    passed: "vraie",
    failed: "fausse",
    state_chosen: "choisie",
    state_outranked: "vraie, mais après la règle choisie",
    state_failed: "non retenue",
    state_paused: "en pause",
    no_rule: "Aucune règle ne retient ce panier : il ne recevra pas de relance.",
    recorded: |name| format!("Règle enregistrée pour la séquence en cours : {name}."),
    describe: describe_fr,
    delay_from: "Compter le délai depuis",
    from_abandonment: "l'abandon du panier",
    from_previous: "la relance précédente",
    after_previous: "après la relance précédente",
};

pub static EN: RuleTexts = RuleTexts {
    title: "Rules",
    manage: "Manage rules",
    intro: "Each abandoned cart follows the first active rule, highest priority first, whose conditions all hold. The choice is recorded at the first send: editing a rule does not move carts already in a sequence, unless you re-route them.",
    new_rule: "New rule",
    col_priority: "Priority",
    col_name: "Rule",
    col_conditions: "Conditions",
    col_reminders: "Reminders",
    col_status: "Status",
    col_actions: "Actions",
    everyone: "Every cart",
    running: "Running",
    paused: "Paused",
    pause: "Pause",
    resume: "Turn on",
    edit: "Edit",
    delete: "Delete",
    confirm_delete: "Delete this rule and its reminders? Past sends stay in the statistics.",
    last_rule: "The shop's last rule cannot be deleted.",
    reroute: "Re-route carts in progress",
    confirm_reroute: "Carts in this rule's sequences will be chosen again under the current rules at the next pass. Continue?",
    rerouted: |n| format!("{n} cart(s) re-routed at the next pass."),
    not_sent: field_en,
    editor_new: "New rule",
    editor_edit: "Edit rule",
    editor_intro: "Leave empty what does not matter: only the conditions you fill apply, and all must hold.",
    name: "Name",
    priority: "Priority",
    priority_hint: "From -1000 to 1000; the highest goes first, ties to the oldest.",
    customer: "Customer",
    cart: "Cart",
    when: "When abandoned (shop time)",
    countries: "Countries",
    countries_hint: "Two-letter codes separated by commas, like FR, BE.",
    groups: "Customer groups",
    list_hint: "Separated by commas or one per line.",
    genders: "Gender",
    gender_names: ["Male", "Female", "Other"],
    age_min: "Minimum age",
    age_max: "Maximum age",
    orders: "Past orders",
    compare_any: "Any",
    compare: compare_en,
    newsletter: "Newsletter",
    newsletter_any: "Any",
    subscribed: "Subscribed",
    not_subscribed: "Not subscribed",
    profiles: "Profile",
    profile_names: ["active", "inactive", "never ordered"],
    amount: "Cart total",
    tax_excluded: "Tax excluded",
    skus: "Products (SKUs)",
    skus_hint: "One SKU per line; the list offers the products seen in your carts.",
    categories: "Categories",
    stock: "Stock",
    stock_any: "Any",
    out_of_stock: "A product out of stock",
    low_stock: "A product low in stock",
    stock_below: "Fewer than (units)",
    period_from: "From",
    period_to: "To",
    weekdays: "Days",
    weekday_names: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    hour_from: "From (hour)",
    hour_until: "Until (hour)",
    first_time: "Only if this rule never reminded this customer",
    save: "Save rule",
    saved: "Rule saved.",
    cancel: "Back to rules",
    invalid: "Fix the fields marked.",
    why_title: "Why this rule",
    why_intro: "Every rule by priority, with the cart's value for each condition.",
    col_condition: "Condition",
    col_value: "Cart's value",
    col_result: "Result",
    unknown: "unknown",
    passed: "holds",
    failed: "fails",
    state_chosen: "chosen",
    state_outranked: "holds, but after the chosen rule",
    state_failed: "not met",
    state_paused: "paused",
    no_rule: "No rule takes this cart: it gets no reminder.",
    recorded: |name| format!("Rule recorded for the current sequence: {name}."),
    describe: describe_en,
    delay_from: "Count the delay from",
    from_abandonment: "the cart's abandonment",
    from_previous: "the previous reminder",
    after_previous: "after the previous reminder",
};
