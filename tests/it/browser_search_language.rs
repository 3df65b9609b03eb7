//! The search page searches in the page's language (`<html lang>`), in
//! headless Chromium (tests/browser/search-language.mjs), on a hub whose
//! language is Spanish with notes in four languages
//! (`tests/fixtures/multilingual-search/`): "lectura" finds the Spanish
//! reading material and not English "lectures"; an English word finds the
//! English and French entries that have it, marked with their `lang`; the
//! language filter, from the address, keeps one language. No console error,
//! no failed request, no axe-core violation.

use serde_json::Value;

use crate::support::browser::{one_browser, run, serve};
use crate::support::report::Report;
use crate::support::site::TestSite;

fn hits(page: &Value) -> Vec<(String, String, String)> {
    page.list("hits")
        .iter()
        .map(|h| {
            let href = h.text("href").trim_start_matches("/notes/");
            let slug = href.trim_end_matches('/').to_string();
            (
                slug,
                h.text("lang").to_string(),
                h.text("snippetLang").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_search_page_searches_in_the_language_of_the_page() {
    let _one = one_browser();
    let site = TestSite::layered(&["valid-basic", "multilingual-search"]).with_hub_theme();
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &config.replace("language = \"en\"", "language = \"es\""),
    );
    let served = serve(&site.root);
    let paths = [
        "/search/?q=lectura",
        "/search/?q=lectures",
        "/search/?q=lectures&lang=en",
    ];
    let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
    let r = run("search-language.mjs", &served, &paths, 3);
    let pages = r.list("pages");
    assert_eq!(pages.len(), 3);
    for page in pages {
        assert_eq!(page.text("pageLang"), "es", "{}", page.text("path"));
    }
    let mut spanish = hits(&pages[0]);
    spanish.sort();
    let none = String::new;
    assert_eq!(
        spanish,
        [
            ("es-guia-lectura".to_string(), none(), none()),
            ("es-lecturas-recomendadas".to_string(), none(), none()),
        ],
        "Spanish reading material only, in the page's language: {}",
        pages[0]
    );
    let mut across = hits(&pages[1]);
    across.sort();
    let marked = |slug: &str, lang: &str| (slug.to_string(), lang.to_string(), lang.to_string());
    assert_eq!(
        across,
        [
            marked("en-university-lectures", "en"),
            ("es-guia-lectura".to_string(), none(), none()),
            ("es-lecturas-recomendadas".to_string(), none(), none()),
            marked("fr-lecture-partagee", "fr"),
        ],
        "{}",
        pages[1]
    );
    assert_eq!(hits(&pages[2]), [marked("en-university-lectures", "en")]);
    let languages: Vec<(String, bool)> = pages[2]
        .list("languages")
        .iter()
        .map(|l| (l.text("value").to_string(), l.flag("checked")))
        .collect();
    assert_eq!(
        languages,
        [
            ("en".to_string(), true),
            ("es".to_string(), false),
            ("fr".to_string(), false),
            ("nl".to_string(), false),
        ]
    );
    let log = r.key("log");
    assert!(log.list("consoleErrors").is_empty(), "{log}");
    assert!(log.list("failed").is_empty(), "{log}");
    assert!(r.list("axe").is_empty(), "axe: {}", r.key("axe"));
}
