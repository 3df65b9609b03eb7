//! Offline reading (`[offline]`, on by default) as a build writes it: the
//! manifest, the service worker and each collection's list of pages to
//! save; turned off, pages are byte for byte those of a Calabash without
//! it, and turned on they differ by its additions only; its settings'
//! mistakes located; the worker unchanged by a rebuild of an unchanged
//! site and changed with the stylesheet; every address under a base
//! path; a file of the site where offline reading writes one refused; the
//! preview's worker removing itself.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::fixtures;
use crate::support::site::TestSite;

/// The one-language hub (built-in theme) with `extra` appended to its site.toml.
fn hub(extra: &str) -> TestSite {
    let site = TestSite::fixture("one-language");
    let config = site.read_source("site.toml");
    site.write("site.toml", &format!("{config}\n{extra}\n"));
    site
}

fn json(site: &TestSite, rel: &str) -> Value {
    serde_json::from_str(&site.page(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The addresses a collection's list (`offline/<collection>.json`) names.
fn addresses(list: &Value) -> Vec<&str> {
    (list["urls"].as_array().expect("a list of addresses").iter())
        .map(|u| u.as_str().expect("an address"))
        .collect()
}

/// A page of the site with offline reading on, less what offline reading
/// adds: the manifest link and the worker's registration, the footer's
/// link to the saved pages, a list's save button and its script, the
/// search page's offline message and script.
fn without_offline_additions(page: &str) -> String {
    let mut kept = Vec::new();
    let mut in_save_box = false;
    for line in page.split_inclusive('\n') {
        if line.contains("<div class=\"save-offline\"") {
            in_save_box = true;
        }
        let added = line.contains("rel=\"manifest\"")
            || line.contains("data-worker=")
            || line.contains("offline/offline.js")
            || (line.contains("<li><a href=\"/saved/\""));
        if !added && !in_save_box {
            kept.push(line.to_string());
        }
        if in_save_box && line.trim() == "</div>" && !line.starts_with("    ") {
            in_save_box = false;
        }
    }
    let text = kept.concat();
    match text.find(" data-offline=\"") {
        Some(at) => {
            let end = text[at + 15..].find('"').unwrap() + at + 16;
            format!("{}{}", &text[..at], &text[end..])
        }
        None => text,
    }
}

#[test]
fn on_pages_differ_from_those_before_it_by_its_additions_only() {
    let site = hub("");
    let built = site.build_snapshot();
    let recorded = fixtures().join("one-language-pages");
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&recorded)
        .into_iter()
        .map(Result::unwrap)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&recorded)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let page = String::from_utf8(built[&rel].clone()).unwrap();
        let expected = std::fs::read_to_string(entry.path()).unwrap();
        if crate::support::html::is_redirect(&page) {
            assert_eq!(page, expected, "a redirect has nothing of offline reading");
            compared += 1;
            continue;
        }
        assert!(
            page.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"),
            "{rel}"
        );
        assert!(
            page.contains("data-worker=\"/sw.js\""),
            "{rel} registers the worker"
        );
        assert!(
            page.contains("<li><a href=\"/saved/\">Saved for offline reading</a></li>"),
            "{rel}"
        );
        let stripped = without_offline_additions(&page);
        assert!(
            stripped == expected,
            "{rel} differs beyond offline reading:\n{stripped}"
        );
        compared += 1;
    }
    assert_eq!(compared, 31);
    let off = hub("[offline]\nenabled = false");
    let off_files = off.build_snapshot();
    let added: Vec<&String> = built
        .keys()
        .filter(|f| !off_files.contains_key(*f))
        .collect();
    assert!(
        added.iter().all(|f| *f == "sw.js"
            || *f == "manifest.webmanifest"
            || f.starts_with("offline/")
            || f.starts_with("saved/")),
        "offline reading adds its own files only: {added:?}"
    );
    for file in [
        "sw.js",
        "manifest.webmanifest",
        "saved/index.html",
        "offline/offline.js",
        "offline/icon.svg",
        "offline/notes.json",
    ] {
        assert!(
            added.contains(&&file.to_string()),
            "{file} is written: {added:?}"
        );
    }
    assert!(
        off_files.keys().all(|f| built.contains_key(f)),
        "turned off, nothing else is written"
    );
    for (file, bytes) in &off_files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("manifest.webmanifest")
                && !text.contains("sw.js")
                && !text.contains("/saved/"),
            "{file} keeps a trace of offline reading, turned off"
        );
    }
}

#[test]
fn settings_mistakes_are_located() {
    let base = std::fs::read_to_string(fixtures().join("valid-basic/site.toml")).unwrap();
    for (table, message, hint) in [
        ("enabeld = false", "unknown field `enabeld`", "enabled"),
        ("enabled = \"no\"", "invalid type", ""),
        ("short_name = 3", "invalid type", ""),
    ] {
        let text = format!("{base}\n[offline]\n{table}\n");
        let problems = calabash::config::parse(&text, None).expect_err(table);
        assert_eq!(problems.len(), 1, "{table}: {problems:?}");
        let d = &problems[0];
        assert_eq!(d.path, "site.toml");
        assert_eq!(
            text.lines().nth(d.line - 1),
            Some(table),
            "{table} is reported at its line"
        );
        assert!(d.message.contains(message), "{table}: {}", d.message);
        assert!(
            d.hint.as_deref().unwrap_or_default().contains(hint),
            "{table}: {:?}",
            d.hint
        );
    }
    let config =
        calabash::config::parse(&format!("{base}\n[offline]\nshort_name = \"Hub\"\n"), None)
            .unwrap();
    assert_eq!(
        config.offline.and_then(|o| o.short_name).as_deref(),
        Some("Hub")
    );
    assert!(
        calabash::config::parse(&base, None)
            .unwrap()
            .offline
            .is_some(),
        "on by default"
    );
}

/// The version the worker names its shell cache with.
fn version(sw: &[u8]) -> String {
    let text = String::from_utf8_lossy(sw);
    let at = text.find("\"version\":\"").expect("a version") + 11;
    text[at..at + 16].to_string()
}

#[test]
fn the_worker_changes_with_its_shell_only() {
    let site = hub("");
    let first: BTreeMap<String, Vec<u8>> = site.build_snapshot();
    let again = site.build_snapshot();
    assert_eq!(
        first["sw.js"], again["sw.js"],
        "an unchanged site keeps its worker"
    );
    // A changed entry is no part of the shell: the worker stays.
    let note = site.read_source("content/notes/first-note.md");
    site.write(
        "content/notes/first-note.md",
        &note.replacen("+++\n\n", "+++\n\nA new line.\n\n", 1),
    );
    let edited = site.build_snapshot();
    assert_ne!(
        first["notes/first-note/index.html"],
        edited["notes/first-note/index.html"]
    );
    assert_eq!(
        first["sw.js"], edited["sw.js"],
        "pages are revalidated, not versioned"
    );
    // The site's own stylesheet, with its own brand colour.
    let css = String::from_utf8(first["style.css"].clone()).unwrap();
    site.write(
        "static/style.css",
        &css.replacen("--brand: #0b5640;", "--brand: #1a2b3c;", 1),
    );
    let restyled = site.build_snapshot();
    assert_ne!(
        version(&first["sw.js"]),
        version(&restyled["sw.js"]),
        "a new stylesheet, a new shell"
    );
    let manifest: Value = serde_json::from_slice(&restyled["manifest.webmanifest"]).unwrap();
    assert_eq!(
        manifest["theme_color"], "#1a2b3c",
        "the manifest takes the stylesheet's colours"
    );
    assert_eq!(manifest["background_color"], "#fff");
}

#[test]
fn every_address_is_under_the_base_path() {
    let site = hub("");
    site.build_with(false, Some("https://example.org/hub"))
        .unwrap();
    let manifest = json(&site, "manifest.webmanifest");
    for key in ["start_url", "scope", "id"] {
        assert_eq!(manifest[key], "/hub/", "{key}");
    }
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["lang"], "en");
    let icons: Vec<&str> = manifest["icons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["src"].as_str().unwrap())
        .collect();
    assert_eq!(
        icons,
        [
            "/hub/offline/icon.svg",
            "/hub/offline/icon-192.png",
            "/hub/offline/icon-512.png"
        ]
    );
    for icon in icons {
        assert!(site.exists(icon.trim_start_matches("/hub/")), "{icon}");
    }
    let sw = site.page("sw.js");
    assert!(sw.contains("\"shell\":[\"/hub/style.css\",\"/hub/offline/offline.js\",\"/hub/offline/icon.svg\",\"/hub/manifest.webmanifest\",\"/hub/saved/\"]"), "{sw}");
    assert!(sw.contains("\"saved\":{\"\":\"/hub/saved/\"}"), "{sw}");
    let home = site.page("index.html");
    assert!(
        home.contains("<link rel=\"manifest\" href=\"/hub/manifest.webmanifest\">"),
        "{home}"
    );
    assert!(home.contains("data-worker=\"/hub/sw.js\""));
    assert!(home.contains("<li><a href=\"/hub/saved/\">"));
    let list = json(&site, "offline/notes.json");
    let urls = addresses(&list);
    assert!(
        urls.len() > 2 && urls.iter().all(|u| u.starts_with("/hub/notes/")),
        "{urls:?}"
    );
    assert!(
        site.page("notes/index.html")
            .contains("data-save-list=\"/hub/offline/notes.json\"")
    );
}

#[test]
fn a_collections_list_holds_its_pages_and_what_they_weigh() {
    let site = hub("");
    site.build_ok();
    let list = json(&site, "offline/notes.json");
    let urls = addresses(&list);
    // notes: paginate_by = 2, five published entries.
    assert_eq!(list["entries"], 5, "{list}");
    assert_eq!(&urls[..3], ["/notes/", "/notes/page/2/", "/notes/page/3/"]);
    assert_eq!(urls.len(), 8, "{urls:?}");
    let mut bytes = 0;
    for url in &urls {
        let file = site
            .output()
            .join(url.trim_start_matches('/'))
            .join("index.html");
        bytes += std::fs::metadata(&file)
            .unwrap_or_else(|_| panic!("{url} is a page"))
            .len();
    }
    assert_eq!(
        list["bytes"].as_u64(),
        Some(bytes),
        "the bytes written, summed"
    );
    let page = site.page("notes/index.html");
    assert!(
        page.contains("Save all 5 entries of Notes for offline reading"),
        "{page}"
    );
    assert!(
        !site
            .page("notes/page/2/index.html")
            .contains("save-offline"),
        "the first page only"
    );
}

#[test]
fn a_site_file_where_offline_reading_writes_is_refused() {
    for file in [
        "static/sw.js",
        "static/manifest.webmanifest",
        "static/offline/notes.json",
    ] {
        let site = hub("");
        site.write(file, "mine");
        let problems = site.build_err();
        let headline = problems
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("\n");
        let published = file.trim_start_matches("static");
        assert!(
            headline.contains(&format!("offline reading writes {published}")),
            "{file}: {headline}"
        );
        assert!(problems.iter().any(|d| {
            d.hint
                .as_deref()
                .unwrap_or_default()
                .contains("enabled = false")
        }));
        // `check`, the pull request's gate, says it too.
        let checked = crate::support::cli::check(&site.root, &[]);
        assert!(!checked.status.success(), "{file}");
        let said = crate::support::cli::stderr(&checked) + &crate::support::cli::stdout(&checked);
        assert!(
            said.contains(&format!("offline reading writes {published}")),
            "{file}: {said}"
        );
        // So does the preview, which would answer with its own worker.
        let shown = crate::support::site::headlines(&site.preview_err()).join("\n");
        assert!(
            shown.contains(&format!("offline reading writes {published}")),
            "{file}: {shown}"
        );
        // Turned off, the file is the site's to publish.
        let site = hub("[offline]\nenabled = false");
        site.write(file, "mine");
        site.build_ok();
        assert_eq!(site.page(published.trim_start_matches('/')), "mine");
    }
}

/// The preview writes no worker: pages that register one get a worker
/// that removes itself (and any an earlier build served at the address),
/// so that live reload shows every edit; a site's own sw.js is served as
/// it is.
#[test]
fn the_preview_answers_with_a_worker_that_removes_itself() {
    let fixture = crate::support::http::Fixture::new();
    for target in ["/sw.js", "/hub/sw.js"] {
        let reply = fixture.get(target);
        assert_eq!(reply.status, 200, "{target}");
        assert_eq!(
            reply.header("Content-Type"),
            Some("text/javascript; charset=utf-8")
        );
        let text = reply.text();
        assert!(text.contains("self.registration.unregister()"), "{text}");
        assert!(
            !text.contains("fetch"),
            "it keeps nothing and answers nothing: {text}"
        );
    }
    std::fs::write(fixture.site().join("sw.js"), "// the site's own").unwrap();
    assert_eq!(fixture.get("/sw.js").text(), "// the site's own");
    assert_eq!(fixture.get("/other.js").status, 404);
}
