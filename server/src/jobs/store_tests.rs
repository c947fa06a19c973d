//! The store's page write: claims, decisions and the cart as it is inside the write.

use chrono::TimeZone;

use super::*;
use crate::db::{self, test_support};
use crate::demo::{seed, DemoOptions};

#[tokio::test]
async fn a_page_queues_its_reminders_claimed_with_the_cart_as_it_is_inside_the_write() {
    let dir = tempfile::tempdir().unwrap();
    let pool = db::connect(&db::scratch_database(dir.path()).await.unwrap())
        .await
        .unwrap();
    db::migrate(&pool).await.unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let options = DemoOptions {
        carts: 200,
        seed: 7,
        now,
        public_url: "http://127.0.0.1".into(),
        replace: true,
        days: 14,
        history: false,
        rules: false,
    };
    seed(&pool, &options).await.unwrap();
    test_support::relax_sending_limits(&pool).await;
    let (batches, mut ready) = mpsc::channel(1);
    let (_finished, outcomes) = mpsc::unbounded_channel();
    let mut store = Store::new(
        pool.acquire().await.unwrap(),
        Planner::start(
            &pool,
            &db::find_shop(&pool, "demo").await.unwrap().unwrap(),
            now,
        )
        .await
        .unwrap()
        .unwrap(),
        batches,
        outcomes,
    );
    let mut page = None;
    while let Some(next) = store
        .planner
        .next_page(&mut store.conn.conn())
        .await
        .unwrap()
    {
        if !next.is_empty() {
            page = Some(next);
            break;
        }
    }
    let page = page.expect("a page with carts to remind");
    let sends = page
        .iter()
        .filter(|cart| matches!(cart.planned.actions.last(), Some(Action::Send { .. })))
        .count();
    // An order arrives after the page was read, before it is written.
    let ordered = page
        .iter()
        .find(|cart| matches!(cart.planned.actions.last(), Some(Action::Send { .. })))
        .unwrap()
        .candidate
        .cart_id
        .clone();
    test_support::mark_ordered(&pool, &ordered, now).await;

    let mut summary = RunSummary::default();
    let written = store.write_page(page, &mut summary).await.unwrap();
    // Shared by several processes (PostgreSQL), the page's reminders are queued for any of
    // them, and this pass's claim reads the cart as it is then.
    let (batch, claimed) = if store.shared {
        assert!(written.is_empty());
        assert!(store.claim_batches(Some(1)).await.unwrap());
        let batch = ready.recv().await.unwrap();
        let claimed = sends.min(BATCH as usize);
        (batch, claimed)
    } else {
        (written, sends)
    };

    assert!(sends > 1);
    assert_eq!(batch.len(), claimed);
    assert!(batch.iter().any(|(row, _)| row.cart_id == ordered));
    for (claimed, prepared) in &batch {
        let state = &prepared.as_ref().unwrap().state;
        assert_eq!(state.ordered, claimed.cart_id == ordered);
        assert_eq!(claimed.attempts, 1);
    }
    let held = test_support::held_deliveries_by_status(&pool, now).await;
    assert_eq!(held, [("queued".to_owned(), claimed as i64)]);
    // Held by this run, so an overlapping run's claim does not take them.
    let mut conn = pool.acquire().await.unwrap();
    assert_eq!(
        deliveries::claim(&mut conn.conn(), "demo", now, LEASE, 1000)
            .await
            .unwrap()
            .len(),
        sends - claimed
    );
}

fn skipped() -> Record {
    Record::Skipped {
        delivery_id: "d".into(),
        reason: domain::engine::SkipReason::Ordered,
    }
}

#[tokio::test(start_paused = true)]
async fn an_outcome_is_written_once_it_waited_twenty_milliseconds_or_a_batch_is_full() {
    let (finished, mut outcomes) = mpsc::unbounded_channel();
    let mut pending = Pending::default();
    finished.send(skipped()).unwrap();
    assert!(pending.receive(&mut outcomes).await);
    assert!(!pending.due(), "one outcome waits for others");
    tokio::time::advance(std::time::Duration::from_millis(5)).await;
    finished.send(skipped()).unwrap();
    assert!(pending.receive(&mut outcomes).await);
    assert!(!pending.due(), "the deadline is the first one's");
    // Nothing more comes: the wait ends at the first one's deadline.
    let started = tokio::time::Instant::now();
    assert!(pending.receive(&mut outcomes).await);
    assert!(pending.due());
    assert_eq!(started.elapsed(), std::time::Duration::from_millis(15));
    pending.clear();

    for _ in 0..RECORDS_PER_WRITE {
        finished.send(skipped()).unwrap();
    }
    assert!(pending.receive(&mut outcomes).await);
    assert!(pending.due(), "a full batch is written at once");
    pending.clear();
    drop(finished);
    assert!(!pending.receive(&mut outcomes).await, "every send is done");
}
