//! Which entries a digest lists, and whether each is new or updated: by
//! git's history of its file where git knows it, else by its front
//! matter's `date` and `updated`.

use jiff::civil;

use crate::core::model::{Entry, EntryId};
use crate::history::{Period, PeriodHistories, PeriodHistory};
use crate::site::Site;

/// What happened to an entry within the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// First published within it.
    New,
    /// Published before it, and changed within it.
    Updated,
}

/// An entry the digest lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The version shown: the one in the digest's language where the entry
    /// has one, else the original.
    pub id: EntryId,
    pub kind: Kind,
    /// When it was added (new) or last changed within the period (updated).
    pub date: civil::Date,
}

/// The entries new or updated within `period`, in the site's order (by
/// collection as `site.toml` lists them, then by slug), each once, in its
/// version in `lang` where it has one, whose own history decides. Free
/// pages, drafts (never loaded) and entries with errors are left out.
pub fn select(site: &Site, histories: &PeriodHistories, period: Period, lang: &str) -> Vec<Listed> {
    site.entries_with_ids()
        .filter(|(_, entry)| listable(site, entry) && !entry.translation)
        .filter_map(|(id, _)| {
            let shown = version_in(site, id, lang);
            let entry = site.entry(shown);
            let (kind, date) = change(entry, histories.get(&entry.source.path), period)?;
            Some(Listed {
                id: shown,
                kind,
                date,
            })
        })
        .collect()
}

fn listable(site: &Site, entry: &Entry) -> bool {
    let pages = site
        .config
        .collection(&entry.collection)
        .is_none_or(|c| c.is_pages());
    !entry.invalid && !entry.draft && !pages
}

/// The version of `original` written in `lang`, if it has a valid one.
fn version_in(site: &Site, original: EntryId, lang: &str) -> EntryId {
    (site.versions.of(original).iter().copied())
        .find(|&v| site.page_lang(v) == lang && listable(site, site.entry(v)))
        .unwrap_or(original)
}

/// Whether `entry` is new or updated within `period`, and when.
fn change(
    entry: &Entry,
    committed: Option<&PeriodHistory>,
    period: Period,
) -> Option<(Kind, civil::Date)> {
    let (added, changed) = match committed {
        Some(history) => (history.added, history.changed),
        None => (
            entry.date?,
            entry.updated.filter(|&day| period.contains(day)),
        ),
    };
    if period.contains(added) {
        Some((Kind::New, added))
    } else if added < period.since {
        changed.map(|day| (Kind::Updated, day))
    } else {
        None
    }
}
