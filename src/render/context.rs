//! Turns the validated site into the values templates see (documented in
//! docs/templates.md). Entry summaries are built once and shared by every
//! list, term page and feed that shows them.

use std::collections::HashMap;

use indexmap::IndexMap;
use tera::Value as T;

use crate::model::{EntryId, Value};
use crate::render::calendar;
use crate::render::fields::{Links, details_value, fields_value, referenced_by};
use crate::site::Site;

/// Builds a template map from `(key, value)` pairs, keeping their order.
pub fn object<const N: usize>(pairs: [(&'static str, T); N]) -> T {
    let map: IndexMap<&'static str, T> = pairs.into_iter().collect();
    T::from(map)
}

pub fn text(s: &str) -> T {
    T::from(s)
}

/// Values shared by all pages of one build.
pub struct Shared<'a> {
    pub site: &'a Site,
    /// `summaries[i]` is the summary object of entry `i`.
    pub summaries: Vec<T>,
    /// The `collection` object of each collection, by name.
    pub collections: HashMap<String, T>,
    pub(crate) links: Links,
}

/// `Shared` without its site: what can be kept from one build to the next.
pub struct SharedValues {
    summaries: Vec<T>,
    collections: HashMap<String, T>,
    links: Links,
}

impl SharedValues {
    /// `now` is the build time, which decides what is upcoming.
    pub fn new(site: &Site, now: jiff::Timestamp) -> Self {
        let links = Links::new(site);
        let summaries = (0..site.entries.len())
            .map(|id| summary(site, &links, id, now))
            .collect();
        let collections = site
            .config
            .collections
            .iter()
            .map(|c| (c.name.clone(), collection_value(site, &c.name)))
            .collect();
        SharedValues {
            summaries,
            collections,
            links,
        }
    }
}

impl<'a> Shared<'a> {
    pub fn from_values(site: &'a Site, values: SharedValues) -> Self {
        Shared {
            site,
            summaries: values.summaries,
            collections: values.collections,
            links: values.links,
        }
    }

    pub fn into_values(self) -> SharedValues {
        SharedValues {
            summaries: self.summaries,
            collections: self.collections,
            links: self.links,
        }
    }

    pub fn collection(&self, name: &str) -> T {
        self.collections.get(name).cloned().unwrap_or_else(T::none)
    }
}

/// The `site` variable.
pub fn site_value(site: &Site, syntax_css: &str) -> T {
    let config = &site.config;
    let collections: Vec<T> = config
        .collections
        .iter()
        .filter(|c| !c.is_pages())
        .map(|c| collection_value(site, &c.name))
        .collect();
    let taxonomies: Vec<T> = site
        .taxonomies
        .iter()
        .map(|t| {
            let terms: Vec<T> = t
                .terms
                .iter()
                .map(|term| {
                    object([
                        ("id", text(&term.id)),
                        ("label", text(&term.label)),
                        (
                            "url",
                            T::from(config.url(&format!("{}{}/", t.config.path, term.slug))),
                        ),
                        ("parent", term.parent.as_deref().map_or(T::none(), text)),
                    ])
                })
                .collect();
            object([
                ("name", text(t.name())),
                ("title", text(&t.config.title)),
                ("singular", text(&t.config.singular)),
                ("url", T::from(config.url(&t.config.path))),
                ("terms", T::from(terms)),
            ])
        })
        .collect();
    let mut pages: Vec<EntryId> = site
        .entries_of(crate::config::PAGES)
        .filter(|&id| matches!(site.entries[id].field("menu"), Some(Value::Bool(true))))
        .collect();
    pages.sort_by_key(|&id| (weight(site, id), site.entries[id].title.clone()));
    let menu: Vec<T> = pages
        .into_iter()
        .map(|id| {
            object([
                ("title", text(&site.entries[id].title)),
                ("url", T::from(config.url(&site.entry_path(id)))),
            ])
        })
        .collect();
    object([
        ("title", text(&config.title)),
        ("description", text(&config.description)),
        ("base_url", text(&config.base_url)),
        ("language", text(&config.language)),
        ("repository_url", text(&config.repository_url)),
        ("branch", text(&config.branch)),
        (
            "generator",
            T::from(format!("Calabash {}", env!("CARGO_PKG_VERSION"))),
        ),
        ("collections", T::from(collections)),
        ("taxonomies", T::from(taxonomies)),
        ("menu", T::from(menu)),
        ("syntax_css", T::from(config.url(syntax_css))),
        ("feed_url", T::from(config.url("/atom.xml"))),
        ("root_url", T::from(config.url("/"))),
    ])
}

pub fn weight(site: &Site, id: EntryId) -> i64 {
    match site.entries[id].field("weight") {
        Some(Value::Int(w)) => *w,
        _ => i64::MAX,
    }
}

pub fn collection_value(site: &Site, name: &str) -> T {
    let config = &site.config;
    let Some(c) = config.collection(name) else {
        return T::none();
    };
    object([
        ("name", text(&c.name)),
        ("title", text(&c.title)),
        ("singular", text(&c.singular)),
        ("description", text(&c.description)),
        ("url", T::from(config.url(&c.path))),
        (
            "feed_url",
            T::from(config.url(&format!("{}atom.xml", c.path))),
        ),
        ("count", T::from(site.entries_of(name).count())),
        (
            "calendar_url",
            match c.calendar {
                Some(_) => T::from(config.url(&format!("{}{}", c.path, calendar::COLLECTION_FILE))),
                None => T::none(),
            },
        ),
    ])
}

/// The `page` variable.
pub fn page_value(
    site: &Site,
    kind: &str,
    path: &str,
    title: &str,
    description: &str,
    lang: &str,
) -> T {
    object([
        ("kind", text(kind)),
        ("url", T::from(site.config.url(path))),
        ("permalink", T::from(site.config.permalink(path))),
        ("title", text(title)),
        ("description", text(description)),
        ("lang", text(lang)),
        (
            "og_type",
            text(if kind == "entry" {
                "article"
            } else {
                "website"
            }),
        ),
    ])
}

fn collection_title(site: &Site, id: EntryId) -> T {
    let name = &site.entries[id].collection;
    T::from(
        site.config
            .collection(name)
            .map_or(name.as_str(), |c| c.title.as_str()),
    )
}

fn summary(site: &Site, links: &Links, id: EntryId, now: jiff::Timestamp) -> T {
    let entry = &site.entries[id];
    let value = object([
        ("collection", text(&entry.collection)),
        ("collection_title", collection_title(site, id)),
        ("slug", text(&entry.slug)),
        ("url", T::from(site.config.url(&site.entry_path(id)))),
        ("title", text(&entry.title)),
        ("summary", text(&entry.summary)),
        ("lang", text(&entry.lang)),
        // Its title and summary are marked with `lang` where shown.
        (
            "in_other_language",
            T::from(entry.lang != site.config.language),
        ),
        (
            "date",
            entry.date.map_or(T::none(), |d| T::from(d.to_string())),
        ),
        (
            "updated",
            entry.updated.map_or(T::none(), |d| T::from(d.to_string())),
        ),
        ("fields", fields_value(links, &entry.fields)),
    ]);
    if calendar::calendar_of(site, id).is_none() {
        return value;
    }
    let mut map = value.as_map().cloned().unwrap_or_default();
    map.insert(
        "upcoming".into(),
        T::from(calendar::is_upcoming(site, id, now)),
    );
    let ics = format!("{}{}", site.entry_path(id), calendar::ENTRY_FILE);
    map.insert("ics_url".into(), T::from(site.config.url(&ics)));
    T::from(map)
}

/// The `entry` variable of an entry page.
pub fn entry_value(shared: &Shared<'_>, id: EntryId) -> T {
    let site = shared.site;
    let entry = &site.entries[id];
    let rendered = &site.rendered[id];
    let path = site.entry_path(id);
    let backlinks: Vec<T> = site.backlinks[id]
        .iter()
        .map(|b| {
            let from = &site.entries[b.from];
            object([
                ("collection", text(&from.collection)),
                ("collection_title", collection_title(site, b.from)),
                ("slug", text(&from.slug)),
                ("title", text(&from.title)),
                ("lang", text(&from.lang)),
                (
                    "in_other_language",
                    T::from(from.lang != site.config.language),
                ),
                ("url", T::from(site.config.url(&site.entry_path(b.from)))),
                ("field", text(&b.field)),
            ])
        })
        .collect();
    let referenced_by = referenced_by(shared, id);
    let config = &site.config;
    let edit_url = if config.repository_url.is_empty() {
        String::new()
    } else {
        format!(
            "{}/edit/{}/{}",
            config.repository_url, config.branch, entry.source.path
        )
    };
    let schema = &config
        .collection(&entry.collection)
        .expect("entries belong to collections")
        .fields;
    // An entry page sees everything its summary has, and more.
    let mut map = shared.summaries[id].as_map().cloned().unwrap_or_default();
    let extra = [
        ("permalink", T::from(config.permalink(&path))),
        ("lang", text(&entry.lang)),
        ("draft", T::from(entry.draft)),
        (
            "details",
            details_value(&shared.links, &entry.fields, schema),
        ),
        ("body", T::safe_string(&rendered.html)),
        ("toc", T::from_serializable(&rendered.toc)),
        ("has_code", T::from(rendered.has_code)),
        ("backlinks", T::from(backlinks)),
        ("referenced_by", referenced_by),
        ("edit_url", T::from(edit_url)),
        (
            "last_updated",
            site.last_updated(id)
                .map_or(T::none(), |d| T::from(d.to_string())),
        ),
        (
            "contributors",
            T::from(
                site.history
                    .get(id)
                    .and_then(Option::as_ref)
                    .map_or_else(Vec::new, |h| {
                        h.contributors.iter().map(|c| text(c)).collect::<Vec<T>>()
                    }),
            ),
        ),
        (
            "reading_minutes",
            T::from(rendered.word_count.div_ceil(200).max(1)),
        ),
    ];
    for (key, value) in extra {
        map.insert(key.into(), value);
    }
    T::from(map)
}
