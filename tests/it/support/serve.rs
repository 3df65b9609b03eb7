//! `calabash serve` run as a user runs it, on a copy of the sample hub: the
//! compiled binary on a free port, stopped when dropped; and a plain HTTP
//! client to read what it serves.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::files::copy_sample_hub;

/// A running `calabash serve` and the hub it serves; killed when dropped,
/// even on a panic.
pub struct Serve {
    child: Child,
    /// `127.0.0.1:port`.
    pub address: String,
    pub root: PathBuf,
    /// Everything it has written to stderr so far.
    stderr: Arc<Mutex<String>>,
    _tmp: tempfile::TempDir,
}

/// How long the first build may take (a debug build, a busy machine).
const STARTUP: Duration = Duration::from_secs(60);

impl Serve {
    /// Copies the sample hub into a temporary folder and serves it on a
    /// free port, once it says "Serving at".
    pub fn sample_hub() -> Serve {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("hub");
        copy_sample_hub(&root);
        Self::start(tmp, root, &[])
    }

    /// The sample hub served with the given environment variables set
    /// (the binary's test hooks, such as `CALABASH_SITEMAP_URLS`).
    pub fn sample_hub_with_env(env: &[(&str, &str)]) -> Serve {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("hub");
        copy_sample_hub(&root);
        Self::start(tmp, root, env)
    }

    /// The sample hub without its `themes/` folder: the built-in theme.
    pub fn sample_hub_with_built_in_theme() -> Serve {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("hub");
        copy_sample_hub(&root);
        std::fs::remove_dir_all(root.join("themes")).unwrap();
        Self::start(tmp, root, &[])
    }

    /// Serves the site at `root` (inside `tmp`) on a free port, once it
    /// says "Serving at".
    fn start(tmp: tempfile::TempDir, root: PathBuf, env: &[(&str, &str)]) -> Serve {
        let mut child = super::cli::command()
            .envs(env.iter().copied())
            .args(["serve", "--port", "0", "--root"])
            .arg(&root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run calabash serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let log = stderr.clone();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&chunk[..n]).into_owned();
                log.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push_str(&text);
            }
        });
        let (lines, stdout_lines) = channel();
        let stdout = child.stdout.take().unwrap();
        // Read to the end, so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        let mut serve = Serve {
            child,
            address: String::new(),
            root,
            stderr,
            _tmp: tmp,
        };
        let deadline = Instant::now() + STARTUP;
        while serve.address.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            match stdout_lines.recv_timeout(left) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("Serving at http://") {
                        serve.address = rest.split('/').next().unwrap_or("").to_string();
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "calabash serve did not say \"Serving at\" within {} s:\n{}",
                    STARTUP.as_secs(),
                    serve.log()
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    let status = serve.child.wait();
                    panic!(
                        "calabash serve ended ({status:?}) before serving:\n{}",
                        serve.log()
                    )
                }
            }
        }
        assert!(
            serve.address.starts_with("127.0.0.1:"),
            "calabash serve listens on loopback: {}",
            serve.address
        );
        serve
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `http://127.0.0.1:<port>`, without a final slash.
    pub fn origin(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// What the server wrote to stderr (the last 6,000 characters).
    pub fn log(&self) -> String {
        let log = self.stderr.lock().unwrap_or_else(|e| e.into_inner());
        let start = log.char_indices().rev().nth(6000).map_or(0, |(i, _)| i);
        log[start..].to_string()
    }

    /// `GET path`: the status and the body.
    pub fn get(&self, path: &str) -> (u16, String) {
        get(&self.address, path)
    }

    /// Waits (up to 15 s) until `check` holds for `GET path`.
    /// Waits until the search index, which the preview builds after the
    /// pages, is installed (its files written, then the index itself).
    pub fn wait_for_index(&self) {
        self.wait_for(
            "/__calabash/search?q=index",
            "the search index",
            |status, _| status != 503,
        );
    }

    pub fn wait_for(&self, path: &str, what: &str, check: impl Fn(u16, &str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let (status, body) = self.get(path);
            if check(status, &body) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{path} did not show {what} within 15 s (last answer {status}):\n{}\nserver log:\n{}",
                &body[..body.len().min(2000)],
                self.log()
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

/// `GET target` from `address` over a fresh connection, the target sent
/// as it is: the status and the body.
pub fn get(address: &str, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect to calabash serve");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let raw = format!("GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    // A server that refuses early may close before the whole request is sent.
    let _ = stream.write_all(raw.as_bytes());
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
