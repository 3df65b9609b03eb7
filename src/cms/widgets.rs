//! One field of the schema as a field of the editor's form, with the
//! widget that writes what `calabash check` reads: dates as `2025-03-14`,
//! date-times with their offset, whole numbers as integers, `enum`s and
//! vocabulary terms as selects, references to one collection as relations
//! giving the target's slug, lists and objects as list and object widgets.
//! What a widget cannot enforce is said in the field's hint.

use crate::config::{CollectionConfig, Config};
use crate::core::schema::{FieldDef, FieldType, label_from_name};
use crate::forms::yaml::Yaml;
use crate::load::taxonomy::Taxonomies;

/// What a field is made from.
pub struct Source<'a> {
    pub config: &'a Config,
    pub taxonomies: &'a Taxonomies,
}

/// The format the datetime widget writes for a `datetime` field: seconds
/// and the offset of the editor's computer, which `check` reads.
pub const DATETIME_FORMAT: &str = "YYYY-MM-DDTHH:mm:ssZ";
const DATE_FORMAT: &str = "YYYY-MM-DD";

/// The editor's field for `name` of `collection`.
pub fn field(name: &str, def: &FieldDef, collection: &CollectionConfig, source: &Source) -> Yaml {
    let mut hint = def.description.clone().unwrap_or_default();
    if !def.required_if.is_empty() {
        let conditions: Vec<String> = (def.required_if.iter())
            .map(|(field, value)| format!("{} is \"{value}\"", label_of(collection, field)))
            .collect();
        add_sentence(
            &mut hint,
            &format!("Required when {}.", conditions.join(" and ")),
        );
    }
    if collection.require_one_of.iter().any(|f| f == name) {
        let labels: Vec<String> = (collection.require_one_of.iter())
            .map(|f| label_of(collection, f))
            .collect();
        add_sentence(
            &mut hint,
            &format!(
                "Give at least one of: {} (the check of the pull request says when none is given).",
                labels.join(", ")
            ),
        );
    }
    if collection.recommended.iter().any(|f| f == name) {
        add_sentence(&mut hint, "Recommended.");
    }
    let label = def.label.clone().unwrap_or_else(|| label_from_name(name));
    described(name, label, def, hint, source)
}

fn label_of(collection: &CollectionConfig, field: &str) -> String {
    (collection.fields.get(field))
        .and_then(|d| d.label.clone())
        .unwrap_or_else(|| label_from_name(field))
}

/// A field with its label and hint; nested fields of objects have theirs.
fn described(name: &str, label: String, def: &FieldDef, hint: String, source: &Source) -> Yaml {
    let mut hint = hint;
    let mut pairs = vec![
        ("name".to_string(), Yaml::str(name)),
        ("label".to_string(), Yaml::str(label)),
    ];
    let mut widget = widget(def, source, &mut hint);
    // Selects and relations take several values themselves.
    let several = (widget.iter()).any(|(key, value)| {
        key == "widget" && matches!(value, Yaml::Str(w) if w == "select" || w == "relation")
    });
    if def.list && !several {
        widget = list_of(def, widget, source);
    }
    pairs.append(&mut widget);
    pairs.push(("required".into(), Yaml::Bool(def.required)));
    if let Some(default) = def.default.as_ref().and_then(yaml_value) {
        pairs.push(("default".into(), default));
    }
    if !hint.is_empty() {
        pairs.push(("hint".into(), Yaml::str(hint)));
    }
    Yaml::Map(pairs)
}

/// The widget of one value of the field, and its settings.
fn widget(def: &FieldDef, source: &Source, hint: &mut String) -> Vec<(String, Yaml)> {
    let named = |widget: &str| vec![("widget".to_string(), Yaml::str(widget))];
    let mut settings = match def.kind {
        FieldType::String => named("string"),
        FieldType::Text => named("text"),
        FieldType::Bool => named("boolean"),
        FieldType::Int | FieldType::Float => {
            let kind = if def.kind == FieldType::Int {
                "int"
            } else {
                "float"
            };
            [
                named("number"),
                vec![("value_type".into(), Yaml::str(kind))],
            ]
            .concat()
        }
        FieldType::Date => [named("datetime"), dates(DATE_FORMAT, false)].concat(),
        FieldType::Datetime => {
            add_sentence(
                hint,
                "The time is written with your computer's offset from UTC.",
            );
            [named("datetime"), dates(DATETIME_FORMAT, true)].concat()
        }
        FieldType::Url => patterned(
            named("string"),
            r"^https?://[^\s]+\.[^\s]+$|^https?://localhost",
            "A full web address, starting with https://",
        ),
        FieldType::Email => patterned(
            named("string"),
            r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
            "An email address, like name@example.org",
        ),
        FieldType::File => named("file"),
        FieldType::Enum => select(
            def.values.iter().map(|v| Yaml::str(v.clone())).collect(),
            def.list,
        ),
        FieldType::Term => terms(def, source, hint),
        FieldType::Ref => reference(def, source, hint),
        FieldType::Object => object_fields(def, source),
    };
    if def.kind == FieldType::Term && settings.is_empty() {
        settings = named("string");
    }
    settings
}

fn dates(format: &str, time: bool) -> Vec<(String, Yaml)> {
    vec![
        ("format".into(), Yaml::str(format)),
        ("date_format".into(), Yaml::str(DATE_FORMAT)),
        (
            "time_format".into(),
            if time {
                Yaml::str("HH:mm")
            } else {
                Yaml::Bool(false)
            },
        ),
    ]
}

fn patterned(mut widget: Vec<(String, Yaml)>, regex: &str, says: &str) -> Vec<(String, Yaml)> {
    widget.push((
        "pattern".into(),
        Yaml::List(vec![Yaml::str(regex), Yaml::str(says)]),
    ));
    widget
}

fn select(options: Vec<Yaml>, multiple: bool) -> Vec<(String, Yaml)> {
    vec![
        ("widget".into(), Yaml::str("select")),
        ("options".into(), Yaml::List(options)),
        ("multiple".into(), Yaml::Bool(multiple)),
    ]
}

/// A select of the vocabulary's terms, labelled; nothing for a vocabulary
/// without terms (a select needs options).
fn terms(def: &FieldDef, source: &Source, hint: &mut String) -> Vec<(String, Yaml)> {
    let taxonomy = (def.taxonomy.as_deref()).and_then(|t| source.taxonomies.get(t));
    match taxonomy {
        Some(taxonomy) if !taxonomy.terms.is_empty() => {
            let options = (taxonomy.terms.iter())
                .map(|term| {
                    Yaml::map([
                        ("label", Yaml::str(term.label.clone())),
                        ("value", Yaml::str(term.id.clone())),
                    ])
                })
                .collect();
            select(options, def.list)
        }
        _ => {
            add_sentence(
                hint,
                &format!(
                    "A term of the {} vocabulary, by its id.",
                    def.taxonomy.as_deref().unwrap_or_default()
                ),
            );
            Vec::new()
        }
    }
}

fn one_target(def: &FieldDef) -> Option<&str> {
    match def.collection.as_ref().map(|t| t.names()) {
        Some([one]) => Some(one),
        _ => None,
    }
}

/// A relation to the target collection, giving the target's slug; a
/// reference to several collections is written `collection/slug`, which a
/// relation cannot give: a string with a pattern, and a hint.
fn reference(def: &FieldDef, source: &Source, hint: &mut String) -> Vec<(String, Yaml)> {
    if let Some(target) = one_target(def) {
        return vec![
            ("widget".into(), Yaml::str("relation")),
            ("collection".into(), Yaml::str(target)),
            ("value_field".into(), Yaml::str("{{slug}}")),
            ("search_fields".into(), Yaml::List(vec![Yaml::str("title")])),
            (
                "display_fields".into(),
                Yaml::List(vec![Yaml::str("title")]),
            ),
            ("multiple".into(), Yaml::Bool(def.list)),
        ];
    }
    let names = def.collection.as_ref().map_or(&[][..], |t| t.names());
    let singulars: Vec<String> = (names.iter())
        .map(|n| {
            (source.config.collection(n)).map_or(n.clone(), |c| {
                format!("{} ({n})", c.singular.to_lowercase())
            })
        })
        .collect();
    add_sentence(
        hint,
        &format!(
            "Name a {} as collection/file name without .md, like {}/{}.",
            singulars.join(" or "),
            names.first().map_or("collection", String::as_str),
            "its-file-name"
        ),
    );
    let alternatives = names
        .iter()
        .map(|n| regex_escape(n))
        .collect::<Vec<_>>()
        .join("|");
    patterned(
        vec![("widget".into(), Yaml::str("string"))],
        &format!("^({alternatives})/[a-z0-9]+(-[a-z0-9]+)*$"),
        "collection/file-name, like the hint says",
    )
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

/// An object's fields, each with its own widget. The editor checks the
/// required fields of an optional object left empty too: there they are
/// optional, and their hint says when they are needed (`check` says it
/// when one is missing).
fn object_fields(def: &FieldDef, source: &Source) -> Vec<(String, Yaml)> {
    let optional_group = !def.list && !def.required;
    let fields = (def.fields.iter())
        .map(|(name, nested)| {
            let label = (nested.label.clone()).unwrap_or_else(|| label_from_name(name));
            let mut hint = nested.description.clone().unwrap_or_default();
            if optional_group && nested.required {
                let mut relaxed = nested.clone();
                relaxed.required = false;
                add_sentence(&mut hint, "Required once any of this group is filled in.");
                return described(name, label, &relaxed, hint, source);
            }
            described(name, label, nested, hint, source)
        })
        .collect();
    vec![
        ("widget".into(), Yaml::str("object")),
        ("fields".into(), Yaml::List(fields)),
    ]
}

/// A list of the values `widget` edits: of objects, their fields; of other
/// values, one field per item (the list widget then writes plain values).
fn list_of(def: &FieldDef, widget: Vec<(String, Yaml)>, source: &Source) -> Vec<(String, Yaml)> {
    if def.kind == FieldType::Object {
        let fields = object_fields(def, source).pop().map(|(_, f)| f);
        return vec![
            ("widget".into(), Yaml::str("list")),
            ("fields".into(), fields.unwrap_or(Yaml::List(Vec::new()))),
        ];
    }
    let mut item = vec![
        ("name".to_string(), Yaml::str("item")),
        ("label".to_string(), Yaml::str(label_from_name("item"))),
    ];
    item.extend(widget);
    vec![
        ("widget".into(), Yaml::str("list")),
        ("field".into(), Yaml::Map(item)),
    ]
}

/// A schema default as YAML; none for a date (a TOML value YAML would
/// read as a string).
fn yaml_value(value: &toml::Value) -> Option<Yaml> {
    Some(match value {
        toml::Value::String(s) => Yaml::str(s.clone()),
        toml::Value::Boolean(b) => Yaml::Bool(*b),
        toml::Value::Integer(i) => Yaml::Int(*i),
        toml::Value::Float(f) => Yaml::Float(*f),
        toml::Value::Array(items) => Yaml::List(items.iter().filter_map(yaml_value).collect()),
        toml::Value::Table(table) => Yaml::Map(
            (table.iter())
                .filter_map(|(k, v)| Some((k.clone(), yaml_value(v)?)))
                .collect(),
        ),
        toml::Value::Datetime(dt) => Yaml::str(dt.to_string()),
    })
}

pub fn add_sentence(text: &mut String, sentence: &str) {
    if sentence.is_empty() {
        return;
    }
    if !text.is_empty() {
        if !text.ends_with(['.', '!', '?', ')']) {
            text.push('.');
        }
        text.push(' ');
    }
    text.push_str(sentence);
}
