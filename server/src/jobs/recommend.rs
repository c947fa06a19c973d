//! The products a reminder recommends, when its template asks for them, each behind a signed
//! link that counts a click like the cart's items.

use chrono::{DateTime, Duration, Utc};
use domain::email::Tag;
use domain::recommend::{recommend, Recommendation, MAX_RECOMMENDED};
use domain::{Cart, EmailTemplate};

use crate::db::{DbError, Pool};
use crate::links::{LinkKind, LinkSigner};

/// How far back the shop's orders are read.
const HISTORY_DAYS: i64 = 365;

/// Whether a content of `template` places `{recommendations}`: only then is history read.
pub fn wants_recommendations(template: &EmailTemplate) -> bool {
    let token = Tag::Recommendations.token();
    template
        .contents
        .values()
        .any(|content| content.body.contains(&token))
}

/// The products for `cart` and their tracked links (through `delivery_id`'s signature).
pub async fn recommendations(
    pool: &Pool,
    signer: &LinkSigner,
    shop_id: &str,
    cart: &Cart,
    delivery_id: &str,
    now: DateTime<Utc>,
) -> Result<(Vec<Recommendation>, Vec<String>), DbError> {
    let since = now - Duration::days(HISTORY_DAYS);
    let history = crate::db::recommend::ordered_lines(pool, shop_id, since).await?;
    let products = recommend(cart, &history, MAX_RECOMMENDED);
    let links = products
        .iter()
        .map(|p| signer.url(LinkKind::Click, delivery_id, p.product_url.as_str()))
        .collect();
    Ok((products, links))
}
