use axum::{
    body::Body,
    http::{Request, StatusCode},
    Router,
};
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use server::on;
use server::{config::Config, db, demo, startup};
use tower::ServiceExt;

/// The secret of the test apps' cron URL.
pub const TEST_CRON_TOKEN: &str = "test-cron-token";

/// The key the test apps sign email links with.
pub const TEST_LINK_KEY: &[u8] = b"test link key";

/// A test application over its own database; the folder is deleted when it is dropped.
pub struct TestApp {
    pub router: Router,
    pub pool: db::Pool,
    /// The app's database (a SQLite file, or a PostgreSQL database when the tests run on
    /// PostgreSQL), for the `relance` binary run against the same database.
    pub database_url: String,
    /// The engine the app's cron URL runs, sending to the test's outbox.
    engine: server::jobs::Sender,
    /// The app's accounts and sessions.
    pub auth: std::sync::Arc<server::auth::Auth>,
    _dir: tempfile::TempDir,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub content_type: String,
    pub location: Option<String>,
    pub retry_after: Option<String>,
    pub set_cookie: Vec<String>,
    /// Its Content-Security-Policy, if any.
    pub policy: Option<String>,
    /// Its X-Frame-Options, if any.
    pub frame_options: Option<String>,
    pub body: String,
}

impl TestApp {
    /// A fresh database, migrated, with the demo shop (`carts` carts) when asked, and the
    /// demo admin account.
    pub async fn spawn(demo_carts: Option<u32>) -> Self {
        Self::start(demo_carts, true).await
    }

    /// A fresh database without any account or shop, as on a first run.
    pub async fn empty() -> Self {
        Self::start(None, false).await
    }

    async fn start(demo_carts: Option<u32>, admin: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            database_url: db::scratch_database(dir.path()).await.unwrap(),
            addr: "127.0.0.1:0".parse().unwrap(),
            public_url: "http://127.0.0.1:3000".into(),
            smtp_url: None,
            secret: Some(String::from_utf8(TEST_LINK_KEY.to_vec()).unwrap().into()),
            outbox_dir: dir.path().join("outbox"),
            mail_from: "Relance <relance@localhost>".into(),
            dkim_selector: None,
            dkim_key_file: None,
            dkim_domain: None,
            site_root: "target/site".into(),
            admin_password: None,
        };
        // An installation whose cron token is already stored, as after its first start.
        let pool = db::connect(&config.database_url).await.unwrap();
        db::migrate(&pool).await.unwrap();
        db::secrets::replace(
            &pool,
            server::links::CRON_TOKEN,
            TEST_CRON_TOKEN,
            Utc::now(),
        )
        .await
        .unwrap();
        pool.close().await;

        let app = startup::build(&config).await.unwrap();
        let pool = app.state.pool().clone();
        if let Some(carts) = demo_carts {
            demo::seed(
                &pool,
                &demo::DemoOptions {
                    carts,
                    seed: 3,
                    now: Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap(),
                    public_url: "http://127.0.0.1:3000".into(),
                    replace: false,
                    days: 14,
                    history: false,
                    rules: false,
                },
            )
            .await
            .unwrap();
            // Tests place carts at any hour, many relative to now: the quiet hours (on by
            // default, 21:00-08:00) would make them depend on when they run. quiet_hours.rs
            // turns them on again through Settings.
            on!(&pool, |db| sqlx::query(
                "update shop_settings set quiet_hours = ''"
            )
            .execute(db)
            .await
            .map(server::db::Done::from))
            .unwrap();
        }
        if admin {
            demo::ensure_demo_admin(&app.state.auth, Utc::now())
                .await
                .unwrap();
        }
        Self {
            router: app.router,
            auth: app.state.auth.clone(),
            engine: app.state.engine,
            pool,
            database_url: config.database_url.clone(),
            _dir: dir,
        }
    }

    /// Runs `relance run-once --at <at> --json` on the app's database, sending through
    /// `smtp_url`, and returns the run summary it prints.
    pub async fn run_once(&self, smtp_url: &str, at: &str) -> serde_json::Value {
        self.run_once_with(smtp_url, at, &[]).await
    }

    /// `run_once` with more of the configuration's variables (`env`).
    pub async fn run_once_with(
        &self,
        smtp_url: &str,
        at: &str,
        env: &[(&str, &str)],
    ) -> serde_json::Value {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_relance"));
        command.envs(env.iter().copied());
        command
            .env("DATABASE_URL", &self.database_url)
            .env("SMTP_URL", smtp_url)
            .env(
                "RELANCE_SECRET",
                String::from_utf8_lossy(TEST_LINK_KEY).as_ref(),
            )
            .env("RELANCE_PUBLIC_URL", "http://127.0.0.1:3000")
            .env("RUST_LOG", "error")
            .args(["run-once", "--at", at, "--json"]);
        // Blocking the test's runtime would stall the loopback SMTP server the run talks to.
        let output = tokio::task::spawn_blocking(move || command.output())
            .await
            .unwrap()
            .unwrap();
        assert!(
            output.status.success(),
            "run-once failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
            panic!(
                "run-once printed no summary ({error}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        })
    }

    pub async fn request(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        // In a block: the body, which is not `Sync`, must not be borrowed across the await below.
        let (content_type, location, retry_after, policy, frame_options) = {
            let header = |name: &str| header_of(response.headers(), name);
            (
                header("content-type").unwrap_or_default(),
                header("location"),
                header("retry-after"),
                header("content-security-policy"),
                header("x-frame-options"),
            )
        };
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
            retry_after,
            set_cookie,
            policy,
            frame_options,
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
        session_cookie(&response)
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

    /// Calls a server function with a JSON body, as the signed-in admin `cookie`; for the
    /// demo shop unless the body names a `shop`.
    pub async fn call_json(
        &self,
        cookie: &str,
        function: &str,
        mut body: serde_json::Value,
    ) -> TestResponse {
        if let Some(fields) = body.as_object_mut() {
            fields.entry("shop").or_insert_with(|| "demo".into());
        }
        self.request(
            Request::post(format!("/admin/fn/{function}"))
                .header("cookie", cookie)
                .header("content-type", "application/json")
                .header("accept", "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await
    }

    /// Calls a server function with form fields, as `ActionForm` and plain arguments do; for
    /// the demo shop unless the fields name a `shop`.
    pub async fn call_form(
        &self,
        cookie: &str,
        function: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        let demo = [("shop", "demo")];
        let shop = (!fields.iter().any(|(name, _)| *name == "shop")).then_some(&demo[..]);
        let form: String = fields
            .iter()
            .chain(shop.into_iter().flatten())
            .map(|(name, value)| format!("{name}={}", domain::format::url_component(value)))
            .collect::<Vec<_>>()
            .join("&");
        self.request(
            Request::post(format!("/admin/fn/{function}"))
                .header("cookie", cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .body(Body::from(form))
                .unwrap(),
        )
        .await
    }

    /// The engine's sender over this app's database and outbox, signing like the app.
    pub fn sender(&self) -> server::jobs::Sender {
        self.engine.clone()
    }

    /// The `.eml` files the test's outbox received, oldest first.
    pub fn outbox(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self._dir.path().join("outbox")) else {
            return Vec::new();
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort_by_key(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok());
        files
            .into_iter()
            .map(|path| std::fs::read_to_string(path).unwrap())
            .collect()
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

impl TestApp {
    /// The demo shop, as the admin's backend gets it.
    pub async fn demo_shop(&self) -> domain::Shop {
        db::find_shop(&self.pool, "demo").await.unwrap().unwrap()
    }

    /// Replaces the demo shop's carts by `carts` others over the two days before the demo's
    /// clock, spread over its three rules (`make run`'s demo has them too).
    pub async fn reseed_demo_with_rules(&self, carts: u32) {
        demo::seed(
            &self.pool,
            &demo::DemoOptions {
                carts,
                seed: 11,
                now: Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap(),
                public_url: "http://127.0.0.1:3000".into(),
                replace: true,
                days: 2,
                history: false,
                rules: true,
            },
        )
        .await
        .unwrap();
    }

    /// A second shop, made as `relance shop create` makes it (its campaign off), with a key
    /// for its events; returns its slug and the key.
    pub async fn add_shop(&self, draft: domain::settings::NewShopDraft) -> (String, String) {
        let new = server::shops::check(&draft).unwrap();
        let shop = server::shops::create(&self.pool, &new, Utc::now())
            .await
            .unwrap();
        let key = server::api::keys::create(&self.pool, &shop.id, "test", Utc::now())
            .await
            .unwrap();
        self.without_control_group(&shop.id).await;
        (shop.id, key.secret)
    }

    /// Sets the control group of every rule of `shop` to none. A new shop's rule holds out
    /// 10 % of customers by a hash of the rule and the address: tests about anything else
    /// must not depend on which of their customers it draws (`holdout.rs` tests the draw).
    pub async fn without_control_group(&self, shop: &str) {
        on!(&self.pool, |db| sqlx::query(
            "update campaigns set holdout_percent = 0 where shop_id = $1"
        )
        .bind(shop)
        .execute(db)
        .await
        .map(server::db::Done::from))
        .unwrap();
    }

    /// An account reaching only `shop`, with `role`; returns its session cookie.
    pub async fn member(&self, email: &str, shop: &str, role: domain::team::Role) -> String {
        let grant = db::Grant::Shop {
            shop_id: shop.into(),
            role,
        };
        self.auth
            .create_admin(email, "a long enough password", &grant, Utc::now())
            .await
            .unwrap();
        session_cookie(&self.sign_in_with(email, "a long enough password").await)
    }

    /// A signed-in GET as the account of `cookie`.
    pub async fn get_as(&self, cookie: &str, path: &str) -> TestResponse {
        self.request(
            Request::get(path)
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// A fresh API key for the demo shop.
    /// The demo shop's figures from five days ago to tomorrow, as Statistics shows them
    /// once recounted now (`current` of `load_statistics`).
    pub async fn current_figures(&self, cookie: &str) -> serde_json::Value {
        db::stats::refresh(&self.pool, "demo", Utc::now())
            .await
            .unwrap();
        let today = Utc::now().date_naive();
        let (from, to) = (
            (today - chrono::Duration::days(5)).to_string(),
            (today + chrono::Duration::days(1)).to_string(),
        );
        let response = self
            .call_form(
                cookie,
                "load_statistics",
                &[("from", &from), ("to", &to), ("scanners", "false")],
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        serde_json::from_str::<serde_json::Value>(&response.body).unwrap()["current"].clone()
    }

    pub async fn api_key(&self) -> String {
        server::api::keys::create(&self.pool, demo::DEMO_SHOP_ID, "test", Utc::now())
            .await
            .unwrap()
            .secret
    }

    /// `GET /api/v1/coupons/{code}` with this key: the status and the JSON answer.
    pub async fn check_coupon(
        &self,
        key: &str,
        code: &str,
    ) -> (axum::http::StatusCode, serde_json::Value) {
        let response = self
            .request(
                Request::get(format!("/api/v1/coupons/{code}"))
                    .header("authorization", format!("Bearer {key}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        (
            response.status,
            serde_json::from_str(&response.body).unwrap_or_default(),
        )
    }

    /// `POST /api/v1/events` with this key, body and content type.
    pub async fn post_events_as(
        &self,
        key: &str,
        content_type: &str,
        body: String,
    ) -> TestResponse {
        self.request(
            Request::post("/api/v1/events")
                .header("authorization", format!("Bearer {key}"))
                .header("content-type", content_type)
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    pub async fn post_events(&self, key: &str, body: serde_json::Value) -> TestResponse {
        self.post_events_as(key, "application/json", body.to_string())
            .await
    }

    /// One column of the stored cart with this shop id.
    pub async fn cart_column<T>(&self, external_id: &str, column: &str) -> T
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Sqlite>
            + sqlx::Type<sqlx::Sqlite>
            + for<'r> sqlx::Decode<'r, sqlx::Postgres>
            + sqlx::Type<sqlx::Postgres>
            + Send
            + Unpin,
    {
        let sql = format!("select {column} from carts where shop_id = 'demo' and external_id = $1");
        let (value,): (T,) = on!(&self.pool, |db| sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(external_id)
            .fetch_one(db)
            .await)
        .unwrap();
        value
    }

    pub async fn count(&self, sql: &'static str) -> i64 {
        let (n,): (i64,) = on!(&self.pool, |db| sqlx::query_as(sql).fetch_one(db).await).unwrap();
        n
    }
}

/// A `cart_updated` event for cart `cart_id` with one line of `quantity` T-shirts.
pub fn cart_updated(
    event_id: &str,
    cart_id: &str,
    occurred_at: &str,
    quantity: u32,
) -> serde_json::Value {
    serde_json::json!({
        "id": event_id,
        "type": "cart_updated",
        "occurred_at": occurred_at,
        "cart": {
            "id": cart_id, "currency": "EUR",
            "total_tax_incl": "69.51", "total_tax_excl": "57.93", "shipping": "4.90",
            "url": "https://shop.example/cart?id=42",
            "items": [{"sku": "demo_1", "name": "T-shirt délavé", "description": "Coupe classique",
                       "image_url": "https://shop.example/img/1.jpg", "product_url": "https://shop.example/p/1",
                       "category": "Tops", "unit_price": "16.51", "quantity": quantity, "stock": 299}]
        },
        "customer": {"id": "cu-7", "email": "john@example.com", "first_name": "John", "last_name": "Doe",
                     "gender": "male", "language": "fr", "country": "FR", "groups": ["customer"],
                     "newsletter": true, "birthdate": "1990-04-01", "orders_count": 1,
                     "last_order_at": "2026-03-21T15:48:58Z", "phone": "+33600000000"}
    })
}

/// A response header's value, when it is there and is text.
pub fn header_of(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The `Cookie` header value of the session a response opened.
pub fn session_cookie(response: &TestResponse) -> String {
    let set_cookie = response
        .set_cookie
        .iter()
        .find(|c| c.starts_with("relance_session="))
        .unwrap_or_else(|| panic!("no session cookie: {} {}", response.status, response.body));
    set_cookie.split(';').next().unwrap().to_owned()
}

/// Runs the `relance` binary on the app's database, as an operator would.
pub async fn relance(app: &TestApp, args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_relance"));
    command
        .env("DATABASE_URL", &app.database_url)
        .env(
            "RELANCE_SECRET",
            String::from_utf8_lossy(TEST_LINK_KEY).as_ref(),
        )
        .env("RUST_LOG", "error")
        .args(args);
    tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .unwrap()
}

/// What a successful command printed; its standard error when it failed.
pub fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}
