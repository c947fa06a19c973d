//! The shop of an admin URL. Every admin page lives under `/s/<slug>/…`; this middleware finds
//! the shop, checks that the signed-in account reaches it, and puts it (with the account's
//! role and the shop's clock) in the request. A shop the account does not reach answers 404,
//! whether it exists or not. `/` leads to the shop used last.

use app::backend::AdminIdentity;
use app::shop::{home_path, last_shop, slug_of_path, LAST_SHOP_COOKIE};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::Utc;
use domain::team::{Permission, Role};
use domain::Shop;

use super::clock::clock_of;
use crate::db::{members, Pool};

/// The shop of the URL and the account's role in it.
#[derive(Debug, Clone)]
pub struct Reached {
    pub shop: Shop,
    pub role: Role,
}

impl Reached {
    /// A 403 when the role does not allow `need`.
    pub fn refusal(&self, need: Permission) -> Option<Response> {
        if self.role.allows(need) {
            None
        } else {
            Some(
                (
                    StatusCode::FORBIDDEN,
                    axum::Json(serde_json::json!({
                        "message": "your role in this shop does not allow this"
                    })),
                )
                    .into_response(),
            )
        }
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html("<!DOCTYPE html><title>Not found · Relance</title><p>This shop does not exist or your account does not reach it. <a href=\"/\">Open your shops</a>.</p>"),
    )
        .into_response()
}

pub async fn reach_shop(State(pool): State<Pool>, mut request: Request, next: Next) -> Response {
    let Some(slug) = slug_of_path(request.uri().path()).map(str::to_owned) else {
        return next.run(request).await;
    };
    let Some(admin) = request.extensions().get::<AdminIdentity>().cloned() else {
        return next.run(request).await; // public paths never live under /s/
    };
    let reached = match members::reach(&pool, &admin.user_id, &slug).await {
        Ok(Some((shop, role))) => Reached { shop, role },
        Ok(None) => return not_found(),
        Err(error) => {
            tracing::error!(%error, "cannot check the account's shops");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let page = request.method() == Method::GET;
    if page {
        request
            .extensions_mut()
            .insert(clock_of(&reached.shop.time_zone, Utc::now()));
    }
    request.extensions_mut().insert(reached);
    let mut response = next.run(request).await;
    if page && response.status().is_success() {
        // Slugs are [a-z0-9-]: a valid cookie value as they are.
        let cookie =
            format!("{LAST_SHOP_COOKIE}={slug}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Where `/` leads this account, from its shops and the request's cookies; `None` when its
/// shops cannot be read (logged).
async fn home_target(
    pool: &Pool,
    user_id: &str,
    headers: &axum::http::HeaderMap,
) -> Option<String> {
    let shops = members::shops_of(pool, user_id)
        .await
        .inspect_err(|error| tracing::error!(%error, "cannot list the account's shops"))
        .ok()?;
    let cookies = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok());
    let slugs: Vec<&str> = shops.iter().map(|shop| shop.shop_id.as_str()).collect();
    Some(home_path(&slugs, last_shop(cookies)))
}

/// `GET /`: the shop used last if the account still reaches it, else its first shop, else
/// the page to create one.
pub async fn home(
    State(state): State<crate::state::AppState>,
    Extension(admin): Extension<AdminIdentity>,
    headers: axum::http::HeaderMap,
) -> Response {
    match home_target(state.pool(), &admin.user_id, &headers).await {
        Some(target) => Redirect::to(&target).into_response(),
        None => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// `/s/<slug>/`: the shop's home is `/s/<slug>`.
pub async fn shop_home(axum::extract::Path(slug): axum::extract::Path<String>) -> Response {
    Redirect::permanent(&format!("/s/{slug}")).into_response()
}

/// Old bookmarks (`/carts?…`) open the same page of the shop used last.
pub async fn old_page(
    State(state): State<crate::state::AppState>,
    Extension(admin): Extension<AdminIdentity>,
    headers: axum::http::HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let Some(home) = home_target(state.pool(), &admin.user_id, &headers).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    if !home.starts_with("/s/") {
        return Redirect::to(&home).into_response();
    }
    let rest = uri.path_and_query().map_or("/", |pq| pq.as_str());
    Redirect::to(&format!("{home}{rest}")).into_response()
}
