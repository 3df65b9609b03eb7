//! The validated site: configuration, vocabularies, entries with their
//! rendered bodies, backlinks and history; and what the command line may
//! change about it.

use crate::config::Config;
use crate::core::model::{Entry, EntryId, PerEntry, Value};
use crate::history::EntryHistory;
use crate::load::taxonomy::Taxonomies;
use crate::markdown::Rendered;
use crate::validate::backlinks::Backlink;
use crate::validate::translations::Versions;

/// What the command line may change about a build.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    pub drafts: bool,
    pub base_url: Option<String>,
    /// The build time, which decides which events are upcoming; `None` for
    /// now (or `SOURCE_DATE_EPOCH`).
    pub now: Option<jiff::Timestamp>,
    /// Let go of each entry's source text once its body is rendered, and
    /// each draft's once checked (`Source::released`): set by `build`, which renders each page once,
    /// never by the command line. `check` and the preview keep the texts.
    pub release_sources: bool,
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
    pub backlinks: PerEntry<Vec<Backlink>>,
    /// Unpublished entries: references to them are reported as such.
    pub drafts: Vec<Entry>,
    /// Each entry's original and translations.
    pub versions: Versions,
    /// `history[i]` is what git knows of `entries[i]`'s file; `None` when
    /// it is not committed or there is no history to read.
    pub history: Vec<Option<EntryHistory>>,
}

impl Site {
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.index()]
    }

    /// An entry's body as HTML.
    pub fn body(&self, id: EntryId) -> &Rendered {
        &self.rendered[id.index()]
    }

    /// An entry and its body, to change in place (the preview replaces
    /// bodies that alone changed).
    pub fn entry_and_body_mut(&mut self, id: EntryId) -> (&mut Entry, &mut Rendered) {
        (
            &mut self.entries[id.index()],
            &mut self.rendered[id.index()],
        )
    }

    /// Lets go of what only the checks of the whole site read in each
    /// body (`Rendered::forget_checked_links`) and in each entry (where
    /// its front-matter keys are written, the collections each reference
    /// may name): a build does so once they have passed, before the
    /// template values of every entry are made.
    pub fn forget_checked_links(&mut self) {
        self.rendered
            .iter_mut()
            .for_each(Rendered::forget_checked_links);
        for entry in self.entries.iter_mut().chain(&mut self.drafts) {
            entry.written = None;
            for value in entry.fields.values_mut() {
                value.walk_mut(&mut |v| {
                    if let Value::Ref(reference) = v {
                        reference.targets = Vec::new();
                    }
                });
            }
        }
    }

    /// The entry read from `path` (relative to the site root).
    pub fn entry_of_file(&self, path: &str) -> Option<EntryId> {
        self.entries_with_ids()
            .find(|(_, e)| e.source.path == path)
            .map(|(id, _)| id)
    }

    /// The entries that point at an entry.
    pub fn backlinks_of(&self, id: EntryId) -> &[Backlink] {
        &self.backlinks[id]
    }

    /// What git knows of an entry's file.
    pub fn history_of(&self, id: EntryId) -> Option<&EntryHistory> {
        self.history.get(id.index())?.as_ref()
    }

    /// Every entry's id, in order.
    pub fn entry_ids(&self) -> impl DoubleEndedIterator<Item = EntryId> + ExactSizeIterator {
        EntryId::all(self.entries.len())
    }

    /// Every entry with its id.
    pub fn entries_with_ids(&self) -> impl Iterator<Item = (EntryId, &Entry)> {
        self.entry_ids().zip(&self.entries)
    }

    /// Ids of a collection's entries.
    pub fn entries_of<'a>(&'a self, collection: &'a str) -> impl Iterator<Item = EntryId> + 'a {
        self.entries_with_ids()
            .filter(move |(_, e)| e.collection == collection)
            .map(|(id, _)| id)
    }

    /// An entry's key, `collection/slug` (`collection/slug.lang` for a
    /// translation, as its file is named): what names it in the search index
    /// and across rebuilds, where ids change.
    pub fn entry_key(&self, id: EntryId) -> String {
        let entry = self.entry(id);
        match entry.translation {
            true => format!("{}/{}.{}", entry.collection, entry.slug, entry.lang),
            false => format!("{}/{}", entry.collection, entry.slug),
        }
    }

    /// When an entry last changed: its `updated` date, else its last
    /// commit's, else its `date`. Pages, feeds, the sitemap and structured
    /// data all show this one.
    pub fn last_updated(&self, id: EntryId) -> Option<jiff::civil::Date> {
        let entry = self.entry(id);
        entry
            .updated
            .or_else(|| self.history_of(id).map(|h| h.changed))
            .or(entry.date)
    }

    /// The site path of an entry (`/library/slug/`; `/slug/` for free
    /// pages), under its language's folder when that is not the default
    /// (`/es/library/slug/`).
    pub fn entry_path(&self, id: EntryId) -> String {
        let entry = self.entry(id);
        let base = self
            .config
            .collection(&entry.collection)
            .map_or("/", |c| c.path.as_str());
        self.in_language(self.page_lang(id), &format!("{base}{}/", entry.slug))
    }

    /// The language an entry's page is in: its own, when the hub publishes
    /// it, else the default.
    pub fn page_lang(&self, id: EntryId) -> &str {
        let lang = &self.entry(id).lang;
        match self.config.language_named(lang) {
            Some(published) => &published.code,
            None => &self.config.language,
        }
    }

    /// A site path of the default language's pages as the same page in
    /// `lang` has it: under `/<lang>/` but for the default language.
    pub fn in_language(&self, lang: &str, path: &str) -> String {
        if lang == self.config.language {
            path.to_string()
        } else {
            format!("/{lang}{path}")
        }
    }

    /// A site path of a page in `lang` as the same page in the default
    /// language has it: what `in_language` made it from.
    pub fn out_of_language<'p>(&self, lang: &str, path: &'p str) -> &'p str {
        if lang == self.config.language {
            return path;
        }
        let rest = path.strip_prefix('/').and_then(|p| p.strip_prefix(lang));
        rest.filter(|p| p.starts_with('/')).unwrap_or(path)
    }
}
