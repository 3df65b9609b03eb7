//! The sample hub in a real browser: Debian's headless Chromium, driven from
//! Node by puppeteer-core with axe-core (both pinned in tests/package.json,
//! installed into tests/node_modules on first use). Each test builds a site
//! with the compiled binary, serves it on 127.0.0.1 with a tiny static
//! server (`support::server`) and runs one script of `tests/browser/`, then
//! asserts on the JSON it prints. A missing Chromium is a failure, never a
//! skip. The scripts bound every wait and kill their browser when done.
//! The injection, expert-directory and search checks are in
//! browser_injection.rs, browser_directory.rs and browser_search.rs.

use serde_json::Value;

use crate::support;
use crate::support::browser::{Served, axe_problems, one_browser, run, screenshots, serve};
use crate::support::report::Report;
use crate::support::server::Server;

/// The sample hub's pages checked in the browser, one of each kind.
const PAGES: &[&str] = &[
    "/",
    "/replies/",
    "/discussions/",
    "/practice/",
    "/library/",
    "/experts/",
    "/events/",
    "/replies/cr-2025-004-inclusive-education-small-islands/",
    "/discussions/teacher-wellbeing-and-retention/",
    "/practice/whatsapp-parents/",
    "/library/financing-education-small-states/",
    "/experts/marcia-campbell/",
    "/events/hub-members-conference-2026/",
    "/practice/countries/jm/",
    "/topics/",
    "/topics/quality/",
    "/about/",
    // A free page with a code block and a task list (labelled checkboxes).
    "/contribute/",
    // The search page (no query: the empty form; without JavaScript, the
    // note that search needs it). tests/browser_search.rs searches on it.
    "/search/",
    "/404.html",
];

/// The collections' list pages, which the site navigation links to: the
/// entries of `PAGES` after the home page.
const COLLECTION_LISTS: &[&str] = PAGES.split_at(7).0.split_at(1).1;

/// Everything the pages script found wrong with one page.
fn page_problems(page: &Value) -> Vec<String> {
    let mut p = Vec::new();
    let status = page.number("status");
    if status != 200 {
        p.push(format!("HTTP status {status}"));
    }
    for e in page.strings("consoleErrors") {
        p.push(format!("console error: {e}"));
    }
    for e in page.strings("failedRequests") {
        p.push(format!("failed request: {e}"));
    }
    p.extend(axe_problems(page));
    let width = page.number("scrollWidth");
    if width > 320 {
        p.push(format!(
            "scrolls sideways at 320 px (scrollWidth {width}): {}",
            page.strings("overflowing").join(", ")
        ));
    }
    let wide = page.key("noJsWide");
    let reachable = page.key("noJsNarrow").strings("reachableLinks");
    for list in COLLECTION_LISTS {
        if !reachable.iter().any(|l| l == list) {
            p.push(format!(
                "no JS, 320 px: the site navigation ({}) has no usable link to {list}",
                wide.strings("navs").join(", ")
            ));
        }
    }
    let hidden = wide.strings("hidden");
    if !hidden.is_empty() {
        p.push(format!(
            "no JS, 1280 px: hidden navigation links {hidden:?}"
        ));
    }
    let unreachable = page.key("noJsNarrow").strings("unreachable");
    if !unreachable.is_empty() {
        p.push(format!(
            "no JS, 320 px: navigation links neither visible nor in a <details> {unreachable:?}"
        ));
    }
    if page.key("noJsNarrow").number("mainText") < 20 {
        p.push("no JS: <main> shows (almost) no text".into());
    }
    p
}

/// (a) Every page kind: no console errors, no axe violations, no sideways
/// scrolling at 320 px, usable without JavaScript, no third-party request.
#[test]
fn every_page_kind_works_in_chromium() {
    let _one = one_browser();
    let served = serve(&support::repo());
    let paths: Vec<String> = PAGES.iter().map(|p| p.to_string()).collect();
    for path in &paths {
        let file = served.site.join(path.trim_start_matches('/'));
        let file = if path.ends_with('/') {
            file.join("index.html")
        } else {
            file
        };
        assert!(file.is_file(), "the sample hub has no page {path}");
    }
    let report = run("pages.mjs", &served, &paths, 6);

    let mut problems = Vec::new();
    let pages = report.list("pages");
    assert_eq!(pages.len(), paths.len(), "every page was checked");
    for page in pages {
        for p in page_problems(page) {
            problems.push(format!("{}: {p}", page.text("path")));
        }
    }
    let requests = report.strings("requests");
    let origin = served.server.origin();
    assert!(
        requests.iter().any(|r| r.ends_with(".css")),
        "requests were recorded (a stylesheet at least): {requests:?}"
    );
    for r in &requests {
        if !r.starts_with(&format!("{origin}/")) && !r.starts_with("data:") {
            problems.push(format!("request to another host: {r}"));
        }
    }
    if report.flag("noFavicon") {
        problems.push(
            "/favicon.ico: 404 (the pages name no icon, so every first visit costs a failed \
             request): add <link rel=\"icon\"> to the theme"
                .into(),
        );
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) in the browser:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// The checks above can fail: a deliberately bad page trips each of them.
#[test]
fn browser_checks_catch_a_bad_page() {
    let _one = one_browser();
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><html><head><title>bad</title>\
         <link rel=stylesheet href=\"http://fonts.example.invalid/x.css\">\
         <style>nav{display:none}</style></head><body>\
         <nav aria-label=Main><a href=/a/>a</a><a href=/b/>b</a><a href=/c/>c</a></nav>\
         <main><img src=/missing.png><p style=\"color:#ccc;background:#fff\">faint text here</p>\
         <div style=\"width:900px\">wide</div></main>\
         <script>console.error('boom')</script></body></html>",
    )
    .unwrap();
    let served = Served {
        server: Server::start(&site),
        site,
        _tmp: tmp,
    };
    let report = run("pages.mjs", &served, &["/".to_string()], 5);
    let pages = report.list("pages");
    assert_eq!(pages.len(), 1, "one page was checked");
    let problems = page_problems(&pages[0]).join("\n");
    for expected in [
        "console error: boom",
        "failed request",
        "axe (1280 px): image-alt",
        "axe (1280 px): html-has-lang",
        "axe (1280 px): color-contrast",
        "scrolls sideways at 320 px",
        "no JS, 1280 px: hidden navigation links",
    ] {
        assert!(
            problems.contains(expected),
            "missed `{expected}` in:\n{problems}"
        );
    }
    assert_eq!(
        report.strings("foreign"),
        ["http://fonts.example.invalid/x.css"]
    );
}

/// (b) Screenshots for people to look at, in target/screenshots/.
#[test]
fn screenshots_of_key_pages() {
    let _one = one_browser();
    let served = serve(&support::repo());
    let shots = [
        ("home", "/"),
        (
            "reply",
            "/replies/cr-2025-004-inclusive-education-small-islands/",
        ),
        ("expert", "/experts/marcia-campbell/"),
        ("experts", "/experts/"),
    ];
    let args: Vec<String> = shots.iter().map(|(n, p)| format!("{n}={p}")).collect();
    let report = run("screenshots.mjs", &served, &args, 4);
    assert!(
        report.strings("problems").is_empty(),
        "{:?}",
        report.strings("problems")
    );
    for (name, _) in shots {
        for width in [375u32, 1280] {
            let file = screenshots().join(format!("{name}-{width}.png"));
            let bytes = std::fs::read(&file)
                .unwrap_or_else(|e| panic!("no screenshot {}: {e}", file.display()));
            assert!(bytes.len() > 10_000, "{} is tiny", file.display());
            assert_eq!(
                &bytes[..8],
                b"\x89PNG\r\n\x1a\n",
                "{} is a PNG",
                file.display()
            );
            let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
            let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
            assert_eq!(w, width, "{} width", file.display());
            assert!(h >= 600, "{} is a full page, {h} px high", file.display());
        }
    }
}
