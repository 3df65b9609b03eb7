//! The sample hub's pages in Spanish, French and Dutch in headless Chromium
//! without JavaScript (tests/browser/languages.mjs): each page says its
//! language, axe-core finds nothing wrong, and the language switcher leads
//! to the page in another language and back.

use crate::support;
use crate::support::browser::{axe_problems, one_browser, run, serve};
use crate::support::report::Report;

/// `(path, its language, the other languages its switcher offers)`.
const PAGES: &[(&str, &str, &[&str])] = &[
    ("/es/", "es", &["en", "fr", "nl"]),
    ("/fr/library/school-safety-toolkit/", "fr", &["en"]),
    ("/nl/experts/ingrid-pinas/", "nl", &["en"]),
    ("/es/replies/cr-2025-001-reading-catch-up/", "es", &["en"]),
    (
        "/nl/topics/language-of-instruction/",
        "nl",
        &["en", "es", "fr"],
    ),
];

#[test]
fn the_switcher_leads_to_each_translation_and_back_without_javascript() {
    let _one = one_browser();
    let served = serve(&support::repo());
    let paths: Vec<String> = PAGES.iter().map(|(p, _, _)| p.to_string()).collect();
    let report = run("languages.mjs", &served, &paths, 5);
    let pages = report.list("pages");
    assert_eq!(pages.len(), PAGES.len(), "{report}");
    let mut problems = Vec::new();
    for (page, (path, lang, others)) in pages.iter().zip(PAGES) {
        let mut p = axe_problems(page);
        p.extend(page.strings("consoleErrors"));
        p.extend(page.strings("failed"));
        if page.text("lang") != *lang {
            p.push(format!("<html lang=\"{}\">", page.text("lang")));
        }
        let links = page.list("links");
        let offered: Vec<String> = links
            .iter()
            .map(|l| l.text("hreflang").to_string())
            .collect();
        let mut wanted: Vec<String> = others.iter().map(|o| o.to_string()).collect();
        wanted.push(lang.to_string());
        wanted.sort();
        let mut sorted = offered.clone();
        sorted.sort();
        if sorted != wanted {
            p.push(format!("the switcher offers {offered:?}, not {wanted:?}"));
        }
        for link in links {
            let current = link.text("hreflang") == *lang;
            if link.text("lang") != link.text("hreflang") {
                p.push(format!(
                    "link {}: lang and hreflang differ",
                    link.text("href")
                ));
            }
            if current != (link.key("current").as_str() == Some("page")) {
                p.push(format!("link {}: aria-current wrong", link.text("href")));
            }
        }
        let trip = page.list("trip");
        let there = &trip[0];
        let back = &trip[1];
        let expected_there = links
            .iter()
            .find(|l| l.text("hreflang") == there.text("lang"));
        if expected_there.is_none_or(|l| l.text("href") != there.text("path")) {
            p.push(format!(
                "the switcher led to {} ({})",
                there.text("path"),
                there.text("lang")
            ));
        }
        if back.text("path") != *path || back.text("lang") != *lang {
            p.push(format!(
                "and back to {} ({})",
                back.text("path"),
                back.text("lang")
            ));
        }
        if !p.is_empty() {
            problems.push(format!("{path}:\n    {}", p.join("\n    ")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
