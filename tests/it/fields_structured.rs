//! Field types declared in site.toml, part 2: terms, refs, objects, lists,
//! required fields, defaults and conditional requirements.
//! Lines given to `thing_site` start on line 5 of the entry file.

use calabash::core::model::Value;

use crate::support;
use crate::support::fields::{PATH, fields, problem, text, value};
use crate::support::site::{TestSite, headlines, thing_site};

#[test]
fn term_field() {
    let decl = "topic = { type = \"term\", taxonomy = \"topics\" }";
    assert_eq!(
        value(decl, "topic = \"quality\"", "topic"),
        Value::Term {
            taxonomy: "topics".into(),
            id: "quality".into()
        }
    );
    let (p, hint) = problem(decl, "topic = \"ict\"");
    assert_eq!(p, "5:9: unknown term `ict` in taxonomy topics");
    assert_eq!(hint, "did you mean `ict-in-education`?");
    let (_, hint) = problem(decl, "topic = \"Quality\"");
    assert_eq!(hint, "did you mean `quality`? term ids are case-sensitive");
    let (_, hint) = problem(decl, "topic = \"ICT in education\"");
    assert_eq!(
        hint,
        "did you mean `ict-in-education`? use the term's id, not its label"
    );
    let (_, hint) = problem(decl, "topic = \"zzzz\"");
    assert!(hint.contains("content/_taxonomies/topics.toml"), "{hint}");
}

#[test]
fn ref_field() {
    let decl = "contact = { type = \"ref\", collection = \"experts\" }";
    let site = thing_site(decl, "contact = \"marcia-campbell\"")
        .load()
        .unwrap();
    let thing = site.entries.iter().find(|e| e.slug == "thing").unwrap();
    let Some(Value::Ref(r)) = thing.field("contact") else {
        panic!("not a ref")
    };
    let target = site.entry(r.resolved.expect("resolved"));
    assert_eq!(
        (target.collection.as_str(), target.slug.as_str()),
        ("experts", "marcia-campbell")
    );
    // `collection/slug` works too.
    thing_site(decl, "contact = \"experts/marcia-campbell\"")
        .load()
        .unwrap();
    let (p, hint) = problem(decl, "contact = \"things/thing\"");
    assert_eq!(
        p,
        "5:11: field `contact` cannot refer to collection `things`"
    );
    assert_eq!(hint, "it refers to entries of \"experts\"");
    let (p, hint) = problem(decl, "contact = \"marcia\"");
    assert_eq!(p, "5:11: no entry `marcia` in `experts`");
    assert_eq!(hint, "did you mean `marcia-campbell`?");
}

#[test]
fn object_with_nested_fields() {
    let decl = "period = { type = \"object\", fields = { start = { type = \"int\", required = true }, end = { type = \"int\" }, topic = { type = \"term\", taxonomy = \"topics\" } } }";
    let Value::Object(period) = value(
        decl,
        "period = { start = 2021, topic = \"quality\" }",
        "period",
    ) else {
        panic!("not an object");
    };
    assert_eq!(period.get("start"), Some(&Value::Int(2021)));
    assert_eq!(period.get("end"), None);
    assert!(matches!(period.get("topic"), Some(Value::Term { .. })));
    let (p, hint) = problem(decl, "period = { start = 2021, finish = 2023 }");
    assert_eq!(p, "5:26: unknown field `finish` in field `period`");
    assert!(hint.contains("\"start\", \"end\", \"topic\""), "{hint}");
    let (p, _) = problem(decl, "period = { end = 2023 }");
    assert_eq!(p, "5:10: missing required field `start` in field `period`");
    let (p, _) = problem(decl, "period = { start = \"2021\" }");
    assert_eq!(
        p,
        "5:20: field `start` should be a whole number, not the text \"2021\""
    );
    let (p, _) = problem(decl, "period = 2021");
    assert!(
        p.starts_with("5:10: field `period` should be a table with the fields"),
        "{p}"
    );
}

#[test]
fn list_of_values() {
    let decl = "years = { type = \"int\", list = true }";
    assert_eq!(
        value(decl, "years = [2021, 2022]", "years"),
        Value::List(vec![Value::Int(2021), Value::Int(2022)])
    );
    // Each bad item is reported at its own position.
    let problems = thing_site(decl, "years = [2021, \"x\", 2.5]")
        .load()
        .unwrap_err();
    assert_eq!(
        headlines(&problems),
        [
            format!(
                "{PATH}:5:16: error: field `years` should be a whole number, not the text \"x\""
            ),
            format!(
                "{PATH}:5:21: error: field `years` should be a whole number, not the number 2.5"
            ),
        ]
    );
    let (p, _) = problem(decl, "years = 2021");
    assert_eq!(p, "5:9: field `years` must be a list");
}

#[test]
fn required_field() {
    let decl = "org = { type = \"string\", required = true }";
    assert_eq!(value(decl, "org = \"UWI\"", "org"), text("UWI"));
    let (p, hint) = problem(decl, "");
    assert_eq!(
        p,
        "1:1: missing required field `org` in collection `things`"
    );
    assert_eq!(hint, "add `org = ...`: a string in quotes");
}

#[test]
fn defaults_are_applied_to_missing_fields() {
    let decl = "status = { type = \"enum\", values = [\"open\", \"closed\"], default = \"open\" }\n\
                featured = { type = \"bool\", default = false }\n\
                rank = { type = \"int\", default = 3 }\n\
                ratio = { type = \"float\", default = 1 }\n\
                labels = { type = \"string\", list = true, default = [\"a\", \"b\"] }\n\
                note = { type = \"string\" }";
    let f = fields(decl, "").unwrap();
    assert_eq!(f.get("status"), Some(&text("open")));
    assert_eq!(f.get("featured"), Some(&Value::Bool(false)));
    assert_eq!(f.get("rank"), Some(&Value::Int(3)));
    assert_eq!(f.get("ratio"), Some(&Value::Float(1.0)));
    assert_eq!(
        f.get("labels"),
        Some(&Value::List(vec![text("a"), text("b")]))
    );
    assert_eq!(f.get("note"), None, "no default: absent");
    assert_eq!(f.get("draft"), Some(&Value::Bool(false)), "common default");
    // A value given wins over the default.
    assert_eq!(value(decl, "status = \"closed\"", "status"), text("closed"));
}

#[test]
fn required_if_depends_on_another_field() {
    let decl = "contact = { type = \"enum\", values = [\"form\", \"email\"], default = \"form\" }\n\
                email = { type = \"email\", required_if = { contact = \"email\" } }";
    fields(decl, "").unwrap();
    fields(decl, "contact = \"form\"").unwrap();
    fields(decl, "contact = \"email\"\nemail = \"a@example.org\"").unwrap();
    let (p, hint) = problem(decl, "contact = \"email\"");
    assert_eq!(
        p,
        "1:1: missing required field `email` in collection `things` (because contact = \"email\")"
    );
    assert!(hint.starts_with("add `email = ...`"), "{hint}");
}

/// One meaning of "required" for a missing field and a placeholder: the
/// other field as written, or its default when left out, whatever its type
/// and wherever it is declared.
#[test]
fn required_if_reads_the_other_field_as_written_or_its_default() {
    // `contact` is declared after `email`, and its default requires it.
    let decl = "email = { type = \"email\", required_if = { contact = \"email\" } }\n\
                contact = { type = \"enum\", values = [\"form\", \"email\"], default = \"email\" }";
    let (p, _) = problem(decl, "");
    assert_eq!(
        p,
        "1:1: missing required field `email` in collection `things` (because contact = \"email\")"
    );
    let (p, hint) = problem(decl, "email = \"\"");
    assert_eq!(p, "5:9: field `email` is not filled in");
    assert!(!hint.contains("optional"), "{hint}");
    fields(decl, "contact = \"form\"").unwrap();
    fields(decl, "contact = \"form\"\nemail = \"\"").unwrap_err();

    // A condition on a field whose values are not plain text.
    let decl = "reply_to = { type = \"email\" }\n\
                cc = { type = \"email\", required_if = { reply_to = \"desk@example.org\" } }";
    let (p, _) = problem(decl, "reply_to = \"desk@example.org\"");
    assert_eq!(
        p,
        "1:1: missing required field `cc` in collection `things` (because reply_to = \"desk@example.org\")"
    );
    let (p, _) = problem(decl, "reply_to = \"desk@example.org\"\ncc = \"\"");
    assert_eq!(p, "6:6: field `cc` is not filled in");
    fields(decl, "reply_to = \"other@example.org\"").unwrap();
}

#[test]
fn unknown_fields_are_errors_with_a_suggestion() {
    let decl = "organisation = { type = \"string\" }";
    let (p, hint) = problem(decl, "organization = \"UWI\"");
    assert_eq!(
        p,
        "5:1: unknown field `organization` in collection `things`"
    );
    assert_eq!(hint, "did you mean `organisation`?");
}

#[test]
fn a_bad_language_tag_is_located_at_its_value() {
    // "language" appears in the summary before the `lang` line.
    let site = TestSite::from_files(&[
        ("site.toml", &support::site::config_with_fields("")),
        ("content/_taxonomies/topics.toml", support::site::TOPICS),
        (
            "content/things/thing.md",
            "+++\ntitle = \"T\"\nsummary = \"About language.\"\ndate = 2025-03-14\nlang = \"english\"\n+++\n",
        ),
    ]);
    let problems = site.load().unwrap_err();
    assert_eq!(
        headlines(&problems),
        [format!(
            "{PATH}:5:8: error: `english` is not a language tag"
        )]
    );
}
