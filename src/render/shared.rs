//! Values shared by all pages of one build: each entry's summary (built
//! once per language, shown by every list, term page and feed), each
//! collection's `collection` object (with its texts in each language), and
//! the term and reference objects of fields.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Value as TeraValue;

use super::calendar;
use super::fields::{Links, fields_value};
use super::site_texts;
use super::values::{object, text};
use crate::core::model::{EntryId, PerEntry, Value};
use crate::site::Site;

/// Values shared by all pages of one build.
pub struct Shared<'a> {
    pub site: &'a Site,
    /// Each language's summaries and links, the default language's first.
    languages: Vec<InLanguage>,
    /// The `collection` object of each collection, by name, as pages in
    /// the default language show it.
    pub collections: HashMap<String, TeraValue>,
}

/// What pages in one language show of entries.
pub struct InLanguage {
    lang: String,
    /// Each entry's summary object, in entry order (see `summary`).
    summaries: PerEntry<TeraValue>,
    links: Links,
    /// The `collection` objects with their texts in this language, made
    /// from the default language's.
    collections: HashMap<String, TeraValue>,
}

impl InLanguage {
    fn new(
        site: &Site,
        lang: &str,
        (now, collections): (jiff::Timestamp, &HashMap<String, TeraValue>),
    ) -> Self {
        let links = Links::new(site, lang);
        // Entries are summed up in parallel: at tens of thousands of entries
        // this is most of the time before any page is rendered.
        let summaries: Vec<TeraValue> = site
            .entry_ids()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|id| summary(site, (&links, lang), id, now))
            .collect();
        let collections = collections
            .iter()
            .map(|(name, value)| match lang == site.config.language {
                true => (name.clone(), value.clone()),
                false => (
                    name.clone(),
                    site_texts::collection_in(&site.config, lang, value),
                ),
            })
            .collect();
        InLanguage {
            lang: lang.to_string(),
            summaries: summaries.into(),
            links,
            collections,
        }
    }
}

/// `Shared` without its site: what can be kept from one build to the next.
pub struct SharedValues {
    languages: Vec<InLanguage>,
    collections: HashMap<String, TeraValue>,
}

impl SharedValues {
    /// `now` is the build time, which decides what is upcoming.
    pub fn new(site: &Site, now: jiff::Timestamp) -> Self {
        let collections = site
            .config
            .collections
            .iter()
            .map(|c| (c.name.clone(), collection_value(site, &c.name)))
            .collect();
        let languages = site.config.languages.iter();
        let languages = languages
            .map(|l| InLanguage::new(site, &l.code, (now, &collections)))
            .collect();
        SharedValues {
            languages,
            collections,
        }
    }
}

impl<'a> Shared<'a> {
    pub fn from_values(site: &'a Site, values: SharedValues) -> Self {
        Shared {
            site,
            languages: values.languages,
            collections: values.collections,
        }
    }

    pub fn into_values(self) -> SharedValues {
        SharedValues {
            languages: self.languages,
            collections: self.collections,
        }
    }

    /// What pages in `lang` show of entries; the default language's for a
    /// language the hub does not publish.
    fn in_language(&self, lang: &str) -> &InLanguage {
        let found = self.languages.iter().find(|l| l.lang == lang);
        found.unwrap_or(&self.languages[0])
    }

    /// An entry's summary object as pages in `lang` show it: what lists,
    /// term pages and feeds show of it.
    pub fn summary(&self, id: EntryId, lang: &str) -> &TeraValue {
        &self.in_language(lang).summaries[id]
    }

    /// Term and reference objects as pages in `lang` show them.
    pub fn links(&self, lang: &str) -> &Links {
        &self.in_language(lang).links
    }

    /// A collection's `collection` object as pages in `lang` show it.
    pub fn collection(&self, name: &str, lang: &str) -> TeraValue {
        self.in_language(lang)
            .collections
            .get(name)
            .cloned()
            .unwrap_or_else(TeraValue::none)
    }
}

pub fn weight(site: &Site, id: EntryId) -> i64 {
    match site.entry(id).field("weight") {
        Some(Value::Int(w)) => *w,
        _ => i64::MAX,
    }
}

pub fn collection_value(site: &Site, name: &str) -> TeraValue {
    let config = &site.config;
    let Some(c) = config.collection(name) else {
        return TeraValue::none();
    };
    object([
        ("name", text(&c.name)),
        ("title", text(&c.title)),
        ("singular", text(&c.singular)),
        ("description", text(&c.description)),
        ("url", TeraValue::from(config.url(&c.path))),
        (
            "feed_url",
            TeraValue::from(config.url(&format!("{}atom.xml", c.path))),
        ),
        // Entries, each once with its translations.
        (
            "count",
            TeraValue::from(
                site.entries_of(name)
                    .filter(|&id| !site.entry(id).translation)
                    .count(),
            ),
        ),
        (
            "calendar_url",
            match c.calendar {
                Some(_) => {
                    TeraValue::from(config.url(&format!("{}{}", c.path, calendar::COLLECTION_FILE)))
                }
                None => TeraValue::none(),
            },
        ),
    ])
}

/// The title of an entry's collection as pages in `lang` show it.
pub fn collection_title(site: &Site, id: EntryId, lang: &str) -> TeraValue {
    let name = &site.entry(id).collection;
    let config = &site.config;
    TeraValue::from(config.collection(name).map_or(name.as_str(), |c| {
        config.text_in(&c.title, &c.titles, lang).0
    }))
}

fn summary(
    site: &Site,
    (links, lang): (&Links, &str),
    id: EntryId,
    now: jiff::Timestamp,
) -> TeraValue {
    let entry = site.entry(id);
    let fields = fields_value(links, &entry.fields);
    let value = object([
        ("collection", text(&entry.collection)),
        ("collection_title", collection_title(site, id, lang)),
        ("slug", text(&entry.slug)),
        (
            "url",
            TeraValue::from(site.config.url(&site.entry_path(id))),
        ),
        ("title", same_text(&fields, "title", &entry.title)),
        ("summary", same_text(&fields, "summary", &entry.summary)),
        ("lang", text(&entry.lang)),
        // Its title and summary are marked with `lang` where shown.
        ("in_other_language", TeraValue::from(entry.lang != lang)),
        (
            "date",
            entry
                .date
                .map_or(TeraValue::none(), |d| TeraValue::from(d.to_string())),
        ),
        (
            "updated",
            entry
                .updated
                .map_or(TeraValue::none(), |d| TeraValue::from(d.to_string())),
        ),
        ("fields", fields),
    ]);
    if calendar::calendar_of(site, id).is_none() {
        return value;
    }
    let mut map = value.as_map().cloned().unwrap_or_default();
    map.insert(
        "upcoming".into(),
        TeraValue::from(calendar::is_upcoming(site, id, now)),
    );
    let ics = format!("{}{}", site.entry_path(id), calendar::ENTRY_FILE);
    map.insert("ics_url".into(), TeraValue::from(site.config.url(&ics)));
    TeraValue::from(map)
}

/// `value` as a template value: the one of `fields` at `key` where it is
/// the same text, whose string a clone shares (a summary shows its title
/// and summary twice, and there are as many summaries as entries).
fn same_text(fields: &TeraValue, key: &'static str, value: &str) -> TeraValue {
    let field = fields
        .as_map()
        .and_then(|map| map.get(&tera::value::Key::Str(key)));
    match field {
        Some(field) if field.as_str() == Some(value) => field.clone(),
        _ => text(value),
    }
}
