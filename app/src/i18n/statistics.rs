//! The texts of the Statistics page, in both languages.

use chrono::NaiveDate;

pub struct StatisticsTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub range_legend: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub scanners: &'static str,
    pub scanners_hint: &'static str,
    /// Beside a human count: how many more machines made ("+12 by machines").
    pub machine_hits: fn(u64) -> String,
    pub show: &'static str,
    pub presets: &'static str,
    pub preset: fn(domain::stats::Preset) -> &'static str,
    pub range_error: fn(&domain::stats::RangeError) -> String,
    /// "1 – 30 Nov 2026".
    pub range: fn(NaiveDate, NaiveDate) -> String,
    pub kpi_abandoned: &'static str,
    pub kpi_abandoned_detail: fn(u64, u64) -> String,
    pub kpi_finalised: &'static str,
    pub kpi_finalised_detail: fn(u64, u64) -> String,
    pub kpi_revenue: &'static str,
    pub kpi_revenue_detail: fn(Option<&str>) -> String,
    pub kpi_unsubscribed: &'static str,
    pub kpi_unsubscribed_detail: fn(u64, u64) -> String,
    /// "+2.5 pts vs 2 – 31 Oct".
    pub versus: fn(&str, &str) -> String,
    pub no_comparison: &'static str,
    pub funnels_title: &'static str,
    pub funnel_sent: &'static str,
    pub funnel_opened: &'static str,
    pub funnel_clicked: &'static str,
    pub funnel_converted: &'static str,
    pub no_reminders: &'static str,
    pub chart_title: &'static str,
    pub chart_desc: fn(&str) -> String,
    pub chart_revenue: &'static str,
    pub chart_conversion: &'static str,
    pub chart_values: &'static str,
    pub col_day: &'static str,
    pub by_rule: &'static str,
    pub holdout_title: &'static str,
    pub splits_title: &'static str,
    pub col_variant: &'static str,
    /// "A · Relance 1".
    pub variant_a: fn(&str) -> String,
    /// "B · Relance 1 bis (30 % of carts)", the share formatted.
    pub variant_b: fn(&str, &str) -> String,
    pub split_short: &'static str,
    /// The verdict: the metric, the formatted p-value and the winner if any.
    pub split_verdict:
        fn(domain::stats::SplitMetric, &str, Option<domain::stats::Variant>) -> String,
    pub promote: fn(domain::stats::Variant) -> &'static str,
    pub promoted: &'static str,
    pub holdout_intro: &'static str,
    pub col_group: &'static str,
    pub col_carts: &'static str,
    pub col_orders: &'static str,
    pub group_reminded: &'static str,
    /// "Control group (10 %)".
    pub group_control: fn(&str) -> String,
    /// How many more carts the control and the reminded groups need.
    pub holdout_short: fn(u64, u64) -> String,
    /// The lift, and its interval's ends, as formatted points.
    pub holdout_lift: fn(&str, &str, &str) -> String,
    /// The incremental revenue, and its interval's ends.
    pub holdout_revenue: fn(&str, &str, &str) -> String,
    pub holdout_significant: &'static str,
    pub holdout_not_significant: &'static str,
    pub col_rule: &'static str,
    pub by_step: &'static str,
    pub by_template: &'static str,
    pub col_reminder: &'static str,
    pub col_template: &'static str,
    pub col_sent: &'static str,
    pub col_opened: &'static str,
    pub col_clicked: &'static str,
    pub col_converted: &'static str,
    pub col_revenue: &'static str,
    pub step_label: fn(usize, &str) -> String,
    pub deleted: &'static str,
    pub export: &'static str,
    /// "Counted at 23 Nov 2026 18:04" (the shop's time).
    pub updated: fn(&str) -> String,
    pub not_counted_yet: &'static str,
}

const MONTHS_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn day_text(day: NaiveDate, months: &[&str; 12]) -> String {
    use chrono::Datelike;
    format!(
        "{} {} {}",
        day.day(),
        months[day.month0() as usize],
        day.year()
    )
}

fn range_fr(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        day_text(from, &MONTHS_FR)
    } else {
        format!(
            "{} – {}",
            day_text(from, &MONTHS_FR),
            day_text(to, &MONTHS_FR)
        )
    }
}

fn range_en(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        day_text(from, &MONTHS_EN)
    } else {
        format!(
            "{} – {}",
            day_text(from, &MONTHS_EN),
            day_text(to, &MONTHS_EN)
        )
    }
}

fn preset_fr(preset: domain::stats::Preset) -> &'static str {
    use domain::stats::Preset as P;
    match preset {
        P::Today => "Aujourd'hui",
        P::Last7Days => "7 jours",
        P::Last30Days => "30 jours",
        P::ThisMonth => "Ce mois-ci",
        P::PreviousMonth => "Mois précédent",
    }
}

fn preset_en(preset: domain::stats::Preset) -> &'static str {
    use domain::stats::Preset as P;
    match preset {
        P::Today => "Today",
        P::Last7Days => "7 days",
        P::Last30Days => "30 days",
        P::ThisMonth => "This month",
        P::PreviousMonth => "Previous month",
    }
}

fn range_error_fr(error: &domain::stats::RangeError) -> String {
    use domain::stats::RangeError as E;
    match error {
        E::BadFrom => "La date de début n'est pas une date.".into(),
        E::BadTo => "La date de fin n'est pas une date.".into(),
        E::Reversed => "La date de début est après la date de fin.".into(),
        E::TooLong => format!("La période dépasse {} jours.", domain::stats::MAX_DAYS),
        E::OutOfBounds => "Les dates doivent être entre 1970 et 9999.".into(),
    }
}

fn range_error_en(error: &domain::stats::RangeError) -> String {
    use domain::stats::RangeError as E;
    match error {
        E::BadFrom => "The start date is not a date.".into(),
        E::BadTo => "The end date is not a date.".into(),
        E::Reversed => "The start date is after the end date.".into(),
        E::TooLong => format!("The range is longer than {} days.", domain::stats::MAX_DAYS),
        E::OutOfBounds => "The dates must be between 1970 and 9999.".into(),
    }
}

pub static FR: StatisticsTexts = StatisticsTexts {
    title: "Statistiques",
    intro: "Les chiffres des relances sur la période, comparés à la période précédente de même durée. Les jours sont ceux du fuseau horaire de la boutique. Une commande payée revient à une relance si elle a utilisé son code, ou si elle arrive dans la fenêtre d'attribution (Paramètres) après son envoi ou un clic sur elle ; annulée ou remboursée, elle sort des chiffres.",
    range_legend: "Période",
    from: "Du",
    to: "Au",
    scanners: "Inclure les ouvertures et clics des robots (scanners, proxys)",
    scanners_hint: "Proxys de confidentialité (Apple Mail), antivirus qui suivent chaque lien, clics sans ouverture : l'aide explique chaque règle.",
    machine_hits: |n| format!("+{n} par des robots"),
    show: "Afficher",
    presets: "Raccourcis",
    preset: preset_fr,
    range_error: range_error_fr,
    range: range_fr,
    kpi_abandoned: "Paniers abandonnés",
    kpi_abandoned_detail: |part, whole| format!("{part} abandonnés sur {whole} paniers créés"),
    kpi_finalised: "Paniers finalisés",
    kpi_finalised_detail: |part, whole| format!("{part} commandés sur {whole} paniers relancés"),
    kpi_revenue: "Chiffre d'affaires généré",
    kpi_revenue_detail: |share| match share {
        Some(share) => format!("{share} de la valeur des paniers relancés"),
        None => "Aucun panier relancé".into(),
    },
    kpi_unsubscribed: "Taux de désinscription",
    kpi_unsubscribed_detail: |part, whole| format!("{part} désinscrits sur {whole} clients relancés"),
    versus: |delta, range| format!("{delta} par rapport au {range}"),
    no_comparison: "pas de comparaison (période précédente vide)",
    funnels_title: "Entonnoir par relance",
    funnel_sent: "Envoyées",
    funnel_opened: "Ouvertes",
    funnel_clicked: "Cliquées",
    funnel_converted: "Converties",
    no_reminders: "Aucune relance envoyée sur cette période.",
    chart_title: "Chiffre d'affaires et conversion par jour",
    chart_desc: |range| format!("Chiffre d'affaires attribué aux relances et part des paniers relancés commandés, jour par jour, {range}."),
    chart_revenue: "Chiffre d'affaires",
    chart_conversion: "Conversion",
    chart_values: "Valeurs jour par jour",
    col_day: "Jour",
    by_rule: "Par règle",
    holdout_title: "Groupes témoins : ce que les relances rapportent vraiment",
    splits_title: "Tests A/B",
    col_variant: "Variante",
    variant_a: |name| format!("A · {name}"),
    variant_b: |name, share| format!("B · {name} ({share} des paniers)"),
    split_short: "Pas encore assez de données : il faut 30 relances envoyées par variante.",
    split_verdict: |metric, p, winner| {
        let metric = match metric {
            domain::stats::SplitMetric::Conversion => "les commandes",
            domain::stats::SplitMetric::Clicks => "les clics (encore peu de commandes)",
        };
        match winner {
            Some(domain::stats::Variant::A) => format!("Sur {metric}, la variante A gagne (p = {p})."),
            Some(domain::stats::Variant::B) => format!("Sur {metric}, la variante B gagne (p = {p})."),
            None => format!("Sur {metric}, pas de différence significative pour l'instant (p = {p})."),
        }
    },
    promote: |variant| match variant {
        domain::stats::Variant::A => "Garder la variante A et arrêter le test",
        domain::stats::Variant::B => "Garder la variante B et arrêter le test",
    },
    promoted: "Test arrêté : la relance envoie désormais la variante gardée.",
    holdout_intro: "Les clients du groupe témoin d'une règle ne reçoivent rien. Un panier compte dans son groupe dès que sa première relance est due, et il est converti s'il est commandé dans la fenêtre d'attribution après l'abandon, dans les deux groupes.",
    col_group: "Groupe",
    col_carts: "Paniers",
    col_orders: "Commandés (conversion)",
    group_reminded: "Relancés",
    group_control: |share| format!("Groupe témoin ({share})"),
    holdout_short: |control, reminded| {
        let mut text = format!("Pas encore assez de données : il faut encore {control} panier(s) dans le groupe témoin");
        if reminded > 0 {
            text.push_str(&format!(" et {reminded} parmi les relancés"));
        }
        text + "."
    },
    holdout_lift: |lift, low, high| format!("Gain de conversion : {lift} (intervalle de confiance à 95 % : {low} à {high})."),
    holdout_revenue: |value, low, high| format!("Chiffre d'affaires incrémental : {value} (de {low} à {high})."),
    holdout_significant: "Les relances font une différence mesurable.",
    holdout_not_significant: "Pas encore significatif : l'intervalle comprend zéro.",
    col_rule: "Règle",
    by_step: "Par relance",
    by_template: "Par modèle",
    col_reminder: "Relance",
    col_template: "Modèle",
    col_sent: "Envoyées",
    col_opened: "Ouvertes",
    col_clicked: "Cliquées",
    col_converted: "Converties",
    col_revenue: "Chiffre d'affaires",
    step_label: |number, delay| format!("Relance {number} · après {delay}"),
    deleted: "Supprimée depuis",
    export: "Exporter les tableaux en CSV",
    updated: |at| format!("Chiffres calculés le {at} (mis à jour chaque minute)."),
    not_counted_yet: "Les chiffres sont en cours de calcul : ils apparaissent dans une minute.",
};

pub static EN: StatisticsTexts = StatisticsTexts {
    title: "Statistics",
    intro: "What the reminders did over the range, compared with the range of the same length before it. Days are the shop's time zone days. A paid order counts for a reminder if it spent its code, or came within the attribution window (Settings) of its send or of a click on it; cancelled or refunded, it leaves the figures.",
    range_legend: "Date range",
    from: "From",
    to: "To",
    scanners: "Include opens and clicks by machines (scanners, proxies)",
    scanners_hint: "Privacy proxies (Apple Mail), scanners that follow every link, clicks without an open: the Help explains each rule.",
    machine_hits: |n| format!("+{n} by machines"),
    show: "Show",
    presets: "Shortcuts",
    preset: preset_en,
    range_error: range_error_en,
    range: range_en,
    kpi_abandoned: "Abandoned carts",
    kpi_abandoned_detail: |part, whole| format!("{part} abandoned of {whole} carts created"),
    kpi_finalised: "Finalised carts",
    kpi_finalised_detail: |part, whole| format!("{part} ordered of {whole} reminded carts"),
    kpi_revenue: "Revenue generated",
    kpi_revenue_detail: |share| match share {
        Some(share) => format!("{share} of the value of reminded carts"),
        None => "No cart reminded".into(),
    },
    kpi_unsubscribed: "Unsubscribe rate",
    kpi_unsubscribed_detail: |part, whole| format!("{part} unsubscribed of {whole} reminded customers"),
    versus: |delta, range| format!("{delta} vs {range}"),
    no_comparison: "no comparison (previous range empty)",
    funnels_title: "Funnel per reminder",
    funnel_sent: "Sent",
    funnel_opened: "Opened",
    funnel_clicked: "Clicked",
    funnel_converted: "Converted",
    no_reminders: "No reminder sent in this range.",
    chart_title: "Revenue and conversion per day",
    chart_desc: |range| format!("Revenue credited to reminders and share of reminded carts that were ordered, day by day, {range}."),
    chart_revenue: "Revenue",
    chart_conversion: "Conversion",
    chart_values: "Day by day values",
    col_day: "Day",
    by_rule: "By rule",
    holdout_title: "Control groups: what the reminders really earn",
    splits_title: "A/B tests",
    col_variant: "Variant",
    variant_a: |name| format!("A · {name}"),
    variant_b: |name, share| format!("B · {name} ({share} of carts)"),
    split_short: "Not enough data yet: each variant needs 30 reminders sent.",
    split_verdict: |metric, p, winner| {
        let metric = match metric {
            domain::stats::SplitMetric::Conversion => "orders",
            domain::stats::SplitMetric::Clicks => "clicks (few orders yet)",
        };
        match winner {
            Some(domain::stats::Variant::A) => format!("On {metric}, variant A wins (p = {p})."),
            Some(domain::stats::Variant::B) => format!("On {metric}, variant B wins (p = {p})."),
            None => format!("On {metric}, no significant difference yet (p = {p})."),
        }
    },
    promote: |variant| match variant {
        domain::stats::Variant::A => "Keep variant A and end the test",
        domain::stats::Variant::B => "Keep variant B and end the test",
    },
    promoted: "Test ended: the reminder now sends the variant kept.",
    holdout_intro: "A rule's control group customers get nothing. A cart counts in its group once its first reminder is due, and converts when it is ordered within the attribution window after its abandonment, the same in both groups.",
    col_group: "Group",
    col_carts: "Carts",
    col_orders: "Ordered (conversion)",
    group_reminded: "Reminded",
    group_control: |share| format!("Control group ({share})"),
    holdout_short: |control, reminded| {
        let mut text = format!("Not enough data yet: {control} more cart(s) needed in the control group");
        if reminded > 0 {
            text.push_str(&format!(" and {reminded} among the reminded"));
        }
        text + "."
    },
    holdout_lift: |lift, low, high| format!("Conversion lift: {lift} (95% confidence interval: {low} to {high})."),
    holdout_revenue: |value, low, high| format!("Incremental revenue: {value} (from {low} to {high})."),
    holdout_significant: "The reminders make a measurable difference.",
    holdout_not_significant: "Not significant yet: the interval includes zero.",
    col_rule: "Rule",
    by_step: "By reminder",
    by_template: "By template",
    col_reminder: "Reminder",
    col_template: "Template",
    col_sent: "Sent",
    col_opened: "Opened",
    col_clicked: "Clicked",
    col_converted: "Converted",
    col_revenue: "Revenue",
    step_label: |number, delay| format!("Reminder {number} · after {delay}"),
    deleted: "Deleted since",
    export: "Export the tables as CSV",
    updated: |at| format!("Figures counted at {at} (updated every minute)."),
    not_counted_yet: "The figures are being counted: they appear within a minute.",
};
