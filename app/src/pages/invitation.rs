//! `/invite/<token>`: an invited person chooses a password and lands in the shop.

use crate::nav::use_params_map;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{load_invitation, AcceptInvitation, AcceptOutcome};
use crate::i18n::use_i18n;
use crate::layout::LanguageSwitch;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().team;
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let invitation = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        load_invitation,
    );
    let accept = ServerAction::<AcceptInvitation>::new();
    let password = RwSignal::new(String::new());
    // Accepted: the new account's shop opens as a new page, with its session.
    Effect::new(move |_| {
        if let Some(Ok(AcceptOutcome::Accepted {
            shop_slug,
            signed_in,
        })) = accept.value().get()
        {
            let target = if signed_in {
                format!("/s/{shop_slug}")
            } else {
                format!("/login?next=/s/{shop_slug}")
            };
            #[cfg(feature = "hydrate")]
            let _ = window().location().set_href(&target);
            #[cfg(not(feature = "hydrate"))]
            let _ = target;
        }
    });
    let problem = move || match accept.value().get() {
        Some(Ok(AcceptOutcome::PasswordTooShort { .. })) => Some(t().too_short),
        Some(Ok(AcceptOutcome::Gone)) => Some(t().gone),
        Some(Err(_)) => Some(i18n.t().load_failed),
        _ => None,
    };
    view! {
        <Title text=crate::title::page_title(move || t().accept_title) />
        <main class="login-page">
            <div class="login-card">
                <div class="login-head">
                    <img src="/logo.svg" alt="" width="40" height="40" />
                    <h1>{move || t().accept_title}</h1>
                </div>
                <Suspense fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
                    {move || {
                        let token = token.clone();
                        Suspend::new(async move {
                            match invitation.await {
                                Ok(view_of) => {
                                    let role = view_of.role;
                                    view! {
                                        <p>
                                            {move || (t().accept_intro)(&view_of.shop_name, &view_of.email, (t().role_name)(role))}
                                        </p>
                                        <form
                                            novalidate
                                            on:submit=move |ev: leptos::ev::SubmitEvent| {
                                                ev.prevent_default();
                                                accept.dispatch(AcceptInvitation {
                                                    token: token.clone(),
                                                    password: password.get_untracked(),
                                                });
                                            }
                                        >
                                            <label for="password">{move || t().password}</label>
                                            <input
                                                id="password"
                                                type="password"
                                                autocomplete="new-password"
                                                prop:value=move || password.get()
                                                on:input=move |ev| password.set(event_target_value(&ev))
                                            />
                                            <p class="error" role="alert">{problem}</p>
                                            <button type="submit" class="primary" disabled=move || accept.pending().get()>
                                                {move || t().accept}
                                            </button>
                                        </form>
                                    }
                                        .into_any()
                                }
                                Err(_) => view! { <p class="error" role="alert">{move || t().gone}</p> }.into_any(),
                            }
                        })
                    }}
                </Suspense>
                <LanguageSwitch />
            </div>
        </main>
    }
}
