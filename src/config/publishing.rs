//! How a collection is published beyond its own pages, as declared in
//! `site.toml`: filter pages by field value, calendar files for dated
//! entries, and schema.org structured data.

use super::locate::locate_setting;
use super::model::CollectionConfig;
use crate::core::diagnostics::{Diagnostic, did_you_mean};
use crate::core::schema::FieldType;

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
