//! A small SMTP server for the engine's tests and `bench_engine`: mailin speaks the protocol,
//! this moves lines between each TCP connection and a mailin session. Not used by `serve`.

use std::net::IpAddr;
use std::time::Duration;

use mailin::{AuthMechanism, Handler, SessionBuilder};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// Accepts connections until the task is dropped, each with a clone of `handler`; `delay` is
/// how long the server takes to accept each message (a slow server).
pub async fn serve<H>(listener: TcpListener, handler: H, delay: Duration)
where
    H: Handler + Clone + Send + 'static,
{
    accept(listener, handler, delay, false).await;
}

/// The same, asking every client to log in (AUTH PLAIN, over plain text: a test peer) before it
/// sends: the handler's `auth_plain` says whether the login is right.
pub async fn serve_with_login<H>(listener: TcpListener, handler: H, delay: Duration)
where
    H: Handler + Clone + Send + 'static,
{
    accept(listener, handler, delay, true).await;
}

async fn accept<H>(listener: TcpListener, handler: H, delay: Duration, login: bool)
where
    H: Handler + Clone + Send + 'static,
{
    while let Ok((socket, remote)) = listener.accept().await {
        // As real SMTP servers do: replies are not held back by Nagle's algorithm.
        let _ = socket.set_nodelay(true);
        let handler = handler.clone();
        tokio::spawn(async move {
            let _ = session(socket, remote.ip(), handler, delay, login).await;
        });
    }
}

async fn session<H: Handler>(
    socket: TcpStream,
    remote: IpAddr,
    handler: H,
    delay: Duration,
    login: bool,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    let mut builder = SessionBuilder::new("relance-loopback");
    if login {
        builder
            .enable_auth(AuthMechanism::Plain)
            .insecure_enable_plaintext_auth();
    }
    let mut session = builder.build(remote, handler);
    write.write_all(&session.greeting().buffer()?).await?;
    let mut line = Vec::new();
    loop {
        line.clear();
        if lines.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let reply = session.process(&line);
        if line == b".\r\n" && !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        match reply.action {
            mailin::Action::NoReply => {}
            mailin::Action::Close => {
                write.write_all(&reply.buffer()?).await?;
                return Ok(());
            }
            _ => write.write_all(&reply.buffer()?).await?,
        }
    }
}
