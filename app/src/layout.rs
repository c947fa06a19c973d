use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

use crate::api::SignOut;

use crate::i18n::{use_i18n, Locale, Texts};

/// The admin's tabs, as merchants know them from the PrestaShop module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Reminders,
    Templates,
    Sending,
    Statistics,
    Carts,
    Help,
    Settings,
    Connect,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Reminders,
        Tab::Templates,
        Tab::Sending,
        Tab::Statistics,
        Tab::Carts,
        Tab::Help,
        Tab::Settings,
        Tab::Connect,
    ];

    pub fn href(self) -> &'static str {
        match self {
            Self::Reminders => "/",
            Self::Templates => "/templates",
            Self::Sending => "/sending",
            Self::Statistics => "/statistics",
            Self::Carts => "/carts",
            Self::Help => "/help",
            Self::Settings => "/settings",
            Self::Connect => "/connect",
        }
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Self::Reminders => t.tab_reminders,
            Self::Templates => t.templates.tab,
            Self::Sending => t.tab_sending,
            Self::Statistics => t.tab_statistics,
            Self::Carts => t.tab_carts,
            Self::Help => t.tab_help,
            Self::Settings => t.tab_settings,
            Self::Connect => t.keys.tab,
        }
    }
}

/// The admin's frame: brand, tabs (as merchants know them from the PrestaShop module), the
/// language switch, sign-out, and the page.
#[component]
pub fn AdminLayout() -> impl IntoView {
    let i18n = use_i18n();
    let sign_out = ServerAction::<SignOut>::new();

    view! {
        <a class="skip-link" href="#content">{move || i18n.t().skip_to_content}</a>
        <header class="topbar">
            <a class="brand" href="/">
                <img src="/logo.svg" alt="" width="28" height="28" />
                <span>"Relance"</span>
            </a>
            <nav class="tabs" aria-label="Relance">
                {Tab::ALL
                    .into_iter()
                    .map(|tab| {
                        view! {
                            <A href=tab.href() exact=tab == Tab::Reminders>
                                {move || tab.label(i18n.t())}
                            </A>
                        }
                    })
                    .collect_view()}
            </nav>
            <LanguageSwitch />
            <ActionForm action=sign_out attr:class="sign-out">
                <button type="submit" class="link">
                    {move || i18n.t().sign_out}
                </button>
            </ActionForm>
        </header>
        <main id="content">
            <Outlet />
        </main>
    }
}

/// FR / EN buttons; the choice is kept in a cookie.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="language-switch" role="group" aria-label=move || i18n.t().language_switch>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    view! {
                        <button
                            type="button"
                            lang=locale.code()
                            title=locale.texts().language_name
                            aria-pressed=move || (i18n.locale.get() == locale).to_string()
                            on:click=move |_| i18n.set(locale)
                        >
                            {locale.code().to_uppercase()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
