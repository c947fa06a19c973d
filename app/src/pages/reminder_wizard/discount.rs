//! The second stage: one discount, or one per cart-value range.

use domain::{Currency, DiscountDraft, DiscountType, StepDraft, ValueBasis, MAX_RANGES};
use leptos::prelude::*;

use crate::i18n::use_i18n;

use super::code_source::CodeSource;
pub(super) use super::slot::Slot;
use super::state::{field_id, owned_problem, WizardState};

#[component]
pub(super) fn DiscountFields(state: WizardState, place: Slot) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let slot = place;
    let prefix = slot.prefix();
    let id = |name: &str| field_id(&format!("{prefix}.{name}"));
    let kind = move || draft.with(|d| slot.read(d).map_or(DiscountType::None, |x| x.kind));
    let kinds: &'static [DiscountType] = match slot {
        Slot::Single | Slot::SplitB => &[
            DiscountType::None,
            DiscountType::Percent,
            DiscountType::Amount,
            DiscountType::FreeShipping,
            DiscountType::FreeGift,
        ],
        Slot::Range(_) => &[
            DiscountType::Percent,
            DiscountType::Amount,
            DiscountType::FreeShipping,
            DiscountType::FreeGift,
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
                            "free_gift" => DiscountType::FreeGift,
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
                                DiscountType::FreeGift => "free_gift",
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
            <GiftFields state place=slot />
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

/// A free gift's product: its SKU for the shop's cart rule and its name for the email.
#[component]
fn GiftFields(state: WizardState, place: Slot) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let prefix = place.prefix();
    let shown = move || {
        draft.with(|d| {
            place
                .read(d)
                .is_some_and(|x| x.kind == DiscountType::FreeGift)
        })
    };
    let field = move |name: &'static str,
                      label: fn(&crate::i18n::ReminderTexts) -> &'static str,
                      read: fn(&DiscountDraft) -> String,
                      write: fn(&mut DiscountDraft, String)| {
        let input_id = field_id(&format!("{prefix}.{name}"));
        let error_id = format!("{input_id}-error");
        let problem = owned_problem(state, format!("{prefix}.{name}"));
        view! {
            <div class="field">
                <label for=input_id.clone()>{move || label(t())}</label>
                <input
                    id=input_id
                    type="text"
                    prop:value=move || draft.with(|d| place.read(d).map(read).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| place.write(d, |x| write(x, v)));
                    }
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby=error_id.clone()
                />
                <span class="field-error" id=error_id>{problem}</span>
            </div>
        }
    };
    view! {
        <div class="gift-fields" hidden=move || !shown()>
            {field("gift_sku", |t| t.gift_sku, |x| x.gift_sku.clone(), |x, v| x.gift_sku = v)}
            {field("gift_name", |t| t.gift_name, |x| x.gift_name.clone(), |x, v| x.gift_name = v)}
            <p class="hint">{move || t().gift_help}</p>
        </div>
    }
}

#[component]
pub fn DiscountStage(state: WizardState) -> impl IntoView {
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
        <CodeSource state />
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
            <div class="field">
                <label for=format!("step-ranges-{n}-template")>{move || t().range_template}</label>
                <select
                    id=format!("step-ranges-{n}-template")
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        draft.update(|d| if let Some(r) = d.ranges.get_mut(n) { r.template_id = chosen });
                    }
                >
                    <option value="" selected=move || read(|r| r.template_id.clone()).is_empty()>
                        {move || t().range_template_step}
                    </option>
                    {state
                        .templates
                        .get_value()
                        .into_iter()
                        .map(|(id, name)| {
                            let chosen = id.clone();
                            view! {
                                <option value=id selected=move || read(|r| r.template_id.clone()) == chosen>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
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
