//! Sending through an SMTP server: our own pool of lettre SMTP connections.
//!
//! lettre's pool opens its sockets without TCP_NODELAY, and lettre writes a message's closing
//! `\r\n.\r\n` as a write of its own: Nagle's algorithm holds it until the server acknowledges
//! the body, which the server's delayed ACK puts off by about 40 ms. That capped a connection at
//! about 25 messages a second. Its pool also sends a NOOP before every message. Here sockets
//! have TCP_NODELAY, lettre's connection still speaks SMTP (EHLO, STARTTLS, AUTH, MAIL, RCPT,
//! DATA), and only a connection that sat idle for a while is checked before reuse.

use std::{
    io,
    net::SocketAddr,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll},
    time::{Duration, Instant},
};

use async_trait::async_trait;
use lettre::{
    transport::smtp::{
        authentication::{Credentials, Mechanism},
        client::{AsyncSmtpConnection, AsyncTokioStream, TlsParameters},
        extension::ClientId,
    },
    Message,
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::TcpStream,
    sync::Semaphore,
};
use tokio_rustls::{
    client::TlsStream,
    rustls::{self, pki_types::ServerName},
    TlsConnector,
};

use super::staged;
use super::transport::{MailError, MailTransport, SenderFault};

/// A connection idle longer than this gets a NOOP before it carries a message.
const CHECK_AFTER: Duration = Duration::from_secs(10);
/// A connection idle longer than this is closed rather than reused (lettre's default).
const CLOSE_AFTER: Duration = Duration::from_secs(60);
/// Connecting (TCP, TLS, greeting) gives up after this.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: no TLS (a relay on the same machine or network).
    Plain,
    /// `smtp://…?tls=required` (or `opportunistic`): STARTTLS after the greeting.
    StartTls { required: bool },
    /// `smtps://`: TLS from the first byte (port 465).
    Implicit,
}

/// Where and how to connect, from `SMTP_URL`, read as lettre reads it.
#[derive(Debug, Clone)]
pub struct SmtpServer {
    pub host: String,
    pub port: u16,
    pub security: Security,
    credentials: Option<Credentials>,
    hello: ClientId,
}

impl SmtpServer {
    pub fn from_url(url: &str) -> Result<Self, String> {
        let url = url::Url::parse(url).map_err(|e| format!("not a URL ({e})"))?;
        let host = match url.host() {
            Some(url::Host::Domain(name)) => name.to_owned(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            None => return Err("no host".into()),
        };
        let tls = url
            .query_pairs()
            .find(|(key, _)| key == "tls")
            .map(|(_, value)| value.into_owned());
        let (security, default_port) = match (url.scheme(), tls.as_deref()) {
            ("smtp", None) => (Security::Plain, 25),
            ("smtp", Some("required")) => (Security::StartTls { required: true }, 587),
            ("smtp", Some("opportunistic")) => (Security::StartTls { required: false }, 587),
            ("smtps", _) => (Security::Implicit, 465),
            (scheme, tls) => {
                return Err(format!(
                    "unknown scheme {scheme:?} or tls={tls:?} (smtp://, smtp://…?tls=required, smtps://)"
                ))
            }
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        let credentials = url
            .password()
            .map(|password| Credentials::new(decode(url.username()), decode(password)));
        let name = url.path().trim_matches('/');
        Ok(Self {
            host,
            port: url.port().unwrap_or(default_port),
            security,
            credentials,
            hello: if name.is_empty() {
                ClientId::default()
            } else {
                ClientId::Domain(name.to_owned())
            },
        })
    }

    fn describe(&self) -> String {
        let security = match self.security {
            Security::Plain => "no TLS",
            Security::StartTls { required: true } => "STARTTLS",
            Security::StartTls { required: false } => "STARTTLS when offered",
            Security::Implicit => "TLS",
        };
        format!("SMTP server {}:{} ({security})", self.host, self.port)
    }
}

struct Idle {
    connection: AsyncSmtpConnection,
    since: Instant,
}

/// Up to `size` SMTP connections, kept open between messages.
pub struct SmtpPool {
    server: SmtpServer,
    idle: Mutex<Vec<Idle>>,
    permits: Semaphore,
    tls: TlsConnector,
}

impl SmtpPool {
    pub fn new(server: SmtpServer, size: usize) -> Self {
        let roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("ring supports the default TLS versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
        Self {
            server,
            idle: Mutex::new(Vec::with_capacity(size)),
            permits: Semaphore::new(size),
            tls: TlsConnector::from(Arc::new(config)),
        }
    }

    async fn tcp(&self) -> io::Result<TcpStream> {
        let mut last_error = None;
        for addr in tokio::net::lookup_host((self.server.host.as_str(), self.server.port)).await? {
            match TcpStream::connect(addr).await {
                Ok(stream) => {
                    stream.set_nodelay(true)?;
                    return Ok(stream);
                }
                Err(error) => last_error = Some(error),
            }
        }
        Err(last_error.unwrap_or_else(|| io::Error::other("the host name has no address")))
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, MailError> {
        use SenderFault::{Authentication, Greeting, Tls as TlsFault, Unreachable};
        let server = &self.server;
        let connecting = async {
            let tcp = self
                .tcp()
                .await
                .map_err(|e| MailError::sender(Unreachable, e))?;
            let stream: Box<dyn AsyncTokioStream> = match server.security {
                Security::Implicit => {
                    let name = ServerName::try_from(server.host.clone())
                        .map_err(|e| MailError::sender(TlsFault, e))?;
                    let tls = self
                        .tls
                        .connect(name, tcp)
                        .await
                        .map_err(|e| MailError::sender(TlsFault, e))?;
                    Box::new(Tls(tls))
                }
                _ => Box::new(tcp),
            };
            let mut connection = AsyncSmtpConnection::connect_with_transport(stream, &server.hello)
                .await
                .map_err(|e| {
                    let fault = if e.status().is_some() {
                        Greeting
                    } else {
                        Unreachable
                    };
                    MailError::sender(fault, e)
                })?;
            if let Security::StartTls { required } = server.security {
                if required || connection.can_starttls() {
                    let parameters = TlsParameters::new(server.host.clone())
                        .map_err(|e| MailError::sender(TlsFault, e))?;
                    connection
                        .starttls(parameters, &server.hello)
                        .await
                        .map_err(|e| MailError::sender(TlsFault, e))?;
                }
            }
            if let Some(credentials) = &server.credentials {
                connection
                    .auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                    .await
                    .map_err(|e| MailError::sender(Authentication, e))?;
            }
            Ok(connection)
        };
        tokio::time::timeout(CONNECT_TIMEOUT, connecting)
            .await
            .unwrap_or_else(|_| Err(MailError::sender(Unreachable, "connecting timed out")))
    }

    /// An open connection from the pool, if one is still good.
    async fn checkout(&self) -> Option<AsyncSmtpConnection> {
        loop {
            let idle = self.idle.lock().expect("pool lock").pop()?;
            let mut connection = idle.connection;
            let waited = idle.since.elapsed();
            if waited > CLOSE_AFTER {
                connection.abort().await;
            } else if waited <= CHECK_AFTER || connection.test_connected().await {
                return Some(connection);
            }
        }
    }

    fn checkin(&self, connection: AsyncSmtpConnection) {
        if !connection.has_broken() {
            self.idle.lock().expect("pool lock").push(Idle {
                connection,
                since: Instant::now(),
            });
        }
    }
}

#[async_trait]
impl MailTransport for SmtpPool {
    async fn send(&self, message: Message) -> Result<(), MailError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| MailError::Transport("the SMTP pool is closed".into()))?;
        let envelope = message.envelope().clone();
        let bytes = message.formatted();
        let mut reused = true;
        loop {
            let mut connection = match self.checkout().await {
                Some(connection) => connection,
                None => {
                    reused = false;
                    self.connect().await?
                }
            };
            match staged::send(&mut connection, &envelope, &bytes).await {
                Ok(()) => {
                    self.checkin(connection);
                    return Ok(());
                }
                // The server closed a pooled connection meanwhile (no SMTP answer at all):
                // the message goes again on a new connection.
                Err(MailError::Sender {
                    fault: SenderFault::ConnectionLost,
                    cause,
                }) if reused => {
                    tracing::debug!(%cause, "pooled SMTP connection lost, reconnecting");
                    reused = false;
                }
                Err(error) => return Err(error),
            }
        }
    }

    fn describe(&self) -> String {
        self.server.describe()
    }
}

/// A TLS stream as lettre's connection takes it.
#[derive(Debug)]
struct Tls(TlsStream<TcpStream>);

impl AsyncRead for Tls {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_read(cx, buf)
    }
}

impl AsyncWrite for Tls {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().0).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_shutdown(cx)
    }
}

impl AsyncTokioStream for Tls {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.0.get_ref().0.peer_addr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_read_as_lettre_reads_them() {
        let plain = SmtpServer::from_url("smtp://127.0.0.1:2525").unwrap();
        assert_eq!((plain.host.as_str(), plain.port), ("127.0.0.1", 2525));
        assert_eq!(plain.security, Security::Plain);
        assert!(plain.credentials.is_none());

        let starttls =
            SmtpServer::from_url("smtp://user%40shop.fr:p%40ss@mail.shop.fr?tls=required").unwrap();
        assert_eq!(starttls.port, 587);
        assert_eq!(starttls.security, Security::StartTls { required: true });
        assert_eq!(
            starttls.credentials,
            Some(Credentials::new("user@shop.fr".into(), "p@ss".into()))
        );

        let implicit =
            SmtpServer::from_url("smtps://u:p@smtp.example.com/relance.shop.fr").unwrap();
        assert_eq!(
            (implicit.port, implicit.security),
            (465, Security::Implicit)
        );
        assert_eq!(implicit.hello, ClientId::Domain("relance.shop.fr".into()));

        let v6 = SmtpServer::from_url("smtp://[::1]:25").unwrap();
        assert_eq!(v6.host, "::1");
    }

    #[test]
    fn a_wrong_smtp_url_says_what_is_wrong() {
        assert!(SmtpServer::from_url("http://mail.example.com")
            .unwrap_err()
            .contains("unknown scheme"));
        assert!(SmtpServer::from_url("smtp://mail.example.com?tls=maybe")
            .unwrap_err()
            .contains("tls="));
        assert!(SmtpServer::from_url("mail.example.com").is_err());
    }

    #[test]
    fn the_description_never_shows_the_password() {
        let server = SmtpServer::from_url("smtps://user:secret@smtp.example.com").unwrap();
        let text = server.describe();
        assert_eq!(text, "SMTP server smtp.example.com:465 (TLS)");
        assert!(!text.contains("secret"));
    }
}
