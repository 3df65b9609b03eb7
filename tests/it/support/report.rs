//! Reading the JSON a Node script prints (the browser checks, ical.js, the
//! search client). Every accessor fails, naming the key and showing the
//! report, when the key is missing or holds another kind of value: a key
//! renamed in a script fails the test instead of quietly turning its
//! checks into checks of nothing.

use serde_json::Value;

/// Keys of a script's report that must be there.
pub trait Report {
    /// The value of `key`, which the script must have written (`null`
    /// counts as written).
    fn key(&self, key: &str) -> &Value;
    /// The list under `key`.
    fn list(&self, key: &str) -> &[Value];
    /// The list under `key`, its items as text (other values as JSON).
    fn strings(&self, key: &str) -> Vec<String>;
    /// The text under `key`.
    fn text(&self, key: &str) -> &str;
    /// The whole number under `key`.
    fn number(&self, key: &str) -> u64;
    /// The `true` or `false` under `key`.
    fn flag(&self, key: &str) -> bool;
}

impl Report for Value {
    fn key(&self, key: &str) -> &Value {
        self.get(key).unwrap_or_else(|| {
            panic!(
                "the report has no `{key}` (was it renamed in the script?):\n{}",
                shown(self)
            )
        })
    }

    fn list(&self, key: &str) -> &[Value] {
        expect(self, key, "a list", Value::as_array).as_slice()
    }

    fn strings(&self, key: &str) -> Vec<String> {
        self.list(key)
            .iter()
            .map(|item| item.as_str().map_or_else(|| item.to_string(), String::from))
            .collect()
    }

    fn text(&self, key: &str) -> &str {
        expect(self, key, "a text", Value::as_str)
    }

    fn number(&self, key: &str) -> u64 {
        expect(self, key, "a whole number", Value::as_u64)
    }

    fn flag(&self, key: &str) -> bool {
        expect(self, key, "true or false", Value::as_bool)
    }
}

fn expect<'a, T>(
    report: &'a Value,
    key: &str,
    kind: &str,
    read: impl Fn(&'a Value) -> Option<T>,
) -> T {
    let value = report.key(key);
    read(value).unwrap_or_else(|| {
        panic!(
            "`{key}` of the report is not {kind} but {value}:\n{}",
            shown(report)
        )
    })
}

/// The report as JSON, cut short when long.
fn shown(report: &Value) -> String {
    let text = serde_json::to_string_pretty(report).unwrap_or_default();
    match text.char_indices().nth(4000) {
        Some((cut, _)) => format!("{}\n… ({} bytes in all)", &text[..cut], text.len()),
        None => text,
    }
}
