//! `calabash serve`'s live reload (src/serve/live.js) in headless Chromium,
//! driven by tests/browser/serve-reload.mjs: the compiled binary serves a
//! throwaway copy of the sample hub on a free port, and the script edits
//! that copy while an entry's page is open. Saving the entry makes the
//! open page reload by itself and show the new text within 10 s; breaking
//! its front matter shows the problem overlay (role=alert, naming the file)
//! over the last good page, and putting the text back takes the overlay
//! away; fixing a broken entry with new text shows the text; a stylesheet
//! change is applied in place, without reloading. No console error, no
//! request to another host.

mod support;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::browser::{one_browser, screenshots, strings};

/// The entry the page shows, and its source file in the hub.
const PAGE: &str = "/library/early-grade-reading-assessment-guide/";
const ENTRY: &str = "content/library/early-grade-reading-assessment-guide.md";
/// The theme's stylesheet, served at /style.css.
const STYLESHEET: &str = "themes/hub/static/style.css";
/// How long a change may take to show on the open page.
const DEADLINE_MS: u64 = 10_000;
/// How long the first build may take before the server says where it is.
const STARTUP: Duration = Duration::from_secs(60);

/// A running `calabash serve`; killed when dropped, even on a panic.
struct Serving {
    child: Child,
    /// The address it printed, e.g. `http://127.0.0.1:40123/`.
    url: String,
    /// Everything it has written to stderr so far.
    stderr: Arc<Mutex<String>>,
}

impl Serving {
    /// Starts `calabash serve --root <root> --port 0` and waits for its
    /// "Serving at <url>" line.
    fn start(root: &Path) -> Serving {
        let mut child = Command::new(env!("CARGO_BIN_EXE_calabash"))
            .args(["serve", "--root"])
            .arg(root)
            .args(["--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run calabash serve");
        let stdout = child.stdout.take().unwrap();
        let mut stderr_pipe = child.stderr.take().unwrap();
        let mut serving = Serving {
            child,
            url: String::new(),
            stderr: Arc::new(Mutex::new(String::new())),
        };
        let stderr = serving.stderr.clone();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = stderr_pipe.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&chunk[..n]);
                stderr
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push_str(&text);
            }
        });
        let (lines, stdout_lines) = channel();
        std::thread::spawn(move || {
            // Read to the end, so the server never blocks on a full pipe.
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = lines.send(line);
            }
        });
        let deadline = Instant::now() + STARTUP;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match stdout_lines.recv_timeout(left) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("Serving at ") {
                        serving.url = rest.split_whitespace().next().unwrap_or("").to_string();
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "calabash serve did not say \"Serving at\" within {} s:\n{}",
                    STARTUP.as_secs(),
                    serving.log()
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    let status = serving.child.wait();
                    panic!(
                        "calabash serve ended ({status:?}) before serving:\n{}",
                        serving.log()
                    )
                }
            }
        }
        assert!(
            serving.url.starts_with("http://127.0.0.1:") && serving.url.ends_with('/'),
            "calabash serve --port 0 serves on loopback: {:?}",
            serving.url
        );
        serving
    }

    /// `http://127.0.0.1:<port>`, without the final slash.
    fn origin(&self) -> &str {
        self.url.trim_end_matches('/')
    }

    /// What the server wrote to stderr (the last 6000 characters).
    fn log(&self) -> String {
        let log = self.stderr.lock().unwrap_or_else(|e| e.into_inner());
        let start = log.char_indices().rev().nth(6000).map_or(0, |(i, _)| i);
        log[start..].to_string()
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A copy of the sample hub (site.toml, content/, themes/) in `tmp`.
fn sample_hub(tmp: &Path) -> PathBuf {
    let repo = support::repo();
    let hub = tmp.join("hub");
    for part in ["content", "themes"] {
        support::copy_tree(&repo.join(part), &hub.join(part));
    }
    std::fs::copy(repo.join("site.toml"), hub.join("site.toml")).unwrap();
    hub
}

/// One step's report, its final page state, and the events it saw, for
/// failure messages.
fn describe(step: &Value) -> String {
    format!(
        "after {} ms, {} page load(s); events on the page's stream:\n    {}\npage state: {:#}",
        step["ms"],
        step["loads"],
        strings(&step["events"]).join("\n    "),
        step["state"]
    )
}

#[test]
fn serve_reloads_open_pages_shows_problems_and_swaps_stylesheets() {
    let _one = one_browser();
    support::require_chromium();
    let tmp = tempfile::tempdir().unwrap();
    let hub = sample_hub(tmp.path());
    let entry = hub.join(ENTRY);
    assert!(entry.is_file(), "no {ENTRY} in the sample hub");
    let server = Serving::start(&hub);
    let site = hub.join(".calabash/serve");
    assert!(
        site.join(PAGE.trim_start_matches('/'))
            .join("index.html")
            .is_file(),
        "calabash serve built no {PAGE} into {}",
        site.display()
    );

    let args = [
        server.origin().to_string(),
        site.display().to_string(),
        screenshots().display().to_string(),
        PAGE.to_string(),
        entry.display().to_string(),
        hub.join(STYLESHEET).display().to_string(),
    ];
    let r = support::run_node(
        "tests/browser/serve-reload.mjs",
        &args,
        Duration::from_secs(180),
    )
    .json();
    let log = server.log();
    eprintln!(
        "live reload: stream open after {} ms; edit shown after {} ms; overlay after {} ms, gone after {} ms; fix shown after {} ms; stylesheet applied after {} ms",
        r["connected"]["ms"],
        r["edit"]["ms"],
        r["broken"]["ms"],
        r["restored"]["ms"],
        r["fixed"]["ms"],
        r["css"]["ms"]
    );

    // The page opens live.js's event stream.
    let first = &r["first"];
    assert_eq!(first["path"], PAGE, "the page opened: {first:#}");
    assert_eq!(
        r["connected"]["ok"], true,
        "live.js never had its event stream (/__calabash/events?page=...) open on {PAGE}: {:#}\nserver log:\n{log}",
        r["connected"]
    );
    let title = first["h1"].as_str().unwrap_or_default().to_string();
    assert!(!title.is_empty(), "{PAGE} has a heading: {first:#}");

    // 1. Saving the entry reloads the open page, which shows the new text.
    let edit = &r["edit"];
    let word = edit["word"].as_str().unwrap_or("the new word");
    assert!(
        edit["ok"] == true && edit["ms"].as_u64().is_some_and(|ms| ms <= DEADLINE_MS),
        "the open page did not show {word:?} within {DEADLINE_MS} ms of the entry being saved \
         (the test never reloads it: live.js must): {}\nserver log:\n{log}",
        describe(edit)
    );
    assert!(
        edit["loads"].as_u64().is_some_and(|n| n >= 1)
            && edit["state"]["navigation"] == "reload"
            && edit["state"]["marker"].is_null(),
        "the new text came with a reload of the page (location.reload()): {}",
        describe(edit)
    );
    assert_eq!(
        edit["connectedAfter"]["ok"], true,
        "the reloaded page opens its event stream again: {:#}",
        edit["connectedAfter"]
    );

    // 2. A broken entry: the overlay, over the last good page.
    assert_eq!(
        r["brokeTheFile"], true,
        "the test could not break {ENTRY}'s front matter (no `title = \"`)"
    );
    let broken = &r["broken"];
    let overlay = &broken["state"]["overlay"];
    assert!(
        broken["ok"] == true,
        "no overlay (role=alert, \"The site could not be rebuilt\") within {DEADLINE_MS} ms \
         of breaking {ENTRY}'s front matter: {}\nserver log:\n{log}",
        describe(broken)
    );
    assert_eq!(
        overlay["heading"], "The site could not be rebuilt",
        "{overlay:#}"
    );
    let named: Vec<String> = strings(&overlay["items"])
        .into_iter()
        .filter(|item| item.starts_with(ENTRY))
        .collect();
    assert!(
        !named.is_empty() && named.iter().all(|item| item.contains("line 2")),
        "the overlay names {ENTRY} and the broken line (2): {overlay:#}"
    );
    assert!(
        broken["state"]["words"][word] == true
            && broken["state"]["h1"] == title.as_str()
            && broken["loads"] == 0
            && broken["state"]["marker"] == "before-break",
        "under the overlay, the page stays the last good one (with {word:?}, not reloaded): {}",
        describe(broken)
    );

    // ... and the last good text again takes the overlay away.
    let restored = &r["restored"];
    assert!(
        restored["ok"] == true,
        "the overlay stayed for {DEADLINE_MS} ms after {ENTRY} was put back: {}\nserver log:\n{log}",
        describe(restored)
    );
    assert!(
        restored["state"]["words"][word] == true && restored["state"]["h1"] == title.as_str(),
        "once the overlay goes, the page shows the restored entry: {}",
        describe(restored)
    );

    // 3. Broken again, then fixed with new text: the page shows it.
    let fixed = &r["fixed"];
    let fix_word = fixed["word"].as_str().unwrap_or("the fix's word");
    assert_eq!(
        fixed["overlayFirst"],
        true,
        "breaking {ENTRY} a second time shows the overlay again: {}",
        describe(fixed)
    );
    assert!(
        fixed["ok"] == true
            && fixed["loads"].as_u64().is_some_and(|n| n >= 1)
            && fixed["state"]["h1"] == title.as_str(),
        "fixing {ENTRY} with new text ({fix_word:?}) takes the overlay away and reloads the \
         page with the text, within {DEADLINE_MS} ms: {}\nserver log:\n{log}",
        describe(fixed)
    );

    // 4. A stylesheet change, applied in place.
    let css = &r["css"];
    assert!(
        css["ok"] == true,
        "the page did not apply {} from {STYLESHEET} within {DEADLINE_MS} ms (outline before: {}): {}\nserver log:\n{log}",
        css["rule"],
        css["before"],
        describe(css)
    );
    assert!(
        css["loads"] == 0 && css["state"]["marker"] == "before-css",
        "the stylesheet was swapped without reloading the page: {}",
        describe(css)
    );
    let sheets = strings(&css["state"]["stylesheets"]);
    let theirs: Vec<&String> = sheets
        .iter()
        .filter(|s| s.split('?').next() == Some("/style.css"))
        .collect();
    assert!(
        theirs.len() == 1 && theirs[0].starts_with("/style.css?"),
        "one /style.css link, the new one (with a version query), replaces the old: {sheets:?} (before: {:?})",
        strings(&css["stylesheetsBefore"])
    );

    // Nothing from elsewhere, no errors.
    let mut problems = Vec::new();
    for e in strings(&r["consoleErrors"]) {
        problems.push(format!("console error: {e}"));
    }
    for e in strings(&r["failed"]) {
        problems.push(format!("failed request: {e}"));
    }
    for e in strings(&r["dialogs"]) {
        problems.push(format!("dialog: {e}"));
    }
    for e in strings(&r["foreign"]) {
        problems.push(format!("request to another host: {e}"));
    }
    let origin = server.origin();
    for req in strings(&r["requests"]) {
        if !req.starts_with(&format!("{origin}/")) && !req.starts_with("data:") {
            problems.push(format!("request to another host: {req}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) with calabash serve's pages:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}
