//! Field types declared in site.toml, part 1: the scalar types. Each
//! type's accepted values, the typed value they become and the problem
//! reported for a wrong value. Each test builds a one-entry site in a
//! temporary folder (support::site::thing_site). Part 2: tests/fields_structured.rs.

use calabash::core::model::Value;
use jiff::civil::date;

use crate::support;
use crate::support::fields::{problem, text, value};
use crate::support::site::thing_site;

// Front matter starts on line 2; the lines given to `thing_site` start on line 5.

#[test]
fn string_and_text() {
    let decl = "s = { type = \"string\" }\nt = { type = \"text\" }";
    assert_eq!(value(decl, "s = \"Hello\"", "s"), text("Hello"));
    assert_eq!(
        value(decl, "t = \"\"\"Two\nlines\"\"\"", "t"),
        text("Two\nlines")
    );
    let (p, hint) = problem(decl, "s = 5");
    assert_eq!(
        p,
        "5:5: field `s` should be a string in quotes, not the number 5"
    );
    assert_eq!(hint, "put the value in double quotes, like s = \"...\"");
}

#[test]
fn int() {
    let decl = "n = { type = \"int\" }";
    assert_eq!(value(decl, "n = 42", "n"), Value::Int(42));
    assert_eq!(value(decl, "n = -1_000", "n"), Value::Int(-1000));
    assert_eq!(value(decl, "n = 0x2A", "n"), Value::Int(42));
    let (p, _) = problem(decl, "n = 4.5");
    assert_eq!(
        p,
        "5:5: field `n` should be a whole number, not the number 4.5"
    );
    let (p, hint) = problem(decl, "n = \"42\"");
    assert_eq!(
        p,
        "5:5: field `n` should be a whole number, not the text \"42\""
    );
    assert_eq!(hint, "remove the quotes: write it like n = 42");
}

#[test]
fn float() {
    let decl = "x = { type = \"float\" }";
    assert_eq!(value(decl, "x = 2.5", "x"), Value::Float(2.5));
    assert_eq!(value(decl, "x = 3", "x"), Value::Float(3.0));
    assert_eq!(value(decl, "x = 0x10", "x"), Value::Float(16.0));
    let (p, _) = problem(decl, "x = true");
    assert_eq!(p, "5:5: field `x` should be a number, not true");
}

#[test]
fn bool() {
    let decl = "b = { type = \"bool\" }";
    assert_eq!(value(decl, "b = true", "b"), Value::Bool(true));
    let (p, hint) = problem(decl, "b = \"yes\"");
    assert_eq!(
        p,
        "5:5: field `b` should be true or false, not the text \"yes\""
    );
    assert_eq!(hint, "remove the quotes: write it like b = true");
}

#[test]
fn date_field() {
    let decl = "d = { type = \"date\" }";
    assert_eq!(
        value(decl, "d = 2025-03-14", "d"),
        Value::Date(date(2025, 3, 14))
    );
    // A quoted date in the right format is accepted too.
    assert_eq!(
        value(decl, "d = \"2025-03-14\"", "d"),
        Value::Date(date(2025, 3, 14))
    );
    let (p, hint) = problem(decl, "d = \"14/03/2025\"");
    assert_eq!(p, "5:5: field `d` is not a valid date: \"14/03/2025\"");
    assert!(
        hint.starts_with("expected a date like 2025-03-14"),
        "{hint}"
    );
    let (p, hint) = problem(decl, "d = 2025-03-14T10:00:00Z");
    assert_eq!(p, "5:5: field `d` is a date without a time");
    assert_eq!(hint, "write only the date, like 2025-03-14");
    let (p, _) = problem(decl, "d = 2025-13-01");
    assert!(p.starts_with("5:"), "{p}");
    assert!(p.contains("invalid TOML"), "{p}");
}

#[test]
fn datetime_requires_an_offset() {
    let decl = "at = { type = \"datetime\" }";
    let Value::DateTime(local, offset) = value(decl, "at = 2025-06-12T14:00:00-05:00", "at") else {
        panic!("not a datetime");
    };
    assert_eq!(local, date(2025, 6, 12).at(14, 0, 0, 0));
    assert_eq!(offset.seconds(), -5 * 3600);
    let Value::DateTime(_, utc) = value(decl, "at = \"2025-06-12T19:00:00Z\"", "at") else {
        panic!("not a datetime");
    };
    assert_eq!(utc.seconds(), 0);
    let (p, hint) = problem(decl, "at = 2025-06-12T14:00:00");
    assert_eq!(p, "5:6: field `at` has no UTC offset");
    assert!(hint.contains("2025-06-12T14:00:00-05:00"), "{hint}");
    let (p, _) = problem(decl, "at = 2025-06-12");
    assert_eq!(p, "5:6: field `at` needs both a date and a time");
    let (p, _) = problem(decl, "at = \"next Tuesday\"");
    assert_eq!(
        p,
        "5:6: field `at` is not a valid date and time: \"next Tuesday\""
    );
}

#[test]
fn datetime_with_a_leap_second_is_an_error_not_silently_dropped() {
    let decl = "at = { type = \"datetime\", required = true }";
    let (p, _) = problem(decl, "at = 2025-06-30T23:59:60Z");
    assert_eq!(
        p,
        "5:6: field `at` is not a valid date and time: 2025-06-30T23:59:60Z"
    );
}

#[test]
fn url() {
    let decl = "u = { type = \"url\" }";
    assert_eq!(
        value(decl, "u = \"https://example.org/a?b=c\"", "u"),
        text("https://example.org/a?b=c")
    );
    for bad in [
        "ftp://example.org",
        "example.org",
        "https://exa mple.org",
        "javascript:alert(1)",
    ] {
        let (p, hint) = problem(decl, &format!("u = \"{bad}\""));
        assert_eq!(p, format!("5:5: field `u` is not a web address: \"{bad}\""));
        assert!(hint.contains("https://"));
    }
}

#[test]
fn email_is_validated_and_never_printed_in_plain_text() {
    let decl = "e = { type = \"email\" }";
    assert_eq!(
        value(decl, "e = \"name@example.org\"", "e"),
        Value::Email("name@example.org".into())
    );
    for bad in ["name.example.org", "name@localhost", "a b@example.org"] {
        let (p, _) = problem(decl, &format!("e = \"{bad}\""));
        assert_eq!(
            p,
            format!("5:5: field `e` is not an email address: \"{bad}\"")
        );
    }
    let site = thing_site(decl, "e = \"name@example.org\"");
    site.build_ok();
    let html = site.page("things/thing/index.html");
    assert!(
        html.contains("data-encoded=\"bmFtZUBleGFtcGxlLm9yZw==\""),
        "{html}"
    );
    for (file, bytes) in support::files::snapshot(&site.output()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("name@example.org"),
            "{file} shows the address"
        );
    }
}

#[test]
fn enum_field() {
    let decl = "status = { type = \"enum\", values = [\"ongoing\", \"completed\"] }";
    assert_eq!(
        value(decl, "status = \"completed\"", "status"),
        text("completed")
    );
    let (p, hint) = problem(decl, "status = \"complete\"");
    assert_eq!(
        p,
        "5:10: `complete` is not an allowed value of field `status`"
    );
    assert_eq!(
        hint,
        "did you mean `completed`? allowed values: \"ongoing\", \"completed\""
    );
    let (_, hint) = problem(decl, "status = \"zzz\"");
    assert_eq!(hint, "allowed values: \"ongoing\", \"completed\"");
}
