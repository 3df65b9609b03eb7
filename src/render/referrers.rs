//! The entries that refer to an entry, one collection at a time, kept to
//! a bounded number on its page: the page shows the most recent `SHOWN` of
//! each collection and links to the full list, a page of its own (paginated)
//! planned only when there are more. Each reference so appears on a bounded
//! number of pages, and the output grows with the references, not with
//! their square.

use tera::Value as TeraValue;

use super::job::{Job, Pagination, Target, referrers_base};
use crate::core::model::EntryId;
use crate::site::Site;

/// Referring entries of one collection an entry page lists.
pub const SHOWN: usize = 10;
/// Entries per page of a full list of referring entries.
const PAGE_SIZE: usize = 50;

/// The entries that refer to `id` (to its original, for a translation),
/// one group per collection in the order of `Site::backlinks_of`, each
/// entry once.
pub fn groups(site: &Site, id: EntryId) -> Vec<(&str, Vec<EntryId>)> {
    let backlinks = site.backlinks_of(site.versions.original(id));
    backlinks
        .chunk_by(|a, b| site.entry(a.from).collection == site.entry(b.from).collection)
        .map(|group| {
            let mut from: Vec<EntryId> = group.iter().map(|b| b.from).collect();
            from.dedup();
            (site.entry(group[0].from).collection.as_str(), from)
        })
        .collect()
}

/// `ids` the most recent first (by `date`, then title), as the full list
/// shows them; an entry page shows the first `SHOWN`.
pub fn most_recent(site: &Site, ids: &[EntryId]) -> Vec<EntryId> {
    let mut sorted = ids.to_vec();
    // An entry referred to by thousands is sorted on each of its pages: each
    // title is lowered once, not at every comparison.
    sorted.sort_by_cached_key(|&id| {
        let entry = site.entry(id);
        (std::cmp::Reverse(entry.date), entry.title.to_lowercase())
    });
    sorted
}

/// The pages of the full lists of `id`'s referring entries, for each
/// collection with more than `SHOWN` of them, in the language of its page.
pub fn jobs(site: &Site, id: EntryId) -> Vec<Job> {
    let lang = site.page_lang(id);
    let mut jobs = Vec::new();
    for (collection, from) in groups(site, id) {
        if from.len() <= SHOWN {
            continue;
        }
        let sorted = most_recent(site, &from);
        jobs.extend(Pagination::split(&sorted, PAGE_SIZE).map(|page| {
            let target = Target::Referrers {
                to: id,
                collection: collection.to_string(),
                page,
            };
            Job::new(lang, target)
        }));
    }
    jobs
}

/// The value an entry page's group of referring entries adds to say how
/// many there are and where all are listed: `total`, and `all_url`, the
/// full list's address, or none when the group shows them all.
pub fn group_total(
    site: &Site,
    id: EntryId,
    collection: &str,
    total: usize,
) -> [(&'static str, TeraValue); 2] {
    let all_url = if total > SHOWN {
        TeraValue::from(site.config.url(&referrers_base(site, id, collection)))
    } else {
        TeraValue::none()
    };
    [("total", TeraValue::from(total)), ("all_url", all_url)]
}
