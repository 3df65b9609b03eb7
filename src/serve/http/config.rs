//! What a preview server is started with, and the bounds it keeps every
//! client within: how long and how large a request head may be, how many
//! connections are held at once and how long a response may wait on a
//! client that does not read.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::serve::live::Live;

pub struct ServerConfig {
    pub bind: IpAddr,
    /// 0 picks any free port.
    pub port: u16,
    /// The built site.
    pub site_dir: PathBuf,
    /// The site's source root, where the search index is kept.
    pub root: PathBuf,
    /// How many requests are answered at once (event streams do not count).
    pub threads: usize,
    pub limits: Limits,
}

/// Bounds on what one client may make the server hold. Whatever a client
/// sends, a connection costs at most `head` bytes of request and a thread
/// for at most `head_time` before it is answered or closed.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest request line (method, target and version), in bytes;
    /// past it the answer is 414.
    pub request_line: usize,
    /// The largest request head (request line and header fields), in
    /// bytes; past it the answer is 431.
    pub head: usize,
    /// The most header fields a request may have; past it, 431.
    pub headers: usize,
    /// How long a connection may take to send a whole request head,
    /// counted from when the server starts waiting for it (idle time on a
    /// kept-alive connection included): a client trickling bytes is cut
    /// off then, not only one that stops. A started head gets 408.
    pub head_time: Duration,
    /// How long one write of a response may wait for the client to read.
    pub write_time: Duration,
    /// Connections held at once, event streams aside. When one more
    /// arrives, the one that has waited longest for a request is closed.
    pub connections: usize,
    /// How often an open page's event stream checks that its client is
    /// still there, freeing its slot soon after the page is closed.
    pub stream_check: Duration,
    /// How often an idle event stream is written to, so that proxies keep
    /// it open and a client that vanished without closing is noticed.
    pub heartbeat: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            request_line: 8 * 1024,
            head: 16 * 1024,
            headers: 64,
            head_time: Duration::from_secs(10),
            write_time: Duration::from_secs(30),
            connections: 256,
            stream_check: Duration::from_millis(500),
            heartbeat: Duration::from_secs(15),
        }
    }
}

/// What answering a request needs.
pub(super) struct Context {
    pub site_dir: PathBuf,
    pub root: PathBuf,
    pub live: Arc<Live>,
    /// Which server this is, so that stopping it ends only its streams.
    pub server_id: u64,
    pub bind: IpAddr,
    pub limits: Limits,
}
