use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=crate::title::page_title(move || i18n.t().not_found_title) />
        <h1>{move || i18n.t().not_found_title}</h1>
        <p>
            <a href="/" rel="external">{move || i18n.t().not_found_text}</a>
        </p>
    }
}
