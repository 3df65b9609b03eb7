//! Running the browser checks of `tests/browser/`: build a site, serve it
//! on 127.0.0.1, run one Node script against it with a time limit, read
//! the JSON it prints (read it with `support::report::Report`). A missing
//! Chromium is a failure, never a skip.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde_json::Value;

use super::report::Report;
use super::server::Server;

/// One Chromium at a time: the machine has two cores.
pub fn one_browser() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// A site built for, and served at, `http://127.0.0.1:<port>/`.
pub struct Served {
    pub site: PathBuf,
    pub server: Server,
    /// Holds the site's temporary folder until the test ends.
    pub _tmp: tempfile::TempDir,
}

/// Builds the site at `root` for a server on a free port, and serves it.
pub fn serve(root: &Path) -> Served {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let server = Server::start(&site);
    super::cli::build(root, &site, Some(&format!("{}/", server.origin())));
    Served {
        site,
        server,
        _tmp: tmp,
    }
}

/// `target/screenshots/`, where the screenshots go.
pub fn screenshots() -> PathBuf {
    super::repo().join("target/screenshots")
}

/// Runs `tests/browser/<script>` against `served`, returning its JSON.
pub fn run(script: &str, served: &Served, extra: &[String], minutes: u64) -> Value {
    super::node::require_chromium();
    let mut args = vec![
        served.server.origin(),
        served.site.display().to_string(),
        screenshots().display().to_string(),
    ];
    args.extend_from_slice(extra);
    let script = format!("tests/browser/{script}");
    super::node::run_node(&script, &args, Duration::from_secs(minutes * 60)).json()
}

/// The axe-core violations a script found on one page (its `axe` report:
/// light and dark colour schemes at 1280 px, and 320 px), each as
/// `axe (<where>): <rule> (<impact>, <n> nodes): <help>` and its first nodes.
pub fn axe_problems(page: &Value) -> Vec<String> {
    let axe = page.key("axe");
    let mut problems = Vec::new();
    for (scheme, label) in [
        ("light", "1280 px"),
        ("dark", "1280 px, dark"),
        ("narrow", "320 px"),
    ] {
        for v in axe.list(scheme) {
            problems.push(format!(
                "axe ({label}): {} ({}, {} nodes): {}\n        {}",
                v.text("id"),
                v.key("impact").as_str().unwrap_or("?"),
                v.number("count"),
                v.text("help"),
                v.strings("nodes").join("\n        ")
            ));
        }
    }
    problems
}
