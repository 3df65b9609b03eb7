//! `calabash serve` run as a user runs it, on a copy of the sample hub: the
//! compiled binary on a free port, stopped when dropped; and a plain HTTP
//! client to read what it serves.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{copy_tree, repo};

/// A running `calabash serve` and the hub it serves.
pub struct Serve {
    child: Child,
    /// `127.0.0.1:port`.
    pub address: String,
    pub root: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Serve {
    /// Copies the sample hub into a temporary folder and serves it.
    pub fn sample_hub() -> Serve {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("hub");
        for part in ["content", "themes"] {
            copy_tree(&repo().join(part), &root.join(part));
        }
        std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_calabash"))
            .args(["serve", "--port", "0", "--root"])
            .arg(&root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run calabash serve");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let address = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(rest) = line.strip_prefix("Serving at http://") {
                        break rest.split('/').next().unwrap().to_string();
                    }
                }
                _ => {
                    let _ = child.kill();
                    panic!("calabash serve stopped before serving");
                }
            }
        };
        // Keep reading, so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Serve {
            child,
            address,
            root,
            _tmp: tmp,
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// `GET path`: the status and the body.
    pub fn get(&self, path: &str) -> (u16, String) {
        get(&self.address, path)
    }

    /// Waits (up to 15 s) until `check` holds for `GET path`.
    pub fn wait_for(&self, path: &str, what: &str, check: impl Fn(u16, &str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let (status, body) = self.get(path);
            if check(status, &body) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{path} did not show {what} within 15 s (last answer {status}):\n{}",
                &body[..body.len().min(2000)]
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `GET path` from `address` over a fresh connection.
pub fn get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect to calabash serve");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

/// Appends `text` to a file.
pub fn append(path: &Path, text: &str) {
    let old = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, old + text).unwrap();
}
