//! The rule texts that are functions: conditions, comparisons and pre-launch findings, worded
//! in each language.

use domain::rules::{Compare, Condition, LaunchProblem, StockLevel};
use domain::ValueBasis;

pub(super) const GENDERS_FR: [&str; 3] = ["Homme", "Femme", "Autre"];
pub(super) const GENDERS_EN: [&str; 3] = ["Male", "Female", "Other"];
pub(super) const PROFILES_FR: [&str; 3] = ["actif", "inactif", "sans commande"];
pub(super) const PROFILES_EN: [&str; 3] = ["active", "inactive", "never ordered"];
pub(super) const WEEKDAYS_FR: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
pub(super) const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn join(values: &[String]) -> String {
    values.join(", ")
}

pub(super) fn compare_fr(compare: Compare) -> &'static str {
    match compare {
        Compare::Below => "moins de",
        Compare::AtMost => "au plus",
        Compare::Equal => "exactement",
        Compare::AtLeast => "au moins",
        Compare::Above => "plus de",
    }
}

pub(super) fn compare_en(compare: Compare) -> &'static str {
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

pub(super) fn describe_fr(condition: &Condition) -> String {
    match condition {
        Condition::Country { countries } => format!("Pays : {}", join(countries)),
        Condition::CustomerGroup { groups } => format!("Groupe client : {}", join(groups)),
        Condition::Gender { genders } => format!(
            "Civilité : {}",
            genders
                .iter()
                .map(|g| GENDERS_FR[*g as usize])
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
            .zip(PROFILES_FR)
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
                    .map(|d| WEEKDAYS_FR[usize::from(*d) - 1])
                    .collect();
                parts.push(days.join(", "));
            }
            parts.extend(hours(*from_hour, *until_hour));
            format!("Abandonné {}", parts.join(", "))
        }
        Condition::FirstTimeForCustomer => "Règle jamais appliquée à ce client".into(),
    }
}

pub(super) fn describe_en(condition: &Condition) -> String {
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
                    .map(|d| WEEKDAYS_EN[usize::from(*d) - 1])
                    .collect();
                parts.push(days.join(", "));
            }
            parts.extend(hours(*from_hour, *until_hour));
            format!("Abandoned {}", parts.join(", "))
        }
        other => domain::rules::describe(other),
    }
}

pub(super) fn field_fr(path: &str) -> String {
    format!("Votre boutique n'envoie pas encore {path} : cette condition ne peut pas être vraie.")
}

pub(super) fn field_en(path: &str) -> String {
    format!("Your shop does not send {path} yet: this condition cannot hold.")
}

pub(super) fn launch_fr(problem: &LaunchProblem) -> String {
    match problem {
        LaunchProblem::NoReminder => {
            "Aucune relance active : la règle retient ses paniers sans rien envoyer.".into()
        }
        LaunchProblem::TemplateMissing { step } => {
            format!("Relance {step} : son modèle n'existe plus (bloquant).")
        }
        LaunchProblem::FallsBackToEnglish { step, language } => format!(
            "Relance {step} : pas de texte en {}, ces clients la reçoivent en anglais.",
            language.code()
        ),
        LaunchProblem::NotSent { step, language } => format!(
            "Relance {step} : ni texte en {} ni en anglais, ces clients ne la reçoivent pas.",
            language.code()
        ),
        LaunchProblem::UnknownTag { step, language, tag } => format!(
            "Relance {step} ({}) : la balise {{{tag}}} est inconnue et partirait telle quelle (bloquant).",
            language.code()
        ),
        LaunchProblem::UnsubscribeMissing { step, language } => format!(
            "Relance {step} ({}) : le texte de désinscription n'a pas la balise {{unsubscribe}} ; le lien est ajouté à la fin.",
            language.code()
        ),
        LaunchProblem::CouponExpiresFirst { step, days, next_after_hours } => format!(
            "Relance {step} : son code expire après {days} jour(s), avant la relance suivante ({next_after_hours} h plus tard)."
        ),
        LaunchProblem::Shadowed { by } => format!(
            "La règle « {by} », essayée avant, est vraie chaque fois que celle-ci l'est : celle-ci ne s'appliquera jamais."
        ),
        LaunchProblem::NoSender => {
            "Aucune adresse d'expéditeur dans les Paramètres : les e-mails partent de l'adresse par défaut du serveur.".into()
        }
        LaunchProblem::CodesRunningOut { step, left } => format!(
            "Relance {step} : sa collection de codes n'en a plus que {left} ; une fois vide, la relance part sans code."
        ),
        LaunchProblem::NoSmsProvider { step } => format!(
            "Relance {step} : c'est un SMS, et aucun fournisseur SMS n'est configuré (page Connexion) ; ses messages attendent."
        ),
    }
}

pub(super) fn launch_en(problem: &LaunchProblem) -> String {
    match problem {
        LaunchProblem::NoReminder => {
            "No reminder is on: the rule keeps its carts and sends nothing.".into()
        }
        LaunchProblem::TemplateMissing { step } => {
            format!("Reminder {step}: its template no longer exists (blocking).")
        }
        LaunchProblem::FallsBackToEnglish { step, language } => format!(
            "Reminder {step}: no text in {}, those customers get it in English.",
            language.code()
        ),
        LaunchProblem::NotSent { step, language } => format!(
            "Reminder {step}: no text in {} nor in English, those customers do not get it.",
            language.code()
        ),
        LaunchProblem::UnknownTag { step, language, tag } => format!(
            "Reminder {step} ({}): the tag {{{tag}}} is unknown and would go out as typed (blocking).",
            language.code()
        ),
        LaunchProblem::UnsubscribeMissing { step, language } => format!(
            "Reminder {step} ({}): the unsubscribe text lacks the {{unsubscribe}} tag; the link is added at its end.",
            language.code()
        ),
        LaunchProblem::CouponExpiresFirst { step, days, next_after_hours } => format!(
            "Reminder {step}: its code expires after {days} day(s), before the next reminder ({next_after_hours} h later)."
        ),
        LaunchProblem::Shadowed { by } => format!(
            "The rule \"{by}\", tried before, holds whenever this one does: this one will never apply."
        ),
        LaunchProblem::NoSender => {
            "No sender address in Settings: emails go from the server's default address.".into()
        }
        LaunchProblem::CodesRunningOut { step, left } => format!(
            "Reminder {step}: its code collection has {left} code(s) left; once empty, the reminder goes without a code."
        ),
        LaunchProblem::NoSmsProvider { step } => format!(
            "Reminder {step}: it is an SMS, and no SMS provider is set up (Connect page); its messages wait."
        ),
    }
}
