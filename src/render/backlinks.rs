//! What an entry page shows of the entries that point at it: the plain
//! `backlinks` list and `referenced_by`, grouped by collection with the
//! fields that refer.

use tera::Value as TeraValue;

use super::referrers;
use super::shared::{Shared, collection_title};
use super::translations::version_in;
use super::values::{object, text};
use crate::core::model::EntryId;
use crate::core::schema::label_from_name;
use crate::site::Site;

/// Every entry that points at `id` (at its original, for a translation),
/// once per field (or body) that does, each in its version in `lang` where
/// there is one.
pub fn backlinks_value(site: &Site, id: EntryId, lang: &str) -> TeraValue {
    let backlinks: Vec<TeraValue> = site
        .backlinks_of(site.versions.original(id))
        .iter()
        .map(|b| {
            let from_id = version_in(site, b.from, lang);
            let from = site.entry(from_id);
            object([
                ("collection", text(&from.collection)),
                ("collection_title", collection_title(site, from_id, lang)),
                ("slug", text(&from.slug)),
                ("title", text(&from.title)),
                ("lang", text(&from.lang)),
                ("in_other_language", TeraValue::from(from.lang != lang)),
                (
                    "url",
                    TeraValue::from(site.config.url(&site.entry_path(from_id))),
                ),
                ("field", text(&b.field)),
            ])
        })
        .collect();
    TeraValue::from(backlinks)
}

/// Backlinks grouped by collection (in site.toml order), one item per
/// referencing entry with the labels of the fields that refer (`via`; empty
/// when the entry only links from its text), as pages in `lang` show them:
/// at most `referrers::SHOWN` per group, with the group's `total` and the
/// address of the full list (`all_url`) when it has more.
pub fn referenced_by(shared: &Shared<'_>, id: EntryId, lang: &str) -> TeraValue {
    let site = shared.site;
    let mut groups: Vec<TeraValue> = Vec::new();
    let backlinks = site.backlinks_of(site.versions.original(id));
    for group in
        backlinks.chunk_by(|a, b| site.entry(a.from).collection == site.entry(b.from).collection)
    {
        let collection = &site.entry(group[0].from).collection;
        let schema = site.config.collection(collection).map(|c| &c.fields);
        let mut from: Vec<EntryId> = group.iter().map(|b| b.from).collect();
        from.dedup();
        // Past the bound, the most recent are shown, in the usual order.
        let shown: Option<Vec<EntryId>> = (from.len() > referrers::SHOWN).then(|| {
            let mut recent = referrers::most_recent(site, &from);
            recent.truncate(referrers::SHOWN);
            recent
        });
        let entries: Vec<TeraValue> = group
            .chunk_by(|a, b| a.from == b.from)
            .filter(|same| shown.as_ref().is_none_or(|ids| ids.contains(&same[0].from)))
            .map(|same| {
                let via: Vec<TeraValue> = same
                    .iter()
                    .filter(|b| b.field != "body")
                    .map(|b| {
                        let label = schema
                            .and_then(|f| f.get(&b.field))
                            .and_then(|def| def.label.clone())
                            .unwrap_or_else(|| label_from_name(&b.field));
                        TeraValue::from(label)
                    })
                    .collect();
                let from_id = version_in(site, same[0].from, lang);
                let from = site.entry(from_id);
                object([
                    ("title", text(&from.title)),
                    (
                        "url",
                        TeraValue::from(site.config.url(&site.entry_path(from_id))),
                    ),
                    ("summary", text(&from.summary)),
                    ("lang", text(&from.lang)),
                    ("in_other_language", TeraValue::from(from.lang != lang)),
                    ("via", TeraValue::from(via)),
                ])
            })
            .collect();
        let [total, all_url] = referrers::group_total(site, id, collection, from.len());
        groups.push(object([
            ("collection", shared.collection(collection, lang)),
            ("entries", TeraValue::from(entries)),
            total,
            all_url,
        ]));
    }
    TeraValue::from(groups)
}
