//! One collection's fields as the elements of its issue form: required
//! fields required, `enum`s and vocabulary terms as dropdowns (several
//! choices for a list), text as a text area, dates as inputs showing the
//! format, booleans as checkboxes, references as inputs saying what to
//! name; an object's fields one by one, a list of objects as a text area.

use crate::config::{CollectionConfig, Config};
use crate::core::schema::{FieldDef, FieldType, label_from_name};
use crate::load::taxonomy::Taxonomies;

use super::yaml::Yaml;

/// Fields a member cannot know or should not set: the team dates,
/// publishes and files an entry.
pub const NOT_ASKED: [&str; 5] = ["date", "updated", "draft", "lang", "aliases"];

/// What an element is made from.
pub struct Source<'a> {
    pub config: &'a Config,
    pub taxonomies: &'a Taxonomies,
}

/// The elements asking for the fields of `collection` the form lists, or
/// else for every field but those in `NOT_ASKED`.
pub fn field_elements(collection: &CollectionConfig, source: &Source<'_>) -> Vec<Yaml> {
    let chosen: Vec<&String> = match collection.form.as_ref().and_then(|f| f.fields.as_ref()) {
        Some(fields) => fields.iter().collect(),
        None => (collection.fields.keys())
            .filter(|name| !NOT_ASKED.contains(&name.as_str()))
            .collect(),
    };
    let mut elements = Vec::new();
    for name in chosen {
        if let Some(def) = collection.fields.get(name) {
            push_field(&mut elements, &[name.as_str()], def, "", true, source);
        }
    }
    elements
}

/// The element(s) of the field at `path` (its name, then its nested names);
/// `prefix` is the label of the object holding it, `required` whether that
/// object is.
fn push_field(
    elements: &mut Vec<Yaml>,
    path: &[&str],
    def: &FieldDef,
    prefix: &str,
    required: bool,
    source: &Source<'_>,
) {
    let name = path.last().copied().unwrap_or_default();
    let own = def.label.clone().unwrap_or_else(|| label_from_name(name));
    let label = if prefix.is_empty() {
        own
    } else {
        format!("{prefix}: {own}")
    };
    let required = required && def.required;
    if def.kind == FieldType::Object && !def.list {
        for (nested, nested_def) in &def.fields {
            let path = [path, &[nested.as_str()]].concat();
            push_field(elements, &path, nested_def, &label, required, source);
        }
        return;
    }
    let id = element_id(path);
    let mut description = def.description.clone().unwrap_or_default();
    let (kind, mut attributes) = match (def.kind, def.list) {
        (FieldType::Enum, _) => ("dropdown", options(def.values.clone(), def)),
        (FieldType::Term, _) => match term_labels(def, source) {
            // A vocabulary with no terms yet: a dropdown needs options.
            labels if labels.is_empty() => ("input", Vec::new()),
            labels => ("dropdown", options(labels, def)),
        },
        (FieldType::Bool, false) => {
            let option = Yaml::map([("label", Yaml::str(label.clone()))]);
            (
                "checkboxes",
                vec![("options".into(), Yaml::List(vec![option]))],
            )
        }
        (FieldType::Text | FieldType::File | FieldType::Object, _) | (_, true) => {
            add_sentence(&mut description, &list_hint(def, source));
            ("textarea", Vec::new())
        }
        _ => {
            add_sentence(&mut description, &input_hint(def, source));
            ("input", placeholder(def))
        }
    };
    let mut head = vec![("label".to_string(), Yaml::str(label))];
    if !description.is_empty() {
        head.push(("description".into(), Yaml::str(description)));
    }
    head.append(&mut attributes);
    let mut element = vec![
        ("type".to_string(), Yaml::str(kind)),
        ("id".to_string(), Yaml::str(id)),
        ("attributes".to_string(), Yaml::Map(head)),
    ];
    // A required checkbox could only be ticked; a boolean is never required.
    if required && def.kind != FieldType::Bool {
        element.push((
            "validations".into(),
            Yaml::map([("required", Yaml::Bool(true))]),
        ));
    }
    elements.push(Yaml::Map(element));
}

/// An element's id: the field's path, with what ids may not hold as `_`.
pub fn element_id(path: &[&str]) -> String {
    path.join("__")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A dropdown's `options`, `multiple` for a list, its `default` where the
/// schema has one.
fn options(values: Vec<String>, def: &FieldDef) -> Vec<(String, Yaml)> {
    let mut attributes = Vec::new();
    if def.list {
        attributes.push(("multiple".to_string(), Yaml::Bool(true)));
    }
    if let Some(index) = (def.default.as_ref())
        .and_then(|d| d.as_str())
        .and_then(|d| values.iter().position(|v| v == d))
    {
        attributes.push(("default".into(), Yaml::Int(index as i64)));
    }
    attributes.insert(
        0,
        (
            "options".into(),
            Yaml::List(values.into_iter().map(Yaml::Str).collect()),
        ),
    );
    attributes
}

/// The labels of the field's vocabulary, each unique (a label two terms
/// share is followed by the term's id).
fn term_labels(def: &FieldDef, source: &Source<'_>) -> Vec<String> {
    let Some(taxonomy) = def
        .taxonomy
        .as_deref()
        .and_then(|t| source.taxonomies.get(t))
    else {
        return Vec::new();
    };
    let labels: Vec<&str> = taxonomy.terms.iter().map(|t| t.label.as_str()).collect();
    (taxonomy.terms.iter())
        .map(|term| {
            let shared = labels.iter().filter(|l| **l == term.label).count() > 1;
            if shared || term.label.trim().is_empty() {
                format!("{} ({})", term.label, term.id)
            } else {
                term.label.clone()
            }
        })
        .collect()
}

fn placeholder(def: &FieldDef) -> Vec<(String, Yaml)> {
    let text = match def.kind {
        FieldType::Date => "YYYY-MM-DD",
        FieldType::Datetime => "YYYY-MM-DDTHH:MM:SS-05:00",
        FieldType::Url => "https://",
        FieldType::Email => "name@example.org",
        _ => return Vec::new(),
    };
    vec![("placeholder".into(), Yaml::str(text))]
}

/// What an input expects, beyond the field's own description.
fn input_hint(def: &FieldDef, source: &Source<'_>) -> String {
    match def.kind {
        FieldType::Date => "A date, written year-month-day.".into(),
        FieldType::Datetime => "A date and time with its offset from UTC.".into(),
        FieldType::Int => "A whole number.".into(),
        FieldType::Float => "A number.".into(),
        FieldType::Ref => reference_hint(def, source),
        _ => String::new(),
    }
}

/// What a text area expects: the text, a list (one per line), a file.
fn list_hint(def: &FieldDef, source: &Source<'_>) -> String {
    match def.kind {
        FieldType::File => {
            "Attach the file here (drag it into this box), or give a link to it.".into()
        }
        FieldType::Object => {
            let parts: Vec<String> = (def.fields.iter())
                .map(|(n, d)| {
                    d.label
                        .clone()
                        .unwrap_or_else(|| label_from_name(n))
                        .to_lowercase()
                })
                .collect();
            format!("One per line: {}.", parts.join(", "))
        }
        FieldType::Ref => format!("{} One per line.", reference_hint(def, source)),
        _ if def.list => "One per line.".into(),
        _ => String::new(),
    }
}

/// Which entries a reference may name.
fn reference_hint(def: &FieldDef, source: &Source<'_>) -> String {
    let names = def.collection.as_ref().map_or(&[][..], |t| t.names());
    let what: Vec<String> = (names.iter())
        .map(|n| {
            source
                .config
                .collection(n)
                .map_or(n.clone(), |c| c.singular.to_lowercase())
        })
        .collect();
    format!(
        "The title or address on the hub of the {} it names.",
        what.join(" or ")
    )
}

fn add_sentence(description: &mut String, sentence: &str) {
    if sentence.is_empty() {
        return;
    }
    if !description.is_empty() {
        if !description.ends_with('.') {
            description.push('.');
        }
        description.push(' ');
    }
    description.push_str(sentence);
}
