//! Placeholders: values left empty for the contributor to fill in, as
//! `calabash new` writes them (`status = ""`, `countries = []`). A required
//! field left so is reported as "not filled in", with a hint saying what to
//! write, rather than as a value of the wrong kind; so is an optional field
//! whose type has no empty value (a date, a number, an enum ...).

use std::ops::Range;

use indexmap::IndexMap;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::checker::Checker;
use crate::core::diagnostics::Diagnostic;
use crate::core::model::Value;
use crate::core::schema::{FieldDef, FieldType, quoted_list};
use crate::load::taxonomy::{TAXONOMY_DIR, Taxonomies};

/// Whether a written value is a placeholder: `""` (or only spaces), or
/// `[]` for a list field.
pub fn is_placeholder(value: &DeValue<'_>, def: &FieldDef) -> bool {
    match value {
        DeValue::String(s) => s.trim().is_empty(),
        DeValue::Array(items) => def.list && items.is_empty(),
        _ => false,
    }
}

impl Checker<'_> {
    /// Reports `value` if it is a placeholder that cannot stand; returns
    /// whether it did (the value is then not checked any further).
    pub fn unfilled(
        &mut self,
        name: &str,
        value: &Spanned<DeValue<'_>>,
        def: &FieldDef,
        required: bool,
    ) -> bool {
        if !is_placeholder(value.get_ref(), def) {
            return false;
        }
        let empty_is_a_value = def.list || matches!(def.kind, FieldType::String | FieldType::Text);
        if !required && empty_is_a_value {
            return false;
        }
        let mut hint = fill_hint(name, def, self.taxonomies);
        if !required {
            hint.push_str(", or remove the line: the field is optional");
        }
        self.error(
            value.span(),
            format!("field `{name}` is not filled in"),
            Some(hint),
        );
        true
    }

    /// `require_one_of`: at least one of the fields must have a value. When
    /// none does, a placeholder written for one of them is reported where it
    /// is; with nothing written, the entry is reported at `fence`.
    pub fn require_one_of(
        &mut self,
        names: &[String],
        collection: &str,
        table: &DeTable<'_>,
        values: &IndexMap<String, Value>,
        fields: &IndexMap<String, FieldDef>,
        fence: Range<usize>,
    ) {
        let has_value = |name: &String| match values.get(name) {
            Some(Value::Text(s)) => !s.trim().is_empty(),
            Some(Value::List(items)) => !items.is_empty(),
            Some(_) => true,
            None => false,
        };
        if names.is_empty() || names.iter().any(has_value) {
            return;
        }
        let quoted: Vec<String> = names.iter().map(|f| format!("`{f}`")).collect();
        let need = format!(
            "{collection} entries need at least one of {}",
            quoted.join(" or ")
        );
        let mut written = false;
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            if !names.iter().any(|n| n == name) {
                continue;
            }
            written = true;
            let Some(def) = fields.get(name) else {
                continue;
            };
            if !is_placeholder(value.get_ref(), def) {
                continue;
            }
            let message = format!("field `{name}` is not filled in");
            let hint = format!("{need}. {}", fill_hint(name, def, self.taxonomies));
            if values.contains_key(name) {
                // An empty text: a value, but not one that counts.
                self.error(value.span(), message, Some(hint));
                continue;
            }
            // Reported already as an optional field: it is not optional now.
            let span = value.span();
            let at = Diagnostic::error(self.path, "")
                .at(self.text, span.start + self.offset..span.end + self.offset);
            if let Some(reported) = self
                .problems
                .iter_mut()
                .rev()
                .find(|d| d.message == message && (d.line, d.column) == (at.line, at.column))
            {
                reported.hint = Some(hint);
            }
        }
        if !written {
            self.error_at(fence, need, Some(format!("add {}", quoted.join(" or "))));
        }
    }
}

/// What to write in a field: its description, then its kind of value with
/// an example (`write one of "ongoing", "completed", like status = "ongoing"`).
pub fn fill_hint(name: &str, def: &FieldDef, taxonomies: &Taxonomies) -> String {
    let example = example_value(def, taxonomies);
    let written = if def.list {
        format!("{name} = [{example}]")
    } else {
        format!("{name} = {example}")
    };
    let what = match def.kind {
        FieldType::String | FieldType::Text => "write the text in quotes".to_string(),
        FieldType::Int => "write a whole number".into(),
        FieldType::Float => "write a number".into(),
        FieldType::Bool => "write true or false".into(),
        FieldType::Date => "write a date, without quotes".into(),
        FieldType::Datetime => "write a date and time with its UTC offset, without quotes".into(),
        FieldType::Url => "write a full web address".into(),
        FieldType::File => "write the path of a file under static/".into(),
        FieldType::Email => "write an email address".into(),
        FieldType::Enum => format!("write one of {}", quoted_list(&def.values)),
        FieldType::Term => {
            let taxonomy = def.taxonomy.as_deref().unwrap_or_default();
            let ids = if def.list { "term ids" } else { "a term id" };
            format!("write {ids} from {TAXONOMY_DIR}/{taxonomy}.toml")
        }
        FieldType::Ref => {
            let targets = def
                .collection
                .as_ref()
                .map(|t| t.names().join(" or "))
                .unwrap_or_default();
            format!("write the slug (file name without .md) of an entry of {targets}")
        }
        FieldType::Object => format!(
            "write its fields ({}) under a [{name}] line",
            def.fields.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
    };
    let what = if def.kind == FieldType::Object {
        what
    } else if def.list {
        format!("{what}, as a list, like {written}")
    } else {
        format!("{what}, like {written}")
    };
    match def.description.as_deref() {
        Some(d) => format!("{}: {what}", d.trim_end_matches('.')),
        None => what,
    }
}

/// A valid-looking value of the field's type, as TOML.
fn example_value(def: &FieldDef, taxonomies: &Taxonomies) -> String {
    match def.kind {
        FieldType::String | FieldType::Text => "\"...\"".into(),
        FieldType::Int => "42".into(),
        FieldType::Float => "2.5".into(),
        FieldType::Bool => "true".into(),
        FieldType::Date => "2025-03-14".into(),
        FieldType::Datetime => "2025-06-12T14:00:00-05:00".into(),
        FieldType::Url => "\"https://example.org/page\"".into(),
        FieldType::File => "\"/documents/report.pdf\"".into(),
        FieldType::Email => "\"name@example.org\"".into(),
        FieldType::Enum => format!("\"{}\"", def.values.first().map_or("", String::as_str)),
        FieldType::Term => {
            let first = def
                .taxonomy
                .as_deref()
                .and_then(|t| taxonomies.get(t))
                .and_then(|t| t.terms.first())
                .map_or("...", |term| term.id.as_str());
            format!("\"{first}\"")
        }
        FieldType::Ref => "\"its-slug\"".into(),
        FieldType::Object => "{ ... }".into(),
    }
}
