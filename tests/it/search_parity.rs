//! The reader's search and `calabash search` rank alike: for well over 100
//! queries each (one word, several words, prefixes, typos, filters) over the
//! sample hub and a 5,000-entry synthetic corpus, the JavaScript client run
//! under node over the exported index returns the same top 10 as tantivy
//! over the kept index, in the same order up to equal scores, and the same
//! number of results. Scores are exported as multiples of 1/10,000, so two
//! scores count as equal within `TOLERANCE`.
//!
//! Tokenizer and stemmer parity: every text of both sites, split by the
//! client, gives exactly the vocabulary tantivy indexed, and each of its
//! words stems alike in every supported language. The client's own unit
//! tests (`tests/js/client.test.mjs`) run here too.
//!
//! node is needed; a missing node is a failure, never a skip.

#[allow(dead_code)]
#[path = "../../examples/gen-corpus.rs"]
pub mod gen_corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use calabash::search::query::{SearchOptions, search};
use calabash::site::{SiteOptions, load_site};
use serde_json::{Value, json};

use crate::support;
use crate::support::report::Report;

/// Each exported score is rounded to 1/10,000, and a query sums a few.
const TOLERANCE: f64 = 2e-3;

#[derive(Debug, Clone)]
pub struct Query {
    pub text: String,
    pub prefix: bool,
    pub filters: Vec<(String, String)>,
    /// The query's language; `None` is the site's (the client's manifest default).
    pub lang: Option<String>,
}

impl Query {
    pub fn plain(text: impl Into<String>) -> Query {
        Query {
            text: text.into(),
            prefix: false,
            filters: Vec::new(),
            lang: None,
        }
    }
}

/// Checks that the client splits every text of the site into exactly the
/// words tantivy indexed, and stems each word as tantivy does.
pub fn assert_vocabulary_parity(root: &Path) {
    use tantivy::tokenizer::TextAnalyzer;
    let (site, _) = load_site(root, &SiteOptions::default()).unwrap();
    let mut texts = Vec::new();
    for entry in &site.entries {
        texts.push(entry.title.clone());
        texts.push(entry.summary.clone());
        texts.push(calabash::markdown::plain_text(&entry.body_text()));
        for value in entry.fields.values() {
            value.walk(&mut |v| {
                if let calabash::core::model::Value::Term { taxonomy, id } = v {
                    texts.push(site.taxonomies.label(taxonomy, id).to_string());
                }
            });
        }
    }
    let file = root.join("vocabulary-texts.json");
    std::fs::write(&file, serde_json::to_string(&texts).unwrap()).unwrap();
    let client = run_node("tests/js/vocabulary-cli.mjs", &[&file]);
    let client_words: BTreeSet<String> = client
        .key("words")
        .as_object()
        .expect("`words` of the client's report is an object")
        .keys()
        .cloned()
        .collect();

    let index = tantivy::Index::open_in_dir(calabash::search::index_dir(root)).unwrap();
    let field = index.schema().get_field("words").unwrap();
    let searcher = index.reader().unwrap().searcher();
    let mut indexed = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field).unwrap();
        let mut stream = inverted.terms().stream().unwrap();
        while let Some((key, _)) = stream.next() {
            indexed.insert(String::from_utf8(key.to_vec()).unwrap());
        }
    }
    let missing: Vec<_> = indexed.difference(&client_words).take(20).collect();
    assert!(
        missing.is_empty(),
        "indexed words the client does not find: {missing:?}"
    );
    let extra: Vec<_> = client_words.difference(&indexed).take(20).collect();
    assert!(
        extra.is_empty(),
        "words the client finds but tantivy did not index: {extra:?}"
    );
    assert!(indexed.len() > 500, "{} words", indexed.len());

    let mut mismatches = Vec::new();
    for (tag, language) in calabash::search::LANGUAGES {
        let mut stemmer: TextAnalyzer = calabash::search::analyzer(*language);
        for word in &client_words {
            let mut stream = stemmer.token_stream(word);
            let rust = if stream.advance() {
                stream.token().text.clone()
            } else {
                String::new()
            };
            let js = client.key("words").key(word).text(tag);
            if js != rust {
                mismatches.push(format!("{tag} {word}: tantivy {rust}, client {js}"));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} stems differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// Runs a node script of `tests/js/` on some files and parses the JSON it
/// prints.
fn run_node(script: &str, files: &[&Path]) -> Value {
    let args: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    support::node::run_node(script, &args, Duration::from_secs(600)).json()
}

/// Builds the index of the site at `root`, exports it into `root/public`
/// and returns the manifest's path.
pub fn build_index(root: &Path) -> std::path::PathBuf {
    let (site, _) = load_site(root, &SiteOptions::default()).expect("the site is valid");
    let dir = calabash::search::index_dir(root);
    let fresh = calabash::search::index::build(&site, &dir).expect("index");
    let (files, _) = calabash::search::export::export(&site, &fresh).expect("export");
    for (path, bytes) in &files {
        let file = root.join("public").join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
    fresh.commit().expect("index in place");
    root.join("public/search/index/manifest.json")
}

/// Queries drawn from the site's own titles, so most of them find something:
/// single words (common and rare), word pairs and triples, prefixes of the
/// last word, words with one typo, and filters on collection and topics.
pub fn queries(root: &Path, manifest: &Value) -> Vec<Query> {
    let (site, _) = load_site(root, &SiteOptions::default()).unwrap();
    let titles: Vec<Vec<String>> = site
        .entries
        .iter()
        .map(|e| {
            e.title
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_lowercase)
                .collect()
        })
        .filter(|words: &Vec<String>| words.len() >= 3)
        .collect();
    let vocabulary: Vec<&String> = titles
        .iter()
        .flatten()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let pick = |n: usize, i: usize, len: usize| (i * 7919 + n * 104_729) % len;
    let mut queries = Vec::new();
    for i in 0..40 {
        queries.push(Query::plain(
            vocabulary[pick(1, i, vocabulary.len())].clone(),
        ));
    }
    for i in 0..25 {
        let title = &titles[pick(2, i, titles.len())];
        let n = 2 + i % 2;
        queries.push(Query::plain(title[..n].join(" ")));
    }
    for i in 0..20 {
        let title = &titles[pick(3, i, titles.len())];
        let last = &title[i % 2 + 1];
        let cut: String = last.chars().take(3 + i % 3).collect();
        let text = match i % 2 {
            0 => cut,
            _ => format!("{} {cut}", title[0]),
        };
        queries.push(Query {
            text,
            prefix: true,
            filters: Vec::new(),
            lang: None,
        });
    }
    for i in 0..10 {
        let word: Vec<char> = vocabulary[pick(4, i, vocabulary.len())].chars().collect();
        if word.len() < 5 {
            continue;
        }
        let mut typo = word.clone();
        match i % 3 {
            0 => typo.swap(2, 3),
            1 => {
                typo.remove(3);
            }
            _ => typo[2] = 'x',
        }
        queries.push(Query::plain(typo.into_iter().collect::<String>()));
    }
    let groups = manifest["facets"].as_array().unwrap();
    let values = |name: &str| -> Vec<String> {
        let group = groups.iter().find(|g| g["name"] == name);
        group
            .map_or(&json!([]), |g| &g["values"])
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v[0].as_str().unwrap().to_string())
            .collect()
    };
    let (collections, topics) = (values("collection"), values("topics"));
    let languages = values(calabash::search::LANGUAGE_GROUP);
    for i in 0..15 {
        let word = vocabulary[pick(5, i, vocabulary.len())].clone();
        let mut filters = vec![(
            "collection".to_string(),
            collections[i % collections.len()].clone(),
        )];
        if i % 3 == 1 && !topics.is_empty() {
            filters.push(("topics".into(), topics[i % topics.len()].clone()));
        }
        if !languages.is_empty() && i % 5 < 2 {
            let group = calabash::search::LANGUAGE_GROUP.to_string();
            filters.push((group, languages[i % languages.len()].clone()));
        }
        if i % 3 == 2 {
            filters.push((
                "collection".into(),
                collections[(i + 1) % collections.len()].clone(),
            ));
        }
        queries.push(Query {
            text: word,
            prefix: i % 2 == 0,
            filters,
            lang: None,
        });
    }
    queries
}

/// Runs every query through the JavaScript client under node.
pub fn client_results(manifest: &Path, queries: &[Query]) -> Vec<Value> {
    let input: Vec<Value> = queries
        .iter()
        .map(|q| {
            let mut filters: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for (group, value) in &q.filters {
                filters.entry(group).or_default().push(value);
            }
            json!({"query": q.text, "prefix": q.prefix, "filters": filters, "limit": 10, "lang": q.lang})
        })
        .collect();
    let file = manifest.with_file_name("parity-queries.json");
    std::fs::write(&file, Value::from(input).to_string()).unwrap();
    let results = run_node("tests/js/search-cli.mjs", &[manifest, &file]);
    results.as_array().expect("an array of results").clone()
}

/// Compares both searches; returns how many queries found something.
pub fn assert_parity(root: &Path, queries: &[Query], client: &[Value]) -> usize {
    let mut problems = Vec::new();
    let mut found = 0;
    for (query, js) in queries.iter().zip(client) {
        let options = SearchOptions {
            filters: query.filters.clone(),
            limit: 10,
            prefix: query.prefix,
            lang: query.lang.clone(),
        };
        let rust = search(root, &query.text, &options).expect("search");
        let js_hits: Vec<(String, f64)> = js
            .list("hits")
            .iter()
            .map(|h| {
                let score = h.key("score");
                let score = score
                    .as_f64()
                    .unwrap_or_else(|| panic!("a score, not {score}"));
                (h.text("key").to_string(), score)
            })
            .collect();
        let rust_hits: Vec<(String, f64)> = rust
            .hits
            .iter()
            .map(|h| (h.key.clone(), f64::from(h.score)))
            .collect();
        if !rust_hits.is_empty() {
            found += 1;
        }
        let label = format!("{query:?}");
        if js.number("total") != rust.total as u64 {
            problems.push(format!(
                "{label}: {} results in tantivy, {} in the client",
                rust.total,
                js.number("total")
            ));
            continue;
        }
        if js_hits.len() != rust_hits.len() {
            problems.push(format!(
                "{label}: {} hits vs {}",
                rust_hits.len(),
                js_hits.len()
            ));
            continue;
        }
        let rust_scores: BTreeMap<&str, f64> =
            rust_hits.iter().map(|(k, s)| (k.as_str(), *s)).collect();
        for (rank, ((rust_key, rust_score), (js_key, js_score))) in
            rust_hits.iter().zip(&js_hits).enumerate()
        {
            let same_score = (rust_score - js_score).abs() <= TOLERANCE;
            // A different entry at a rank is fine only when it ties: with
            // tantivy's entry there, or beyond tantivy's last result.
            let last_score = rust_hits.last().map_or(0.0, |h| h.1);
            let tie = rust_key == js_key
                || match rust_scores.get(js_key.as_str()) {
                    Some(score) => (score - rust_score).abs() <= TOLERANCE,
                    None => (js_score - last_score).abs() <= TOLERANCE,
                };
            if !same_score || !tie {
                problems.push(format!(
                    "{label}: rank {}: tantivy {rust_key} ({rust_score}), client {js_key} ({js_score})",
                    rank + 1
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} queries differ:\n{}",
        problems.len(),
        queries.len(),
        problems.join("\n")
    );
    found
}

#[test]
fn the_client_ranks_the_sample_hub_as_tantivy_does() {
    let site = support::site::TestSite::sample_hub();
    let manifest_path = build_index(&site.root);
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    assert_eq!(manifest["languages"], json!(["en", "es", "fr", "nl"]));
    let mut queries = queries(&site.root, &manifest);
    // Words of the Spanish and French entries, stemmed in their languages.
    for text in [
        "escuelas rurales",
        "enseignants",
        "formación docente",
        "école",
    ] {
        queries.push(Query::plain(text));
    }
    assert!(queries.len() >= 100, "{} queries", queries.len());
    let client = client_results(&manifest_path, &queries);
    let found = assert_parity(&site.root, &queries, &client);
    assert!(found >= 90, "only {found} queries found something");
    assert_vocabulary_parity(&site.root);
}

#[test]
fn the_client_ranks_a_5000_entry_corpus_as_tantivy_does() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    gen_corpus::run(&gen_corpus::Args {
        entries: 5_000,
        seed: 7,
        force: false,
        dir: root.clone(),
        translated: 0,
        translation_files: gen_corpus::translate::Files::Translations,
        shape: gen_corpus::Shape::Mixed,
    })
    .expect("corpus written");
    let manifest_path = build_index(&root);
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let queries = queries(&root, &manifest);
    assert!(queries.len() >= 100, "{} queries", queries.len());
    let client = client_results(&manifest_path, &queries);
    let found = assert_parity(&root, &queries, &client);
    assert!(found >= 90, "only {found} queries found something");
    assert_vocabulary_parity(&root);
}

#[test]
fn the_client_passes_its_unit_tests() {
    let output = Command::new("node")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--test", "tests/js/client.test.mjs"])
        .output()
        .unwrap_or_else(|e| panic!("node is needed to test the search client: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("# fail 0") && !stdout.contains("# pass 0"),
        "node --test tests/js/client.test.mjs failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The client refuses exactly the queries `calabash search` refuses, in
/// the same words, and searches the same words for the others: the limits
/// are one rule, not two that agree by chance.
#[test]
fn the_client_and_calabash_search_share_the_query_limits() {
    use calabash::search::query::{MAX_QUERY_CHARS, MAX_QUERY_WORDS, searched_words};
    let words = |n: usize| {
        (0..n)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut queries = vec![
        String::new(),
        "Rural teachers RURAL schools rural".to_string(),
        "a".repeat(MAX_QUERY_CHARS),
        "a".repeat(MAX_QUERY_CHARS + 1),
        "é".repeat(MAX_QUERY_CHARS),
        "é".repeat(MAX_QUERY_CHARS + 1),
        // Two UTF-16 units each: over the limit in units, not in characters.
        "😀".repeat(MAX_QUERY_CHARS),
        "😀".repeat(MAX_QUERY_CHARS + 1),
        "x".repeat(300_000),
        "school ".repeat(50_000),
        words(40_000),
        words(MAX_QUERY_WORDS),
        words(MAX_QUERY_WORDS + 1),
        format!("{} {}", words(MAX_QUERY_WORDS), words(MAX_QUERY_WORDS)),
        "ΣΟΦΊΑ σοφία Σοφία".to_string(),
        (1..=30)
            .map(|n| "s".repeat(n))
            .collect::<Vec<_>>()
            .join(" "),
    ];
    queries.push(format!("{} {}", "a".repeat(MAX_QUERY_CHARS - 2), "b"));
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("queries.json");
    std::fs::write(&file, serde_json::to_string(&queries).unwrap()).unwrap();
    let client = run_node("tests/js/limits-cli.mjs", &[&file]);
    let client = client.as_array().expect("one answer per query");
    assert_eq!(client.len(), queries.len());
    let mut refused = 0;
    for (query, js) in queries.iter().zip(client) {
        let label = &query[..query.len().min(40)];
        match searched_words(query) {
            Ok(words) => assert_eq!(*js.key("words"), json!(words), "{label}…"),
            Err(err) => {
                refused += 1;
                assert_eq!(js.text("error"), err.to_string(), "{label}…");
            }
        }
    }
    assert_eq!(refused, 8, "the refused cases above");
}
