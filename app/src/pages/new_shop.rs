//! `/shops/new`: an owner adds a shop (identity, currency, time zone, sender), then gets its
//! connection details with a first API key, as at set-up.

use domain::settings::{NewShopDraft, NewShopField, SetupField};
use leptos::prelude::*;
use leptos_meta::Title;

use super::setup::{guessed_zone, Connect, SHOP_FIELDS};
use crate::api::{CreateShop, ShopCreated};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::draft_field::DraftField;

#[component]
pub fn NewShopPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().shops;
    let labels = move || i18n.t().setup;
    let draft = RwSignal::new(NewShopDraft::default());
    Effect::new(move |_| {
        let language = i18n.locale.get_untracked().code();
        draft.set(NewShopDraft::starting(language, guessed_zone()));
    });
    let action = ServerAction::<CreateShop>::new();
    let outcome = move || action.value().get();
    let problem_of = move |field: NewShopField| {
        outcome().and_then(|result| match result {
            Ok(ShopCreated::Invalid { problems }) => problems
                .into_iter()
                .find(|p| p.field == field)
                .map(|p| (i18n.t().settings.problem)(&p.problem)),
            _ => None,
        })
    };
    let status = move || match outcome() {
        _ if action.pending().get() => labels().saving.to_owned(),
        Some(Ok(ShopCreated::Invalid { .. })) => labels().not_saved.to_owned(),
        Some(Err(AppError::Forbidden)) => t().forbidden.to_owned(),
        Some(Err(error)) => error.to_string(),
        _ => String::new(),
    };
    let input = move |field: NewShopField, kind: &'static str| {
        view! {
            <DraftField
                id=format!("shop-{}", field.as_str())
                name=field.as_str()
                kind
                autocomplete="off"
                label=Signal::derive(move || (labels().label)(SetupField::Shop(field)).to_owned())
                value=Signal::derive(move || draft.with(|d| d.clone().value_mut(field).clone()))
                on_input=Callback::new(move |text| draft.update(|d| *d.value_mut(field) = text))
                problem=Signal::derive(move || problem_of(field))
            />
        }
    };
    let form = move || {
        view! {
            <form
                class="setup-form"
                novalidate
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    action.dispatch(CreateShop { draft: draft.get_untracked() });
                }
            >
                {SHOP_FIELDS.into_iter().map(|(field, kind)| input(field, kind)).collect_view()}
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || t().create}
                </button>
                <p class="save-status" role="status">{status}</p>
            </form>
        }
    };
    view! {
        <Title text=crate::title::page_title(move || t().new_title) />
        <main class="login-page setup-page">
            <div class="login-card setup-card">
                <div class="login-head">
                    <img src="/logo.svg" alt="" width="40" height="40" />
                    <h1>{move || t().new_title}</h1>
                </div>
                {move || match outcome() {
                    Some(Ok(ShopCreated::Created(connection))) => {
                        view! { <Connect connection /> }.into_any()
                    }
                    _ => view! { <p class="intro">{move || t().new_intro}</p> {form()} }.into_any(),
                }}
                <p><a href="/" rel="external">{move || t().back}</a></p>
            </div>
        </main>
    }
}
