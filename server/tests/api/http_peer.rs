//! A real HTTP server on loopback that records every request and answers with the statuses
//! (and bodies) it is given, in turn (the last one repeats): what webhook steps and SMS
//! providers POST to in the tests.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;

#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: HeaderMap,
    pub body: String,
}

#[derive(Default)]
struct Script {
    answers: Vec<(u16, String)>,
    received: Vec<Received>,
}

pub struct HttpPeer {
    port: u16,
    script: Arc<Mutex<Script>>,
}

impl HttpPeer {
    pub async fn start(statuses: &[u16]) -> Self {
        let answers: Vec<(u16, &str)> = statuses.iter().map(|&s| (s, "")).collect();
        Self::answering(&answers).await
    }

    /// Answers each request with the next (status, JSON body).
    pub async fn answering(answers: &[(u16, &str)]) -> Self {
        let script = Arc::new(Mutex::new(Script {
            answers: answers
                .iter()
                .map(|(status, body)| (*status, (*body).to_owned()))
                .collect(),
            received: Vec::new(),
        }));
        let app = Router::new()
            .route("/{*path}", post(answer))
            .with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { port, script }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.script.lock().unwrap().received.clone()
    }
}

async fn answer(
    State(script): State<Arc<Mutex<Script>>>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (
    StatusCode,
    [(axum::http::HeaderName, &'static str); 1],
    String,
) {
    let mut script = script.lock().unwrap();
    let index = script
        .received
        .len()
        .min(script.answers.len().saturating_sub(1));
    let (status, answer) = script
        .answers
        .get(index)
        .cloned()
        .unwrap_or((200, String::new()));
    script.received.push(Received {
        path: uri.path().to_owned(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    (
        StatusCode::from_u16(status).unwrap(),
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        answer,
    )
}
