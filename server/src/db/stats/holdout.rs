//! The sequences drawn for rules' control groups over a period, with their carts' orders:
//! what Statistics compares reminded carts with.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use domain::stats::DrawnSequence;

use crate::db::money::from_db;
use crate::db::on;
use crate::db::{DbError, Pool};

#[derive(sqlx::FromRow)]
struct Row {
    campaign_id: String,
    cart_id: String,
    sequence: i64,
    control: i32,
    abandoned_at: DateTime<Utc>,
    ordered_at: Option<DateTime<Utc>>,
    total_tax_incl: Option<i64>,
}

/// The sequences whose carts were abandoned in `[from, to)` while their rule had a control
/// group, each with its cart's paid orders since the abandonment.
pub async fn drawn_sequences(
    pool: &Pool,
    shop_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DrawnSequence>, DbError> {
    let rows: Vec<Row> = on!(pool, |db| sqlx::query_as(
        "select s.campaign_id, s.cart_id, s.sequence, s.control, s.abandoned_at,
                o.ordered_at, o.total_tax_incl
         from (select campaign_id, cart_id, sequence,
                      max(case when control_group then 1 else 0 end) as control,
                      min(abandoned_at) as abandoned_at
               from (select campaign_id, cart_id, sequence, control_group, abandoned_at
                     from deliveries
                     where shop_id = $1 and control_group is not null
                       and abandoned_at >= $2 and abandoned_at < $3
                     union all
                     select campaign_id, cart_id, sequence, control_group, abandoned_at
                     from call_tasks
                     where shop_id = $1 and control_group is not null
                       and abandoned_at >= $2 and abandoned_at < $3) steps
               group by campaign_id, cart_id, sequence) s
         left join orders o
           on o.cart_id = s.cart_id and o.status = 'paid' and o.ordered_at >= s.abandoned_at
         order by s.campaign_id, s.cart_id, s.sequence",
    )
    .bind(shop_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await)?;
    let mut drawn: BTreeMap<(String, String, i64), DrawnSequence> = BTreeMap::new();
    for row in rows {
        let sequence = drawn
            .entry((row.campaign_id.clone(), row.cart_id, row.sequence))
            .or_insert_with(|| DrawnSequence {
                campaign_id: row.campaign_id,
                control: row.control == 1,
                abandoned_at: row.abandoned_at,
                orders: Vec::new(),
            });
        if let (Some(at), Some(total)) = (row.ordered_at, row.total_tax_incl) {
            sequence.orders.push((at, from_db(total)));
        }
    }
    Ok(drawn.into_values().collect())
}
