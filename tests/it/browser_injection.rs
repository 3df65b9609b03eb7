//! Content that tries to run script in the reader's browser never does:
//! the injection fixture (tests/fixtures/injection/, assembled with the
//! repository's site.toml and its real themes/hub) built, served and opened
//! in headless Chromium by tests/browser/injection.mjs.

use crate::support;
use crate::support::browser::{one_browser, run, serve};
use crate::support::report::Report;

/// Content that tries to run script never does, anywhere it is shown.
#[test]
fn injected_content_never_runs() {
    let _one = one_browser();
    let tmp = tempfile::tempdir().unwrap();
    let served = serve(&support::injection::injection_site(tmp.path()));
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
    let pages = report.list("pages");
    assert_eq!(pages.len(), paths.len(), "every page was checked");
    for page in pages {
        let path = page.text("path");
        let mut fail = |what: String| problems.push(format!("{path}: {what}"));
        let status = page.number("status");
        if status != 200 {
            fail(format!("HTTP status {status}"));
        }
        if page.flag("pwned") {
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
            for item in page
                .strings(key)
                .into_iter()
                .filter(|e| !e.starts_with("Failed to load resource"))
            {
                fail(format!("{what}: {item}"));
            }
        }
        let iframes = page.number("iframes");
        if iframes != 0 {
            fail(format!("{iframes} iframe/object/embed element(s)"));
        }
        let blocks = page.list("jsonLd");
        // Home, lists and entries have structured data (docs/templates.md).
        let optional = path.starts_with("/topics/") || path == "/injected-page/";
        if blocks.is_empty() && !optional {
            fail("no JSON-LD block".into());
        }
        for b in blocks.iter().filter(|b| !b.flag("ok")) {
            fail(format!(
                "JSON-LD does not parse: {} in {}",
                b.key("error"),
                b.key("text")
            ));
        }
    }
    for r in report.strings("foreign") {
        problems.push(format!("request to another host: {r}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
