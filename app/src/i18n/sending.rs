//! The texts of the Automatic sending tab, in both languages.

pub struct SendingTexts {
    pub title: &'static str,
    pub scheduler_title: &'static str,
    pub scheduler_explain: &'static str,
    pub next_run: &'static str,
    pub no_run_yet: &'static str,
    pub queue: fn(u64, u64) -> String,
    /// The last run stopped on a fault: when, and what to fix.
    pub stopped: fn(&str, &str) -> String,
    pub run_now: &'static str,
    pub running: &'static str,
    pub already_running: &'static str,
    /// `{due}`, `{sent}`, `{skipped}` and `{failed}` stand for the run's figures.
    pub run_result: &'static str,
    pub runs_title: &'static str,
    pub col_started: &'static str,
    pub col_trigger: &'static str,
    pub col_duration: &'static str,
    pub col_due: &'static str,
    pub col_sent: &'static str,
    pub col_skipped: &'static str,
    pub col_failed: &'static str,
    pub trigger: fn(&str) -> &'static str,
    pub errors_title: &'static str,
    pub no_errors: &'static str,
    pub retrying: &'static str,
    pub failed_for_good: &'static str,
    pub cron_title: &'static str,
    pub cron_explain: &'static str,
    pub cron_url: &'static str,
    pub cron_token: &'static str,
    pub cron_command: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub regenerate: &'static str,
    pub confirm_regenerate: &'static str,
    pub regenerated: &'static str,
}

fn stopped_fr(at: &str, error: &str) -> String {
    format!("Envoi arrêté le {at} : {error}. Les relances attendent dans la file et partiront une fois le problème réglé.")
}

fn stopped_en(at: &str, error: &str) -> String {
    format!("Sending stopped at {at}: {error}. Reminders wait in the queue and go out once it is fixed.")
}

fn queue_fr(due: u64, later: u64) -> String {
    format!("File d'attente : {due} à envoyer maintenant, {later} en attente d'un nouvel essai.")
}

fn queue_en(due: u64, later: u64) -> String {
    format!("Queue: {due} to send now, {later} waiting for a retry.")
}

fn trigger_fr(trigger: &str) -> &'static str {
    match trigger {
        "scheduler" => "Planificateur",
        "cron" => "URL cron",
        "cli" => "Ligne de commande",
        "admin" => "Lancer maintenant",
        _ => "Autre",
    }
}

fn trigger_en(trigger: &str) -> &'static str {
    match trigger {
        "scheduler" => "Scheduler",
        "cron" => "Cron URL",
        "cli" => "Command line",
        "admin" => "Run now",
        _ => "Other",
    }
}

pub static FR: SendingTexts = SendingTexts {
    title: "Envoi automatique",
    scheduler_title: "Planificateur intégré",
    scheduler_explain: "Relance envoie les relances toute seule : le planificateur intégré tourne au moins toutes les heures et aussi quand une relance arrive à échéance, après une pause de neuf fois la durée du passage précédent (une seconde pour une petite boutique, une demi-minute pour 100 000 paniers ouverts). Rien à configurer.",
    next_run: "Prochain passage :",
    no_run_yet: "Le planificateur n'a pas encore tourné.",
    queue: queue_fr,
    stopped: stopped_fr,
    run_now: "Lancer maintenant",
    running: "En cours…",
    already_running: "Un envoi est déjà en cours : rien n'a été lancé. Réessayez dans un instant.",
    run_result: "Terminé : {due} à échéance, {sent} envoyées, {skipped} non envoyées, {failed} en échec.",
    runs_title: "Derniers passages",
    col_started: "Début",
    col_trigger: "Déclenché par",
    col_duration: "Durée",
    col_due: "À échéance",
    col_sent: "Envoyées",
    col_skipped: "Non envoyées",
    col_failed: "Échecs",
    trigger: trigger_fr,
    errors_title: "Dernières erreurs d'envoi",
    no_errors: "Aucune erreur récente.",
    retrying: "nouvel essai prévu",
    failed_for_good: "échec définitif",
    cron_title: "URL cron (facultatif)",
    cron_explain: "Si vous préférez déclencher les envois depuis un cron externe (celui de votre hébergeur par exemple), appelez cette URL en POST avec le jeton. Le planificateur intégré continue de tourner ; deux passages ne se chevauchent jamais.",
    cron_url: "URL",
    cron_token: "Jeton secret",
    cron_command: "Commande à planifier",
    copy: "Copier",
    copied: "Copié",
    regenerate: "Générer un nouveau jeton",
    confirm_regenerate: "Générer un nouveau jeton ? L'ancien cessera de fonctionner immédiatement : pensez à mettre à jour votre cron.",
    regenerated: "Nouveau jeton enregistré.",
};

pub static EN: SendingTexts = SendingTexts {
    title: "Automatic sending",
    scheduler_title: "Built-in scheduler",
    scheduler_explain: "Relance sends reminders by itself: the built-in scheduler runs at least every hour and also when a reminder falls due, after a rest of nine times the previous run's length (a second for a small shop, half a minute for 100,000 open carts). Nothing to set up.",
    next_run: "Next run:",
    no_run_yet: "The scheduler has not run yet.",
    queue: queue_en,
    stopped: stopped_en,
    run_now: "Run now",
    running: "Running…",
    already_running: "A run is already going on: nothing was started. Try again in a moment.",
    run_result: "Done: {due} due, {sent} sent, {skipped} skipped, {failed} failed.",
    runs_title: "Latest runs",
    col_started: "Started",
    col_trigger: "Started by",
    col_duration: "Duration",
    col_due: "Due",
    col_sent: "Sent",
    col_skipped: "Skipped",
    col_failed: "Failed",
    trigger: trigger_en,
    errors_title: "Latest sending errors",
    no_errors: "No recent errors.",
    retrying: "will retry",
    failed_for_good: "failed for good",
    cron_title: "Cron URL (optional)",
    cron_explain: "If you prefer to trigger sending from an external cron (your host's, for example), call this URL with POST and the token. The built-in scheduler keeps running; two runs never overlap.",
    cron_url: "URL",
    cron_token: "Secret token",
    cron_command: "Command to schedule",
    copy: "Copy",
    copied: "Copied",
    regenerate: "Make a new token",
    confirm_regenerate: "Make a new token? The old one stops working at once: remember to update your cron.",
    regenerated: "New token saved.",
};
