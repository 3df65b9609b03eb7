//! The content model as JSON Schema (draft 2020-12), one schema per
//! collection, for editors and other tools that check front matter
//! (`calabash schema`).
//!
//! A schema describes an entry's front matter once it is read as JSON:
//! TOML dates and times are strings (`"format": "date"` / `"date-time"`),
//! terms are the ids of their taxonomy's terms, references are slugs.
//! Everything `calabash build` checks field by field is expressed here;
//! what needs the whole site (whether a referenced entry exists) is not.

use indexmap::IndexMap;
use serde::Serialize;

use crate::config::{CollectionConfig, Config};
use crate::core::schema::{FieldDef, FieldType, label_from_name};
use crate::load::taxonomy::Taxonomies;

pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A slug: lower-case ASCII letters and digits in hyphen-separated runs.
const SLUG: &str = "[a-z0-9]+(?:-[a-z0-9]+)*";

/// The keywords of JSON Schema that the content model needs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Schema {
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub dialect: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
    #[serde(rename = "const", skip_serializing_if = "Option::is_none")]
    pub constant: Option<String>,
    #[serde(rename = "minLength", skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    #[serde(rename = "minItems", skip_serializing_if = "Option::is_none")]
    pub min_items: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub properties: IndexMap<String, Schema>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    #[serde(
        rename = "additionalProperties",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_properties: Option<bool>,
    /// `require_one_of`: at least one of these alternatives.
    #[serde(rename = "anyOf", skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<Schema>,
    /// `required_if`: one `if`/`then` pair per conditionally required field.
    #[serde(rename = "allOf", skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<Schema>,
    #[serde(rename = "if", skip_serializing_if = "Option::is_none")]
    pub condition: Option<Box<Schema>>,
    #[serde(rename = "then", skip_serializing_if = "Option::is_none")]
    pub consequence: Option<Box<Schema>>,
}

/// Every collection's schema, by collection name, in `site.toml` order.
pub fn site_schemas(config: &Config, taxonomies: &Taxonomies) -> IndexMap<String, Schema> {
    config
        .collections
        .iter()
        .map(|c| (c.name.clone(), collection_schema(c, taxonomies)))
        .collect()
}

/// Writes each schema to `<collection>.schema.json` in `dir`; returns the
/// files written.
pub fn write_files(
    dir: &std::path::Path,
    schemas: &IndexMap<String, Schema>,
) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::with_capacity(schemas.len());
    for (name, schema) in schemas {
        let path = dir.join(format!("{name}.schema.json"));
        let mut text = serde_json::to_string_pretty(schema).map_err(std::io::Error::other)?;
        text.push('\n');
        std::fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

/// The schema of the front matter of one collection's entries.
pub fn collection_schema(collection: &CollectionConfig, taxonomies: &Taxonomies) -> Schema {
    let mut schema = object_schema(&collection.fields, taxonomies);
    schema.dialect = Some(DIALECT);
    schema.title = Some(format!("{} entry", collection.singular));
    let about = format!(
        "Front matter of an entry of `{}` (content/{}/*.md). {}",
        collection.name, collection.name, collection.description
    );
    schema.description = Some(about.trim_end().to_string());
    schema.any_of = collection
        .require_one_of
        .iter()
        .map(|field| Schema {
            required: vec![field.clone()],
            ..Schema::default()
        })
        .collect();
    schema
}

/// A table with exactly the given fields.
fn object_schema(fields: &IndexMap<String, FieldDef>, taxonomies: &Taxonomies) -> Schema {
    Schema {
        kind: Some("object"),
        properties: fields
            .iter()
            .map(|(name, def)| (name.clone(), field_schema(name, def, taxonomies)))
            .collect(),
        required: fields
            .iter()
            .filter(|(_, def)| def.required)
            .map(|(name, _)| name.clone())
            .collect(),
        additional_properties: Some(false),
        all_of: fields
            .iter()
            .filter(|(_, def)| !def.required_if.is_empty())
            .map(|(name, def)| required_if(name, def, fields))
            .collect(),
        ..Schema::default()
    }
}

/// `email` is required if `contact = "email"`: an `if`/`then` pair. A
/// condition on a field whose default matches holds when it is left out too.
fn required_if(name: &str, def: &FieldDef, fields: &IndexMap<String, FieldDef>) -> Schema {
    let mut condition = Schema::default();
    for (other, wanted) in &def.required_if {
        condition.properties.insert(
            other.clone(),
            Schema {
                constant: Some(wanted.clone()),
                ..Schema::default()
            },
        );
        let default_matches = fields
            .get(other)
            .and_then(|d| d.default.as_ref())
            .is_some_and(|d| d.as_str() == Some(wanted.as_str()));
        if !default_matches {
            condition.required.push(other.clone());
        }
    }
    Schema {
        condition: Some(Box::new(condition)),
        consequence: Some(Box::new(Schema {
            required: vec![name.to_string()],
            ..Schema::default()
        })),
        ..Schema::default()
    }
}

fn field_schema(name: &str, def: &FieldDef, taxonomies: &Taxonomies) -> Schema {
    let mut one = value_schema(name, def, taxonomies);
    let mut description = def.description.clone();
    if let Some(extra) = one.description.take() {
        description = Some(match description {
            Some(d) => format!("{}. {extra}", d.trim_end_matches('.')),
            None => extra,
        });
    }
    let mut schema = if def.list {
        Schema {
            kind: Some("array"),
            min_items: def.required.then_some(1),
            items: Some(Box::new(one)),
            ..Schema::default()
        }
    } else {
        if def.required && one.kind == Some("string") && one.allowed.is_none() {
            one.min_length = Some(1);
        }
        one
    };
    schema.title = Some(def.label.clone().unwrap_or_else(|| label_from_name(name)));
    schema.description = description;
    schema.default = def.default.as_ref().map(toml_to_json);
    schema
}

/// The schema of one value of a field (an item, for lists). A description
/// it carries is added to the field's own.
fn value_schema(name: &str, def: &FieldDef, taxonomies: &Taxonomies) -> Schema {
    let string = |format: Option<&'static str>| Schema {
        kind: Some("string"),
        format,
        ..Schema::default()
    };
    match def.kind {
        FieldType::String | FieldType::Text if name == "lang" => Schema {
            pattern: Some("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$".into()),
            ..string(None)
        },
        FieldType::String | FieldType::Text => string(None),
        FieldType::Int => Schema {
            kind: Some("integer"),
            ..Schema::default()
        },
        FieldType::Float => Schema {
            kind: Some("number"),
            ..Schema::default()
        },
        FieldType::Bool => Schema {
            kind: Some("boolean"),
            ..Schema::default()
        },
        FieldType::Date => string(Some("date")),
        FieldType::Datetime => string(Some("date-time")),
        FieldType::Url => Schema {
            pattern: Some("^https?://".into()),
            ..string(Some("uri"))
        },
        FieldType::File => Schema {
            pattern: Some("^/[^/]".into()),
            ..string(None)
        },
        FieldType::Email => string(Some("email")),
        FieldType::Enum => Schema {
            allowed: Some(def.values.clone()),
            ..string(None)
        },
        FieldType::Term => {
            let taxonomy = def.taxonomy.as_deref().unwrap_or_default();
            let ids = taxonomies
                .get(taxonomy)
                .map(|t| t.terms.iter().map(|term| term.id.clone()).collect());
            Schema {
                allowed: ids,
                description: Some(format!(
                    "A term id of the `{taxonomy}` taxonomy (content/_taxonomies/{taxonomy}.toml)."
                )),
                ..string(None)
            }
        }
        FieldType::Ref => ref_schema(def),
        FieldType::Object => object_schema(&def.fields, taxonomies),
    }
}

/// A slug of an entry of the target collection(s), or `collection/slug`.
fn ref_schema(def: &FieldDef) -> Schema {
    let targets: Vec<String> = def
        .collection
        .as_ref()
        .map(|t| t.names().to_vec())
        .unwrap_or_default();
    let names: Vec<String> = targets.iter().map(|t| format!("`{t}`")).collect();
    let description = format!(
        "The slug of an entry of {} (its file name without .md), or collection/slug like \"{}/its-slug\".",
        names.join(" or "),
        targets.first().map_or("experts", String::as_str)
    );
    Schema {
        kind: Some("string"),
        pattern: Some(format!(
            "^(?:(?:{})/{SLUG}(?:\\.md)?|{SLUG})$",
            targets.join("|")
        )),
        description: Some(description),
        ..Schema::default()
    }
}

/// A `default` from `site.toml` as JSON; dates become strings.
pub fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as Json;
    match value {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(dt) => Json::String(dt.to_string()),
        toml::Value::Array(items) => Json::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Json::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}
