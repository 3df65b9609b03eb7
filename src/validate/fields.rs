//! Checks front-matter values against their field declarations and turns
//! them into typed `Value`s. Every problem in an entry is reported, not only
//! the first.

use std::ops::Range;

use indexmap::IndexMap;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::checker::Checker;
use super::formats::{date, from_default};
use super::values::whole_number;
use crate::core::diagnostics::did_you_mean;
use crate::core::model::Value;
use crate::core::schema::{FieldDef, FieldType, quoted_list};

/// Whether a field must have a value in `table`: it is `required`, or the
/// conditions of its `required_if` hold for the other fields as written
/// (or for their defaults when left out). A placeholder of such a field is
/// "not filled in" and its absence is "missing"; the JSON Schema export
/// (`schema_export`) states the same condition.
fn is_required(def: &FieldDef, table: &DeTable<'_>, fields: &IndexMap<String, FieldDef>) -> bool {
    def.required
        || (!def.required_if.is_empty()
            && def.required_if.iter().all(|(other, wanted)| {
                match table.iter().find(|(k, _)| k.get_ref().as_ref() == other) {
                    Some((_, v)) => v.get_ref().as_str() == Some(wanted.as_str()),
                    None => fields
                        .get(other)
                        .and_then(|d| d.default.as_ref())
                        .is_some_and(|d| d.as_str() == Some(wanted.as_str())),
                }
            }))
}

impl Checker<'_> {
    /// Checks a table against a set of field declarations; `context` names
    /// the table in messages ("collection `library`", "field `period`").
    /// Missing fields are reported at `header`, a span of the whole file.
    pub fn table(
        &mut self,
        table: &DeTable<'_>,
        header: Range<usize>,
        fields: &IndexMap<String, FieldDef>,
        context: &str,
    ) -> IndexMap<String, Value> {
        let mut values = IndexMap::new();
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            match fields.get(name) {
                Some(def) => {
                    if self.unfilled(name, value, def, is_required(def, table, fields)) {
                        continue;
                    }
                    let reported = self.problems.len();
                    match self.field(name, value, def) {
                        Some(v) => {
                            values.insert(name.to_string(), v);
                        }
                        // Never drop a value silently.
                        None if self.problems.len() == reported => self.error(
                            value.span(),
                            format!("field `{name}` has a value that cannot be used"),
                            Some(format!("expected {}", def.expectation())),
                        ),
                        None => {}
                    }
                }
                None => {
                    let hint = did_you_mean(name, fields.keys().map(String::as_str))
                        .unwrap_or_else(|| {
                            format!(
                                "{context} has the fields {}",
                                quoted_list(&fields.keys().cloned().collect::<Vec<_>>())
                            )
                        });
                    self.error(
                        key.span(),
                        format!("unknown field `{name}` in {context}"),
                        Some(hint),
                    );
                }
            }
        }
        for (name, def) in fields {
            // A field that is there but invalid was reported already: it is
            // not also missing.
            let written = table.iter().any(|(key, _)| key.get_ref().as_ref() == name);
            if values.contains_key(name) || written {
                continue;
            }
            if is_required(def, table, fields) {
                let why = if def.required {
                    String::new()
                } else {
                    let cond: Vec<String> = def
                        .required_if
                        .iter()
                        .map(|(k, v)| format!("{k} = \"{v}\""))
                        .collect();
                    format!(" (because {})", cond.join(" and "))
                };
                self.error_at(
                    header.clone(),
                    format!("missing required field `{name}` in {context}{why}"),
                    Some(format!("add `{name} = ...`: {}", def.expectation())),
                );
            } else if let Some(default) = &def.default
                && let Some(v) = from_default(default, def)
            {
                values.insert(name.clone(), v);
            }
        }
        // Kept for the whole build, once per entry: no room to grow.
        values.shrink_to_fit();
        values
    }

    fn field(&mut self, name: &str, value: &Spanned<DeValue<'_>>, def: &FieldDef) -> Option<Value> {
        if def.list {
            let Some(array) = value.get_ref().as_array() else {
                self.error(
                    value.span(),
                    format!("field `{name}` must be a list"),
                    Some(format!(
                        "write it in square brackets, like {name} = [\"...\"]; expected {}",
                        def.expectation()
                    )),
                );
                return None;
            };
            let items: Vec<Value> = array
                .iter()
                .filter_map(|item| self.single(name, item, def))
                .collect();
            return Some(Value::List(items));
        }
        self.single(name, value, def)
    }

    fn single(
        &mut self,
        name: &str,
        value: &Spanned<DeValue<'_>>,
        def: &FieldDef,
    ) -> Option<Value> {
        let span = value.span();
        match (def.kind, value.get_ref()) {
            (FieldType::String | FieldType::Text, DeValue::String(s)) => {
                self.text(name, span, s, def)
            }
            (FieldType::Int, DeValue::Integer(i)) => self.int(name, span, i),
            (FieldType::Float, DeValue::Float(f)) => {
                match f.as_str().replace('_', "").parse::<f64>() {
                    Ok(n) => Some(Value::Float(n)),
                    Err(_) => self.wrong_type(name, value, def),
                }
            }
            (FieldType::Float, DeValue::Integer(i)) => match whole_number(i) {
                Some(n) => Some(Value::Float(n as f64)),
                None => self.wrong_type(name, value, def),
            },
            (FieldType::Bool, DeValue::Boolean(b)) => Some(Value::Bool(*b)),
            (FieldType::Date, DeValue::Datetime(dt)) => match (dt.date, dt.time) {
                (Some(d), None) => date(d)
                    .map(Value::Date)
                    .or_else(|| self.wrong_type(name, value, def)),
                _ => self.date_with_time(name, span),
            },
            (FieldType::Date, DeValue::String(s)) => self.written_date(name, span, s),
            (FieldType::Datetime, DeValue::Datetime(dt)) => self.datetime(name, span, dt),
            (FieldType::Datetime, DeValue::String(s)) => self.written_datetime(name, span, s, def),
            (
                FieldType::Url | FieldType::File | FieldType::Email | FieldType::Enum,
                DeValue::String(s),
            ) => self.formatted(name, span, s, def),
            (FieldType::Term, DeValue::String(s)) => self.term(span, s, def),
            (FieldType::Ref, DeValue::String(s)) => self.reference(name, span, s, def),
            (FieldType::Object, DeValue::Table(table)) => {
                let context = format!("field `{name}`");
                let header = span.start + self.offset..span.start + self.offset + 1;
                let fields = self.table(table, header, &def.fields, &context);
                Some(Value::Object(Box::new(fields)))
            }
            _ => self.wrong_type(name, value, def),
        }
    }
}
