//! The site of a hub of several languages, built with the hub theme: the
//! pages of each language under `/<lang>/`, what their lists show, the
//! language switcher, `hreflang` links and the sitemap's alternates, term
//! labels per language, languages as a way to browse; and a hub of one
//! language, which none of it changes.

use crate::support::site::TestSite;

fn site() -> TestSite {
    TestSite::layered(&["valid-basic", "translations"]).with_hub_theme()
}

fn built() -> TestSite {
    let site = site();
    site.build_ok();
    site
}

/// The `<html lang>` of a page.
fn html_lang(page: &str) -> &str {
    let at = page.find("<html lang=\"").expect("an html element") + 12;
    &page[at..at + page[at..].find('"').unwrap()]
}

/// The links of the language switcher: `(href, hreflang, lang, current)`.
fn switcher(page: &str) -> Vec<(String, String, String, bool)> {
    let Some(start) = page.find("<nav class=\"nav-pages language-switcher\"") else {
        return Vec::new();
    };
    let nav = &page[start..start + page[start..].find("</nav>").unwrap()];
    nav.split("<a ")
        .skip(1)
        .map(|link| {
            let attr = |name: &str| {
                let at = link.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                link[at..at + link[at..].find('"').unwrap()].to_string()
            };
            let current = link[..link.find('>').unwrap()].contains("aria-current=\"page\"");
            (attr("href"), attr("hreflang"), attr("lang"), current)
        })
        .collect()
}

/// The `hreflang` alternates in a page's head: `(hreflang, href)`.
fn alternates(page: &str) -> Vec<(String, String)> {
    page.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (lang, rest) = rest.split_once('"').unwrap();
            let href = rest
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (lang.to_string(), href.to_string())
        })
        .collect()
}

#[test]
fn each_language_has_its_pages_under_its_prefix() {
    let site = built();
    for (file, lang) in [
        ("index.html", "en"),
        ("es/index.html", "es"),
        ("fr/index.html", "fr"),
        ("es/notes/index.html", "es"),
        ("fr/topics/quality/index.html", "fr"),
        ("es/topics/index.html", "es"),
        ("notes/first-note/index.html", "en"),
        ("es/notes/first-note/index.html", "es"),
        ("fr/notes/second-note/index.html", "fr"),
        ("es/experts/marcia-campbell/index.html", "es"),
        ("es/notes/nota-en-espanol/index.html", "es"),
    ] {
        assert_eq!(html_lang(&site.page(file)), lang, "{file}");
    }
    // A translation's page is in its language, and only there.
    assert!(
        site.page("es/notes/first-note/index.html")
            .contains("<h1>Primera nota</h1>")
    );
    assert!(!site.exists("fr/notes/first-note/index.html"));
    // An entry only in Spanish lives in Spanish.
    assert!(!site.exists("notes/nota-en-espanol/index.html"));
    // Feeds per language, with what that language lists.
    let spanish_feed = site.page("es/atom.xml");
    assert!(
        spanish_feed.contains("<title>Primera nota</title>"),
        "{spanish_feed}"
    );
    assert!(!spanish_feed.contains("<title>First note</title>"));
    assert!(site.page("atom.xml").contains("<title>First note</title>"));
    assert!(
        !site
            .page("atom.xml")
            .contains("<title>Primera nota</title>")
    );
    // Redirects of old addresses are the default language's.
    assert!(site.exists("old/first-note/index.html"));
    assert!(!site.exists("es/old/first-note/index.html"));
}

#[test]
fn lists_show_each_entry_once_in_the_language_of_the_page() {
    let site = built();
    let spanish: String = [
        "es/notes/index.html",
        "es/notes/page/2/index.html",
        "es/notes/page/3/index.html",
    ]
    .iter()
    .map(|f| site.page(f))
    .collect();
    assert!(
        spanish.contains("href=\"/es/notes/first-note/\">Primera nota</a>"),
        "{spanish}"
    );
    assert!(!spanish.contains("href=\"/notes/first-note/\""));
    // Not translated: listed, marked as English.
    assert!(
        spanish.contains(
            "class=\"card-title\" lang=\"en\"><a href=\"/notes/third-note/\">Third note</a>"
        ),
        "{spanish}"
    );
    let english: String = [
        "notes/index.html",
        "notes/page/2/index.html",
        "notes/page/3/index.html",
    ]
    .iter()
    .map(|f| site.page(f))
    .collect();
    assert!(!english.contains("Primera nota"));
    assert!(
        english.contains(
            "lang=\"es\"><a href=\"/es/notes/nota-en-espanol/\">Una nota solo en español</a>"
        ),
        "{english}"
    );
    // Spanish items in Spanish lists need no mark of their own.
    assert!(
        spanish.contains("class=\"card-title\"><a href=\"/es/notes/nota-en-espanol/\">"),
        "{spanish}"
    );
}

#[test]
fn a_hub_may_leave_untranslated_entries_out_of_a_languages_lists() {
    let site = site();
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &config.replace(
            "[languages.en]",
            "list_untranslated = false\n\n[languages.en]",
        ),
    );
    site.build_ok();
    let spanish = site.page("es/notes/index.html");
    assert!(
        !spanish.contains("Third note") && spanish.contains("Segunda nota"),
        "{spanish}"
    );
    assert!(
        !site
            .page("notes/index.html")
            .contains("Una nota solo en español")
    );
    assert!(
        !site
            .page("es/topics/quality/index.html")
            .contains("Third note")
    );
}

#[test]
fn the_switcher_offers_only_the_languages_a_page_exists_in() {
    let site = built();
    let first = |file: &str| switcher(&site.page(file));
    let english_and_spanish = |current: &str| {
        vec![
            (
                "/notes/first-note/".into(),
                "en".into(),
                "en".into(),
                current == "en",
            ),
            (
                "/es/notes/first-note/".into(),
                "es".into(),
                "es".into(),
                current == "es",
            ),
        ]
    };
    assert_eq!(
        first("notes/first-note/index.html"),
        english_and_spanish("en")
    );
    assert_eq!(
        first("es/notes/first-note/index.html"),
        english_and_spanish("es")
    );
    // Names in their own language, and back from the translation.
    let page = site.page("es/notes/first-note/index.html");
    assert!(page.contains(">English</a>") && page.contains(">Español</a>"));
    // A page in one language only has no switcher.
    assert!(first("notes/third-note/index.html").is_empty());
    assert!(first("es/notes/nota-en-espanol/index.html").is_empty());
    // Lists and the home page exist in every language.
    let home: Vec<String> = first("fr/index.html").into_iter().map(|l| l.0).collect();
    assert_eq!(home, ["/", "/es/", "/fr/"]);
    // hreflang links: every version, and x-default.
    assert_eq!(
        alternates(&page),
        [
            (
                "en".to_string(),
                "https://example.org/notes/first-note/".to_string()
            ),
            (
                "es".to_string(),
                "https://example.org/es/notes/first-note/".to_string()
            ),
            (
                "x-default".to_string(),
                "https://example.org/notes/first-note/".to_string()
            ),
        ]
    );
    assert!(alternates(&site.page("notes/third-note/index.html")).is_empty());
}

#[test]
fn the_sitemap_lists_each_pages_languages() {
    let site = built();
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let entry = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://example.org/es/notes/first-note/</loc>"))
        .expect("the translation is in the sitemap");
    assert!(entry.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/notes/first-note/\"/>"), "{entry}");
    assert!(entry.contains("<xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"https://example.org/es/notes/first-note/\"/>"));
    assert!(
        entry.contains("hreflang=\"x-default\" href=\"https://example.org/notes/first-note/\"")
    );
    assert!(sitemap.contains("<loc>https://example.org/fr/topics/quality/</loc>"));
    let alone = sitemap
        .split("<url>")
        .find(|u| u.contains("/notes/third-note/</loc>"))
        .unwrap();
    assert!(!alone.contains("xhtml:link"), "{alone}");
}

#[test]
fn vocabulary_labels_follow_the_language_and_fall_back_with_a_warning() {
    let site = site();
    let report = site.build_ok();
    let term_page = site.page("es/topics/quality/index.html");
    assert!(term_page.contains("<h1>Calidad</h1>"), "{term_page}");
    assert!(
        site.page("fr/topics/quality/index.html")
            .contains("<h1>Qualité</h1>")
    );
    // No French label: the default one, and a warning naming the file,
    // term and language.
    assert!(
        site.page("fr/topics/literacy/index.html")
            .contains("<h1>Literacy and numeracy</h1>")
    );
    let warnings: Vec<String> = report.warnings.iter().map(|d| d.headline()).collect();
    assert!(warnings.contains(&"content/_taxonomies/topics.toml:8:1: warning: term `literacy` has no label in `fr` (Français): its pages in that language show \"Literacy and numeracy\"".to_string()), "{warnings:#?}");
    let about_labels = warnings
        .iter()
        .filter(|w| w.contains("has no label"))
        .count();
    assert_eq!(about_labels, 1, "{warnings:#?}");
    // Terms on entry pages are labelled in the page's language.
    let note = site.page("es/notes/first-note/index.html");
    assert!(
        note.contains(">Calidad</a>") && note.contains("href=\"/es/topics/quality/\""),
        "{note}"
    );
}

#[test]
fn an_entrys_own_language_leads_to_it_from_that_languages_term() {
    let site = built();
    let spanish = site.page("languages/es/index.html");
    // The expert who speaks Spanish, and the note written in it.
    assert!(
        spanish.contains("href=\"/experts/andre-whyte/\""),
        "{spanish}"
    );
    assert!(
        spanish.contains("href=\"/es/notes/nota-en-espanol/\""),
        "{spanish}"
    );
    assert!(!spanish.contains("href=\"/notes/third-note/\""));
    // On the Spanish pages, the translations too.
    let in_spanish = site.page("es/languages/es/index.html");
    assert!(
        in_spanish.contains("href=\"/es/notes/first-note/\""),
        "{in_spanish}"
    );
    assert!(
        site.page("languages/en/index.html")
            .contains("href=\"/notes/third-note/\"")
    );
}

#[test]
fn declaring_only_the_default_language_changes_nothing() {
    let plain = TestSite::fixture("valid-basic").with_hub_theme();
    let declared = TestSite::fixture("valid-basic").with_hub_theme();
    let config = declared.read_source("site.toml");
    declared.write(
        "site.toml",
        &config.replace(
            "branch = \"main\"\n",
            "branch = \"main\"\n\n[languages.en]\nname = \"English\"\n",
        ),
    );
    let (before, after) = (plain.build_snapshot(), declared.build_snapshot());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &before {
        assert!(after[file] == *bytes, "{file} differs");
    }
    // And such a site shows none of the multilingual parts.
    for (file, bytes) in &after {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("hreflang") && !text.contains("language-switcher"),
            "{file}"
        );
        assert!(!text.contains("xhtml:link"), "{file}");
    }
}

/// The class of the switcher's addresses, on every page of every language
/// rather than one example: each link leads to a page that was built, that
/// page offers the same languages at the same addresses (itself current),
/// and the page's `hreflang` alternates name the same pages.
#[test]
fn every_switcher_leads_to_built_pages_offering_the_same_languages() {
    use crate::support::files::{files_ending, url_path};
    let site = built();
    let out = site.output();
    let mut pages_with_versions = 0;
    for file in files_ending(&out, "index.html") {
        let here = url_path(&out, &file);
        let page = std::fs::read_to_string(&file).unwrap();
        let links = switcher(&page);
        if links.is_empty() {
            continue;
        }
        pages_with_versions += 1;
        let current: Vec<&String> = links.iter().filter(|l| l.3).map(|l| &l.0).collect();
        assert_eq!(current, [&here], "{here}: {links:?}");
        for (href, hreflang, lang, _) in &links {
            assert_eq!(hreflang, lang, "{here}: {href}");
            let there = href.strip_prefix('/').unwrap();
            assert!(site.exists(&format!("{there}index.html")), "{here}: {href}");
            let offered = switcher(&site.page(&format!("{there}index.html")));
            let expected: Vec<_> = links
                .iter()
                .map(|(h, l, n, _)| (h.clone(), l.clone(), n.clone(), h == href))
                .collect();
            assert_eq!(offered, expected, "{here} → {href}");
        }
        let mut alternates: Vec<(String, String)> = alternates(&page)
            .into_iter()
            .filter(|(lang, _)| lang != "x-default")
            .collect();
        alternates.sort();
        let mut offered: Vec<(String, String)> = links
            .iter()
            .map(|(h, l, _, _)| (l.clone(), format!("https://example.org{h}")))
            .collect();
        offered.sort();
        assert_eq!(alternates, offered, "{here}");
    }
    // Home pages, lists, vocabularies and terms in each language, and the
    // translated entries.
    assert!(pages_with_versions > 20, "{pages_with_versions}");
}
