//! Querying the kept index: every word of the query must match (in the
//! title, summary, body or term labels, in any supported language's stem),
//! ranked by tantivy's BM25 with the title weighted most. The rules are
//! those of docs/search-index.md, which the JavaScript client shares.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, Searcher, TantivyDocument, Term};

use crate::search::lexicon::{Lexicon, query_words};
use crate::search::{Fields, WEIGHTED_FIELDS, analyzer, register_tokenizers, stemmer_language};

/// The facet group of an entry's collection; the others are taxonomies.
pub const COLLECTION_GROUP: &str = "collection";

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

#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// `(group, value)`: `("collection", "library")` or `("topics", "inclusion")`.
    /// Values of one group are alternatives; groups must all match.
    pub filters: Vec<(String, String)>,
    pub limit: usize,
    /// Match the last word as the start of a word, as while typing.
    pub prefix: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// How many entries match in all.
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Searches the index of the site at `root`.
pub fn search(root: &Path, text: &str, options: &SearchOptions) -> tantivy::Result<Results> {
    let index = Index::open_in_dir(crate::search::index_dir(root))?;
    register_tokenizers(&index);
    let fields = Fields::from_schema(&index.schema())?;
    let searcher = index.reader()?.searcher();
    let Some(query) = build_query(&searcher, &fields, text, options)? else {
        return Ok(Results {
            total: 0,
            hits: Vec::new(),
        });
    };
    let (top, total) = searcher.search(
        &query,
        &(
            TopDocs::with_limit(options.limit.max(1)).order_by_score(),
            Count,
        ),
    )?;
    // The stems to mark, weighted as tantivy's own snippet generator does.
    let mut stems = BTreeMap::new();
    query.query_terms(&mut |term, _| {
        if term.field() == fields.body
            && let Some(stem) = term.value().as_str()
        {
            stems.insert(stem.to_string(), 0.0);
        }
    });
    for (stem, weight) in &mut stems {
        let frequency = searcher.doc_freq(&Term::from_field_text(fields.body, stem))?;
        *weight = 1.0 / (1.0 + frequency as f32);
    }
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
        // The body is marked where its words, stemmed in its own
        // language, are among the query's stems.
        let language = stemmer_language(&get(fields.lang)).1;
        let snippets = SnippetGenerator::new(stems.clone(), analyzer(language), fields.body, 200);
        let snippet = snippets.snippet(&body);
        hits.push(Hit {
            key: get(fields.key),
            collection: get(fields.collection),
            title: get(fields.shown_title),
            url: get(fields.url),
            summary: get(fields.shown_summary),
            score,
            snippet: snippet.fragment().to_string(),
            highlights: snippet
                .highlighted()
                .iter()
                .map(|r| (r.start, r.end))
                .collect(),
        });
    }
    // Equal scores rank by key, as in the exported index.
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(&b.key)));
    Ok(Results { total, hits })
}

/// Filters no indexed entry has, which can only ever find nothing: most
/// likely a mistyped collection name or term id.
pub fn unmatched_filters(
    root: &Path,
    filters: &[(String, String)],
) -> tantivy::Result<Vec<(String, String)>> {
    let index = Index::open_in_dir(crate::search::index_dir(root))?;
    let fields = Fields::from_schema(&index.schema())?;
    let searcher = index.reader()?.searcher();
    let mut unmatched = Vec::new();
    for (group, value) in filters {
        let term = filter_term(&fields, group, value);
        if searcher.doc_freq(&term)? == 0 {
            unmatched.push((group.clone(), value.clone()));
        }
    }
    Ok(unmatched)
}

fn filter_term(fields: &Fields, group: &str, value: &str) -> Term {
    if group == COLLECTION_GROUP {
        Term::from_field_text(fields.collection, value)
    } else {
        Term::from_field_text(fields.facet, &format!("{group}/{value}"))
    }
}

fn build_query(
    searcher: &Searcher,
    fields: &Fields,
    text: &str,
    options: &SearchOptions,
) -> tantivy::Result<Option<Box<dyn Query>>> {
    let words = query_words(text);
    if words.is_empty() {
        return Ok(None);
    }
    let mut lexicon = Lexicon::new(searcher, fields)?;
    let Some(alternatives) = lexicon.alternatives(&words, options.prefix)? else {
        return Ok(None);
    };
    let schema = searcher.schema();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for stems in alternatives {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for stem in &stems {
            for (name, weight) in WEIGHTED_FIELDS {
                let term = Term::from_field_text(schema.get_field(name)?, stem);
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), weight)),
                ));
            }
        }
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    let mut groups: BTreeMap<&str, Vec<Term>> = BTreeMap::new();
    for (group, value) in &options.filters {
        groups
            .entry(group)
            .or_default()
            .push(filter_term(fields, group, value));
    }
    for terms in groups.into_values() {
        let any: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .map(|term| {
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        // A filter narrows the results without changing their scores.
        let filter = ConstScoreQuery::new(Box::new(BooleanQuery::new(any)), 0.0);
        clauses.push((Occur::Must, Box::new(filter)));
    }
    Ok(Some(Box::new(BooleanQuery::new(clauses))))
}
