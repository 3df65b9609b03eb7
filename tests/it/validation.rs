//! tests/fixtures/invalid-many: a site with many different mistakes. One run
//! must report every one of them, each with its file, line and column, and a
//! hint that says how to fix it.

use calabash::core::diagnostics::Diagnostic;

use crate::support::site::{TestSite, headlines};

/// Every problem of invalid-many, sorted by file and position.
const EXPECTED: &[&str] = &[
    // bad email
    "content/experts/bad-email.md:5:9: error: field `email` is not an email address: \"andre at example.org\"",
    // unsafe file name (the whole file: no line)
    "content/notes/Bad Name.md: error: file name `Bad Name.md` is not a safe slug",
    // broken `@/` link and broken anchor, at the links themselves
    "content/notes/broken-links.md:8:5: error: broken link: no entry `missing-note` in `notes`",
    "content/notes/broken-links.md:9:1: error: broken anchor: `content/experts/marcia-campbell.md` has no heading `#biografy`",
    // dangling ref, at the value
    "content/notes/dangling-ref.md:6:13: error: no entry `marcia-campbel` in `experts`",
    // duplicate slug (content/notes/archive/dup.md came first)
    "content/notes/dup.md: error: duplicate slug `dup` in collection `notes`",
    // missing required field, at the opening `+++`
    "content/notes/field-errors.md:1:1: error: missing required field `status` in collection `notes`",
    // bad date
    "content/notes/field-errors.md:4:8: error: field `date` is not a valid date: \"14 March 2025\"",
    // wrong type
    "content/notes/field-errors.md:5:16: error: field `participants` should be a whole number, not the text \"forty\"",
    // unknown term, at the term itself (second item of the list)
    "content/notes/field-errors.md:6:22: error: unknown term `ict` in taxonomy topics",
    // wrong type for a list field
    "content/notes/field-errors.md:7:8: error: field `tags` must be a list",
    // bad url
    "content/notes/field-errors.md:8:11: error: field `website` is not a web address: \"www.example.org\"",
    // unknown field, at its key
    "content/notes/field-errors.md:9:1: error: unknown field `colour` in collection `notes`",
    // invalid UTF-8, at the first bad byte (after 32 characters)
    "content/notes/latin1.md:3:33: error: the file is not valid UTF-8 text",
    // malformed TOML: an unclosed string, at the end of its line
    "content/notes/malformed-toml.md:3:40: error: invalid TOML: invalid basic string, expected `\"`",
    // missing `+++` at the start
    "content/notes/no-front-matter.md:1:1: error: the file does not start with front matter",
    // unknown enum value
    "content/notes/unknown-enum.md:5:10: error: `ongoing-ish` is not an allowed value of field `status`",
    // unterminated front matter, at the opening fence
    "content/notes/unterminated.md:1:1: error: the front matter is never closed",
];

fn problems() -> Vec<Diagnostic> {
    TestSite::fixture("invalid-many").build_err()
}

fn find<'a>(problems: &'a [Diagnostic], message_part: &str) -> &'a Diagnostic {
    problems
        .iter()
        .find(|d| d.message.contains(message_part))
        .unwrap_or_else(|| panic!("no problem mentioning {message_part:?}"))
}

fn hint(problems: &[Diagnostic], message_part: &str) -> String {
    find(problems, message_part)
        .hint
        .clone()
        .unwrap_or_else(|| panic!("problem {message_part:?} has no hint"))
}

#[test]
fn every_mistake_is_reported_in_one_run_with_file_line_and_column() {
    let problems = problems();
    assert_eq!(headlines(&problems), EXPECTED);
    assert!(problems.iter().all(Diagnostic::is_error));
}

#[test]
fn the_fixture_has_at_least_the_twelve_required_kinds_of_mistake() {
    let kinds = [
        "missing required field",
        "should be a whole number",
        "is not a valid date",
        "is not an allowed value",
        "unknown term",
        "no entry `marcia-campbel`",
        "broken link",
        "broken anchor",
        "duplicate slug",
        "invalid TOML",
        "never closed",
        "not valid UTF-8",
        "unknown field",
        "not a safe slug",
        "not a web address",
        "not an email address",
        "must be a list",
        "does not start with front matter",
    ];
    let problems = problems();
    for kind in kinds {
        find(&problems, kind);
    }
}

#[test]
fn an_invalid_field_is_not_also_reported_missing() {
    // `date` is there but malformed; `status` is simply absent.
    let problems = problems();
    let field_errors: Vec<&Diagnostic> = problems
        .iter()
        .filter(|d| d.path.ends_with("field-errors.md") && d.message.contains("missing"))
        .collect();
    assert_eq!(field_errors.len(), 1, "{field_errors:?}");
    assert!(field_errors[0].message.contains("`status`"));
    assert!(
        !problems
            .iter()
            .any(|d| d.path.ends_with("unknown-enum.md") && d.message.starts_with("missing"))
    );
}

#[test]
fn every_problem_has_a_hint() {
    for d in problems() {
        let hint = d.hint.as_deref().unwrap_or_default();
        assert!(hint.len() > 10, "no useful hint for {}", d.headline());
    }
}

#[test]
fn hints_suggest_the_fix() {
    let p = problems();
    assert_eq!(
        hint(&p, "unknown term `ict`"),
        "did you mean `ict-in-education`?"
    );
    assert_eq!(
        hint(&p, "is not a valid date"),
        "expected a date like 2025-03-14 (year-month-day, without quotes)"
    );
    assert_eq!(
        hint(&p, "no entry `marcia-campbel`"),
        "did you mean `marcia-campbell`?"
    );
    assert_eq!(hint(&p, "broken anchor"), "did you mean `#biography`?");
    assert!(hint(&p, "broken link").contains("content/notes/"));
    assert!(hint(&p, "`ongoing-ish`").starts_with("did you mean `ongoing`?"));
    assert!(hint(&p, "`ongoing-ish`").contains("\"ongoing\", \"completed\""));
    assert!(hint(&p, "missing required field `status`").contains("\"ongoing\", \"completed\""));
    assert!(hint(&p, "not a safe slug").contains("`bad-name.md`"));
    assert!(hint(&p, "duplicate slug").contains("content/notes/archive/dup.md"));
    assert!(hint(&p, "unknown field `colour`").contains("\"status\""));
    assert!(hint(&p, "must be a list").contains("square brackets"));
    assert!(hint(&p, "not a web address").contains("https://"));
    assert!(hint(&p, "not an email address").contains("name@example.org"));
    assert!(hint(&p, "invalid TOML").contains("double quote"));
    assert!(hint(&p, "never closed").contains("`+++`"));
    assert!(hint(&p, "does not start with front matter").contains("`+++`"));
    assert!(hint(&p, "not valid UTF-8").contains("UTF-8"));
}

#[test]
fn rendered_reports_show_the_source_line_and_the_hint() {
    let problems = problems();
    let d = find(&problems, "unknown term `ict`");
    let text = d.render(false);
    assert!(
        text.starts_with(
            "content/notes/field-errors.md:6:22: error: unknown term `ict` in taxonomy topics\n"
        ),
        "{text}"
    );
    assert!(text.contains("topics = [\"quality\", \"ict\"]"), "{text}");
    assert!(text.contains("did you mean `ict-in-education`?"), "{text}");
    // A file that is not UTF-8 is still reported without its text.
    let d = find(&problems, "not valid UTF-8");
    assert!(d.render(false).contains("save the file with UTF-8"));
}

#[test]
fn a_failed_build_writes_no_output() {
    let site = TestSite::fixture("invalid-many");
    site.build_err();
    assert!(!site.output().exists());
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn problems_are_reported_in_the_same_order_every_run() {
    let site = TestSite::fixture("invalid-many");
    let first = headlines(&site.build_err());
    for _ in 0..3 {
        assert_eq!(headlines(&site.build_err()), first);
    }
}
