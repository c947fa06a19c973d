//! The second stage, drawn by the server: one discount, or one per cart-value range (each but
//! the last ends where the next starts), and where its codes come from. Ranges are added from a
//! template row and removed by the form's control.

use domain::{Currency, DiscountDraft, DiscountType, RangeDraft, StepDraft, ValueBasis};
use leptos::prelude::*;

use super::fields::{anchor, discount_fields, error_line, field_id, text_field, yes_no};
use crate::i18n::{use_i18n, ReminderTexts};

const RANGE_KINDS: [DiscountType; 4] = [
    DiscountType::Percent,
    DiscountType::Amount,
    DiscountType::FreeShipping,
    DiscountType::FreeGift,
];

/// The index of the range in the template row, which the control replaces by the next one in
/// its names (`ranges[new]…`), ids (`step-ranges-new-…`) and `data-range`.
pub const NEW_RANGE: &str = "new";

pub fn discount_stage(
    draft: &StepDraft,
    currency: Currency,
    templates: &[(String, String)],
    collections: Vec<(String, String, u64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().reminders;
    let c = i18n.t().codes;
    let blank = RangeDraft {
        min: String::new(),
        max: String::new(),
        discount: DiscountDraft::percent(""),
        template_id: String::new(),
    };
    let chosen_collection = draft.code_collection.clone();
    view! {
        <fieldset class="field">
            <legend>{t.by_cart_value}</legend>
            {yes_no(t, "by_cart_value", draft.by_cart_value)}
        </fieldset>
        <div class="single-discount">
            {discount_fields(t, "single", draft.single.clone(), &DiscountType::ALL, currency)}
        </div>
        <div class="ranges">
            <div class="field">
                <label for="step-basis">{t.basis_label}</label>
                <select id="step-basis" name="basis">
                    {[ValueBasis::TaxIncluded, ValueBasis::TaxExcluded]
                        .into_iter()
                        .map(|basis| {
                            let value = match basis {
                                ValueBasis::TaxIncluded => "tax_included",
                                ValueBasis::TaxExcluded => "tax_excluded",
                            };
                            view! {
                                <option value=value selected=draft.basis == basis>{(t.basis)(basis)}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <p class="hint">{t.below_first}</p>
            {draft
                .ranges
                .iter()
                .enumerate()
                .map(|(n, range)| range_box(t, &n.to_string(), range.clone(), currency, templates))
                .collect_view()}
            <template class="new-range">
                {range_box(t, NEW_RANGE, blank, currency, templates)}
            </template>
            {anchor("ranges")}
            {error_line("ranges")}
            <button type="button" class="secondary add-range" data-add-range="">
                {t.add_range}
            </button>
        </div>
        <div class="field">
            <label for="step-code-collection">{c.source}</label>
            <select id="step-code-collection" name="code_collection">
                <option value="" selected=chosen_collection.is_empty()>{c.generated}</option>
                {collections
                    .into_iter()
                    .map(|(id, name, left)| {
                        let selected = id == chosen_collection;
                        view! { <option value=id selected=selected>{(c.from_collection)(&name, left)}</option> }
                    })
                    .collect_view()}
            </select>
            <small class="hint">
                <a href=crate::shop::shop_path("/codes")>{c.manage}</a>
            </small>
        </div>
        <p class="hint profit-hint">{t.profit_hint}</p>
    }
}

/// Range `n` (its index in the form, or `NEW_RANGE` in the template row). Only the last range's
/// upper bound shows (style: `fieldset.range:last-of-type`).
fn range_box(
    t: &'static ReminderTexts,
    n: &str,
    range: RangeDraft,
    currency: Currency,
    templates: &[(String, String)],
) -> impl IntoView {
    let prefix = format!("ranges[{n}]");
    let number = n.parse::<usize>().map(|n| n + 1).ok();
    let title = t
        .range_title
        .replace("{n}", &number.map_or(String::new(), |n| n.to_string()));
    let template_name = format!("{prefix}.template_id");
    let template_id = field_id(&template_name);
    let chosen = range.template_id.clone();
    view! {
        <fieldset class="range" data-range=n.to_owned()>
            <legend data-range-title="">{title}</legend>
            {anchor(&prefix)}
            <p class="field-error range-error" id=format!("{}-error", field_id(&prefix)) role="alert"></p>
            <div class="inline">
                {text_field(
                    &format!("{prefix}.min"),
                    view! { {t.from} " (" {currency.code()} ")" },
                    range.min,
                    "decimal",
                )}
                <div class="range-max">
                    {text_field(
                        &format!("{prefix}.max"),
                        view! { {t.to} " (" {currency.code()} ")" },
                        range.max,
                        "decimal",
                    )}
                    <small class="hint">{t.to_hint}</small>
                </div>
            </div>
            {discount_fields(t, &prefix, range.discount, &RANGE_KINDS, currency)}
            <div class="field">
                <label for=template_id.clone()>{t.range_template}</label>
                <select id=template_id name=template_name>
                    <option value="" selected=chosen.is_empty()>{t.range_template_step}</option>
                    {templates
                        .iter()
                        .map(|(id, name)| {
                            view! { <option value=id.clone() selected=*id == chosen>{name.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="button" class="secondary remove-range" data-remove-range="">
                {t.remove_range}
            </button>
        </fieldset>
    }
}
