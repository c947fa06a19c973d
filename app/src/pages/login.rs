use crate::nav::use_query_map;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::SignIn;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::layout::LanguageSwitch;

/// The sign-in page. Works without JavaScript (a plain form post) and with it.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let error = move || {
        let t = i18n.t();
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| match error {
                AppError::WrongCredentials => t.wrong_credentials,
                AppError::TooManyAttempts => t.too_many_attempts,
                _ => t.sign_in_failed,
            })
    };

    view! {
        <Title text=crate::title::page_title(move || i18n.t().sign_in_title) />
        <main class="login-page">
            <div class="login-card">
                <div class="login-head">
                    <img src="/logo.svg" alt="" width="40" height="40" />
                    <h1>{move || i18n.t().sign_in_title}</h1>
                </div>
                <ActionForm action>
                    <label for="email">{move || i18n.t().email_label}</label>
                    <input id="email" type="email" name="email" autocomplete="username" required />
                    <label for="password">{move || i18n.t().password_label}</label>
                    <input
                        id="password"
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                    />
                    <input type="hidden" name="next" value=next />
                    <Show when=move || error().is_some()>
                        <p class="error" role="alert">
                            {move || error().unwrap_or_default()}
                        </p>
                    </Show>
                    <button type="submit" class="primary" disabled=move || action.pending().get()>
                        {move || i18n.t().sign_in_button}
                    </button>
                </ActionForm>
                <p class="hint">
                    {move || i18n.t().no_account_hint} " "
                    <code>"relance admin create --email …"</code>
                </p>
                <LanguageSwitch />
            </div>
        </main>
    }
}
