//! One POST to a webhook address: the answer's status, or why there was none. Addresses that
//! resolve into private networks (other than this machine) are refused, so a step cannot be
//! aimed at the servers around Relance.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::Full;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;

/// A receiver gets this long to answer; a slow one is tried again later.
const TIMEOUT: Duration = Duration::from_secs(10);

/// What came back from a POST.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub status: u16,
    pub duration: Duration,
    /// The answer's first 16 KiB (an SMS provider's message id or error code).
    pub body: Bytes,
}

/// The most of an answer that is read.
const BODY_MAX: usize = 16 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostError {
    /// No answer: unreachable, refused, timed out, TLS failed. Worth another try.
    #[error("no answer: {0}")]
    NoAnswer(String),
    /// The address resolves inside a private network: never tried.
    #[error("{0} is a private network address; webhooks go to public addresses or localhost")]
    Private(IpAddr),
}

#[derive(Clone)]
pub struct HttpPoster {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl HttpPoster {
    pub fn new() -> anyhow::Result<Self> {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(tokio_rustls::rustls::crypto::ring::default_provider())?
            .https_or_http()
            .enable_http1()
            .build();
        Ok(Self {
            client: Client::builder(TokioExecutor::new()).build(https),
        })
    }

    /// POSTs `body` as JSON with `headers`; the status, whatever it is.
    pub async fn post(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Result<Posted, PostError> {
        let uri: axum::http::Uri = url
            .parse()
            .map_err(|e| PostError::NoAnswer(format!("bad address: {e}")))?;
        let host = uri.host().unwrap_or_default().trim_matches(['[', ']']);
        let port = uri
            .port_u16()
            .unwrap_or(if uri.scheme_str() == Some("https") {
                443
            } else {
                80
            });
        let addresses = tokio::net::lookup_host((host, port))
            .await
            .map_err(|e| PostError::NoAnswer(format!("cannot resolve {host}: {e}")))?;
        for address in addresses {
            if private(address.ip()) {
                return Err(PostError::Private(address.ip()));
            }
        }
        let mut request = axum::http::Request::post(uri)
            .header(axum::http::header::CONTENT_TYPE, "application/json")
            .header(axum::http::header::USER_AGENT, "Relance/1");
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let request = request
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| PostError::NoAnswer(e.to_string()))?;
        let started = Instant::now();
        let response = tokio::time::timeout(TIMEOUT, self.client.request(request))
            .await
            .map_err(|_| PostError::NoAnswer(format!("no answer within {} s", TIMEOUT.as_secs())))?
            .map_err(|e| PostError::NoAnswer(e.to_string()))?;
        let status = response.status().as_u16();
        let body = tokio::time::timeout(
            TIMEOUT,
            http_body_util::BodyExt::collect(http_body_util::Limited::new(
                response.into_body(),
                BODY_MAX,
            )),
        )
        .await
        .ok()
        .and_then(Result::ok)
        .map(|collected| collected.to_bytes())
        .unwrap_or_default();
        Ok(Posted {
            status,
            duration: started.elapsed(),
            body,
        })
    }
}

/// Inside a private, link-local, shared or unspecified range; this machine's loopback is
/// allowed (a relay beside Relance).
fn private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4| private(IpAddr::V4(v4)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_networks_are_refused_and_loopback_and_public_addresses_are_not() {
        for refused in [
            "10.0.0.1",
            "192.168.1.10",
            "172.16.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(private(refused.parse().unwrap()), "{refused}");
        }
        for allowed in ["127.0.0.1", "::1", "93.184.216.34", "2606:4700::1111"] {
            assert!(!private(allowed.parse().unwrap()), "{allowed}");
        }
    }
}
