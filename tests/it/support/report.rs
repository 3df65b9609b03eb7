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

/// One accessor read from a report, expected to fail.
type Read = fn(&Value);

/// The message of the panic `read` ends in.
fn panic_message(read: impl FnOnce()) -> String {
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .expect_err("the accessor should have failed");
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload
            .downcast::<&str>()
            .map_or_else(|_| String::new(), |m| m.to_string()),
    }
}

#[test]
fn a_missing_key_fails_naming_the_key_and_showing_the_report() {
    let report = serde_json::json!({ "consoleErrors": [], "pages": [{ "path": "/" }] });
    let reads: [(&str, Read); 6] = [
        ("key", |r| {
            let _ = r.key("requests");
        }),
        ("list", |r| {
            let _ = r.list("requests");
        }),
        ("strings", |r| {
            let _ = r.strings("requests");
        }),
        ("text", |r| {
            let _ = r.text("requests");
        }),
        ("number", |r| {
            let _ = r.number("requests");
        }),
        ("flag", |r| {
            let _ = r.flag("requests");
        }),
    ];
    for (accessor, read) in reads {
        let message = panic_message(|| read(&report));
        assert!(
            message.contains("no `requests`") && message.contains("\"consoleErrors\""),
            "{accessor}: {message}"
        );
    }
}

#[test]
fn a_key_holding_another_kind_of_value_fails_naming_both() {
    let report = serde_json::json!({ "pages": "none", "status": null, "ok": "yes", "path": 3 });
    let cases: [(&str, Read); 5] = [
        ("`pages` of the report is not a list but \"none\"", |r| {
            let _ = r.list("pages");
        }),
        ("`pages` of the report is not a list", |r| {
            let _ = r.strings("pages");
        }),
        (
            "`status` of the report is not a whole number but null",
            |r| {
                let _ = r.number("status");
            },
        ),
        ("`ok` of the report is not true or false but \"yes\"", |r| {
            let _ = r.flag("ok");
        }),
        ("`path` of the report is not a text but 3", |r| {
            let _ = r.text("path");
        }),
    ];
    for (expected, read) in cases {
        let message = panic_message(|| read(&report));
        assert!(message.starts_with(expected), "{message}");
    }
}

#[test]
fn keys_that_are_there_read_as_written() {
    let report = serde_json::json!({
        "failed": ["/a.css: HTTP 404", 7, null],
        "status": 200,
        "pwned": false,
        "path": "/",
        "reset": null,
    });
    assert_eq!(report.strings("failed"), ["/a.css: HTTP 404", "7", "null"]);
    assert_eq!(report.list("failed").len(), 3);
    assert_eq!(report.number("status"), 200);
    assert!(!report.flag("pwned"));
    assert_eq!(report.text("path"), "/");
    assert!(report.key("reset").is_null(), "null counts as written");
}
