//! Helpers for the field-type tests: a one-entry site whose `things`
//! collection declares the fields under test (see `thing_site`).

use calabash::core::model::Value;

use super::site::{headlines, thing_site};

pub const PATH: &str = "content/things/thing.md";

/// The typed fields of the entry `thing`, or the problems' headlines.
pub fn fields(
    decl: &str,
    front_matter: &str,
) -> Result<indexmap::IndexMap<String, Value>, Vec<String>> {
    let site = thing_site(decl, front_matter)
        .load()
        .map_err(|p| headlines(&p))?;
    let entry = site
        .entries
        .iter()
        .find(|e| e.slug == "thing")
        .expect("thing");
    Ok(entry.fields.clone())
}

pub fn value(decl: &str, front_matter: &str, name: &str) -> Value {
    let fields = fields(decl, front_matter).unwrap_or_else(|p| panic!("{p:#?}"));
    fields
        .get(name)
        .cloned()
        .unwrap_or_else(|| panic!("no `{name}`"))
}

/// The one problem of the entry, as `line:column: message`, and its hint.
pub fn problem(decl: &str, front_matter: &str) -> (String, String) {
    let problems = thing_site(decl, front_matter).load().expect_err("invalid");
    assert_eq!(problems.len(), 1, "{:#?}", headlines(&problems));
    let d = &problems[0];
    assert_eq!(d.path, PATH);
    (
        format!("{}:{}: {}", d.line, d.column, d.message),
        d.hint.clone().unwrap_or_default(),
    )
}

pub fn text(s: &str) -> Value {
    Value::Text(s.into())
}
