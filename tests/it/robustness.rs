//! Bad input never panics: every fixture, and a collection of odd and broken
//! files, either builds or fails with located problems.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::support::{
    files::file_names,
    fixtures,
    site::{TestSite, headlines},
};

/// Every fixture site: the self-contained ones and each error kind laid
/// over its base.
fn all_fixture_sites() -> Vec<(String, Vec<String>)> {
    let mut sites = vec![
        ("valid-basic".to_string(), vec!["valid-basic".to_string()]),
        ("invalid-many".to_string(), vec!["invalid-many".to_string()]),
    ];
    let kinds = file_names(&fixtures().join("errors"));
    for kind in kinds {
        let mut layers = vec!["errors/base".to_string()];
        if kind != "base" {
            layers.push(format!("errors/{kind}"));
        }
        sites.push((format!("errors/{kind}"), layers));
    }
    sites
}

#[test]
fn no_fixture_panics_whatever_the_options() {
    let mut panics = Vec::new();
    let mut built = 0;
    for (name, layers) in all_fixture_sites() {
        let layers: Vec<&str> = layers.iter().map(String::as_str).collect();
        let site = TestSite::layered(&layers);
        for (drafts, base_url) in [(false, None), (true, Some("https://x.org/sub/path/"))] {
            match catch_unwind(AssertUnwindSafe(|| site.build_with(drafts, base_url))) {
                Ok(Ok(_)) => built += 1,
                Ok(Err(problems)) => {
                    assert!(!problems.is_empty(), "{name}: failed without a problem");
                    for d in &problems {
                        assert!(!d.path.is_empty(), "{name}: {d:?}");
                        assert!(!d.message.is_empty(), "{name}: {d:?}");
                    }
                }
                Err(_) => panics.push(format!("{name} (drafts: {drafts})")),
            }
        }
    }
    assert!(panics.is_empty(), "panicked: {panics:?}");
    assert_eq!(built, 4, "valid-basic and errors/base build, twice each");
}

fn entry(title: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nsummary = \"s\"\ndate = 2025-01-01\nstatus = \"ongoing\"\n{extra}\n+++\n{body}"
    )
}

#[test]
fn broken_files_fail_with_located_problems_and_no_panic() {
    let site = TestSite::fixture("errors/base");
    let files: Vec<(&str, String)> = vec![
        ("empty.md", String::new()),
        ("fence-only.md", "+++".into()),
        ("empty-front-matter.md", "+++\n+++\n".into()),
        (
            "duplicate-key.md",
            "+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n".into(),
        ),
        ("table-header.md", entry("t", "[table]\nx = 1", "")),
        (
            "nested-arrays.md",
            entry("t", "participants = [[[[[[[[1]]]]]]]]", ""),
        ),
        (
            "huge-number.md",
            entry("t", "participants = 99999999999999999999", ""),
        ),
        ("empty-lang.md", entry("t", "lang = \"\"", "")),
        (
            "odd-refs.md",
            entry("t", "contacts = [\"/\", \"notes/x\", \"\"]", ""),
        ),
        (
            "odd-links.md",
            entry(
                "t",
                "",
                "[a](@/) [b](@/notes) [c](@/notes/.md) [d](@/../../x.md) [e](@/notes/odd-links.md#)",
            ),
        ),
        (
            "bad-alias.md",
            entry("t", "aliases = [\"/../x/\", \"\"]", ""),
        ),
        ("-.md", entry("t", "", "")),
        ("é.md", entry("t", "", "")),
    ];
    for (name, text) in &files {
        site.write(&format!("content/notes/{name}"), text);
    }
    site.write_bytes("content/notes/binary.md", &[0xff, 0xfe, 0x00, b'+', b'+']);
    let problems = catch_unwind(AssertUnwindSafe(|| site.build_err())).expect("no panic");
    for (name, _) in &files {
        let path = format!("content/notes/{name}");
        assert!(
            problems.iter().any(|d| d.path == path),
            "no problem reported for {path}:\n{:#?}",
            headlines(&problems)
        );
    }
    assert!(problems.iter().any(|d| d.path == "content/notes/binary.md"));
    for d in &problems {
        assert!(d.hint.is_some(), "no hint: {}", d.headline());
    }
}

#[test]
fn odd_but_valid_files_build() {
    let site = TestSite::fixture("errors/base");
    site.write(
        "content/notes/bom-crlf.md",
        "\u{feff}+++\r\ntitle = \"BOM\"\r\nsummary = \"s\"\r\ndate = 2025-01-01\r\nstatus = \"ongoing\"\r\n+++\r\n## Héllo\r\n\r\n[self](@/notes/bom-crlf.md#hello)\r\n",
    );
    site.write(
        "content/notes/odd-body.md",
        &entry(
            "Odd body",
            "",
            "# \n\n## 😀\n\n## 😀\n\n<div\n\nNUL\u{0}byte [^x]\n\n[^x]: y\n\n```\n\n[self](@/notes/odd-body.md#section-1)\n",
        ),
    );
    site.write(
        "content/notes/long.md",
        &format!(
            "+++\ntitle = \"{}\"\nsummary = \"{}\"\ndate = 9999-12-31\nupdated = 0001-01-01\nstatus = \"ongoing\"\n+++\n",
            "x".repeat(20_000),
            "<&>\\\"'".repeat(10)
        ),
    );
    site.write(
        "content/events/far-offset.md",
        "+++\ntitle = \"x\"\nsummary = \"s\"\ndate = 2025-01-01\nstart = 2025-01-01T00:00:00+23:59\nlocation = { city = \"K\" }\n+++\n",
    );
    site.build_ok();
    let html = site.page("notes/bom-crlf/index.html");
    assert!(html.contains("<h2 id=\"hello\">Héllo</h2>"), "{html}");
    let odd = site.page("notes/odd-body/index.html");
    assert!(odd.contains("<h2 id=\"section-1\">😀</h2>"), "{odd}");
    assert!(!odd.contains('\u{0}'), "NUL bytes do not reach the page");
    roxmltree::Document::parse(&site.page("atom.xml")).expect("feed stays well-formed");
}
