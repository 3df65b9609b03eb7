//! The content model: the field types an entry may have, as declared per
//! collection in `site.toml`, plus the common fields every entry shares.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;

/// The type of a field's value, as written in `site.toml` (`type = "date"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    String,
    Text,
    Int,
    Float,
    Bool,
    Date,
    Datetime,
    Url,
    /// A file the site publishes, by its path under `static/`: `/documents/a.pdf`.
    File,
    Email,
    Enum,
    Term,
    Ref,
    Object,
}

impl FieldType {
    pub fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Text => "text",
            FieldType::Int => "int",
            FieldType::Float => "float",
            FieldType::Bool => "bool",
            FieldType::Date => "date",
            FieldType::Datetime => "datetime",
            FieldType::Url => "url",
            FieldType::File => "file",
            FieldType::Email => "email",
            FieldType::Enum => "enum",
            FieldType::Term => "term",
            FieldType::Ref => "ref",
            FieldType::Object => "object",
        }
    }
}

/// One or several target collections of a `ref` field.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Targets {
    One(String),
    Many(Vec<String>),
}

impl Targets {
    pub fn names(&self) -> &[String] {
        match self {
            Targets::One(name) => std::slice::from_ref(name),
            Targets::Many(names) => names,
        }
    }
}

/// A field declaration: `status = { type = "enum", values = [...], required = true }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub list: bool,
    #[serde(default)]
    pub required: bool,
    /// Required only when other fields have the given values (`{ contact = "email" }`).
    #[serde(default)]
    pub required_if: BTreeMap<String, String>,
    pub default: Option<toml::Value>,
    /// How the field is named to readers; derived from its name if absent.
    pub label: Option<String>,
    pub description: Option<String>,
    /// Allowed values of an `enum`.
    #[serde(default)]
    pub values: Vec<String>,
    /// Vocabulary of a `term`.
    pub taxonomy: Option<String>,
    /// Target collection(s) of a `ref`.
    pub collection: Option<Targets>,
    /// Nested fields of an `object`.
    #[serde(default)]
    pub fields: IndexMap<String, FieldDef>,
}

impl FieldDef {
    pub fn of(kind: FieldType) -> Self {
        FieldDef {
            kind,
            list: false,
            required: false,
            required_if: BTreeMap::new(),
            default: None,
            label: None,
            description: None,
            values: Vec::new(),
            taxonomy: None,
            collection: None,
            fields: IndexMap::new(),
        }
    }

    fn required(mut self) -> Self {
        self.required = true;
        self
    }

    fn list(mut self) -> Self {
        self.list = true;
        self
    }

    fn describe(mut self, description: &str) -> Self {
        self.description = Some(description.to_string());
        self
    }

    /// How the expected value is described in error messages.
    pub fn expectation(&self) -> String {
        let one = match self.kind {
            FieldType::String | FieldType::Text => "a string in quotes".to_string(),
            FieldType::Int => "a whole number".to_string(),
            FieldType::Float => "a number".to_string(),
            FieldType::Bool => "true or false".to_string(),
            FieldType::Date => "a date like 2025-03-14".to_string(),
            FieldType::Datetime => {
                "a date and time with its UTC offset like 2025-06-12T14:00:00-05:00".to_string()
            }
            FieldType::Url => "a web address like \"https://example.org/page\"".to_string(),
            FieldType::File => {
                "the path of a file under static/, like \"/documents/report.pdf\"".to_string()
            }
            FieldType::Email => "an email address like \"name@example.org\"".to_string(),
            FieldType::Enum => format!("one of {}", quoted_list(&self.values)),
            FieldType::Term => format!(
                "a term of the `{}` taxonomy",
                self.taxonomy.as_deref().unwrap_or("?")
            ),
            FieldType::Ref => "the slug of an entry, like \"marcia-campbell\"".to_string(),
            FieldType::Object => format!(
                "a table with the fields {}",
                quoted_list(&self.fields.keys().cloned().collect::<Vec<_>>())
            ),
        };
        if self.list {
            format!("a list of values, each {one}")
        } else {
            one
        }
    }
}

pub fn quoted_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names of the common fields, in the order they are listed to contributors.
pub const COMMON_FIELDS: &[&str] = &[
    "title", "summary", "date", "updated", "draft", "lang", "topics", "tags", "aliases",
];

/// The fields every entry has, whatever its collection.
pub fn common_fields(topics_taxonomy: bool, date_required: bool) -> IndexMap<String, FieldDef> {
    let mut fields = IndexMap::new();
    fields.insert(
        "title".into(),
        FieldDef::of(FieldType::String)
            .required()
            .describe("The entry's title"),
    );
    fields.insert(
        "summary".into(),
        FieldDef::of(FieldType::Text).required().describe(
            "One or two plain sentences, shown in lists, search results and link previews",
        ),
    );
    let date = FieldDef::of(FieldType::Date).describe("Publication date, like 2025-03-14");
    fields.insert(
        "date".into(),
        if date_required { date.required() } else { date },
    );
    fields.insert(
        "updated".into(),
        FieldDef::of(FieldType::Date).describe("Date of the last meaningful change"),
    );
    let mut draft = FieldDef::of(FieldType::Bool).describe("Drafts are only built with --drafts");
    draft.default = Some(toml::Value::Boolean(false));
    fields.insert("draft".into(), draft);
    fields.insert(
        "lang".into(),
        FieldDef::of(FieldType::String).describe("Language of the entry (BCP 47, like en, es, fr)"),
    );
    if topics_taxonomy {
        let mut topics = FieldDef::of(FieldType::Term)
            .list()
            .describe("Areas of focus");
        topics.taxonomy = Some("topics".into());
        fields.insert("topics".into(), topics);
    }
    fields.insert(
        "tags".into(),
        FieldDef::of(FieldType::String)
            .list()
            .describe("Free keywords"),
    );
    fields.insert(
        "aliases".into(),
        FieldDef::of(FieldType::String)
            .list()
            .describe("Old URLs of this entry, like /old/path/, that should redirect here"),
    );
    fields
}

/// Extra fields of free pages (`content/pages/`).
pub fn page_fields() -> IndexMap<String, FieldDef> {
    let mut fields = IndexMap::new();
    fields.insert(
        "weight".into(),
        FieldDef::of(FieldType::Int).describe("Order in the menu, smallest first"),
    );
    let mut menu = FieldDef::of(FieldType::Bool).describe("Show in the main navigation");
    menu.default = Some(toml::Value::Boolean(false));
    fields.insert("menu".into(), menu);
    fields
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
