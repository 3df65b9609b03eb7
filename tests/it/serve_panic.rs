//! The preview survives a panic in a rebuild: the problem shows on the
//! pages like any other, the last good build stays served, and the next
//! save rebuilds from the files. Also, as a user meets it: saving a file
//! that no earlier version could report without panicking (text without
//! front matter starting with a character of several bytes).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use calabash::serve::live::Live;
use calabash::serve::rebuild_batch;
use calabash::serve::session::{Ahead, Session};
use calabash::site::SiteOptions;

use crate::support::files::copy_sample_hub;
use crate::support::serve::Serve;

/// Stands in for a bug: panics the first time a rebuild asks which pages
/// are open (which long rebuilds do).
struct PanicsOnce(AtomicBool);

impl Ahead for PanicsOnce {
    fn open_pages(&self) -> Vec<String> {
        if !self.0.swap(true, Ordering::SeqCst) {
            panic!("a bug in the middle of a rebuild");
        }
        Vec::new()
    }

    fn show(&self, _pages: Vec<(String, Vec<u8>)>) {}
}

#[test]
fn a_panicking_rebuild_is_reported_on_the_pages_and_the_next_save_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("hub");
    copy_sample_hub(&root);
    let served = tmp.path().join("served");
    let options = SiteOptions {
        base_url: Some("http://127.0.0.1:1111".into()),
        ..Default::default()
    };
    let mut session = Session::new(&root, &served, options);
    session.start().expect("the sample hub builds");
    let live = Live::new();
    session.show_ahead(Arc::new(PanicsOnce(AtomicBool::new(false))));

    // A template change renders every page: a long rebuild.
    let base = "themes/hub/templates/base.html";
    let template = std::fs::read_to_string(root.join(base)).unwrap();
    std::fs::write(
        root.join(base),
        template.replace("</body>", "<!-- edited -->\n</body>"),
    )
    .unwrap();
    let paths = BTreeSet::from([base.to_string()]);
    rebuild_batch(&mut session, &live, &paths, false);
    let problems = live.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .message
            .contains("internal error while rebuilding: a bug in the middle of a rebuild"),
        "{problems:?}"
    );
    assert!(problems[0].hint.as_deref().unwrap().contains("report"));
    let home = std::fs::read_to_string(served.join("index.html")).unwrap();
    assert!(!home.contains("<!-- edited -->"), "nothing was written");

    // The next save rebuilds from the files.
    rebuild_batch(&mut session, &live, &paths, false);
    assert_eq!(live.problems(), Vec::new());
    let home = std::fs::read_to_string(served.join("index.html")).unwrap();
    assert!(home.contains("<!-- edited -->"));
}

#[test]
fn saving_text_without_front_matter_that_starts_with_any_character_keeps_the_preview_alive() {
    let serve = Serve::sample_hub();
    let page = "/library/early-grade-reading-assessment-guide/";
    for (n, first) in ["\u{feff}", "É", "😀"].iter().enumerate() {
        let rel = format!("content/library/odd-{n}.md");
        std::fs::write(serve.path(&rel), format!("{first}No front matter.\n")).unwrap();
        serve.wait_for(page, "the problem in the overlay", |status, body| {
            status == 200 && body.contains("could not be rebuilt") && body.contains(&rel)
        });
        std::fs::remove_file(serve.path(&rel)).unwrap();
        serve.wait_for(page, "the page without the overlay", |status, body| {
            status == 200 && !body.contains("could not be rebuilt")
        });
    }
    assert!(!serve.log().contains("panicked"), "{}", serve.log());
}
