//! The documents of the static index: one per entry, numbered in the order
//! of their keys, with their facet values.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet as _, Searcher, SegmentReader, TERMINATED};

use crate::core::model::EntryId;
use crate::search::fields::Fields;
use crate::search::index::{facets_of, unless_stopped};
use crate::search::language::stemmer_language;
use crate::site::Site;

/// An exported document: its entry and its facet values.
pub struct Doc {
    pub entry: EntryId,
    /// `taxonomy/term` values.
    pub facets: Vec<String>,
    /// The language it is indexed in (a `LANGUAGES` tag).
    pub lang: String,
}

/// The exported documents, in the order of their keys (`collection/slug`),
/// which is the order equal scores are ranked in; and for each of tantivy's
/// documents (segment by segment), its number in that order. Numbering by
/// key keeps the export the same from one build to the next, whichever
/// segment tantivy's writer threads put each document in.
pub fn documents(
    searcher: &Searcher,
    fields: &Fields,
    site: &Site,
    stop: &AtomicBool,
) -> tantivy::Result<(Vec<Doc>, Vec<u32>)> {
    let by_key: HashMap<String, EntryId> = site
        .entry_ids()
        .map(|id| (site.entry_key(id), id))
        .collect();
    let mut docs = Vec::new();
    for segment in searcher.segment_readers() {
        for (key, entry) in keys(segment, fields, &by_key, stop)? {
            // What the index stored of the entry, made again from it: the
            // stored documents, with their text, are not read at all.
            let entry_data = site.entry(entry);
            docs.push((
                key,
                Doc {
                    entry,
                    facets: facets_of(entry_data),
                    lang: stemmer_language(&entry_data.lang).0.to_string(),
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

/// Each of a segment's documents' key and entry, in document order: read
/// from the key field's terms (one document each), not from the stored
/// documents, so that reading the index does not bring their text into
/// memory.
fn keys(
    segment: &SegmentReader,
    fields: &Fields,
    by_key: &HashMap<String, EntryId>,
    stop: &AtomicBool,
) -> tantivy::Result<Vec<(String, EntryId)>> {
    let mut keys: Vec<Option<(String, EntryId)>> = vec![None; segment.max_doc() as usize];
    let inverted = segment.inverted_index(fields.key)?;
    let mut stream = inverted.terms().stream()?;
    while let Some((term, info)) = stream.next() {
        unless_stopped(stop)?;
        let key = String::from_utf8_lossy(term).into_owned();
        let entry = *by_key.get(&key).ok_or_else(|| {
            tantivy::TantivyError::InternalError(format!("indexed `{key}` is not an entry"))
        })?;
        let mut postings = inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
        while postings.doc() != TERMINATED {
            keys[postings.doc() as usize] = Some((key.clone(), entry));
            postings.advance();
        }
    }
    (keys.into_iter())
        .map(|key| {
            key.ok_or_else(|| {
                tantivy::TantivyError::InternalError("a document without a key".into())
            })
        })
        .collect()
}
