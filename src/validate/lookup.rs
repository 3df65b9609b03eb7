//! Finding entries by collection and slug, and knowing those that exist but
//! are not built, for the checks of references and links.

use std::collections::HashMap;

use crate::core::model::{Entry, EntryId};

/// Finds entries by collection and slug.
/// Lookups borrow their keys: links are looked up by the thousand.
pub struct EntryIndex<'a> {
    by_collection: HashMap<&'a str, HashMap<&'a str, EntryId>>,
}

impl<'a> EntryIndex<'a> {
    pub fn new(entries: &'a [Entry]) -> Self {
        let mut by_collection: HashMap<&str, HashMap<&str, EntryId>> = HashMap::new();
        // A slug names the original; its translations share it.
        for (id, e) in EntryId::enumerate(entries).filter(|(_, e)| !e.translation) {
            by_collection
                .entry(e.collection.as_str())
                .or_default()
                .insert(e.slug.as_str(), id);
        }
        EntryIndex { by_collection }
    }

    pub fn get(&self, collection: &str, slug: &str) -> Option<EntryId> {
        self.by_collection.get(collection)?.get(slug).copied()
    }
}

/// Entries that exist but are not built: references to them get their own
/// message (drafts) or none (unreadable ones, whose own error says enough).
pub struct Unbuilt<'a> {
    pub drafts: &'a [Entry],
    /// `(collection, slug)` of the entry files that could not be read.
    pub unreadable: &'a [(String, String)],
}

impl Unbuilt<'_> {
    pub fn is_unreadable(&self, collection: &str, slug: &str) -> bool {
        self.unreadable
            .iter()
            .any(|(c, s)| c == collection && s == slug)
    }
}
