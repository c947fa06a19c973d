//! The HTTP side: admin pages and their server functions, static files, health check.

mod activity;
mod backend;
mod backend_bulk;
mod backend_calls;
mod backend_codes;
mod backend_connect;
mod backend_privacy;
mod backend_rules;
mod backend_sms;
mod backend_team;
mod call_preview;
mod campaign_file;
mod cart_export;
mod cart_timeline;
mod carts;
pub mod clock;
mod email_page;
mod fn_errors;
mod health;
mod icons;
mod links;
mod privacy;
pub mod reach;
mod split_stats;
pub mod statistics;
mod statistics_csv;
mod steps;
mod templates;
mod unsubscribed;
mod wire;

use std::sync::Arc;

use app::{backend::Backend, shell, App};
use axum::{middleware, routing::get, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::{
    compression::CompressionLayer, set_header::SetResponseHeaderLayer, trace::TraceLayer,
};

use crate::{api, auth, state::AppState};
pub use backend::DbBackend;
pub use carts::{cart_detail, carts_page};

/// The whole application as a router, so tests can drive it without a socket.
pub fn router(state: AppState) -> Router {
    let backend: Arc<dyn Backend> = Arc::new(DbBackend::new(&state));
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(health::health))
        .route(
            &format!("{}/{{name}}", crate::links::ICONS_PATH),
            get(icons::image),
        )
        .route("/", get(reach::home))
        .route("/s/{shop}/", get(reach::shop_home))
        .route("/carts", get(reach::old_page))
        .route("/carts/{id}", get(reach::old_page))
        .route("/templates", get(reach::old_page))
        .route("/templates/{id}", get(reach::old_page))
        .route("/reminders/{id}", get(reach::old_page))
        .route("/statistics", get(reach::old_page))
        .route("/sending", get(reach::old_page))
        .route("/unsubscribed", get(reach::old_page))
        .route("/help", get(reach::old_page))
        .route("/settings", get(reach::old_page))
        .route("/connect", get(reach::old_page))
        .route(
            "/s/{shop}/templates/{id}/preview",
            get(templates::preview_page),
        )
        .route("/s/{shop}/calls/{id}/email", get(call_preview::preview))
        .route("/s/{shop}/unsubscribed.csv", get(unsubscribed::csv))
        .route("/s/{shop}/carts.csv", get(cart_export::csv))
        .route("/s/{shop}/campaign.json", get(campaign_file::download))
        .route("/s/{shop}/carts/{id}/customer.json", get(privacy::export))
        .route("/s/{shop}/activity.csv", get(activity::csv))
        .route("/s/{shop}/statistics.csv", get(statistics::csv))
        .merge(api::routes())
        .merge(links::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(backend.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(fn_errors::refusal_status))
        .layer(middleware::from_fn_with_state(
            state.pool().clone(),
            reach::reach_shop,
        ))
        // Every route but the public ones (sign-in, static files, health) needs a session.
        .layer(middleware::from_fn_with_state(
            state.auth.clone(),
            auth::require_admin,
        ))
        // Only our own pages may frame ours (the wizard frames the template editor): no
        // clickjacking of the admin or of the unsubscribe page.
        .layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::X_FRAME_OPTIONS,
            axum::http::HeaderValue::from_static("SAMEORIGIN"),
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
