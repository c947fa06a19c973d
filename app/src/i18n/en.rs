use domain::{format, lifecycle::CartStatus, Currency, DelayUnit, DiscountSummary, Language};

use super::texts::Texts;

fn delay(amount: u32, unit: DelayUnit) -> String {
    let plural = amount != 1;
    let word = match (unit, plural) {
        (DelayUnit::Hours, false) => "hour",
        (DelayUnit::Hours, true) => "hours",
        (DelayUnit::Days, false) => "day",
        (DelayUnit::Days, true) => "days",
    };
    format!("{amount} {word}")
}

fn discount(summary: &DiscountSummary, currency: Currency) -> String {
    match summary {
        DiscountSummary::NoDiscount => "No discount".into(),
        DiscountSummary::Percent { percent } => format::percent(*percent, Language::ENGLISH),
        DiscountSummary::Amount { amount } => format::money(*amount, currency, Language::ENGLISH),
        DiscountSummary::FreeShipping => "Free shipping".into(),
        DiscountSummary::FreeGift { name } => format!("Free gift: {name}"),
        DiscountSummary::DependsOnCartValue => "Depends on cart value".into(),
    }
}

fn status(status: CartStatus) -> &'static str {
    match status {
        CartStatus::Checking => "Checking",
        CartStatus::Waiting => "Waiting",
        CartStatus::InProgress => "In progress",
        CartStatus::Finished => "Finished",
        CartStatus::Recovered => "Recovered",
        CartStatus::Ordered => "Ordered",
        CartStatus::Emptied => "Emptied",
        CartStatus::Deleted => "Deleted",
    }
}

fn carts_summary(total: u64, page: u32, pages: u32) -> String {
    let plural = if total == 1 { "" } else { "s" };
    format!("{total} cart{plural} · page {page} of {pages}")
}

fn sequence_since(sequence: u32, since: Option<&str>) -> String {
    let times = sequence - 1;
    let plural = if times == 1 { "" } else { "s" };
    match since {
        Some(at) => format!("restarted {times} time{plural}, last on {}", at),
        None => format!("restarted {times} time{plural}"),
    }
}

fn date_time(at: chrono::NaiveDateTime) -> String {
    at.format("%d %b %Y, %H:%M").to_string()
}

fn timeline_event(event_type: &str, outcome: &str) -> String {
    let what = match event_type {
        "cart_updated" => "Cart updated",
        "cart_deleted" => "Cart deleted by the shop",
        "order_completed" => "Order received",
        "order_updated" => "Order status reported",
        other => other,
    };
    let effect = match outcome {
        "created" => "new cart",
        "applied" => "applied",
        "restarted_item_added" => {
            "restarted because a product was added after a reminder: reminders start again from the first"
        }
        "restarted_quantity_up" => {
            "restarted because a quantity went up after a reminder: reminders start again from the first"
        }
        // Before sequences were recorded, any change of items was called a restart.
        "restarted" => "items changed: reminders start again",
        "stale" => "ignored: older than the known state",
        "after_order" => "ignored: the cart is already ordered",
        "unknown_cart" => "unknown cart",
        other => other,
    };
    format!("{what} ({effect})")
}

fn timeline_request(by: &str, handled: bool) -> String {
    if handled {
        format!("Reminder requested by {by}, taken by the engine")
    } else {
        format!("Reminder requested by {by}, waiting for the sending engine")
    }
}

fn skip_reason(reason: &str) -> &str {
    match reason {
        "ordered" => "ordered",
        "emptied" => "cart emptied",
        "deleted" => "cart deleted",
        "unsubscribed" => "customer unsubscribed",
        "suppressed" => "address bounced for good",
        "not_subscribed_to_newsletter" => "not subscribed to the newsletter",
        "outside_audience" => "outside the audience",
        "no_content_for_language" => "no text in their language nor in English",
        "template_missing" => "template missing",
        "too_late" => "too late",
        "re_entry_limit" => "restarted again within the re-entry period (Settings)",
        "stopped" => "reminders stopped by the shop",
        "no_consent" => "no consent from the customer (required in Settings)",
        "control_group" => "in the rule's control group, which gets nothing",
        "no_phone" => "no mobile number",
        "no_sms_consent" => {
            "SMS not accepted by the customer, or the number is stopped (STOP or refused)"
        }
        other => other,
    }
}

fn timeline_coupon(code: &str, redeemed_by: Option<&str>) -> String {
    match redeemed_by {
        Some(order) => format!("code {code}, used by order {order}"),
        None => format!("code {code}, not used"),
    }
}

fn timeline_reminder(delay: &str, status: &str, reason: Option<&str>) -> String {
    match status {
        "sent" => format!("Reminder \"{delay}\" sent"),
        "queued" => match reason {
            Some(error) => format!("Reminder \"{delay}\": will retry ({error})"),
            None => format!("Reminder \"{delay}\" queued"),
        },
        "failed" => format!("Reminder \"{delay}\" failed: {}", reason.unwrap_or("")),
        _ => format!(
            "Reminder \"{delay}\" not sent: {}",
            skip_reason(reason.unwrap_or(""))
        ),
    }
}

pub static TEXTS: Texts = Texts {
    language_name: "English",
    language_switch: "Interface language",
    skip_to_content: "Skip to content",
    tab_reminders: "Reminders",
    tab_sending: "Automatic sending",
    tab_statistics: "Statistics",
    tab_carts: "Carts",
    tab_help: "Help",
    tab_settings: "Settings",
    reminders_title: "Reminders",
    reminders_intro: "The emails sent to customers who left a cart without ordering, in the order they go out.",
    col_send_after: "Send after",
    col_subject: "Email subject",
    col_discount: "Discount",
    col_languages: "Languages",
    col_status: "Status",
    status_on: "Enabled",
    status_off: "Disabled",
    no_subject: "(no content)",
    no_reminders: "No reminders yet.",
    no_shop: "No shop is set up yet.",
    load_failed: "The reminders could not be loaded. Try again in a moment.",
    sending_intro: "The built-in scheduler's status, a \"Run now\" button and the secured cron URL for an external cron.",
    help_intro: "Frequent questions about delays, languages, discount codes, unsubscribing and statistics.",
    settings_intro: "The shop, the email sender, discount code prefixes and sending rules.",
    not_found_title: "Page not found",
    not_found_text: "This page does not exist. Go back to the reminders.",
    sign_in_title: "Sign in",
    email_label: "Email address",
    password_label: "Password",
    sign_in_button: "Sign in",
    wrong_credentials: "Wrong email address or password.",
    too_many_attempts: "Too many attempts. Wait a minute before trying again.",
    sign_in_failed: "Signing in failed. Try again in a moment.",
    no_account_hint: "No account yet? The server's operator creates one with",
    sign_out: "Sign out",
    sign_in_again: "Your session has expired. Sign in again.",
    carts_intro_live: "The carts the shop sent, newest first. A cart with items, an email and no order is abandoned once idle for the delay set in Settings (30 minutes by default).",
    kpi_conversion: "Conversion rate (30 days)",
    kpi_abandoned_today: "Abandoned today",
    kpi_average_cart: "Average cart (30 days)",
    filter_status: "State",
    filter_all: "All",
    filter_from: "Activity from",
    filter_to: "to",
    filter_search: "Customer or cart",
    filter_search_placeholder: "Name, email or cart id",
    filter_min_total: "Minimum total",
    filter_apply: "Filter",
    filter_reset: "Clear filters",
    col_cart: "Cart",
    col_customer: "Customer",
    col_total: "Total incl. tax",
    col_products: "Items",
    col_last_activity: "Last activity",
    times_in: |zone| format!("Times are the shop's ({zone})."),
    col_state: "State",
    col_next_reminder: "Next reminder",
    guest: "Guest",
    no_carts: "No cart matches these filters.",
    previous_page: "Previous page",
    next_page: "Next page",
    due_now: "due now",
    not_available: "—",
    back_to_carts: "← All carts",
    cart_heading: "Cart",
    section_customer: "Customer",
    section_items: "Items",
    section_timeline: "Timeline",
    label_email: "Email",
    label_phone: "Phone",
    label_language: "Language",
    label_country: "Country",
    label_time_zone: "Time zone (quiet hours)",
    label_groups: "Groups",
    label_newsletter: "Newsletter",
    label_orders: "Orders",
    label_last_order: "Last order",
    label_known_since: "Known since",
    label_state: "State",
    label_next_reminder: "Next reminder",
    label_abandoned_at: "Abandoned at",
    label_sequence: "Reminder sequence",
    sequence_since,
    label_created: "Created",
    yes: "Yes",
    no: "No",
    col_product: "Product",
    col_unit_price: "Unit price",
    col_quantity: "Quantity",
    col_stock: "Stock",
    col_line_total: "Total",
    total_excl_label: "Total excl. tax",
    shipping_label: "Shipping",
    total_incl_label: "Total incl. tax",
    open_in_shop: "Open the cart in the shop",
    send_now_button: "Send the next reminder now",
    send_now_pending: "A reminder is queued: the sending engine sends it on its next run.",
    send_now_unavailable: "This cart cannot get a reminder (ordered, emptied, deleted or without an email).",
    guest_cart: "A guest's cart: no email address yet.",
    cart_not_found: "This cart does not exist.",
    delay,
    discount,
    timeline_created: "Cart first received by Relance",
    timeline_event,
    timeline_request,
    timeline_reminder,
    timeline_coupon,
    status,
    countdown_hours: "in {h} h {mm} min",
    countdown_minutes: "in {m} min {ss} s",
    carts_summary,
    date_time,
    templates: &super::templates::EN,
    settings: &super::settings::EN,
    sending: &super::sending::EN,
    help: &super::help::EN,
    reminders: &super::reminders::EN,
    unsubscribed: &super::unsubscribed::EN,
    timeline: &super::timeline::EN,
    setup: &super::setup::EN,
    keys: &super::keys::EN,
    shops: &super::shops::EN,
    campaign_io: &super::campaign_io::EN,
    team: &super::team::EN,
    activity: &super::activity::EN,
    webhooks: &super::webhooks::EN,
    sms: &super::sms::EN,
    tracker: &super::tracker::EN,
    rules: &super::rules::EN,
    bulk: &super::bulk::EN,
    calls: &super::calls::EN,
    codes: &super::codes::EN,
    privacy: &super::privacy::EN,
    connect_log: &super::connect_log::EN,
    reference: &super::reference::EN,
    statistics: &super::statistics::EN,
    skip_reason,
};
