//! The files of the static index (docs/search-index.md): term and word
//! shards, facet files and document blocks, each content-hashed, and the
//! manifest's lists of them.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;
use serde_json::json;

use super::documents::Doc;
use crate::config::CollectionConfig;
use crate::search::fields::COLLECTION_GROUP;
use crate::search::index::{FreshIndex, unless_stopped};
use crate::search::language::{LANGUAGE_GROUP, language_name};
use crate::search::packing::{self, HashedFile};
use crate::search::postings::Postings;
use crate::site::Site;

/// Documents per block: a result costs its whole block, but every block is
/// one more file. Large sites get larger blocks, to stay near `MAX_BLOCKS`.
const MIN_DOCS_PER_BLOCK: usize = 16;
const MAX_BLOCKS: usize = 500;
/// Uncompressed bytes at which a term shard is closed; large sites get
/// larger shards, to stay near `MAX_TERM_SHARDS`.
const MIN_TERM_SHARD_BYTES: usize = 16 * 1024;
const MAX_TERM_SHARDS: usize = 400;
const WORD_SHARD_BYTES: usize = 2 * 1024;
/// The same for exact-word shards, per language: a query fetches one per
/// word and other language, and a language of few entries has small ones.
const MIN_EXACT_SHARD_BYTES: usize = 4 * 1024;
const MAX_EXACT_SHARDS: usize = 200;

/// Documents per block for a site of `docs` documents.
pub fn docs_per_block(docs: usize) -> usize {
    MIN_DOCS_PER_BLOCK.max(docs.div_ceil(MAX_BLOCKS))
}

/// A key's documents encoded for its shard, with what the shard's list
/// says of it: the key and its document frequency.
pub struct Encoded {
    term: Vec<u8>,
    docs: usize,
    bytes: Vec<u8>,
}

/// Each term's postings encoded for its shard, letting go of them: at tens
/// of thousands of entries the postings are among the largest things a
/// build holds, and entry pages are rendered while the shards are made.
pub fn encode_terms(postings: Vec<Postings>, stop: &AtomicBool) -> tantivy::Result<Vec<Encoded>> {
    postings
        .into_par_iter()
        .map(|p| {
            unless_stopped(stop)?;
            // A stem's scores repeat (they depend on term frequency and
            // length only), so each posting names one of its distinct scores.
            let mut distinct = p.scores.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let mut out = Vec::with_capacity(p.docs.len() * 2 + distinct.len() * 2);
            packing::varint(&mut out, distinct.len() as u64);
            packing::gaps(&mut out, distinct.iter().copied());
            packing::gaps(&mut out, p.docs.iter().copied());
            for score in &p.scores {
                let position = distinct.binary_search(score).unwrap_or_default();
                packing::varint(&mut out, position as u64);
            }
            out.shrink_to_fit();
            Ok(Encoded {
                docs: p.docs.len(),
                term: p.term,
                bytes: out,
            })
        })
        .collect()
}

/// Term shards; returns the manifest's `[first term, file]` list.
pub fn term_shards(
    terms: &[Encoded],
    files: &mut Vec<HashedFile>,
    stop: &AtomicBool,
) -> tantivy::Result<Vec<(String, String)>> {
    let sizes = (MIN_TERM_SHARD_BYTES, MAX_TERM_SHARDS);
    sharded(("t", sizes), terms, files, stop)
}

/// Exact-word shards of one language (on indexes of more than one): each
/// word's documents in that language, in files `x<lang><n>`; returns the
/// manifest's list.
pub fn exact_shards(
    lang: &str,
    words: &[Postings],
    files: &mut Vec<HashedFile>,
    stop: &AtomicBool,
) -> tantivy::Result<Vec<(String, String)>> {
    unless_stopped(stop)?;
    let encoded: Vec<Encoded> = words
        .par_iter()
        .map(|p| {
            let mut bytes = Vec::with_capacity(p.docs.len() * 2);
            packing::gaps(&mut bytes, p.docs.iter().copied());
            Encoded {
                term: p.term.clone(),
                docs: p.docs.len(),
                bytes,
            }
        })
        .collect();
    let sizes = (MIN_EXACT_SHARD_BYTES, MAX_EXACT_SHARDS);
    sharded((&format!("x{lang}"), sizes), &encoded, files, stop)
}

/// Shards of `kind` holding each key's document frequency and its encoded
/// postings, of at least `min` bytes, larger when there would be more than
/// `most` of them.
fn sharded(
    (kind, (min, most)): (&str, (usize, usize)),
    keys: &[Encoded],
    files: &mut Vec<HashedFile>,
    stop: &AtomicBool,
) -> tantivy::Result<Vec<(String, String)>> {
    let total: usize = keys.iter().map(|e| e.bytes.len() + 8).sum();
    let target = min.max(total / most);
    let starts = packing::shard_starts(keys.iter().map(|e| e.bytes.len() + 8), target);
    let shards: Vec<(String, HashedFile)> = ranges(&starts, keys.len())
        .into_par_iter()
        .enumerate()
        .map(|(ordinal, range)| {
            unless_stopped(stop)?;
            let mut raw = Vec::new();
            packing::varint(&mut raw, range.len() as u64);
            for key in &keys[range.clone()] {
                packing::string(&mut raw, &key.term);
                packing::varint(&mut raw, key.docs as u64);
                packing::varint(&mut raw, key.bytes.len() as u64);
            }
            for key in &keys[range.clone()] {
                raw.extend_from_slice(&key.bytes);
            }
            let first = first_key(&keys[range.start].term, range.start);
            Ok((first, HashedFile::new(kind, ordinal, "bin", &raw)))
        })
        .collect::<tantivy::Result<_>>()?;
    Ok(listed(shards, files))
}

/// Word shards of the vocabulary; returns the manifest's list.
pub fn word_shards(words: &[(String, u64)], files: &mut Vec<HashedFile>) -> Vec<(String, String)> {
    let starts = packing::shard_starts(words.iter().map(|(w, _)| w.len() + 3), WORD_SHARD_BYTES);
    let shards = ranges(&starts, words.len())
        .into_iter()
        .enumerate()
        .map(|(ordinal, range)| {
            let mut raw = Vec::new();
            packing::varint(&mut raw, range.len() as u64);
            for (word, frequency) in &words[range.clone()] {
                packing::string(&mut raw, word.as_bytes());
                packing::varint(&mut raw, *frequency);
            }
            let first = first_key(words[range.start].0.as_bytes(), range.start);
            (first, HashedFile::new("w", ordinal, "bin", &raw))
        })
        .collect();
    listed(shards, files)
}

/// A facet file per group and the manifest's `facets` list: the collection
/// group, the entries' languages (when there are several), then the
/// taxonomies of `[search] facets`. A client loads a group's file only when
/// it shows that group, or, for languages, searches.
pub fn facets(
    site: &Site,
    docs: &[Doc],
    languages: &[&str],
    files: &mut Vec<HashedFile>,
) -> serde_json::Value {
    let mut members: HashMap<String, Vec<u32>> = HashMap::new();
    for (n, doc) in docs.iter().enumerate() {
        let entry = site.entry(doc.entry);
        let collection = format!("{COLLECTION_GROUP}/{}", entry.collection);
        let lang = format!("{LANGUAGE_GROUP}/{}", doc.lang);
        for value in doc.facets.iter().chain([&collection, &lang]) {
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
    if languages.len() > 1 {
        let names = languages
            .iter()
            .map(|tag| {
                // The hub's name for it, unless it gave none (the code).
                let named = site.config.language_named(tag).map(|l| l.name.as_str());
                let name = named
                    .filter(|name| name != tag)
                    .unwrap_or(language_name(tag));
                (tag.to_string(), name.to_string())
            })
            .collect();
        groups.push((LANGUAGE_GROUP.to_string(), "Language".to_string(), names));
    }
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
            packing::varint(&mut raw, docs.len() as u64);
            packing::gaps(&mut raw, docs.iter().copied());
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
pub fn doc_blocks(
    site: &Site,
    fresh: &FreshIndex,
    docs: &[Doc],
    docs_per_block: usize,
    files: &mut Vec<HashedFile>,
    stop: &AtomicBool,
) -> tantivy::Result<Vec<String>> {
    let collections: HashMap<&str, usize> = indexed_collections(site, docs)
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    let blocks: Vec<HashedFile> = docs
        .par_chunks(docs_per_block)
        .enumerate()
        .map(|(ordinal, chunk)| {
            unless_stopped(stop)?;
            let rows: Vec<serde_json::Value> = chunk
                .iter()
                .map(|doc| {
                    let entry = site.entry(doc.entry);
                    // Results in another language than the site's say so.
                    let lang = if entry.lang == site.config.language {
                        ""
                    } else {
                        entry.lang.as_str()
                    };
                    json!([
                        site.entry_key(doc.entry),
                        site.config.url(&site.entry_path(doc.entry)),
                        entry.title,
                        collections[entry.collection.as_str()],
                        entry.summary,
                        entry.date.map(|d| d.to_string()).unwrap_or_default(),
                        fresh.openings[doc.entry.index()],
                        lang,
                    ])
                })
                .collect();
            let rows = serde_json::Value::from(rows).to_string();
            Ok(HashedFile::new("d", ordinal, "json", rows.as_bytes()))
        })
        .collect::<tantivy::Result<_>>()?;
    let names = blocks.iter().map(|b| b.hash().to_string()).collect();
    files.extend(blocks);
    Ok(names)
}

/// Collections with at least one indexed entry, in `site.toml` order: the
/// values of the `collection` facet group.
fn indexed_collections<'a>(site: &'a Site, docs: &[Doc]) -> Vec<&'a CollectionConfig> {
    let used: BTreeSet<&str> = docs
        .iter()
        .map(|d| site.entry(d.entry).collection.as_str())
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
