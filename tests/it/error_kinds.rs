//! One small site per kind of mistake: tests/fixtures/errors/<kind>/ laid
//! over tests/fixtures/errors/base/ (a valid site). Each must fail with
//! exactly its one problem, located and with a hint, and nothing else.

use crate::support::error_cases::CASES;
use crate::support::{
    files::file_names,
    fixtures,
    site::{TestSite, headlines},
};

fn site_for(kind: &str) -> TestSite {
    TestSite::layered(&["errors/base", &format!("errors/{kind}")])
}

#[test]
fn the_base_site_is_valid() {
    let site = TestSite::fixture("errors/base");
    let report = site.build_ok();
    assert_eq!(report.entries, 4);
}

#[test]
fn each_kind_of_mistake_reports_exactly_its_one_problem() {
    let mut failures = Vec::new();
    for (kind, headline, hint) in CASES {
        let problems = site_for(kind).build_err();
        let got = headlines(&problems);
        if got != [*headline] {
            failures.push(format!(
                "{kind}:\n  expected {headline}\n  got      {got:#?}"
            ));
            continue;
        }
        let got_hint = problems[0].hint.as_deref().unwrap_or_default();
        if !got_hint.contains(hint) {
            failures.push(format!("{kind}: hint {got_hint:?} lacks {hint:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_error_fixture_has_an_expectation() {
    let mut kinds = file_names(&fixtures().join("errors"));
    kinds.retain(|name| name != "base");
    let mut listed: Vec<String> = CASES.iter().map(|(k, _, _)| k.to_string()).collect();
    listed.sort();
    assert_eq!(kinds, listed);
}

#[test]
fn a_failing_site_keeps_the_previous_output_and_leaves_no_staging_folder() {
    for (kind, _, _) in CASES {
        let site = site_for(kind);
        site.write("public/.calabash-output", "");
        site.write("public/index.html", "previous build");
        site.build_err();
        assert_eq!(site.page("index.html"), "previous build", "{kind}");
        let names: Vec<String> = std::fs::read_dir(&site.root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("calabash"))
            .collect();
        assert!(names.is_empty(), "{kind}: {names:?}");
    }
}
