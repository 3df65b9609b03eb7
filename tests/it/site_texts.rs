//! The hub's own texts of `site.toml` (its title and description, each
//! collection's and vocabulary's) in the hub's other languages: pages in a
//! language show their translations; a missing one shows the default
//! language's text marked `lang="en"` and draws a located warning; a
//! translation into a language the hub does not publish is a located
//! error; and the sample hub's Spanish, French and Dutch pages hold none of
//! these texts in English unmarked.

use std::collections::BTreeSet;
use std::path::Path;

use calabash::check::{CheckOptions, check};
use calabash::core::diagnostics::{Diagnostic, Severity};
use calabash::site::SiteOptions;

use crate::support::html::unescape;
use crate::support::site::TestSite;

fn site() -> TestSite {
    TestSite::layered(&["valid-basic", "translations", "site-texts"]).with_hub_theme()
}

fn warnings(site: &TestSite) -> Vec<Diagnostic> {
    let options = CheckOptions {
        root: site.root.clone(),
        site: SiteOptions::default(),
        external_links: None,
    };
    let problems = check(&options).problems.sorted();
    problems
        .into_iter()
        .filter(|d| d.severity == Severity::Warning && d.path == "site.toml")
        .collect()
}

#[test]
fn a_page_in_spanish_shows_the_hub_collection_and_vocabulary_texts_in_spanish() {
    let site = site();
    site.build_ok();
    let home = site.page("es/index.html");
    assert!(home.contains("<h1>Centro de Prueba</h1>"), "{home}");
    assert!(home.contains("<p class=\"lead\">Un pequeño centro para las pruebas de Calabash.</p>"));
    for nav in [">Notas</a>", ">Expertos</a>", ">Temas</a>"] {
        assert!(home.contains(nav), "no {nav} in the Spanish home page");
    }
    let list = site.page("es/notes/index.html");
    assert!(list.contains("<h1>Notas</h1>"), "{list}");
    assert!(list.contains(">Notas breves de los miembros.</p>"));
    assert!(
        list.contains("<title>Notas · Centro de Prueba</title>"),
        "{list}"
    );
    assert!(
        home.contains("\"inLanguage\":\"es\""),
        "JSON-LD of the Spanish home"
    );
    for page in [&home, &list, &site.page("es/topics/index.html")] {
        for english in [
            "Test Hub",
            "A tiny hub",
            ">Notes<",
            ">Experts<",
            ">Topics<",
            "Short notes",
        ] {
            assert!(!page.contains(english), "{english} on a Spanish page");
        }
    }
    // The English pages are as before.
    let english = site.page("index.html");
    assert!(english.contains("<h1>Test Hub</h1>"));
    assert!(english.contains(">Notes</a>"));
}

#[test]
fn a_missing_text_shows_the_default_languages_marked_and_draws_a_located_warning() {
    let site = site();
    site.build_ok();
    let home = unescape(&site.page("fr/index.html"));
    assert!(home.contains("<h1>Centre d'essai</h1>"), "{home}");
    assert!(
        home.contains("<p class=\"lead\" lang=\"en\">A tiny hub for Calabash's tests.</p>"),
        "{home}"
    );
    assert!(
        home.contains("lang=\"en\">Notes</a>"),
        "the notes' English title, marked"
    );
    assert!(home.contains(">Experts et expertes</a>"));
    let list = unescape(&site.page("fr/notes/index.html"));
    assert!(
        list.contains("<h1><span lang=\"en\">Notes</span></h1>"),
        "{list}"
    );
    assert!(list.contains("<p class=\"lead\">De courtes notes des membres.</p>"));

    let found: Vec<String> = warnings(&site).iter().map(Diagnostic::headline).collect();
    assert_eq!(
        found,
        [
            "site.toml:5:1: warning: `description` has no text in `fr` (Français): its pages in that language show \"A tiny hub for Calabash's tests.\", marked as the default language's",
            "site.toml:40:1: warning: `collections.notes.title` has no text in `fr` (Français): its pages in that language show \"Notes\", marked as the default language's",
        ]
    );
    let hints: Vec<String> = warnings(&site).into_iter().filter_map(|d| d.hint).collect();
    assert_eq!(
        hints,
        [
            "add `description = \"...\"` to [languages.fr], its text in that language",
            "add `titles = { fr = \"...\" }` beside `title`, its text in that language",
        ]
    );
}

#[test]
fn a_text_in_a_language_the_hub_does_not_publish_is_a_located_error() {
    for (from, to, line, key) in [
        (
            "titles = { es = \"Notas\" }",
            "titles = { es = \"Notas\", de = \"Notizen\" }",
            41,
            "titles",
        ),
        (
            "titles = { es = \"Temas\", fr = \"Thèmes\" }",
            "titles = { en = \"Topics\", fr = \"Thèmes\" }",
            26,
            "titles",
        ),
        (
            "descriptions = { es = \"Notas",
            "descriptions = { pt = \"Notas",
            43,
            "descriptions",
        ),
    ] {
        let site = site();
        let text = site.read_source("site.toml");
        assert!(text.contains(from));
        site.write("site.toml", &text.replacen(from, to, 1));
        let errors: Vec<Diagnostic> = (site.build_err().into_iter())
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let error = &errors[0];
        assert_eq!(
            (error.path.as_str(), error.line),
            ("site.toml", line),
            "{to}"
        );
        assert!(
            error.message.contains(&format!("`{key}` has a text in")),
            "{}",
            error.message
        );
        assert!(
            error
                .message
                .contains("not one of the hub's other languages")
        );
        assert!(
            error
                .hint
                .as_deref()
                .unwrap_or_default()
                .contains("[languages.<code>]")
        );
    }
    // The default language's title belongs at the top, not in its table.
    let site = site();
    let text = site.read_source("site.toml");
    site.write(
        "site.toml",
        &text.replace(
            "[languages.en]\nname = \"English\"\n",
            "[languages.en]\nname = \"English\"\ntitle = \"Hub\"\n",
        ),
    );
    let errors = site.build_err();
    assert!(
        errors
            .iter()
            .any(|d| d.line == 14 && d.message.contains("default language's title")),
        "{errors:?}"
    );
}

/// The English texts of the sample hub's `site.toml` that readers see:
/// the hub's title and description, each collection's title and
/// description and the name of one of its entries (`singular`, which pages
/// in other languages show marked as English), each vocabulary's title.
fn english_texts(root: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let config: toml::Table = toml::from_str(&text).unwrap();
    let mut texts = BTreeSet::new();
    let mut add = |value: Option<&toml::Value>| {
        if let Some(s) = value
            .and_then(toml::Value::as_str)
            .filter(|s| !s.is_empty())
        {
            texts.insert(s.to_string());
        }
    };
    add(config.get("title"));
    add(config.get("description"));
    for table in ["collections", "taxonomies"] {
        for section in config[table].as_table().unwrap().values() {
            add(section.get("title"));
            add(section.get("description"));
            add(section.get("singular"));
        }
    }
    texts
}

/// Each text node of an HTML page with the language it is in: the `lang`
/// of its nearest element that has one. Script and style bodies are not
/// text readers see.
fn texts_with_language(html: &str) -> Vec<(String, String)> {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let mut stack: Vec<(String, Option<String>)> = Vec::new();
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        let lang = stack
            .iter()
            .rev()
            .find_map(|(_, l)| l.clone())
            .unwrap_or_default();
        let in_code = stack.iter().any(|(n, _)| n == "script" || n == "style");
        if !text.trim().is_empty() && !in_code {
            found.push((lang, unescape(text)));
        }
        let close = open + rest[open..].find('>').expect("a closed tag");
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            if let Some(at) = stack.iter().rposition(|(n, _)| n == name.trim()) {
                stack.truncate(at);
            }
            continue;
        }
        let name = tag
            .split([' ', '\n', '/'])
            .next()
            .unwrap_or_default()
            .to_lowercase();
        if VOID.contains(&name.as_str()) || tag.ends_with('/') {
            continue;
        }
        let lang = tag
            .split(" lang=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .map(str::to_string);
        if name == "script" || name == "style" {
            // Their bodies hold no `<` that starts a tag readers see.
            let end = rest.find(&format!("</{name}>")).unwrap_or(rest.len());
            rest = &rest[end..];
        }
        stack.push((name, lang));
    }
    found
}

/// Every HTML file under `folder`.
fn html_files(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(dir) = folders.pop() {
        for item in std::fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn the_sample_hubs_pages_in_spanish_french_and_dutch_show_no_english_text_of_site_toml_unmarked() {
    let site = TestSite::sample_hub_with_built_in_theme();
    site.build_ok();
    let english = english_texts(&site.root);
    assert!(english.len() > 15, "{english:?}");
    assert!(
        warnings(&site).is_empty(),
        "every text of site.toml is translated: {:?}",
        warnings(&site)
            .iter()
            .map(Diagnostic::headline)
            .collect::<Vec<_>>()
    );
    let mut pages = 0;
    for lang in ["es", "fr", "nl"] {
        for file in html_files(&site.output().join(lang)) {
            pages += 1;
            let html = std::fs::read_to_string(&file).unwrap();
            for (text_lang, text) in texts_with_language(&html) {
                if text_lang == "en" {
                    continue;
                }
                // A whole text node: a site.toml text inside an entry's
                // own words ("Sample Caribbean Education Knowledge Hub", an
                // organisation) is content, not the hub's interface.
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let text = text.trim_matches(|c: char| !c.is_alphanumeric());
                for word in &english {
                    assert!(
                        text != word.as_str(),
                        "{}: \"{word}\" in English, in an element of lang \"{text_lang}\"",
                        file.display()
                    );
                }
            }
        }
    }
    assert!(pages > 300, "{pages} pages looked at");
}

#[test]
fn the_scan_sees_an_unmarked_english_text() {
    let html = "<html lang=\"es\"><body><nav><a href=\"/\">Library</a></nav>\
        <p lang=\"en\"><a>Events</a></p><script>var x = \"Experts\";</script><br>Fin</body></html>";
    let found = texts_with_language(html);
    assert_eq!(
        found,
        [
            ("es".to_string(), "Library".to_string()),
            ("en".to_string(), "Events".to_string()),
            ("es".to_string(), "Fin".to_string()),
        ]
    );
}
