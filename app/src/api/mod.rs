//! Server functions and the wire types they return.

#[cfg(feature = "ssr")]
mod act_call;
#[cfg(feature = "ssr")]
mod act_entry;
#[cfg(feature = "ssr")]
mod act_rule;
mod act_run;
#[cfg(feature = "ssr")]
mod act_step;
mod activity;
mod acts;
#[cfg(feature = "ssr")]
mod audited;
mod auth;
mod bulk;
mod calls;
mod campaign_io;
mod cart_detail;
mod carts;
mod codes;
mod connect_log;
mod entry_act;
#[cfg(feature = "ssr")]
mod form_fields;
mod invitation;
mod keys;
mod language;
mod reference;
mod reminders;
mod rules;
#[cfg(feature = "ssr")]
pub mod scope;
mod sending;
mod settings;
mod setup;
mod shops;
mod sms;
mod splits;
mod stats;
mod team;
mod templates;
mod tracker;
mod unsubscribed;
mod webhooks;

pub use act_run::{perform_act, PerformAct};
pub use activity::{
    load_activity, ActivityLine, ActivityPage, ActivityQuery, LoadActivity, ACTIVITY_PAGE,
};
pub use acts::{sent, Act, ActDone, SentAct};
pub use auth::{safe_next, SignIn, SignOut};
pub use bulk::{bulk_carts, BulkAction, BulkCarts, MAX_BULK};
pub use calls::{
    call_email, give_call_coupon, list_calls, load_call, log_call, CallEmail, CallEmailOutcome,
    CallFilter, CallLine, CallLogged, CallScreen, CouponGiven, GiveCallCoupon, ListCalls, LoadCall,
    LogCall, VisitLine,
};
pub use campaign_io::{
    import_campaign, set_campaign_paused, ImportCampaign, ImportReport, SetCampaignPaused,
};
pub use cart_detail::{
    erase_customer, load_cart, send_next_reminder_now, CartDetail, Credited, CustomerBlock,
    EraseCustomer, ItemLine, LedTo, SendNextReminderNow, TimelineEntry,
};
pub use carts::{list_carts, CartKpis, CartLine, CartSort, CartsPage, CartsQuery, PAGE_SIZE};
pub use codes::{
    delete_code_collection, import_codes, list_code_collections, CodesImported, CollectionDeleted,
    CollectionLine, DeleteCodeCollection, ImportCodes, ListCodeCollections,
};
pub use connect_log::{
    load_connect_log, send_test_event, ConnectLogLine, LoadConnectLog, SendTestEvent,
};
pub use entry_act::{perform_entry_act, PerformEntryAct};
pub use invitation::{
    accept_invitation, load_invitation, AcceptInvitation, AcceptOutcome, InvitationView,
    LoadInvitation,
};
pub use keys::{
    list_api_keys, CreateApiKey, KeyCreated, KeyLine, KeysPage, ListApiKeys, RevokeApiKey,
};
pub use language::SetLanguage;
pub use reference::{load_api_reference, ApiField, ApiOperation, ApiResponse, LoadApiReference};
pub use reminders::{
    delete_reminder, duplicate_reminder, list_reminders, load_reminder_editor, save_reminder,
    set_escalation, set_reminder_enabled, DeleteReminder, DuplicateReminder, ReminderEditor,
    ReminderRow, RemindersData, SaveReminder, SetEscalation, SetReminderEnabled, StepOutcome,
    StepRefusal, StepSaved, TemplateChoice,
};
pub use rules::{
    delete_rule, list_rules, load_cart_rule, load_rule, reroute_rule, save_rule, CartRuleData,
    DeleteRule, KnownProduct, ListRules, LoadCartRule, LoadRule, RerouteRule, RuleDeleted,
    RuleEditorData, RuleLine, RuleOutcome, RulesData, SaveRule,
};
pub use sending::{
    load_sending, regenerate_cron_token, run_now, LoadSending, RegenerateCronToken, RunFigures,
    RunLine, RunNow, RunNowOutcome, SendingError, SendingStatus,
};
pub use settings::{
    load_settings, save_settings, support_contact, LoadSettings, SaveSettings, SettingsOutcome,
};
pub use setup::{CompleteSetup, Connection, SetupOutcome};
pub use shops::{create_shop, my_shops, CreateShop, MyShops, ShopChoice, ShopCreated};
pub use sms::{
    load_sms_provider, LoadSmsProvider, SaveSmsProvider, SmsProviderForm, SmsProviderLine,
};
pub use splits::{promote_variant, PromoteVariant};
pub use stats::{
    load_statistics, Figures, FunnelLabel, FunnelLine, HoldoutLine, LoadStatistics, Offer,
    RateFigure, SeriesPoint, SplitLine, StatsLabels, StatsPage,
};
pub use team::{
    change_role, invite_member, load_team, remove_member, ChangeRole, InvitationLine, InviteMember,
    InviteOutcome, LoadTeam, MemberLine, RemoveMember, TeamPage,
};
pub use templates::{
    create_template, delete_template, duplicate_template, list_templates, load_preview_sample,
    load_template_editor, save_template, send_test_email, CreateTemplate, DeleteTemplate,
    DuplicateTemplate, SampleCart, SaveOutcome, SaveTemplate, SendTestEmail, TemplateDeletion,
    TemplateEditorData, TemplateSummary, DEMO_SAMPLE,
};
pub use tracker::{
    load_tracker, snippet, LoadTracker, RenewTrackerKey, SaveTrackerOrigins, TrackerChange,
    TrackerLine,
};
pub use unsubscribed::{
    list_unsubscribed, remove_unsubscribed, ListUnsubscribed, RemoveUnsubscribed, UnsubscribedLine,
    UnsubscribedPage, UNSUBSCRIBED_PAGE_SIZE,
};
pub use webhooks::{load_webhooks, LoadWebhooks, SetWebhookSecret, WebhookLine};
