//! A build renders again only the files whose inputs changed since the
//! last build (`.calabash/pages`) and keeps the search index while nothing
//! it is made of changed: whatever changed, and whatever someone did to the
//! output folders in between, the output is the one a build from nothing
//! makes.

use std::collections::BTreeMap;

use calabash::build::{BuildReport, build};

use crate::support::files::{assert_same_files, copy_tree, snapshot};
use crate::support::git::{commit_all, git};
use crate::support::site::{TestSite, headlines};

/// The build time of most builds here (28 May 2026).
const NOW: i64 = 1_780_000_000;

fn build_at(site: &TestSite, now: i64) -> (BuildReport, BTreeMap<String, Vec<u8>>) {
    let mut options = site.options(false, None);
    options.site.now = Some(jiff::Timestamp::from_second(now).unwrap());
    match build(&options) {
        Ok(report) => (report, snapshot(&site.output())),
        Err(problems) => panic!("{}", headlines(&problems.sorted()).join("\n")),
    }
}

/// Builds `site` at `now` over its earlier builds and asserts that the
/// output is what a build from nothing makes; returns how many files the
/// build kept without rendering them.
fn rebuild_as_from_nothing(site: &TestSite, now: i64, what: &str) -> usize {
    let (report, output) = build_at(site, now);
    let (fresh, from_nothing) = build_at(&site.fresh_copy(), now);
    assert_eq!(fresh.kept, 0, "{what}: a first build keeps nothing");
    assert_same_files(&output, &from_nothing, what);
    report.kept
}

fn edit(site: &TestSite, path: &str, from: &str, to: &str) {
    let text = site.read_source(path);
    assert!(text.contains(from), "{path} holds no {from:?}");
    site.write(path, &text.replacen(from, to, 1));
}

/// The search index's folder, which a build that makes the index anew
/// replaces (by its inode).
fn index_folder(site: &TestSite) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(site.root.join(".calabash/index"))
        .unwrap()
        .ino()
}

/// A hub built twice; the second build keeps every rendered file.
fn built_sample_hub() -> (TestSite, usize) {
    let site = TestSite::sample_hub();
    let (first, _) = build_at(&site, NOW);
    assert_eq!(first.kept, 0);
    let index = index_folder(&site);
    let kept = rebuild_as_from_nothing(&site, NOW, "built again unchanged");
    assert!(kept > 100, "kept only {kept} files");
    let (again, _) = build_at(&site, NOW);
    assert_eq!(again.kept, kept, "a third build keeps as many");
    assert_eq!(
        index_folder(&site),
        index,
        "the index is kept, build after build"
    );
    assert!(
        again
            .summary()
            .contains("unchanged files not rendered again")
    );
    (site, kept)
}

#[test]
fn an_edited_entry_renders_again_what_shows_it() {
    let (site, all) = built_sample_hub();
    let expert = "content/experts/andre-whyte.md";
    let library = "content/library/commonwealth-of-learning.md";
    site.write(
        library,
        &format!("{}\nA new closing paragraph.\n", site.read_source(library)),
    );
    let index = index_folder(&site);
    let kept = rebuild_as_from_nothing(&site, NOW, "a body edited");
    assert_ne!(
        index_folder(&site),
        index,
        "a body edited: the index is made anew"
    );
    assert!(
        kept > 0 && kept < all,
        "a body edited: kept {kept} of {all}"
    );
    let changes = [
        (
            expert,
            "title = \"Andre Whyte\"",
            "title = \"André Whyte\"",
            "a title others show",
        ),
        (
            expert,
            "topics = [\"ict-in-education\", \"distance-learning\"]",
            "topics = [\"ict-in-education\"]",
            "a term taken away",
        ),
        (
            "content/_taxonomies/topics.toml",
            "label = \"Quality\"",
            "label = \"Quality of learning\"",
            "a vocabulary's label",
        ),
    ];
    for (path, from, to, what) in changes {
        edit(&site, path, from, to);
        rebuild_as_from_nothing(&site, NOW, what);
    }
}

#[test]
fn entries_added_removed_and_renamed_render_again_what_lists_them() {
    let (site, _) = built_sample_hub();
    let source = "content/library/commonwealth-of-learning.md";
    let text = site.read_source(source);
    site.write(
        "content/library/a-new-guide.md",
        &text.replacen("title = \"", "title = \"A new guide: ", 1),
    );
    rebuild_as_from_nothing(&site, NOW, "an entry added");
    std::fs::rename(
        site.root.join("content/library/a-new-guide.md"),
        site.root.join("content/library/the-new-guide.md"),
    )
    .unwrap();
    rebuild_as_from_nothing(&site, NOW, "an entry renamed");
    std::fs::remove_file(site.root.join("content/library/the-new-guide.md")).unwrap();
    rebuild_as_from_nothing(&site, NOW, "an entry removed");
}

#[test]
fn templates_strings_and_settings_render_again_what_uses_them() {
    let (site, all) = built_sample_hub();
    let pagination = "themes/hub/templates/partials/pagination.html";
    site.write(
        pagination,
        &format!("{}<!-- new -->", site.read_source(pagination)),
    );
    let kept = rebuild_as_from_nothing(&site, NOW, "a partial edited");
    assert!(kept > 0 && kept < all, "kept {kept} of {all}");
    edit(
        &site,
        "themes/hub/i18n/en.toml",
        "home = \"Home\"",
        "home = \"Start\"",
    );
    rebuild_as_from_nothing(&site, NOW, "an interface string");
    // Settings pages do not print, but which change how they are made.
    edit(
        &site,
        "site.toml",
        "smart_punctuation = true",
        "smart_punctuation = false",
    );
    rebuild_as_from_nothing(&site, NOW, "a Markdown setting");
    edit(&site, "site.toml", "limit = 30", "limit = 3");
    rebuild_as_from_nothing(&site, NOW, "the length of feeds");
    edit(
        &site,
        "site.toml",
        "title = \"Caribbean Education Knowledge Hub\"",
        "title = \"Caribbean Education Hub\"",
    );
    assert_eq!(rebuild_as_from_nothing(&site, NOW, "settings"), 0);
    // Events that were upcoming are past a year later.
    let later = NOW + 400 * 86_400;
    assert_eq!(rebuild_as_from_nothing(&site, later, "time passing"), 0);
    assert!(rebuild_as_from_nothing(&site, later + 60, "a minute later") > 0);
}

#[test]
fn files_changed_in_the_output_folders_are_made_again() {
    let (site, _) = built_sample_hub();
    let spare = site.root.join(".public.calabash-spare");
    assert!(spare.join("index.html").is_file());
    // One changed by hand in the output, one in the spare, at the same
    // length; one removed from each.
    for folder in [site.output(), spare.clone()] {
        let page = folder.join("about/index.html");
        let text = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, text.replacen("<html", "<HTML", 1)).unwrap();
        std::fs::remove_file(folder.join("search/index.html")).unwrap();
    }
    rebuild_as_from_nothing(&site, NOW, "files changed by hand");
    // The index's exported files too.
    let shards = site.output().join("search/index");
    let shard = std::fs::read_dir(&shards)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_file())
        .expect("an exported file");
    std::fs::write(&shard, b"changed").unwrap();
    rebuild_as_from_nothing(&site, NOW, "an exported file changed");
    std::fs::remove_dir_all(site.output()).unwrap();
    std::fs::remove_dir_all(&spare).unwrap();
    assert_eq!(rebuild_as_from_nothing(&site, NOW, "output gone"), 0);
    // A record that is not one is no record.
    site.write(".calabash/pages", "calabash pages 2\nnot a record\n");
    site.write(".calabash/index/search-build", "calabash search 2\n12\n");
    assert_eq!(rebuild_as_from_nothing(&site, NOW, "records broken"), 0);
}

#[test]
fn a_change_of_history_alone_renders_again_what_shows_it() {
    let site = TestSite::fixture("valid-basic").with_hub_theme();
    let alice = ("Alice Author", "alice@example.org", "2026-01-05T10:00:00Z");
    git(&site.root, alice, &["init", "-q"]);
    site.write(
        ".gitignore",
        "public/\n.public.calabash-spare/\n.calabash/\n",
    );
    commit_all(&site.root, alice, "first");
    build_at(&site, NOW);
    assert!(rebuild_as_from_nothing(&site, NOW, "unchanged") > 0);
    let page = "notes/first-note/index.html";
    let shows =
        |name: &str| String::from_utf8_lossy(&snapshot(&site.output())[page]).contains(name);
    assert!(shows("Alice Author"), "the page shows its contributors");
    // The same files, committed by someone else on another day.
    let bob = ("Bob Builder", "bob@example.org", "2026-02-07T10:00:00Z");
    git(
        &site.root,
        bob,
        &["commit", "-q", "--amend", "--reset-author", "-m", "first"],
    );
    rebuild_as_from_nothing(&site, NOW, "another author");
    assert!(shows("Bob Builder") && !shows("Alice Author"));
}

/// What a pull request could commit: an output folder with a page of its
/// own and records that vouch for its bytes. Records name the folder they
/// describe by its inode, which a copy does not keep.
#[test]
fn records_and_pages_brought_from_elsewhere_are_not_trusted() {
    let (site, _) = built_sample_hub();
    let copy = TestSite::empty();
    copy_tree(&site.root, &copy.root);
    let page = "about/index.html";
    let text = std::fs::read_to_string(copy.output().join(page)).unwrap();
    let planted = text.replacen("</body>", "<script>alert(1)</script></body>", 1);
    copy.write(&format!("public/{page}"), &planted);
    let hash = calabash::core::model::content_hash(planted.as_bytes());
    let records = copy.read_source(".calabash/pages");
    let records: Vec<String> = records
        .lines()
        .map(|line| match line.strip_suffix(&format!(" {page}")) {
            Some(prints) => format!("{} {hash:016x} {page}", &prints[..16]),
            None => line.to_string(),
        })
        .collect();
    copy.write(".calabash/pages", &(records.join("\n") + "\n"));
    let (report, output) = build_at(&copy, NOW);
    assert_eq!(
        report.kept, 0,
        "nothing is kept on the word of copied records"
    );
    assert!(!String::from_utf8_lossy(&output[page]).contains("alert(1)"));
    assert_same_files(&output, &build_at(&copy.fresh_copy(), NOW).1, "copied");
}
