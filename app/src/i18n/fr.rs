use domain::{format, lifecycle::CartStatus, Currency, DelayUnit, DiscountSummary, Language};

use super::texts::Texts;

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
        DiscountSummary::FreeGift { name } => format!("Produit offert : {name}"),
        DiscountSummary::DependsOnCartValue => "Selon le montant du panier".into(),
    }
}

fn status(status: CartStatus) -> &'static str {
    match status {
        CartStatus::Checking => "En observation",
        CartStatus::Waiting => "En attente",
        CartStatus::InProgress => "En cours",
        CartStatus::Finished => "Terminé",
        CartStatus::Recovered => "Récupéré",
        CartStatus::Ordered => "Commandé",
        CartStatus::Emptied => "Vidé",
        CartStatus::Deleted => "Supprimé",
    }
}

fn carts_summary(total: u64, page: u32, pages: u32) -> String {
    let plural = if total > 1 { "s" } else { "" };
    format!("{total} panier{plural} · page {page} sur {pages}")
}

fn sequence_since(sequence: u32, since: Option<&str>) -> String {
    let times = sequence - 1;
    match since {
        Some(at) => format!("redémarrée {times} fois, la dernière le {}", at),
        None => format!("redémarrée {times} fois"),
    }
}

fn date_time(at: chrono::NaiveDateTime) -> String {
    at.format("%d/%m/%Y %H:%M").to_string()
}

fn timeline_event(event_type: &str, outcome: &str) -> String {
    let what = match event_type {
        "cart_updated" => "Panier mis à jour",
        "cart_deleted" => "Panier supprimé par la boutique",
        "order_completed" => "Commande reçue",
        "order_updated" => "Statut de commande reçu",
        other => other,
    };
    let effect = match outcome {
        "created" => "nouveau panier",
        "applied" => "appliqué",
        "restarted_item_added" => {
            "redémarré car un produit a été ajouté après une relance : les relances reprennent à la première"
        }
        "restarted_quantity_up" => {
            "redémarré car une quantité a augmenté après une relance : les relances reprennent à la première"
        }
        // Avant l'enregistrement des séquences, tout changement d'articles était un redémarrage.
        "restarted" => "articles modifiés : les relances repartent de zéro",
        "stale" => "ignoré : plus ancien que l'état connu",
        "after_order" => "ignoré : le panier est déjà commandé",
        "unknown_cart" => "panier inconnu",
        other => other,
    };
    format!("{what} ({effect})")
}

fn timeline_request(by: &str, handled: bool) -> String {
    if handled {
        format!("Relance demandée par {by}, prise en charge")
    } else {
        format!("Relance demandée par {by}, en attente du moteur d'envoi")
    }
}

fn skip_reason(reason: &str) -> &str {
    match reason {
        "ordered" => "commande passée",
        "emptied" => "panier vidé",
        "deleted" => "panier supprimé",
        "unsubscribed" => "client désinscrit",
        "suppressed" => "adresse en échec permanent",
        "not_subscribed_to_newsletter" => "non inscrit à la newsletter",
        "outside_audience" => "hors de la cible",
        "no_content_for_language" => "pas de texte dans sa langue ni en anglais",
        "template_missing" => "modèle introuvable",
        "too_late" => "trop en retard",
        "re_entry_limit" => "nouveau redémarrage dans la période de réentrée (Paramètres)",
        "stopped" => "relances arrêtées par la boutique",
        "no_consent" => "pas de consentement du client (exigé dans les Paramètres)",
        "control_group" => "dans le groupe témoin de la règle, qui ne reçoit rien",
        "no_phone" => "pas de numéro de mobile",
        "no_sms_consent" => "SMS non acceptés par le client, ou numéro arrêté (STOP ou refusé)",
        other => other,
    }
}

fn timeline_coupon(code: &str, redeemed_by: Option<&str>) -> String {
    match redeemed_by {
        Some(order) => format!("code {code}, utilisé par la commande {order}"),
        None => format!("code {code}, non utilisé"),
    }
}

fn timeline_reminder(delay: &str, status: &str, reason: Option<&str>) -> String {
    match status {
        "sent" => format!("Relance « {delay} » envoyée"),
        "queued" => match reason {
            Some(error) => format!("Relance « {delay} » : nouvel essai prévu ({error})"),
            None => format!("Relance « {delay} » en file d'envoi"),
        },
        "failed" => format!("Relance « {delay} » en échec : {}", reason.unwrap_or("")),
        _ => format!(
            "Relance « {delay} » non envoyée : {}",
            skip_reason(reason.unwrap_or(""))
        ),
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
    load_failed: "Impossible de charger les relances. Réessayez dans un instant.",
    sending_intro: "L'état du planificateur intégré, le bouton « Lancer maintenant » et l'URL cron sécurisée pour un cron externe.",
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
    carts_intro_live: "Les paniers reçus de la boutique, du plus récent au plus ancien. Un panier avec des articles, un e-mail et sans commande est abandonné après le délai sans activité réglé dans les Paramètres (30 minutes par défaut).",
    kpi_conversion: "Taux de conversion (30 jours)",
    kpi_abandoned_today: "Abandonnés aujourd'hui",
    kpi_average_cart: "Panier moyen (30 jours)",
    filter_status: "État",
    filter_all: "Tous",
    filter_from: "Activité depuis le",
    filter_to: "jusqu'au",
    filter_search: "Client ou panier",
    filter_search_placeholder: "Nom, e-mail ou n° de panier",
    filter_min_total: "Total minimum",
    filter_apply: "Filtrer",
    filter_reset: "Effacer les filtres",
    col_cart: "Panier",
    col_customer: "Client",
    col_total: "Total TTC",
    col_products: "Articles",
    col_last_activity: "Dernière activité",
    times_in: |zone| format!("Heures de la boutique ({zone})."),
    col_state: "État",
    col_next_reminder: "Prochaine relance",
    guest: "Invité",
    no_carts: "Aucun panier ne correspond à ces filtres.",
    previous_page: "Page précédente",
    next_page: "Page suivante",
    due_now: "à envoyer maintenant",
    not_available: "—",
    back_to_carts: "← Tous les paniers",
    cart_heading: "Panier",
    section_customer: "Client",
    section_items: "Articles",
    section_timeline: "Historique",
    label_email: "E-mail",
    label_phone: "Téléphone",
    label_language: "Langue",
    label_country: "Pays",
    label_time_zone: "Fuseau horaire (heures calmes)",
    label_groups: "Groupes",
    label_newsletter: "Newsletter",
    label_orders: "Commandes",
    label_last_order: "Dernière commande",
    label_known_since: "Connu depuis",
    label_state: "État",
    label_next_reminder: "Prochaine relance",
    label_abandoned_at: "Abandonné à",
    label_sequence: "Séquence de relances",
    sequence_since,
    label_created: "Créé le",
    yes: "Oui",
    no: "Non",
    col_product: "Produit",
    col_unit_price: "Prix unitaire",
    col_quantity: "Quantité",
    col_stock: "Stock",
    col_line_total: "Total",
    total_excl_label: "Total HT",
    shipping_label: "Livraison",
    total_incl_label: "Total TTC",
    open_in_shop: "Voir le panier dans la boutique",
    send_now_button: "Envoyer la prochaine relance maintenant",
    send_now_pending: "Une relance est en file d'attente : le moteur d'envoi l'enverra à son prochain passage.",
    send_now_unavailable: "Ce panier ne peut pas recevoir de relance (commandé, vidé, supprimé ou sans e-mail).",
    guest_cart: "Panier d'un invité : aucune adresse e-mail pour l'instant.",
    cart_not_found: "Ce panier n'existe pas.",
    delay,
    discount,
    timeline_created: "Panier reçu par Relance",
    timeline_event,
    timeline_request,
    timeline_reminder,
    timeline_coupon,
    status,
    countdown_hours: "dans {h} h {mm} min",
    countdown_minutes: "dans {m} min {ss} s",
    carts_summary,
    date_time,
    templates: &super::templates::FR,
    settings: &super::settings::FR,
    sending: &super::sending::FR,
    help: &super::help::FR,
    reminders: &super::reminders::FR,
    unsubscribed: &super::unsubscribed::FR,
    timeline: &super::timeline::FR,
    setup: &super::setup::FR,
    keys: &super::keys::FR,
    shops: &super::shops::FR,
    campaign_io: &super::campaign_io::FR,
    team: &super::team::FR,
    activity: &super::activity::FR,
    webhooks: &super::webhooks::FR,
    sms: &super::sms::FR,
    tracker: &super::tracker::FR,
    rules: &super::rules::FR,
    bulk: &super::bulk::FR,
    calls: &super::calls::FR,
    codes: &super::codes::FR,
    privacy: &super::privacy::FR,
    connect_log: &super::connect_log::FR,
    reference: &super::reference::FR,
    statistics: &super::statistics::FR,
    skip_reason,
};
