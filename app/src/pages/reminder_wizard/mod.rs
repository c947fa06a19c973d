//! The 3-step reminder wizard (create and edit): target and frequency, discount (one, or by
//! cart value with ranges checked live by `domain::DiscountRanges`), and the email.

mod channel;
mod code_source;
mod discount;
mod email;
mod slot;
mod sms;
mod split;
mod state;
mod target;

use crate::nav::{use_navigate, use_params_map, use_query_map};
use domain::Stage;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{load_reminder_editor, ReminderEditor, SaveReminder, StepOutcome};
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

use discount::DiscountStage;
use email::EmailStage;
use state::WizardState;
use target::TargetStage;

const STAGES: [Stage; 3] = [Stage::Target, Stage::Discount, Stage::Email];

#[component]
pub fn ReminderWizardPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let rule = move || query.read().get("rule").unwrap_or_default();
    let shop = current_shop();
    let editor = Resource::new(
        move || (id(), rule()),
        move |(id, rule)| {
            load_reminder_editor(
                shop.clone(),
                if id == "new" { String::new() } else { id },
                rule,
            )
        },
    );
    view! {
        <Suspense fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(data) => view! { <Wizard data /> }.into_any(),
                    Err(error) => crate::pages::load_error(error, |t| t.not_found_title),
                }
            })}
        </Suspense>
    }
}

/// The draft and its live problems, shared by the stages.
#[component]
fn Wizard(data: ReminderEditor) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let is_new = data.draft.id.is_empty();
    let members = StoredValue::new(data.members);
    let draft = RwSignal::new(data.draft);
    let problems = Memo::new(move |_| draft.with(|d| d.parse().err().unwrap_or_default()));
    let state = WizardState {
        draft,
        problems,
        currency: data.currency,
        templates: StoredValue::new(
            data.templates
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect(),
        ),
        collections: StoredValue::new(data.collections.clone()),
        webhook_secret: StoredValue::new(data.webhook_secret.clone()),
    };
    let stage = RwSignal::new(Stage::Target);
    let tried = RwSignal::new(false);
    let stage_blocked = move || {
        let current = stage.get();
        problems.with(|ps| ps.iter().any(|p| p.stage == current))
    };
    let save = ServerAction::<SaveReminder>::new();
    let navigate = use_navigate();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(StepOutcome::Saved { .. })) => navigate(&shop_path("/"), Default::default()),
        Some(Ok(StepOutcome::Invalid { problems })) => {
            if let Some(first) = problems.iter().map(|p| p.stage).min() {
                stage.set(first);
            }
        }
        _ => {}
    });
    let server_message = move || match save.value().get() {
        Some(Ok(StepOutcome::Refused(refusal))) => Some((t().refusal)(&refusal)),
        Some(Err(error)) => Some(error.to_string()),
        _ => None,
    };
    let index = move || STAGES.iter().position(|s| *s == stage.get()).unwrap_or(0);
    let next = move |_| {
        tried.set(true);
        if !stage_blocked() {
            tried.set(false);
            stage.set(STAGES[(index() + 1).min(2)]);
        }
    };
    let previous = move |_| stage.set(STAGES[index().saturating_sub(1)]);
    let on_save = move |_| {
        tried.set(true);
        if problems.with(Vec::is_empty) {
            save.dispatch(SaveReminder {
                shop: current_shop(),
                draft: draft.get_untracked(),
            });
        } else if let Some(first) = problems.with(|ps| ps.iter().map(|p| p.stage).min()) {
            stage.set(first);
        }
    };
    let templates = RwSignal::new(data.templates);
    view! {
        <Title text=crate::title::page_title(move || if is_new { t().new_title } else { t().edit_title }) />
        <h1>{move || if is_new { t().new_title } else { t().edit_title }}</h1>
        <ol class="wizard-stages">
            {STAGES
                .iter()
                .enumerate()
                .map(|(n, s)| {
                    let s = *s;
                    view! {
                        <li
                            class:current=move || stage.get() == s
                            aria-current=move || (stage.get() == s).then_some("step")
                        >
                            {move || t().stages[n]}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <form
            class="wizard"
            class:wide=move || stage.get() == Stage::Email
            on:submit=|ev| ev.prevent_default()
            novalidate
        >
            {move || match stage.get() {
                Stage::Target => view! { <TargetStage state members /> }.into_any(),
                Stage::Discount => view! { <DiscountStage state /> }.into_any(),
                Stage::Email => {
                    view! { <EmailStage state templates /> }.into_any()
                }
            }}
            <p class="error" role="alert">
                {move || server_message()}
                {move || {
                    (tried.get() && stage_blocked()).then(|| i18n.t().settings.not_saved)
                }}
            </p>
            <div class="form-actions wizard-actions">
                <a href=shop_path("/") class="button secondary">{move || t().cancel}</a>
                <button
                    type="button"
                    class="secondary"
                    on:click=previous
                    disabled=move || stage.get() == Stage::Target
                >
                    {move || t().previous}
                </button>
                {move || {
                    if stage.get() == Stage::Email {
                        view! {
                            <button type="button" on:click=on_save disabled=move || save.pending().get()>
                                {move || if save.pending().get() { t().saving } else { t().save }}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! { <button type="button" on:click=next>{move || t().next}</button> }
                            .into_any()
                    }
                }}
            </div>
        </form>
    }
    .into_any()
}
