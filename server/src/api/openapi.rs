//! The public API described as OpenAPI 3.1 (`GET /api/v1/openapi.json`), derived from the
//! types and annotations of the handlers themselves, so the document follows the code.

use axum::extract::State;
use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::Server;

use crate::state::AppState;
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Relance API",
        description = "Cart events, coupons, privacy requests, the storefront tracker and platform webhooks. Amounts are decimal strings; times are RFC 3339.",
    ),
    paths(
        super::events::receive,
        super::coupons::check,
        super::redeem::redeem,
        super::privacy::export,
        super::privacy::erase,
        super::tracker::receive,
        super::jobs::run,
        super::webhooks::shopify::receive,
        super::webhooks::sms::with_secret,
        super::webhooks::sms::signed,
        super::webhooks::woocommerce::receive,
    ),
    modifiers(&Credentials),
)]
pub struct ApiDoc;

/// How requests authenticate: the shop's API key, or the cron token for the jobs URL.
struct Credentials;

impl Modify for Credentials {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let bearer = |description: &str| {
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(description))
                    .build(),
            )
        };
        components.add_security_scheme(
            "api_key",
            bearer(
                "A key of the shop (`rlk_…`), from the Connect page or `relance api-key create`",
            ),
        );
        components.add_security_scheme(
            "cron_token",
            bearer("The cron token (Sending page, Automatic sending)"),
        );
        let signed = |header: &str, description: &str| {
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                header,
                description,
            )))
        };
        components.add_security_scheme(
            "shopify_hmac",
            signed(
                "X-Shopify-Hmac-Sha256",
                "The base64 HMAC-SHA256 of the raw body with the shop's Shopify app secret",
            ),
        );
        components.add_security_scheme(
            "woocommerce_signature",
            signed(
                "X-WC-Webhook-Signature",
                "The base64 HMAC-SHA256 of the raw body with the shop's WooCommerce webhook secret",
            ),
        );
        components.add_security_scheme(
            "relance_signature",
            signed(
                "Relance-Signature",
                "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">`, keyed with the shop's SMS secret",
            ),
        );
    }
}

/// The document, as built at start-up.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The document with this install's address as its server.
pub async fn serve(State(state): State<AppState>) -> Json<utoipa::openapi::OpenApi> {
    let mut document = document();
    document.servers = Some(vec![Server::new(state.public_url())]);
    Json(document)
}
