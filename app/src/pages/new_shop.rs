//! `/shops/new`: an owner adds a shop (identity, currency, time zone, sender), then gets its
//! connection details with a first API key, as at set-up. Drawn by the server; the form is an
//! `ActForm` control.

use leptos::prelude::*;
use leptos_meta::Title;

use super::act_form::FormAct;
use super::controls::ActForm;
use super::setup::{shop_fields, shop_words, Connect};
use crate::i18n::use_i18n;

#[component]
pub fn NewShopPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().shops;
    view! {
        <Title text=crate::title::page_title(move || t.new_title) />
        <main class="login-page setup-page">
            <div class="login-card setup-card">
                <div class="login-head">
                    <img src="/logo.svg" alt="" width="40" height="40" />
                    <h1>{t.new_title}</h1>
                </div>
                <p class="intro">{t.new_intro}</p>
                <ActForm act=FormAct::CreateShop words=shop_words()>
                    <form class="setup-form" method="post" novalidate>
                        {shop_fields("shop")}
                        <button type="submit" class="primary">{t.create}</button>
                    </form>
                    <Connect />
                </ActForm>
                <p><a href="/" rel="external">{t.back}</a></p>
            </div>
        </main>
    }
}
