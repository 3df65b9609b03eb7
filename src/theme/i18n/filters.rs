//! The template filters of interface strings and of formatting per
//! language (docs/templates.md): `fill` (placeholders of a string),
//! `plural` (the form of a count), `number`, and `date` with `lang`.

use tera::{Kwargs, State, TeraResult, Value};

use super::catalog::REFERENCE;
use super::format;

/// `{{ t.list.page_of | fill(number=2, total=3) }}`: each `{name}` of the
/// string replaced by the argument of that name. The string is escaped
/// unless it is already HTML (the interface strings are); an argument is
/// escaped unless it is already HTML (a `set` block, say a link), so a
/// sentence can hold a link where its language puts it.
pub fn fill(text: &Value, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let html = text.is_safe();
    let text = text
        .as_str()
        .ok_or_else(|| tera::Error::message("`fill` takes a string"))?;
    let escape = |s: &str| -> TeraResult<String> {
        if state.autoescaping_enabled() && !html {
            state.escape(s)
        } else {
            Ok(s.to_string())
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|i| open + i) else {
            break;
        };
        let name = &rest[open + 1..close];
        let value: Option<Value> = if name.is_empty() || name.contains(char::is_whitespace) {
            None
        } else {
            kwargs.get(name)?
        };
        out.push_str(&escape(&rest[..open])?);
        match value {
            Some(value) => out.push_str(&state.escape_if_needed(&value)?),
            None => out.push_str(&escape(&rest[open..=close])?),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(&escape(rest)?);
    Ok(Value::safe_string(&out))
}

/// `{{ t.list.entries | plural(count=n) }}`: the form of the plural table
/// for `n`'s CLDR category in the table's language (`other` when the table
/// has no form for it), with `{count}` replaced by `n` written as that
/// language writes numbers; other arguments fill placeholders as `fill`.
pub fn plural(table: &Value, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let count: i64 = kwargs.must_get("count")?;
    if table.as_map().is_none() {
        return Err(tera::Error::message(
            "`plural` takes a plural table of the interface strings, like t.list.entries",
        ));
    }
    let get = |key: &str| {
        (table.get_from_path(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let lang = get("lang").unwrap_or_else(|| REFERENCE.to_string());
    let category = format::plural_category(&lang, count);
    let form = get(category)
        .or_else(|| get("other"))
        .ok_or_else(|| tera::Error::message("the plural table has no `other` form"))?;
    let form = form.replace("{count}", &format::number(&lang, count));
    let form = match table
        .get_from_path(category)
        .or_else(|| table.get_from_path("other"))
    {
        Some(written) if written.is_safe() => Value::safe_string(&form),
        _ => Value::from(form),
    };
    fill(&form, kwargs, state)
}

/// `{{ n | number(lang=page.lang) }}`: an integer as the language writes it.
pub fn number(value: i64, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let lang: Option<&str> = kwargs.get("lang")?;
    Ok(format::number(lang.unwrap_or(REFERENCE), value))
}

/// `{{ entry.date | date(format="%-d %B %Y", lang=page.lang) }}` for dates
/// and date-times: `%B`/`%b` (month) and `%A`/`%a` (weekday) in the
/// language `lang` (English without it), the rest as strftime writes it.
pub fn date(value: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let format: Option<&str> = kwargs.get("format")?;
    let lang: Option<&str> = kwargs.get("lang")?;
    let format = format.unwrap_or("%e %B %Y");
    let bad = |e: jiff::Error| tera::Error::message(format!("bad date format `{format}`: {e}"));
    let formatted = if value.len() <= 10 {
        let date: jiff::civil::Date = value
            .parse()
            .map_err(|e| tera::Error::message(format!("`{value}` is not a date: {e}")))?;
        let pattern = named(format, lang, date);
        jiff::fmt::strtime::format(pattern.as_str(), date).map_err(bad)?
    } else {
        let (local, offset) = crate::theme::encode::split_datetime(value)
            .ok_or_else(|| tera::Error::message(format!("`{value}` is not a date and time")))?;
        let pattern = named(format, lang, local.date());
        let mut broken = jiff::fmt::strtime::BrokenDownTime::from(local);
        broken.set_offset(Some(offset));
        broken.to_string(pattern.as_str()).map_err(bad)?
    };
    Ok(formatted.trim().to_string())
}

/// The pattern with its month and weekday names written out in `lang`.
fn named(format: &str, lang: Option<&str>, date: jiff::civil::Date) -> String {
    let Some(names) = lang.and_then(|lang| format::date_names(lang, date)) else {
        return format.to_string();
    };
    let literal = |name: &str| name.replace('%', "%%");
    let mut out = String::with_capacity(format.len() + 16);
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('B') => out.push_str(&literal(&names.month)),
            Some('b') => out.push_str(&literal(&names.month_short)),
            Some('A') => out.push_str(&literal(&names.weekday)),
            Some('a') => out.push_str(&literal(&names.weekday_short)),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}
