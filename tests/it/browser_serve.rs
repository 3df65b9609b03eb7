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

use std::time::Duration;

use serde_json::Value;

use crate::support;
use crate::support::browser::{one_browser, screenshots};
use crate::support::report::Report;

/// The entry the page shows, and its source file in the hub.
const PAGE: &str = "/library/early-grade-reading-assessment-guide/";
const ENTRY: &str = "content/library/early-grade-reading-assessment-guide.md";
/// The theme's stylesheet, served at /style.css.
const STYLESHEET: &str = "themes/hub/static/style.css";
/// How long a change may take to show on the open page.
const DEADLINE_MS: u64 = 10_000;

/// One step's report, its final page state, and the events it saw, for
/// failure messages.
fn describe(step: &Value) -> String {
    format!(
        "after {} ms, {} page load(s); events on the page's stream:\n    {}\npage state: {:#}",
        step.key("ms"),
        step.key("loads"),
        step.strings("events").join("\n    "),
        step.key("state")
    )
}

#[test]
fn serve_reloads_open_pages_shows_problems_and_swaps_stylesheets() {
    let _one = one_browser();
    support::node::require_chromium();
    let server = support::serve::Serve::sample_hub();
    let hub = &server.root;
    let entry = hub.join(ENTRY);
    assert!(entry.is_file(), "no {ENTRY} in the sample hub");
    let site = hub.join(".calabash/serve");
    assert!(
        site.join(PAGE.trim_start_matches('/'))
            .join("index.html")
            .is_file(),
        "calabash serve built no {PAGE} into {}",
        site.display()
    );

    let args = [
        server.origin(),
        site.display().to_string(),
        screenshots().display().to_string(),
        PAGE.to_string(),
        entry.display().to_string(),
        hub.join(STYLESHEET).display().to_string(),
    ];
    let r = support::node::run_node(
        "tests/browser/serve-reload.mjs",
        &args,
        Duration::from_secs(180),
    )
    .json();
    let log = server.log();
    eprintln!(
        "live reload: stream open after {} ms; edit shown after {} ms; overlay after {} ms, gone after {} ms; fix shown after {} ms; stylesheet applied after {} ms",
        r.key("connected").key("ms"),
        r.key("edit").key("ms"),
        r.key("broken").key("ms"),
        r.key("restored").key("ms"),
        r.key("fixed").key("ms"),
        r.key("css").key("ms")
    );

    // The page opens live.js's event stream.
    let first = r.key("first");
    assert_eq!(first.text("path"), PAGE, "the page opened: {first:#}");
    assert!(
        r.key("connected").flag("ok"),
        "live.js never had its event stream (/__calabash/events?page=...) open on {PAGE}: {:#}\nserver log:\n{log}",
        r.key("connected")
    );
    let title = first.text("h1").to_string();
    assert!(!title.is_empty(), "{PAGE} has a heading: {first:#}");

    // 1. Saving the entry reloads the open page, which shows the new text.
    let edit = r.key("edit");
    let word = edit.text("word");
    assert!(
        edit.flag("ok") && edit.number("ms") <= DEADLINE_MS,
        "the open page did not show {word:?} within {DEADLINE_MS} ms of the entry being saved \
         (the test never reloads it: live.js must): {}\nserver log:\n{log}",
        describe(edit)
    );
    assert!(
        edit.number("loads") >= 1
            && edit.key("state").key("navigation").as_str() == Some("reload")
            && edit.key("state").key("marker").is_null(),
        "the new text came with a reload of the page (location.reload()): {}",
        describe(edit)
    );
    assert!(
        edit.key("connectedAfter").flag("ok"),
        "the reloaded page opens its event stream again: {:#}",
        edit.key("connectedAfter")
    );

    // 2. A broken entry: the overlay, over the last good page.
    assert!(
        r.flag("brokeTheFile"),
        "the test could not break {ENTRY}'s front matter (no `title = \"`)"
    );
    let broken = r.key("broken");
    let overlay = broken.key("state").key("overlay");
    assert!(
        broken.flag("ok"),
        "no overlay (role=alert, \"The site could not be rebuilt\") within {DEADLINE_MS} ms \
         of breaking {ENTRY}'s front matter: {}\nserver log:\n{log}",
        describe(broken)
    );
    assert_eq!(
        overlay.key("heading").as_str(),
        Some("The site could not be rebuilt"),
        "{overlay:#}"
    );
    let named: Vec<String> = overlay
        .strings("items")
        .into_iter()
        .filter(|item| item.starts_with(ENTRY))
        .collect();
    assert!(
        !named.is_empty() && named.iter().all(|item| item.contains("line 2")),
        "the overlay names {ENTRY} and the broken line (2): {overlay:#}"
    );
    assert!(
        broken.key("state").key("words").flag(word)
            && broken.key("state").text("h1") == title
            && broken.number("loads") == 0
            && broken.key("state").key("marker").as_str() == Some("before-break"),
        "under the overlay, the page stays the last good one (with {word:?}, not reloaded): {}",
        describe(broken)
    );

    // ... and the last good text again takes the overlay away.
    let restored = r.key("restored");
    assert!(
        restored.flag("ok"),
        "the overlay stayed for {DEADLINE_MS} ms after {ENTRY} was put back: {}\nserver log:\n{log}",
        describe(restored)
    );
    assert!(
        restored.key("state").key("words").flag(word) && restored.key("state").text("h1") == title,
        "once the overlay goes, the page shows the restored entry: {}",
        describe(restored)
    );

    // 3. Broken again, then fixed with new text: the page shows it.
    let fixed = r.key("fixed");
    let fix_word = fixed.text("word");
    assert!(
        fixed.flag("overlayFirst"),
        "breaking {ENTRY} a second time shows the overlay again: {}",
        describe(fixed)
    );
    assert!(
        fixed.flag("ok") && fixed.number("loads") >= 1 && fixed.key("state").text("h1") == title,
        "fixing {ENTRY} with new text ({fix_word:?}) takes the overlay away and reloads the \
         page with the text, within {DEADLINE_MS} ms: {}\nserver log:\n{log}",
        describe(fixed)
    );

    // 4. A stylesheet change, applied in place.
    let css = r.key("css");
    assert!(
        css.flag("ok"),
        "the page did not apply {} from {STYLESHEET} within {DEADLINE_MS} ms (outline before: {}): {}\nserver log:\n{log}",
        css.key("rule"),
        css.key("before"),
        describe(css)
    );
    assert!(
        css.number("loads") == 0 && css.key("state").key("marker").as_str() == Some("before-css"),
        "the stylesheet was swapped without reloading the page: {}",
        describe(css)
    );
    let sheets = css.key("state").strings("stylesheets");
    let theirs: Vec<&String> = sheets
        .iter()
        .filter(|s| s.split('?').next() == Some("/style.css"))
        .collect();
    assert!(
        theirs.len() == 1 && theirs[0].starts_with("/style.css?"),
        "one /style.css link, the new one (with a version query), replaces the old: {sheets:?} (before: {:?})",
        css.strings("stylesheetsBefore")
    );

    // Nothing from elsewhere, no errors.
    let mut problems = Vec::new();
    for e in r.strings("consoleErrors") {
        problems.push(format!("console error: {e}"));
    }
    for e in r.strings("failed") {
        problems.push(format!("failed request: {e}"));
    }
    for e in r.strings("dialogs") {
        problems.push(format!("dialog: {e}"));
    }
    for e in r.strings("foreign") {
        problems.push(format!("request to another host: {e}"));
    }
    let origin = server.origin();
    for req in r.strings("requests") {
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
