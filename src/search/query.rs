//! Querying the kept index: every word of the query must match (in the
//! title, summary, body or term labels: as a stem of the query's language
//! in entries written in it, as written in the others), ranked by
//! tantivy's BM25 with the title weighted most. The rules are those of
//! docs/search-index.md, which the JavaScript client shares, and
//! so are the limits on a query's length and words, which keep the memory
//! and time one query takes small whatever is typed or pasted.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, TantivyDocument, Term};

use crate::search::fields::{Fields, index_dir, register_tokenizers};
use crate::search::language::{analyzer, query_language, stemmer_language};
use crate::search::lexicon::{Lexicon, query_words};
use crate::search::matching::{build_query, filter_term};

pub use crate::search::fields::COLLECTION_GROUP;
/// The longest query searched, in characters: a query is a few words, and
/// a pasted page would only cost memory and time.
pub const MAX_QUERY_CHARS: usize = 500;
/// The most different words a query may have (repeated words count once):
/// every word adds clauses, and more words would rarely find anything.
pub const MAX_QUERY_WORDS: usize = 16;

/// A query refused before searching; the JavaScript client refuses the
/// same queries with the same words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    TooLong,
    /// How many different words the query has.
    TooManyWords(usize),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::TooLong => write!(
                f,
                "the query is longer than {MAX_QUERY_CHARS} characters: shorten it to a few words"
            ),
            QueryError::TooManyWords(words) => write!(
                f,
                "the query has {words} different words, and search takes at most {MAX_QUERY_WORDS}: leave some out"
            ),
        }
    }
}

impl std::error::Error for QueryError {}

/// Why a search gave no results list.
#[derive(Debug)]
pub enum SearchError {
    /// The query itself is refused: the one asking should change it.
    Query(QueryError),
    /// The index cannot be read (missing, or being rewritten).
    Index(tantivy::TantivyError),
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::Query(err) => err.fmt(f),
            SearchError::Index(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for SearchError {}

impl From<tantivy::TantivyError> for SearchError {
    fn from(err: tantivy::TantivyError) -> Self {
        SearchError::Index(err)
    }
}

/// The words searched for: the query's words, each once, at the place of
/// its last occurrence (so that the word being typed stays last); or why
/// the query is refused.
pub fn searched_words(text: &str) -> Result<Vec<String>, QueryError> {
    // Counting is linear and allocates nothing, whatever the length.
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong);
    }
    let words = query_words(text);
    let mut seen = HashSet::new();
    let mut distinct: Vec<String> = words
        .into_iter()
        .rev()
        .filter(|word| seen.insert(word.clone()))
        .collect();
    distinct.reverse();
    if distinct.len() > MAX_QUERY_WORDS {
        return Err(QueryError::TooManyWords(distinct.len()));
    }
    Ok(distinct)
}

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
    /// The language the query is in (a BCP 47 tag): its words are stemmed
    /// in it for entries written in it, and match other entries exactly.
    /// `None` is the site's language.
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// How many entries match in all.
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Searches the index of the site at `root`.
pub fn search(root: &Path, text: &str, options: &SearchOptions) -> Result<Results, SearchError> {
    let words = searched_words(text).map_err(SearchError::Query)?;
    let index = Index::open_in_dir(index_dir(root))?;
    register_tokenizers(&index);
    let fields = Fields::from_schema(&index.schema())?;
    let searcher = index.reader()?.searcher();
    let mut lexicon = Lexicon::new(&searcher, &fields)?;
    let lang = match &options.lang {
        Some(lang) => query_language(lang, &lexicon.languages),
        None => query_language(&site_language(root), &lexicon.languages),
    };
    let flags = (options.prefix, lang);
    let Some(query) = build_query(&mut lexicon, &fields, &words, flags, &options.filters)? else {
        return Ok(Results {
            total: 0,
            hits: Vec::new(),
        });
    };
    // The collector makes room for the limit: never more than there are entries.
    let entries = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let limit = options.limit.min(entries).max(1);
    let (top, total) = searcher.search(
        &query,
        &(TopDocs::with_limit(limit).order_by_score(), Count),
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
        // The body as it was indexed, so that a snippet quotes the text
        // that matched, even if the source file changed since.
        let body = get(fields.shown_body);
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

/// The language of the site at `root` (`language` in site.toml), English
/// when site.toml cannot be read.
pub fn site_language(root: &Path) -> String {
    crate::config::load(root, None).map_or_else(|_| "en".to_string(), |config| config.language)
}

/// The languages entries of the index at `root` are written in (as
/// searched: `LANGUAGES` tags).
pub fn indexed_languages(root: &Path) -> tantivy::Result<Vec<&'static str>> {
    let index = Index::open_in_dir(index_dir(root))?;
    let fields = Fields::from_schema(&index.schema())?;
    let searcher = index.reader()?.searcher();
    Ok(Lexicon::new(&searcher, &fields)?.languages)
}

/// Filters no indexed entry has, which can only ever find nothing: most
/// likely a mistyped collection name or term id.
pub fn unmatched_filters(
    root: &Path,
    filters: &[(String, String)],
) -> tantivy::Result<Vec<(String, String)>> {
    let index = Index::open_in_dir(index_dir(root))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_words_count_once_and_keep_their_last_place() {
        let words = searched_words("Rural teachers RURAL schools rural").unwrap();
        assert_eq!(words, ["teachers", "schools", "rural"]);
        let many = "reading ".repeat(60);
        assert_eq!(searched_words(&many).unwrap(), ["reading"]);
    }

    #[test]
    fn queries_past_the_limits_are_refused_with_what_to_do() {
        let longest = "a".repeat(MAX_QUERY_CHARS);
        assert!(searched_words(&longest).is_ok());
        // Characters, not bytes: 500 four-byte characters are allowed.
        assert!(searched_words(&"😀".repeat(MAX_QUERY_CHARS)).is_ok());
        let refused = searched_words(&"a".repeat(MAX_QUERY_CHARS + 1)).unwrap_err();
        assert_eq!(refused, QueryError::TooLong);
        assert!(refused.to_string().contains("longer than 500 characters"));

        let words = |n: usize| (0..n).map(|i| format!("w{i}")).collect::<Vec<_>>();
        assert_eq!(searched_words(&words(16).join(" ")).unwrap().len(), 16);
        let refused = searched_words(&words(17).join(" ")).unwrap_err();
        assert_eq!(refused, QueryError::TooManyWords(17));
        assert!(refused.to_string().contains("17 different words"));
        assert!(refused.to_string().contains("at most 16"));
        // Repeats within the length do not count.
        let repeated = format!("{} {}", words(16).join(" "), words(16).join(" "));
        assert_eq!(searched_words(&repeated).unwrap().len(), 16);
    }
}
