//! The wizard's fields, drawn by the server with the draft's values. Each is named by the path
//! its problems carry (`single.value`, `ranges[2].min`), so the form's control says a problem
//! beside its field; its id is that path made an id (`step-single-value`), its error line the
//! id with `-error`.

use domain::{Currency, DiscountDraft, DiscountType};
use leptos::prelude::*;

use crate::i18n::ReminderTexts;

pub fn field_id(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("step-{}", cleaned.trim_end_matches('-'))
}

/// The line where `name`'s problem is said.
pub fn error_line(name: &str) -> impl IntoView {
    view! { <span class="field-error" id=format!("{}-error", field_id(name))></span> }
}

/// An anchor for a problem about a group of fields (`profiles`, `ranges[1]`): the control marks
/// it and says the problem in its line.
pub fn anchor(name: &str) -> impl IntoView {
    view! {
        <input
            type="hidden"
            name=name.to_owned()
            value=""
            aria-describedby=format!("{}-error", field_id(name))
        />
    }
}

/// An input named `name` of `kind` ("decimal": text typed as a number), with its label and
/// error line.
pub fn text_field(
    name: &str,
    label: impl IntoView + 'static,
    value: String,
    kind: &'static str,
) -> impl IntoView {
    let id = field_id(name);
    let (kind, inputmode) = match kind {
        "decimal" => ("text", Some("decimal")),
        other => (other, None),
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                name=name.to_owned()
                type=kind
                inputmode=inputmode
                value=value
                aria-describedby=format!("{id}-error")
            />
            {error_line(name)}
        </div>
    }
}

/// A box named `name`, ticked as `on` (it sends its name when ticked).
pub fn check(name: &str, label: &'static str, on: bool) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" name=name.to_owned() checked=on />
            {label}
        </label>
    }
}

/// Two radios, yes and no, sending "true" or "false".
pub fn yes_no(t: &'static ReminderTexts, name: &'static str, on: bool) -> impl IntoView {
    view! {
        <div class="choices">
            <label class="check">
                <input type="radio" name=name value="true" checked=on />
                {t.yes}
            </label>
            <label class="check">
                <input type="radio" name=name value="false" checked=!on />
                {t.no}
            </label>
        </div>
    }
}

/// A discount under `prefix` (`single`, `ranges[1]`, `split_discount`): its kind, and the fields
/// the kind has, shown with it (style: `.discount-fields:has(…)`).
pub fn discount_fields(
    t: &'static ReminderTexts,
    prefix: &str,
    discount: DiscountDraft,
    kinds: &[DiscountType],
    currency: Currency,
) -> impl IntoView {
    let name = |field: &str| format!("{prefix}.{field}");
    let kind_name = name("kind");
    let kind_id = field_id(&kind_name);
    let chosen = discount.kind;
    let value_label = view! {
        {t.value}
        " ("
        <span class="unit-percent">"%"</span>
        <span class="unit-amount">{currency.code()}</span>
        ")"
    };
    view! {
        <div class="discount-fields">
            <div class="field">
                <label for=kind_id.clone()>{t.discount_type}</label>
                <select
                    id=kind_id.clone()
                    name=kind_name.clone()
                    class="discount-kind"
                    aria-describedby=format!("{kind_id}-error")
                >
                    {kinds
                        .iter()
                        .map(|kind| {
                            view! {
                                <option value=kind.as_str() selected=*kind == chosen>
                                    {(t.kind)(*kind)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {error_line(&kind_name)}
            </div>
            <div class="discount-value">
                {text_field(&name("value"), value_label, discount.value, "decimal")}
            </div>
            <div class="gift-fields">
                {text_field(&name("gift_sku"), t.gift_sku, discount.gift_sku, "text")}
                {text_field(&name("gift_name"), t.gift_name, discount.gift_name, "text")}
                <p class="hint">{t.gift_help}</p>
            </div>
            <div class="discount-validity">
                {text_field(&name("validity_days"), t.validity, discount.validity_days, "number")}
                {check(&name("combinable"), t.combinable, discount.combinable)}
            </div>
            <div class="discount-tax">{check(&name("tax_included"), t.tax_included, discount.tax_included)}</div>
        </div>
    }
}
