//! Filter pages: for each filter field of a collection (its `filters`, or
//! its term fields), the entries having each value, so list pages can link
//! to `/<collection>/<field>/<value>/` without JavaScript.

use std::collections::BTreeMap;

use tera::Value as TeraValue;

use super::values::{object, text};
use crate::core::model::{EntryId, Value};
use crate::core::schema::label_from_name;
use crate::core::slug::slugify;
use crate::site::Site;

/// One filter field of a collection and the entries per value.
#[derive(Debug, Clone)]
pub struct Facet {
    pub field: String,
    pub label: String,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    /// URL segment of the value.
    pub slug: String,
    /// Entries with this value, in the collection's order.
    pub ids: Vec<EntryId>,
}

impl Facet {
    /// Site path of a value's filter page.
    pub fn path(&self, collection_path: &str, value: &FacetValue) -> String {
        format!("{collection_path}{}/{}/", self.field, value.slug)
    }
}

/// One filter page of a collection: a value of one of its facets, by
/// place among the collection's facets and that facet's values.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct FilterIndex {
    facet: usize,
    value: usize,
}

/// Every filter page of a collection's `facets`, with its facet and value.
pub fn filters(facets: &[Facet]) -> impl Iterator<Item = (FilterIndex, &Facet, &FacetValue)> {
    facets.iter().enumerate().flat_map(|(f, facet)| {
        facet.values.iter().enumerate().map(move |(v, value)| {
            let index = FilterIndex { facet: f, value: v };
            (index, facet, value)
        })
    })
}

/// The facet and value of a filter page among a collection's `facets`.
pub fn filter_at(facets: &[Facet], filter: FilterIndex) -> Option<(&Facet, &FacetValue)> {
    let facet = facets.get(filter.facet)?;
    Some((facet, facet.values.get(filter.value)?))
}

/// The facets of a collection, given its entries in display order. Values
/// keep vocabulary order for terms and declaration order for enums.
/// Term values are labelled in `lang`.
pub fn facets(site: &Site, collection: &str, sorted: &[EntryId], lang: &str) -> Vec<Facet> {
    let Some(config) = site.config.collection(collection) else {
        return Vec::new();
    };
    config
        .filters
        .iter()
        .filter_map(|field| {
            let def = config.fields.get(field)?;
            let mut by_value: BTreeMap<String, Vec<EntryId>> = BTreeMap::new();
            for &id in sorted {
                if let Some(value) = site.entry(id).field(field) {
                    let mut keys: Vec<&str> = value
                        .items()
                        .iter()
                        .filter_map(|v| match v {
                            Value::Text(s) => Some(s.as_str()),
                            Value::Term { id, .. } => Some(&**id),
                            _ => None,
                        })
                        .collect();
                    keys.dedup();
                    for key in keys {
                        by_value.entry(key.to_string()).or_default().push(id);
                    }
                }
            }
            let ordered: Vec<(String, String, String)> =
                match def.taxonomy.as_deref().and_then(|t| site.taxonomies.get(t)) {
                    Some(taxonomy) => taxonomy
                        .terms
                        .iter()
                        .map(|t| (t.id.clone(), t.label_in(lang).to_string(), t.slug.clone()))
                        .collect(),
                    None => def
                        .values
                        .iter()
                        .map(|v| (v.clone(), label_from_name(v), slugify(v)))
                        .collect(),
                };
            let values: Vec<FacetValue> = ordered
                .into_iter()
                .filter_map(|(value, label, slug)| {
                    let ids = by_value.remove(&value)?;
                    Some(FacetValue {
                        value,
                        label,
                        slug,
                        ids,
                    })
                })
                .collect();
            // A vocabulary's field named for it reads as the vocabulary's
            // title in the page's language.
            let vocabulary = def
                .taxonomy
                .as_deref()
                .and_then(|t| site.config.taxonomy(t));
            let label = match (&def.label, vocabulary) {
                (None, Some(t)) if t.titles.contains_key(lang) => t.titles[lang].clone(),
                _ => def.label.clone().unwrap_or_else(|| label_from_name(field)),
            };
            Some(Facet {
                field: field.clone(),
                label,
                values,
            })
        })
        .filter(|facet| !facet.values.is_empty())
        .collect()
}

/// The `facets` variable of a list page; `current` marks the value whose
/// filter page this is.
pub fn facets_value(
    site: &Site,
    collection_path: &str,
    facets: &[Facet],
    current: Option<FilterIndex>,
) -> TeraValue {
    let list: Vec<TeraValue> = facets
        .iter()
        .enumerate()
        .map(|(f, facet)| {
            let values: Vec<TeraValue> = facet
                .values
                .iter()
                .enumerate()
                .map(|(v, value)| {
                    object([
                        ("value", text(&value.value)),
                        ("label", text(&value.label)),
                        (
                            "url",
                            TeraValue::from(site.config.url(&facet.path(collection_path, value))),
                        ),
                        ("count", TeraValue::from(value.ids.len())),
                        (
                            "current",
                            TeraValue::from(current == Some(FilterIndex { facet: f, value: v })),
                        ),
                    ])
                })
                .collect();
            object([
                ("name", text(&facet.field)),
                ("label", text(&facet.label)),
                ("values", TeraValue::from(values)),
            ])
        })
        .collect();
    TeraValue::from(list)
}

/// The `filter` variable of a filter page.
pub fn filter_value(
    site: &Site,
    collection_path: &str,
    facet: &Facet,
    value: &FacetValue,
) -> TeraValue {
    object([
        ("name", text(&facet.field)),
        ("label", text(&facet.label)),
        ("value", text(&value.value)),
        ("value_label", text(&value.label)),
        (
            "clear_url",
            TeraValue::from(site.config.url(collection_path)),
        ),
    ])
}
