//! Checks front-matter values against their field declarations and turns
//! them into typed `Value`s. Every problem in an entry is reported, not only
//! the first.

use std::ops::Range;

use indexmap::IndexMap;
use jiff::civil;
use jiff::tz::Offset;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::model::{Reference, Value};
use crate::schema::{FieldDef, FieldType, quoted_list};
use crate::taxonomy::Taxonomies;
use crate::validate::formats::{
    date, describe, from_default, is_email, is_web_url, single_expectation, wrong_type_hint,
};
use crate::validate::placeholders::required_now;

/// What a field check needs to know besides the value.
pub struct Checker<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// Where the front matter starts in `text`; TOML spans are relative to it.
    pub offset: usize,
    pub taxonomies: &'a Taxonomies,
    pub problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    pub fn error(&mut self, span: Range<usize>, message: String, hint: Option<String>) {
        self.error_at(
            span.start + self.offset..span.end + self.offset,
            message,
            hint,
        );
    }

    /// Like `error`, with a span into the whole file rather than the front matter.
    pub fn error_at(&mut self, span: Range<usize>, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(self.path, message).at(self.text, span);
        if let Some(hint) = hint {
            d = d.hint(hint);
        }
        self.problems.push(d);
    }

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
                    if self.unfilled(name, value, def, required_now(def, table, fields)) {
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
            let required_now = def.required
                || (!def.required_if.is_empty()
                    && def.required_if.iter().all(|(other, wanted)| {
                        values.get(other).and_then(Value::as_text) == Some(wanted.as_str())
                    }));
            if required_now {
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
        let wrong_type = |checker: &mut Self| {
            checker.error(
                span.clone(),
                format!(
                    "field `{name}` should be {}, not {}",
                    single_expectation(def),
                    describe(value.get_ref())
                ),
                Some(wrong_type_hint(name, def, value.get_ref())),
            );
            None
        };
        match (def.kind, value.get_ref()) {
            (FieldType::String | FieldType::Text, DeValue::String(s)) => {
                if def.required && s.trim().is_empty() {
                    self.error(
                        span,
                        format!("field `{name}` is empty"),
                        Some("write a value, or remove the field if it is optional".into()),
                    );
                    return None;
                }
                Some(Value::Text(s.to_string()))
            }
            (FieldType::Int, DeValue::Integer(i)) => {
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(n) => Some(Value::Int(n)),
                    Err(_) => {
                        self.error(
                            span,
                            format!("field `{name}` is too large a number"),
                            Some(format!(
                                "use a whole number between {} and {}",
                                i64::MIN,
                                i64::MAX
                            )),
                        );
                        None
                    }
                }
            }
            (FieldType::Float, DeValue::Float(f)) => {
                match f.as_str().replace('_', "").parse::<f64>() {
                    Ok(n) => Some(Value::Float(n)),
                    Err(_) => wrong_type(self),
                }
            }
            (FieldType::Float, DeValue::Integer(i)) => {
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(n) => Some(Value::Float(n as f64)),
                    Err(_) => wrong_type(self),
                }
            }
            (FieldType::Bool, DeValue::Boolean(b)) => Some(Value::Bool(*b)),
            (FieldType::Date, DeValue::Datetime(dt)) => match (dt.date, dt.time) {
                (Some(d), None) => date(d).map(Value::Date).or_else(|| wrong_type(self)),
                _ => {
                    self.error(
                        span,
                        format!("field `{name}` is a date without a time"),
                        Some("write only the date, like 2025-03-14".into()),
                    );
                    None
                }
            },
            (FieldType::Date, DeValue::String(s)) => match s.parse::<civil::Date>() {
                Ok(d) => Some(Value::Date(d)),
                Err(_) => {
                    self.error(
                        span,
                        format!("field `{name}` is not a valid date: \"{s}\""),
                        Some(
                            "expected a date like 2025-03-14 (year-month-day, without quotes)"
                                .into(),
                        ),
                    );
                    None
                }
            },
            (FieldType::Datetime, DeValue::Datetime(dt)) => self.datetime(name, span, dt),
            (FieldType::Datetime, DeValue::String(s)) => match s.parse::<toml::value::Datetime>() {
                Ok(dt) => self.datetime(name, span, &dt),
                Err(_) => {
                    self.error(
                        span,
                        format!("field `{name}` is not a valid date and time: \"{s}\""),
                        Some(format!("expected {}", def.expectation())),
                    );
                    None
                }
            },
            (FieldType::Url, DeValue::String(s)) => {
                if is_web_url(s) {
                    Some(Value::Text(s.to_string()))
                } else {
                    self.error(
                        span,
                        format!("field `{name}` is not a web address: \"{s}\""),
                        Some("expected a full address starting with https:// or http://".into()),
                    );
                    None
                }
            }
            (FieldType::File, DeValue::String(s)) => {
                if s.starts_with('/') && !s.starts_with("//") && !s.contains("..") {
                    Some(Value::Text(s.to_string()))
                } else {
                    self.error(
                        span,
                        format!("field `{name}` is not the path of a file of the site: \"{s}\""),
                        Some(format!("expected {}", def.expectation())),
                    );
                    None
                }
            }
            (FieldType::Email, DeValue::String(s)) => {
                if is_email(s) {
                    Some(Value::Email(s.to_string()))
                } else {
                    self.error(
                        span,
                        format!("field `{name}` is not an email address: \"{s}\""),
                        Some("expected an address like \"name@example.org\"".into()),
                    );
                    None
                }
            }
            (FieldType::Enum, DeValue::String(s)) => {
                if def.values.iter().any(|v| v == s.as_ref()) {
                    Some(Value::Text(s.to_string()))
                } else {
                    let hint = did_you_mean(s, def.values.iter().map(String::as_str))
                        .map(|d| format!("{d} allowed values: {}", quoted_list(&def.values)))
                        .unwrap_or_else(|| format!("allowed values: {}", quoted_list(&def.values)));
                    self.error(
                        span,
                        format!("`{s}` is not an allowed value of field `{name}`"),
                        Some(hint),
                    );
                    None
                }
            }
            (FieldType::Term, DeValue::String(s)) => {
                let taxonomy_name = def.taxonomy.as_deref().unwrap_or_default();
                let taxonomy = self.taxonomies.get(taxonomy_name)?;
                if taxonomy.term(s).is_some() {
                    Some(Value::Term {
                        taxonomy: taxonomy_name.to_string(),
                        id: s.to_string(),
                    })
                } else {
                    let hint = taxonomy.unknown_term_hint(s);
                    self.error(
                        span,
                        format!("unknown term `{s}` in taxonomy {taxonomy_name}"),
                        Some(hint),
                    );
                    None
                }
            }
            (FieldType::Ref, DeValue::String(s)) => {
                let targets: Vec<String> = def
                    .collection
                    .as_ref()
                    .map(|t| t.names().to_vec())
                    .unwrap_or_default();
                let (collection, slug) = match s.split_once('/') {
                    Some((c, slug)) => (
                        Some(c.to_string()),
                        slug.trim_end_matches(".md").to_string(),
                    ),
                    None => (None, s.to_string()),
                };
                if let Some(c) = &collection
                    && !targets.contains(c)
                {
                    self.error(
                        span,
                        format!("field `{name}` cannot refer to collection `{c}`"),
                        Some(format!("it refers to entries of {}", quoted_list(&targets))),
                    );
                    return None;
                }
                let span = span.start + self.offset..span.end + self.offset;
                Some(Value::Ref(Reference {
                    targets,
                    collection,
                    slug,
                    span,
                    resolved: None,
                }))
            }
            (FieldType::Object, DeValue::Table(table)) => {
                let context = format!("field `{name}`");
                let header = span.start + self.offset..span.start + self.offset + 1;
                Some(Value::Object(self.table(
                    table,
                    header,
                    &def.fields,
                    &context,
                )))
            }
            _ => wrong_type(self),
        }
    }

    fn datetime(
        &mut self,
        name: &str,
        span: Range<usize>,
        dt: &toml::value::Datetime,
    ) -> Option<Value> {
        let (Some(d), Some(t)) = (dt.date, dt.time) else {
            self.error(
                span,
                format!("field `{name}` needs both a date and a time"),
                Some("write it like 2025-06-12T14:00:00-05:00".into()),
            );
            return None;
        };
        let Some(offset) = dt.offset else {
            self.error(span, format!("field `{name}` has no UTC offset"), Some("add the offset of the event's time zone, like 2025-06-12T14:00:00-05:00 (Jamaica) or Z for UTC".into()));
            return None;
        };
        let minutes = match offset {
            toml::value::Offset::Z => 0,
            toml::value::Offset::Custom { minutes } => i32::from(minutes),
        };
        let time =
            civil::Time::new(t.hour as i8, t.minute as i8, t.second.unwrap_or(0) as i8, 0).ok();
        let offset = Offset::from_seconds(minutes * 60).ok();
        match (date(d), time, offset) {
            (Some(date), Some(time), Some(offset)) => {
                Some(Value::DateTime(date.to_datetime(time), offset))
            }
            _ => {
                self.error(
                    span,
                    format!("field `{name}` is not a valid date and time: {dt}"),
                    Some("write it like 2025-06-12T14:00:00-05:00 (seconds from 00 to 59)".into()),
                );
                None
            }
        }
    }
}
