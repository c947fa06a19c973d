use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{use_i18n, Texts};
use crate::layout::Tab;

/// What a tab that later issues fill in will hold.
fn intro(tab: Tab, t: &Texts) -> &'static str {
    match tab {
        Tab::Reminders => t.reminders_intro,
        Tab::Templates => t.templates.intro,
        Tab::Sending => t.sending_intro,
        Tab::Statistics => t.statistics_intro,
        Tab::Carts => t.carts_intro,
        Tab::Help => t.help_intro,
        Tab::Settings => t.settings_intro,
    }
}

/// A tab that says what it will hold, nothing more.
#[component]
pub fn ComingSoon(tab: Tab) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || tab.label(i18n.t()) />
        <h1>{move || tab.label(i18n.t())}</h1>
        <p class="intro">{move || intro(tab, i18n.t())}</p>
        <p class="badge">{move || i18n.t().coming_soon}</p>
    }
}
