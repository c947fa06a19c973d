//! The Reminders tab, drawn on the server: the campaign's steps in delay order. Its switches and
//! buttons are controls that take their words as props (`controls`).

use crate::loaded::Loaded;
use crate::nav::use_query_map;
use domain::MAX_STEPS;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_reminders, RemindersData};
use crate::i18n::use_i18n;
use crate::pages::campaign_tools::CampaignTools;
use crate::pages::controls::Switch;
use crate::pages::reminder_controls::{SwitchTarget, SwitchWords};
use crate::pages::reminder_line::ReminderLine;
use crate::shop::{current_shop, shop_path};

/// The Reminders tab: the campaign's steps in delay order, with their switches and actions.
#[component]
pub fn RemindersPage() -> impl IntoView {
    let i18n = use_i18n();
    let shop = current_shop();
    let query = use_query_map();
    let reminders = Loaded::new(
        move || query.read().get("rule").unwrap_or_default(),
        move |rule| list_reminders(shop.clone(), rule),
    );

    view! {
        <Title text=crate::title::page_title(move || i18n.t().reminders_title) />
        <h1>{move || i18n.t().reminders_title}</h1>
        <p class="intro">{move || i18n.t().reminders_intro}</p>
        {move || Suspend::new(async move {
            match reminders.await {
                Ok(data) => {
                    let paused = data.paused;
                    let rule = data.rule_id.clone();
                    let check = data.check.clone();
                    view! {
                        <super::rule_tabs::RuleTabs data=data.clone() />
                        <super::launch_check::LaunchCheck problems=check />
                        <CampaignTools rule paused />
                        <RemindersTable data />
                    }
                        .into_any()
                }
                Err(error) => super::load_error(error, |t| t.no_shop),
            }
        })}
    }
}

#[component]
fn RemindersTable(data: RemindersData) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().reminders;
    let full = data.rows.len() >= MAX_STEPS;
    let create = if full {
        view! {
            <div class="create-reminder">
                <button type="button" disabled=true aria-describedby="limit-reason">
                    {t.create}
                </button>
                <p id="limit-reason" class="hint">{t.limit_reached}</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="create-reminder">
                <a
                    href=shop_path(&format!("/reminders/new?rule={}", data.rule_id))
                    class="button"
                >
                    {t.create}
                </a>
            </div>
        }
        .into_any()
    };
    let currency = data.currency;
    let body = if data.rows.is_empty() {
        view! { <p class="empty">{i18n.t().no_reminders}</p> }.into_any()
    } else {
        let texts = i18n.t();
        view! {
            <table class="reminders">
                <thead>
                    <tr>
                        <th scope="col">{texts.col_send_after}</th>
                        <th scope="col">{texts.col_subject}</th>
                        <th scope="col">{texts.col_discount}</th>
                        <th scope="col">{texts.col_languages}</th>
                        <th scope="col">{texts.col_status}</th>
                        <th scope="col">{t.col_actions}</th>
                    </tr>
                </thead>
                {data
                    .rows
                    .into_iter()
                    .map(|row| view! { <ReminderLine row currency full /> })
                    .collect_view()}
            </table>
        }
        .into_any()
    };
    view! {
        {create}
        <div class="escalation">
            <Switch
                target=SwitchTarget::Escalation { rule: data.rule_id.clone() }
                on=data.escalation
                words=SwitchWords {
                    label: t.escalation_label.to_owned(),
                    on: t.escalation_label.to_owned(),
                    off: t.escalation_label.to_owned(),
                }
                hint=Some("escalation-hint".to_owned())
            />
            <p id="escalation-hint" class="hint">{t.escalation_hint}</p>
        </div>
        {body}
    }
    .into_any()
}
