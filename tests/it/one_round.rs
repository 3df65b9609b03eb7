//! Every problem of a change in one round: tests/fixtures/one-round (laid
//! over errors/base) has a problem of every kind, several in one entry, and
//! one `calabash check` reports them all, in each output format, and
//! `calabash build` reports the very same set. A field error in an entry
//! hides neither its links nor anything else.

use std::collections::BTreeSet;

use crate::support;
use crate::support::cli::calabash_on;
use crate::support::site::{TestSite, headlines};

/// Every problem of the fixture, sorted by file and position.
const EXPECTED: &[&str] = &[
    // An entry with a field error still draws its warnings.
    "content/events/no-offset.md:1:1: warning: recommended field `topics` is missing",
    "content/events/no-offset.md:5:9: error: field `start` has no UTC offset",
    "content/events/untagged.md:1:1: warning: recommended field `topics` is missing",
    "content/notes/bad-alias.md:6:12: error: alias `old page` is not a path on this site: it does not start with `/`",
    // Front matter that is not TOML: the body's links are checked all the same.
    "content/notes/broken-toml.md:2:47: error: invalid TOML: invalid basic string, expected `\"`",
    "content/notes/broken-toml.md:6:6: error: broken link: no entry `nowhere` in `notes`",
    // Field errors, then everything else wrong in the same entry.
    "content/notes/many-problems.md:5:10: error: `ongoing-ish` is not an allowed value of field `status`",
    "content/notes/many-problems.md:6:16: error: field `participants` should be a whole number, not the text \"forty\"",
    "content/notes/many-problems.md:7:13: error: no entry `marcia-campbel` in `experts`",
    "content/notes/many-problems.md:8:14: error: field `attachment`: the site has no file `/documents/missing.pdf`",
    "content/notes/many-problems.md:9:12: error: alias `/notes/good-note/` is already used by content/notes/good-note.md",
    "content/notes/many-problems.md:14:5: error: broken link: no entry `god-note` in `notes`",
    "content/notes/many-problems.md:14:36: error: broken anchor: `content/notes/good-note.md` has no heading `#contxt`",
    "content/notes/many-problems.md:15:1: error: broken link: the site has no page or file `/documents/plan.pdf`",
    "content/notes/many-problems.md:15:37: error: broken link: the site has no page or file `/about-us/`",
    "content/notes/many-problems.md:17:1: warning: image without alternative text",
    "content/notes/many-problems.md:19:1: warning: image on another host (stats.example) is not shown in the page",
    // A valid entry's links to missing files, in Markdown and in raw HTML.
    "content/notes/valid-fields.md:8:10: error: broken link: the site has no page or file `/documents/plan.pdf`",
    "content/notes/valid-fields.md:9:10: error: broken link: the site has no page or file `/reports/2024/`",
    "content/notes/valid-fields.md:11:1: warning: image without alternative text",
    // A template mistake, found by rendering the pages of the valid entries.
    "templates/list.html:3:31: error: template error: Variable `no_such_value` is not defined. Available variables: collection, entries, facets, filter, offline_save, page, paginator, root, site, t, upcoming",
];

fn site() -> TestSite {
    TestSite::layered(&["errors/base", "one-round"])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The headlines in a human report: the lines that start with a location.
fn human_headlines(report: &str) -> Vec<String> {
    report
        .lines()
        .filter(|line| line.contains(": error: ") || line.contains(": warning: "))
        .filter(|line| !line.starts_with(' '))
        .map(str::to_string)
        .collect()
}

/// `::error file=a.md,line=3,col=5,title=...::message%0Ahelp: ...` as a headline.
fn github_headline(annotation: &str) -> String {
    let (command, rest) = annotation[2..].split_once(' ').expect("a workflow command");
    let (properties, message) = rest.split_once("::").expect("a message");
    let property = |name: &str| {
        properties
            .split(',')
            .find_map(|p| p.strip_prefix(&format!("{name}=")))
            .map(|v| {
                v.replace("%3A", ":")
                    .replace("%2C", ",")
                    .replace("%25", "%")
            })
    };
    let message = message
        .split("%0A")
        .next()
        .unwrap_or_default()
        .replace("%25", "%");
    let file = property("file").expect("a file");
    match (property("line"), property("col")) {
        (Some(line), Some(col)) => format!("{file}:{line}:{col}: {command}: {message}"),
        _ => format!("{file}: {command}: {message}"),
    }
}

fn json_headline(problem: &serde_json::Value) -> String {
    let file = problem["file"].as_str().unwrap();
    let severity = problem["severity"].as_str().unwrap();
    let message = problem["message"].as_str().unwrap();
    match problem["line"].as_u64().unwrap() {
        0 => format!("{file}: {severity}: {message}"),
        line => format!("{file}:{line}:{}: {severity}: {message}", problem["column"]),
    }
}

#[test]
fn check_reports_every_problem_of_the_change_in_each_format() {
    let site = site();
    let human = calabash_on(&site.root, &["check"]);
    assert_eq!(human.status.code(), Some(1));
    assert_eq!(human_headlines(&text(&human.stdout)), EXPECTED);
    assert!(
        text(&human.stdout).contains("16 errors and 5 warnings."),
        "the summary counts them: {}",
        text(&human.stdout)
    );

    let github = calabash_on(&site.root, &["check", "--format", "github"]);
    assert_eq!(github.status.code(), Some(1));
    let annotations: Vec<String> = text(&github.stdout).lines().map(github_headline).collect();
    assert_eq!(annotations, EXPECTED);

    let json = calabash_on(&site.root, &["check", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    let listed: Vec<String> = problems.iter().map(json_headline).collect();
    assert_eq!(listed, EXPECTED);
}

#[test]
fn build_reports_the_same_set_and_writes_nothing() {
    let site = site();
    assert_eq!(headlines(&site.build_err()), EXPECTED);
    assert!(!site.output().exists());

    let output = site.root.join("public");
    let out = calabash_on(&site.root, &["build", "--output", output.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let reported: BTreeSet<String> = human_headlines(&text(&out.stderr)).into_iter().collect();
    let expected: BTreeSet<String> = EXPECTED.iter().map(|s| s.to_string()).collect();
    assert_eq!(reported, expected);
    assert!(!output.exists());
}

#[test]
fn a_template_that_cannot_be_read_hides_no_link_problem() {
    let site = site();
    site.write(
        "templates/list.html",
        "{% extends \"base.html\" %}\n{% block content -%}\n<h1>{{ collection.title </h1>\n{%- endblock content %}\n",
    );
    let problems = headlines(&site.build_err());
    assert!(
        problems.contains(
            &"templates/list.html:3:25: error: template error: Found `</` but expected }}."
                .to_string()
        ),
        "{problems:#?}"
    );
    // Every other problem is still there: the plan of pages does not need
    // the templates parsed.
    let others: Vec<&str> = EXPECTED
        .iter()
        .copied()
        .filter(|h| !h.starts_with("templates/"))
        .collect();
    let rest: Vec<&str> = problems
        .iter()
        .map(String::as_str)
        .filter(|h| !h.starts_with("templates/"))
        .collect();
    assert_eq!(rest, others);
}

#[test]
fn fixing_the_field_errors_reveals_nothing_new() {
    // Whatever is left once the field errors are fixed was reported already
    // (compared without positions: fixing a line may move the ones below).
    let unplaced = |problems: Vec<calabash::core::diagnostics::Diagnostic>| -> BTreeSet<String> {
        problems
            .iter()
            .map(|d| format!("{} {}", d.path, d.message))
            .collect()
    };
    let site = site();
    let first = unplaced(site.build_err());
    let fix = |path: &str, from: &str, to: &str| {
        let text = site.read_source(path);
        assert!(text.contains(from), "{path}: {from}");
        site.write(path, &text.replace(from, to));
    };
    fix(
        "content/notes/many-problems.md",
        "\"ongoing-ish\"",
        "\"ongoing\"",
    );
    fix("content/notes/many-problems.md", "\"forty\"", "40");
    fix(
        "content/notes/broken-toml.md",
        "not TOML\n",
        "not TOML\"\ndate = 2025-02-01\nstatus = \"ongoing\"\n",
    );
    fix(
        "content/events/no-offset.md",
        "14:00:00\n",
        "14:00:00-05:00\n",
    );
    fix("content/notes/bad-alias.md", "old page", "/old-page/");
    let second = unplaced(site.build_err());
    let new: Vec<&String> = second.difference(&first).collect();
    assert!(new.is_empty(), "new problems after fixing fields: {new:#?}");
    assert_eq!(first.len() - second.len(), 5, "{second:#?}");
}

#[test]
fn entries_with_mistakes_are_checked_but_never_rendered() {
    let site = site();
    let options = calabash::site::SiteOptions::default();
    let (loaded, _) =
        calabash::site::load_content(&site.root, &options).expect("site.toml is fine");
    let invalid: Vec<String> = loaded
        .entries
        .iter()
        .filter(|e| e.invalid)
        .map(|e| format!("{}/{}", e.collection, e.slug))
        .collect();
    assert_eq!(
        invalid,
        [
            "notes/bad-alias",
            "notes/broken-toml",
            "notes/many-problems",
            "events/no-offset"
        ]
    );
    // The valid part: references and backlinks only between valid entries.
    let valid = loaded.without_invalid();
    assert_eq!(valid.entries.len(), loaded.entries.len() - invalid.len());
    let id_of = |slug: &str| {
        let found = valid.entries_with_ids().find(|(_, e)| e.slug == slug);
        found.map(|(id, _)| id).unwrap()
    };
    let (good, marcia) = (id_of("good-note"), id_of("marcia-campbell"));
    assert!(
        valid
            .backlinks_of(marcia)
            .iter()
            .any(|b| valid.entry_key(b.from) == "notes/good-note")
    );
    assert!(
        valid.backlinks_of(good).is_empty(),
        "bad-alias links to it but is not built"
    );
    assert!(valid.entries.iter().all(|e| !e.invalid));
    assert_eq!(valid.rendered.len(), valid.entries.len());

    // A template that needs a required field fails on no entry that lacks it
    // because of a mistake: such entries are not rendered.
    site.write(
        "templates/entry.html",
        "{% extends \"base.html\" %}\n{% block content -%}\n<h1>{{ entry.title }}</h1>\
         {% if entry.collection == \"notes\" %}<p>{{ entry.fields.status | upper }}</p>{% endif %}\n{%- endblock content %}\n",
    );
    let problems = headlines(&site.build_err());
    assert!(
        problems
            .iter()
            .all(|h| !h.starts_with("templates/entry.html")),
        "{problems:#?}"
    );
    assert_eq!(problems.len(), EXPECTED.len());
}

/// Entries of the sample hub that other entries refer to, given mistakes
/// (a field error, a reference to nothing): the pages of the hub theme that
/// refer to them draw no template error, only the mistakes themselves.
#[test]
fn mistakes_in_referenced_entries_draw_no_template_errors() {
    let hub = support::hub::sample_hub();
    let edit = |file: &str, from: &str, to: &str| {
        let path = hub.root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    // Cited by case studies and replies (`sources`, `cites`).
    edit(
        "content/library/commonwealth-of-learning.md",
        "+++\n",
        "+++\nparticipants = \"many\"\n",
    );
    // A contact of a case study, and the moderator or compiler elsewhere.
    edit(
        "content/experts/marcia-campbell.md",
        "consent_date = 2024-09-10",
        "consent_date = \"yes\"",
    );
    edit(
        "content/case-studies/bilingual-reading-corners-belize.md",
        "contacts = [",
        "contacts = [\"nobody-here\", ",
    );
    let report = calabash::check::check(&calabash::check::CheckOptions {
        root: hub.root.clone(),
        site: Default::default(),
        external_links: None,
    });
    let errors: Vec<String> = report
        .problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.headline())
        .collect();
    let files: BTreeSet<&str> = report
        .problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        files,
        BTreeSet::from([
            "content/case-studies/bilingual-reading-corners-belize.md",
            "content/experts/marcia-campbell.md",
            "content/library/commonwealth-of-learning.md",
        ]),
        "{errors:#?}"
    );
}
