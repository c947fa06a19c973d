//! A fault of ours or of the mail provider never punishes a customer: it stops the pass, keeps
//! every reminder queued and says what to fix; only a recipient's own answer suppresses it.

use chrono::{DateTime, Utc};
use server::jobs::{run_pass, run_recorded, Trigger};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// The demo shop with John's and Mary's carts, last changed at 08:30 (abandoned at 09:00): their first reminder is
/// due at 10:00.
async fn two_carts() -> TestApp {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T08:30:00Z", 1))
        .await;
    let mut mary = cart_updated("e2", "web-2", "2026-11-23T08:30:00Z", 1);
    mary["customer"]["id"] = "cu-8".into();
    mary["customer"]["email"] = "mary@example.com".into();
    app.post_events(&key, mary).await;
    app
}

fn sender_to(app: &TestApp, url: &str) -> server::jobs::Sender {
    server::jobs::Sender {
        mail: server::mail::smtp(url).unwrap(),
        ..app.sender()
    }
}

/// (status, attempts) of every reminder, by customer email.
async fn reminders(app: &TestApp) -> Vec<(String, String, i64)> {
    on!(&app.pool, |db| sqlx::query_as(
        "select c.email, d.status, d.attempts from deliveries d
         join customers c on c.customer_id = d.customer_id order by c.email, d.due_at",
    )
    .fetch_all(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn a_refused_login_stops_the_pass_suppresses_nobody_and_once_fixed_each_reminder_goes_out_once(
) {
    let app = two_carts().await;
    let peer = SmtpPeer::start_with_login("right").await;

    let refused = run_recorded(
        &sender_to(&app, &peer.url_with_login("wrong")),
        Trigger::Cli,
        None,
        at("2026-11-23T10:00:00Z"),
    )
    .await
    .unwrap_err();

    assert!(
        refused
            .to_string()
            .contains("SMTP authentication refused: check SMTP_URL"),
        "{refused:#}"
    );
    assert_eq!(app.count("select count(*) from suppressions").await, 0);
    let queued = reminders(&app).await;
    assert_eq!(queued.len(), 2);
    assert!(
        queued
            .iter()
            .all(|(_, status, attempts)| status == "queued" && *attempts == 0),
        "{queued:?}"
    );
    let (error,): (Option<String>,) = on!(&app.pool, |db| sqlx::query_as(
        "select error from engine_runs order by started_at desc limit 1"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert!(error.unwrap().contains("SMTP authentication refused"));
    let page = app.get_signed_in("/s/demo/sending", "en").await;
    assert!(
        page.body.contains("Sending stopped at")
            && page
                .body
                .contains("SMTP authentication refused: check SMTP_URL"),
        "{}",
        page.body
    );

    // The operator fixes the password.
    let fixed = sender_to(&app, &peer.url_with_login("right"));
    let back = run_pass(&fixed, at("2026-11-23T10:05:00Z")).await.unwrap();
    let again = run_pass(&fixed, at("2026-11-23T10:06:00Z")).await.unwrap();

    assert_eq!((back.sent, again.sent), (2, 0));
    let mut to: Vec<String> = peer.received().into_iter().flat_map(|m| m.to).collect();
    to.sort();
    assert_eq!(to, ["john@example.com", "mary@example.com"]);
}

#[tokio::test]
async fn with_the_smtp_server_down_the_pass_stops_and_the_reminders_wait_queued_until_it_is_back() {
    let app = two_carts().await;
    let mut peer = SmtpPeer::start(&[]).await;
    let sender = sender_to(&app, &peer.url());
    peer.stop();

    let down = run_pass(&sender, at("2026-11-23T10:00:00Z"))
        .await
        .unwrap_err();
    peer.restart().await;
    let back = run_pass(&sender, at("2026-11-23T10:00:30Z")).await.unwrap();

    assert!(down.to_string().contains("cannot be reached"), "{down:#}");
    assert_eq!(back.sent, 2);
    assert_eq!(peer.received().len(), 2);
    let sent = reminders(&app).await;
    assert!(sent
        .iter()
        .all(|(_, status, attempts)| status == "sent" && *attempts == 1));
    assert_eq!(app.count("select count(*) from suppressions").await, 0);
}

#[tokio::test]
async fn a_recipient_put_off_with_a_450_is_retried_later_and_the_others_go_out() {
    let app = two_carts().await;
    let peer = SmtpPeer::start(&[]).await;
    peer.set_busy(&["john@"]);
    let sender = sender_to(&app, &peer.url());

    let first = run_pass(&sender, at("2026-11-23T10:00:00Z")).await.unwrap();
    peer.set_busy(&[]);
    let later = run_pass(&sender, at("2026-11-23T10:05:00Z")).await.unwrap();

    assert_eq!((first.sent, first.retrying, first.failed), (1, 1, 0));
    assert_eq!(later.sent, 1);
    assert_eq!(app.count("select count(*) from suppressions").await, 0);
    let to: Vec<Vec<String>> = peer.received().into_iter().map(|m| m.to).collect();
    assert_eq!(to, [["mary@example.com"], ["john@example.com"]]);
}

#[tokio::test]
async fn a_reminder_held_back_past_its_maximum_lateness_is_skipped_not_sent_stale() {
    let app = two_carts().await;
    let peer = SmtpPeer::start_with_login("right").await;
    run_pass(
        &sender_to(&app, &peer.url_with_login("wrong")),
        at("2026-11-23T10:00:00Z"),
    )
    .await
    .unwrap_err();

    // Fixed 25 hours later: the first reminders are a day late (Settings: 24 hours at most).
    let late = run_pass(
        &sender_to(&app, &peer.url_with_login("right")),
        at("2026-11-24T11:00:00Z"),
    )
    .await
    .unwrap();

    assert_eq!(late.skipped.get("too_late"), Some(&2), "{late:?}");
    let first_steps: Vec<(String, Option<String>)> = on!(&app.pool, |db| sqlx::query_as(
        "select status, skip_reason from deliveries where step_id = 'demo-step-1'"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    let skipped_late = ("skipped".to_owned(), Some("too_late".to_owned()));
    assert_eq!(first_steps, [skipped_late.clone(), skipped_late]);
}

/// An SMTP server that takes a whole message and hangs up instead of answering it.
async fn hanging_up_server() -> std::net::SocketAddr {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read);
                write.write_all(b"220 hang-up ESMTP\r\n").await.unwrap();
                let mut line = String::new();
                let mut in_data = false;
                while lines.read_line(&mut line).await.unwrap_or(0) > 0 {
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if in_data {
                        if line == ".\r\n" {
                            return; // the message is in: hang up without a word
                        }
                        b""
                    } else if command.starts_with("EHLO") {
                        b"250-hang-up\r\n250 8BITMIME\r\n"
                    } else if command.starts_with("DATA") {
                        in_data = true;
                        b"354 go on\r\n"
                    } else {
                        b"250 OK\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                    line.clear();
                }
            });
        }
    });
    addr
}

#[tokio::test]
async fn a_connection_dropped_mid_message_keeps_the_reminders_queued_and_blames_nobody() {
    let app = two_carts().await;
    let addr = hanging_up_server().await;

    let dropped = run_pass(
        &sender_to(&app, &format!("smtp://{addr}")),
        at("2026-11-23T10:00:00Z"),
    )
    .await
    .unwrap_err();

    assert!(
        dropped
            .to_string()
            .contains("connection to the SMTP server was lost"),
        "{dropped:#}"
    );
    assert_eq!(app.count("select count(*) from suppressions").await, 0);
    let queued = reminders(&app).await;
    assert!(
        queued
            .iter()
            .all(|(_, status, attempts)| status == "queued" && *attempts == 0),
        "{queued:?}"
    );
    let peer = SmtpPeer::start(&[]).await;
    let back = run_pass(&sender_to(&app, &peer.url()), at("2026-11-23T10:01:00Z"))
        .await
        .unwrap();
    assert_eq!(back.sent, 2);
}
