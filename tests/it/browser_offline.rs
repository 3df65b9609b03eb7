//! Offline reading in headless Chromium (tests/browser/offline.mjs) on the
//! sample hub: a reader visits three pages, goes offline, and the three
//! still open and the saved page lists them; an unvisited page shows the
//! offline page (in Spanish under /es/) with links to what is saved;
//! search answers offline from the index files fetched and says plainly
//! when it cannot; after a rebuild with a changed page the next online
//! visit shows the change; a whole collection saved (its size asked about
//! before any download) opens offline, page by page. axe-core finds
//! nothing on the saved page, the offline page and a collection page with
//! its save button; no request leaves the site.

use serde_json::Value;

use crate::support;
use crate::support::browser::{one_browser, run, serve};
use crate::support::report::Report;
use crate::support::site::TestSite;

const CHANGED: &str = "/replies/cr-2025-001-reading-catch-up/";
const CHANGED_FILE: &str = "content/replies/cr-2025-001-reading-catch-up.md";
const OLD_TITLE: &str = "Catch-up reading for lower secondary students";
const NEW_TITLE: &str = "Catch-up reading in lower secondary, revised";
const VISITS: [&str; 3] = ["/practice/whatsapp-parents/", "/replies/", CHANGED];

fn axe(r: &Value, page: &str) -> Vec<String> {
    r.key("axe")
        .list(page)
        .iter()
        .map(|v| format!("{page}: {} ({})", v.text("id"), v.text("help")))
        .collect()
}

#[test]
fn visited_pages_read_offline_and_a_rebuild_shows_at_once() {
    let _one = one_browser();
    let served = serve(&support::repo());
    // The same hub with one page changed, built for the same address: the
    // next deployment.
    let next_hub = TestSite::sample_hub();
    let text = next_hub.read_source(CHANGED_FILE);
    next_hub.write(CHANGED_FILE, &text.replacen(OLD_TITLE, NEW_TITLE, 1));
    let next = served._tmp.path().join("next");
    let address = format!("{}/", served.server.origin());
    support::cli::build(&next_hub.root, &next, Some(&address));

    let mut args = vec![next.display().to_string(), CHANGED.to_string()];
    args.extend(VISITS.iter().map(|v| v.to_string()));
    let r = run("offline.mjs", &served, &args, 8);

    assert!(
        r.key("log").list("foreign").is_empty(),
        "requests to other hosts: {:#}",
        r.key("log")
    );
    assert!(
        r.key("log").list("consoleErrors").is_empty(),
        "console errors: {:#}",
        r.key("log")
    );
    assert_eq!(
        r.key("worker").text("scope"),
        address,
        "the worker covers the site"
    );

    for path in VISITS {
        let online = r.key("online").key(path);
        let offline = r.key("offline").key(path);
        assert_eq!(
            offline.text("h1"),
            online.text("h1"),
            "{path} opens offline as it was read: {offline:#}"
        );
        assert!(
            offline.key("notice").is_null(),
            "{path} is not the offline page"
        );
    }
    let saved: Vec<&str> = r
        .key("offline")
        .key("saved")
        .list("saved")
        .iter()
        .map(|s| s.text("path"))
        .collect();
    for path in VISITS {
        assert!(
            saved.contains(&path),
            "the saved page lists {path}: {saved:?}"
        );
    }
    let titled = r
        .key("offline")
        .key("saved")
        .list("saved")
        .iter()
        .any(|s| s.text("title") == OLD_TITLE);
    assert!(
        titled,
        "saved pages are listed by title: {:#}",
        r.key("offline").key("saved")
    );

    let unvisited = r.key("offline").key("unvisited");
    assert_eq!(
        unvisited.text("path"),
        "/never-visited/page/",
        "the address stays"
    );
    assert_eq!(
        unvisited.text("h1"),
        "You are offline, and this page is not saved"
    );
    assert!(
        unvisited.text("notice").contains("no saved copy"),
        "{unvisited:#}"
    );
    let links: Vec<&str> = unvisited
        .list("saved")
        .iter()
        .map(|s| s.text("path"))
        .collect();
    assert!(
        VISITS.iter().all(|v| links.contains(v)),
        "the offline page links to what is saved: {links:?}"
    );
    let spanish = r.key("offline").key("unvisited_es");
    assert_eq!(
        spanish.text("lang"),
        "es",
        "an address under /es/ gets the Spanish page: {spanish:#}"
    );
    assert_eq!(
        spanish.text("h1"),
        "No tiene conexión, y esta página no está guardada"
    );

    let known = r.key("offline").key("search_known");
    assert!(
        known
            .strings("hits")
            .iter()
            .any(|h| h == "/practice/whatsapp-parents/"),
        "a search made online is answered offline from the files fetched: {known:#}"
    );
    let unknown = r.key("offline").key("search_unknown");
    assert_eq!(
        unknown.text("status"),
        unknown.text("expected"),
        "a search needing files not saved says so"
    );
    assert!(
        unknown
            .text("status")
            .contains("cannot be answered offline")
    );
    assert_eq!(unknown.text("live"), "polite");

    assert_eq!(
        r.key("rebuilt").key("changed").text("h1"),
        NEW_TITLE,
        "the next online visit shows the rebuild"
    );
    assert_eq!(
        r.key("rebuilt").key("changed_offline").text("h1"),
        NEW_TITLE,
        "and keeps it"
    );

    let collection = r.key("collection");
    let list = collection.key("list");
    let urls = list.strings("urls");
    assert!(
        collection
            .text("button")
            .contains(&format!("all {} entries", list.number("entries"))),
        "{collection:#}"
    );
    let size = format!("{:.1}", list.number("bytes") as f64 / 1e6);
    assert!(
        collection
            .text("question")
            .contains(&urls.len().to_string())
            && collection.text("question").contains(&size),
        "the question tells how many pages and their size ({size} MB) before any download: {collection:#}"
    );
    assert!(collection.text("yes").contains(&size), "{collection:#}");
    let early: Vec<String> = collection
        .strings("before_yes")
        .into_iter()
        .filter(|p| urls.contains(p))
        .collect();
    assert!(
        early.is_empty(),
        "nothing of the collection downloads before the reader agrees: {early:?}"
    );
    assert!(
        collection.text("status").starts_with("Done"),
        "{collection:#}"
    );
    assert!(
        urls.len() > 5 && urls.iter().any(|u| u == "/replies/"),
        "{urls:?}"
    );
    for url in &urls {
        let page = collection.key("offline").key(url);
        assert!(
            page.key("notice").is_null() && page.text("path") == url,
            "{url} opens offline once saved: {page:#}"
        );
        assert_ne!(
            page.text("h1"),
            "You are offline, and this page is not saved",
            "{url}"
        );
    }
    let saved = collection.strings("saved");
    assert!(
        urls.iter().all(|u| saved.contains(u)),
        "the saved page lists the collection: {saved:?}"
    );
    assert_eq!(
        collection.strings("after_remove").len(),
        saved.len() - 1,
        "removing one takes it off"
    );

    // 230 files fetched after the pages: the worker keeps the newest 200
    // (`FILES_KEPT` of worker.js), never all.
    let files = r.key("files");
    assert!(
        (190..=200).contains(&files.number("kept"))
            && files.flag("newest")
            && !files.flag("oldest"),
        "{files:#}"
    );

    let problems: Vec<String> = ["saved", "offline", "collection"]
        .iter()
        .flat_map(|p| axe(&r, p))
        .collect();
    assert!(problems.is_empty(), "axe-core:\n{}", problems.join("\n"));
}
