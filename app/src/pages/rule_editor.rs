//! The rule editor: name, priority and conditions. The form is checked live by the same
//! `domain::rules::RuleDraft::parse` the server runs, and each problem shows beside its field.

use crate::nav::{use_navigate, use_params_map};
use domain::rules::{Compare, OptionalField, RuleDraft, RuleProblem};
use leptos::prelude::*;
use leptos_meta::Title;

use super::rule_products::ProductPicker;
use crate::api::{load_rule, RuleEditorData, RuleOutcome, SaveRule};
use crate::i18n::{field_path, use_i18n};
use crate::shop::{current_shop, shop_path};

#[component]
pub fn RuleEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let shop = current_shop();
    let editor = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        move |id| load_rule(shop.clone(), id),
    );
    view! {
        <Suspense fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(data) => view! { <RuleForm data /> }.into_any(),
                    Err(error) => crate::pages::load_error(error, |t| t.not_found_title),
                }
            })}
        </Suspense>
    }
}

type GetField = fn(&RuleDraft) -> String;
type SetField = fn(&mut RuleDraft, String);

/// The problem of `field`, once the merchant tried to save.
fn problem_of(
    problems: Memo<Vec<RuleProblem>>,
    tried: RwSignal<bool>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy {
    move || {
        if !tried.get() {
            return None;
        }
        problems.with(|all| {
            all.iter()
                .find(|p| p.field == field)
                .map(|p| p.message.clone())
        })
    }
}

#[component]
fn Problem(message: impl Fn() -> Option<String> + Send + Sync + 'static) -> impl IntoView {
    move || {
        message().map(|message| view! { <small class="field-error" role="alert">{message}</small> })
    }
}

#[component]
fn Missing(sent: StoredValue<Vec<OptionalField>>, field: OptionalField) -> impl IntoView {
    let i18n = use_i18n();
    (!sent.with_value(|sent| sent.contains(&field))).then(|| {
        view! {
            <small class="warning" data-missing=field_path(field)>
                {move || (i18n.t().rules.not_sent)(field_path(field))}
            </small>
        }
    })
}

#[component]
fn Text(
    draft: RwSignal<RuleDraft>,
    name: &'static str,
    label: fn(&crate::i18n::RuleTexts) -> &'static str,
    get: GetField,
    set: SetField,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] hint: Option<fn(&crate::i18n::RuleTexts) -> &'static str>,
    #[prop(optional)] list: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label>
            <span>{move || label(i18n.t().rules)}</span>
            <input
                type=kind.unwrap_or("text")
                name=name
                list=list
                prop:value=move || draft.with(get)
                on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
            />
            {hint.map(|hint| view! { <small class="hint">{move || hint(i18n.t().rules)}</small> })}
        </label>
    }
}

#[component]
fn CompareSelect(
    draft: RwSignal<RuleDraft>,
    name: &'static str,
    get: GetField,
    set: SetField,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().rules;
    view! {
        <select
            name=name
            prop:value=move || draft.with(get)
            on:change=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
        >
            <option value="">{move || t().compare_any}</option>
            {Compare::ALL
                .into_iter()
                .map(|c| view! { <option value=c.as_str()>{move || (t().compare)(c)}</option> })
                .collect_view()}
        </select>
    }
}

#[component]
fn Checks<const N: usize>(
    draft: RwSignal<RuleDraft>,
    name: &'static str,
    names: fn(&crate::i18n::RuleTexts) -> [&'static str; N],
    get: fn(&RuleDraft) -> [bool; N],
    set: fn(&mut RuleDraft, usize, bool),
) -> impl IntoView {
    let i18n = use_i18n();
    (0..N)
        .map(|i| {
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        name=format!("{name}[{i}]")
                        prop:checked=move || draft.with(|d| get(d)[i])
                        on:change=move |ev| draft.update(|d| set(d, i, event_target_checked(&ev)))
                    />
                    <span>{move || names(i18n.t().rules)[i]}</span>
                </label>
            }
        })
        .collect_view()
}

#[component]
fn RuleForm(data: RuleEditorData) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().rules;
    let is_new = data.draft.id.is_empty();
    let draft = RwSignal::new(data.draft);
    let sent = StoredValue::new(data.sent_fields);
    let products = StoredValue::new(data.products);
    let problems = Memo::new(move |_| draft.with(|d| d.parse().err().unwrap_or_default()));
    let tried = RwSignal::new(false);
    let save = ServerAction::<SaveRule>::new();
    let navigate = use_navigate();
    // A new rule goes to the list, where it shows paused, ready for its reminders.
    Effect::new(move |_| {
        if let Some(Ok(RuleOutcome::Saved { .. })) = save.value().get() {
            if is_new {
                navigate(&shop_path("/rules"), Default::default());
            }
        }
    });
    let server_problems = move || match save.value().get() {
        Some(Ok(RuleOutcome::Invalid { problems })) => Some(
            problems
                .into_iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Some(Err(error)) => Some(error.to_string()),
        _ => None,
    };
    let saved = move || {
        matches!(save.value().get(), Some(Ok(RuleOutcome::Saved { .. }))) && !save.pending().get()
    };
    let problem = move |field| problem_of(problems, tried, field);
    view! {
        <Title text=crate::title::page_title(move || if is_new { t().editor_new } else { t().editor_edit }) />
        <h1>{move || if is_new { t().editor_new } else { t().editor_edit }}</h1>
        <p class="intro">{move || t().editor_intro}</p>
        <form
            class="rule-editor"
            novalidate
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                tried.set(true);
                if problems.with(Vec::is_empty) {
                    save.dispatch(SaveRule {
                        shop: current_shop(),
                        draft: draft.get_untracked(),
                    });
                }
            }
        >
            <fieldset>
                <Text draft name="name" label=|t| t.name get=|d| d.name.clone() set=|d, v| d.name = v />
                <Problem message=problem("name") />
                <Text
                    draft
                    name="priority"
                    kind="number"
                    label=|t| t.priority
                    hint=|t| t.priority_hint
                    get=|d| d.priority.clone()
                    set=|d, v| d.priority = v
                />
                <Problem message=problem("priority") />
                <Text
                    draft
                    name="holdout"
                    kind="number"
                    label=|t| t.holdout
                    hint=|t| t.holdout_hint
                    get=|d| d.holdout.clone()
                    set=|d, v| d.holdout = v
                />
                <Problem message=problem("holdout") />
            </fieldset>
            <fieldset>
                <legend>{move || t().customer}</legend>
                <Text
                    draft
                    name="countries"
                    label=|t| t.countries
                    hint=|t| t.countries_hint
                    get=|d| d.countries.clone()
                    set=|d, v| d.countries = v
                />
                <Missing sent field=OptionalField::Country />
                <Problem message=problem("countries") />
                <Text
                    draft
                    name="groups"
                    label=|t| t.groups
                    hint=|t| t.list_hint
                    get=|d| d.groups.clone()
                    set=|d, v| d.groups = v
                />
                <Missing sent field=OptionalField::Groups />
                <Problem message=problem("groups") />
                <div class="field">
                    <span>{move || t().genders}</span>
                    <Checks
                        draft
                        name="genders"
                        names=|t| t.gender_names
                        get=|d| d.genders
                        set=|d, i, on| d.genders[i] = on
                    />
                    <Missing sent field=OptionalField::Gender />
                </div>
                <div class="inline">
                    <Text
                        draft
                        name="age_min"
                        kind="number"
                        label=|t| t.age_min
                        get=|d| d.age_min.clone()
                        set=|d, v| d.age_min = v
                    />
                    <Text
                        draft
                        name="age_max"
                        kind="number"
                        label=|t| t.age_max
                        get=|d| d.age_max.clone()
                        set=|d, v| d.age_max = v
                    />
                </div>
                <Missing sent field=OptionalField::Birthdate />
                <Problem message=problem("age_max") />
                <div class="inline">
                    <label>
                        <span>{move || t().orders}</span>
                        <CompareSelect
                            draft
                            name="orders_compare"
                            get=|d| d.orders_compare.clone()
                            set=|d, v| d.orders_compare = v
                        />
                    </label>
                    <input
                        type="number"
                        name="orders_count"
                        aria-label=move || t().orders
                        prop:value=move || draft.with(|d| d.orders_count.clone())
                        on:input=move |ev| draft.update(|d| d.orders_count = event_target_value(&ev))
                    />
                </div>
                <Problem message=problem("orders_count") />
                <label>
                    <span>{move || t().newsletter}</span>
                    <select
                        name="newsletter"
                        prop:value=move || draft.with(|d| d.newsletter.clone())
                        on:change=move |ev| draft.update(|d| d.newsletter = event_target_value(&ev))
                    >
                        <option value="">{move || t().newsletter_any}</option>
                        <option value="subscribed">{move || t().subscribed}</option>
                        <option value="not_subscribed">{move || t().not_subscribed}</option>
                    </select>
                </label>
                <div class="field">
                    <span>{move || t().profiles}</span>
                    <Checks
                        draft
                        name="profiles"
                        names=|t| t.profile_names
                        get=|d| d.profiles
                        set=|d, i, on| d.profiles[i] = on
                    />
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        name="first_time"
                        prop:checked=move || draft.with(|d| d.first_time)
                        on:change=move |ev| draft.update(|d| d.first_time = event_target_checked(&ev))
                    />
                    <span>{move || t().first_time}</span>
                </label>
            </fieldset>
            <fieldset>
                <legend>{move || t().cart}</legend>
                <div class="inline">
                    <label>
                        <span>{move || t().amount}</span>
                        <CompareSelect
                            draft
                            name="amount_compare"
                            get=|d| d.amount_compare.clone()
                            set=|d, v| d.amount_compare = v
                        />
                    </label>
                    <input
                        type="text"
                        inputmode="decimal"
                        name="amount"
                        aria-label=move || t().amount
                        prop:value=move || draft.with(|d| d.amount.clone())
                        on:input=move |ev| draft.update(|d| d.amount = event_target_value(&ev))
                    />
                    <label class="check">
                        <input
                            type="checkbox"
                            name="amount_tax_excluded"
                            prop:checked=move || draft.with(|d| d.amount_tax_excluded)
                            on:change=move |ev| {
                                draft.update(|d| d.amount_tax_excluded = event_target_checked(&ev))
                            }
                        />
                        <span>{move || t().tax_excluded}</span>
                    </label>
                </div>
                <Problem message=problem("amount") />
                <ProductPicker draft products />
                <Problem message=problem("skus") />
                <Text
                    draft
                    name="categories"
                    label=|t| t.categories
                    hint=|t| t.list_hint
                    get=|d| d.categories.clone()
                    set=|d, v| d.categories = v
                />
                <Missing sent field=OptionalField::Category />
                <Problem message=problem("categories") />
                <div class="inline">
                    <label>
                        <span>{move || t().stock}</span>
                        <select
                            name="stock"
                            prop:value=move || draft.with(|d| d.stock.clone())
                            on:change=move |ev| draft.update(|d| d.stock = event_target_value(&ev))
                        >
                            <option value="">{move || t().stock_any}</option>
                            <option value="out_of_stock">{move || t().out_of_stock}</option>
                            <option value="low">{move || t().low_stock}</option>
                        </select>
                    </label>
                    <Text
                        draft
                        name="stock_below"
                        kind="number"
                        label=|t| t.stock_below
                        get=|d| d.stock_below.clone()
                        set=|d, v| d.stock_below = v
                    />
                </div>
                <Missing sent field=OptionalField::Stock />
                <Problem message=problem("stock_below") />
            </fieldset>
            <fieldset>
                <legend>{move || t().when}</legend>
                <div class="inline">
                    <Text
                        draft
                        name="period_from"
                        kind="date"
                        label=|t| t.period_from
                        get=|d| d.period_from.clone()
                        set=|d, v| d.period_from = v
                    />
                    <Text
                        draft
                        name="period_to"
                        kind="date"
                        label=|t| t.period_to
                        get=|d| d.period_to.clone()
                        set=|d, v| d.period_to = v
                    />
                </div>
                <div class="field">
                    <span>{move || t().weekdays}</span>
                    <Checks
                        draft
                        name="weekdays"
                        names=|t| t.weekday_names
                        get=|d| d.weekdays
                        set=|d, i, on| d.weekdays[i] = on
                    />
                </div>
                <div class="inline">
                    <Text
                        draft
                        name="hour_from"
                        kind="number"
                        label=|t| t.hour_from
                        get=|d| d.hour_from.clone()
                        set=|d, v| d.hour_from = v
                    />
                    <Text
                        draft
                        name="hour_until"
                        kind="number"
                        label=|t| t.hour_until
                        get=|d| d.hour_until.clone()
                        set=|d, v| d.hour_until = v
                    />
                </div>
                <Problem message=problem("period") />
            </fieldset>
            <p class="error" role="alert">
                {move || {
                    (tried.get() && !problems.with(Vec::is_empty)).then(|| t().invalid)
                }}
                {server_problems}
            </p>
            <div class="actions">
                <button type="submit" disabled=move || save.pending().get()>
                    {move || t().save}
                </button>
                <a href=shop_path("/rules") class="button secondary">
                    {move || t().cancel}
                </a>
            </div>
            {move || saved().then(|| view! { <p class="save-status saved" role="status">{t().saved}</p> })}
        </form>
    }
}
