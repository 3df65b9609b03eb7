//! Turns the validated site into the values templates see (documented in
//! docs/templates.md). Entry summaries are built once and shared by every
//! list, term page and feed that shows them.

use std::collections::HashMap;

use indexmap::IndexMap;
use jiff::civil;
use jiff::tz::Offset;
use tera::Value as T;

use crate::model::{EntryId, Value};
use crate::schema::{FieldDef, FieldType};
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
    links: Links,
}

/// Term and reference objects, built once and shared by every entry that
/// uses them (template values are reference-counted).
struct Links {
    terms: HashMap<(String, String), T>,
    refs: Vec<T>,
}

impl Links {
    fn new(site: &Site) -> Self {
        let mut terms = HashMap::new();
        for taxonomy in site.taxonomies.iter() {
            for term in &taxonomy.terms {
                let url = site
                    .config
                    .url(&format!("{}{}/", taxonomy.config.path, term.slug));
                let value = object([
                    ("taxonomy", text(taxonomy.name())),
                    ("id", text(&term.id)),
                    ("label", text(&term.label)),
                    ("url", T::from(url)),
                ]);
                terms.insert((taxonomy.name().to_string(), term.id.clone()), value);
            }
        }
        let refs = (0..site.entries.len())
            .map(|id| {
                let e = &site.entries[id];
                object([
                    ("collection", text(&e.collection)),
                    ("slug", text(&e.slug)),
                    ("title", text(&e.title)),
                    ("url", T::from(site.config.url(&site.entry_path(id)))),
                    ("summary", text(&e.summary)),
                ])
            })
            .collect();
        Links { terms, refs }
    }
}

impl<'a> Shared<'a> {
    pub fn new(site: &'a Site) -> Self {
        let links = Links::new(site);
        let summaries = (0..site.entries.len())
            .map(|id| summary(site, &links, id))
            .collect();
        let collections = site
            .config
            .collections
            .iter()
            .map(|c| (c.name.clone(), collection_value(site, &c.name)))
            .collect();
        Shared {
            site,
            summaries,
            collections,
            links,
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

fn summary(site: &Site, links: &Links, id: EntryId) -> T {
    let entry = &site.entries[id];
    object([
        ("collection", text(&entry.collection)),
        ("collection_title", collection_title(site, id)),
        ("slug", text(&entry.slug)),
        ("url", T::from(site.config.url(&site.entry_path(id)))),
        ("title", text(&entry.title)),
        ("summary", text(&entry.summary)),
        (
            "date",
            entry.date.map_or(T::none(), |d| T::from(d.to_string())),
        ),
        (
            "updated",
            entry.updated.map_or(T::none(), |d| T::from(d.to_string())),
        ),
        ("fields", fields_value(links, &entry.fields)),
    ])
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
    object([
        ("collection", text(&entry.collection)),
        ("collection_title", collection_title(site, id)),
        ("slug", text(&entry.slug)),
        ("url", T::from(config.url(&path))),
        ("permalink", T::from(config.permalink(&path))),
        ("title", text(&entry.title)),
        ("summary", text(&entry.summary)),
        (
            "date",
            entry.date.map_or(T::none(), |d| T::from(d.to_string())),
        ),
        (
            "updated",
            entry.updated.map_or(T::none(), |d| T::from(d.to_string())),
        ),
        ("lang", text(&entry.lang)),
        ("draft", T::from(entry.draft)),
        (
            "fields",
            shared.summaries[id]
                .get_from_path("fields")
                .cloned()
                .unwrap_or_else(T::none),
        ),
        ("details", {
            let schema = &site
                .config
                .collection(&entry.collection)
                .expect("entries belong to collections")
                .fields;
            details_value(&shared.links, &entry.fields, schema)
        }),
        ("body", T::safe_string(&rendered.html)),
        ("toc", T::from_serializable(&rendered.toc)),
        ("backlinks", T::from(backlinks)),
        ("referenced_by", referenced_by),
        ("edit_url", T::from(edit_url)),
        (
            "reading_minutes",
            T::from(rendered.word_count.div_ceil(200).max(1)),
        ),
    ])
}

/// Backlinks grouped by collection (in site.toml order), one item per
/// referencing entry with the labels of the fields that refer (`via`; empty
/// when the entry only links from its text).
fn referenced_by(shared: &Shared<'_>, id: EntryId) -> T {
    let site = shared.site;
    let mut groups: Vec<T> = Vec::new();
    let backlinks = &site.backlinks[id];
    for group in backlinks
        .chunk_by(|a, b| site.entries[a.from].collection == site.entries[b.from].collection)
    {
        let collection = &site.entries[group[0].from].collection;
        let schema = site.config.collection(collection).map(|c| &c.fields);
        let entries: Vec<T> = group
            .chunk_by(|a, b| a.from == b.from)
            .map(|same| {
                let via: Vec<T> = same
                    .iter()
                    .filter(|b| b.field != "body")
                    .map(|b| {
                        let label = schema
                            .and_then(|f| f.get(&b.field))
                            .and_then(|def| def.label.clone())
                            .unwrap_or_else(|| label_from_name(&b.field));
                        T::from(label)
                    })
                    .collect();
                let from = &site.entries[same[0].from];
                object([
                    ("title", text(&from.title)),
                    (
                        "url",
                        T::from(site.config.url(&site.entry_path(same[0].from))),
                    ),
                    ("summary", text(&from.summary)),
                    ("via", T::from(via)),
                ])
            })
            .collect();
        groups.push(object([
            ("collection", shared.collection(collection)),
            ("entries", T::from(entries)),
        ]));
    }
    T::from(groups)
}

/// Fields with what templates need to show them without guessing: the
/// schema's type and a label, in schema order.
fn details_value(
    links: &Links,
    fields: &IndexMap<String, Value>,
    schema: &IndexMap<String, FieldDef>,
) -> T {
    let details: Vec<T> = schema
        .iter()
        .filter_map(|(name, def)| {
            let value = fields.get(name)?;
            let shown = match value {
                Value::Object(nested) => details_value(links, nested, &def.fields),
                Value::List(items) if def.kind == FieldType::Object => T::from(
                    items
                        .iter()
                        .map(|item| match item {
                            Value::Object(nested) => details_value(links, nested, &def.fields),
                            other => field_value(links, other),
                        })
                        .collect::<Vec<_>>(),
                ),
                other => field_value(links, other),
            };
            Some(object([
                ("name", text(name)),
                (
                    "label",
                    T::from(def.label.clone().unwrap_or_else(|| label_from_name(name))),
                ),
                ("type", text(def.kind.name())),
                ("list", T::from(def.list)),
                ("value", shown),
            ]))
        })
        .collect();
    T::from(details)
}

/// `issue_date` reads "Issue date"; `orcid`-like names stay as written otherwise.
pub fn label_from_name(name: &str) -> String {
    let spaced = name.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn fields_value(links: &Links, fields: &IndexMap<String, Value>) -> T {
    let map: IndexMap<String, T> = fields
        .iter()
        .map(|(k, v)| (k.clone(), field_value(links, v)))
        .collect();
    T::from(map)
}

fn field_value(links: &Links, value: &Value) -> T {
    match value {
        Value::Text(s) => text(s),
        Value::Int(i) => T::from(*i),
        Value::Float(f) => T::from(*f),
        Value::Bool(b) => T::from(*b),
        Value::Date(d) => T::from(d.to_string()),
        Value::DateTime(dt, offset) => T::from(format_datetime(*dt, *offset)),
        Value::Email(address) => object([("encoded", T::from(base64(address.as_bytes())))]),
        Value::Term { taxonomy, id } => links
            .terms
            .get(&(taxonomy.clone(), id.clone()))
            .cloned()
            .unwrap_or_else(T::none),
        Value::Ref(r) => r
            .resolved
            .and_then(|target| links.refs.get(target).cloned())
            .unwrap_or_else(T::none),
        Value::Object(fields) => fields_value(links, fields),
        Value::List(items) => T::from(
            items
                .iter()
                .map(|v| field_value(links, v))
                .collect::<Vec<_>>(),
        ),
    }
}

/// `2025-06-12T14:00:00-05:00`: the local time as written, with its offset.
pub fn format_datetime(dt: civil::DateTime, offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!(
        "{}{sign}{:02}:{:02}",
        dt.strftime("%Y-%m-%dT%H:%M:%S"),
        minutes / 60,
        minutes % 60
    )
}

/// The inverse of `format_datetime`.
pub fn split_datetime(value: &str) -> Option<(civil::DateTime, Offset)> {
    let (local, offset) = if let Some(local) = value.strip_suffix('Z') {
        (local, 0)
    } else {
        let at = value.rfind(['+', '-']).filter(|&i| i > 10)?;
        let (h, m) = value[at + 1..].split_once(':')?;
        let minutes = h.parse::<i32>().ok()? * 60 + m.parse::<i32>().ok()?;
        (
            &value[..at],
            if &value[at..at + 1] == "-" {
                -minutes
            } else {
                minutes
            },
        )
    };
    Some((local.parse().ok()?, Offset::from_seconds(offset * 60).ok()?))
}

/// Standard base64, so addresses reach the page only in encoded form.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b"name@example.org"), "bmFtZUBleGFtcGxlLm9yZw==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
    }

    #[test]
    fn datetimes_round_trip_with_their_offset() {
        let (dt, offset) = split_datetime("2025-06-12T14:00:00-05:00").unwrap();
        assert_eq!(offset.seconds(), -5 * 3600);
        assert_eq!(format_datetime(dt, offset), "2025-06-12T14:00:00-05:00");
        let (dt, offset) = split_datetime("2025-06-12T14:00:00Z").unwrap();
        assert_eq!(format_datetime(dt, offset), "2025-06-12T14:00:00+00:00");
    }
}
