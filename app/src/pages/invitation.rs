//! `/invite/<token>`: an invited person chooses a password and lands in the shop. Drawn by the
//! server; the form is an `ActForm` control.

use crate::loaded::Loaded;
use crate::nav::use_params_map;
use leptos::prelude::*;
use leptos_meta::Title;

use super::act_form::{FormAct, FormWords};
use super::controls::ActForm;
use crate::api::load_invitation;
use crate::i18n::use_i18n;
use crate::layout::LanguageSwitch;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().team;
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let invitation = Loaded::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        load_invitation,
    );
    let words = move || FormWords {
        refused: t.too_short.to_owned(),
        failed: i18n.t().load_failed.to_owned(),
        ..FormWords::default()
    };
    view! {
        <Title text=crate::title::page_title(move || t.accept_title) />
        <main class="login-page">
            <div class="login-card">
                <div class="login-head">
                    <img src="/logo.svg" alt="" width="40" height="40" />
                    <h1>{t.accept_title}</h1>
                </div>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        match invitation.await {
                            Ok(view_of) => {
                                let role = (t.role_name)(view_of.role);
                                view! {
                                    <p>{(t.accept_intro)(&view_of.shop_name, &view_of.email, role)}</p>
                                    <ActForm act=FormAct::AcceptInvitation words=words()>
                                        <form method="post" novalidate>
                                            <input type="hidden" name="token" value=token />
                                            <label for="password">{t.password}</label>
                                            <input
                                                id="password"
                                                name="password"
                                                type="password"
                                                autocomplete="new-password"
                                                aria-describedby="password-error"
                                            />
                                            <p class="field-error" id="password-error"></p>
                                            <button type="submit" class="primary">{t.accept}</button>
                                        </form>
                                    </ActForm>
                                }
                                    .into_any()
                            }
                            Err(_) => view! { <p class="error" role="alert">{t.gone}</p> }.into_any(),
                        }
                    })
                }}
                <LanguageSwitch />
            </div>
        </main>
    }
}
