//! The documents of the static index: one per entry, numbered in the order
//! of their keys, with their facet values.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use crate::core::model::EntryId;
use crate::search::fields::Fields;
use crate::search::index::unless_stopped;
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
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in 0..segment.max_doc() {
            unless_stopped(stop)?;
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
                    lang: text(fields.lang).next().unwrap_or_default(),
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
