//! Values for the machine-readable files: Atom feeds and the sitemap.

use tera::Value as TeraValue;

use super::job::page_path;
use super::renderer::Renderer;
use super::translations;
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

/// The `feed` variable of `atom.xml`: the site's newest entries, or one
/// collection's, as the pages in `lang` list them.
pub fn feed_value(r: &Renderer<'_>, collection: Option<&str>, lang: &str) -> TeraValue {
    let site = r.shared.site;
    let config = &site.config;
    let mut ids: Vec<EntryId> = match collection {
        Some(c) => site.entries_of(c).collect(),
        None => site
            .entry_ids()
            .filter(|&id| site.entry(id).collection != crate::config::PAGES)
            .collect(),
    };
    if config.is_multilingual() {
        ids.retain(|&id| translations::shown_in(site, id, lang));
    }
    ids.sort_by(|&a, &b| site.entry(b).date.cmp(&site.entry(a).date).then(a.cmp(&b)));
    ids.truncate(config.feeds.limit);
    let (title, subtitle, path) = match collection.and_then(|c| config.collection(c)) {
        Some(c) => (
            format!(
                "{} — {}",
                config.text_in(&c.title, &c.titles, lang).0,
                config.text_in(&config.title, &config.titles, lang).0
            ),
            config
                .text_in(&c.description, &c.descriptions, lang)
                .0
                .to_string(),
            c.path.clone(),
        ),
        None => (
            config
                .text_in(&config.title, &config.titles, lang)
                .0
                .to_string(),
            config
                .text_in(&config.description, &config.descriptions, lang)
                .0
                .to_string(),
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
    let path = site.in_language(lang, &path);
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

/// Pages a site map file lists at most. The protocol allows 50,000 (and
/// 50 MB); a page of a hub of several languages carries a line for each of
/// its languages, so a file stays well below both. `CALABASH_SITEMAP_URLS`
/// sets another number, for tests that cannot build tens of thousands of
/// pages.
pub const SITEMAP_URLS: usize = 10_000;

fn urls_per_file() -> usize {
    crate::core::hooks::count("CALABASH_SITEMAP_URLS").unwrap_or(SITEMAP_URLS)
}

/// How many files the site map takes: 1 while every page fits in one.
pub fn sitemap_parts(r: &Renderer<'_>) -> usize {
    sitemap_urls(r).len().div_ceil(urls_per_file()).max(1)
}

/// Every HTML page of every language, listed once per build.
fn sitemap_urls<'r>(r: &'r Renderer<'_>) -> &'r [(String, String, Option<String>)] {
    r.sitemap_urls.get_or_init(|| list_sitemap_urls(r))
}

/// The `sitemaps` variable of a site map index: the address of each part.
pub fn sitemap_index_value(r: &Renderer<'_>, parts: usize) -> TeraValue {
    let config = &r.shared.site.config;
    let parts = (1..=parts).map(|n| {
        let path = format!("/sitemap-{n}.xml");
        object([("loc", TeraValue::from(config.permalink(&path)))])
    });
    TeraValue::from(parts.collect::<Vec<_>>())
}

/// Every HTML page of every language: its language, site path and last
/// change where known.
fn list_sitemap_urls(r: &Renderer<'_>) -> Vec<(String, String, Option<String>)> {
    let site = r.shared.site;
    let config = &site.config;
    let mut urls: Vec<(String, String, Option<String>)> = Vec::new();
    for language in &config.languages {
        let lang = language.code.as_str();
        let local = |path: &str| site.in_language(lang, path);
        urls.push((lang.into(), local("/"), None));
        for c in config.collections.iter().filter(|c| !c.is_pages()) {
            let count = r.sorted_of(lang, &c.name).len();
            let pages = count.div_ceil(c.paginate_by).max(1);
            urls.extend((1..=pages).map(|n| (lang.into(), local(&page_path(&c.path, n)), None)));
        }
        if lang == config.language {
            urls.extend(site.entry_ids().map(|id| {
                let lastmod = site.last_updated(id).map(|d| d.to_string());
                (site.page_lang(id).into(), site.entry_path(id), lastmod)
            }));
        }
        for taxonomy in site.taxonomies.iter() {
            urls.push((lang.into(), local(&taxonomy.config.path), None));
            urls.extend(taxonomy.terms.iter().map(|t| {
                let path = format!("{}{}/", taxonomy.config.path, t.slug);
                (lang.into(), local(&path), None)
            }));
        }
    }
    urls
}

/// The `sitemap` variable of part `part` (from 1) of the site map: its
/// pages with their last change where known and, in a hub of several
/// languages, the same page in each language (`alternates`).
pub fn sitemap_value(r: &Renderer<'_>, part: usize) -> TeraValue {
    let site = r.shared.site;
    let config = &site.config;
    let per_file = urls_per_file();
    TeraValue::from(
        sitemap_urls(r)
            .iter()
            .skip(part.saturating_sub(1) * per_file)
            .take(per_file)
            .map(|(lang, path, lastmod)| {
                let versions = translations::versions_of_page(site, r.planned.get(), (lang, path));
                object([
                    ("loc", TeraValue::from(config.permalink(path))),
                    (
                        "lastmod",
                        lastmod
                            .as_deref()
                            .map_or(TeraValue::none(), TeraValue::from),
                    ),
                    (
                        "alternates",
                        translations::translations_value(site, &versions, (lang, &str::to_string)),
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
