//! The sample hub's interface in Spanish, French and Dutch, in headless
//! Chromium (tests/browser/languages-interface.mjs): the Spanish home page,
//! a French entry and the Dutch search page show their language's words and
//! no English word of the theme outside parts marked `lang="en"`, with
//! JavaScript on and off; the switcher leads to each translation and back;
//! search on /nl/search/ and /es/search/ finds material in the page's
//! language (not English "lectures" for "lectura"), each result marked with
//! its language; axe-core and the Nu Html Checker (on the DOM as the reader
//! has it, results included) find nothing wrong.

use std::collections::BTreeMap;
use std::path::PathBuf;

use calabash::theme::i18n::catalog::{Message, parse};
use serde_json::Value;

use crate::support;
use crate::support::browser::{axe_problems, one_browser, run, serve};
use crate::support::node::vnu_errors;
use crate::support::report::Report;

const PAGES: &[&str] = &["/es/", "/fr/library/school-safety-toolkit/", "/nl/search/"];
const SEARCHES: &[&str] = &["search:/nl/search/:voorlezen", "search:/es/search/:lectura"];

fn shipped(lang: &str) -> BTreeMap<String, Message> {
    let path = support::repo().join(format!("themes/hub/i18n/{lang}.toml"));
    let catalog = parse("x.toml", &std::fs::read_to_string(path).unwrap());
    (catalog.messages.into_iter())
        .map(|(k, l)| (k, l.message))
        .collect()
}

fn forms(message: &Message) -> Vec<String> {
    match message {
        Message::Text(text) => vec![text.clone()],
        Message::Plural(forms) => forms.values().cloned().collect(),
    }
}

/// Whether `words` occurs in `text` as whole words.
fn has_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The sample hub's own texts (site.toml, the entries): a title written
/// there, in the hub's default language, is the hub's data (translated by
/// the hub, not by the theme's files), even where it equals a theme's word.
fn hub_texts() -> String {
    let root = support::repo();
    let mut texts = std::fs::read_to_string(root.join("site.toml")).unwrap();
    for md in support::files::files_ending(&root.join("content"), ".md") {
        texts += &std::fs::read_to_string(md).unwrap();
    }
    texts
}

/// The English theme's words a page in `lang` must not show: each English
/// text that differs from `lang`'s, and the parts of two words or more
/// between its placeholders; of four letters or more, written nowhere in
/// `lang`'s own file and not a text of the hub's own (`hub_texts`).
fn english_words(lang: &str) -> Vec<(String, String)> {
    let english = shipped("en");
    let own = shipped(lang);
    let own_text: Vec<String> = own.values().flat_map(forms).collect();
    let hub = hub_texts();
    let mut words = Vec::new();
    for (key, message) in &english {
        if key.starts_with("date.") || own.get(key) == Some(message) {
            continue;
        }
        for form in forms(message) {
            for part in form.split(['{', '}']).step_by(2) {
                let part = part.trim_matches(|c: char| !c.is_alphanumeric());
                let letters = part.chars().filter(|c| c.is_alphabetic()).count();
                let whole = part.len() + 2 >= form.len() || part.contains(' ');
                let hubs = hub.contains(&format!("title = \"{part}\""));
                if whole && letters >= 4 && !hubs && !own_text.iter().any(|t| has_words(t, part)) {
                    words.push((key.clone(), part.to_string()));
                }
            }
        }
    }
    words
}

/// The language of a page at `href`, from its prefix.
fn lang_of(href: &str) -> &str {
    ["es", "fr", "nl"]
        .into_iter()
        .find(|l| href.starts_with(&format!("/{l}/")))
        .unwrap_or("en")
}

/// Whether a text of the page shows `words`: a single word as the whole
/// text (not "Language" in "Language of instruction"), more as words in it.
fn shows(texts: &[String], words: &str) -> bool {
    if words.contains(' ') {
        texts.iter().any(|t| has_words(t, words))
    } else {
        texts
            .iter()
            .any(|t| t.trim_matches(|c: char| !c.is_alphanumeric()) == words)
    }
}

/// What is wrong with the interface texts of a page in `lang`.
fn interface_problems(lang: &str, texts: &[String], wanted: &[&str]) -> Vec<String> {
    let own = shipped(lang);
    let mut p = Vec::new();
    for key in wanted {
        let word = forms(&own[*key]).remove(0);
        if !texts.iter().any(|t| has_words(t, &word)) {
            p.push(format!("{key} in {lang} ({word:?}) is missing"));
        }
    }
    for (key, english) in english_words(lang) {
        if shows(texts, &english) {
            p.push(format!("English {english:?} ({key}) outside lang=\"en\""));
        }
    }
    p
}

fn page_problems(page: &Value, doms: &mut Vec<PathBuf>) -> Vec<String> {
    let path = page.text("path");
    let lang = lang_of(path);
    let mut p = axe_problems(page);
    p.extend(page.strings("consoleErrors"));
    p.extend(page.strings("failed"));
    if page.text("lang") != lang {
        p.push(format!("<html lang=\"{}\">", page.text("lang")));
    }
    let mut wanted = vec!["nav.search", "nav.skip"];
    if path.ends_with("/search/") {
        wanted.extend(["search.label", "search.needs_js"]);
    }
    p.extend(interface_problems(
        lang,
        &page.strings("interface"),
        &wanted,
    ));
    let scripted = page.strings("scriptedInterface");
    p.extend(
        interface_problems(lang, &scripted, &wanted[..1])
            .into_iter()
            .map(|e| format!("with JavaScript: {e}")),
    );
    let switcher = page.list("switcher");
    if switcher.len() < 2 {
        p.push(format!("the switcher offers {switcher:?}"));
    }
    for link in switcher {
        if link.text("lang") != link.text("hreflang") {
            p.push(format!(
                "switcher link {}: lang and hreflang differ",
                link.text("href")
            ));
        }
    }
    for trip in page.list("trips") {
        let (there, back) = (trip.key("there"), trip.key("back"));
        if there.text("path") != trip.text("href") || there.text("lang") != trip.text("to") {
            p.push(format!("to {}: reached {there}", trip.text("to")));
        }
        if back.text("path") != path || back.text("lang") != lang {
            p.push(format!("back from {}: reached {back}", trip.text("to")));
        }
    }
    doms.push(PathBuf::from(page.text("dom")));
    p
}

fn search_problems(search: &Value, doms: &mut Vec<PathBuf>) -> Vec<String> {
    let lang = lang_of(search.text("path"));
    let mut p = axe_problems(search);
    p.extend(search.strings("consoleErrors"));
    p.extend(search.strings("failed"));
    let hits = search.list("hits");
    if hits.is_empty() {
        p.push(format!(
            "no results; the page says {:?}",
            search.text("live")
        ));
    }
    for hit in hits {
        if hit.text("lang") != lang_of(hit.text("href")) {
            p.push(format!(
                "{} is marked lang={}",
                hit.text("href"),
                hit.text("lang")
            ));
        }
    }
    let quoted = forms(&shipped(lang)["js.quoted"])
        .remove(0)
        .replace("{query}", search.text("query"));
    if !search.text("live").contains(&quoted) {
        p.push(format!(
            "the live region says {:?}, without {quoted:?}",
            search.text("live")
        ));
    }
    let wanted = [
        "js.group_type",
        "js.group_language",
        "search.filters",
        "nav.search",
    ];
    p.extend(interface_problems(
        lang,
        &search.strings("interface"),
        &wanted,
    ));
    doms.push(PathBuf::from(search.text("dom")));
    p
}

#[test]
fn pages_in_other_languages_have_their_interface_switcher_and_search() {
    let _one = one_browser();
    let served = serve(&support::repo());
    let args: Vec<String> = PAGES
        .iter()
        .chain(SEARCHES)
        .map(|a| a.to_string())
        .collect();
    let report = run("languages-interface.mjs", &served, &args, 5);
    let (pages, searches) = (report.list("pages"), report.list("searches"));
    assert_eq!(
        (pages.len(), searches.len()),
        (PAGES.len(), SEARCHES.len()),
        "{report}"
    );
    let mut problems = Vec::new();
    let mut doms = Vec::new();
    for page in pages {
        let p = page_problems(page, &mut doms);
        if !p.is_empty() {
            problems.push(format!("{}:\n    {}", page.text("path"), p.join("\n    ")));
        }
    }
    for search in searches {
        let p = search_problems(search, &mut doms);
        if !p.is_empty() {
            problems.push(format!(
                "search {}:\n    {}",
                search.text("path"),
                p.join("\n    ")
            ));
        }
    }
    // Dutch: the Dutch guide first; Spanish: Spanish reading material, and
    // not the English reply that says "lectures".
    let dutch = searches[0].list("hits");
    assert_eq!(
        dutch.first().map(|h| h.text("href")),
        Some("/nl/library/voorlezen-in-meertalige-kleuterklassen/"),
        "{dutch:?}"
    );
    let spanish: Vec<&str> = searches[1]
        .list("hits")
        .iter()
        .map(|h| h.text("href"))
        .collect();
    assert!(
        spanish.iter().any(|h| h.starts_with("/es/library/")),
        "{spanish:?}"
    );
    assert!(
        !spanish
            .iter()
            .any(|h| h.contains("cr-2025-002-work-based-learning")),
        "{spanish:?}"
    );
    problems.extend(vnu_errors(&doms));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check of English words would catch the theme's English: each
/// shipped language has many, and "Search" is among them.
#[test]
fn the_english_words_a_translated_page_must_not_show_are_many() {
    for lang in ["es", "fr", "nl"] {
        let words = english_words(lang);
        assert!(words.len() > 150, "{lang}: {}", words.len());
        for (key, english) in [("nav.search", "Search"), ("js.group_language", "Language")] {
            assert!(
                words.iter().any(|(k, w)| k == key && w == english),
                "{lang}: {key}"
            );
        }
        let english_page = ["Search".to_string(), "Skip to main content".to_string()];
        let found = interface_problems(lang, &english_page, &[]).join("\n");
        for key in ["(nav.search)", "(search.button)", "(nav.skip)"] {
            assert!(found.contains(key), "{lang}: {found}");
        }
    }
}
