use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{use_i18n, Texts};

/// The admin's tabs that later issues fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Sending,
    Statistics,
    Carts,
    Help,
    Settings,
}

impl Section {
    fn title(self, t: &Texts) -> &'static str {
        match self {
            Self::Sending => t.tab_sending,
            Self::Statistics => t.tab_statistics,
            Self::Carts => t.tab_carts,
            Self::Help => t.tab_help,
            Self::Settings => t.tab_settings,
        }
    }

    fn intro(self, t: &Texts) -> &'static str {
        match self {
            Self::Sending => t.sending_intro,
            Self::Statistics => t.statistics_intro,
            Self::Carts => t.carts_intro,
            Self::Help => t.help_intro,
            Self::Settings => t.settings_intro,
        }
    }
}

/// A tab that says what it will hold, nothing more.
#[component]
pub fn ComingSoon(section: Section) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || section.title(i18n.t()) />
        <h1>{move || section.title(i18n.t())}</h1>
        <p class="intro">{move || section.intro(i18n.t())}</p>
        <p class="badge">{move || i18n.t().coming_soon}</p>
    }
}
