//! The validated site: configuration, vocabularies, entries with their
//! rendered bodies, backlinks and history; and what the command line may
//! change about it.

use crate::config::Config;
use crate::core::model::{Entry, EntryId};
use crate::history::EntryHistory;
use crate::load::taxonomy::Taxonomies;
use crate::markdown::Rendered;
use crate::validate::backlinks::Backlink;

/// What the command line may change about a build.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    pub drafts: bool,
    pub base_url: Option<String>,
    /// The build time, which decides which events are upcoming; `None` for
    /// now (or `SOURCE_DATE_EPOCH`).
    pub now: Option<jiff::Timestamp>,
}

impl SiteOptions {
    /// The build time: `now` when given, else the clock (or `SOURCE_DATE_EPOCH`).
    pub fn build_time(&self) -> jiff::Timestamp {
        self.now.unwrap_or_else(crate::core::clock::build_time)
    }
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub taxonomies: Taxonomies,
    /// Published entries, by collection (in `site.toml` order), then slug.
    pub entries: Vec<Entry>,
    /// `rendered[i]` is the body of `entries[i]`.
    pub rendered: Vec<Rendered>,
    /// `backlinks[i]` lists the entries that point at `entries[i]`.
    pub backlinks: Vec<Vec<Backlink>>,
    /// Unpublished entries: references to them are reported as such.
    pub drafts: Vec<Entry>,
    /// `history[i]` is what git knows of `entries[i]`'s file; `None` when
    /// it is not committed or there is no history to read.
    pub history: Vec<Option<EntryHistory>>,
}

impl Site {
    /// Ids of a collection's entries.
    pub fn entries_of<'a>(&'a self, collection: &'a str) -> impl Iterator<Item = EntryId> + 'a {
        self.entries
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.collection == collection)
            .map(|(i, _)| i)
    }

    /// An entry's key, `collection/slug`: what names it in the search index
    /// and across rebuilds, where ids change.
    pub fn entry_key(&self, id: EntryId) -> String {
        let entry = &self.entries[id];
        format!("{}/{}", entry.collection, entry.slug)
    }

    /// When an entry last changed: its `updated` date, else its last
    /// commit's, else its `date`. Pages, feeds, the sitemap and structured
    /// data all show this one.
    pub fn last_updated(&self, id: EntryId) -> Option<jiff::civil::Date> {
        let entry = &self.entries[id];
        entry
            .updated
            .or_else(|| self.history.get(id)?.as_ref().map(|h| h.changed))
            .or(entry.date)
    }

    /// The site path of an entry (`/library/slug/`; `/slug/` for free pages).
    pub fn entry_path(&self, id: EntryId) -> String {
        let entry = &self.entries[id];
        let base = self
            .config
            .collection(&entry.collection)
            .map_or("/", |c| c.path.as_str());
        format!("{base}{}/", entry.slug)
    }
}
