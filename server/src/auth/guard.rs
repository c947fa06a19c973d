use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
    Json,
};
use serde_json::json;

use super::Auth;

/// What needs no admin session: the sign-in page and its server function, static files, the
/// health check, the shop API (it checks its own API keys), the links in emails (signed) and
/// their icons.
/// Everything else is the admin.
pub fn is_public_path(path: &str) -> bool {
    matches!(
        path,
        "/login"
            | "/admin/fn/sign_in"
            | "/setup"
            | "/admin/fn/complete_setup"
            | "/admin/fn/load_invitation"
            | "/admin/fn/accept_invitation"
            // The first run's and an invitation's forms: it runs those acts only.
            | "/admin/fn/perform_entry_act"
            // The FR / EN switch of the sign-in and set-up pages: a language cookie, nothing more.
            | "/admin/fn/set_language"
            | "/healthz"
            | "/favicon.ico"
            | "/logo.svg"
            | "/t.js"
    ) || path.starts_with("/pkg/")
        || path.starts_with("/api/v1/")
        // Platforms' webhooks: each checks its signature.
        || path.starts_with("/webhooks/")
        || path.starts_with("/demo/")
        // The reassurance icons emails show: the same for everyone, no customer data.
        || path.starts_with("/email-icons/")
        // The links in emails: customers follow them without an account; each checks its token.
        || path.starts_with("/t/")
        || path.starts_with("/r/")
        // The short link back to the cart in an SMS.
        || path.starts_with("/m/")
        || path.starts_with("/u/")
        // An invitation: its link is the credential, checked by its server functions.
        || path.starts_with("/invite/")
}

/// Percent-encodes a path and query for the `next` parameter of the sign-in page.
fn encode_next(path_and_query: &str) -> String {
    // Slashes stay readable: each part between them is encoded on its own.
    path_and_query
        .split('/')
        .map(domain::format::url_component)
        .collect::<Vec<_>>()
        .join("/")
}

/// Lets a request through only with a valid session; pages redirect to the sign-in page (coming
/// back afterwards), server functions get a 401 with a JSON message.
pub async fn require_admin(
    State(auth): State<Arc<Auth>>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    // The API, tracking links and assets need no account: they never wait on the database here.
    if is_public_path(&path) && path != "/login" && path != "/setup" {
        return next.run(request).await;
    }
    // Until the first account exists, the admin is its set-up; after, set-up is closed.
    let set_up = match auth.has_accounts().await {
        Ok(set_up) => set_up,
        Err(error) => return unavailable(&error),
    };
    if !set_up && (path == "/login" || !is_public_path(&path)) {
        if path.starts_with("/admin/fn/") {
            return (
                StatusCode::UNAUTHORIZED,
                Json(json!({"message": "Relance is not set up yet: open /setup."})),
            )
                .into_response();
        }
        return Redirect::to("/setup").into_response();
    }
    if set_up && path == "/setup" {
        return Redirect::to("/").into_response();
    }
    if is_public_path(&path) {
        return next.run(request).await;
    }
    let cookie = request
        .headers()
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok());
    match auth.identify(cookie, chrono::Utc::now()).await {
        Ok(Some(admin)) => {
            request.extensions_mut().insert(admin);
            next.run(request).await
        }
        Ok(None) if path.starts_with("/admin/fn/") => (
            StatusCode::UNAUTHORIZED,
            Json(json!({"message": "Sign in to use the admin."})),
        )
            .into_response(),
        Ok(None) => {
            let target = request
                .uri()
                .path_and_query()
                .map(|pq| pq.as_str())
                .unwrap_or("/");
            Redirect::to(&format!("/login?next={}", encode_next(target))).into_response()
        }
        Err(error) => unavailable(&error),
    }
}

fn unavailable(error: &super::AuthError) -> Response {
    tracing::error!(%error, "cannot check the admin session");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "5")],
        Json(json!({"message": "The admin is unavailable; try again in a moment."})),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sign_in_page_static_files_and_health_are_public() {
        for public in [
            "/login",
            "/admin/fn/sign_in",
            "/pkg/relance.wasm",
            "/demo/tshirt.png",
            "/healthz",
        ] {
            assert!(is_public_path(public), "{public}");
        }
        for private in [
            "/",
            "/settings",
            "/admin/fn/list_reminders",
            "/login/../settings",
            "/pkgx",
        ] {
            assert!(!is_public_path(private), "{private}");
        }
    }

    #[test]
    fn the_next_parameter_is_percent_encoded() {
        assert_eq!(
            encode_next("/carts?page=2&q=é"),
            "/carts%3Fpage%3D2%26q%3D%C3%A9"
        );
    }
}
