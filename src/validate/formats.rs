//! Single-value helpers for field validation: format checks (URLs, email
//! addresses), conversions (TOML dates, `default` values) and the wording of
//! type errors.

use jiff::civil;
use toml::de::DeValue;

use crate::core::model::Value;
use crate::core::schema::{FieldDef, FieldType};

pub(crate) fn date(d: toml::value::Date) -> Option<civil::Date> {
    civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok()
}

/// How to write a value of the field's type, for wrong-type hints.
pub(crate) fn wrong_type_hint(name: &str, def: &FieldDef, value: &DeValue<'_>) -> String {
    let example = match def.kind {
        FieldType::Int => "42",
        FieldType::Float => "2.5",
        FieldType::Bool => "true",
        FieldType::Date => "2025-03-14",
        FieldType::Datetime => "2025-06-12T14:00:00-05:00",
        FieldType::Object => "{ ... }",
        _ => "\"...\"",
    };
    let unquoted = example != "\"...\"";
    match value {
        DeValue::String(_) if unquoted => {
            format!("remove the quotes: write it like {name} = {example}")
        }
        DeValue::String(_) | DeValue::Array(_) | DeValue::Table(_) => {
            format!("write it like {name} = {example}")
        }
        _ if !unquoted => format!("put the value in double quotes, like {name} = {example}"),
        _ => format!("write it like {name} = {example}"),
    }
}

pub(crate) fn single_expectation(def: &FieldDef) -> String {
    let mut one = def.clone();
    one.list = false;
    one.expectation()
}

pub(crate) fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("the text \"{s}\""),
        DeValue::Integer(i) => format!("the number {}", i.as_str()),
        DeValue::Float(f) => format!("the number {}", f.as_str()),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(dt) => format!("the date {dt}"),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

/// A `default` from `site.toml` as a typed value.
pub(crate) fn from_default(default: &toml::Value, def: &FieldDef) -> Option<Value> {
    let one = |v: &toml::Value| -> Option<Value> {
        Some(match (def.kind, v) {
            (FieldType::Email, toml::Value::String(s)) => Value::Email(s.clone()),
            (_, toml::Value::String(s)) => Value::Text(s.clone()),
            (FieldType::Float, toml::Value::Integer(i)) => Value::Float(*i as f64),
            (_, toml::Value::Integer(i)) => Value::Int(*i),
            (_, toml::Value::Float(f)) => Value::Float(*f),
            (_, toml::Value::Boolean(b)) => Value::Bool(*b),
            (_, toml::Value::Datetime(dt)) => Value::Date(date(dt.date?)?),
            _ => return None,
        })
    };
    match default {
        toml::Value::Array(items) => Some(Value::List(items.iter().filter_map(one).collect())),
        single => one(single),
    }
}

pub fn is_web_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && host.contains('.') || host.starts_with("localhost")
    }) && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '(' | ')' | ',')
        })
        && !domain.contains('@')
}
