//! The 3-step reminder wizard (create and edit), drawn by the server with the draft's values:
//! target and frequency, discount (one, or one per cart-value range), and the email. The
//! stages are sections of one form, shown by its `data-stage`; the `WizardLive` control moves
//! between them, asking the server to check a stage before the next (`Act::StepForm`), adds and
//! removes ranges, counts SMS as typed, and saves.

mod discount;
mod email;
mod fields;
mod target;

use crate::loaded::Loaded;
use crate::nav::{use_params_map, use_query_map};
use leptos::prelude::*;
use leptos_meta::Title;

use super::controls::WizardLive;
use super::wizard_live::WizardWords;
use crate::api::{load_reminder_editor, ReminderEditor};
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

#[cfg_attr(not(feature = "hydrate"), allow(unused_imports))]
pub use discount::NEW_RANGE;

#[component]
pub fn ReminderWizardPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let rule = use_query_map().with_untracked(|q| q.get("rule").unwrap_or_default());
    let shop = current_shop();
    let editor = Loaded::new(
        || (),
        move |_| {
            let id = if id == "new" {
                String::new()
            } else {
                id.clone()
            };
            load_reminder_editor(shop.clone(), id, rule.clone())
        },
    );
    view! {
        {move || Suspend::new(async move {
            match editor.await {
                Ok(data) => wizard(data).into_any(),
                Err(error) => crate::pages::load_error(error, |t| t.not_found_title),
            }
        })}
    }
}

fn wizard(data: ReminderEditor) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().reminders;
    let title = if data.draft.id.is_empty() {
        t.new_title
    } else {
        t.edit_title
    };
    let draft = data.draft;
    let names: Vec<(String, String)> = data
        .templates
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let words = WizardWords {
        range_title: t.range_title.to_owned(),
        sms_counter: i18n.t().sms.counter.to_owned(),
        not_saved: i18n.t().settings.not_saved.to_owned(),
        failed: i18n.t().settings.failed.to_owned(),
        saving: t.saving.to_owned(),
    };
    let stages = ["target", "discount", "email"];
    view! {
        <Title text=crate::title::page_title(move || title) />
        <h1>{title}</h1>
        <WizardLive shop=current_shop() words>
            <ol class="wizard-stages">
                {stages
                    .into_iter()
                    .zip(t.stages)
                    .map(|(stage, label)| {
                        let current = stage == "target";
                        view! {
                            <li data-stage=stage class:current=current aria-current=current.then_some("step")>
                                {label}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <form class="wizard" method="post" novalidate data-stage="target">
                <input type="hidden" name="id" value=draft.id.clone() />
                <input type="hidden" name="rule_id" value=draft.rule_id.clone() />
                <input type="hidden" name="enabled" value=draft.enabled.to_string() />
                <section class="stage" data-stage="target">
                    {target::target_stage(&draft, data.members, data.webhook_secret)}
                </section>
                <section class="stage" data-stage="discount">
                    {discount::discount_stage(&draft, data.currency, &names, data.collections)}
                </section>
                <section class="stage" data-stage="email">
                    {email::email_stage(&draft, &data.templates, data.currency)}
                </section>
                <p class="error wizard-said" role="alert"></p>
                <div class="form-actions wizard-actions">
                    <a href=shop_path("/") class="button secondary">{t.cancel}</a>
                    <button type="button" class="secondary" data-go="previous">{t.previous}</button>
                    <button type="button" data-go="next">{t.next}</button>
                    <button type="submit" class="wizard-save">{t.save}</button>
                </div>
            </form>
        </WizardLive>
    }
}
