//! The call screen's forms, sent as acts: each calls the call's server function, so its checks
//! hold, and says how it went in the caller's language. The screen is loaded again once done.

use domain::campaign::{DiscountDraft, DiscountType};

use super::acts::ActDone;
use super::calls::{
    call_email, give_call_coupon, load_call, log_call, CallEmailOutcome, CallLogged, CouponGiven,
};
use super::form_fields::value_of;
use crate::error::AppError;

fn texts() -> &'static crate::i18n::Texts {
    crate::i18n::initial_locale().texts()
}

/// What the server says, the screen loaded again when `done`.
fn report(done: bool, headline: impl Into<String>) -> ActDone {
    ActDone::Report {
        done,
        headline: headline.into(),
        lines: Vec::new(),
    }
}

/// Gives the code the form's `fields` describe (a call gives one): the screen shows it.
pub(super) async fn give_coupon(
    shop: String,
    fields: &[(String, String)],
) -> Result<ActDone, AppError> {
    let value = |name: &str| value_of(fields, name);
    let id = value("id");
    let discount = DiscountDraft {
        kind: DiscountType::parse(&value("kind")).unwrap_or(DiscountType::None),
        value: value("value"),
        validity_days: value("validity_days"),
        combinable: value("combinable") == "true",
        tax_included: value("tax_included") == "true",
        gift_sku: value("gift_sku"),
        gift_name: value("gift_name"),
    };
    Ok(
        match give_call_coupon(shop.clone(), id.clone(), discount).await? {
            CouponGiven::Given(_) => ActDone::Reload,
            // Another member gave one meanwhile: the screen shows it.
            CouponGiven::AlreadyGiven(_) => report(true, texts().calls.already_given),
            CouponGiven::Invalid(problems) => {
                // An amount's problem names the shop's currency.
                let currency = load_call(shop, id).await?.currency;
                let issue = texts().reminders.issue;
                ActDone::Invalid {
                    headline: texts().settings.not_saved.to_owned(),
                    fields: problems
                        .iter()
                        .map(|(field, problem)| (field.clone(), issue(problem, currency)))
                        .collect(),
                }
            }
        },
    )
}

pub(super) async fn send_email(
    shop: String,
    id: String,
    template: String,
) -> Result<ActDone, AppError> {
    let t = texts().calls;
    Ok(match call_email(shop, id, template, true).await? {
        CallEmailOutcome::Sent => report(true, t.sent),
        CallEmailOutcome::AlreadySent => report(false, t.already_sent),
        CallEmailOutcome::NoContent => report(false, t.no_content),
        CallEmailOutcome::Unsubscribed => report(false, t.unsubscribed),
        CallEmailOutcome::NotSent(why) => report(false, (t.not_sent)(&why)),
        // Only asked for without sending: the preview has its own address.
        CallEmailOutcome::Preview(_) => ActDone::Quiet,
    })
}

pub(super) async fn log(
    shop: String,
    id: String,
    outcome: String,
    notes: String,
) -> Result<ActDone, AppError> {
    let t = texts().calls;
    Ok(match log_call(shop, id, outcome, notes).await? {
        CallLogged::Logged { stopped: true } => report(true, t.logged_stopped),
        CallLogged::Logged { stopped: false } => report(true, t.logged_goes_on),
        CallLogged::AlreadyDone => report(false, t.already_logged),
        CallLogged::Invalid(error) => {
            let field = match error {
                domain::calls::CallLogError::UnknownOutcome => "outcome",
                domain::calls::CallLogError::NotesTooLong => "notes",
            };
            ActDone::Invalid {
                headline: texts().settings.not_saved.to_owned(),
                fields: vec![(field.to_owned(), (t.log_error)(error).to_owned())],
            }
        }
    })
}
