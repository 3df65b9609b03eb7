//! Exports the tantivy index into the published site as the static, sharded
//! index the reader's browser searches (format: docs/search-index.md).
//! Scores are tantivy's own: each posting carries the BM25 score tantivy's
//! scorer gives that stem in that document, weighted and summed over fields.

mod documents;
mod shards;

use std::sync::atomic::AtomicBool;

use serde_json::json;
use tantivy::Index;

use documents::{Doc, documents};

use crate::core::model::EntryId;
use crate::search::fields::{Fields, register_tokenizers};
use crate::search::index::{FreshIndex, stopped, unless_stopped};
use crate::search::lexicon::{Lexicon, PREFIX_EXPANSIONS, TYPO_EXPANSIONS, TYPO_MIN_LENGTH};
use crate::search::postings::{self, Postings};
use crate::site::Site;

pub use crate::search::postings::SCORE_SCALE;

/// Where the exported index lives in the published site.
pub const FOLDER: &str = crate::core::paths::names::SEARCH_INDEX_FOLDER;

/// What the export reads from the index, before any file is encoded.
pub struct IndexData {
    docs: Vec<Doc>,
    /// Each stem's postings, encoded for its shard.
    terms: Vec<shards::Encoded>,
    /// The unstemmed vocabulary with document frequencies, sorted.
    words: Vec<(String, u64)>,
    /// For each language, each word's documents in that language, on
    /// indexes of more than one language.
    exact: Vec<(&'static str, Vec<Postings>)>,
    languages: Vec<&'static str>,
    /// Every entry's most similar entries, best first.
    pub related: Vec<Vec<EntryId>>,
}

/// The exported files: `(path relative to the output folder, bytes)`.
pub type Files = Vec<(String, Vec<u8>)>;

/// Reads the index just built by `crate::search::index::build`, and finds
/// similar entries from it.
pub fn read(site: &Site, fresh: &FreshIndex) -> tantivy::Result<IndexData> {
    read_unless(site, fresh, &AtomicBool::new(false))
}

/// `read`, giving up (with `stopped()`) within milliseconds of `stop` being
/// set: files changed under the preview, or the rest of the build failed.
pub fn read_unless(
    site: &Site,
    fresh: &FreshIndex,
    stop: &AtomicBool,
) -> tantivy::Result<IndexData> {
    unless_stopped(stop)?;
    let index = Index::open_in_dir(fresh.path())?;
    register_tokenizers(&index);
    let fields = Fields::from_schema(&index.schema())?;
    let searcher = index.reader()?.searcher();
    let (docs, numbers) = documents(&searcher, &fields, site, stop)?;
    let postings = postings::read(&searcher, &numbers, stop)?;
    let similar =
        crate::search::related::related(&postings, docs.len(), stop).ok_or_else(stopped)?;
    let mut related = vec![Vec::new(); site.entries.len()];
    for (doc, similar) in docs.iter().zip(similar) {
        related[doc.entry.index()] = similar
            .into_iter()
            .map(|d| docs[d as usize].entry)
            .collect();
    }
    let terms = shards::encode_terms(postings, stop)?;
    unless_stopped(stop)?;
    let lexicon = Lexicon::new(&searcher, &fields)?;
    let exact = if lexicon.languages.len() > 1 {
        let words = postings::word_docs(&searcher, fields.words, &numbers, stop)?;
        by_language(&words, &docs, &lexicon.languages)
    } else {
        Vec::new()
    };
    unless_stopped(stop)?;
    Ok(IndexData {
        words: lexicon.vocabulary(b"", b"")?.into_iter().collect(),
        exact,
        languages: lexicon.languages,
        docs,
        terms,
        related,
    })
}

/// Encodes the static index: shards, blocks, facets and the manifest.
pub fn encode(site: &Site, fresh: &FreshIndex, data: IndexData) -> Files {
    encode_unless(site, fresh, data, &AtomicBool::new(false))
        .expect("only a set stop flag fails the encoding")
}

/// `encode`, giving up (with `stopped()`) within milliseconds of `stop`
/// being set. What was read goes as soon as it is encoded: a build renders
/// entry pages meanwhile, and at tens of thousands of entries the postings
/// are among the largest things it holds.
pub fn encode_unless(
    site: &Site,
    fresh: &FreshIndex,
    data: IndexData,
    stop: &AtomicBool,
) -> tantivy::Result<Files> {
    let IndexData {
        docs,
        terms,
        words,
        exact,
        languages,
        ..
    } = data;
    let mut files = Vec::new();
    let term_shards = shards::term_shards(&terms, &mut files, stop)?;
    drop(terms);
    unless_stopped(stop)?;
    let word_shards = shards::word_shards(&words, &mut files);
    drop(words);
    unless_stopped(stop)?;
    let facets = shards::facets(site, &docs, &languages, &mut files);
    let docs_per_block = shards::docs_per_block(docs.len());
    let blocks = shards::doc_blocks(site, fresh, &docs, docs_per_block, &mut files, stop)?;
    let mut manifest = json!({
        "version": 1,
        "docs": docs.len(),
        "languages": languages,
        "score_scale": SCORE_SCALE,
        "prefix_expansions": PREFIX_EXPANSIONS,
        "typo_min_length": TYPO_MIN_LENGTH,
        "typo_expansions": TYPO_EXPANSIONS,
        "docs_per_block": docs_per_block,
        "blocks": blocks,
        "terms": term_shards,
        "words": word_shards,
        "facets": facets,
    });
    if languages.len() > 1 {
        // Only an index of several languages has queries in one language
        // that match other entries by their words as written.
        manifest["language"] = json!(site.config.language);
        let mut lists = serde_json::Map::new();
        for (lang, words) in &exact {
            lists.insert(
                lang.to_string(),
                json!(shards::exact_shards(lang, words, &mut files, stop)?),
            );
        }
        manifest["exact"] = serde_json::Value::Object(lists);
    }
    let mut files: Files = files
        .into_iter()
        .map(|f| (format!("{FOLDER}/{}", f.name), f.bytes))
        .collect();
    files.push((
        format!("{FOLDER}/manifest.json"),
        manifest.to_string().into_bytes(),
    ));
    Ok(files)
}

/// Each word's documents split by the documents' language: a query in one
/// language needs only the others'. One pass over each word's documents,
/// which fall into their language's list (a word is listed in a language
/// only when one of its documents is written in it).
fn by_language(
    words: &[Postings],
    docs: &[Doc],
    languages: &[&'static str],
) -> Vec<(&'static str, Vec<Postings>)> {
    let language_of: Vec<Option<usize>> = docs
        .iter()
        .map(|doc| languages.iter().position(|l| *l == doc.lang))
        .collect();
    let mut split: Vec<(&'static str, Vec<Postings>)> =
        languages.iter().map(|lang| (*lang, Vec::new())).collect();
    let mut in_lang: Vec<Vec<u32>> = vec![Vec::new(); languages.len()];
    for word in words {
        for &d in &word.docs {
            if let Some(at) = language_of[d as usize] {
                in_lang[at].push(d);
            }
        }
        for (at, docs) in in_lang.iter_mut().enumerate() {
            if !docs.is_empty() {
                split[at].1.push(Postings {
                    term: word.term.clone(),
                    docs: std::mem::take(docs),
                    scores: Vec::new(),
                });
            }
        }
    }
    split
}

/// Reads and encodes in one go: the static index's files, and each entry's
/// similar entries.
pub fn export(site: &Site, fresh: &FreshIndex) -> tantivy::Result<(Files, Vec<Vec<EntryId>>)> {
    let mut data = read(site, fresh)?;
    let related = std::mem::take(&mut data.related);
    Ok((encode(site, fresh, data), related))
}
