//! Parity per language: the reader's search on a page in English, Spanish,
//! French or Dutch ranks as `calabash search --lang` does. The queries of
//! `search_parity` (words, pairs, prefixes, typos, filters, including the
//! language filter) and words that share a stem across languages run in
//! each of the four languages, through the JavaScript client under node
//! over the exported index and through tantivy over the kept index, on a
//! hub with entries in all four languages, on the sample hub and on a
//! 2,000-entry synthetic corpus with 30% of its entries also in Spanish.

use std::path::Path;

use serde_json::Value;

use crate::search_parity::{
    Query, assert_parity, build_index, client_results, gen_corpus, queries,
};
use crate::support::site::TestSite;

const LANGUAGES: [&str; 4] = ["en", "es", "fr", "nl"];

/// Words that share a stem with words of other languages, or are written
/// in entries of several: where a query in one language differs most from
/// one in another.
const ACROSS: [&str; 12] = [
    "lectura",
    "lecture",
    "lectures",
    "lecturas",
    "scholen",
    "schools",
    "lezen",
    "rapport",
    "écoles",
    "docentes",
    "lectura docentes",
    "school lezen",
];

/// Each query once in each language.
fn in_each_language(queries: &[Query]) -> Vec<Query> {
    LANGUAGES
        .iter()
        .flat_map(|lang| {
            queries.iter().map(|q| Query {
                lang: Some(lang.to_string()),
                ..q.clone()
            })
        })
        .collect()
}

/// Runs the site's queries and `ACROSS` (also as prefixes) in every
/// language; returns how many found something.
fn assert_parity_in_each_language(root: &Path) -> usize {
    let manifest_path = build_index(root);
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let mut base = queries(root, &manifest);
    for text in ACROSS {
        base.push(Query::plain(text));
        let prefix: String = text.chars().take(5).collect();
        base.push(Query {
            prefix: true,
            ..Query::plain(prefix)
        });
    }
    let all = in_each_language(&base);
    let client = client_results(&manifest_path, &all);
    assert_parity(root, &all, &client)
}

#[test]
fn the_client_ranks_each_language_as_tantivy_does_on_a_hub_in_four_languages() {
    let site = TestSite::layered(&["valid-basic", "multilingual-search"]);
    let found = assert_parity_in_each_language(&site.root);
    assert!(found >= 300, "only {found} queries found something");
}

#[test]
fn the_client_ranks_each_language_as_tantivy_does_on_the_sample_hub() {
    let site = TestSite::sample_hub();
    let found = assert_parity_in_each_language(&site.root);
    assert!(found >= 350, "only {found} queries found something");
}

#[test]
fn the_client_ranks_each_language_as_tantivy_does_on_a_corpus_with_translations() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    gen_corpus::run(&gen_corpus::Args {
        entries: 2_000,
        seed: 11,
        force: false,
        dir: root.clone(),
        translated: 30,
        translation_files: gen_corpus::translate::Files::Entries,
        shape: gen_corpus::Shape::Mixed,
    })
    .expect("corpus written");
    let found = assert_parity_in_each_language(&root);
    assert!(found >= 350, "only {found} queries found something");
}
