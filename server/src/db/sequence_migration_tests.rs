//! Migration 18 rebuilds the deliveries for the per-sequence key: every reminder, its coupon
//! and its opens survive, the cart's counts stay right, and a restarted sequence can take the
//! same step again. Migration 42 then names each cart's sequence rule from those rows, and 43
//! counts call steps in the step count, and not the emails sent from a call.

const BEFORE_SEQUENCES: i64 = 20261203000017;

/// A shop, a customer and their cart `k`, as every migration since 17 keeps them.
const SHOP_CUSTOMER_CART: &str =         "insert into shops (shop_id, name, url, currency, default_language, time_zone, created_at)
             values ('s', 'Shop', 'https://shop.example', 'EUR', 'fr', 'UTC', '2026-11-01T00:00:00Z');
         insert into customers (customer_id, shop_id, external_id, email, first_name, last_name,
                 language, groups_json, newsletter, orders_count, created_at, updated_at)
             values ('cu', 's', 'c-1', 'ana@example.com', 'Ana', 'B', 'fr', '[]', 1, 0,
                     '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');
         insert into carts (cart_id, shop_id, external_id, customer_id, currency, total_tax_incl,
                 total_tax_excl, shipping, created_at, last_activity_at)
             values ('k', 's', 'web-1', 'cu', 'EUR', 0, 0, 0, '2026-11-23T08:00:00Z',
                     '2026-11-23T08:00:00Z');";

#[tokio::test]
async fn the_rebuilt_deliveries_keep_every_row_and_link_and_take_a_step_once_per_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let pool = super::test_support::sqlite_pool(&format!(
        "sqlite://{}/sequences.db",
        dir.path().display()
    ))
    .await;
    let migrator = sqlx::migrate!("./migrations/sqlite");
    migrator.run_to(BEFORE_SEQUENCES, &pool).await.unwrap();
    sqlx::raw_sql(SHOP_CUSTOMER_CART)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::raw_sql(
        "insert into deliveries (delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id,
                 status, skip_reason, due_at, created_at, updated_at, sent_at)
             values ('d1', 's', 'k', 'cu', 'camp', 'step-1', 'sent', null, '2026-11-23T09:00:00Z',
                     '2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z', '2026-11-23T09:00:05Z'),
                    ('d2', 's', 'k', 'cu', 'camp', 'step-2', 'skipped', 'outside_audience',
                     '2026-11-24T09:00:00Z', '2026-11-24T09:00:00Z', '2026-11-24T09:00:00Z', null);
         insert into coupons (coupon_id, shop_id, code, customer_id, delivery_id, kind, value,
                 tax_included, combinable, expires_at, created_at)
             values ('cp', 's', 'RLC-AAAA2222', 'cu', 'd1', 'percent', 10, 0, 0,
                     '2026-12-01T00:00:00Z', '2026-11-23T09:00:00Z');
         insert into delivery_events (delivery_event_id, shop_id, delivery_id, kind, occurred_at,
                 probable_scanner)
             values ('ev', 's', 'd1', 'open', '2026-11-23T10:00:00Z', 0);",
    )
    .execute(&pool)
    .await
    .unwrap();

    migrator.run(&pool).await.unwrap();

    let rows: Vec<(String, i64, String)> =
        sqlx::query_as("select delivery_id, sequence, status from deliveries order by delivery_id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        rows,
        [
            ("d1".to_owned(), 1, "sent".to_owned()),
            ("d2".to_owned(), 1, "skipped".to_owned())
        ]
    );
    let broken: Vec<(String,)> = sqlx::query_as("select \"table\" from pragma_foreign_key_check")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(broken.is_empty(), "{broken:?}");
    let (enforced,): (bool,) = sqlx::query_as("pragma foreign_keys")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(enforced, "foreign keys are enforced again");
    let (steps_done, sequence): (i64, i64) =
        sqlx::query_as("select steps_done, sequence from carts where cart_id = 'k'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((steps_done, sequence), (2, 1));
    // Migration 42 names the sequence's rule from the reminders already written.
    assert_eq!(sequence_rule(&pool).await.as_deref(), Some("camp"));

    // The customer added to the cart: sequence 2 takes step 1 again, counted afresh.
    sqlx::raw_sql(
        "update carts set sequence = 2, steps_done = 0 where cart_id = 'k';
         insert into deliveries (delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id,
                 sequence, status, skip_reason, due_at, created_at, updated_at)
             values ('d3', 's', 'k', 'cu', 'other', 'step-1', 2, 'skipped', 'too_late',
                     '2026-11-25T09:00:00Z', '2026-11-25T09:00:00Z', '2026-11-25T09:00:00Z');",
    )
    .execute(&pool)
    .await
    .unwrap();
    let again = sqlx::query(
        "insert into deliveries (delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id,
                 sequence, status, skip_reason, due_at, created_at, updated_at)
             values ('d4', 's', 'k', 'cu', 'camp', 'step-1', 2, 'skipped', 'too_late',
                     '2026-11-25T09:00:00Z', '2026-11-25T09:00:00Z', '2026-11-25T09:00:00Z')",
    )
    .execute(&pool)
    .await;
    assert!(again.is_err(), "a step happens once per sequence");
    let (steps_done,): (i64,) = sqlx::query_as("select steps_done from carts where cart_id = 'k'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(steps_done, 1);
    assert_eq!(sequence_rule(&pool).await.as_deref(), Some("other"));
}

#[tokio::test]
async fn a_call_step_counts_as_a_step_and_the_email_sent_from_it_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let pool =
        super::test_support::sqlite_pool(&format!("sqlite://{}/calls.db", dir.path().display()))
            .await;
    let migrator = sqlx::migrate!("./migrations/sqlite");
    migrator
        .run_to(BEFORE_CALL_STEPS_COUNT, &pool)
        .await
        .unwrap();
    sqlx::raw_sql(SHOP_CUSTOMER_CART)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::raw_sql(
        "insert into deliveries (delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id,
                 status, due_at, created_at, updated_at, sent_at)
             values ('d1', 's', 'k', 'cu', 'camp', 'step-1', 'sent', '2026-11-23T09:00:00Z',
                     '2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z', '2026-11-23T09:00:05Z');
         insert into call_tasks (task_id, shop_id, cart_id, customer_id, campaign_id, step_id,
                 sequence, due_at, created_at)
             values ('t1', 's', 'k', 'cu', 'camp', 'step-2', 1, '2026-11-24T09:00:00Z',
                     '2026-11-24T09:00:00Z');",
    )
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(
        steps_done(&pool).await,
        1,
        "before: the call is not counted"
    );

    migrator.run(&pool).await.unwrap();
    assert_eq!(steps_done(&pool).await, 2, "the call counts once migrated");

    sqlx::raw_sql(
        "insert into deliveries (delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id,
                 sequence, status, due_at, created_at, updated_at, sent_at)
             values ('d2', 's', 'k', 'cu', 'camp', 'call-email-t1', 1, 'sent',
                     '2026-11-24T09:05:00Z', '2026-11-24T09:05:00Z', '2026-11-24T09:05:00Z',
                     '2026-11-24T09:05:00Z');
         insert into call_tasks (task_id, shop_id, cart_id, customer_id, campaign_id, step_id,
                 sequence, due_at, created_at)
             values ('t2', 's', 'k', 'cu', 'camp', 'step-3', 1, '2026-11-25T09:00:00Z',
                     '2026-11-25T09:00:00Z');",
    )
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(
        steps_done(&pool).await,
        3,
        "a new call counts, the call's email not"
    );
}

const BEFORE_CALL_STEPS_COUNT: i64 = 20261205000042;

async fn steps_done(pool: &sqlx::SqlitePool) -> i64 {
    sqlx::query_scalar("select steps_done from carts where cart_id = 'k'")
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn sequence_rule(pool: &sqlx::SqlitePool) -> Option<String> {
    sqlx::query_scalar("select sequence_rule_id from carts where cart_id = 'k'")
        .fetch_one(pool)
        .await
        .unwrap()
}
