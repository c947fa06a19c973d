use axum::{
    body::Body,
    http::{Request, StatusCode},
    Router,
};
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::{auth::Auth, db, demo, mail, state::AppState, web};
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
    pub location: Option<String>,
    pub set_cookie: Vec<String>,
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
        let auth = Auth::new(pool.clone(), false);
        demo::ensure_demo_admin(&auth, Utc::now()).await.unwrap();
        let state = AppState {
            leptos_options,
            pool: pool.clone(),
            mail: mail::outbox(&dir.path().join("outbox")).unwrap(),
            auth,
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
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let set_cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        TestResponse {
            status,
            content_type,
            location,
            set_cookie,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Calls the sign-in server function as the browser's JavaScript does.
    pub async fn sign_in_with(&self, email: &str, password: &str) -> TestResponse {
        let form = format!(
            "email={}&password={}&next=%2F",
            email.replace('@', "%40"),
            password
        );
        self.request(
            Request::post("/admin/fn/sign_in")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .body(Body::from(form))
                .unwrap(),
        )
        .await
    }

    /// Signs in as the demo admin; returns the `Cookie` header for later requests.
    pub async fn sign_in(&self) -> String {
        let response = self
            .sign_in_with(demo::DEMO_ADMIN_EMAIL, demo::DEMO_ADMIN_PASSWORD)
            .await;
        let set_cookie = response
            .set_cookie
            .iter()
            .find(|c| c.starts_with("relance_session="))
            .unwrap_or_else(|| panic!("no session cookie: {} {}", response.status, response.body));
        set_cookie.split(';').next().unwrap().to_owned()
    }

    /// A signed-in GET.
    pub async fn get_signed_in(&self, path: &str, accept_language: &str) -> TestResponse {
        let cookie = self.sign_in().await;
        self.request(
            Request::get(path)
                .header("accept-language", accept_language)
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
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
