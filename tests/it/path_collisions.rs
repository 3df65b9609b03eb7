//! Paths that differ only in case or Unicode form are one file on macOS
//! and Windows, and a file cannot stand where a folder must: a build
//! refuses both, naming the later file (a static file, an alias) and the
//! one that has the path.

use crate::support;
use crate::support::site::TestSite;

fn entry(extra: &str) -> String {
    format!(
        "+++\ntitle = \"Hostile\"\nsummary = \"A value meant to clash.\"\ndate = 2025-02-01\nstatus = \"ongoing\"\n{extra}\n+++\n\nText.\n"
    )
}

/// Pairs of files that are one file on macOS or Windows.
#[test]
fn output_paths_that_differ_only_in_case_or_unicode_form_are_refused() {
    let cases: &[(&[&str], &str)] = &[
        (&["static/About/index.html"], "static/About/index.html"),
        (
            &["static/NOTES/good-note/index.html"],
            "static/NOTES/good-note/index.html",
        ),
        (
            &["static/caf\u{e9}/a.txt", "static/cafe\u{301}/a.txt"],
            "static/caf\u{e9}/a.txt",
        ),
        (
            &["static/\u{fb01}le.txt", "static/file.txt"],
            "static/\u{fb01}le.txt",
        ),
        (
            &["static/Logo.png", "themes/test/static/logo.png"],
            "static/Logo.png",
        ),
        (&["static/sitemap.xml"], "static/sitemap.xml"),
        (&["static/Robots.txt"], "static/Robots.txt"),
        (&["static/syntax.css"], "static/syntax.css"),
        (&["static/404.html"], "static/404.html"),
        (&["static/atom.xml"], "static/atom.xml"),
        (&["static/notes/atom.xml"], "static/notes/atom.xml"),
        (&["static/index.html/x.txt"], "static/index.html/x.txt"),
        (&["static/notes"], "static/notes"),
    ];
    let mut failures = Vec::new();
    for (files, reported) in cases {
        let site = TestSite::fixture("errors/base");
        for file in *files {
            site.write(file, "x");
        }
        match site.build() {
            Ok(_) => failures.push(format!("{files:?}: the build succeeded")),
            Err(problems) => {
                let ok = problems.len() == 1
                    && problems[0].path == *reported
                    && problems[0].hint.is_some();
                if !ok {
                    failures.push(format!(
                        "{files:?}: {:#?}",
                        support::site::headlines(&problems)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn aliases_that_differ_only_in_case_or_form_from_a_page_are_refused() {
    for alias in [
        "/About/",
        "/ABOUT/",
        "/Notes/Good-Note/",
        "/notes/GOOD-NOTE",
        "/NOTES/",
    ] {
        let site = TestSite::fixture("errors/base");
        site.write(
            "content/notes/hostile.md",
            &entry(&format!("aliases = [\"{alias}\"]")),
        );
        let problems = site.build_err();
        let headlines = support::site::headlines(&problems);
        assert_eq!(problems.len(), 1, "{alias}: {headlines:#?}");
        assert!(
            problems[0].message.contains("differ only in case"),
            "{headlines:#?}"
        );
        assert_eq!((problems[0].line, problems[0].column), (6, 12), "{alias}");
    }
}
