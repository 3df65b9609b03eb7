//! What rendering needs, shared across threads: the templates, the values
//! computed once from the site (summaries, sorted collections, entries per
//! term, filter pages), the build time, and the similar entries.

use std::collections::HashMap;

use jiff::Timestamp;
use tera::Tera;

use super::facets::{self, Facet};
use super::shared::{Shared, SharedValues, weight};
use crate::core::model::{EntryId, PerEntry, Value};
use crate::site::Site;
use crate::theme::TemplateOrigins;
use crate::theme::i18n::Strings;

/// Everything `render_job` needs, shared across threads.
pub struct Renderer<'a> {
    pub tera: &'a Tera,
    pub origins: &'a TemplateOrigins,
    /// The interface strings of each language.
    pub strings: &'a Strings,
    pub shared: Shared<'a>,
    /// Entries tagged with each term: `(taxonomy, term id)`.
    pub tagged: HashMap<(String, String), Vec<EntryId>>,
    pub sorted: HashMap<String, Vec<EntryId>>,
    /// Filter fields and their values, per collection.
    pub facets: HashMap<String, Vec<Facet>>,
    /// The build time, which decides what is upcoming.
    pub now: Timestamp,
    /// Each entry's related entries, known once the search index is built.
    pub related: std::sync::OnceLock<PerEntry<Vec<EntryId>>>,
}

/// The values a `Renderer` computes from the site alone, owned, so that
/// `calabash serve` can keep them between rebuilds that leave them as they were.
pub struct Prepared {
    shared: SharedValues,
    tagged: HashMap<(String, String), Vec<EntryId>>,
    sorted: HashMap<String, Vec<EntryId>>,
    facets: HashMap<String, Vec<Facet>>,
    now: Timestamp,
}

impl Prepared {
    /// `now` is the build time, which decides what is upcoming.
    pub fn new(site: &Site, now: Timestamp) -> Self {
        let sorted: HashMap<String, Vec<EntryId>> = site
            .config
            .collections
            .iter()
            .map(|c| (c.name.clone(), sorted_ids(site, &c.name)))
            .collect();
        let facets = site
            .config
            .collections
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    facets::facets(site, &c.name, &sorted[&c.name]),
                )
            })
            .collect();
        Prepared {
            shared: SharedValues::new(site, now),
            tagged: tagged(site, &sorted),
            sorted,
            facets,
            now,
        }
    }
}

impl<'a> Renderer<'a> {
    /// A renderer from values computed earlier for this very site.
    pub fn prepared(
        site: &'a Site,
        (tera, origins, strings): (&'a Tera, &'a TemplateOrigins, &'a Strings),
        prepared: Prepared,
    ) -> Self {
        Renderer {
            tera,
            origins,
            strings,
            shared: Shared::from_values(site, prepared.shared),
            tagged: prepared.tagged,
            sorted: prepared.sorted,
            facets: prepared.facets,
            now: prepared.now,
            related: std::sync::OnceLock::new(),
        }
    }

    /// Gives the precomputed values back, to be reused by a later renderer.
    pub fn into_prepared(self) -> Prepared {
        Prepared {
            shared: self.shared.into_values(),
            tagged: self.tagged,
            sorted: self.sorted,
            facets: self.facets,
            now: self.now,
        }
    }

    pub fn site(&self) -> &'a Site {
        self.shared.site
    }

    /// An entry's similar entries; none until the search index has found them.
    pub fn related_to(&self, id: EntryId) -> &[EntryId] {
        self.related
            .get()
            .and_then(|all| all.get(id))
            .map_or(&[], Vec::as_slice)
    }
}

/// Entries of a collection in its `sort_by` order.
pub fn sorted_ids(site: &Site, collection: &str) -> Vec<EntryId> {
    let mut ids: Vec<EntryId> = site.entries_of(collection).collect();
    let sort_by = site
        .config
        .collection(collection)
        .map_or("date", |c| c.sort_by.as_str());
    let title = |id: EntryId| site.entry(id).title.to_lowercase();
    match sort_by {
        "title" => ids.sort_by_key(|&id| title(id)),
        "weight" => ids.sort_by_key(|&id| (weight(site, id), title(id))),
        "date" => ids.sort_by(|&a, &b| {
            site.entry(b)
                .date
                .cmp(&site.entry(a).date)
                .then_with(|| title(a).cmp(&title(b)))
        }),
        field => ids.sort_by(|&a, &b| {
            let key = |id: EntryId| site.entry(id).field(field).cloned();
            match (key(a), key(b)) {
                (Some(Value::Date(x)), Some(Value::Date(y))) => y.cmp(&x),
                (Some(Value::DateTime(x, ox)), Some(Value::DateTime(y, oy))) => {
                    instant(y, oy).cmp(&instant(x, ox))
                }
                (Some(Value::Int(x)), Some(Value::Int(y))) => x.cmp(&y),
                (Some(Value::Text(x)), Some(Value::Text(y))) => {
                    x.to_lowercase().cmp(&y.to_lowercase())
                }
                (x, y) => y.is_some().cmp(&x.is_some()),
            }
            .then_with(|| title(a).cmp(&title(b)))
        }),
    }
    ids
}

fn instant(dt: jiff::civil::DateTime, offset: jiff::tz::Offset) -> Option<jiff::Timestamp> {
    offset.to_timestamp(dt).ok()
}

/// Entries per term, each term's list in collection order, then sort order.
fn tagged(
    site: &Site,
    sorted: &HashMap<String, Vec<EntryId>>,
) -> HashMap<(String, String), Vec<EntryId>> {
    let mut tagged: HashMap<(String, String), Vec<EntryId>> = HashMap::new();
    for collection in &site.config.collections {
        for &id in &sorted[&collection.name] {
            let mut terms = Vec::new();
            for value in site.entry(id).fields.values() {
                value.walk(&mut |v| {
                    if let Value::Term { taxonomy, id } = v {
                        terms.push((taxonomy.clone(), id.clone()));
                    }
                });
            }
            terms.sort();
            terms.dedup();
            for key in terms {
                tagged.entry(key).or_default().push(id);
            }
        }
    }
    tagged
}
