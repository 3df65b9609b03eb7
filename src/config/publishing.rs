//! How a collection is published beyond its own pages, as declared in
//! `site.toml`: filter pages by field value, calendar files for dated
//! entries, and schema.org structured data.

use super::model::{CollectionConfig, PropertySource};
use super::spans::SiteSpans;
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
pub(super) fn check(
    collection: &CollectionConfig,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let fields = &collection.fields;
    // `setting` is the key path within the collection's table where the
    // field is named, `label` how messages name that setting.
    let mut expect = |field: &str, setting: &[&str], label: &str, kinds: &[FieldType]| {
        let message = match fields.get(field) {
            None => format!(
                "{label} of collection `{}` names `{field}`, which it does not have",
                collection.name
            ),
            Some(def) if !kinds.contains(&def.kind) => {
                let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
                format!(
                    "{label} `{field}` of collection `{}` must be a {} field",
                    collection.name,
                    names.join(" or ")
                )
            }
            Some(_) => return,
        };
        let path = [&["collections", collection.name.as_str()], setting].concat();
        let at = spans.item(&path, field).or_else(|| spans.key(&path[..2]));
        let mut d = spans.error(at, message);
        if let Some(hint) = did_you_mean(field, fields.keys().map(String::as_str)) {
            d = d.hint(hint);
        }
        problems.push(d);
    };
    for field in &collection.filters {
        expect(
            field,
            &["filters"],
            "filters",
            &[FieldType::Term, FieldType::Enum],
        );
    }
    if let Some(calendar) = &collection.calendar {
        let settings = [
            (Some(&calendar.start), "start", &[FieldType::Datetime][..]),
            (calendar.end.as_ref(), "end", &[FieldType::Datetime]),
            (
                calendar.location.as_ref(),
                "location",
                &[FieldType::String, FieldType::Text, FieldType::Object],
            ),
            (calendar.url.as_ref(), "url", &[FieldType::Url]),
            (calendar.status.as_ref(), "status", &[FieldType::Enum]),
        ];
        for (field, key, kinds) in settings {
            if let Some(field) = field {
                expect(field, &["calendar", key], &format!("calendar.{key}"), kinds);
            }
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
        for (property, source) in &json_ld.properties {
            let mut setting = vec!["json_ld", "properties", property.as_str()];
            if let PropertySource::Mapped { .. } = source {
                setting.push("field");
            }
            expect(source.field(), &setting, "json_ld property", &any);
        }
    }
}
