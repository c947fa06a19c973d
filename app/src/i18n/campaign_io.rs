//! The campaign tools' texts (pause, export, import), in both languages.

use domain::campaign::export::{ImportProblem, ReviewNote};

pub struct CampaignIoTexts {
    pub title: &'static str,
    pub paused_notice: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub export: &'static str,
    pub import_label: &'static str,
    pub import: &'static str,
    pub confirm_import: &'static str,
    pub imported: fn(usize, usize) -> String,
    pub not_imported: &'static str,
    pub review: fn(&ReviewNote) -> String,
    pub problem: fn(&ImportProblem) -> String,
}

fn problem_fr(problem: &ImportProblem) -> String {
    match problem {
        ImportProblem::Unreadable { message } => format!("Fichier illisible : {message}"),
        ImportProblem::NotACampaign => {
            "Ce fichier n'est pas une campagne exportée de Relance.".into()
        }
        ImportProblem::NewerVersion { version } => {
            format!("Fichier de version {version}, plus récente que ce Relance : mettez Relance à jour.")
        }
        ImportProblem::Step { step, problems } => {
            format!(
                "Relance {step} : {} problème(s) ; ouvrez-la dans la boutique d'origine.",
                problems.len()
            )
        }
        ImportProblem::Template { template, problems } => format!(
            "Modèle {template} : {}",
            problems
                .iter()
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
                .join(" ; ")
        ),
        ImportProblem::MissingTemplate { step } => {
            format!("La relance {step} envoie un modèle absent du fichier.")
        }
        ImportProblem::Campaign { message } => message.clone(),
        ImportProblem::Condition { condition, message } => {
            format!("condition {condition} de la règle : {message}")
        }
    }
}

fn problem_en(problem: &ImportProblem) -> String {
    match problem {
        ImportProblem::Unreadable { message } => format!("Unreadable file: {message}"),
        ImportProblem::NotACampaign => "This file is not a campaign exported from Relance.".into(),
        ImportProblem::NewerVersion { version } => {
            format!("The file is version {version}, newer than this Relance: update Relance.")
        }
        ImportProblem::Step { step, problems } => {
            format!(
                "Reminder {step}: {} problem(s); open it in the shop it came from.",
                problems.len()
            )
        }
        ImportProblem::Template { template, problems } => format!(
            "Template {template}: {}",
            problems
                .iter()
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        ImportProblem::MissingTemplate { step } => {
            format!("Reminder {step} sends a template the file does not hold.")
        }
        ImportProblem::Campaign { message } => message.clone(),
        ImportProblem::Condition { condition, message } => {
            format!("rule condition {condition}: {message}")
        }
    }
}

pub static FR: CampaignIoTexts = CampaignIoTexts {
    title: "Campagne",
    paused_notice: "Campagne en pause : aucune relance n'est envoyée, même les nouvelles tentatives, jusqu'à la reprise.",
    pause: "Mettre la campagne en pause",
    resume: "Reprendre la campagne",
    export: "Exporter (JSON)",
    import_label: "Importer une campagne exportée",
    import: "Importer",
    confirm_import: "Remplacer les relances de cette boutique par celles du fichier ? Elles arrivent désactivées.",
    imported: |steps, templates| {
        format!("Importé : {steps} relance(s), désactivées jusqu'à ce que vous les activiez, et {templates} modèle(s).")
    },
    not_imported: "Rien n'a été importé :",
    review: |note| match note {
        ReviewNote::Currency { step, from, to } => format!(
            "À revoir : les montants de la relance {step} sont en {}, cette boutique compte en {}.",
            from.code(),
            to.code()
        ),
    },
    problem: problem_fr,
};

pub static EN: CampaignIoTexts = CampaignIoTexts {
    title: "Campaign",
    paused_notice: "Campaign paused: no reminder goes out, retries included, until you resume it.",
    pause: "Pause the campaign",
    resume: "Resume the campaign",
    export: "Export (JSON)",
    import_label: "Import an exported campaign",
    import: "Import",
    confirm_import: "Replace this shop's reminders with the file's? They arrive switched off.",
    imported: |steps, templates| {
        format!("Imported: {steps} reminder(s), switched off until you turn them on, and {templates} template(s).")
    },
    not_imported: "Nothing was imported:",
    review: |note| match note {
        ReviewNote::Currency { step, from, to } => format!(
            "To review: reminder {step}'s amounts are in {}, this shop counts in {}.",
            from.code(),
            to.code()
        ),
    },
    problem: problem_en,
};
