//! Relance's pure core: typed models whose constructors are the only way to make them
//! (parse, don't validate), and the rules that act on them.
//!
//! No I/O, no clock, no database and no UI framework here: everything that depends on the
//! time takes `now` as a parameter. The crate builds for the server and for
//! `wasm32-unknown-unknown`, so the admin's live checks and previews run the same code as the
//! server's real checks.

pub mod audit;
pub mod calls;
mod calls_webhook;
pub mod campaign;
pub mod clock;
pub mod email;
pub mod engine;
pub mod format;
pub mod lifecycle;
pub mod model;
pub mod recommend;
pub mod rules;
pub mod settings;
pub mod sms;
pub mod stats;
pub mod team;

pub use campaign::{
    next_range_bounds, DiscountDraft, DiscountType, RangeDraft, Stage, StepDraft, StepIssue,
    StepProblem,
};
pub use campaign::{
    Audience, Campaign, CampaignError, Delay, DelayFrom, DelayUnit, Discount, DiscountError,
    DiscountKind, DiscountPolicy, DiscountRange, DiscountRanges, DiscountSummary, Percent,
    ProfileSet, ReminderStep, ValidityDays, ValueBasis, MAX_STEPS,
};
pub use campaign::{GiftProduct, HoldoutShare, RangesError, SplitShare, SplitTest, MAX_RANGES};
pub use model::{
    Cart, CartError, CartItem, ContentDraft, Currency, Customer, CustomerError, CustomerProfile,
    DraftProblem, EmailAddress, EmailTemplate, Gender, Gtin, HexColor, Language, Layout, Money,
    MoneyError, NewCart, NewCustomer, Origin, ParseError, PhoneNumber, ReassuranceIcon,
    ReassuranceItem, Shop, SocialLinks, Subject, TemplateContent, TemplateDraft, TemplateError,
    WebUrl, MAX_ORIGINS,
};
