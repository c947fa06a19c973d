use std::collections::HashSet;

use domain::settings::{
    SettingsDraft, SettingsField, SettingsProblem, ABANDONED_AFTER_MINUTES,
    ATTRIBUTION_WINDOW_DAYS, COUPON_COOLDOWN_DAYS, EXPIRED_COUPON_DAYS, MAX_LATENESS_HOURS,
    MIN_GAP_HOURS, RE_ENTRY_DAYS,
};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{load_settings, SaveSettings, SettingsOutcome};
use crate::i18n::use_i18n;

/// The Settings tab: the shop, the sender, discount codes and the sending rules.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let shop = crate::shop::current_shop();
    let loaded = Resource::new(|| (), move |_| load_settings(shop.clone()));
    view! {
        <Title text=crate::title::page_title(move || i18n.t().settings.title) />
        <h1>{move || i18n.t().settings.title}</h1>
        <p class="intro">{move || i18n.t().settings_intro}</p>
        <Suspense fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(draft) => view! { <SettingsForm draft /> }.into_any(),
                    Err(error) => super::load_error(error, |t| t.no_shop),
                }
            })}
        </Suspense>
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

#[component]
fn SettingsForm(draft: SettingsDraft) -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(draft);
    // Problems show once a field was left or a save was tried, not while typing the first time.
    let touched = RwSignal::new(HashSet::<SettingsField>::new());
    let submitted = RwSignal::new(false);
    let server_problems = RwSignal::new(Vec::<SettingsProblem>::new());
    let problems = Memo::new(move |_| {
        draft.with(|d| {
            d.parse(domain::settings::zone_shape)
                .err()
                .unwrap_or_default()
        })
    });
    let save = ServerAction::<SaveSettings>::new();
    Effect::new(move |_| {
        if let Some(Ok(SettingsOutcome::Invalid { problems })) = save.value().get() {
            server_problems.set(problems);
        }
    });
    let problem_of = move |field: SettingsField| {
        let shown = submitted.get() || touched.with(|t| t.contains(&field));
        let live = problems.with(|ps| {
            ps.iter()
                .find(|p| p.field == field)
                .map(|p| p.problem.clone())
        });
        let from_server = || {
            server_problems.with(|ps| {
                ps.iter()
                    .find(|p| p.field == field)
                    .map(|p| p.problem.clone())
            })
        };
        shown
            .then(|| live.or_else(from_server))
            .flatten()
            .map(|problem| (i18n.t().settings.problem)(&problem))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        server_problems.set(Vec::new());
        if problems.with(Vec::is_empty) {
            save.dispatch(SaveSettings {
                shop: crate::shop::current_shop(),
                draft: draft.get_untracked(),
            });
        }
    };
    let status = move || {
        let t = i18n.t().settings;
        if save.pending().get() {
            return (t.saving.to_owned(), "saving");
        }
        if submitted.get() && !problems.with(Vec::is_empty) {
            return (t.not_saved.to_owned(), "error");
        }
        match save.value().get() {
            Some(Ok(SettingsOutcome::Saved { .. })) => (t.saved.to_owned(), "saved"),
            Some(Ok(SettingsOutcome::Invalid { .. })) => (t.not_saved.to_owned(), "error"),
            Some(Err(error)) => (error.to_string(), "error"),
            None => (String::new(), ""),
        }
    };
    let field = move |field: SettingsField, input: Input| {
        view! { <SettingField field input draft touched problem_of /> }
    };
    use SettingsField as F;
    view! {
        <form class="settings-form" on:submit=on_submit novalidate>
            <fieldset>
                <legend>{move || i18n.t().settings.section_shop}</legend>
                {field(F::ShopName, Input::Text)}
                {field(F::ShopUrl, Input::Url)}
                {field(F::LogoUrl, Input::Url)}
                {field(F::PostalAddress, Input::Area)}
                {field(F::Currency, Input::Text)}
                {field(F::TimeZone, Input::Text)}
                {field(F::DefaultLanguage, Input::Text)}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t().settings.section_sender}</legend>
                {field(F::SenderName, Input::Text)}
                {field(F::SenderEmail, Input::Email)}
                {field(F::ReplyTo, Input::Email)}
                {field(F::SupportEmail, Input::Email)}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t().settings.section_coupons}</legend>
                {field(F::CartUrlPattern, Input::Text)}
                {field(F::CouponPrefix, Input::Text)}
                {field(F::CouponCooldownDays, Input::Number(COUPON_COOLDOWN_DAYS))}
                {field(F::ExpiredCouponDays, Input::Number(EXPIRED_COUPON_DAYS))}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t().settings.section_sending}</legend>
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
                        checked=draft.with_untracked(|d| d.require_consent)
                        prop:checked=move || draft.with(|d| d.require_consent)
                        on:change=move |ev| draft.update(|d| d.require_consent = event_target_checked(&ev))
                    />
                    <span>{move || i18n.t().settings.require_consent}</span>
                </label>
                <small id="require-consent-hint" class="hint">
                    {move || i18n.t().settings.require_consent_hint}
                </small>
            </fieldset>
            <div class="form-actions">
                <button type="submit" disabled=move || save.pending().get()>
                    {move || i18n.t().settings.save}
                </button>
                <p class=move || format!("save-status {}", status().1) role="status">
                    {move || status().0}
                </p>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn SettingField(
    field: SettingsField,
    input: Input,
    draft: RwSignal<SettingsDraft>,
    touched: RwSignal<HashSet<SettingsField>>,
    problem_of: impl Fn(SettingsField) -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("setting-{}", field.as_str());
    let error_id = format!("{id}-error");
    let value = move || draft.with(|d| d.value(field).to_owned());
    // Written into the server's HTML too: `prop:value` alone is set only once the WASM runs,
    // and until then (or if it never loads) the form would read empty.
    let initial = draft.with_untracked(|d| d.value(field).to_owned());
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        draft.update(|d| *d.value_mut(field) = text);
    };
    let on_blur = move |_| {
        touched.update(|t| {
            t.insert(field);
        });
    };
    let invalid = move || problem_of(field).is_some().to_string();
    let control = match input {
        Input::Area => view! {
            <textarea
                id=id.clone()
                name=field.as_str()
                rows="3"
                prop:value=value
                on:input=on_input
                on:blur=on_blur
                aria-invalid=invalid
                aria-describedby=error_id.clone()
            >
                {initial}
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
                    value=initial
                    prop:value=value
                    on:input=on_input
                    on:blur=on_blur
                    aria-invalid=invalid
                    aria-describedby=error_id.clone()
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id>{move || (i18n.t().settings.label)(field)}</label>
            {control}
            {move || (i18n.t().settings.hint)(field).map(|hint| view! { <small class="hint">{hint}</small> })}
            <span class="field-error" id=error_id>{move || problem_of(field)}</span>
        </div>
    }
    .into_any()
}
