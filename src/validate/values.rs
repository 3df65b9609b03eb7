//! One front-matter value of each field type checked and typed: text,
//! numbers, dates and times, web and email addresses, files, allowed values,
//! terms and references.

use std::ops::Range;

use jiff::civil;
use jiff::tz::Offset;
use toml::Spanned;
use toml::de::{DeInteger, DeValue};

use super::checker::Checker;
use super::formats::{date, describe, is_email, is_web_url, single_expectation, wrong_type_hint};
use crate::core::diagnostics::did_you_mean;
use crate::core::model::{Reference, Value};
use crate::core::schema::{FieldDef, FieldType, quoted_list};

/// A TOML integer as written (any radix, `_` separators), if it fits.
pub fn whole_number(i: &DeInteger<'_>) -> Option<i64> {
    i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
}

impl Checker<'_> {
    /// Reports a value that cannot be used: the field has none.
    fn reject(&mut self, span: Range<usize>, message: String, hint: String) -> Option<Value> {
        self.error(span, message, Some(hint));
        None
    }

    /// Reports a value of another type than the field's.
    pub fn wrong_type(
        &mut self,
        name: &str,
        value: &Spanned<DeValue<'_>>,
        def: &FieldDef,
    ) -> Option<Value> {
        self.reject(
            value.span(),
            format!(
                "field `{name}` should be {}, not {}",
                single_expectation(def),
                describe(value.get_ref())
            ),
            wrong_type_hint(name, def, value.get_ref()),
        )
    }

    /// A `string` or `text` field: not empty when required.
    pub fn text(
        &mut self,
        name: &str,
        span: Range<usize>,
        s: &str,
        def: &FieldDef,
    ) -> Option<Value> {
        if def.required && s.trim().is_empty() {
            return self.reject(
                span,
                format!("field `{name}` is empty"),
                "write a value, or remove the field if it is optional".into(),
            );
        }
        Some(Value::Text(s.to_string()))
    }

    /// An `int` field: a whole number that fits.
    pub fn int(&mut self, name: &str, span: Range<usize>, i: &DeInteger<'_>) -> Option<Value> {
        match whole_number(i) {
            Some(n) => Some(Value::Int(n)),
            None => self.reject(
                span,
                format!("field `{name}` is too large a number"),
                format!("use a whole number between {} and {}", i64::MIN, i64::MAX),
            ),
        }
    }

    /// A `date` field written as a date and time.
    pub fn date_with_time(&mut self, name: &str, span: Range<usize>) -> Option<Value> {
        self.reject(
            span,
            format!("field `{name}` is a date without a time"),
            "write only the date, like 2025-03-14".into(),
        )
    }

    /// A `date` field written as a string.
    pub fn written_date(&mut self, name: &str, span: Range<usize>, s: &str) -> Option<Value> {
        match s.parse::<civil::Date>() {
            Ok(d) => Some(Value::Date(d)),
            Err(_) => self.reject(
                span,
                format!("field `{name}` is not a valid date: \"{s}\""),
                "expected a date like 2025-03-14 (year-month-day, without quotes)".into(),
            ),
        }
    }

    /// A `datetime` field written as a string.
    pub fn written_datetime(
        &mut self,
        name: &str,
        span: Range<usize>,
        s: &str,
        def: &FieldDef,
    ) -> Option<Value> {
        match s.parse::<toml::value::Datetime>() {
            Ok(dt) => self.datetime(name, span, &dt),
            Err(_) => self.reject(
                span,
                format!("field `{name}` is not a valid date and time: \"{s}\""),
                format!("expected {}", def.expectation()),
            ),
        }
    }

    /// A string of a field whose values have a form: a web address, a file
    /// of the site, an email address or one of the allowed values.
    pub fn formatted(
        &mut self,
        name: &str,
        span: Range<usize>,
        s: &str,
        def: &FieldDef,
    ) -> Option<Value> {
        let (message, hint) = match def.kind {
            FieldType::Url if is_web_url(s) => return Some(Value::Text(s.to_string())),
            FieldType::Url => (
                format!("field `{name}` is not a web address: \"{s}\""),
                "expected a full address starting with https:// or http://".to_string(),
            ),
            FieldType::File if s.starts_with('/') && !s.starts_with("//") && !s.contains("..") => {
                return Some(Value::Text(s.to_string()));
            }
            FieldType::File => (
                format!("field `{name}` is not the path of a file of the site: \"{s}\""),
                format!("expected {}", def.expectation()),
            ),
            FieldType::Email if is_email(s) => return Some(Value::Email(s.to_string())),
            FieldType::Email => (
                format!("field `{name}` is not an email address: \"{s}\""),
                "expected an address like \"name@example.org\"".to_string(),
            ),
            _ if def.values.iter().any(|v| v == s) => return Some(Value::Text(s.to_string())),
            _ => (
                format!("`{s}` is not an allowed value of field `{name}`"),
                did_you_mean(s, def.values.iter().map(String::as_str))
                    .map(|d| format!("{d} allowed values: {}", quoted_list(&def.values)))
                    .unwrap_or_else(|| format!("allowed values: {}", quoted_list(&def.values))),
            ),
        };
        self.reject(span, message, hint)
    }

    /// A `term` field: a term of its vocabulary.
    pub fn term(&mut self, span: Range<usize>, s: &str, def: &FieldDef) -> Option<Value> {
        let taxonomy_name = def.taxonomy.as_deref().unwrap_or_default();
        let taxonomy = self.taxonomies.get(taxonomy_name)?;
        if let Some((taxonomy, id)) = taxonomy.shared_term(s) {
            return Some(Value::Term { taxonomy, id });
        }
        let hint = taxonomy.unknown_term_hint(s);
        self.reject(
            span,
            format!("unknown term `{s}` in taxonomy {taxonomy_name}"),
            hint,
        )
    }

    /// A reference, resolved later, once every entry is known.
    pub fn reference(
        &mut self,
        name: &str,
        span: Range<usize>,
        s: &str,
        def: &FieldDef,
    ) -> Option<Value> {
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
            return self.reject(
                span,
                format!("field `{name}` cannot refer to collection `{c}`"),
                format!("it refers to entries of {}", quoted_list(&targets)),
            );
        }
        let span = span.start + self.offset..span.end + self.offset;
        Some(Value::Ref(Box::new(Reference {
            targets,
            collection,
            slug,
            span,
            resolved: None,
        })))
    }

    pub fn datetime(
        &mut self,
        name: &str,
        span: Range<usize>,
        dt: &toml::value::Datetime,
    ) -> Option<Value> {
        let (Some(d), Some(t)) = (dt.date, dt.time) else {
            return self.reject(
                span,
                format!("field `{name}` needs both a date and a time"),
                "write it like 2025-06-12T14:00:00-05:00".into(),
            );
        };
        let Some(offset) = dt.offset else {
            return self.reject(span, format!("field `{name}` has no UTC offset"), "add the offset of the event's time zone, like 2025-06-12T14:00:00-05:00 (Jamaica) or Z for UTC".into());
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
            _ => self.reject(
                span,
                format!("field `{name}` is not a valid date and time: {dt}"),
                "write it like 2025-06-12T14:00:00-05:00 (seconds from 00 to 59)".into(),
            ),
        }
    }
}
