//! The endpoints behind the links in emails: open pixel, tracked clicks, the way back to the
//! cart, and unsubscribing. Every token is checked (404 when forged, moved or foreign); a
//! failure to record a hit is logged and never stops the customer's redirect.

use askama::Template;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use chrono::Utc;

use crate::db::outcomes::suppress;
use crate::db::tracking::{delivery, record, recovery_target, DeliveryRow, HitOrigin};
use crate::links::{LinkKind, SignedLink};
use crate::state::AppState;

/// The smallest transparent GIF.
const PIXEL: &[u8] = &[
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/t/o/{token}", get(open))
        .route("/t/c/{token}", get(click))
        .route("/r/{token}", get(recover))
        .route("/m/{token}", get(recover_short))
        .route("/u/{token}", get(unsubscribe_page).post(unsubscribe))
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "This link is not valid.").into_response()
}

/// Checks the token and finds its delivery; `None` for anything we did not sign.
async fn resolve(
    state: &AppState,
    kind: LinkKind,
    token: &str,
) -> Option<(SignedLink, DeliveryRow)> {
    let link = state.engine.signer.verify(kind, token)?;
    match delivery(state.pool(), &link.delivery_id).await {
        Ok(Some(row)) => Some((link, row)),
        Ok(None) => None,
        Err(error) => {
            tracing::error!(%error, "cannot read the delivery of a link");
            None
        }
    }
}

/// Who asked for a tracked link: the user agent, and the peer's address (a proxy's, behind
/// one), which tell machines from people.
struct Requester {
    user_agent: Option<String>,
    ip: Option<std::net::IpAddr>,
}

impl Requester {
    fn origin(&self) -> HitOrigin<'_> {
        HitOrigin {
            user_agent: self.user_agent.as_deref(),
            ip: self.ip,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Requester {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self {
            user_agent: parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            ip: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip()),
        })
    }
}

/// Records a hit; a failure is logged, never shown.
async fn track(
    state: &AppState,
    link: &SignedLink,
    row: &DeliveryRow,
    (kind, destination): (&str, Option<&str>),
    origin: HitOrigin<'_>,
) {
    if let Err(error) = record(
        state.pool(),
        row,
        &link.delivery_id,
        kind,
        destination,
        origin,
        Utc::now(),
    )
    .await
    {
        tracing::error!(%error, kind, "cannot record a tracking hit");
    }
}

async fn open(
    State(state): State<AppState>,
    Path(token): Path<String>,
    requester: Requester,
) -> Response {
    let Some((link, row)) = resolve(&state, LinkKind::Open, &token).await else {
        return not_found();
    };
    track(&state, &link, &row, ("open", None), requester.origin()).await;
    (
        [
            (header::CONTENT_TYPE, "image/gif"),
            (header::CACHE_CONTROL, "no-store, max-age=0"),
        ],
        PIXEL,
    )
        .into_response()
}

fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

async fn click(
    State(state): State<AppState>,
    Path(token): Path<String>,
    requester: Requester,
) -> Response {
    let Some((link, row)) = resolve(&state, LinkKind::Click, &token).await else {
        return not_found();
    };
    // The destination is inside the signature; still, only web pages are ever redirected to.
    if !is_web(&link.destination) {
        return not_found();
    }
    let hit = ("click", Some(link.destination.as_str()));
    track(&state, &link, &row, hit, requester.origin()).await;
    Redirect::to(&link.destination).into_response()
}

async fn recover(
    State(state): State<AppState>,
    Path(token): Path<String>,
    requester: Requester,
) -> Response {
    let Some((link, row)) = resolve(&state, LinkKind::Recover, &token).await else {
        return not_found();
    };
    back_to_cart(&state, link, row, requester).await
}

/// An SMS's short link: the same way back to the cart.
async fn recover_short(
    State(state): State<AppState>,
    Path(token): Path<String>,
    requester: Requester,
) -> Response {
    let Some(delivery_id) = state.engine.signer.verify_short(&token) else {
        return not_found();
    };
    let row = match delivery(state.pool(), &delivery_id).await {
        Ok(Some(row)) => row,
        Ok(None) => return not_found(),
        Err(error) => {
            tracing::error!(%error, "cannot read the delivery of a link");
            return not_found();
        }
    };
    let link = SignedLink {
        delivery_id,
        destination: String::new(),
    };
    back_to_cart(&state, link, row, requester).await
}

async fn back_to_cart(
    state: &AppState,
    link: SignedLink,
    row: DeliveryRow,
    requester: Requester,
) -> Response {
    let target = match recovery_target(state.pool(), &link.delivery_id, &row.cart_id).await {
        Ok(Some(target)) if is_web(&target) => target,
        Ok(_) => return not_found(),
        Err(error) => {
            tracing::error!(%error, "cannot find where a recovery link leads");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Please try again in a moment.",
            )
                .into_response();
        }
    };
    track(
        state,
        &link,
        &row,
        ("click", Some(&target)),
        requester.origin(),
    )
    .await;
    Redirect::to(&target).into_response()
}

struct PageTexts {
    title: &'static str,
    question: &'static str,
    button: &'static str,
    done: &'static str,
}

fn page_texts(language: &str) -> PageTexts {
    if language == "fr" {
        PageTexts {
            title: "Désinscription",
            question: "Ne plus recevoir les rappels de panier à l'adresse",
            button: "Me désinscrire",
            done: "C'est fait : vous ne recevrez plus de rappels de panier à l'adresse",
        }
    } else {
        PageTexts {
            title: "Unsubscribe",
            question: "Stop cart reminders to",
            button: "Unsubscribe me",
            done: "Done: no more cart reminders will be sent to",
        }
    }
}

/// The unsubscribe page, before and after the click (askama escapes the address).
#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage<'a> {
    language: &'a str,
    texts: PageTexts,
    email: &'a str,
    done: bool,
}

fn page(row: &DeliveryRow, done: bool) -> Response {
    let page = UnsubscribePage {
        language: &row.language,
        texts: page_texts(&row.language),
        email: &row.email,
        done,
    };
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot render the unsubscribe page");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Please try again in a moment.",
            )
                .into_response()
        }
    }
}

/// The page behind the unsubscribe link: a GET never unsubscribes (scanners fetch links), it
/// asks for a click.
async fn unsubscribe_page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let Some((_, row)) = resolve(&state, LinkKind::Unsubscribe, &token).await else {
        return not_found();
    };
    page(&row, false)
}

/// Unsubscribes at once (RFC 8058 one-click, or the page's button); doing it twice is harmless.
async fn unsubscribe(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: String,
) -> Response {
    let Some((link, row)) = resolve(&state, LinkKind::Unsubscribe, &token).await else {
        return not_found();
    };
    // Mail apps post `List-Unsubscribe=One-Click` (RFC 8058); our page posts `from=page`.
    let one_click = body.contains("List-Unsubscribe=One-Click");
    let reason = if one_click {
        "one_click"
    } else {
        "unsubscribe_page"
    };
    let stored = match state.pool().acquire().await {
        Ok(mut conn) => {
            suppress(
                &mut conn.conn(),
                &row.shop_id,
                &row.email,
                reason,
                &link.delivery_id,
                Utc::now(),
            )
            .await
        }
        Err(error) => Err(error.into()),
    };
    if let Err(error) = stored {
        tracing::error!(%error, "cannot store an unsubscribe");
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Please try again in a moment.",
        )
            .into_response();
    }
    track(
        &state,
        &link,
        &row,
        ("unsubscribe", None),
        HitOrigin::default(),
    )
    .await;
    page(&row, true)
}
