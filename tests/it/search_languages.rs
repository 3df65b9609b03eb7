//! Search in one language (`tests/fixtures/multilingual-search/`: notes in
//! English, Spanish, French and Dutch): a query's words are stemmed in the
//! query's language for entries written in it, and match entries in other
//! languages only as written, so "lectura" on Spanish finds Spanish reading
//! material and not English "lectures", though the two share a stem.
//! `calabash search --lang` chooses the language (the site's by default),
//! `--only-lang` and `--filter lang=..` keep one, and an unknown language
//! is refused with the hub's languages.

use std::collections::BTreeSet;
use std::process::Output;

use crate::support;
use crate::support::cli::stderr;
use crate::support::site::TestSite;

fn site() -> TestSite {
    let site = TestSite::layered(&["valid-basic", "multilingual-search"]);
    site.build_ok();
    site
}

fn search(site: &TestSite, args: &[&str]) -> Output {
    support::cli::calabash_on(&site.root, &[&["search", "--json"], args].concat())
}

/// The slugs of the notes found, in any order.
fn found(site: &TestSite, args: &[&str]) -> BTreeSet<String> {
    let out = search(site, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    hits.iter()
        .map(|h| {
            h["key"]
                .as_str()
                .unwrap()
                .trim_start_matches("notes/")
                .to_string()
        })
        .collect()
}

fn set(slugs: &[&str]) -> BTreeSet<String> {
    slugs.iter().map(|s| s.to_string()).collect()
}

fn stem(lang: &str, word: &str) -> String {
    let language = calabash::search::stemmer_language(lang).1;
    let mut analyzer = calabash::search::analyzer(language);
    let mut stream = analyzer.token_stream(word);
    assert!(stream.advance());
    stream.token().text.clone()
}

#[test]
fn a_query_is_stemmed_in_the_language_of_the_search_only() {
    // Each query shares a stem with an entry in another language, which
    // stemming the query in every language would find.
    assert_eq!(stem("es", "lectura"), stem("en", "lectures"));
    assert_eq!(stem("fr", "lecture"), stem("en", "lectures"));
    assert_eq!(stem("fr", "lecture"), stem("es", "lecturas"));
    assert_eq!(stem("nl", "scholen"), stem("en", "schools"));
    let site = site();
    let cases: [(&str, &str, &[&str]); 6] = [
        (
            "es",
            "lectura",
            &["es-guia-lectura", "es-lecturas-recomendadas"],
        ),
        (
            "es",
            "LECTURAS",
            &["es-guia-lectura", "es-lecturas-recomendadas"],
        ),
        ("fr", "lecture", &["fr-lecture-partagee"]),
        ("fr", "écoles", &["fr-ecoles-rurales"]),
        (
            "nl",
            "scholen",
            &["nl-lezen-op-scholen", "nl-bibliotheek-in-de-school"],
        ),
        ("nl", "lezen", &["nl-lezen-op-scholen"]),
    ];
    for (lang, query, expected) in cases {
        assert_eq!(
            found(&site, &[query, "--lang", lang]),
            set(expected),
            "{lang} {query}"
        );
    }
    // A region subtag and capitals name the same language.
    assert_eq!(
        found(&site, &["lectura", "--lang", "ES-do"]),
        set(&["es-guia-lectura", "es-lecturas-recomendadas"])
    );
    // In English, the English entries are found by their stems, and the
    // French one where "lecture" is written.
    assert_eq!(
        found(&site, &["lecture", "--lang", "en"]),
        set(&["en-university-lectures", "fr-lecture-partagee"])
    );
    assert_eq!(
        found(&site, &["rapports"]),
        set(&["en-university-lectures", "en-schools-rapport"])
    );
}

#[test]
fn words_match_entries_in_other_languages_as_written() {
    let site = site();
    // A Spanish reader typing an English word finds the English entry that
    // has it (and the French one: "des lectures"), and the Spanish ones its
    // Spanish stem matches.
    assert_eq!(
        found(&site, &["lectures", "--lang", "es"]),
        set(&[
            "en-university-lectures",
            "es-guia-lectura",
            "es-lecturas-recomendadas",
            "fr-lecture-partagee",
        ])
    );
    assert_eq!(
        found(&site, &["rapport", "--lang", "nl"]),
        set(&["en-university-lectures", "en-schools-rapport"])
    );
    // "lectura" is written in one Spanish entry; the other has "lecturas".
    assert_eq!(
        found(&site, &["lectura", "--lang", "en"]),
        set(&["es-guia-lectura"])
    );
    // Without --lang, the query is in the site's language (English).
    assert_eq!(found(&site, &["lectura"]), set(&["es-guia-lectura"]));
    // Every word must match, each by its own rule.
    assert_eq!(
        found(&site, &["scholen lezen", "--lang", "nl"]),
        set(&["nl-lezen-op-scholen"])
    );
    assert!(found(&site, &["lectura schools", "--lang", "es"]).is_empty());
}

#[test]
fn only_lang_and_the_lang_filter_keep_one_language() {
    let site = site();
    let spanish = set(&["es-guia-lectura", "es-lecturas-recomendadas"]);
    assert_eq!(
        found(&site, &["lectures", "--lang", "es", "--only-lang"]),
        spanish
    );
    assert_eq!(
        found(&site, &["lectures", "--lang", "es", "--filter", "lang=es"]),
        spanish
    );
    let english = set(&["en-university-lectures"]);
    assert_eq!(
        found(&site, &["lectures", "--lang", "es", "--filter", "lang=en"]),
        english
    );
    assert_eq!(
        found(&site, &["lectures", "--lang", "es", "--filter", "lang=fr"]),
        set(&["fr-lecture-partagee"])
    );
    assert_eq!(
        found(
            &site,
            &["lectures", "--lang", "es", "--filter", "LANG=EN-gb"]
        ),
        english
    );
    // Without --lang, --only-lang keeps the site's language.
    assert_eq!(found(&site, &["lectura", "--only-lang"]), BTreeSet::new());
    // A language no entry is in finds nothing, and says why.
    let out = search(&site, &["lectura", "--filter", "lang=de"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("warning: no entry has lang=de"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_lang_is_refused_with_the_hubs_languages() {
    let site = site();
    for lang in ["de", "xx", "", "english", "ht"] {
        let out = search(&site, &["lectura", "--lang", lang]);
        assert_eq!(out.status.code(), Some(2), "--lang {lang:?}");
        let message = stderr(&out);
        assert!(
            message.contains(&format!(
                "error: --lang {lang}: the hub neither publishes this language"
            )),
            "{message}"
        );
        assert!(
            message.contains("the hub's languages are en, es, fr, nl"),
            "{message}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn the_languages_a_hub_publishes_are_searchable_and_named_in_the_filter() {
    let site = TestSite::layered(&["valid-basic", "multilingual-search"]);
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &format!("{config}\n[languages.es]\nname = \"Castellano\"\n\n[languages.ht]\nname = \"Kreyòl ayisyen\"\n"),
    );
    site.build_ok();
    // Haitian Creole has no stemmer: it is searched as its entries are
    // indexed, in English.
    assert_eq!(
        found(&site, &["lectura", "--lang", "ht"]),
        found(&site, &["lectura", "--lang", "en"])
    );
    let out = search(&site, &["lectura", "--lang", "de"]);
    assert!(
        stderr(&out).contains("the hub's languages are en, es, ht, fr, nl"),
        "{}",
        stderr(&out)
    );
    let manifest = site.page("search/index/manifest.json");
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let group = manifest["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == calabash::search::LANGUAGE_GROUP)
        .expect("a language group");
    assert_eq!(
        group["values"],
        serde_json::json!([
            ["en", "English", 10],
            ["es", "Castellano", 2],
            ["fr", "Français", 2],
            ["nl", "Nederlands", 2]
        ])
    );
    assert_eq!(manifest["language"], "en");
}

#[test]
fn a_hub_in_one_language_exports_nothing_for_languages() {
    let site = TestSite::fixture("valid-basic");
    site.build_ok();
    let manifest: serde_json::Value =
        serde_json::from_str(&site.page("search/index/manifest.json")).unwrap();
    assert_eq!(manifest["languages"], serde_json::json!(["en"]));
    for key in ["language", "exact"] {
        assert!(manifest.get(key).is_none(), "{key}: {manifest}");
    }
    let groups: Vec<&str> = manifest["facets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert!(
        !groups.contains(&calabash::search::LANGUAGE_GROUP),
        "{groups:?}"
    );
    let files = crate::support::files::tree(&site.output().join("search/index"), |_| false);
    let names: Vec<&String> = files.keys().collect();
    assert!(!names.iter().any(|f| f.starts_with('x')), "{names:?}");
    // A language the hub neither publishes nor has an entry in is refused.
    let out = search(&site, &["note", "--lang", "es"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the hub's languages are en,"),
        "{}",
        stderr(&out)
    );
}
