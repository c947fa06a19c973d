use axum::{
    body::Body,
    http::{Request, StatusCode},
    Router,
};
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::{db, demo, mail, state::AppState, web};
use tower::ServiceExt;

/// A test application over its own database; the folder is deleted when it is dropped.
pub struct TestApp {
    pub router: Router,
    pub pool: db::Pool,
    _dir: tempfile::TempDir,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
}

impl TestApp {
    /// A fresh database, migrated, with the demo shop (`carts` carts) when asked.
    pub async fn spawn(demo_carts: Option<u32>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/relance.db", dir.path().display());
        let pool = db::connect(&url).await.unwrap();
        db::migrate(&pool).await.unwrap();
        if let Some(carts) = demo_carts {
            demo::seed(
                &pool,
                &demo::DemoOptions {
                    carts,
                    seed: 3,
                    now: Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap(),
                    public_url: "http://127.0.0.1:3000".into(),
                    replace: false,
                },
            )
            .await
            .unwrap();
        }
        let leptos_options = LeptosOptions::builder()
            .output_name("relance")
            .site_root("target/site")
            .build();
        let state = AppState {
            leptos_options,
            pool: pool.clone(),
            mail: mail::outbox(&dir.path().join("outbox")).unwrap(),
        };
        Self {
            router: web::router(state),
            pool,
            _dir: dir,
        }
    }

    pub async fn request(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        TestResponse {
            status,
            content_type,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str, accept_language: &str) -> TestResponse {
        self.request(
            Request::get(path)
                .header("accept-language", accept_language)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }
}
