//! The first run from an empty database: the owner's account, the first shop with its default
//! campaign, and a key for its events, written in one transaction that only the first set-up
//! can commit.

use app::backend::SetupResult;
use chrono::{DateTime, Utc};
use domain::settings::SetupDraft;

use crate::auth::{password, Auth};
use crate::db::{self, Pool};
use crate::{api, shops};

pub async fn complete(
    pool: &Pool,
    auth: &Auth,
    draft: &SetupDraft,
    public_url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<SetupResult> {
    if auth.has_accounts().await? {
        return Ok(SetupResult::AlreadySetUp);
    }
    let setup = match draft.parse(crate::zones::known_zone) {
        Ok(setup) => setup,
        Err(problems) => return Ok(SetupResult::Invalid(problems)),
    };
    let hash = password::hash(setup.password.clone()).await?;
    let user_id = db::new_id();
    let mut tx = pool.begin().await?;
    if !db::insert_first_admin(&mut tx.conn(), &user_id, setup.email.as_str(), &hash, now).await? {
        // Another set-up won the race: this one writes nothing (the transaction rolls back).
        return Ok(SetupResult::AlreadySetUp);
    }
    let shop = shops::create_in(&mut tx.conn(), &setup.shop, now).await?;
    let key = api::keys::create_in(&mut tx.conn(), &shop.id, "set-up", now).await?;
    tx.commit().await?;
    tracing::info!(shop = shop.id, "set-up done: owner and first shop created");
    Ok(SetupResult::Done {
        connection: shops::connection(shop, public_url, key.secret, now),
        set_cookie: auth.open_session(&user_id, now).await?,
    })
}
