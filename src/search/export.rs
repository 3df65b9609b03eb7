//! Exports the tantivy index into the published site as the static, sharded
//! index the reader's browser searches (format: docs/search-index.md).
//! Scores are tantivy's own: each posting carries the BM25 score tantivy's
//! scorer gives that stem in that document, weighted and summed over fields.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde_json::json;
use tantivy::query::{EnableScoring, TermQuery, Weight};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocSet, Index, Searcher, TERMINATED, TantivyDocument, Term};

use crate::config::CollectionConfig;
use crate::model::EntryId;
use crate::search::encode::{self, HashedFile};
use crate::search::index::FreshIndex;
use crate::search::lexicon::{Lexicon, PREFIX_EXPANSIONS, TYPO_MIN_LENGTH};
use crate::search::query::COLLECTION_GROUP;
use crate::search::{Fields, WEIGHTED_FIELDS, register_tokenizers};
use crate::site::Site;

/// Where the exported index lives in the published site.
pub const FOLDER: &str = "search/index";
/// Scores are stored as whole numbers of this fraction of a point.
pub const SCORE_SCALE: f32 = 10_000.0;
/// Documents per block: a result costs its whole block, but every block is
/// one more file. Large sites get larger blocks, to stay near `MAX_BLOCKS`.
const MIN_DOCS_PER_BLOCK: usize = 16;
const MAX_BLOCKS: usize = 500;
/// Uncompressed bytes at which a term shard is closed; large sites get
/// larger shards, to stay near `MAX_TERM_SHARDS`.
const MIN_TERM_SHARD_BYTES: usize = 16 * 1024;
const MAX_TERM_SHARDS: usize = 400;
const WORD_SHARD_BYTES: usize = 2 * 1024;

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
    words: Vec<(Vec<u8>, u64)>,
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
    let docs = documents(&searcher, &fields, site)?;
    let postings = postings(&searcher)?;
    let similar = crate::search::related::related(&postings, docs.len());
    let mut related = vec![Vec::new(); site.entries.len()];
    for (doc, similar) in docs.iter().zip(similar) {
        related[doc.entry] = similar
            .into_iter()
            .map(|d| docs[d as usize].entry)
            .collect();
    }
    Ok(IndexData {
        words: vocabulary(&searcher, &fields)?,
        languages: Lexicon::new(&searcher, &fields)?.languages,
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
    let terms = term_shards(postings, &mut files);
    let words = word_shards(words, &mut files);
    let facets = facets(site, docs, &mut files);
    let docs_per_block = MIN_DOCS_PER_BLOCK.max(docs.len().div_ceil(MAX_BLOCKS));
    let blocks = doc_blocks(site, fresh, docs, docs_per_block, &mut files);
    let manifest = json!({
        "version": 1,
        "docs": docs.len(),
        "languages": languages,
        "score_scale": SCORE_SCALE,
        "prefix_expansions": PREFIX_EXPANSIONS,
        "typo_min_length": TYPO_MIN_LENGTH,
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

/// Documents in tantivy's order (segment, then document), which is the
/// order ties are broken in.
fn documents(searcher: &Searcher, fields: &Fields, site: &Site) -> tantivy::Result<Vec<Doc>> {
    let by_key: HashMap<String, EntryId> = site
        .entries
        .iter()
        .enumerate()
        .map(|(id, e)| (format!("{}/{}", e.collection, e.slug), id))
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
            docs.push(Doc {
                entry,
                facets: text(fields.facet).collect(),
            });
        }
    }
    Ok(docs)
}

/// Every stem of the weighted fields with tantivy's weighted BM25 score in
/// each document having it, sorted by stem.
fn postings(searcher: &Searcher) -> tantivy::Result<Vec<Postings>> {
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
                        scored.push((base + doc, scorer.score()));
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

/// Term shards; returns the manifest's `[first term, file]` list.
fn term_shards(postings: &[Postings], files: &mut Vec<HashedFile>) -> Vec<(String, String)> {
    let encoded: Vec<Vec<u8>> = postings
        .par_iter()
        .map(|p| {
            // A stem's scores repeat (they depend on term frequency and
            // length only), so each posting names one of its distinct scores.
            let mut distinct = p.scores.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let mut out = Vec::with_capacity(p.docs.len() * 2 + distinct.len() * 2);
            encode::varint(&mut out, distinct.len() as u64);
            encode::gaps(&mut out, distinct.iter().copied());
            encode::gaps(&mut out, p.docs.iter().copied());
            for score in &p.scores {
                let position = distinct.binary_search(score).unwrap_or_default();
                encode::varint(&mut out, position as u64);
            }
            out
        })
        .collect();
    let total: usize = encoded.iter().map(|e| e.len() + 8).sum();
    let target = MIN_TERM_SHARD_BYTES.max(total / MAX_TERM_SHARDS);
    let starts = encode::shard_starts(encoded.iter().map(|e| e.len() + 8), target);
    let shards: Vec<(String, HashedFile)> = ranges(&starts, postings.len())
        .into_par_iter()
        .enumerate()
        .map(|(ordinal, range)| {
            let mut raw = Vec::new();
            encode::varint(&mut raw, range.len() as u64);
            for i in range.clone() {
                encode::string(&mut raw, &postings[i].term);
                encode::varint(&mut raw, postings[i].docs.len() as u64);
                encode::varint(&mut raw, encoded[i].len() as u64);
            }
            for i in range.clone() {
                raw.extend_from_slice(&encoded[i]);
            }
            let first = first_key(&postings[range.start].term, range.start);
            (first, HashedFile::new("t", ordinal, "bin", &raw))
        })
        .collect();
    listed(shards, files)
}

/// The unstemmed vocabulary with document frequencies, sorted.
fn vocabulary(searcher: &Searcher, fields: &Fields) -> tantivy::Result<Vec<(Vec<u8>, u64)>> {
    let mut words: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.words)?;
        let mut stream = inverted.terms().stream()?;
        while let Some((key, info)) = stream.next() {
            *words.entry(key.to_vec()).or_insert(0) += u64::from(info.doc_freq);
        }
    }
    Ok(words.into_iter().collect())
}

/// Word shards of the vocabulary; returns the manifest's list.
fn word_shards(words: &[(Vec<u8>, u64)], files: &mut Vec<HashedFile>) -> Vec<(String, String)> {
    let starts = encode::shard_starts(words.iter().map(|(w, _)| w.len() + 3), WORD_SHARD_BYTES);
    let shards = ranges(&starts, words.len())
        .into_iter()
        .enumerate()
        .map(|(ordinal, range)| {
            let mut raw = Vec::new();
            encode::varint(&mut raw, range.len() as u64);
            for (word, frequency) in &words[range.clone()] {
                encode::string(&mut raw, word);
                encode::varint(&mut raw, *frequency);
            }
            let first = first_key(&words[range.start].0, range.start);
            (first, HashedFile::new("w", ordinal, "bin", &raw))
        })
        .collect();
    listed(shards, files)
}

/// A facet file per group and the manifest's `facets` list: the collection
/// group, then the taxonomies of `[search] facets`. A client loads a group's
/// file only when it shows that group.
fn facets(site: &Site, docs: &[Doc], files: &mut Vec<HashedFile>) -> serde_json::Value {
    let mut members: HashMap<String, Vec<u32>> = HashMap::new();
    for (n, doc) in docs.iter().enumerate() {
        let entry = &site.entries[doc.entry];
        let collection = format!("{COLLECTION_GROUP}/{}", entry.collection);
        for value in doc.facets.iter().chain([&collection]) {
            let list = members.entry(value.clone()).or_default();
            if list.last() != Some(&(n as u32)) {
                list.push(n as u32);
            }
        }
    }
    let mut groups = vec![(
        COLLECTION_GROUP.to_string(),
        "Type".to_string(),
        indexed_collections(site, docs)
            .iter()
            .map(|c| (c.name.clone(), c.title.clone()))
            .collect::<Vec<_>>(),
    )];
    for name in &site.config.search_facets {
        if let Some(taxonomy) = site.taxonomies.get(name) {
            let values = taxonomy
                .terms
                .iter()
                .map(|t| (t.id.clone(), t.label.clone()))
                .collect();
            groups.push((name.clone(), taxonomy.config.title.clone(), values));
        }
    }
    let mut listed_groups = Vec::new();
    for (ordinal, (name, title, values)) in groups.into_iter().enumerate() {
        let mut raw = Vec::new();
        let mut listed_values = Vec::new();
        for (id, label) in values {
            let Some(docs) = members.get(&format!("{name}/{id}")) else {
                continue;
            };
            encode::varint(&mut raw, docs.len() as u64);
            encode::gaps(&mut raw, docs.iter().copied());
            listed_values.push(json!([id, label, docs.len()]));
        }
        let file = HashedFile::new("f", ordinal, "bin", &raw);
        listed_groups.push(json!({
            "name": name,
            "title": title,
            "file": file.hash(),
            "values": listed_values,
        }));
        files.push(file);
    }
    serde_json::Value::from(listed_groups)
}

/// Document blocks: what a result shows, and the opening text for snippets.
fn doc_blocks(
    site: &Site,
    fresh: &FreshIndex,
    docs: &[Doc],
    docs_per_block: usize,
    files: &mut Vec<HashedFile>,
) -> Vec<String> {
    let collections: HashMap<&str, usize> = indexed_collections(site, docs)
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    let blocks: Vec<HashedFile> = docs
        .par_chunks(docs_per_block)
        .enumerate()
        .map(|(ordinal, chunk)| {
            let rows: Vec<serde_json::Value> = chunk
                .iter()
                .map(|doc| {
                    let entry = &site.entries[doc.entry];
                    json!([
                        format!("{}/{}", entry.collection, entry.slug),
                        site.config.url(&site.entry_path(doc.entry)),
                        entry.title,
                        collections[entry.collection.as_str()],
                        entry.summary,
                        entry.date.map(|d| d.to_string()).unwrap_or_default(),
                        fresh.openings[doc.entry],
                    ])
                })
                .collect();
            let rows = serde_json::Value::from(rows).to_string();
            HashedFile::new("d", ordinal, "json", rows.as_bytes())
        })
        .collect();
    let names = blocks.iter().map(|b| b.hash().to_string()).collect();
    files.extend(blocks);
    names
}

/// Collections with at least one indexed entry, in `site.toml` order: the
/// values of the `collection` facet group.
fn indexed_collections<'a>(site: &'a Site, docs: &[Doc]) -> Vec<&'a CollectionConfig> {
    let used: BTreeSet<&str> = docs
        .iter()
        .map(|d| site.entries[d.entry].collection.as_str())
        .collect();
    site.config
        .collections
        .iter()
        .filter(|c| used.contains(c.name.as_str()))
        .collect()
}

fn ranges(starts: &[usize], len: usize) -> Vec<std::ops::Range<usize>> {
    starts
        .iter()
        .enumerate()
        .map(|(i, &start)| start..starts.get(i + 1).copied().unwrap_or(len))
        .collect()
}

/// The manifest's key for a shard: `""` for the first, so every lookup lands.
fn first_key(key: &[u8], position: usize) -> String {
    if position == 0 {
        String::new()
    } else {
        String::from_utf8_lossy(key).into_owned()
    }
}

fn listed(shards: Vec<(String, HashedFile)>, files: &mut Vec<HashedFile>) -> Vec<(String, String)> {
    shards
        .into_iter()
        .map(|(first, file)| {
            let entry = (first, file.hash().to_string());
            files.push(file);
            entry
        })
        .collect()
}
