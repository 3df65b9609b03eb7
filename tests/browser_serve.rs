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

use std::time::Duration;

use serde_json::Value;
use support::browser::{one_browser, screenshots, strings};

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
