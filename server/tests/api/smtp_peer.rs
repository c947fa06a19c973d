//! A real SMTP server on 127.0.0.1 for the engine's tests (`server::mail::loopback`), keeping
//! what it receives. It can refuse recipients with 550 or put them off with 450, check a login
//! (535 for a wrong one), be slow, and be stopped and started again on the same port.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use mailin::{response, Handler, Response};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// A message the server accepted.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: String,
}

#[derive(Clone, Default)]
struct Inbox {
    received: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<Vec<String>>,
    busy: Arc<Mutex<Vec<String>>>,
    /// The password the server takes, when it checks logins.
    password: Arc<Mutex<Option<String>>>,
    current_to: Vec<String>,
    current_data: Vec<u8>,
}

impl Handler for Inbox {
    fn auth_plain(&mut self, _authorization: &str, _user: &str, password: &str) -> Response {
        match self.password.lock().unwrap().as_deref() {
            Some(expected) if expected == password => response::AUTH_OK,
            _ => response::INVALID_CREDENTIALS,
        }
    }

    fn rcpt(&mut self, to: &str) -> Response {
        if self
            .busy
            .lock()
            .unwrap()
            .iter()
            .any(|busy| to.contains(busy.as_str()))
        {
            return Response::custom(450, "4.2.1 Mailbox busy, try again later".into());
        }
        if self
            .refuse
            .iter()
            .any(|refused| to.contains(refused.as_str()))
        {
            return response::NO_MAILBOX;
        }
        self.current_to.push(to.to_owned());
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current_data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let message = Received {
            to: std::mem::take(&mut self.current_to),
            data: String::from_utf8_lossy(&std::mem::take(&mut self.current_data)).into_owned(),
        };
        self.received.lock().unwrap().push(message);
        response::OK
    }
}

pub struct SmtpPeer {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<Vec<String>>,
    busy: Arc<Mutex<Vec<String>>>,
    password: Arc<Mutex<Option<String>>>,
    /// How long the server takes to accept each message (a slow server).
    delay: std::time::Duration,
    task: Option<JoinHandle<()>>,
}

impl SmtpPeer {
    /// Starts a server on a free port; recipients containing any of `refuse` get a 550.
    pub async fn start(refuse: &[&str]) -> Self {
        Self::start_slow(refuse, std::time::Duration::ZERO).await
    }

    /// The same, taking `delay` to accept each message.
    pub async fn start_slow(refuse: &[&str], delay: std::time::Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut peer = Self {
            addr: listener.local_addr().unwrap(),
            received: Arc::default(),
            refuse: Arc::new(refuse.iter().map(|s| (*s).to_owned()).collect()),
            busy: Arc::default(),
            password: Arc::default(),
            delay,
            task: None,
        };
        peer.serve(listener);
        peer
    }

    /// `smtp://127.0.0.1:port` for the mail transport.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// `smtp://user:password@127.0.0.1:port`: the transport logs in.
    pub fn url_with_login(&self, password: &str) -> String {
        format!("smtp://relance:{password}@{}", self.addr)
    }

    /// A server that asks for a login first and takes only `password` (others get a 535).
    pub async fn start_with_login(password: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut peer = Self {
            addr: listener.local_addr().unwrap(),
            received: Arc::default(),
            refuse: Arc::default(),
            busy: Arc::default(),
            password: Arc::new(Mutex::new(Some(password.to_owned()))),
            delay: std::time::Duration::ZERO,
            task: None,
        };
        peer.serve(listener);
        peer
    }

    /// From now on, recipients containing any of `busy` get a 450 (try again later).
    pub fn set_busy(&self, busy: &[&str]) {
        *self.busy.lock().unwrap() = busy.iter().map(|s| (*s).to_owned()).collect();
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// How many messages arrived (without copying them).
    pub fn count(&self) -> usize {
        self.received.lock().unwrap().len()
    }

    /// Forgets what arrived so far.
    pub fn clear(&self) {
        self.received.lock().unwrap().clear();
    }

    /// The Message-ID local part of each message, in order of arrival: Relance's is the
    /// reminder's delivery id.
    pub fn message_ids(&self) -> Vec<String> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .filter_map(|message| {
                message
                    .data
                    .lines()
                    .find_map(|line| line.strip_prefix("Message-ID: <"))
                    .and_then(|rest| rest.split('@').next())
                    .map(str::to_owned)
            })
            .collect()
    }

    /// Stops listening: connections are refused until `restart`.
    pub fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }

    pub async fn restart(&mut self) {
        let listener = TcpListener::bind(self.addr).await.unwrap();
        self.serve(listener);
    }

    fn serve(&mut self, listener: TcpListener) {
        let inbox = Inbox {
            received: self.received.clone(),
            refuse: self.refuse.clone(),
            busy: self.busy.clone(),
            password: self.password.clone(),
            ..Inbox::default()
        };
        let login = self.password.lock().unwrap().is_some();
        self.task = Some(if login {
            tokio::spawn(server::mail::loopback::serve_with_login(
                listener, inbox, self.delay,
            ))
        } else {
            tokio::spawn(server::mail::loopback::serve(listener, inbox, self.delay))
        });
    }
}

impl Drop for SmtpPeer {
    fn drop(&mut self) {
        self.stop();
    }
}
