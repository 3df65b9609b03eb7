//! Content that tries to run script in the reader's browser never does:
//! the injection fixture (tests/fixtures/injection/, assembled with the
//! repository's site.toml and its real themes/hub) built, served and opened
//! in headless Chromium by tests/browser/injection.mjs.

mod support;

use support::browser::{one_browser, run, serve, strings};

/// Content that tries to run script never does, anywhere it is shown.
#[test]
fn injected_content_never_runs() {
    let _one = one_browser();
    let tmp = tempfile::tempdir().unwrap();
    let served = serve(&support::injection_site(tmp.path()));
    let paths: Vec<String> = [
        "/",
        "/replies/",
        "/replies/injected-reply/",
        "/experts/injected-expert/",
        "/practice/injected-case/",
        "/library/injected-resource/",
        "/discussions/injected-discussion/",
        "/events/injected-event/",
        "/injected-page/",
        "/topics/",
        "/topics/injected/",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    let report = run("injection.mjs", &served, &paths, 4);
    let mut problems = Vec::new();
    for page in report["pages"].as_array().expect("pages") {
        let path = page["path"].as_str().unwrap_or("?");
        let mut fail = |what: String| problems.push(format!("{path}: {what}"));
        if page["status"] != 200 {
            fail(format!("HTTP status {}", page["status"]));
        }
        if page["pwned"] != false {
            fail("window.__pwned was set: injected script ran".into());
        }
        for (key, what) in [
            ("scriptLinks", "script URL"),
            ("handlers", "event-handler attribute"),
            ("runnableScripts", "script element with injected code"),
            ("dialogs", "dialog"),
            ("consoleErrors", "console error"),
        ] {
            // The sanitized `<img src=x>` of the payload may 404; that is fine.
            for item in strings(&page[key])
                .into_iter()
                .filter(|e| !e.starts_with("Failed to load resource"))
            {
                fail(format!("{what}: {item}"));
            }
        }
        if page["iframes"] != 0 {
            fail(format!(
                "{} iframe/object/embed element(s)",
                page["iframes"]
            ));
        }
        let blocks = page["jsonLd"].as_array().cloned().unwrap_or_default();
        // Home, lists and entries have structured data (docs/templates.md).
        let optional = path.starts_with("/topics/") || path == "/injected-page/";
        if blocks.is_empty() && !optional {
            fail("no JSON-LD block".into());
        }
        for b in blocks.iter().filter(|b| b["ok"] != true) {
            fail(format!(
                "JSON-LD does not parse: {} in {}",
                b["error"], b["text"]
            ));
        }
    }
    for r in strings(&report["foreign"]) {
        problems.push(format!("request to another host: {r}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
