//! The rule editor: name, priority and conditions. Drawn by the server with the rule's values;
//! its form is an `ActForm` control, and the server's `domain::rules::RuleDraft::parse` says each
//! problem beside its field.

use crate::loaded::Loaded;
use crate::nav::use_params_map;
use domain::rules::{OptionalField, RuleDraft};
use leptos::prelude::*;
use leptos_meta::Title;

use super::act_form::{FormAct, FormWords};
use super::controls::ActForm;
use super::rule_fields::{
    error_id, Check, Checks, Choice, CompareSelect, ErrorLine, Missing, Text,
};
use super::rule_products::ProductPicker;
use crate::api::{load_rule, RuleEditorData};
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn RuleEditorPage() -> impl IntoView {
    let params = use_params_map();
    let shop = current_shop();
    let editor = Loaded::new(
        move || params.read().get("id").unwrap_or_default(),
        move |id| load_rule(shop.clone(), id),
    );
    view! {
        {move || Suspend::new(async move {
            match editor.await {
                Ok(data) => view! { <RuleForm data /> }.into_any(),
                Err(error) => crate::pages::load_error(error, |t| t.not_found_title),
            }
        })}
    }
}

#[component]
fn RuleForm(data: RuleEditorData) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().rules;
    let RuleEditorData {
        draft,
        sent_fields: sent,
        products,
    } = data;
    let title = if draft.id.is_empty() {
        t.editor_new
    } else {
        t.editor_edit
    };
    let words = FormWords {
        done_plain: t.saved.to_owned(),
        refused: t.invalid.to_owned(),
        failed: i18n.t().settings.failed.to_owned(),
        ..FormWords::default()
    };
    let missing = move |field: OptionalField| view! { <Missing t sent=sent.clone() field /> };
    let RuleDraft {
        id,
        name,
        priority,
        countries,
        groups,
        genders,
        age_min,
        age_max,
        orders_compare,
        orders_count,
        newsletter,
        profiles,
        amount_compare,
        amount,
        amount_tax_excluded,
        skus,
        categories,
        stock,
        stock_below,
        period_from,
        period_to,
        weekdays,
        hour_from,
        hour_until,
        first_time,
        holdout,
    } = draft;
    view! {
        <Title text=crate::title::page_title(move || title) />
        <h1>{title}</h1>
        <p class="intro">{t.editor_intro}</p>
        <ActForm act=FormAct::SaveRule words>
            <form class="rule-editor" method="post" novalidate>
                <input type="hidden" name="shop" value=current_shop() />
                <input type="hidden" name="id" value=id />
                <fieldset>
                    <Text name="name" label=t.name value=name checked=true />
                    <ErrorLine field="name" />
                    <Text
                        name="priority"
                        kind="number"
                        label=t.priority
                        hint=t.priority_hint
                        value=priority
                        checked=true
                    />
                    <ErrorLine field="priority" />
                    <Text
                        name="holdout"
                        kind="number"
                        label=t.holdout
                        hint=t.holdout_hint
                        value=holdout
                        checked=true
                    />
                    <ErrorLine field="holdout" />
                </fieldset>
                <fieldset>
                    <legend>{t.customer}</legend>
                    <Text
                        name="countries"
                        label=t.countries
                        hint=t.countries_hint
                        value=countries
                        checked=true
                    />
                    {missing(OptionalField::Country)}
                    <ErrorLine field="countries" />
                    <Text name="groups" label=t.groups hint=t.list_hint value=groups checked=true />
                    {missing(OptionalField::Groups)}
                    <ErrorLine field="groups" />
                    <div class="field">
                        <span>{t.genders}</span>
                        <Checks name="genders" names=t.gender_names on=genders />
                        {missing(OptionalField::Gender)}
                    </div>
                    <div class="inline">
                        <Text name="age_min" kind="number" label=t.age_min value=age_min />
                        <Text
                            name="age_max"
                            kind="number"
                            label=t.age_max
                            value=age_max
                            checked=true
                        />
                    </div>
                    {missing(OptionalField::Birthdate)}
                    <ErrorLine field="age_max" />
                    <div class="inline">
                        <label>
                            <span>{t.orders}</span>
                            <CompareSelect t name="orders_compare" value=orders_compare />
                        </label>
                        <input
                            type="number"
                            name="orders_count"
                            aria-label=t.orders
                            value=orders_count
                            aria-describedby=error_id("orders_count")
                        />
                    </div>
                    <ErrorLine field="orders_count" />
                    <label>
                        <span>{t.newsletter}</span>
                        <Choice
                            name="newsletter"
                            value=newsletter
                            options=[
                                ("", t.newsletter_any),
                                ("subscribed", t.subscribed),
                                ("not_subscribed", t.not_subscribed),
                            ]
                        />
                    </label>
                    <div class="field">
                        <span>{t.profiles}</span>
                        <Checks name="profiles" names=t.profile_names on=profiles />
                    </div>
                    <Check name="first_time" label=t.first_time on=first_time />
                </fieldset>
                <fieldset>
                    <legend>{t.cart}</legend>
                    <div class="inline">
                        <label>
                            <span>{t.amount}</span>
                            <CompareSelect t name="amount_compare" value=amount_compare />
                        </label>
                        <input
                            type="text"
                            inputmode="decimal"
                            name="amount"
                            aria-label=t.amount
                            value=amount
                            aria-describedby=error_id("amount")
                        />
                        <Check name="amount_tax_excluded" label=t.tax_excluded on=amount_tax_excluded />
                    </div>
                    <ErrorLine field="amount" />
                    <ProductPicker t skus products />
                    <ErrorLine field="skus" />
                    <Text
                        name="categories"
                        label=t.categories
                        hint=t.list_hint
                        value=categories
                        checked=true
                    />
                    {missing(OptionalField::Category)}
                    <ErrorLine field="categories" />
                    <div class="inline">
                        <label>
                            <span>{t.stock}</span>
                            <Choice
                                name="stock"
                                value=stock
                                options=[
                                    ("", t.stock_any),
                                    ("out_of_stock", t.out_of_stock),
                                    ("low", t.low_stock),
                                ]
                            />
                        </label>
                        <Text
                            name="stock_below"
                            kind="number"
                            label=t.stock_below
                            value=stock_below
                            checked=true
                        />
                    </div>
                    {missing(OptionalField::Stock)}
                    <ErrorLine field="stock_below" />
                </fieldset>
                <fieldset>
                    <legend>{t.when}</legend>
                    // The period's problem is said under its hours, for its first field.
                    <div class="inline">
                        <Text
                            name="period_from"
                            kind="date"
                            label=t.period_from
                            value=period_from
                            checked=true
                        />
                        <Text name="period_to" kind="date" label=t.period_to value=period_to />
                    </div>
                    <div class="field">
                        <span>{t.weekdays}</span>
                        <Checks name="weekdays" names=t.weekday_names on=weekdays />
                    </div>
                    <div class="inline">
                        <Text name="hour_from" kind="number" label=t.hour_from value=hour_from />
                        <Text name="hour_until" kind="number" label=t.hour_until value=hour_until />
                    </div>
                    <ErrorLine field="period_from" />
                </fieldset>
                <div class="form-actions">
                    <button type="submit">{t.save}</button>
                    <a href=shop_path("/rules") class="button secondary">
                        {t.cancel}
                    </a>
                </div>
            </form>
        </ActForm>
    }
}
