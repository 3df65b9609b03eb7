//! Fields left empty for the contributor (`""`, `[]`, as `calabash new`
//! writes them): a required one of any type is reported once, at its value,
//! as "not filled in" with a hint saying what to write; so is an optional
//! one whose type has no empty value. Empty optional text and lists stay
//! valid. Lines given to `thing_site` start on line 5 of the entry file.

use calabash::core::model::Value;

use crate::support::fields::{fields, problem, text, value};
use crate::support::site::{TOPICS, TestSite, headlines};

/// `(type declaration, what the hint must say)` for every field type.
const REQUIRED: &[(&str, &str)] = &[
    (
        "type = \"string\", description = \"Name of the school\"",
        "Name of the school: write the text in quotes, like x = \"...\"",
    ),
    ("type = \"text\"", "write the text in quotes"),
    ("type = \"int\"", "write a whole number, like x = 42"),
    ("type = \"float\"", "write a number, like x = 2.5"),
    ("type = \"bool\"", "write true or false, like x = true"),
    (
        "type = \"date\"",
        "write a date, without quotes, like x = 2025-03-14",
    ),
    ("type = \"datetime\"", "like x = 2025-06-12T14:00:00-05:00"),
    (
        "type = \"url\"",
        "write a full web address, like x = \"https://example.org/page\"",
    ),
    ("type = \"email\"", "like x = \"name@example.org\""),
    (
        "type = \"enum\", values = [\"ongoing\", \"completed\"]",
        "write one of \"ongoing\", \"completed\", like x = \"ongoing\"",
    ),
    (
        "type = \"term\", taxonomy = \"topics\"",
        "write a term id from content/_taxonomies/topics.toml, like x = \"quality\"",
    ),
    (
        "type = \"ref\", collection = \"experts\"",
        "write the slug (file name without .md) of an entry of experts",
    ),
];

#[test]
fn a_required_field_of_any_type_left_empty_is_not_filled_in() {
    for (kind, wanted) in REQUIRED {
        let decl = format!("x = {{ {kind}, required = true }}");
        for blank in ["\"\"", "\"  \""] {
            let (p, hint) = problem(&decl, &format!("x = {blank}"));
            assert_eq!(p, "5:5: field `x` is not filled in", "{kind}");
            assert!(hint.contains(wanted), "{kind}: {hint}");
            assert!(!hint.contains("optional"), "{kind}: {hint}");
        }
    }
}

#[test]
fn a_required_list_left_empty_is_not_filled_in() {
    let decl =
        "topics_of = { type = \"term\", taxonomy = \"topics\", list = true, required = true }";
    let (p, hint) = problem(decl, "topics_of = []");
    assert_eq!(p, "5:13: field `topics_of` is not filled in");
    assert_eq!(
        hint,
        "write term ids from content/_taxonomies/topics.toml, as a list, like topics_of = [\"quality\"]"
    );
}

#[test]
fn every_blank_is_reported_once_at_its_line() {
    let decl = "a = { type = \"date\", required = true }\n\
                b = { type = \"enum\", values = [\"x\", \"y\"], required = true }\n\
                c = { type = \"int\", list = true, required = true }";
    let problems = fields(decl, "a = \"\"\nb = \"\"\nc = []").unwrap_err();
    assert_eq!(
        problems,
        [
            "content/things/thing.md:5:5: error: field `a` is not filled in",
            "content/things/thing.md:6:5: error: field `b` is not filled in",
            "content/things/thing.md:7:5: error: field `c` is not filled in",
        ]
    );
}

#[test]
fn optional_blanks_are_reported_only_where_empty_is_not_a_value() {
    let decl = "d = { type = \"date\" }";
    let (p, hint) = problem(decl, "d = \"\"");
    assert_eq!(p, "5:5: field `d` is not filled in");
    assert!(
        hint.ends_with("or remove the line: the field is optional"),
        "{hint}"
    );
    let (p, _) = problem("s = { type = \"enum\", values = [\"a\"] }", "s = \"\"");
    assert_eq!(p, "5:5: field `s` is not filled in");

    assert_eq!(
        value("s = { type = \"string\" }", "s = \"\"", "s"),
        text("")
    );
    assert_eq!(
        value("l = { type = \"string\", list = true }", "l = []", "l"),
        Value::List(vec![])
    );
}

#[test]
fn nested_and_conditional_blanks() {
    let decl =
        "period = { type = \"object\", fields = { start = { type = \"int\", required = true } } }";
    let (p, _) = problem(decl, "period = { start = \"\" }");
    assert_eq!(p, "5:20: field `start` is not filled in");

    let decl = "contact = { type = \"enum\", values = [\"form\", \"email\"], default = \"form\" }\n\
                email = { type = \"email\", required_if = { contact = \"email\" } }";
    let (p, hint) = problem(decl, "contact = \"email\"\nemail = \"\"");
    assert_eq!(p, "6:9: field `email` is not filled in");
    assert!(!hint.contains("optional"), "{hint}");
    let (_, hint) = problem(decl, "email = \"\"");
    assert!(hint.contains("optional"), "{hint}");
}

/// A site whose `docs` need a `url` or a `file`.
fn one_of_site(front_matter: &str) -> TestSite {
    let config = "title = \"One of\"\nbase_url = \"https://example.org\"\ntheme = \"test\"\n\n\
        [taxonomies.topics]\ntitle = \"Topics\"\n\n\
        [collections.docs]\ntitle = \"Docs\"\nrequire_one_of = [\"url\", \"file\"]\n\
        [collections.docs.fields]\nurl = { type = \"url\" }\nfile = { type = \"string\" }\n";
    let entry = format!(
        "+++\ntitle = \"A doc\"\nsummary = \"About it.\"\ndate = 2025-03-14\n{front_matter}\n+++\n\nBody.\n"
    );
    TestSite::from_files(&[
        ("site.toml", config),
        ("content/_taxonomies/topics.toml", TOPICS),
        ("content/docs/doc.md", &entry),
    ])
}

#[test]
fn one_of_several_fields_left_blank() {
    for (front_matter, headline) in [
        (
            "url = \"\"",
            "content/docs/doc.md:5:7: error: field `url` is not filled in",
        ),
        (
            "file = \"\"",
            "content/docs/doc.md:5:8: error: field `file` is not filled in",
        ),
        (
            "",
            "content/docs/doc.md:1:1: error: docs entries need at least one of `url` or `file`",
        ),
    ] {
        let problems = one_of_site(front_matter).load().unwrap_err();
        assert_eq!(headlines(&problems), [headline], "{front_matter}");
        let hint = problems[0].hint.as_deref().unwrap_or_default();
        assert!(!hint.contains("optional"), "{hint}");
        if !front_matter.is_empty() {
            assert!(
                hint.starts_with("docs entries need at least one of"),
                "{hint}"
            );
        }
    }
    one_of_site("url = \"\"\nfile = \"/documents/a.pdf\"")
        .load()
        .unwrap_err();
    one_of_site("file = \"/documents/a.pdf\"").load().unwrap();
}
