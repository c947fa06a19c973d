//! The 3-step reminder wizard (create and edit): target and frequency, discount (one, or by
//! cart value with ranges checked live by `domain::DiscountRanges`), and the email.

use domain::{
    Currency, DelayUnit, DiscountDraft, DiscountType, Stage, StepDraft, StepProblem, ValueBasis,
    MAX_RANGES,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{
    load_reminder_editor, CreateTemplate, ReminderEditor, SaveReminder, StepOutcome, TemplateChoice,
};
use crate::i18n::use_i18n;
use crate::pages::templates::EmbeddedTemplateEditor;

const STAGES: [Stage; 3] = [Stage::Target, Stage::Discount, Stage::Email];

fn field_id(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("step-{}", cleaned.trim_end_matches('-'))
}

#[component]
pub fn ReminderWizardPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let editor = Resource::new(id, |id| {
        load_reminder_editor(if id == "new" { String::new() } else { id })
    });
    view! {
        <Suspense fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(data) => view! { <Wizard data /> }.into_any(),
                    Err(error) => super::load_error(error, |t| t.not_found_title),
                }
            })}
        </Suspense>
    }
}

/// The draft and its live problems, shared by the stages.
#[derive(Clone, Copy)]
struct WizardState {
    draft: RwSignal<StepDraft>,
    problems: Memo<Vec<StepProblem>>,
    currency: Currency,
}

impl WizardState {
    /// The message for `field`, in the admin's language.
    fn problem(&self, field: &str) -> Option<String> {
        let i18n = use_i18n();
        let currency = self.currency;
        self.problems.with(|problems| {
            problems
                .iter()
                .find(|p| p.field == field)
                .map(|p| (i18n.t().reminders.issue)(&p.issue, currency))
        })
    }
}

#[component]
fn Wizard(data: ReminderEditor) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let is_new = data.draft.id.is_empty();
    let draft = RwSignal::new(data.draft);
    let problems = Memo::new(move |_| draft.with(|d| d.parse().err().unwrap_or_default()));
    let state = WizardState {
        draft,
        problems,
        currency: data.currency,
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
        Some(Ok(StepOutcome::Saved { .. })) => navigate("/", Default::default()),
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
                draft: draft.get_untracked(),
            });
        } else if let Some(first) = problems.with(|ps| ps.iter().map(|p| p.stage).min()) {
            stage.set(first);
        }
    };
    let templates = RwSignal::new(data.templates);
    view! {
        <Title text=move || if is_new { t().new_title } else { t().edit_title } />
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
                Stage::Target => view! { <TargetStage state /> }.into_any(),
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
                <a href="/" class="button secondary">{move || t().cancel}</a>
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

/// A field's error line, tied to the input by id.
fn error_line(state: WizardState, field: &'static str) -> impl IntoView {
    view! {
        <span class="field-error" id=format!("{}-error", field_id(field))>
            {move || state.problem(field)}
        </span>
    }
}

#[component]
fn TargetStage(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let check = move |label: fn(&crate::i18n::ReminderTexts) -> &'static str,
                      get: fn(&StepDraft) -> bool,
                      set: fn(&mut StepDraft, bool)| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || draft.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| set(d, on));
                    }
                />
                {move || label(t())}
            </label>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{move || t().exclude_non_subscribers}</legend>
            <div class="choices">
                <label class="check">
                    <input
                        type="radio"
                        name="newsletter_only"
                        prop:checked=move || draft.with(|d| d.newsletter_only)
                        on:change=move |_| draft.update(|d| d.newsletter_only = true)
                    />
                    {move || t().yes}
                </label>
                <label class="check">
                    <input
                        type="radio"
                        name="newsletter_only"
                        prop:checked=move || draft.with(|d| !d.newsletter_only)
                        on:change=move |_| draft.update(|d| d.newsletter_only = false)
                    />
                    {move || t().no}
                </label>
            </div>
        </fieldset>
        <fieldset class="field" aria-describedby="step-profiles-error">
            <legend>{move || t().profiles_label}</legend>
            {check(|t| t.active, |d| d.active, |d, on| d.active = on)}
            {check(|t| t.inactive, |d| d.inactive, |d, on| d.inactive = on)}
            {check(|t| t.never_ordered, |d| d.never_ordered, |d, on| d.never_ordered = on)}
            {error_line(state, "profiles")}
        </fieldset>
        <div class="field">
            <label for="step-delay">{move || t().send_after}</label>
            <div class="inline">
                <input
                    id="step-delay"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    prop:value=move || draft.with(|d| d.delay_amount.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.delay_amount = v);
                    }
                    aria-invalid=move || state.problem("delay").is_some().to_string()
                    aria-describedby="step-delay-error"
                />
                <select
                    aria-label=move || t().send_after
                    on:change=move |ev| {
                        let unit = if event_target_value(&ev) == "days" {
                            DelayUnit::Days
                        } else {
                            DelayUnit::Hours
                        };
                        draft.update(|d| d.delay_unit = unit);
                    }
                >
                    <option value="hours" selected=move || draft.with(|d| d.delay_unit == DelayUnit::Hours)>
                        {move || (t().unit)(DelayUnit::Hours)}
                    </option>
                    <option value="days" selected=move || draft.with(|d| d.delay_unit == DelayUnit::Days)>
                        {move || (t().unit)(DelayUnit::Days)}
                    </option>
                </select>
            </div>
            {error_line(state, "delay")}
        </div>
    }
    .into_any()
}

/// Where a discount sits in the draft: the single one, or range `n`.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Single,
    Range(usize),
}

impl Slot {
    fn prefix(self) -> String {
        match self {
            Self::Single => "single".into(),
            Self::Range(n) => format!("ranges[{n}]"),
        }
    }

    fn read(self, draft: &StepDraft) -> Option<&DiscountDraft> {
        match self {
            Self::Single => Some(&draft.single),
            Self::Range(n) => draft.ranges.get(n).map(|r| &r.discount),
        }
    }

    fn write(self, draft: &mut StepDraft, change: impl FnOnce(&mut DiscountDraft)) {
        let target = match self {
            Self::Single => Some(&mut draft.single),
            Self::Range(n) => draft.ranges.get_mut(n).map(|r| &mut r.discount),
        };
        if let Some(target) = target {
            change(target);
        }
    }
}

fn owned_problem(state: WizardState, field: String) -> impl Fn() -> Option<String> + Copy {
    let field = StoredValue::new(field);
    move || field.with_value(|f| state.problem(f))
}

#[component]
fn DiscountFields(state: WizardState, place: Slot) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let slot = place;
    let prefix = slot.prefix();
    let id = |name: &str| field_id(&format!("{prefix}.{name}"));
    let kind = move || draft.with(|d| slot.read(d).map_or(DiscountType::None, |x| x.kind));
    let kinds: &'static [DiscountType] = match slot {
        Slot::Single => &[
            DiscountType::None,
            DiscountType::Percent,
            DiscountType::Amount,
            DiscountType::FreeShipping,
        ],
        Slot::Range(_) => &[
            DiscountType::Percent,
            DiscountType::Amount,
            DiscountType::FreeShipping,
        ],
    };
    let value_problem = owned_problem(state, format!("{prefix}.value"));
    let validity_problem = owned_problem(state, format!("{prefix}.validity_days"));
    let kind_problem = owned_problem(state, format!("{prefix}.kind"));
    let (kind_id, value_id, validity_id) = (id("kind"), id("value"), id("validity_days"));
    let value_error = format!("{value_id}-error");
    let validity_error = format!("{validity_id}-error");
    let currency = state.currency;
    view! {
        <div class="discount-fields">
            <div class="field">
                <label for=kind_id.clone()>{move || t().discount_type}</label>
                <select
                    id=kind_id
                    on:change=move |ev| {
                        let chosen = match event_target_value(&ev).as_str() {
                            "percent" => DiscountType::Percent,
                            "amount" => DiscountType::Amount,
                            "free_shipping" => DiscountType::FreeShipping,
                            _ => DiscountType::None,
                        };
                        draft.update(|d| slot.write(d, |x| x.kind = chosen));
                    }
                >
                    {kinds
                        .iter()
                        .map(|k| {
                            let k = *k;
                            let value = match k {
                                DiscountType::None => "none",
                                DiscountType::Percent => "percent",
                                DiscountType::Amount => "amount",
                                DiscountType::FreeShipping => "free_shipping",
                            };
                            view! {
                                <option value=value selected=move || kind() == k>
                                    {move || (t().kind)(k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <span class="field-error">{kind_problem}</span>
            </div>
            <div
                class="field"
                hidden=move || !matches!(kind(), DiscountType::Percent | DiscountType::Amount)
            >
                <label for=value_id.clone()>
                    {move || t().value} " ("
                    {move || if kind() == DiscountType::Percent { "%".to_owned() } else { currency.code().to_owned() }}
                    ")"
                </label>
                <input
                    id=value_id
                    type="text"
                    inputmode="decimal"
                    prop:value=move || draft.with(|d| slot.read(d).map(|x| x.value.clone()).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| slot.write(d, |x| x.value = v));
                    }
                    aria-invalid=move || value_problem().is_some().to_string()
                    aria-describedby=value_error.clone()
                />
                <span class="field-error" id=value_error>{value_problem}</span>
            </div>
            <div class="field" hidden=move || kind() == DiscountType::None>
                <label for=validity_id.clone()>{move || t().validity}</label>
                <input
                    id=validity_id
                    type="number"
                    min="1"
                    max="365"
                    prop:value=move || draft.with(|d| slot.read(d).map(|x| x.validity_days.clone()).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| slot.write(d, |x| x.validity_days = v));
                    }
                    aria-invalid=move || validity_problem().is_some().to_string()
                    aria-describedby=validity_error.clone()
                />
                <span class="field-error" id=validity_error>{validity_problem}</span>
            </div>
            <label class="check" hidden=move || kind() == DiscountType::None>
                <input
                    type="checkbox"
                    prop:checked=move || draft.with(|d| slot.read(d).is_some_and(|x| x.combinable))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| slot.write(d, |x| x.combinable = on));
                    }
                />
                {move || t().combinable}
            </label>
            <label class="check" hidden=move || kind() != DiscountType::Amount>
                <input
                    type="checkbox"
                    prop:checked=move || draft.with(|d| slot.read(d).is_some_and(|x| x.tax_included))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| slot.write(d, |x| x.tax_included = on));
                    }
                />
                {move || t().tax_included}
            </label>
        </div>
    }
    .into_any()
}

#[component]
fn DiscountStage(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let by_value = move || draft.with(|d| d.by_cart_value);
    view! {
        <fieldset class="field">
            <legend>{move || t().by_cart_value}</legend>
            <div class="choices">
                <label class="check">
                    <input
                        type="radio"
                        name="by_cart_value"
                        prop:checked=by_value
                        on:change=move |_| draft.update(|d| d.by_cart_value = true)
                    />
                    {move || t().yes}
                </label>
                <label class="check">
                    <input
                        type="radio"
                        name="by_cart_value"
                        prop:checked=move || !by_value()
                        on:change=move |_| draft.update(|d| d.by_cart_value = false)
                    />
                    {move || t().no}
                </label>
            </div>
        </fieldset>
        {move || {
            if by_value() {
                view! { <RangesEditor state /> }.into_any()
            } else {
                view! { <DiscountFields state place=Slot::Single /> }.into_any()
            }
        }}
        <p class="hint profit-hint">{move || t().profit_hint}</p>
    }
    .into_any()
}

#[component]
fn RangesEditor(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let count = move || draft.with(|d| d.ranges.len());
    let currency = state.currency;
    view! {
        <div class="field">
            <label for="step-basis">{move || t().basis_label}</label>
            <select
                id="step-basis"
                on:change=move |ev| {
                    let basis = if event_target_value(&ev) == "tax_excluded" {
                        ValueBasis::TaxExcluded
                    } else {
                        ValueBasis::TaxIncluded
                    };
                    draft.update(|d| d.basis = basis);
                }
            >
                <option value="tax_included" selected=move || draft.with(|d| d.basis == ValueBasis::TaxIncluded)>
                    {move || (t().basis)(ValueBasis::TaxIncluded)}
                </option>
                <option value="tax_excluded" selected=move || draft.with(|d| d.basis == ValueBasis::TaxExcluded)>
                    {move || (t().basis)(ValueBasis::TaxExcluded)}
                </option>
            </select>
        </div>
        <p class="hint">{move || t().below_first}</p>
        <For each=move || 0..count() key=|n| *n let:n>
            <RangeBox state n currency />
        </For>
        <span class="field-error">{move || state.problem("ranges")}</span>
        <button
            type="button"
            class="secondary add-range"
            disabled=move || { count() >= MAX_RANGES }
            on:click=move |_| draft.update(StepDraft::add_range)
        >
            {move || t().add_range}
        </button>
    }
    .into_any()
}

#[component]
fn RangeBox(state: WizardState, n: usize, currency: Currency) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let range_problem = owned_problem(state, format!("ranges[{n}]"));
    let min_problem = owned_problem(state, format!("ranges[{n}].min"));
    let max_problem = owned_problem(state, format!("ranges[{n}].max"));
    let (min_id, max_id) = (
        field_id(&format!("ranges[{n}].min")),
        field_id(&format!("ranges[{n}].max")),
    );
    // Only the last range has an upper bound: the others end where the next one starts.
    let is_last = move || draft.with(|d| n + 1 == d.ranges.len());
    let read = move |f: fn(&domain::RangeDraft) -> String| {
        draft.with(|d| d.ranges.get(n).map(f).unwrap_or_default())
    };
    view! {
        <fieldset
            class="range"
            class:invalid=move || range_problem().is_some()
            data-range=n + 1
        >
            <legend>{move || (t().range_title)(n + 1)}</legend>
            <p class="field-error range-error" role="alert">{range_problem}</p>
            <div class="inline">
                <div class="field">
                    <label for=min_id.clone()>{move || t().from} " (" {currency.code()} ")"</label>
                    <input
                        id=min_id
                        type="text"
                        inputmode="decimal"
                        prop:value=move || read(|r| r.min.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|d| if let Some(r) = d.ranges.get_mut(n) { r.min = v });
                        }
                        aria-invalid=move || min_problem().is_some().to_string()
                    />
                    <span class="field-error">{min_problem}</span>
                </div>
                <div class="field" hidden=move || !is_last()>
                    <label for=max_id.clone()>{move || t().to} " (" {currency.code()} ")"</label>
                    <input
                        id=max_id
                        type="text"
                        inputmode="decimal"
                        prop:value=move || read(|r| r.max.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|d| if let Some(r) = d.ranges.get_mut(n) { r.max = v });
                        }
                        aria-invalid=move || max_problem().is_some().to_string()
                    />
                    <small class="hint">{move || t().to_hint}</small>
                    <span class="field-error">{max_problem}</span>
                </div>
            </div>
            <DiscountFields state place=Slot::Range(n) />
            <button
                type="button"
                class="secondary remove-range"
                disabled=move || draft.with(|d| d.ranges.len() <= 1)
                on:click=move |_| draft.update(|d| {
                    if d.ranges.len() > 1 && n < d.ranges.len() {
                        d.ranges.remove(n);
                    }
                })
            >
                {move || t().remove_range}
            </button>
        </fieldset>
    }
    .into_any()
}

#[component]
fn EmailStage(state: WizardState, templates: RwSignal<Vec<TemplateChoice>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let selected = move || draft.with(|d| d.template_id.clone());
    let create = ServerAction::<CreateTemplate>::new();
    let new_name = RwSignal::new(String::new());
    // A template made here joins the list and becomes the reminder's.
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            if templates.with_untracked(|all| all.iter().all(|c| c.id != id)) {
                templates.update(|all| {
                    all.push(TemplateChoice {
                        id: id.clone(),
                        name: new_name.get_untracked(),
                        languages: vec![domain::Language::FRENCH, domain::Language::ENGLISH],
                    })
                });
                new_name.set(String::new());
            }
            draft.update(|d| d.template_id = id);
        }
    });
    let create_error = move || match create.value().get() {
        Some(Err(error)) => Some(error.to_string()),
        _ => None,
    };
    view! {
        <div class="field">
            <label for="step-template">{move || t().template_label}</label>
            <select
                id="step-template"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|d| d.template_id = v);
                }
                aria-describedby="step-template-error"
            >
                {move || {
                    templates
                        .get()
                        .into_iter()
                        .map(|choice| {
                            let id = choice.id.clone();
                            let codes = choice
                                .languages
                                .iter()
                                .map(|l| l.code().to_uppercase())
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <option value=choice.id.clone() selected=move || selected() == id>
                                    {format!("{} ({codes})", choice.name)}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            {error_line(state, "template")}
            {move || {
                templates.with(Vec::is_empty).then(|| view! { <p class="empty">{move || t().no_template}</p> })
            }}
        </div>
        <div class="field new-template">
            <label for="step-new-template">{move || t().new_template}</label>
            <div class="copy-row">
                <input
                    id="step-new-template"
                    type="text"
                    maxlength="100"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="secondary"
                    disabled=move || new_name.with(|n| n.trim().is_empty()) || create.pending().get()
                    on:click=move |_| {
                        create.dispatch(CreateTemplate { name: new_name.get_untracked() });
                    }
                >
                    {move || t().create_template}
                </button>
            </div>
            <span class="field-error">{create_error}</span>
        </div>
        // The template editor itself, with its live preview; it saves the template on its own.
        {move || {
            let id = selected();
            (!id.is_empty()).then(|| view! { <EmbeddedTemplateEditor template_id=id /> })
        }}
    }
    .into_any()
}
