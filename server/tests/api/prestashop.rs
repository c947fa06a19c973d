//! The PrestaShop module (`connectors/prestashop`): every PHP file passes `php -l`, and its
//! payload builder, run by php-cli, talks to a real Relance over HTTP and gets its carts and
//! orders accepted, validated like any client's (a shop made through set-up, and the demo).

use std::path::{Path, PathBuf};
use std::process::Command;

use axum::http::StatusCode;

use crate::helpers::TestApp;

fn module_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../connectors/prestashop")
}

fn php_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            php_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "php") {
            found.push(path);
        }
    }
}

/// Serves the app on a loopback port, as `relance serve` does; returns its URL.
async fn serve(app: &TestApp) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    url
}

async fn run_payload_test(url: String, key: String) -> std::process::Output {
    let script = module_dir().join("tests/payload_test.php");
    tokio::task::spawn_blocking(move || {
        Command::new("php")
            .arg(script)
            .env("RELANCE_URL", url)
            .env("RELANCE_KEY", key)
            .output()
            .expect("php-cli is installed (scripts/setup.sh installs Debian's php-cli)")
    })
    .await
    .unwrap()
}

#[test]
fn every_php_file_of_the_module_passes_php_lint() {
    let mut files = Vec::new();
    php_files(&module_dir(), &mut files);
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let lint = Command::new("php").arg("-l").arg(&file).output().unwrap();
        assert!(
            lint.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&lint.stdout)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_modules_payloads_are_accepted_by_a_running_relance_for_a_set_up_shop_and_the_demo() {
    let fresh = TestApp::empty().await;
    let (shop, _) = crate::setup::set_up_shop(&fresh).await;
    let shop_key = server::api::keys::create(&fresh.pool, &shop, "prestashop", chrono::Utc::now())
        .await
        .unwrap()
        .secret;
    let demo = TestApp::spawn(Some(0)).await;
    let demo_key = demo.api_key().await;

    for (app, key) in [(&fresh, shop_key), (&demo, demo_key)] {
        let url = serve(app).await;
        let output = run_payload_test(url, key).await;
        let printed = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{printed}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!printed.contains("FAIL"), "{printed}");
        assert_eq!(
            app.count("select count(*) from carts where external_id = 'ps-4242' and ordered_at is not null")
                .await,
            1
        );
        let status: String = server::on!(&app.pool, |db| sqlx::query_scalar(
            "select status from orders where external_id = 'XKBKNABJK'"
        )
        .fetch_one(db)
        .await)
        .unwrap();
        assert_eq!(status, "paid");
    }
    assert_eq!(fresh.get("/healthz", "en").await.status, StatusCode::OK);
}
