//! A site folder served by the HTTP layer alone (in this process), with a
//! secret beside it and links leading out, and a raw client that sends
//! request targets as they are.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use calabash::serve::http::{Limits, Running, ServerConfig, start};
use calabash::serve::live::Live;

pub const SECRET: &str = "TOP-SECRET-7f3a9c-never-served";
pub const INDEX: &str = "<!doctype html><title>Home</title><p>Welcome home</p></body></html>";
pub const CSS: &str = "body { color: #222 }\n";
pub const JS: &str = "export const answer = 42;\n";
pub const BINARY: &[u8] = &[0x1f, 0x8b, 8, 0, 0, 0xff, 0x00, 0x42];

pub struct Fixture {
    pub temp: tempfile::TempDir,
    pub live: Arc<Live>,
    pub server: Running,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::with_threads(4)
    }

    pub fn with_threads(threads: usize) -> Fixture {
        Fixture::with_limits(threads, Limits::default())
    }

    pub fn with_limits(threads: usize, limits: Limits) -> Fixture {
        Fixture::bound([127, 0, 0, 1].into(), threads, limits)
    }

    /// Listening on `bind` (port 0: any free port).
    pub fn bound(bind: IpAddr, threads: usize, limits: Limits) -> Fixture {
        Fixture::serving(bind, threads, limits, Live::new())
    }

    /// As a preview is while its first build runs.
    pub fn building() -> Fixture {
        let limits = Limits::default();
        Fixture::serving([127, 0, 0, 1].into(), 4, limits, Live::building())
    }

    fn serving(bind: IpAddr, threads: usize, limits: Limits, live: Live) -> Fixture {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path().join("site");
        let files: [(&str, &[u8]); 8] = [
            ("index.html", INDEX.as_bytes()),
            (
                "sub/index.html",
                b"<html><body><h1>Sub page</h1></body></html>",
            ),
            ("style.css", CSS.as_bytes()),
            ("app.js", JS.as_bytes()),
            (
                "library/atom.xml",
                b"<feed xmlns='http://www.w3.org/2005/Atom'/>",
            ),
            (
                "events/calendar.ics",
                b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            ),
            (
                "404.html",
                b"<html><body><p>No such page here</p></body></html>",
            ),
            ("search/index/words", BINARY),
        ];
        for (rel, bytes) in files {
            std::fs::create_dir_all(site.join(rel).parent().unwrap()).unwrap();
            std::fs::write(site.join(rel), bytes).unwrap();
        }
        std::fs::write(temp.path().join("secret.txt"), SECRET).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(temp.path().join("secret.txt"), site.join("link-out")).unwrap();
            symlink(temp.path(), site.join("link-dir")).unwrap();
        }
        let live = Arc::new(live);
        let config = ServerConfig {
            bind,
            port: 0,
            site_dir: site,
            root: temp.path().join("root"),
            threads,
            limits,
        };
        let server = start(config, live.clone()).unwrap();
        Fixture { temp, live, server }
    }

    pub fn site(&self) -> PathBuf {
        self.temp.path().join("site")
    }

    pub fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    pub fn request(&self, method: &str, target: &str) -> Reply {
        let host = self.host();
        let raw =
            format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        exchange(self.address(), raw.as_bytes())
    }

    /// The Host the server answers: `127.0.0.1:<port>`.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.server.address.port())
    }

    /// Loopback on the server's port, wherever it listens.
    pub fn address(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.server.address.port()))
    }
}

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (field, value) = line.split_once(':')?;
            field.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends raw bytes, so nothing normalises the request target on the way.
pub fn exchange(address: SocketAddr, raw: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(raw).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    Reply {
        status,
        head,
        body: bytes[split + 4..].to_vec(),
    }
}

/// Reads until `needle` shows, the connection closes or `limit` passes.
pub fn read_until(stream: &mut TcpStream, needle: &str, limit: Duration) -> String {
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut chunk = [0u8; 4096];
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    while started.elapsed() < limit && !String::from_utf8_lossy(&seen).contains(needle) {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => seen.extend_from_slice(&chunk[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(_) => {}
        }
    }
    String::from_utf8_lossy(&seen).into_owned()
}
