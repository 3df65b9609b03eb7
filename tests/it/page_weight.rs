//! Light pages for readers on costly mobile data (SPEC §4): the home page
//! with its stylesheets and scripts weighs at most 40 KB gzipped, the largest
//! entry page at most 30 KB. Sizes are `gzip -9` of each file, summed, as
//! benches/page-weight.sh prints them. A first visit also fetches the web
//! app manifest and the service worker, which keeps the shell of offline
//! reading on installing (its stylesheet, script, icon and saved-pages
//! pages): they count too, each file once.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support;

const HOME_LIMIT: u64 = 40 * 1024;
const ENTRY_LIMIT: u64 = 30 * 1024;
/// The sample hub's collection folders.
const FOLDERS: &[&str] = &[
    "replies",
    "discussions",
    "practice",
    "library",
    "experts",
    "events",
];

fn gzipped(path: &Path) -> u64 {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .expect("gzip is needed");
    assert!(out.status.success(), "gzip {}", path.display());
    out.stdout.len() as u64
}

/// The values of `attr` in the tags named `tag` that satisfy `keep`.
fn attributes(html: &str, tag: &str, attr: &str, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find(&format!("<{tag}")).map(|i| i + at) {
        let end = lower[start..].find('>').map_or(lower.len(), |i| i + start);
        let tag_text = &html[start..end];
        at = end;
        if !keep(&tag_text.to_ascii_lowercase()) {
            continue;
        }
        let lower_tag = tag_text.to_ascii_lowercase();
        if let Some(i) = lower_tag.find(&format!(" {attr}=")) {
            let rest = &tag_text[i + attr.len() + 2..];
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest.split([' ', '>']).next().unwrap_or(""),
            };
            found.push(value.to_string());
        }
    }
    found
}

/// The page's stylesheets and scripts, as files of the built site.
fn assets(site: &Path, page: &Path) -> Vec<PathBuf> {
    let html = std::fs::read_to_string(page).unwrap();
    let mut urls = attributes(&html, "link", "href", |t| {
        t.contains("rel=\"stylesheet\"") || t.contains("rel=stylesheet")
    });
    urls.extend(attributes(&html, "script", "src", |_| true));
    urls.extend(attributes(&html, "link", "href", |t| {
        t.contains("rel=\"manifest\"")
    }));
    let workers = attributes(&html, "script", "data-worker", |_| true);
    assert!(workers.len() <= 1, "one service worker");
    for worker in &workers {
        urls.push(worker.clone());
        urls.extend(shell(&site.join(worker.trim_start_matches('/'))));
    }
    urls.sort();
    urls.dedup();
    urls.iter()
        .map(|url| {
            let url = url.split(['?', '#']).next().unwrap();
            assert!(
                !url.starts_with("http:") && !url.starts_with("https:") && !url.starts_with("//"),
                "{} loads {url} from another host",
                page.display()
            );
            let mut file = match url.strip_prefix('/') {
                Some(rooted) => site.join(rooted),
                None => page.parent().unwrap().join(url),
            };
            if url.ends_with('/') {
                file = file.join("index.html");
            }
            assert!(
                file.is_file(),
                "{} references missing {url}",
                page.display()
            );
            file
        })
        .collect()
}

/// The site paths the service worker at `worker` keeps on installing.
fn shell(worker: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(worker).unwrap();
    let at = text
        .find("\"shell\":[")
        .expect("the worker names its shell")
        + 9;
    let list = &text[at..at + text[at..].find(']').unwrap()];
    let shell: Vec<String> = list
        .split(',')
        .map(|s| s.trim_matches('"').to_string())
        .collect();
    assert!(shell.iter().any(|s| s.ends_with("/saved/")), "{shell:?}");
    shell
}

/// HTML and assets gzipped: `(html, assets)`.
fn weight(site: &Path, page: &Path) -> (u64, u64) {
    (
        gzipped(page),
        assets(site, page).iter().map(|f| gzipped(f)).sum(),
    )
}

#[test]
fn home_and_largest_entry_page_are_light() {
    let tmp = tempfile::tempdir().unwrap();
    let site = support::cli::build_sample_hub(tmp.path());
    let mut entry_pages = Vec::new();
    for folder in FOLDERS {
        for item in std::fs::read_dir(site.join(folder)).unwrap() {
            let page = item.unwrap().path().join("index.html");
            if page.is_file()
                && !support::html::is_redirect(&std::fs::read_to_string(&page).unwrap())
            {
                entry_pages.push(page);
            }
        }
    }
    assert!(entry_pages.len() > 30, "the collections' entry pages");
    let largest = entry_pages
        .iter()
        .max_by_key(|p| p.metadata().unwrap().len())
        .unwrap();

    let home = site.join("index.html");
    let (html, css_js) = weight(&site, &home);
    assert!(css_js > 0, "the home page has a stylesheet");
    let mut report = vec![format!(
        "home: {html} + {css_js} bytes (limit {HOME_LIMIT})"
    )];
    let mut over = html + css_js > HOME_LIMIT;
    let (html, css_js) = weight(&site, largest);
    report.push(format!(
        "largest entry {}: {html} + {css_js} bytes (limit {ENTRY_LIMIT})",
        support::files::url_path(&site, largest)
    ));
    over |= html + css_js > ENTRY_LIMIT;
    assert!(!over, "too heavy:\n{}", report.join("\n"));
}

#[test]
fn attribute_reader_finds_stylesheets_and_scripts() {
    let html = r#"<link rel="alternate" href="/atom.xml"><LINK REL=stylesheet HREF='/a.css'>
        <link href="/b.css" rel="stylesheet"><script src="/x.js" defer></script><script>1</script>"#;
    let css = attributes(html, "link", "href", |t| {
        t.contains("rel=stylesheet") || t.contains("rel=\"stylesheet\"")
    });
    assert_eq!(css, ["/a.css", "/b.css"]);
    assert_eq!(attributes(html, "script", "src", |_| true), ["/x.js"]);
    let registered =
        r#"<script data-worker="/hub/sw.js">navigator.serviceWorker.register()</script>"#;
    assert_eq!(
        attributes(registered, "script", "data-worker", |_| true),
        ["/hub/sw.js"]
    );
}
