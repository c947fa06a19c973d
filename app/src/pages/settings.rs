use domain::settings::{
    SettingsDraft, SettingsField, ABANDONED_AFTER_MINUTES, ATTRIBUTION_WINDOW_DAYS,
    COUPON_COOLDOWN_DAYS, EXPIRED_COUPON_DAYS, MAX_LATENESS_HOURS, MIN_GAP_HOURS, RE_ENTRY_DAYS,
};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::load_settings;
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::pages::act_form::{FormAct, FormWords};
use crate::pages::controls::ActForm;

/// The Settings tab: the shop, the sender, discount codes and the sending rules. Drawn on the
/// server, with the saved values; its form is an `ActForm` control.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let shop = crate::shop::current_shop();
    let loaded = Loaded::new(|| (), move |_| load_settings(shop.clone()));
    view! {
        <Title text=crate::title::page_title(move || i18n.t().settings.title) />
        <h1>{move || i18n.t().settings.title}</h1>
        <p class="intro">{move || i18n.t().settings_intro}</p>
        {move || Suspend::new(async move {
            match loaded.await {
                Ok(draft) => view! { <SettingsForm draft /> }.into_any(),
                Err(error) => super::load_error(error, |t| t.no_shop),
            }
        })}
    }
}

/// How a field is typed in.
#[derive(Clone, Copy)]
enum Input {
    Text,
    Email,
    Url,
    Area,
    Number((u32, u32)),
    Time,
}

/// The form, drawn whole with the saved values; the `ActForm` control sends it and says each
/// problem beside its field.
#[component]
fn SettingsForm(draft: SettingsDraft) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().settings;
    let draft = StoredValue::new(draft);
    let field = move |field: SettingsField, input: Input| {
        let value = draft.with_value(|d| d.value(field).to_owned());
        view! { <SettingField field input value /> }
    };
    let words = FormWords {
        done_plain: t.saved.to_owned(),
        refused: t.not_saved.to_owned(),
        failed: t.failed.to_owned(),
        ..FormWords::default()
    };
    use SettingsField as F;
    view! {
        <ActForm act=FormAct::SaveSettings words>
            <form class="settings-form" method="post" novalidate>
                <input type="hidden" name="shop" value=crate::shop::current_shop() />
                <fieldset>
                    <legend>{t.section_shop}</legend>
                    {field(F::ShopName, Input::Text)}
                    {field(F::ShopUrl, Input::Url)}
                    {field(F::LogoUrl, Input::Url)}
                    {field(F::PostalAddress, Input::Area)}
                    {field(F::Currency, Input::Text)}
                    {field(F::TimeZone, Input::Text)}
                    {field(F::DefaultLanguage, Input::Text)}
                </fieldset>
                <fieldset>
                    <legend>{t.section_sender}</legend>
                    {field(F::SenderName, Input::Text)}
                    {field(F::SenderEmail, Input::Email)}
                    {field(F::ReplyTo, Input::Email)}
                    {field(F::SupportEmail, Input::Email)}
                </fieldset>
                <fieldset>
                    <legend>{t.section_coupons}</legend>
                    {field(F::CartUrlPattern, Input::Text)}
                    {field(F::CouponPrefix, Input::Text)}
                    {field(F::CouponCooldownDays, Input::Number(COUPON_COOLDOWN_DAYS))}
                    {field(F::ExpiredCouponDays, Input::Number(EXPIRED_COUPON_DAYS))}
                </fieldset>
                <fieldset>
                    <legend>{t.section_sending}</legend>
                    {field(F::AbandonedAfterMinutes, Input::Number(ABANDONED_AFTER_MINUTES))}
                    {field(F::MinGapHours, Input::Number(MIN_GAP_HOURS))}
                    {field(F::MaxLatenessHours, Input::Number(MAX_LATENESS_HOURS))}
                    {field(F::ReEntryDays, Input::Number(RE_ENTRY_DAYS))}
                    {field(F::AttributionWindowDays, Input::Number(ATTRIBUTION_WINDOW_DAYS))}
                    {field(F::QuietHoursStart, Input::Time)}
                    {field(F::QuietHoursEnd, Input::Time)}
                    <label class="check">
                        <input
                            type="checkbox"
                            name="require_consent"
                            aria-describedby="require-consent-hint"
                            checked=draft.with_value(|d| d.require_consent)
                        />
                        <span>{t.require_consent}</span>
                    </label>
                    <small id="require-consent-hint" class="hint">
                        {t.require_consent_hint}
                    </small>
                </fieldset>
                <div class="form-actions">
                    <button type="submit">{t.save}</button>
                </div>
            </form>
        </ActForm>
    }
    .into_any()
}

/// A field with its saved value, its label and hint, and the line its problem goes in.
#[component]
fn SettingField(field: SettingsField, input: Input, value: String) -> impl IntoView {
    let t = use_i18n().t().settings;
    let id = format!("setting-{}", field.as_str());
    let error_id = format!("{id}-error");
    let control = match input {
        Input::Area => view! {
            <textarea id=id.clone() name=field.as_str() rows="3" aria-describedby=error_id.clone()>
                {value}
            </textarea>
        }
        .into_any(),
        other => {
            let (kind, min, max) = match other {
                Input::Email => ("email", None, None),
                Input::Url => ("url", None, None),
                Input::Number((min, max)) => ("number", Some(min), Some(max)),
                Input::Time => ("time", None, None),
                _ => ("text", None, None),
            };
            view! {
                <input
                    id=id.clone()
                    name=field.as_str()
                    type=kind
                    min=min
                    max=max
                    value=value
                    aria-describedby=error_id.clone()
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id>{(t.label)(field)}</label>
            {control}
            {(t.hint)(field).map(|hint| view! { <small class="hint">{hint}</small> })}
            <span class="field-error" id=error_id></span>
        </div>
    }
    .into_any()
}
