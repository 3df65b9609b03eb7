//! Querying the kept index: every word of the query must match (in the
//! title, summary, body or term labels, in any supported language's stem),
//! ranked by tantivy's BM25 with the title weighted most.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, TantivyDocument, Term};

use crate::search::{Fields, LANGUAGES, analyzer, register_tokenizers};

/// Field weights: a word in the title counts most.
const BOOSTS: [(&str, f32); 4] = [
    ("title", 3.0),
    ("terms", 2.0),
    ("summary", 1.5),
    ("body", 1.0),
];

/// One result, as `calabash search --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// `collection/slug`.
    pub key: String,
    pub collection: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub score: f32,
    /// Up to 200 characters of the body around the matched words.
    pub snippet: String,
    /// Byte ranges of `snippet` holding matched words.
    pub highlights: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub collection: Option<String>,
    pub limit: usize,
}

/// Searches the index of the site at `root`.
pub fn search(root: &Path, text: &str, options: &SearchOptions) -> tantivy::Result<Vec<Hit>> {
    let index = Index::open_in_dir(crate::search::index_dir(root))?;
    register_tokenizers(&index);
    let fields = Fields::from_schema(&index.schema())?;
    let Some(query) = build_query(&index, &fields, text, options.collection.as_deref()) else {
        return Ok(Vec::new());
    };
    let searcher = index.reader()?.searcher();
    let top = searcher.search(
        &query,
        &TopDocs::with_limit(options.limit.max(1)).order_by_score(),
    )?;
    let mut snippets = SnippetGenerator::create(&searcher, &*query, fields.body)?;
    snippets.set_max_num_chars(200);
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let get = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let body = std::fs::read_to_string(root.join(get(fields.path)))
            .ok()
            .and_then(|text| {
                crate::front_matter::split(&text)
                    .ok()
                    .map(|parts| crate::markdown::plain_text(&text[parts.body]))
            })
            .unwrap_or_default();
        let snippet = snippets.snippet(&body);
        hits.push(Hit {
            key: get(fields.key),
            collection: get(fields.collection),
            title: get(fields.title),
            url: get(fields.url),
            summary: get(fields.summary),
            score,
            snippet: snippet.fragment().to_string(),
            highlights: snippet
                .highlighted()
                .iter()
                .map(|r| (r.start, r.end))
                .collect(),
        });
    }
    Ok(hits)
}

/// The words of a query, split and lower-cased as the index was.
pub fn words(text: &str) -> Vec<String> {
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build();
    let mut stream = analyzer.token_stream(text);
    let mut words = Vec::new();
    while stream.advance() {
        words.push(stream.token().text.clone());
    }
    words
}

/// Every supported language's stem of a word.
pub fn stems(word: &str) -> BTreeSet<String> {
    LANGUAGES
        .iter()
        .filter_map(|(_, language)| {
            let mut analyzer = analyzer(*language);
            let mut stream = analyzer.token_stream(word);
            stream.advance().then(|| stream.token().text.clone())
        })
        .collect()
}

fn build_query(
    index: &Index,
    fields: &Fields,
    text: &str,
    collection: Option<&str>,
) -> Option<Box<dyn Query>> {
    let schema = index.schema();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for word in words(text) {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for stem in stems(&word) {
            for (name, boost) in BOOSTS {
                let field = schema.get_field(name).ok()?;
                let term = TermQuery::new(
                    Term::from_field_text(field, &stem),
                    IndexRecordOption::WithFreqs,
                );
                alternatives.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(term), boost)),
                ));
            }
        }
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
    }
    if clauses.is_empty() {
        return None;
    }
    if let Some(collection) = collection {
        let term = Term::from_field_text(fields.collection, collection);
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}
