//! Field values as templates see them: typed values (terms and refs as
//! shared link objects), the schema-ordered `details` list and the grouped
//! `referenced_by` list of an entry page.

use std::collections::HashMap;

use indexmap::IndexMap;
use tera::Value as T;

use crate::model::{EntryId, Value};
use crate::render::context::{Shared, object, text};
use crate::render::encode::{base64, format_datetime};
use crate::schema::{FieldDef, FieldType};
use crate::site::Site;

/// Term and reference objects, built once and shared by every entry that
/// uses them (template values are reference-counted).
pub(crate) struct Links {
    terms: HashMap<(String, String), T>,
    refs: Vec<T>,
}

impl Links {
    pub(crate) fn new(site: &Site) -> Self {
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
                    ("lang", text(&e.lang)),
                    ("in_other_language", T::from(e.lang != site.config.language)),
                ])
            })
            .collect();
        Links { terms, refs }
    }
}

/// Backlinks grouped by collection (in site.toml order), one item per
/// referencing entry with the labels of the fields that refer (`via`; empty
/// when the entry only links from its text).
pub(crate) fn referenced_by(shared: &Shared<'_>, id: EntryId) -> T {
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
                    ("lang", text(&from.lang)),
                    (
                        "in_other_language",
                        T::from(from.lang != site.config.language),
                    ),
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
pub(crate) fn details_value(
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

pub(crate) fn fields_value(links: &Links, fields: &IndexMap<String, Value>) -> T {
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
