//! The `calabash` binary: help texts, the summary line of a good build, exit
//! codes, and problems printed on standard error without panicking.

use std::path::Path;
use std::process::Output;

use crate::support;
use crate::support::cli::{calabash, path_arg, stderr, stdout};
use crate::support::site::{TestSite, headlines};

fn assert_no_panic(out: &Output) {
    assert_ne!(out.status.code(), Some(101), "{}", stderr(out));
    assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
}

/// Checks `Built N pages from M collections in X s` and returns N and M.
fn parse_summary(line: &str) -> (usize, usize) {
    let words: Vec<&str> = line.split(' ').collect();
    assert_eq!(words.len(), 9, "{line:?}");
    assert_eq!(
        (words[0], words[2], words[3], words[5], words[6], words[8]),
        ("Built", "pages", "from", "collections", "in", "s"),
        "{line:?}"
    );
    let seconds: f64 = words[7].parse().expect("seconds");
    assert!((0.0..600.0).contains(&seconds));
    assert_eq!(
        words[7].split('.').nth(1).map(str::len),
        Some(2),
        "{line:?}"
    );
    (
        words[1].replace(',', "").parse().expect("pages"),
        words[4].parse().expect("collections"),
    )
}

#[test]
fn help_lists_the_commands() {
    let out = calabash(&["--help"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("Usage: calabash"), "{text}");
    assert!(text.contains("build"), "{text}");
    assert!(text.contains("--version") || text.contains("-V"), "{text}");
}

#[test]
fn build_help_lists_its_options() {
    let out = calabash(&["build", "--help"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for option in [
        "--root <DIR>",
        "--output <DIR>",
        "--drafts",
        "--base-url <URL>",
    ] {
        assert!(text.contains(option), "{option} missing from:\n{text}");
    }
}

#[test]
fn no_arguments_prints_help_and_fails() {
    let out = calabash(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage: calabash"), "{}", stderr(&out));
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    let out = calabash(&["build", "--colour"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--colour"), "{}", stderr(&out));
}

#[test]
fn a_good_build_prints_a_summary_line() {
    let site = TestSite::fixture("valid-basic");
    let out = calabash(&["build", "--root", path_arg(&site.root)]);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = text.lines().last().expect("a summary");
    // 21 pages plus 8 filter pages (one per term value used in a collection).
    assert_eq!(parse_summary(line), (29, 2));
    // Nothing on stderr but the one warning that the test folder has no
    // git history.
    let err = stderr(&out);
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(
        err.starts_with("content: warning: the site is not in a git repository"),
        "{err}"
    );
    assert!(!err.contains("error"), "{err}");
    // The default output folder is public/ inside the root.
    assert!(site.exists("index.html"));
}

#[test]
fn build_options_reach_the_builder() {
    let site = TestSite::fixture("valid-basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let output = elsewhere.path().join("out");
    let out = calabash(&[
        "build",
        "--root",
        path_arg(&site.root),
        "--output",
        path_arg(&output),
        "--drafts",
        "--base-url",
        "https://x.org/hub/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        parse_summary(stdout(&out).trim_end()),
        (30, 2),
        "the draft counts"
    );
    assert!(!site.output().exists());
    let draft = std::fs::read_to_string(output.join("notes/draft-note/index.html")).unwrap();
    assert!(draft.contains("href=\"/hub/notes/\""), "{draft}");
}

#[test]
fn a_bad_site_exits_with_1_and_prints_every_problem() {
    let site = TestSite::fixture("invalid-many");
    let out = calabash(&["build", "--root", path_arg(&site.root)]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    let expected = headlines(&site.build_err());
    assert!(expected.len() >= 12);
    let printed: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("content/") && l.contains(": error: "))
        .collect();
    assert_eq!(printed, expected, "{err}");
    // Each with its source line and its hint.
    assert!(err.contains("topics = [\"quality\", \"ict\"]"), "{err}");
    assert!(err.contains("did you mean `ict-in-education`?"), "{err}");
    assert!(err.contains("expected a date like 2025-03-14"), "{err}");
    assert!(
        err.trim_end().ends_with(&format!(
            "Build failed: {} errors found; the previous output was left untouched.",
            expected.len()
        )),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "no colour codes when not on a terminal"
    );
    assert!(!site.output().exists());
}

#[test]
fn every_error_fixture_exits_with_1_without_panicking() {
    let errors = support::fixtures().join("errors");
    let mut kinds = support::files::file_names(&errors);
    kinds.retain(|k| k != "base");
    for kind in kinds {
        let site = TestSite::layered(&["errors/base", &format!("errors/{kind}")]);
        let out = calabash(&["build", "--root", path_arg(&site.root)]);
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{kind}: {}", stderr(&out));
        let first = stderr(&out).lines().next().unwrap_or_default().to_string();
        assert_eq!(first, headlines(&site.build_err())[0], "{kind}");
        assert!(
            stderr(&out).contains("Build failed: 1 error found;"),
            "{kind}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_missing_site_is_reported_not_panicked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = calabash(&["build", "--root", path_arg(&tmp.path().join("nowhere"))]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("site.toml: error: cannot read the site configuration"),
        "{err}"
    );
    assert!(err.contains("--root DIR"), "{err}");
}

#[test]
fn the_sample_hub_builds() {
    // The repository's own hub, built into a temporary folder.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let output = tmp.path().join("public");
    let out = calabash(&[
        "build",
        "--root",
        path_arg(root),
        "--output",
        path_arg(&output),
    ]);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let (pages, collections) = parse_summary(stdout(&out).trim_end());
    assert_eq!(collections, 6);
    assert!(pages > 50, "{pages}");
    assert!(output.join("index.html").is_file());
    assert!(output.join("experts/marcia-campbell/index.html").is_file());
}
