//! Migration 15 turns the index of events by cart into chains: the events stored before it
//! must come out chained, and each cart pointed at its last one.

const BEFORE_CHAINS: i64 = 20261123000014;

/// Rows of two text columns, the second one nullable.
async fn pairs(pool: &sqlx::SqlitePool, sql: &'static str) -> Vec<(String, Option<String>)> {
    sqlx::query_as(sql).fetch_all(pool).await.unwrap()
}

#[tokio::test]
async fn the_chain_migration_links_stored_events_per_cart_and_points_each_cart_at_its_last() {
    let dir = tempfile::tempdir().unwrap();
    let pool =
        super::test_support::sqlite_pool(&format!("sqlite://{}/chain.db", dir.path().display()))
            .await;
    let migrator = sqlx::migrate!("./migrations/sqlite");
    migrator.run_to(BEFORE_CHAINS, &pool).await.unwrap();
    sqlx::raw_sql(
        "insert into shops (shop_id, name, url, currency, default_language, time_zone, created_at)
             values ('s', 'Shop', 'https://shop.example', 'EUR', 'fr', 'UTC', '2026-11-01T00:00:00Z');
         insert into api_keys (api_key_id, shop_id, name, key_prefix, key_hash, created_at)
             values ('k', 's', 'key', 'rk_', 'hash', '2026-11-01T00:00:00Z');
         insert into carts (cart_id, shop_id, external_id, currency, total_tax_incl, total_tax_excl,
                 shipping, created_at, last_activity_at)
             values ('id-a', 's', 'a', 'EUR', 0, 0, 0, '2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z'),
                    ('id-b', 's', 'b', 'EUR', 0, 0, 0, '2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z'),
                    ('id-c', 's', 'c', 'EUR', 0, 0, 0, '2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z');
         insert into cart_events (api_key_id, event_id, shop_id, event_type, cart_external_id,
                 occurred_at, received_at, outcome)
             values ('k', 'a1', 's', 'cart_updated', 'a', '2026-11-23T10:00:00Z', '2026-11-23T10:00:01Z', 'created'),
                    ('k', 'b1', 's', 'cart_updated', 'b', '2026-11-23T10:00:00Z', '2026-11-23T10:00:02Z', 'created'),
                    ('k', 'a2', 's', 'cart_updated', 'a', '2026-11-23T09:00:00Z', '2026-11-23T10:00:03Z', 'stale'),
                    ('k', 'x1', 's', 'order_completed', 'x', '2026-11-23T10:00:00Z', '2026-11-23T10:00:04Z', 'unknown_cart'),
                    ('k', 'a3', 's', 'cart_deleted', 'a', '2026-11-23T11:00:00Z', '2026-11-23T11:00:01Z', 'applied');",
    )
    .execute(&pool)
    .await
    .unwrap();

    migrator.run(&pool).await.unwrap();

    let links = pairs(
        &pool,
        "select e.event_id, p.event_id from cart_events e
         left join cart_events p on p.event_seq = e.previous_seq order by e.event_seq",
    )
    .await;
    let expected = [
        ("a1", None),
        ("b1", None),
        ("a2", Some("a1")),
        ("x1", None),
        ("a3", Some("a2")),
    ];
    assert_eq!(
        links,
        expected.map(|(e, p)| (e.to_string(), p.map(str::to_string)))
    );
    let heads = pairs(
        &pool,
        "select c.external_id, e.event_id from carts c
         left join cart_events e on e.event_seq = c.last_event_seq order by c.external_id",
    )
    .await;
    let expected = [("a", Some("a3")), ("b", Some("b1")), ("c", None)];
    assert_eq!(
        heads,
        expected.map(|(c, e)| (c.to_string(), e.map(str::to_string)))
    );
    // The key of an event still refuses a second copy.
    let resent = sqlx::query(
        "insert into cart_events (api_key_id, event_id, shop_id, event_type, cart_external_id,
             occurred_at, received_at, outcome)
         values ('k', 'a1', 's', 'cart_updated', 'a', '2026-11-23T10:00:00Z', '2026-11-23T12:00:00Z', 'created')",
    )
    .execute(&pool).await;
    assert!(resent.is_err());
    pool.close().await;
}
