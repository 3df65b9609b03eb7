//! The HTTP side of `calabash serve`: serves the built site folder for
//! previewing, with the live-reload script (and the problem overlay) added
//! to HTML pages as they are sent, and answers the live-reload event
//! streams and a search endpoint under `/__calabash/`.
//!
//! Connections are accepted and their request heads read here, within the
//! bounds of `Limits` (tiny_http's own loop has none), and only requests
//! addressed to the served address are answered (`host`); responses are
//! tiny_http's.

mod answer;
mod config;
mod connection;
mod head;
mod host;
mod reply;

use std::fmt;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

pub use config::{Limits, ServerConfig};

use crate::serve::live::Live;
use config::Context;
use connection::Shared;

/// A server answering requests until `stop` (or drop).
pub struct Running {
    pub address: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
    live: Arc<Live>,
    id: u64,
}

#[derive(Debug)]
pub enum StartError {
    PortInUse { port: u16, next_free: Option<u16> },
    Other(String),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::PortInUse { port, next_free } => {
                write!(
                    f,
                    "port {port} is already in use (is another calabash serve running?); "
                )?;
                match next_free {
                    Some(free) => {
                        write!(f, "port {free} is free: run `calabash serve --port {free}`")
                    }
                    None => write!(f, "choose another with `calabash serve --port <PORT>`"),
                }
            }
            StartError::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for StartError {}

static NEXT_SERVER_ID: AtomicU64 = AtomicU64::new(1);

/// Listens on `config.bind:config.port` and answers each connection on a
/// thread of its own, `config.threads` requests at a time.
pub fn start(config: ServerConfig, live: Arc<Live>) -> Result<Running, StartError> {
    let listener = listen(config.bind, config.port)?;
    let address = listener
        .local_addr()
        .map_err(|err| StartError::Other(format!("cannot listen: {err}")))?;
    let id = NEXT_SERVER_ID.fetch_add(1, Ordering::Relaxed);
    let context = Context {
        site_dir: config.site_dir,
        root: config.root,
        live: live.clone(),
        server_id: id,
        bind: config.bind,
        limits: config.limits,
    };
    let shared = Arc::new(Shared::new(context, config.threads));
    let accepting = shared.clone();
    let acceptor = std::thread::Builder::new()
        .name("calabash-accept".into())
        .spawn(move || connection::accept(listener, accepting))
        .map_err(|err| StartError::Other(format!("cannot start a server thread: {err}")))?;
    Ok(Running {
        address,
        shared,
        acceptor: Some(acceptor),
        live,
        id,
    })
}

fn listen(bind: IpAddr, port: u16) -> Result<TcpListener, StartError> {
    match TcpListener::bind((bind, port)) {
        Ok(listener) => {
            // Connections inherit it: tiny_http writes a response in pieces,
            // and Nagle's algorithm would hold the last one back until the
            // client's delayed acknowledgement, 40 ms per response.
            let _ = socket2::SockRef::from(&listener).set_tcp_nodelay(true);
            Ok(listener)
        }
        Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => {
            let next_free = (port.saturating_add(1)..=port.saturating_add(20))
                .filter(|&p| p != port)
                .find(|&p| TcpListener::bind((bind, p)).is_ok());
            Err(StartError::PortInUse { port, next_free })
        }
        Err(err) => Err(StartError::Other(format!(
            "cannot listen on {}: {err}",
            SocketAddr::new(bind, port)
        ))),
    }
}

impl Running {
    /// The address to open in a browser, e.g. `http://127.0.0.1:1111/`
    /// (the loopback address when listening on all interfaces).
    pub fn url(&self) -> String {
        format!("http://{}/", reachable(self.address))
    }

    /// Stops answering: closes the port and the connections waiting for a
    /// request, ends this server's event streams and waits (a few seconds
    /// at most) for the requests being answered.
    pub fn stop(self) {
        // Dropping does the work, so a forgotten `Running` stops too.
    }

    fn shutdown(&mut self) {
        let Some(acceptor) = self.acceptor.take() else {
            return;
        };
        self.shared.stopping.store(true, Ordering::SeqCst);
        // The accept loop sees the flag once a connection wakes it.
        let _ = TcpStream::connect_timeout(&reachable(self.address), Duration::from_secs(1));
        let _ = acceptor.join();
        self.live.close_streams(self.id);
        self.shared.close_all(Duration::from_secs(5));
    }
}

/// The address itself, or loopback for one listening on all interfaces.
fn reachable(mut address: SocketAddr) -> SocketAddr {
    if address.ip().is_unspecified() {
        address.set_ip(match address.ip() {
            IpAddr::V4(_) => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        });
    }
    address
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}
