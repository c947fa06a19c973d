//! The shape of the admin's texts: one `Texts` per language (`en.rs`, `fr.rs`).

use domain::{Currency, DelayUnit, DiscountSummary};

use super::activity::ActivityTexts;
use super::bulk::BulkTexts;
use super::calls::CallsTexts;
use super::campaign_io::CampaignIoTexts;
use super::codes::CodesTexts;
use super::connect_log::ConnectLogTexts;
use super::help::HelpTexts;
use super::keys::KeysTexts;
use super::privacy::PrivacyTexts;
use super::reference::ReferenceTexts;
use super::reminders::ReminderTexts;
use super::rules::RuleTexts;
use super::sending::SendingTexts;
use super::settings::SettingsTexts;
use super::setup::SetupTexts;
use super::shops::ShopsTexts;
use super::sms::SmsWords;
use super::statistics::StatisticsTexts;
use super::team::TeamTexts;
use super::templates::TemplateTexts;
use super::timeline::TimelineTexts;
use super::tracker::TrackerTexts;
use super::unsubscribed::UnsubscribedTexts;
use super::webhooks::WebhooksTexts;

/// Every text of the admin, in one language.
pub struct Texts {
    /// The language's own name, for the switch.
    pub language_name: &'static str,
    pub language_switch: &'static str,
    pub skip_to_content: &'static str,
    pub tab_reminders: &'static str,
    pub tab_sending: &'static str,
    pub tab_statistics: &'static str,
    pub tab_carts: &'static str,
    pub tab_help: &'static str,
    pub tab_settings: &'static str,
    pub reminders_title: &'static str,
    pub reminders_intro: &'static str,
    pub col_send_after: &'static str,
    pub col_subject: &'static str,
    pub col_discount: &'static str,
    pub col_languages: &'static str,
    pub col_status: &'static str,
    pub status_on: &'static str,
    pub status_off: &'static str,
    pub no_subject: &'static str,
    pub no_reminders: &'static str,
    pub no_shop: &'static str,
    pub load_failed: &'static str,
    pub sending_intro: &'static str,
    pub help_intro: &'static str,
    pub settings_intro: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub sign_in_title: &'static str,
    pub email_label: &'static str,
    pub password_label: &'static str,
    pub sign_in_button: &'static str,
    pub wrong_credentials: &'static str,
    pub too_many_attempts: &'static str,
    pub sign_in_failed: &'static str,
    pub no_account_hint: &'static str,
    pub sign_out: &'static str,
    pub sign_in_again: &'static str,
    pub carts_intro_live: &'static str,
    pub kpi_conversion: &'static str,
    pub kpi_abandoned_today: &'static str,
    pub kpi_average_cart: &'static str,
    pub filter_status: &'static str,
    pub filter_all: &'static str,
    pub filter_from: &'static str,
    pub filter_to: &'static str,
    pub filter_search: &'static str,
    pub filter_search_placeholder: &'static str,
    pub filter_min_total: &'static str,
    pub filter_apply: &'static str,
    pub filter_reset: &'static str,
    pub col_cart: &'static str,
    pub col_customer: &'static str,
    pub col_total: &'static str,
    pub col_products: &'static str,
    pub col_last_activity: &'static str,
    /// Which time zone the page's dates are in.
    pub times_in: fn(&str) -> String,
    pub col_state: &'static str,
    pub col_next_reminder: &'static str,
    pub guest: &'static str,
    pub no_carts: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub due_now: &'static str,
    pub not_available: &'static str,
    pub back_to_carts: &'static str,
    pub cart_heading: &'static str,
    pub section_customer: &'static str,
    pub section_items: &'static str,
    pub section_timeline: &'static str,
    pub label_email: &'static str,
    pub label_phone: &'static str,
    pub label_language: &'static str,
    pub label_country: &'static str,
    pub label_time_zone: &'static str,
    pub label_groups: &'static str,
    pub label_newsletter: &'static str,
    pub label_orders: &'static str,
    pub label_last_order: &'static str,
    pub label_known_since: &'static str,
    pub label_state: &'static str,
    pub label_next_reminder: &'static str,
    pub label_abandoned_at: &'static str,
    pub label_sequence: &'static str,
    /// "Restarted 2 times, last at …" for sequence 3.
    pub sequence_since: fn(u32, Option<&str>) -> String,
    pub label_created: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub col_product: &'static str,
    pub col_unit_price: &'static str,
    pub col_quantity: &'static str,
    pub col_stock: &'static str,
    pub col_line_total: &'static str,
    pub total_excl_label: &'static str,
    pub shipping_label: &'static str,
    pub total_incl_label: &'static str,
    pub open_in_shop: &'static str,
    pub send_now_button: &'static str,
    pub send_now_pending: &'static str,
    pub send_now_unavailable: &'static str,
    pub guest_cart: &'static str,
    pub cart_not_found: &'static str,
    pub timeline_created: &'static str,
    /// A shop event on a cart's timeline: its type and what it did.
    pub timeline_event: fn(&str, &str) -> String,
    /// A "send now" request: by whom, and whether the engine took it.
    pub timeline_request: fn(&str, bool) -> String,
    /// A reminder step on a cart's timeline: its delay ("1 hour"), status and skip reason.
    pub timeline_reminder: fn(&str, &str, Option<&str>) -> String,
    /// A reminder's code, and the order that spent it.
    pub timeline_coupon: fn(&str, Option<&str>) -> String,
    /// "Waiting", "En attente"…
    pub status: fn(domain::lifecycle::CartStatus) -> &'static str,
    /// "in 12 min 05 s" for a number of seconds.
    /// The time left before a reminder, over an hour: `{h}` hours, `{mm}` minutes (two digits).
    pub countdown_hours: &'static str,
    /// Under an hour: `{m}` minutes, `{ss}` seconds (two digits).
    pub countdown_minutes: &'static str,
    /// "1,234 carts · page 2 of 50".
    pub carts_summary: fn(u64, u32, u32) -> String,
    /// A moment of the shop's wall clock as the admin shows it (see `I18n::date_time`).
    pub date_time: fn(chrono::NaiveDateTime) -> String,
    /// "1 hour", "2 days"; "1 heure", "2 jours".
    pub delay: fn(u32, DelayUnit) -> String,
    /// "No discount", "10 %", "Depends on cart value"…
    pub discount: fn(&DiscountSummary, Currency) -> String,
    /// The template list and editor.
    pub templates: &'static TemplateTexts,
    /// The Settings page.
    pub settings: &'static SettingsTexts,
    /// The Automatic sending tab.
    pub sending: &'static SendingTexts,
    /// The Help tab.
    pub help: &'static HelpTexts,
    /// The reminders dashboard and wizard.
    pub reminders: &'static ReminderTexts,
    /// The Unsubscribed list.
    pub unsubscribed: &'static UnsubscribedTexts,
    pub timeline: &'static TimelineTexts,
    pub setup: &'static SetupTexts,
    pub keys: &'static KeysTexts,
    pub shops: &'static ShopsTexts,
    pub campaign_io: &'static CampaignIoTexts,
    pub team: &'static TeamTexts,
    pub activity: &'static ActivityTexts,
    pub webhooks: &'static WebhooksTexts,
    pub sms: &'static SmsWords,
    pub tracker: &'static TrackerTexts,
    pub rules: &'static RuleTexts,
    pub bulk: &'static BulkTexts,
    pub calls: &'static CallsTexts,
    pub codes: &'static CodesTexts,
    pub privacy: &'static PrivacyTexts,
    pub connect_log: &'static ConnectLogTexts,
    pub reference: &'static ReferenceTexts,
    /// The Statistics page.
    pub statistics: &'static StatisticsTexts,
    /// Why a reminder was not sent, from a `SkipReason` name.
    pub skip_reason: fn(&str) -> &str,
}
