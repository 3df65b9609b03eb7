//! Field values as templates see them: typed values (terms and refs as
//! shared link objects), the schema-ordered `details` list and the grouped
//! `referenced_by` list of an entry page.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use indexmap::IndexMap;
use rayon::prelude::*;
use tera::Value as TeraValue;
use tera::value::Key;

use super::translations::version_in;
use super::values::{object, text};
use crate::core::model::{PerEntry, Value};
use crate::core::schema::{FieldDef, FieldType, label_from_name};
use crate::site::Site;
use crate::theme::encode::{base64, format_datetime};

/// Term and reference objects, built once and shared by every entry that
/// uses them (template values are reference-counted).
pub struct Links {
    terms: HashMap<(Arc<str>, Arc<str>), TeraValue>,
    refs: PerEntry<TeraValue>,
    /// The schema's field names, shared as keys by every entry's `fields`
    /// value rather than copied into each.
    names: HashSet<Arc<str>>,
}

impl Links {
    /// The links of pages in `lang`: terms labelled in that language and
    /// linking its term pages, references linking the version of their
    /// entry in that language where there is one.
    pub fn new(site: &Site, lang: &str) -> Self {
        let mut terms = HashMap::new();
        for taxonomy in site.taxonomies.iter() {
            for term in &taxonomy.terms {
                let path = format!("{}{}/", taxonomy.config.path, term.slug);
                let url = site.config.url(&site.in_language(lang, &path));
                let value = object([
                    ("taxonomy", text(taxonomy.name())),
                    ("id", text(&term.id)),
                    ("label", text(term.label_in(lang))),
                    ("url", TeraValue::from(url)),
                ]);
                terms.insert(
                    (Arc::from(taxonomy.name()), Arc::from(term.id.as_str())),
                    value,
                );
            }
        }
        let named = named_by_references(site);
        let refs: Vec<TeraValue> = site
            .entry_ids()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|id| {
                if !named[id.index()] {
                    return TeraValue::none();
                }
                let id = match site.config.is_multilingual() {
                    true => version_in(site, id, lang),
                    false => id,
                };
                let e = site.entry(id);
                object([
                    ("collection", text(&e.collection)),
                    ("slug", text(&e.slug)),
                    ("title", text(&e.title)),
                    (
                        "url",
                        TeraValue::from(site.config.url(&site.entry_path(id))),
                    ),
                    ("summary", text(&e.summary)),
                    ("lang", text(&e.lang)),
                    ("in_other_language", TeraValue::from(e.lang != lang)),
                ])
            })
            .collect();
        Links {
            terms,
            refs: refs.into(),
            names: field_names(site),
        }
    }

    /// A field's name as a template key: shared where the schema names it.
    fn key(&self, name: &str) -> Key<'static> {
        let shared = self.names.get(name).cloned();
        Key::String(shared.unwrap_or_else(|| Arc::from(name)))
    }
}

/// Whether some reference names each entry: only those need a reference
/// object (at tens of thousands of entries, most are named by none).
fn named_by_references(site: &Site) -> Vec<bool> {
    let mut named = vec![false; site.entries.len()];
    for entry in &site.entries {
        for value in entry.fields.values() {
            value.walk(&mut |v| {
                if let Value::Ref(reference) = v
                    && let Some(target) = reference.resolved
                {
                    named[target.index()] = true;
                }
            });
        }
    }
    named
}

/// Every field name of every collection's schema, nested ones too.
fn field_names(site: &Site) -> HashSet<Arc<str>> {
    fn add(fields: &IndexMap<String, FieldDef>, names: &mut HashSet<Arc<str>>) {
        for (name, def) in fields {
            names.insert(Arc::from(name.as_str()));
            add(&def.fields, names);
        }
    }
    let mut names = HashSet::new();
    for collection in &site.config.collections {
        add(&collection.fields, &mut names);
    }
    names
}

/// Fields with what templates need to show them without guessing: the
/// schema's type and a label, in schema order.
pub fn details_value(
    links: &Links,
    fields: &IndexMap<String, Value>,
    schema: &IndexMap<String, FieldDef>,
) -> TeraValue {
    let details: Vec<TeraValue> = schema
        .iter()
        .filter_map(|(name, def)| {
            let value = fields.get(name)?;
            let shown = match value {
                Value::Object(nested) => details_value(links, nested, &def.fields),
                Value::List(items) if def.kind == FieldType::Object => TeraValue::from(
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
                    TeraValue::from(def.label.clone().unwrap_or_else(|| label_from_name(name))),
                ),
                ("type", text(def.kind.name())),
                ("list", TeraValue::from(def.list)),
                ("value", shown),
            ]))
        })
        .collect();
    TeraValue::from(details)
}

pub fn fields_value(links: &Links, fields: &IndexMap<String, Value>) -> TeraValue {
    let map: IndexMap<Key<'static>, TeraValue> = fields
        .iter()
        .map(|(k, v)| (links.key(k), field_value(links, v)))
        .collect();
    TeraValue::from(map)
}

fn field_value(links: &Links, value: &Value) -> TeraValue {
    match value {
        Value::Text(s) => text(s),
        Value::Int(i) => TeraValue::from(*i),
        Value::Float(f) => TeraValue::from(*f),
        Value::Bool(b) => TeraValue::from(*b),
        Value::Date(d) => TeraValue::from(d.to_string()),
        Value::DateTime(dt, offset) => TeraValue::from(format_datetime(*dt, *offset)),
        Value::Email(address) => object([("encoded", TeraValue::from(base64(address.as_bytes())))]),
        Value::Term { taxonomy, id } => links
            .terms
            .get(&(taxonomy.clone(), id.clone()))
            .cloned()
            .unwrap_or_else(TeraValue::none),
        Value::Ref(r) => r
            .resolved
            .and_then(|target| links.refs.get(target).cloned())
            .unwrap_or_else(TeraValue::none),
        Value::Object(fields) => fields_value(links, fields),
        Value::List(items) => TeraValue::from(
            items
                .iter()
                .map(|v| field_value(links, v))
                .collect::<Vec<_>>(),
        ),
    }
}
