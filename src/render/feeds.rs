//! Values for the machine-readable files: Atom feeds and the sitemap.

use tera::Value as TeraValue;

use super::job::page_path;
use super::renderer::Renderer;
use super::values::{object, text};
use crate::core::model::EntryId;

fn rfc3339(date: Option<jiff::civil::Date>) -> String {
    date.map_or_else(
        || "1970-01-01T00:00:00Z".into(),
        |d| format!("{d}T00:00:00Z"),
    )
}

/// A rendered feed or sitemap without the characters XML 1.0 forbids (most
/// control characters, U+FFFE, U+FFFF) or discourages, so that no value,
/// whichever template printed it, makes the file unreadable.
pub fn xml_safe(xml: String) -> String {
    match crate::core::characters::without_forbidden(&xml) {
        std::borrow::Cow::Borrowed(_) => xml,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

/// The `feed` variable of `atom.xml`: the site's newest entries, or one collection's.
pub fn feed_value(r: &Renderer<'_>, collection: Option<&str>) -> TeraValue {
    let site = r.shared.site;
    let config = &site.config;
    let mut ids: Vec<EntryId> = match collection {
        Some(c) => site.entries_of(c).collect(),
        None => site
            .entry_ids()
            .filter(|&id| site.entry(id).collection != crate::config::PAGES)
            .collect(),
    };
    ids.sort_by(|&a, &b| site.entry(b).date.cmp(&site.entry(a).date).then(a.cmp(&b)));
    ids.truncate(config.feeds.limit);
    let (title, subtitle, path) = match collection.and_then(|c| config.collection(c)) {
        Some(c) => (
            format!("{} — {}", c.title, config.title),
            c.description.clone(),
            c.path.clone(),
        ),
        None => (
            config.title.clone(),
            config.description.clone(),
            "/".to_string(),
        ),
    };
    let changed = |id: EntryId| site.last_updated(id);
    let updated = ids.iter().filter_map(|&id| changed(id)).max();
    let entries: Vec<TeraValue> = ids
        .iter()
        .map(|&id| {
            let e = site.entry(id);
            object([
                ("title", text(&e.title)),
                (
                    "permalink",
                    TeraValue::from(config.permalink(&site.entry_path(id))),
                ),
                ("published", TeraValue::from(rfc3339(e.date))),
                ("updated_at", TeraValue::from(rfc3339(changed(id)))),
                ("summary", text(&e.summary)),
                ("lang", text(&e.lang)),
                ("collection", text(&e.collection)),
                (
                    "collection_title",
                    TeraValue::from(
                        config
                            .collection(&e.collection)
                            .map_or(e.collection.clone(), |c| c.title.clone()),
                    ),
                ),
            ])
        })
        .collect();
    let feed_path = format!("{path}atom.xml");
    object([
        ("title", TeraValue::from(title)),
        ("subtitle", TeraValue::from(subtitle)),
        ("permalink", TeraValue::from(config.permalink(&feed_path))),
        ("alternate", TeraValue::from(config.permalink(&path))),
        ("updated", TeraValue::from(rfc3339(updated))),
        ("entries", TeraValue::from(entries)),
    ])
}

/// The `sitemap` variable: every HTML page with its last change where known.
pub fn sitemap_value(r: &Renderer<'_>) -> TeraValue {
    let site = r.shared.site;
    let config = &site.config;
    let mut urls: Vec<(String, Option<String>)> = vec![("/".into(), None)];
    for c in config.collections.iter().filter(|c| !c.is_pages()) {
        let pages = r.sorted[&c.name].len().div_ceil(c.paginate_by).max(1);
        urls.extend((1..=pages).map(|n| (page_path(&c.path, n), None)));
    }
    urls.extend(site.entry_ids().map(|id| {
        let lastmod = site.last_updated(id).map(|d| d.to_string());
        (site.entry_path(id), lastmod)
    }));
    for taxonomy in site.taxonomies.iter() {
        urls.push((taxonomy.config.path.clone(), None));
        urls.extend(
            taxonomy
                .terms
                .iter()
                .map(|t| (format!("{}{}/", taxonomy.config.path, t.slug), None)),
        );
    }
    TeraValue::from(
        urls.into_iter()
            .map(|(path, lastmod)| {
                object([
                    ("loc", TeraValue::from(config.permalink(&path))),
                    (
                        "lastmod",
                        lastmod.map_or(TeraValue::none(), TeraValue::from),
                    ),
                ])
            })
            .collect::<Vec<_>>(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn feeds_never_carry_characters_xml_forbids() {
        let xml = "<title>a\u{1}b\u{b}c\u{0}d\u{fffe}e\u{ffff}f\u{7f}g\u{85}h\tj\nk\r\nl</title>";
        let clean = super::xml_safe(xml.to_string());
        assert_eq!(clean, "<title>abcdefgh\tj\nk\r\nl</title>");
        let kept = "<title>😀 עברית e\u{301} \u{2028} &amp;</title>".to_string();
        assert_eq!(super::xml_safe(kept.clone()), kept);
    }
}
