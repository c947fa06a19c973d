//! `perform_act`, the one server function the controls call, and what it runs on the server:
//! each act by the server function that does it.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use super::acts::Act;
use super::acts::{ActDone, SentAct};
use crate::error::AppError;

#[server(prefix = "/admin/fn", endpoint = "perform_act", input = Json)]
pub async fn perform_act(shop: String, act: SentAct) -> Result<ActDone, AppError> {
    let done = run(shop, act).await;
    // A done act is a 200, whatever status the function it ran gave its own refusal (a refused
    // import is its 422): the control reads the words of `ActDone`, not the status.
    if done.is_ok() {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::OK);
        }
    }
    done
}

/// Runs `act` by calling the server function that does it, so its checks (session, role, shop)
/// are that function's.
#[cfg(feature = "ssr")]
pub async fn run(shop: String, act: Act) -> Result<ActDone, AppError> {
    use super::{
        bulk, campaign_io, cart_detail, codes, connect_log, keys, reminders, rules, sending, sms,
        splits, team, templates, tracker, unsubscribed, webhooks, CodesImported, CollectionDeleted,
        InviteOutcome, KeyCreated, RuleDeleted, RunNowOutcome, StepSaved,
    };

    Ok(match act {
        Act::DuplicateReminder { id } => match reminders::duplicate_reminder(shop, id).await? {
            StepSaved::Refused(_) => ActDone::Refused,
            // Gone meanwhile: the page shows what there is now.
            StepSaved::Saved { .. } | StepSaved::NotFound => ActDone::Reload,
        },
        Act::DeleteReminder { id } => {
            reminders::delete_reminder(shop, id).await?;
            ActDone::Reload
        }
        Act::SwitchStep { id, on } => {
            reminders::set_reminder_enabled(shop, id, on).await?;
            ActDone::Quiet
        }
        Act::SwitchEscalation { rule, on } => {
            reminders::set_escalation(shop, rule, on).await?;
            ActDone::Quiet
        }
        Act::PauseRule { rule, paused } => {
            campaign_io::set_campaign_paused(shop, rule, paused).await?;
            ActDone::Reload
        }
        Act::RerouteRule { id } => {
            let moved = rules::reroute_rule(shop, id).await?;
            ActDone::said(&[("n", moved)], false)
        }
        Act::DeleteRule { id } => match rules::delete_rule(shop, id).await? {
            RuleDeleted::Deleted => ActDone::Reload,
            RuleDeleted::LastRule => ActDone::Refused,
        },
        Act::RemoveUnsubscribed { email } => {
            unsubscribed::remove_unsubscribed(shop, email).await?;
            ActDone::Reload
        }
        Act::PromoteVariant { step_id, variant } => {
            splits::promote_variant(shop, step_id, variant).await?;
            ActDone::said(&[], false)
        }
        Act::InviteMember {
            email,
            role,
            send_mail,
        } => match team::invite_member(shop, email, role, send_mail).await? {
            InviteOutcome::Invited { link, mailed } => ActDone::ShownOnce { code: link, mailed },
            InviteOutcome::Added => ActDone::said(&[], true),
            InviteOutcome::BadEmail => ActDone::Refused,
        },
        Act::ChangeRole { user_id, role } => {
            team::change_role(shop, user_id, role).await?;
            ActDone::Quiet
        }
        Act::RemoveMember { user_id } => {
            team::remove_member(shop, user_id).await?;
            ActDone::Reload
        }
        Act::ImportCampaign { rule, document } => {
            let report = campaign_io::import_campaign(shop, rule, document).await?;
            ActDone::Report {
                done: report.imported,
                headline: report.headline,
                lines: report.lines,
            }
        }
        Act::SaveSettings { fields } => save_settings(shop, &fields).await?,
        Act::StepForm { fields, save } => super::act_step::step_form(shop, &fields, save).await?,
        Act::SaveRule { fields } => super::act_rule::save_rule_form(shop, &fields).await?,
        Act::CompleteSetup { fields } => super::act_entry::complete_setup_form(&fields).await?,
        Act::CreateShop { fields } => super::act_entry::create_shop_form(&fields).await?,
        Act::AcceptInvitation { token, password } => {
            super::act_entry::accept_invitation_form(token, password).await?
        }
        Act::GiveCallCoupon { fields } => super::act_call::give_coupon(shop, &fields).await?,
        Act::SendCallEmail { id, template } => {
            super::act_call::send_email(shop, id, template).await?
        }
        Act::LogCall { id, outcome, notes } => {
            super::act_call::log(shop, id, outcome, notes).await?
        }
        Act::CreateApiKey { name } => match keys::create_api_key(shop, name).await? {
            KeyCreated::Created { secret } => ActDone::ShownOnce {
                code: secret,
                mailed: false,
            },
            KeyCreated::BadName => ActDone::Invalid {
                headline: texts().settings.not_saved.to_owned(),
                fields: vec![("name".into(), texts().keys.bad_name.to_owned())],
            },
        },
        Act::RevokeApiKey { id } => {
            keys::revoke_api_key(shop, id).await?;
            ActDone::Reload
        }
        Act::SendTestEvent => {
            connect_log::send_test_event(shop).await?;
            // The log shows the event.
            ActDone::said(&[], true)
        }
        Act::SaveTrackerOrigins { origins } => {
            tracker::save_tracker_origins(shop, origins).await?;
            ActDone::said(&[], true)
        }
        Act::RenewTrackerKey => {
            tracker::renew_tracker_key(shop).await?;
            ActDone::said(&[], true)
        }
        Act::SetWebhookSecret { platform, value } => {
            webhooks::set_webhook_secret(shop, platform, value).await?;
            ActDone::said(&[], true)
        }
        Act::SaveSmsProvider {
            kind,
            url,
            sender,
            api_key,
        } => {
            let form = sms::SmsProviderForm {
                kind,
                url,
                sender,
                api_key,
            };
            match sms::save_sms_provider(shop, form).await {
                Ok(()) => ActDone::said(&[], true),
                Err(AppError::Invalid(why)) => sms_refusal(&why)?,
                Err(error) => return Err(error),
            }
        }
        Act::CreateTemplate { name } => {
            let id = templates::create_template(shop.clone(), name).await?;
            ActDone::Go {
                to: format!("/s/{shop}/templates/{id}"),
            }
        }
        Act::DuplicateTemplate { id } => {
            templates::duplicate_template(shop, id).await?;
            ActDone::Reload
        }
        Act::DeleteTemplate { id } => {
            templates::delete_template(shop, id).await?;
            ActDone::Reload
        }
        Act::ImportCodes { name, codes } => {
            let t = texts().codes;
            match codes::import_codes(shop, name, codes).await? {
                CodesImported::Imported { count, .. } => ActDone::Report {
                    done: true,
                    headline: (t.imported)(count),
                    lines: Vec::new(),
                },
                CodesImported::Invalid(problems) => ActDone::Report {
                    done: false,
                    headline: t.not_imported.to_owned(),
                    lines: problems.iter().map(|p| (t.problem)(p)).collect(),
                },
            }
        }
        Act::DeleteCodeCollection { id } => {
            let t = texts().codes;
            let (done, headline) = match codes::delete_code_collection(shop, id).await? {
                CollectionDeleted::Deleted { name, left } => (true, (t.deleted)(&name, left)),
                CollectionDeleted::InUse { name, rules } => (false, (t.in_use)(&name, &rules)),
            };
            ActDone::Report {
                done,
                headline,
                lines: Vec::new(),
            }
        }
        Act::SendNextReminder { id } => {
            cart_detail::send_next_reminder_now(shop, id).await?;
            ActDone::Reload
        }
        Act::EraseCustomer { id } => {
            cart_detail::erase_customer(shop.clone(), id).await?;
            // The cart's page is gone with its customer: the list.
            ActDone::Go {
                to: format!("/s/{shop}/carts"),
            }
        }
        Act::BulkCarts { action, ids } => ActDone::Report {
            done: true,
            headline: (texts().bulk.done)(bulk::bulk_carts(shop, action, ids).await?),
            lines: Vec::new(),
        },
        Act::RunNow => match sending::run_now(shop).await? {
            RunNowOutcome::Ran(f) => ActDone::said(
                &[
                    ("due", f.due),
                    ("sent", f.sent),
                    ("skipped", f.skipped_total()),
                    ("failed", f.failed),
                ],
                // The history shows the run.
                true,
            ),
            RunNowOutcome::AlreadyRunning => ActDone::Refused,
        },
        Act::RegenerateCronToken => {
            sending::regenerate_cron_token(shop).await?;
            ActDone::said(&[], true)
        }
    })
}

/// The texts of the caller's language: the words an act's outcome is said in.
#[cfg(feature = "ssr")]
fn texts() -> &'static crate::i18n::Texts {
    crate::i18n::initial_locale().texts()
}

/// A refused SMS provider, its problem beside the field it names (`field: why`); a refusal that
/// names none stays the error it is.
#[cfg(feature = "ssr")]
fn sms_refusal(why: &str) -> Result<ActDone, AppError> {
    let field = why
        .split_once(':')
        .map(|(field, _)| field.trim())
        .filter(|field| ["kind", "url", "sender", "api_key"].contains(field));
    match field {
        Some(field) => Ok(ActDone::Invalid {
            headline: texts().settings.not_saved.to_owned(),
            fields: vec![(field.to_owned(), (texts().sms.problem)(field).to_owned())],
        }),
        None => Err(AppError::Invalid(why.to_owned())),
    }
}

/// Saves the Settings form's fields: said done, or each problem by its field.
#[cfg(feature = "ssr")]
async fn save_settings(shop: String, fields: &[(String, String)]) -> Result<ActDone, AppError> {
    use domain::settings::{SettingsDraft, SettingsField};

    let value = |name: &str| {
        fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.clone())
    };
    let mut draft = SettingsDraft {
        require_consent: value("require_consent").is_some(),
        ..SettingsDraft::default()
    };
    for field in SettingsField::ALL {
        *draft.value_mut(field) = value(field.as_str()).unwrap_or_default();
    }
    Ok(match super::settings::save_settings(shop, draft).await? {
        super::SettingsOutcome::Saved { .. } => ActDone::said(&[], false),
        super::SettingsOutcome::Invalid { problems } => {
            let t = texts().settings;
            ActDone::Invalid {
                headline: t.not_saved.to_owned(),
                fields: problems
                    .iter()
                    .map(|p| (p.field.as_str().to_owned(), (t.problem)(&p.problem)))
                    .collect(),
            }
        }
    })
}
