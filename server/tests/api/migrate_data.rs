//! `relance migrate-data`: a whole install copied into an empty database (PostgreSQL when the
//! suite runs on it), checked table by table, and never into a database holding rows.

use std::process::Command;

use server::on;

fn relance(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_relance"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn a_sqlite_install_is_copied_row_for_row_and_a_second_copy_onto_it_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let source = format!("sqlite://{}/source.db", dir.path().display());
    let target_dir = dir.path().join("target");
    std::fs::create_dir_all(&target_dir).unwrap();
    let target = server::db::scratch_database(&target_dir).await.unwrap();
    let demo = relance(&[
        "--database-url",
        &source,
        "demo",
        "--carts",
        "120",
        "--history",
    ]);
    assert!(demo.status.success(), "{}", text(&demo.stderr));

    let copy = relance(&["migrate-data", "--from", &source, "--to", &target]);
    let again = relance(&["migrate-data", "--from", &source, "--to", &target]);

    let out = text(&copy.stdout);
    assert!(copy.status.success(), "{out}{}", text(&copy.stderr));
    assert!(out.contains("every count and checksum matches"), "{out}");
    assert!(!out.contains("DIFFERS"), "{out}");
    for table in [
        "carts",
        "deliveries",
        "coupons",
        "delivery_events",
        "stats_days",
    ] {
        let line = out.lines().find(|l| l.starts_with(table)).unwrap();
        assert!(
            !line.contains(" 0 rows"),
            "the demo history fills {table}: {line}"
        );
    }
    assert!(!again.status.success());
    let refusal = text(&again.stderr);
    assert_eq!(refusal.lines().count(), 1, "{refusal}");
    assert!(
        refusal.contains("the target database is not empty"),
        "{refusal}"
    );

    // The copy works as an install: the engine's counters and the search read it.
    let pool = server::db::connect(&target).await.unwrap();
    let (wrong,): (i64,) = on!(&pool, |db| sqlx::query_as(
        "select count(*) from carts c where c.steps_done <>
             (select count(*) from deliveries d
              where d.cart_id = c.cart_id and d.sequence = c.sequence and d.status <> 'queued')"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(wrong, 0);
}

#[test]
fn a_wrong_database_url_is_one_clear_line_naming_the_problem_without_the_password() {
    let unreachable = relance(&[
        "--database-url",
        "postgres://relance:secret@127.0.0.1:1/relance",
        "migrate",
    ]);
    let other = relance(&["--database-url", "mysql://db/relance", "migrate"]);

    for (output, says) in [
        (
            &unreachable,
            "cannot connect to PostgreSQL at postgres://relance:***@127.0.0.1:1/relance",
        ),
        (
            &other,
            "DATABASE_URL must start with sqlite:// (a file) or postgres:// (a server)",
        ),
    ] {
        let stderr = text(&output.stderr);
        assert!(!output.status.success());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!stderr.contains("secret"), "{stderr}");
    }
}
