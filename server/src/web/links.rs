//! The endpoints behind the links in emails: open pixel, tracked clicks, the way back to the
//! cart, and unsubscribing. Every token is checked (404 when forged, moved or foreign); a
//! failure to record a hit is logged and never stops the customer's redirect.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};

use crate::db::{new_id, DbError, Pool};
use crate::links::{LinkKind, SignedLink};
use crate::state::AppState;

/// Hits this soon after sending are most likely a mail scanner, not the customer.
const SCANNER_WINDOW_SECONDS: i64 = 5;

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
        .route("/u/{token}", get(unsubscribe_page).post(unsubscribe))
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "This link is not valid.").into_response()
}

/// The delivery a link is for, when it exists.
#[derive(sqlx::FromRow)]
struct DeliveryRow {
    shop_id: String,
    cart_id: String,
    sent_at: Option<DateTime<Utc>>,
    email: String,
    language: String,
}

async fn delivery(pool: &Pool, delivery_id: &str) -> Result<Option<DeliveryRow>, DbError> {
    Ok(sqlx::query_as(
        "select d.shop_id, d.cart_id, d.sent_at, c.email, c.language
         from deliveries d join customers c on c.customer_id = d.customer_id
         where d.delivery_id = $1",
    )
    .bind(delivery_id)
    .fetch_optional(pool)
    .await?)
}

async fn record(
    pool: &Pool,
    row: &DeliveryRow,
    delivery_id: &str,
    kind: &str,
    destination: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let scanner = row
        .sent_at
        .is_some_and(|sent| (now - sent).num_seconds() < SCANNER_WINDOW_SECONDS);
    sqlx::query(
        "insert into delivery_events (delivery_event_id, shop_id, delivery_id, kind, destination, occurred_at, probable_scanner)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(&row.shop_id)
    .bind(delivery_id)
    .bind(kind)
    .bind(destination)
    .bind(now)
    .bind(scanner)
    .execute(pool)
    .await?;
    Ok(())
}

/// Checks the token and finds its delivery; `None` for anything we did not sign.
async fn resolve(
    state: &AppState,
    kind: LinkKind,
    token: &str,
) -> Option<(SignedLink, DeliveryRow)> {
    let link = state.links.verify(kind, token)?;
    match delivery(&state.pool, &link.delivery_id).await {
        Ok(Some(row)) => Some((link, row)),
        Ok(None) => None,
        Err(error) => {
            tracing::error!(%error, "cannot read the delivery of a link");
            None
        }
    }
}

/// Records a hit; a failure is logged, never shown.
async fn track(
    state: &AppState,
    link: &SignedLink,
    row: &DeliveryRow,
    kind: &str,
    destination: Option<&str>,
) {
    if let Err(error) = record(
        &state.pool,
        row,
        &link.delivery_id,
        kind,
        destination,
        Utc::now(),
    )
    .await
    {
        tracing::error!(%error, kind, "cannot record a tracking hit");
    }
}

async fn open(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let Some((link, row)) = resolve(&state, LinkKind::Open, &token).await else {
        return not_found();
    };
    track(&state, &link, &row, "open", None).await;
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

async fn click(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let Some((link, row)) = resolve(&state, LinkKind::Click, &token).await else {
        return not_found();
    };
    // The destination is inside the signature; still, only web pages are ever redirected to.
    if !is_web(&link.destination) {
        return not_found();
    }
    track(&state, &link, &row, "click", Some(&link.destination)).await;
    Redirect::to(&link.destination).into_response()
}

/// Where the recovery link of a delivery leads: the cart (or the shop), through the
/// merchant's URL pattern, with the delivery's coupon code.
async fn recovery_target(
    pool: &Pool,
    delivery_id: &str,
    cart_id: &str,
) -> Result<Option<String>, DbError> {
    let row: Option<(Option<String>, String, String, Option<String>)> = sqlx::query_as(
        "select k.url, s.url, coalesce(ss.cart_url_pattern, '{cart_url}'), cp.code
         from carts k join shops s on s.shop_id = k.shop_id
         left join shop_settings ss on ss.shop_id = k.shop_id
         left join coupons cp on cp.delivery_id = $1
         where k.cart_id = $2",
    )
    .bind(delivery_id)
    .bind(cart_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(cart_url, shop_url, pattern, code)| {
        let cart_url = cart_url.unwrap_or(shop_url);
        let code = code.unwrap_or_default();
        pattern
            .replace("{cart_url}", &cart_url)
            .replace("{code}", &percent_encode(&code))
    }))
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn recover(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let Some((link, row)) = resolve(&state, LinkKind::Recover, &token).await else {
        return not_found();
    };
    let target = match recovery_target(&state.pool, &link.delivery_id, &row.cart_id).await {
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
    track(&state, &link, &row, "click", Some(&target)).await;
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

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn page(language: &str, title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{}</title><style>body{{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2430}}button{{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#d9480f;color:#fff;cursor:pointer}}</style></head><body>{body}</body></html>",
        escape(language),
        escape(title)
    ))
}

/// The page behind the unsubscribe link: a GET never unsubscribes (scanners fetch links), it
/// asks for a click.
async fn unsubscribe_page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let Some((_, row)) = resolve(&state, LinkKind::Unsubscribe, &token).await else {
        return not_found();
    };
    let texts = page_texts(&row.language);
    page(
        &row.language,
        texts.title,
        &format!(
            "<h1>{}</h1><p>{} <strong>{}</strong> ?</p><form method=\"post\"><input type=\"hidden\" name=\"from\" value=\"page\"><button type=\"submit\">{}</button></form>",
            texts.title,
            texts.question,
            escape(&row.email),
            texts.button
        ),
    )
    .into_response()
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
    let now = Utc::now();
    let stored = sqlx::query(
        "insert into suppressions (shop_id, email, reason, delivery_id, created_at)
         values ($1, $2, $3, $4, $5) on conflict (shop_id, email) do nothing",
    )
    .bind(&row.shop_id)
    .bind(row.email.to_ascii_lowercase())
    .bind(reason)
    .bind(&link.delivery_id)
    .bind(now)
    .execute(&state.pool)
    .await;
    if let Err(error) = stored {
        tracing::error!(%error, "cannot store an unsubscribe");
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Please try again in a moment.",
        )
            .into_response();
    }
    track(&state, &link, &row, "unsubscribe", None).await;
    let texts = page_texts(&row.language);
    page(
        &row.language,
        texts.title,
        &format!(
            "<h1>{}</h1><p>{} <strong>{}</strong>.</p>",
            texts.title,
            texts.done,
            escape(&row.email)
        ),
    )
    .into_response()
}
