//! The facts of the per-staff report: the calls logged over a period with their carts' paid
//! orders.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use domain::calls::CallOutcome;
use domain::stats::CallFact;

use crate::db::money::from_db;
use crate::db::on;
use crate::db::{DbError, Pool};

#[derive(sqlx::FromRow)]
struct Row {
    task_id: String,
    done_by: String,
    done_at: DateTime<Utc>,
    outcome: String,
    ordered_at: Option<DateTime<Utc>>,
    total_tax_incl: Option<i64>,
}

/// The calls of the shop logged in `[from, to)`, each with its cart's paid orders.
pub async fn call_facts(
    pool: &Pool,
    shop_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<CallFact>, DbError> {
    let rows: Vec<Row> = on!(pool, |db| sqlx::query_as(
        "select t.task_id, t.done_by, t.done_at, t.outcome, o.ordered_at, o.total_tax_incl
         from call_tasks t
         left join orders o on o.cart_id = t.cart_id and o.status = 'paid'
         where t.shop_id = $1 and t.status = 'done' and t.done_at >= $2 and t.done_at < $3
         order by t.task_id",
    )
    .bind(shop_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await)?;
    let mut facts: BTreeMap<String, CallFact> = BTreeMap::new();
    for row in rows {
        let outcome = CallOutcome::parse(&row.outcome)
            .ok_or_else(|| DbError::corrupt(format!("call outcome {:?}", row.outcome)))?;
        let fact = facts
            .entry(row.task_id.clone())
            .or_insert_with(|| CallFact {
                task_id: row.task_id,
                by: row.done_by,
                done_at: row.done_at,
                outcome,
                orders: Vec::new(),
            });
        if let (Some(at), Some(total)) = (row.ordered_at, row.total_tax_incl) {
            fact.orders.push((at, from_db(total)));
        }
    }
    Ok(facts.into_values().collect())
}
