//! The values written into a new entry: the empty placeholders of fields to
//! fill in, example values for optional fields (which pass `calabash check`
//! once uncommented), and TOML keys and strings.

use crate::core::schema::{FieldDef, FieldType};

use super::context::Context;

/// A value of the field's type that `calabash check` accepts (its default,
/// else an example), for the commented-out line of an optional field: the
/// entry still passes when it is uncommented as it is. Empty text and empty
/// lists are values of their own; a reference or file has an example only
/// when the site has an entry or file to name.
pub fn example(def: &FieldDef, cx: &Context<'_>) -> String {
    if let Some(default) = &def.default {
        return default.to_string();
    }
    let first_slug = |collection: &String| cx.slugs.get(collection)?.first().cloned();
    let one = match def.kind {
        FieldType::String | FieldType::Text | FieldType::Object => None,
        FieldType::Int if mentions_year(def) => Some(cx.today.year().to_string()),
        FieldType::Int => Some("0".into()),
        FieldType::Float => Some("0.0".into()),
        FieldType::Bool => Some("false".into()),
        FieldType::Date => Some(cx.today.to_string()),
        FieldType::Datetime => Some(format!("{}T09:00:00+00:00", cx.today)),
        FieldType::Url => Some(toml_string("https://example.org/")),
        FieldType::Email => Some(toml_string("name@example.org")),
        FieldType::File => cx.files.first().map(|f| toml_string(f)),
        FieldType::Enum => def.values.first().map(|v| toml_string(v)),
        FieldType::Term => def
            .taxonomy
            .as_deref()
            .and_then(|name| cx.taxonomies.get(name)?.terms.first())
            .map(|term| toml_string(&term.id)),
        FieldType::Ref => {
            let targets: &[String] = def.collection.as_ref().map_or(&[], |t| t.names());
            match targets {
                [one] => first_slug(one).map(|slug| toml_string(&slug)),
                many => many
                    .iter()
                    .find_map(|c| first_slug(c).map(|slug| toml_string(&format!("{c}/{slug}")))),
            }
        }
    };
    match one {
        Some(one) if def.list => format!("[{one}]"),
        Some(one) => one,
        None => placeholder(def).to_string(),
    }
}

/// Whether a whole-number field holds a year (its name or description says so).
fn mentions_year(def: &FieldDef) -> bool {
    let about = def.description.as_deref().unwrap_or_default();
    let label = def.label.as_deref().unwrap_or_default();
    [about, label]
        .iter()
        .any(|text| text.to_lowercase().contains("year"))
}

/// The empty value a contributor replaces.
pub fn placeholder(def: &FieldDef) -> &'static str {
    if def.list { "[]" } else { "\"\"" }
}

/// A key as TOML writes it: bare when it can be, else quoted.
pub fn toml_key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        name.to_string()
    } else {
        toml_string(name)
    }
}

/// A TOML basic string.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
