//! The output folder is replaced only by a build that fully succeeded: a
//! failed build leaves the previous site byte for byte as it was, and no
//! staging folder behind.

use calabash::build::build;

use crate::support;
use crate::support::{files::snapshot, site::TestSite};

/// Staging folders left beside the output or the search index. The spare
/// output folder, the kept index (`.calabash/index`) and the record of the
/// pages built (`.calabash/pages`) are expected.
fn leftovers(site: &TestSite) -> Vec<String> {
    let names = |dir: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut found: Vec<String> = names(&site.root)
        .into_iter()
        .filter(|name| name.contains("calabash") || name.starts_with(".public"))
        .filter(|name| name != ".public.calabash-spare" && name != ".calabash")
        .collect();
    found.extend(
        names(&site.root.join(".calabash"))
            .into_iter()
            .filter(|name| name != "index" && name != "pages"),
    );
    found
}

fn break_entry(site: &TestSite) {
    let path = "content/notes/second-note.md";
    let text = site
        .read_source(path)
        .replace("status = \"closed\"", "status = \"shut\"");
    site.write(path, &text);
}

#[test]
fn a_failed_content_build_leaves_the_good_output_unchanged() {
    let site = TestSite::fixture("valid-basic");
    site.build_ok();
    let before = snapshot(&site.output());
    assert!(before.len() > 25, "{:?}", before.keys());

    break_entry(&site);
    let problems = site.build_err();
    assert!(
        problems.iter().any(|d| d.message.contains("`shut`")),
        "{problems:?}"
    );
    assert_eq!(snapshot(&site.output()), before);
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

#[test]
fn a_failed_render_leaves_the_good_output_unchanged() {
    // Template mistakes surface while pages are being written to the
    // staging folder, later than content mistakes.
    let site = TestSite::fixture("valid-basic");
    site.build_ok();
    let before = snapshot(&site.output());
    site.write(
        "templates/term.html",
        "{% extends \"base.html\" %}{% block content %}{{ term.label | no_such_filter }}{% endblock content %}",
    );
    let problems = site.build_err();
    assert_eq!(
        support::site::headlines(&problems),
        ["templates/term.html:1:61: error: template error: Unknown filter `no_such_filter`"]
    );
    assert_eq!(snapshot(&site.output()), before);
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

#[test]
fn a_failed_render_at_run_time_leaves_the_good_output_unchanged() {
    let site = TestSite::fixture("valid-basic");
    site.build_ok();
    let before = snapshot(&site.output());
    // Parses, but fails while rendering: `missing` is not in the context.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ missing.value }}{% endblock content %}",
    );
    let problems = site.build_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "templates/page.html");
    assert!(problems[0].line > 0);
    assert_eq!(snapshot(&site.output()), before);
    assert!(leftovers(&site).is_empty());
}

#[test]
fn a_successful_build_replaces_the_whole_output() {
    let site = TestSite::fixture("valid-basic");
    // A folder an earlier build wrote, marked as Calabash's.
    site.write("public/.calabash-output", "");
    site.write("public/stale.html", "from an old build");
    site.build_ok();
    assert!(!site.exists("stale.html"));
    assert!(site.exists("index.html"));
    assert!(leftovers(&site).is_empty());

    // Fixing the content makes the next build go through again.
    break_entry(&site);
    site.build_err();
    let fixed = site
        .read_source("content/notes/second-note.md")
        .replace("\"shut\"", "\"closed\"")
        .replace(
            "title = \"Second note\"",
            "title = \"Second note, revised\"",
        );
    site.write("content/notes/second-note.md", &fixed);
    site.build_ok();
    assert!(
        site.page("notes/second-note/index.html")
            .contains("Second note, revised")
    );
}

#[test]
fn builds_are_reproducible() {
    let site = TestSite::fixture("valid-basic");
    site.build_ok();
    let first = snapshot(&site.output());
    site.build_ok();
    assert_eq!(snapshot(&site.output()), first);
}

#[test]
fn refuses_to_build_over_the_site_itself() {
    let site = TestSite::fixture("valid-basic");
    let before = snapshot(&site.root);
    for output in [
        site.root.clone(),
        site.root.join("content"),
        site.root.join("themes"),
        site.root.parent().unwrap().to_path_buf(),
    ] {
        let mut options = site.options(false, None);
        options.output = output.clone();
        let problems = build(&options).expect_err("must refuse").sorted();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .message
                .contains("refusing to write the site into"),
            "{}: {problems:?}",
            output.display()
        );
    }
    assert_eq!(snapshot(&site.root), before, "nothing was touched");
}

#[test]
fn builds_into_an_output_folder_outside_the_site() {
    let site = TestSite::fixture("valid-basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let output = elsewhere.path().join("deep/er/site");
    let mut options = site.options(false, None);
    options.output = output.clone();
    build(&options).expect("builds");
    assert!(output.join("index.html").is_file());
    assert!(!site.output().exists());
    let siblings: Vec<_> = std::fs::read_dir(output.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings,
        ["site"],
        "no staging folder left beside the output"
    );
}

#[test]
fn a_rebuild_after_changes_matches_a_fresh_build() {
    let site = TestSite::fixture("valid-basic");
    site.build_ok();
    site.build_ok(); // a spare folder from the first build now exists
    // Change a title, delete an entry and a static file, add a static file.
    let path = "content/notes/third-note.md";
    site.write(
        path,
        &site
            .read_source(path)
            .replace("Third note", "Third note, renamed"),
    );
    std::fs::remove_file(site.root.join("content/notes/fourth-note.md")).unwrap();
    std::fs::remove_file(site.root.join("static/hello.txt")).unwrap();
    site.write("static/docs/new.txt", "new");
    site.build_ok();
    let rebuilt = snapshot(&site.output());

    let fresh = TestSite::fixture("valid-basic");
    fresh.write(path, &site.read_source(path));
    std::fs::remove_file(fresh.root.join("content/notes/fourth-note.md")).unwrap();
    std::fs::remove_file(fresh.root.join("static/hello.txt")).unwrap();
    fresh.write("static/docs/new.txt", "new");
    fresh.build_ok();
    let expected = snapshot(&fresh.output());
    assert_eq!(
        rebuilt.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    assert_eq!(rebuilt, expected);
    assert!(!site.exists("notes/fourth-note/index.html"));
    assert!(!site.exists("hello.txt"));
}
