//! The output folder guard: a build (or the preview) never writes into, nor
//! replaces, the site's own folders, an ancestor of the site, or a folder
//! Calabash did not write, however the path is spelled (relative, absolute,
//! through `..` or symbolic links). A refused build changes no byte
//! anywhere; an accepted one marks its folder as Calabash's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calabash::build::{BuildOptions, build};
use calabash::core::paths::MARKER;

use crate::support;
use crate::support::site::TestSite;

/// Every file and folder under `dir`, with the bytes of files and the
/// targets of links: what must stay the same when a build is refused.
fn everything(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    support::files::tree(dir, |_| false)
}

/// A valid site in `<tmp>/site`, with a git folder, a preview folder, the
/// search index folder and a folder of someone's own files beside it.
fn sandbox() -> TestSite {
    let site = TestSite::fixture("errors/base");
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site.write(".github/workflows/ci.yml", "on: push\n");
    site.write(".calabash/index/meta.json", "{}");
    site.write("static/documents/plan.pdf", "%PDF");
    site.write("templates/.keep", "");
    site.write("../mine/notes.txt", "my own notes");
    #[cfg(unix)]
    {
        let link = |to: &str, name: &str| {
            std::os::unix::fs::symlink(site.root.join(to), site.root.join(name)).unwrap();
        };
        link("content", "content-link");
        link(".", "root-link");
        link("..", "parent-link");
        link(".git", "git-link");
        link("static/documents", "documents-link");
        link(".calabash", "tool-link");
    }
    site
}

fn options(site: &TestSite, output: PathBuf) -> BuildOptions {
    BuildOptions {
        output,
        ..site.options(false, None)
    }
}

/// Output folders no build may use, relative to the site root.
fn refused() -> Vec<&'static str> {
    let mut refused = vec![
        ".",
        "./",
        "..",
        "../..",
        "public/..",
        "public/../content",
        "public/../content/notes",
        "./content/",
        "content",
        "content/notes",
        "content/new-folder",
        "content/_taxonomies",
        "static",
        "static/documents",
        "static/public",
        "themes",
        "themes/test",
        "themes/test/static",
        "templates",
        "templates/public",
        ".git",
        ".git/public",
        ".github",
        ".calabash",
        ".calabash/index",
        ".calabash/serve",
        "public/../.git",
        "a/b/../../content",
        "a/../../site/static",
        "site.toml",
        "content/notes/good-note.md",
        "../mine",
    ];
    if cfg!(unix) {
        refused.extend([
            "content-link",
            "content-link/notes",
            "content-link/new",
            "root-link",
            "root-link/content",
            "parent-link",
            "parent-link/site",
            "parent-link/site/static",
            "parent-link/mine",
            "git-link",
            "git-link/objects",
            "documents-link",
            "public/../documents-link/x",
            "tool-link",
            "tool-link/index",
        ]);
    }
    refused
}

#[test]
fn refused_locations_absolute_change_nothing() {
    let site = sandbox();
    let parent = site.root.parent().unwrap().to_path_buf();
    let before = everything(&parent);
    let mut accepted = Vec::new();
    for rel in refused() {
        match build(&options(&site, site.root.join(rel))) {
            Ok(_) => accepted.push(rel),
            Err(problems) => {
                let problems = problems.sorted();
                assert_eq!(problems.len(), 1, "{rel}: {problems:?}");
                let message = &problems[0].message;
                assert!(
                    message.starts_with("refusing to write the site into"),
                    "{rel}: {message}"
                );
                assert!(problems[0].hint.is_some(), "{rel}: no hint");
            }
        }
        assert_eq!(everything(&parent), before, "{rel} changed files");
    }
    assert!(accepted.is_empty(), "accepted: {accepted:?}");
}

#[test]
fn refused_locations_relative_to_the_working_folder_change_nothing() {
    let site = sandbox();
    let parent = site.root.parent().unwrap().to_path_buf();
    let before = everything(&parent);
    for rel in refused() {
        let out = support::cli::command()
            .current_dir(&site.root)
            .args(["build", "--output", rel])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{rel} was accepted");
        assert!(
            stderr.contains("refusing to write the site into"),
            "{rel}: {stderr}"
        );
        assert_eq!(everything(&parent), before, "{rel} changed files");
    }
}

#[test]
fn the_preview_refuses_the_same_places_but_keeps_its_own_folder() {
    let site = sandbox();
    let parent = site.root.parent().unwrap().to_path_buf();
    let before = everything(&parent);
    for rel in refused().into_iter().filter(|r| *r != ".calabash/serve") {
        let result = calabash::serve::prepare_output(&site.root, &site.root.join(rel));
        let message = result.expect_err(rel);
        assert!(
            message.contains("refusing to write the site into"),
            "{rel}: {message}"
        );
        assert_eq!(everything(&parent), before, "{rel} changed files");
    }
    // Its default folder, even one an earlier version filled without a mark.
    site.write(".calabash/serve/index.html", "old preview");
    let dir =
        calabash::serve::prepare_output(&site.root, &site.root.join(".calabash/serve")).unwrap();
    assert!(dir.join(MARKER).is_file());
    assert_eq!(
        std::fs::read_to_string(dir.join("index.html")).unwrap(),
        "old preview"
    );
}

#[test]
fn a_folder_of_someone_elses_files_is_left_untouched_byte_for_byte() {
    let site = sandbox();
    for name in ["public", "deploy/site", "../www"] {
        site.write(&format!("{name}/index.html"), "<p>hand-made</p>");
        site.write(&format!("{name}/photos/a.jpg"), "\u{0}\u{1}jpeg");
        let dir = site.root.join(name);
        let before = everything(site.root.parent().unwrap());
        let problems = build(&options(&site, dir.clone())).unwrap_err().sorted();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("Calabash did not write"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("delete it once")
        );
        assert_eq!(everything(site.root.parent().unwrap()), before, "{name}");
        let error = calabash::serve::prepare_output(&site.root, &dir).unwrap_err();
        assert!(error.contains("Calabash did not write"), "{error}");
        assert_eq!(everything(site.root.parent().unwrap()), before, "{name}");
    }
}

#[test]
fn builds_mark_their_folder_and_replace_only_marked_folders() {
    let site = sandbox();
    for output in ["public", "out/deeper/public", "../beside"] {
        let dir = site.root.join(output);
        for _ in 0..3 {
            build(&options(&site, dir.clone())).unwrap();
            assert!(dir.join(MARKER).is_file(), "{output}");
            assert!(dir.join("index.html").is_file(), "{output}");
        }
        let spare = dir.parent().unwrap().join(format!(
            ".{}.calabash-spare",
            dir.file_name().unwrap().to_string_lossy()
        ));
        assert!(
            spare.join(MARKER).is_file(),
            "{output}: the spare keeps the mark"
        );
        // Without its mark, the folder is no longer taken for Calabash's.
        std::fs::remove_file(dir.join(MARKER)).unwrap();
        assert!(build(&options(&site, dir.clone())).is_err(), "{output}");
    }
    // An empty folder is fine to fill.
    std::fs::create_dir_all(site.root.join("empty")).unwrap();
    build(&options(&site, site.root.join("empty"))).unwrap();
}

#[test]
fn an_older_unmarked_build_must_be_deleted_once() {
    let site = TestSite::fixture("errors/base");
    site.build_ok();
    std::fs::remove_file(site.output().join(MARKER)).unwrap();
    let problems = site.build_err();
    let hint = problems[0].hint.as_deref().unwrap();
    assert!(
        hint.contains("built by an earlier version of Calabash, delete it once"),
        "{hint}"
    );
    std::fs::remove_dir_all(site.output()).unwrap();
    site.build_ok();
    site.build_ok();
}

#[cfg(unix)]
#[test]
fn a_linked_output_folder_is_judged_where_it_leads() {
    let site = sandbox();
    // public -> ../elsewhere: a folder outside the site, fine once marked.
    std::fs::create_dir_all(site.root.join("../elsewhere")).unwrap();
    std::os::unix::fs::symlink(site.root.join("../elsewhere"), site.root.join("public")).unwrap();
    build(&options(&site, site.output())).unwrap();
    assert!(site.root.join("../elsewhere").join(MARKER).is_file());
    // public -> content: refused, content untouched.
    let site = sandbox();
    std::os::unix::fs::symlink(site.root.join("content"), site.root.join("public")).unwrap();
    let before = everything(&site.root);
    assert!(build(&options(&site, site.output())).is_err());
    assert_eq!(everything(&site.root), before);
    // A link that leads nowhere.
    let site = sandbox();
    std::os::unix::fs::symlink(site.root.join("nowhere"), site.root.join("public")).unwrap();
    assert!(build(&options(&site, site.output())).is_err());
}
