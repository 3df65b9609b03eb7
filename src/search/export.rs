//! Exports the tantivy index into the published site as the static, sharded
//! index the reader's browser searches (format: docs/search-index.md).
//! Scores are tantivy's own: each posting carries the BM25 score tantivy's
//! scorer gives that stem in that document, weighted and summed over fields.

use std::collections::{BTreeSet, HashMap};

mod shards;

use rayon::prelude::*;
use serde_json::json;
use tantivy::query::{EnableScoring, TermQuery, Weight};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocSet, Index, Searcher, TERMINATED, TantivyDocument, Term};

use crate::model::EntryId;
use crate::search::index::FreshIndex;
use crate::search::lexicon::{Lexicon, PREFIX_EXPANSIONS, TYPO_EXPANSIONS, TYPO_MIN_LENGTH};
use crate::search::{Fields, WEIGHTED_FIELDS, register_tokenizers};
use crate::site::Site;

/// Where the exported index lives in the published site.
pub const FOLDER: &str = "search/index";
/// Scores are stored as whole numbers of this fraction of a point.
pub const SCORE_SCALE: f32 = 10_000.0;

/// One stem's postings: export document numbers (ascending) and scores.
pub struct Postings {
    pub term: Vec<u8>,
    pub docs: Vec<u32>,
    pub scores: Vec<u32>,
}

/// What the export reads from the index, before any file is encoded.
pub struct IndexData {
    docs: Vec<Doc>,
    postings: Vec<Postings>,
    /// The unstemmed vocabulary with document frequencies, sorted.
    words: Vec<(String, u64)>,
    languages: Vec<&'static str>,
    /// Every entry's most similar entries, best first.
    pub related: Vec<Vec<EntryId>>,
}

/// The exported files: `(path relative to the output folder, bytes)`.
pub type Files = Vec<(String, Vec<u8>)>;

/// Reads the index just built by `crate::search::index::build`, and finds
/// similar entries from it.
pub fn read(site: &Site, fresh: &FreshIndex) -> tantivy::Result<IndexData> {
    let index = Index::open_in_dir(fresh.path())?;
    register_tokenizers(&index);
    let fields = Fields::from_schema(&index.schema())?;
    let searcher = index.reader()?.searcher();
    let (docs, numbers) = documents(&searcher, &fields, site)?;
    let postings = postings(&searcher, &numbers)?;
    let similar = crate::search::related::related(&postings, docs.len());
    let mut related = vec![Vec::new(); site.entries.len()];
    for (doc, similar) in docs.iter().zip(similar) {
        related[doc.entry] = similar
            .into_iter()
            .map(|d| docs[d as usize].entry)
            .collect();
    }
    let lexicon = Lexicon::new(&searcher, &fields)?;
    Ok(IndexData {
        words: lexicon.vocabulary(b"", b"")?.into_iter().collect(),
        languages: lexicon.languages,
        docs,
        postings,
        related,
    })
}

/// Encodes the static index: shards, blocks, facets and the manifest.
pub fn encode(site: &Site, fresh: &FreshIndex, data: &IndexData) -> Files {
    let IndexData {
        docs,
        postings,
        words,
        languages,
        ..
    } = data;
    let mut files = Vec::new();
    let terms = shards::term_shards(postings, &mut files);
    let words = shards::word_shards(words, &mut files);
    let facets = shards::facets(site, docs, &mut files);
    let docs_per_block = shards::docs_per_block(docs.len());
    let blocks = shards::doc_blocks(site, fresh, docs, docs_per_block, &mut files);
    let manifest = json!({
        "version": 1,
        "docs": docs.len(),
        "languages": languages,
        "score_scale": SCORE_SCALE,
        "prefix_expansions": PREFIX_EXPANSIONS,
        "typo_min_length": TYPO_MIN_LENGTH,
        "typo_expansions": TYPO_EXPANSIONS,
        "docs_per_block": docs_per_block,
        "blocks": blocks,
        "terms": terms,
        "words": words,
        "facets": facets,
    });
    let mut files: Files = files
        .into_iter()
        .map(|f| (format!("{FOLDER}/{}", f.name), f.bytes))
        .collect();
    files.push((
        format!("{FOLDER}/manifest.json"),
        manifest.to_string().into_bytes(),
    ));
    files
}

/// Reads and encodes in one go: the static index's files, and each entry's
/// similar entries.
pub fn export(site: &Site, fresh: &FreshIndex) -> tantivy::Result<(Files, Vec<Vec<EntryId>>)> {
    let data = read(site, fresh)?;
    let files = encode(site, fresh, &data);
    Ok((files, data.related))
}

/// An exported document: its entry and its facet values.
struct Doc {
    entry: EntryId,
    /// `taxonomy/term` values.
    facets: Vec<String>,
}

/// The exported documents, in the order of their keys (`collection/slug`),
/// which is the order equal scores are ranked in; and for each of tantivy's
/// documents (segment by segment), its number in that order. Numbering by
/// key keeps the export the same from one build to the next, whichever
/// segment tantivy's writer threads put each document in.
fn documents(
    searcher: &Searcher,
    fields: &Fields,
    site: &Site,
) -> tantivy::Result<(Vec<Doc>, Vec<u32>)> {
    let by_key: HashMap<String, EntryId> = (0..site.entries.len())
        .map(|id| (site.entry_key(id), id))
        .collect();
    let mut docs = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in 0..segment.max_doc() {
            let stored: TantivyDocument =
                searcher.doc(tantivy::DocAddress::new(ord as u32, doc))?;
            let text = |field| {
                stored
                    .get_all(field)
                    .filter_map(|v| v.as_str().map(str::to_string))
            };
            let key = text(fields.key).next().unwrap_or_default();
            let entry = *by_key.get(&key).ok_or_else(|| {
                tantivy::TantivyError::InternalError(format!("indexed `{key}` is not an entry"))
            })?;
            docs.push((
                key,
                Doc {
                    entry,
                    facets: text(fields.facet).collect(),
                },
            ));
        }
    }
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].0.cmp(&docs[b].0));
    let mut numbers = vec![0u32; docs.len()];
    for (number, &tantivy_doc) in order.iter().enumerate() {
        numbers[tantivy_doc] = number as u32;
    }
    let mut docs: Vec<Option<Doc>> = docs.into_iter().map(|(_, doc)| Some(doc)).collect();
    let sorted = order
        .into_iter()
        .map(|i| docs[i].take().expect("each document once"))
        .collect();
    Ok((sorted, numbers))
}

/// Every stem of the weighted fields with tantivy's weighted BM25 score in
/// each document having it, sorted by stem; documents are numbered by
/// `numbers` (tantivy's document, segment by segment, to exported number).
fn postings(searcher: &Searcher, numbers: &[u32]) -> tantivy::Result<Vec<Postings>> {
    let schema = searcher.schema();
    let weighted: Vec<_> = WEIGHTED_FIELDS
        .iter()
        .map(|(name, weight)| schema.get_field(name).map(|f| (f, *weight)))
        .collect::<Result<_, _>>()?;
    let mut stems = BTreeSet::new();
    for segment in searcher.segment_readers() {
        for (field, _) in &weighted {
            let inverted = segment.inverted_index(*field)?;
            let mut stream = inverted.terms().stream()?;
            while let Some((key, _)) = stream.next() {
                stems.insert(key.to_vec());
            }
        }
    }
    let bases: Vec<u32> = searcher
        .segment_readers()
        .iter()
        .scan(0, |base, s| {
            let start = *base;
            *base += s.max_doc();
            Some(start)
        })
        .collect();
    stems
        .into_par_iter()
        .map(|stem| {
            let mut scored: Vec<(u32, f32)> = Vec::new();
            for (field, weight) in &weighted {
                let term = Term::from_field_bytes(*field, &stem);
                if searcher.doc_freq(&term)? == 0 {
                    continue;
                }
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                let scoring = EnableScoring::enabled_from_searcher(searcher);
                let term_weight = query.specialized_weight(scoring)?;
                for (segment, base) in searcher.segment_readers().iter().zip(&bases) {
                    let mut scorer = term_weight.scorer(segment, *weight)?;
                    let mut doc = scorer.doc();
                    while doc != TERMINATED {
                        scored.push((numbers[(base + doc) as usize], scorer.score()));
                        doc = scorer.advance();
                    }
                }
            }
            scored.sort_by_key(|&(doc, _)| doc);
            let mut docs = Vec::with_capacity(scored.len());
            let mut scores: Vec<f32> = Vec::with_capacity(scored.len());
            for (doc, score) in scored {
                if docs.last() == Some(&doc) {
                    *scores.last_mut().expect("a score per document") += score;
                } else {
                    docs.push(doc);
                    scores.push(score);
                }
            }
            Ok(Postings {
                term: stem,
                docs,
                scores: scores
                    .into_iter()
                    .map(|s| (s * SCORE_SCALE).round() as u32)
                    .collect(),
            })
        })
        .collect()
}
