//! Building the tantivy index from the validated site. The index is written
//! to a fresh folder and swapped in only when complete.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use tantivy::schema::Schema;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::core::model::{Entry, EntryId, SourceChanged, Value};
use crate::markdown;
use crate::search::fields::{Fields, register_tokenizers};
use crate::search::language::{LANGUAGES, stemmer_language, words_analyzer};
use crate::search::segments::{self, Bucket, Linking};
use crate::search::stemmer::MemoStemmer;
use crate::site::Site;

/// A complete index waiting beside its final folder, swapped in by
/// `commit` only when the rest of the build succeeded too.
pub struct FreshIndex {
    fresh: PathBuf,
    dir: PathBuf,
    /// The start of each entry's text, for the exported snippets.
    pub openings: Vec<String>,
    /// Each bucket's key and segments, for the record of the next build.
    pub buckets: Vec<(u64, Vec<String>)>,
}

impl FreshIndex {
    /// The folder the index is written in until `commit`.
    pub fn path(&self) -> &Path {
        &self.fresh
    }

    pub fn commit(self) -> std::io::Result<()> {
        let old = self
            .dir
            .with_file_name(format!(".index-old-{}", std::process::id()));
        if self.dir.exists() {
            std::fs::rename(&self.dir, &old)?;
        }
        std::fs::rename(&self.fresh, &self.dir)?;
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

impl Drop for FreshIndex {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.fresh);
        // `.calabash/` itself, when the build that made it failed.
        if let Some(parent) = self.fresh.parent() {
            let _ = std::fs::remove_dir(parent);
        }
    }
}

/// Entries analysed at a time: in parallel, then handed to the writer.
const CHUNK: usize = 256;

/// Writer memory of a bucket's own index: buckets are made in parallel,
/// about two at a time, as the one writer of two threads had 40 MB.
const BUCKET_MEMORY: usize = 20_000_000;

/// Indexes every entry of `site` into a fresh folder beside `dir`.
pub fn build(site: &Site, dir: &Path) -> tantivy::Result<FreshIndex> {
    build_unless(site, dir, &AtomicBool::new(false))
}

/// `build`, giving up (with an error) as soon as `stop` is set: the rest of
/// the build failed, and the index is not needed.
pub fn build_unless(site: &Site, dir: &Path, stop: &AtomicBool) -> tantivy::Result<FreshIndex> {
    build_reusing(site, dir, None, stop)
}

/// `build_unless`, linking from the last index the buckets of entries
/// (`segments`) that `linking` shows unchanged.
pub fn build_reusing(
    site: &Site,
    dir: &Path,
    linking: Option<&Linking>,
    stop: &AtomicBool,
) -> tantivy::Result<FreshIndex> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let fresh = parent.join(format!(".index-new-{}", std::process::id()));
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh)?;
    }
    std::fs::create_dir_all(&fresh)?;
    // Removes the folder again if anything below fails.
    let mut result = FreshIndex {
        fresh,
        dir: dir.to_path_buf(),
        openings: vec![String::new(); site.entries.len()],
        buckets: Vec::new(),
    };
    let (schema, fields) = Fields::schema();
    let previous = segments::previous_metas(linking);
    let grouped = segments::buckets(site);
    let buckets: Vec<Bucket> = (grouped.par_iter().enumerate())
        .map(|(ordinal, entries)| {
            let key = segments::bucket_key(linking, entries);
            let linked = segments::link(linking, &previous, (key, entries.len()), &result.fresh);
            match linked {
                Some(bucket) => Ok(bucket),
                None => make_bucket(
                    site,
                    (entries, key),
                    (&schema, &fields),
                    (&result.fresh, ordinal),
                    stop,
                ),
            }
        })
        .collect::<tantivy::Result<_>>()?;
    segments::write_meta(&result.fresh, schema, &buckets)?;
    for (entries, bucket) in grouped.iter().zip(buckets) {
        for ((_, id), opening) in entries.iter().zip(bucket.openings) {
            result.openings[id.index()] = opening;
        }
        let ids = bucket.metas.iter().map(|m| m.id().uuid_string()).collect();
        result.buckets.push((bucket.key, ids));
    }
    Ok(result)
}

/// Indexes a bucket's `entries` in an index of its own in `fresh`, then
/// keeps its segments in `fresh` itself (`segments::adopt`).
fn make_bucket(
    site: &Site,
    (entries, key): (&[(String, EntryId)], u64),
    (schema, fields): (&Schema, &Fields),
    (fresh, ordinal): (&Path, usize),
    stop: &AtomicBool,
) -> tantivy::Result<Bucket> {
    let made = fresh.join(format!(".bucket-{ordinal}"));
    std::fs::create_dir_all(&made)?;
    let index = Index::create_in_dir(&made, schema.clone())?;
    register_tokenizers(&index);
    // Entries are analysed here, in parallel; the writer's thread only
    // files their stems.
    let mut writer: IndexWriter = index.writer_with_num_threads(1, BUCKET_MEMORY)?;
    // Segments are not merged: a merge at tens of thousands of entries is
    // the build's largest passing need for memory and costs seconds, and
    // would make every bucket again.
    writer.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
    let mut openings = Vec::with_capacity(entries.len());
    for chunk in entries.chunks(CHUNK) {
        unless_stopped(stop)?;
        let documents: Vec<(TantivyDocument, String)> = chunk
            .par_iter()
            .map(|(_, id)| {
                ANALYSIS.with_borrow_mut(|analysis| document(site, *id, fields, analysis))
            })
            .collect::<Result<_, SourceChanged>>()
            .map_err(std::io::Error::other)?;
        for (document, opening) in documents {
            writer.add_document(document)?;
            openings.push(opening);
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let bucket = Bucket {
        key,
        metas: index.searchable_segment_metas()?,
        openings,
    };
    drop(index);
    segments::adopt(&made, fresh, &bucket)?;
    Ok(bucket)
}

/// The error of a step given up because `stop` was set.
pub fn stopped() -> tantivy::TantivyError {
    tantivy::TantivyError::InternalError("stopped: the index is no longer wanted".into())
}

/// Fails with `stopped()` once `stop` is set: checked often enough (per
/// chunk, entry, term or shard) that a step gives up within milliseconds.
pub fn unless_stopped(stop: &AtomicBool) -> tantivy::Result<()> {
    if stop.load(Ordering::Relaxed) {
        Err(stopped())
    } else {
        Ok(())
    }
}

/// About how much of an entry's text the exported index keeps for snippets.
const OPENING_CHARS: usize = 320;

/// The first `limit` characters of `text` or fewer, with spaces collapsed,
/// cut at a word boundary.
pub fn opening(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(limit.min(text.len()));
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if chars + len + 1 > limit && chars > 0 {
            break;
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.extend(word.chars().take(limit));
        chars += len;
    }
    out
}

/// Where a language tag's stemmer is in `LANGUAGES`.
fn language_position(lang: &str) -> usize {
    let tag = stemmer_language(lang).0;
    LANGUAGES
        .iter()
        .position(|(t, _)| *t == tag)
        .unwrap_or_default()
}

thread_local! {
    /// Each worker keeps its stemmers' memos from one entry to the next.
    static ANALYSIS: std::cell::RefCell<Analysis> = std::cell::RefCell::new(Analysis::new());
}

/// One worker's analysers: the splitter every field shares, and a stemmer
/// per language.
struct Analysis {
    words: TextAnalyzer,
    stemmers: Vec<MemoStemmer>,
}

impl Analysis {
    fn new() -> Self {
        Analysis {
            words: words_analyzer(),
            stemmers: LANGUAGES
                .iter()
                .map(|(_, l)| MemoStemmer::new(*l))
                .collect(),
        }
    }

    /// The text's stems in the language at `LANGUAGES[language]`, separated
    /// by spaces; its words go into `vocabulary`.
    fn stems(&mut self, text: &str, language: usize, vocabulary: &mut FxHashSet<String>) -> String {
        let stemmer = &mut self.stemmers[language];
        let mut stems = String::with_capacity(text.len());
        let mut stream = self.words.token_stream(text);
        while stream.advance() {
            let word = &stream.token().text;
            if !stems.is_empty() {
                stems.push(' ');
            }
            stems.push_str(stemmer.stem(word));
            if !vocabulary.contains(word) {
                vocabulary.insert(word.clone());
            }
        }
        stems
    }
}

/// An entry's facet values, `taxonomy/term`, in the order of its fields:
/// what the index stores and the export reads.
pub fn facets_of(entry: &Entry) -> Vec<String> {
    let mut facets = Vec::new();
    for value in entry.fields.values() {
        value.walk(&mut |v| {
            if let Value::Term { taxonomy, id } = v {
                facets.push(format!("{taxonomy}/{id}"));
            }
        });
    }
    facets
}

fn document(
    site: &Site,
    id: EntryId,
    fields: &Fields,
    analysis: &mut Analysis,
) -> Result<(TantivyDocument, String), SourceChanged> {
    let entry = site.entry(id);
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.key, site.entry_key(id));
    doc.add_text(fields.collection, &entry.collection);
    doc.add_text(fields.url, site.config.url(&site.entry_path(id)));
    doc.add_text(fields.lang, stemmer_language(&entry.lang).0);
    let language = language_position(&entry.lang);

    for facet in facets_of(entry) {
        doc.add_text(fields.facet, facet);
    }
    let mut labels = Vec::new();
    for value in entry.fields.values() {
        value.walk(&mut |v| {
            if let Value::Term { taxonomy, id } = v {
                labels.push(site.taxonomies.label(taxonomy, id).to_string());
            }
        });
    }
    // A build has released the texts (`SiteOptions::release_sources`): the index
    // must read the very text the pages were made from.
    let body = markdown::plain_text(&entry.body_as_read()?);
    let opening = opening(&body, OPENING_CHARS);
    doc.add_text(fields.shown_body, &body);
    let texts = [
        (fields.title, entry.title.clone()),
        (fields.summary, entry.summary.clone()),
        (fields.body, body),
        (fields.terms, labels.join("\n")),
    ];
    let mut vocabulary = FxHashSet::default();
    for (field, text) in texts {
        doc.add_text(field, analysis.stems(&text, language, &mut vocabulary));
    }
    doc.add_text(fields.shown_title, &entry.title);
    doc.add_text(fields.shown_summary, &entry.summary);
    let words: Vec<String> = vocabulary.into_iter().collect();
    doc.add_text(fields.words, words.join(" "));
    Ok((doc, opening))
}
