//! The first run: the owner's account and the first shop from an empty database, then what
//! the shop needs to send its events.

use domain::settings::{SetupDraft, SetupProblem};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What a shop needs to send Relance its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    pub shop_slug: String,
    pub shop_name: String,
    /// `https://relance.example/api/v1/events`.
    pub endpoint: String,
    /// A fresh key, shown this once (only its hash is kept).
    pub api_key: String,
    /// When the example's cart was last active: the moment of set-up.
    pub example_at: chrono::DateTime<chrono::Utc>,
}

impl Connection {
    /// A request that works as shown: one cart, one customer.
    pub fn curl_example(&self) -> String {
        self.curl_with(&self.api_key)
    }

    /// The example's text before and after its key, for a page that fills the key in later.
    pub fn curl_around_key(&self) -> (String, String) {
        let example = self.curl_with("\u{1}");
        let (before, after) = example.split_once('\u{1}').unwrap_or((&example, ""));
        (before.to_owned(), after.to_owned())
    }

    fn curl_with(&self, key: &str) -> String {
        format!(
            "curl -X POST {endpoint} \\\n  -H \"Authorization: Bearer {key}\" -H \"Content-Type: application/json\" \\\n  -d '{{\"id\": \"evt-1\", \"type\": \"cart_updated\", \"occurred_at\": \"{at}\",\n       \"cart\": {{\"id\": \"cart-1\", \"currency\": \"EUR\", \"total_tax_incl\": \"42.00\", \"total_tax_excl\": \"35.00\",\n                \"items\": [{{\"sku\": \"sku-1\", \"name\": \"Tote bag\", \"unit_price\": \"35.00\", \"quantity\": 1}}]}},\n       \"customer\": {{\"id\": \"cu-1\", \"email\": \"customer@example.com\", \"language\": \"en\"}}}}'",
            endpoint = self.endpoint,
            key = key,
            at = self.example_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetupOutcome {
    /// The owner is signed in; the shop's connection details.
    Done(Connection),
    /// Nothing saved: every problem, beside its field.
    Invalid { problems: Vec<SetupProblem> },
    /// An account exists: set-up is closed for good.
    AlreadySetUp,
}

/// Creates the owner and the first shop, signs the owner in, and returns a fresh API key.
/// Refused (403) once any account exists, even when two set-ups race.
#[server(prefix = "/admin/fn", endpoint = "complete_setup", input = Json)]
pub async fn complete_setup(draft: SetupDraft) -> Result<SetupOutcome, AppError> {
    use crate::backend::SetupResult;
    let outcome = crate::backend::backend()?
        .complete_setup(&draft, chrono::Utc::now())
        .await?;
    let options = expect_context::<leptos_axum::ResponseOptions>();
    match outcome {
        SetupResult::Done {
            connection,
            set_cookie,
        } => {
            let header =
                http::HeaderValue::from_str(&set_cookie).map_err(|_| AppError::Internal)?;
            options.append_header(http::header::SET_COOKIE, header);
            Ok(SetupOutcome::Done(connection))
        }
        SetupResult::Invalid(problems) => {
            options.set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
            Ok(SetupOutcome::Invalid { problems })
        }
        SetupResult::AlreadySetUp => {
            options.set_status(http::StatusCode::FORBIDDEN);
            Ok(SetupOutcome::AlreadySetUp)
        }
    }
}
