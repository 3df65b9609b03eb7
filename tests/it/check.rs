//! `calabash check`: the same problems as a build, printed for people, as
//! GitHub workflow annotations or as JSON, with warnings apart from errors,
//! and nothing written.

use crate::support;
use crate::support::cli::{check, stdout};
use crate::support::error_cases::CASES;
use crate::support::link_server::{Reply, TestServer};
use crate::support::{files::snapshot, site::TestSite};

fn error_site(kind: &str) -> TestSite {
    TestSite::layered(&["errors/base", &format!("errors/{kind}")])
}

fn warnings_site() -> TestSite {
    TestSite::layered(&["errors/base", "warnings"])
}

/// `(path, line, column, message)` of a headline such as
/// `content/a.md:3:5: error: message` (line and column 0 when absent).
fn parts(headline: &str) -> (String, usize, usize, String) {
    let (location, message) = headline.split_once(": error: ").expect("an error headline");
    let mut pieces = location.rsplitn(3, ':');
    let (column, line, path) = (pieces.next(), pieces.next(), pieces.next());
    match (
        line.and_then(|l| l.parse().ok()),
        column.and_then(|c| c.parse().ok()),
        path,
    ) {
        (Some(line), Some(column), Some(path)) => {
            (path.to_string(), line, column, message.to_string())
        }
        _ => (location.to_string(), 0, 0, message.to_string()),
    }
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\n', "%0A")
}

#[test]
fn github_format_prints_one_exact_annotation_per_error_fixture() {
    let mut failures = Vec::new();
    for (kind, headline, hint) in CASES {
        let site = error_site(kind);
        let out = check(&site.root, &["--format", "github"]);
        let (path, line, column, message) = parts(headline);
        let position = if line > 0 {
            format!(",line={line},col={column}")
        } else {
            String::new()
        };
        let expected = format!(
            "::error file={}{position},title=calabash check%3A error::{}%0Ahelp: ",
            path.replace(':', "%3A").replace(',', "%2C"),
            escape_data(&message)
        );
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        let ok = out.status.code() == Some(1)
            && lines.len() == 1
            && lines[0].starts_with(&expected)
            && lines[0].contains(&escape_data(hint));
        if !ok {
            failures.push(format!(
                "{kind}:\n  expected {expected}…{hint}\n  got      {text}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn github_annotations_for_a_broken_link_and_for_warnings_are_exact() {
    let site = error_site("broken-link");
    let out = check(&site.root, &["--format", "github"]);
    assert_eq!(
        stdout(&out),
        "::error file=content/notes/broken-link.md,line=8,col=6,title=calabash check%3A error::broken link: no entry `god-note` in `notes`%0Ahelp: did you mean `@/notes/good-note.md`?\n"
    );

    let site = warnings_site();
    let out = check(&site.root, &["--format", "github"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings do not fail: {}",
        stdout(&out)
    );
    assert_eq!(
        stdout(&out),
        "::warning file=content/events/untagged.md,line=1,col=1,title=calabash check%3A warning::recommended field `topics` is missing%0Ahelp: add `topics = [\"...\"]` with terms from content/_taxonomies/topics.toml (Areas of focus)\n\
         ::warning file=content/notes/no-alt.md,line=11,col=1,title=calabash check%3A warning::image without alternative text%0Ahelp: describe the image between the brackets, like ![Pupils reading aloud in a classroom](/images/reading.jpg): it is what screen readers say and what shows when the image does not load\n"
    );
}

#[test]
fn annotations_name_files_from_where_the_command_runs() {
    let site = error_site("dangling-ref");
    let parent = site.root.parent().unwrap();
    let out = support::cli::command()
        .current_dir(parent)
        .args(["check", "--root", "site", "--format", "github"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("::error file=site/content/notes/dangling-ref.md,line=6,col=13,"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn json_format_is_an_array_of_located_problems() {
    for (kind, headline, hint) in CASES {
        let site = error_site(kind);
        let out = check(&site.root, &["--format", "json"]);
        assert_eq!(out.status.code(), Some(1), "{kind}");
        let problems: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|err| panic!("{kind}: not JSON ({err}): {}", stdout(&out)));
        let problems = problems.as_array().expect("an array");
        assert_eq!(problems.len(), 1, "{kind}: {problems:#?}");
        let (path, line, column, message) = parts(headline);
        let p = &problems[0];
        assert_eq!(p["severity"], "error", "{kind}");
        assert_eq!(p["file"], path.as_str(), "{kind}");
        assert_eq!(p["line"], line, "{kind}");
        assert_eq!(p["column"], column, "{kind}");
        assert_eq!(p["message"], message.as_str(), "{kind}");
        assert!(
            p["hint"].as_str().unwrap_or_default().contains(hint),
            "{kind}: {p}"
        );
    }
}

#[test]
fn json_keeps_warnings_apart_with_every_documented_field() {
    let site = warnings_site();
    let out = check(&site.root, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = serde_json::json!([
        {
            "severity": "warning",
            "file": "content/events/untagged.md",
            "line": 1,
            "column": 1,
            "message": "recommended field `topics` is missing",
            "hint": "add `topics = [\"...\"]` with terms from content/_taxonomies/topics.toml (Areas of focus)",
            "label": null
        },
        {
            "severity": "warning",
            "file": "content/notes/no-alt.md",
            "line": 11,
            "column": 1,
            "message": "image without alternative text",
            "hint": "describe the image between the brackets, like ![Pupils reading aloud in a classroom](/images/reading.jpg): it is what screen readers say and what shows when the image does not load",
            "label": "no text between the brackets"
        }
    ]);
    assert_eq!(problems, expected);
}

#[test]
fn human_format_shows_the_source_line_the_hint_and_a_summary() {
    let site = error_site("unknown-term");
    let out = check(&site.root, &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "content/notes/unknown-term.md:6:22: error: unknown term `ict` in taxonomy topics\n"
        ),
        "{text}"
    );
    assert!(text.contains("topics = [\"quality\", \"ict\"]"), "{text}");
    assert!(
        text.contains("help: did you mean `ict-in-education`?"),
        "{text}"
    );
    assert_eq!(text.lines().last(), Some("1 error."), "{text}");

    let out = check(&warnings_site().root, &[]);
    let text = stdout(&out);
    assert!(
        text.contains("content/notes/no-alt.md:11:1: warning: image without alternative text"),
        "{text}"
    );
    assert_eq!(
        text.lines().last(),
        Some("2 warnings; no errors."),
        "{text}"
    );

    let out = check(&TestSite::fixture("errors/base").root, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "No problems found in 4 entries.\n");
}

#[test]
fn every_build_problem_is_reported_in_one_run() {
    let site = TestSite::fixture("invalid-many");
    let build_problems = site.build_err();
    let out = check(&site.root, &["--format", "json"]);
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| {
            format!(
                "{}:{}:{}: {}",
                p["file"].as_str().unwrap(),
                p["line"],
                p["column"],
                p["message"].as_str().unwrap()
            )
        })
        .collect();
    let expected: Vec<String> = build_problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{}:{}: {}", d.path, d.line, d.column, d.message))
        .collect();
    assert!(expected.len() >= 12);
    assert_eq!(errors, expected);
}

#[test]
fn check_writes_nothing() {
    for site in [error_site("template-error"), warnings_site()] {
        // (Only --external-links writes, and only its cache.)
        let before = snapshot(&site.root);
        check(&site.root, &["--format", "json"]);
        assert_eq!(
            snapshot(&site.root),
            before,
            "check changed the site's folder"
        );
    }
}

#[test]
fn external_links_are_fetched_only_when_asked_and_broken_ones_are_warnings() {
    let server = TestServer::start(|seen| match seen.path.as_str() {
        "/report" => Reply::status(200),
        _ => Reply::status(404),
    });
    let site = TestSite::layered(&["errors/base"]);
    site.write(
        "content/notes/outside.md",
        &format!(
            "+++\ntitle = \"Outside links\"\nsummary = \"Two links out.\"\ndate = 2025-02-01\n\
             status = \"ongoing\"\nwebsite = \"{}\"\n+++\n\nRead [the report]({}) and [the annex]({}#part-2).\n",
            server.url("/moved-away"),
            server.url("/report"),
            server.url("/annex"),
        ),
    );
    let body_line = site.read_source("content/notes/outside.md");
    let body_line = body_line.lines().nth(8).unwrap();
    let annex_column = body_line.find("[the annex").unwrap() as u64 + 1;
    let out = check(&site.root, &["--format", "json"]);
    assert_eq!(stdout(&out).trim(), "[]", "no fetching unless asked");
    assert!(server.requests().is_empty());

    let out = check(&site.root, &["--format", "json", "--external-links"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "broken outside links are warnings"
    );
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, u64, u64, String)> = problems
        .iter()
        .map(|p| {
            (
                p["severity"].as_str().unwrap().to_string(),
                p["line"].as_u64().unwrap(),
                p["column"].as_u64().unwrap(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "warning".to_string(),
                6,
                11,
                format!(
                    "broken outside link {}: 404 Not Found",
                    server.url("/moved-away")
                )
            ),
            (
                "warning".to_string(),
                9,
                annex_column,
                format!(
                    "broken outside link {}#part-2: 404 Not Found",
                    server.url("/annex")
                )
            ),
        ]
    );
    assert_eq!(server.count("/report"), 1);

    // The working link is remembered; the broken ones are asked again.
    assert!(site.root.join(".calabash/external-links.json").is_file());
    check(&site.root, &["--format", "json", "--external-links"]);
    assert_eq!(server.count("/report"), 1, "a good link is cached");
    assert!(
        server.count("/annex") >= 2,
        "a broken link is checked again"
    );
}
