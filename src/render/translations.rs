//! The pages of a hub of several languages: which entries the pages of a
//! language list, the `languages` term an entry's own language makes it a
//! member of, the other languages a page exists in (the language switcher,
//! `hreflang` links, the sitemap's alternates), and the `site` variable
//! with the addresses of a language's pages. A hub of one language uses
//! none of it: its pages are the same as ever.

use std::collections::HashSet;

use tera::Value as TeraValue;

use super::site_texts;
use super::values::{object, text};
use crate::core::model::EntryId;
use crate::site::Site;

/// The vocabulary an entry's own language counts in, when the hub has it.
pub const LANGUAGES_VOCABULARY: &str = "languages";

/// Whether the pages in `lang` list entry `id`: it is in that language
/// (its page is there), or it is an original without a version in
/// `lang` and the hub lists those (`list_untranslated`, marked with
/// their own language).
pub fn shown_in(site: &Site, id: EntryId, lang: &str) -> bool {
    if site.page_lang(id) == lang {
        return true;
    }
    if site.entry(id).translation || !site.config.list_untranslated {
        return false;
    }
    version_of(site, id, lang).is_none()
}

/// The version of entry `id` whose page is in `lang`, if it has one.
pub fn version_of(site: &Site, id: EntryId, lang: &str) -> Option<EntryId> {
    let mut versions = site.versions.of(id).iter().copied();
    versions.find(|&v| site.page_lang(v) == lang)
}

/// The version of entry `id` the pages in `lang` show: the one in that
/// language, else the entry itself.
pub fn version_in(site: &Site, id: EntryId, lang: &str) -> EntryId {
    version_of(site, id, lang).unwrap_or(id)
}

/// In a hub of several languages, an entry written in a language is a
/// member of that language's term of the `languages` vocabulary: the term
/// page of Spanish lists what is written in Spanish beside the experts
/// who speak it.
pub fn language_term(site: &Site, id: EntryId) -> Option<(String, String)> {
    if !site.config.is_multilingual() {
        return None;
    }
    let lang = &site.entry(id).lang;
    let vocabulary = site.taxonomies.get(LANGUAGES_VOCABULARY)?;
    vocabulary.term(lang)?;
    Some((LANGUAGES_VOCABULARY.to_string(), lang.clone()))
}

/// The site path `path` of a page in `lang` as the same page in `other`
/// has it.
pub fn path_in(site: &Site, (lang, path): (&str, &str), other: &str) -> String {
    site.in_language(other, site.out_of_language(lang, path))
}

/// Each language the page at `path` (in `lang`) exists in, among the
/// `planned` paths: `(code, site path)`, in the hub's order of languages,
/// the page's own included. Empty for a hub of one language.
pub fn versions_of_page<'s>(
    site: &'s Site,
    planned: Option<&HashSet<String>>,
    (lang, path): (&str, &str),
) -> Vec<(&'s str, String)> {
    let (Some(planned), true) = (planned, site.config.is_multilingual()) else {
        return Vec::new();
    };
    site.config
        .languages
        .iter()
        .map(|l| (l.code.as_str(), path_in(site, (lang, path), &l.code)))
        .filter(|(code, other)| *code == lang || planned.contains(other))
        .collect()
}

/// `page.translations`: the languages the page exists in, each with
/// `lang`, `name` (the language's name in itself, from `name`), `url`,
/// `permalink` and `current` (this page's own), for the language switcher
/// and the `hreflang` links.
pub fn translations_value(
    site: &Site,
    versions: &[(&str, String)],
    (lang, name): (&str, &dyn Fn(&str) -> String),
) -> TeraValue {
    if versions.len() < 2 {
        return TeraValue::from(Vec::<TeraValue>::new());
    }
    let config = &site.config;
    let list: Vec<TeraValue> = versions
        .iter()
        .map(|(code, path)| {
            object([
                ("lang", text(code)),
                ("name", text(&name(code))),
                ("url", TeraValue::from(config.url(path))),
                ("permalink", TeraValue::from(config.permalink(path))),
                ("current", TeraValue::from(*code == lang)),
            ])
        })
        .collect();
    TeraValue::from(list)
}

/// A URL of the default language's pages (`/hub/library/`) as the pages
/// in `lang` link it (`/hub/es/library/`).
pub fn url_in(site: &Site, lang: &str, url: &str) -> String {
    let base = &site.config.base_path;
    match url.strip_prefix(base.as_str()) {
        Some(path) if path.starts_with('/') => format!("{base}{}", site.in_language(lang, path)),
        _ => url.to_string(),
    }
}

/// The `site` variable of the pages in `lang`: the default language's,
/// with the addresses of the home page (`home_url`; `root_url`, where the
/// static files are, stays the site's), the feed, collections, vocabularies
/// and their terms (labelled in `lang`) and free pages (those in `lang`
/// where they are translated) of that language.
pub fn site_value_in(site: &Site, base: &TeraValue, lang: &str) -> TeraValue {
    let localize = |value: &TeraValue, keys: &[&'static str]| -> TeraValue {
        let mut map = value.as_map().cloned().unwrap_or_default();
        for key in keys {
            if let Some(link) = value.get_from_path(key).and_then(TeraValue::as_str) {
                map.insert((*key).into(), TeraValue::from(url_in(site, lang, link)));
            }
        }
        TeraValue::from(map)
    };
    let each = |key: &str, change: &dyn Fn(&TeraValue) -> TeraValue| -> TeraValue {
        let items = base
            .get_from_path(key)
            .and_then(TeraValue::as_array)
            .unwrap_or_default();
        TeraValue::from(items.iter().map(change).collect::<Vec<_>>())
    };
    let config = &site.config;
    let collections = each("collections", &|c| {
        site_texts::collection_in(
            config,
            lang,
            &localize(c, &["url", "feed_url", "calendar_url"]),
        )
    });
    let taxonomies = each("taxonomies", &|t| {
        let t = site_texts::taxonomy_in(config, lang, t);
        let mut map = localize(&t, &["url"]).as_map().cloned().unwrap_or_default();
        map.insert("terms".into(), terms_in(site, lang, &t));
        TeraValue::from(map)
    });
    let menu = each("menu", &|item| page_in(site, lang, item));
    let hub = site_texts::hub_in(config, lang, base);
    let mut map = localize(&hub, &["home_url", "feed_url", "saved_url"])
        .as_map()
        .cloned()
        .unwrap_or_default();
    map.insert("collections".into(), collections);
    map.insert("taxonomies".into(), taxonomies);
    map.insert("menu".into(), menu);
    TeraValue::from(map)
}

/// The terms of a taxonomy of the `site` variable, labelled and linked in `lang`.
fn terms_in(site: &Site, lang: &str, taxonomy: &TeraValue) -> TeraValue {
    let name = taxonomy
        .get_from_path("name")
        .and_then(TeraValue::as_str)
        .unwrap_or_default();
    let vocabulary = site.taxonomies.get(name);
    let terms = taxonomy
        .get_from_path("terms")
        .and_then(TeraValue::as_array)
        .unwrap_or_default();
    let localized = terms.iter().map(|term| {
        let mut map = term.as_map().cloned().unwrap_or_default();
        let id = term
            .get_from_path("id")
            .and_then(TeraValue::as_str)
            .unwrap_or_default();
        if let Some(found) = vocabulary.and_then(|v| v.term(id)) {
            map.insert("label".into(), text(found.label_in(lang)));
        }
        let link = term
            .get_from_path("url")
            .and_then(TeraValue::as_str)
            .unwrap_or_default();
        map.insert("url".into(), TeraValue::from(url_in(site, lang, link)));
        TeraValue::from(map)
    });
    TeraValue::from(localized.collect::<Vec<_>>())
}

/// A free page of the menu: its version in `lang`, where there is one.
fn page_in(site: &Site, lang: &str, item: &TeraValue) -> TeraValue {
    let link = item
        .get_from_path("url")
        .and_then(TeraValue::as_str)
        .unwrap_or_default();
    let page = site
        .entries_of(crate::config::PAGES)
        .find(|&id| site.config.url(&site.entry_path(id)) == link);
    let version = page.and_then(|id| version_of(site, id, lang));
    match version {
        Some(v) => object([
            ("title", text(&site.entry(v).title)),
            ("url", TeraValue::from(site.config.url(&site.entry_path(v)))),
        ]),
        None => item.clone(),
    }
}
