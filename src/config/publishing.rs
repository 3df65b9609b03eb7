//! How a collection is published beyond its own pages, as declared in
//! `site.toml`: filter pages by field value, calendar files for dated
//! entries, and schema.org structured data.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;

use super::CollectionConfig;
use super::checks::locate;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::schema::FieldType;

/// `calendar = { start = "start", end = "end", ... }`: the collection's
/// entries are dated happenings; each gets an `.ics` file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    /// A `datetime` field.
    pub start: String,
    pub end: Option<String>,
    /// A string or object field, written as text.
    pub location: Option<String>,
    /// A `url` field, e.g. where to join online.
    pub url: Option<String>,
    /// An `enum` field whose value `cancelled` marks the event cancelled.
    pub status: Option<String>,
}

/// `json_ld = { type = "Event", properties = { startDate = "start" } }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonLdConfig {
    /// The schema.org type of an entry (`Report`, `Article`, `Person`...).
    #[serde(rename = "type")]
    pub kind: String,
    /// A page type that wraps the item as its `mainEntity` (`ProfilePage`).
    pub page: Option<String>,
    /// schema.org property → the field that supplies it.
    #[serde(default)]
    pub properties: IndexMap<String, PropertySource>,
}

/// A property's field, optionally with its values translated
/// (`{ field = "attendance", map = { online = "https://schema.org/..." } }`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum PropertySource {
    Field(String),
    Mapped {
        field: String,
        map: BTreeMap<String, String>,
    },
}

impl PropertySource {
    pub fn field(&self) -> &str {
        match self {
            PropertySource::Field(f) | PropertySource::Mapped { field: f, .. } => f,
        }
    }
}

/// The filter fields of a collection: those listed in `filters`, or else its
/// top-level `term` fields.
pub fn filter_fields(declared: Option<Vec<String>>, collection: &CollectionConfig) -> Vec<String> {
    declared.unwrap_or_else(|| {
        collection
            .fields
            .iter()
            .filter(|(_, def)| def.kind == FieldType::Term)
            .map(|(name, _)| name.clone())
            .collect()
    })
}

/// A diagnostic at `"field"` as written after `setting` in the collection's
/// section of site.toml (or at the section, or nowhere, if not found).
pub(super) fn locate_setting(
    text: &str,
    collection: &str,
    setting: &str,
    field: &str,
    message: String,
) -> Diagnostic {
    let key = setting.split(['.', ' ']).next().unwrap_or(setting);
    let section = text
        .find(&format!("[collections.{collection}]"))
        .unwrap_or(0);
    let from = text[section..]
        .find(&format!("\n{key} ="))
        .map_or(section, |i| section + i);
    let needle = format!("\"{field}\"");
    match text[from..].find(&needle) {
        Some(i) => Diagnostic::error(super::CONFIG_FILE, message)
            .at(text, from + i..from + i + needle.len()),
        None => locate(text, &format!("[collections.{collection}]"), message),
    }
}

/// Checks that every field these settings name exists with a fitting type.
pub(super) fn check(collection: &CollectionConfig, text: &str, problems: &mut Vec<Diagnostic>) {
    let fields = &collection.fields;
    let mut expect = |field: &str, setting: &str, kinds: &[FieldType]| {
        let message = match fields.get(field) {
            None => format!(
                "{setting} of collection `{}` names `{field}`, which it does not have",
                collection.name
            ),
            Some(def) if !kinds.contains(&def.kind) => {
                let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
                format!(
                    "{setting} `{field}` of collection `{}` must be a {} field",
                    collection.name,
                    names.join(" or ")
                )
            }
            Some(_) => return,
        };
        let mut d = locate_setting(text, &collection.name, setting, field, message);
        if let Some(hint) = did_you_mean(field, fields.keys().map(String::as_str)) {
            d = d.hint(hint);
        }
        problems.push(d);
    };
    for field in &collection.filters {
        expect(field, "filters", &[FieldType::Term, FieldType::Enum]);
    }
    if let Some(calendar) = &collection.calendar {
        expect(&calendar.start, "calendar.start", &[FieldType::Datetime]);
        if let Some(end) = &calendar.end {
            expect(end, "calendar.end", &[FieldType::Datetime]);
        }
        if let Some(location) = &calendar.location {
            expect(
                location,
                "calendar.location",
                &[FieldType::String, FieldType::Text, FieldType::Object],
            );
        }
        if let Some(url) = &calendar.url {
            expect(url, "calendar.url", &[FieldType::Url]);
        }
        if let Some(status) = &calendar.status {
            expect(status, "calendar.status", &[FieldType::Enum]);
        }
    }
    if let Some(json_ld) = &collection.json_ld {
        let any = [
            FieldType::String,
            FieldType::Text,
            FieldType::Int,
            FieldType::Float,
            FieldType::Bool,
            FieldType::Date,
            FieldType::Datetime,
            FieldType::Url,
            FieldType::Enum,
            FieldType::Term,
            FieldType::Ref,
            FieldType::Object,
        ];
        for source in json_ld.properties.values() {
            expect(source.field(), "json_ld property", &any);
        }
    }
}
