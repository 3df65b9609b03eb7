//! `calabash serve` rebuilds: after any sequence of edits, the served folder
//! holds exactly what a fresh `calabash build` of the same files makes.
//!
//! The edits are random (a seeded generator; set `CALABASH_EDIT_SEED` to
//! replay a failure) and are applied to a copy of the sample hub: entry
//! bodies, titles, dates and terms, new, renamed and deleted entries,
//! templates and static files. The session is driven directly, with the
//! changed paths a watcher would report.

mod edits;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use calabash::build::{BuildOptions, build};
use calabash::serve::search_update::index_site;
use calabash::serve::session::Session;

use crate::support::files::{copy_sample_hub, snapshot};
use edits::{Random, edit};

struct Hub {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    served: PathBuf,
    fresh: PathBuf,
}

fn sample_hub() -> Hub {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("hub");
    copy_sample_hub(&root);
    Hub {
        served: tmp.path().join("served"),
        fresh: tmp.path().join("fresh"),
        root,
        _tmp: tmp,
    }
}

fn session(hub: &Hub) -> Session {
    let options = calabash::site::SiteOptions {
        base_url: Some("http://127.0.0.1:1111".into()),
        ..Default::default()
    };
    let mut session = Session::new(&hub.root, &hub.served, options);
    let outcome = session.start().expect("the sample hub builds");
    assert!(
        outcome.search_stale,
        "the loop builds the index after the pages"
    );
    install_search(hub, &mut session);
    session
}

/// Builds the search index from the site in memory and installs it, as the
/// loop does between batches.
fn install_search(hub: &Hub, session: &mut Session) {
    let site = session.site().expect("a site after a good rebuild");
    let update = index_site(site, &hub.root, &AtomicBool::new(false)).expect("indexed");
    session.install_search(update).expect("search installed");
}

/// The session's folder must equal a fresh build's, file by file.
fn assert_same_as_fresh_build(hub: &Hub, session: &Session, after: &str) {
    build(&BuildOptions {
        root: hub.root.clone(),
        output: hub.fresh.clone(),
        site: session.build_options(),
        progress: false,
    })
    .unwrap_or_else(|problems| panic!("fresh build after {after} failed: {problems:?}"));
    let (served, mut fresh) = (snapshot(&hub.served), snapshot(&hub.fresh));
    // The preview keeps nothing offline: it writes no service worker and no
    // lists of pages to save (tests/it/offline.rs).
    fresh.retain(|file, _| !is_offline_only(file));
    let names = |s: &std::collections::BTreeMap<String, Vec<u8>>| {
        s.keys().cloned().collect::<BTreeSet<String>>()
    };
    let (served_names, fresh_names) = (names(&served), names(&fresh));
    assert_eq!(
        served_names.difference(&fresh_names).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "files served but not built, after {after}"
    );
    assert_eq!(
        fresh_names.difference(&served_names).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "files built but not served, after {after}"
    );
    for (file, bytes) in &fresh {
        if served[file] != *bytes {
            panic!(
                "{file} differs after {after}:\n--- served\n{}\n--- fresh build\n{}",
                String::from_utf8_lossy(&served[file]),
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

/// The files of offline reading only `build` writes.
fn is_offline_only(file: &str) -> bool {
    file == "sw.js" || (file.ends_with(".json") && file.split('/').rev().nth(1) == Some("offline"))
}

/// Applies a batch the way `calabash serve` does: pages first, then the
/// search index (here without waiting for a quiet moment).
fn apply(hub: &Hub, session: &mut Session, paths: &[String]) -> bool {
    let paths: BTreeSet<String> = paths.iter().cloned().collect();
    if session.apply(&paths, false).is_err() {
        return false;
    }
    install_search(hub, session);
    true
}

/// The first build writes every page without waiting for the search index
/// (which would make an edit saved meanwhile wait too); the index, and the
/// similar entries it finds, follow; an index stopped half-way (files
/// changed again) leaves nothing behind.
#[test]
fn the_first_build_leaves_the_search_index_to_the_loop() {
    let hub = sample_hub();
    let options = calabash::site::SiteOptions {
        base_url: Some("http://127.0.0.1:1111".into()),
        ..Default::default()
    };
    let mut session = Session::new(&hub.root, &hub.served, options);
    session.start().expect("the sample hub builds");
    let served = snapshot(&hub.served);
    assert!(served.contains_key("index.html") && served.contains_key("library/index.html"));
    assert!(
        !served.keys().any(|file| file.starts_with("search/index/")),
        "no index files before the loop builds them"
    );
    let similar = |served: &std::collections::BTreeMap<String, Vec<u8>>| {
        (served.iter())
            .filter(|(_, page)| String::from_utf8_lossy(page).contains(r#"id="similar-heading""#))
            .count()
    };
    assert_eq!(similar(&served), 0, "similar entries come with the index");

    let site = session.site().expect("the site in memory");
    let stop = AtomicBool::new(true);
    assert!(
        index_site(site, &hub.root, &stop).is_err(),
        "a stopped index is not installed"
    );
    assert!(!hub.root.join(".calabash/index").exists());

    install_search(&hub, &mut session);
    let served = snapshot(&hub.served);
    assert!(served.contains_key("search/index/manifest.json"));
    assert!(
        similar(&served) > 10,
        "entry pages show their similar entries"
    );
    assert_same_as_fresh_build(&hub, &session, "the index was installed");
}

#[test]
fn random_edits_leave_the_same_site_as_a_fresh_build() {
    let seed = std::env::var("CALABASH_EDIT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15_u64);
    let hub = sample_hub();
    let mut session = session(&hub);
    assert_same_as_fresh_build(&hub, &session, "the first build");
    let mut random = Random(seed);
    let mut added = Vec::new();
    let mut history = Vec::new();
    for step in 1..=24 {
        // Sometimes two edits arrive in one batch, as with "save all".
        let mut paths = Vec::new();
        for _ in 0..1 + random.below(2) {
            let (changed, what) = edit(&hub.root, &mut random, step * 10 + paths.len(), &mut added);
            paths.extend(changed);
            history.push(what);
        }
        let after = format!("edits (seed {seed}): {}", history.join("; "));
        assert!(
            apply(&hub, &mut session, &paths),
            "rebuild failed after {after}"
        );
        if step % 6 == 0 {
            assert_same_as_fresh_build(&hub, &session, &after);
        }
    }
}

#[test]
fn a_body_edit_renders_only_the_pages_that_show_the_entry() {
    let hub = sample_hub();
    let mut session = session(&hub);
    let file = "content/library/summary-blended-learning-discussion.md";
    let mut text = std::fs::read_to_string(hub.root.join(file)).unwrap();
    text.push_str("\nA sentence about mangroves.\n");
    std::fs::write(hub.root.join(file), text).unwrap();
    let outcome = session
        .apply(&BTreeSet::from([file.to_string()]), false)
        .expect("rebuilt");
    assert!(
        outcome
            .files
            .contains("library/summary-blended-learning-discussion/index.html"),
        "{:?}",
        outcome.files
    );
    // The entry page, and the few pages that sum up the whole site (home,
    // feeds, sitemap, taxonomy indexes...), out of hundreds.
    let pages = snapshot(&hub.served).len();
    assert!(
        outcome.rendered * 10 < pages,
        "rendered {} of {pages} files",
        outcome.rendered
    );
    let other_entries: Vec<&String> = outcome
        .files
        .iter()
        .filter(|f| f.starts_with("library/") && !f.contains("summary-blended-learning-discussion"))
        .collect();
    assert!(other_entries.is_empty(), "rewrote {other_entries:?}");
    let page = std::fs::read_to_string(
        hub.served
            .join("library/summary-blended-learning-discussion/index.html"),
    )
    .unwrap();
    assert!(page.contains("mangroves"));
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_fixing_it_restores_it() {
    let hub = sample_hub();
    let mut session = session(&hub);
    let file = "content/library/summary-blended-learning-discussion.md";
    let good = std::fs::read_to_string(hub.root.join(file)).unwrap();
    let before = snapshot(&hub.served);
    std::fs::write(hub.root.join(file), good.replace("title = ", "title = = ")).unwrap();
    let paths = BTreeSet::from([file.to_string()]);
    let problems = session
        .apply(&paths, false)
        .expect_err("a broken entry fails");
    assert!(
        problems.iter().any(|p| p.path == file && p.line == 2),
        "{problems:?}"
    );
    assert_eq!(
        snapshot(&hub.served),
        before,
        "the served site is untouched"
    );
    std::fs::write(
        hub.root.join(file),
        good.replace("What we kept", "What we still keep"),
    )
    .unwrap();
    session.apply(&paths, false).expect("fixed");
    let page = std::fs::read_to_string(
        hub.served
            .join("library/summary-blended-learning-discussion/index.html"),
    )
    .unwrap();
    assert!(page.contains("What we still keep"));
}

/// Stands in for the server: one page open, and what was shown ahead.
struct OnePageOpen {
    page: String,
    shown: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
}

impl calabash::serve::session::Ahead for OnePageOpen {
    fn open_pages(&self) -> Vec<String> {
        vec![self.page.clone()]
    }

    fn show(&self, pages: Vec<(String, Vec<u8>)>) {
        self.shown.lock().unwrap().extend(pages);
    }
}

#[test]
fn a_long_rebuild_shows_the_open_page_first_as_it_will_be_written() {
    let hub = sample_hub();
    let mut session = session(&hub);
    let open = std::sync::Arc::new(OnePageOpen {
        page: "/library/early-grade-reading-assessment-guide/".into(),
        shown: Default::default(),
    });
    session.show_ahead(open.clone());
    let base = "themes/hub/templates/base.html";
    let text = std::fs::read_to_string(hub.root.join(base)).unwrap();
    std::fs::write(
        hub.root.join(base),
        text.replace("<p class=\"generator\">", "<p class=\"generator\">Made: "),
    )
    .unwrap();
    let outcome = session
        .apply(&BTreeSet::from([base.to_string()]), false)
        .expect("rebuilt");
    assert!(outcome.rendered > 100, "every page uses base.html");
    let file = "library/early-grade-reading-assessment-guide/index.html";
    assert_eq!(outcome.ahead, BTreeSet::from([file.to_string()]));
    let shown = open.shown.lock().unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].0, open.page);
    assert!(String::from_utf8_lossy(&shown[0].1).contains("Made: Built with"));
    assert_eq!(shown[0].1, std::fs::read(hub.served.join(file)).unwrap());
}

/// A body edit that removes a heading another entry links to is caught,
/// though only bodies changed and only the links they touch are checked.
#[test]
fn a_body_edit_that_breaks_a_link_into_it_fails() {
    let hub = sample_hub();
    let mut session = session(&hub);
    let file = "content/library/early-grade-reading-assessment-guide.md";
    let text = std::fs::read_to_string(hub.root.join(file)).unwrap();
    assert!(text.contains("## Using the results"));
    std::fs::write(
        hub.root.join(file),
        text.replace("## Using the results", "## What to do with the results"),
    )
    .unwrap();
    let problems = session
        .apply(&BTreeSet::from([file.to_string()]), false)
        .expect_err("the anchor #using-the-results is gone");
    assert!(
        problems.iter().any(
            |p| p.path == "content/replies/cr-2025-001-reading-catch-up.md"
                && p.message.contains("#using-the-results")
        ),
        "{problems:?}"
    );
}

#[test]
fn a_body_edit_linking_to_a_missing_file_fails_until_the_file_exists() {
    let hub = sample_hub();
    let mut session = session(&hub);
    let file = "content/library/early-grade-reading-assessment-guide.md";
    let text = std::fs::read_to_string(hub.root.join(file)).unwrap();
    std::fs::write(
        hub.root.join(file),
        format!("{text}\nThe [scoring sheet](/documents/scoring.pdf).\n"),
    )
    .unwrap();
    let changed = BTreeSet::from([file.to_string()]);
    let problems = session
        .apply(&changed, false)
        .expect_err("static/documents/scoring.pdf does not exist");
    assert!(
        problems.iter().any(|p| p.path == file
            && p.message == "broken link: the site has no page or file `/documents/scoring.pdf`"),
        "{problems:?}"
    );
    std::fs::create_dir_all(hub.root.join("static/documents")).unwrap();
    std::fs::write(hub.root.join("static/documents/scoring.pdf"), "%PDF").unwrap();
    let added = BTreeSet::from(["static/documents/scoring.pdf".to_string()]);
    assert!(session.apply(&added, false).is_ok());
    session.apply(&changed, false).expect("the file now exists");
}

#[test]
fn a_field_error_hides_no_other_problem_of_the_same_save() {
    let hub = sample_hub();
    let mut session = session(&hub);
    let broken_field = "content/library/summary-blended-learning-discussion.md";
    let text = std::fs::read_to_string(hub.root.join(broken_field)).unwrap();
    std::fs::write(
        hub.root.join(broken_field),
        text.replacen("date = ", "date = \"last March\"\nold_date = ", 1),
    )
    .unwrap();
    let missing_file = "content/library/early-grade-reading-assessment-guide.md";
    let text = std::fs::read_to_string(hub.root.join(missing_file)).unwrap();
    std::fs::write(
        hub.root.join(missing_file),
        format!("{text}\nThe [scoring sheet](/documents/scoring.pdf).\n"),
    )
    .unwrap();
    let changed = BTreeSet::from([broken_field.to_string(), missing_file.to_string()]);
    let problems = session
        .apply(&changed, false)
        .expect_err("both files have mistakes");
    let found: Vec<String> = problems.iter().map(|p| p.headline()).collect();
    assert!(
        problems
            .iter()
            .any(|p| p.path == broken_field && p.is_error()),
        "{found:#?}"
    );
    assert!(
        problems.iter().any(|p| p.path == missing_file
            && p.message == "broken link: the site has no page or file `/documents/scoring.pdf`"),
        "{found:#?}"
    );
}
