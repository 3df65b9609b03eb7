//! Symbolic links in a site's sources: one leading out of the site's folder
//! (or into a hidden folder of it) is never followed, anywhere, and is
//! named in one warning; so are links that lead nowhere or back to a folder
//! they are in. Links that stay inside the site are followed.
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use calabash::core::diagnostics::Diagnostic;

use crate::support;
use crate::support::site::TestSite;

/// The base site, with a folder outside it full of things to steal.
fn linked_site() -> (TestSite, PathBuf) {
    let site = TestSite::fixture("errors/base");
    let outside = site.root.parent().unwrap().join("outside");
    let note = "+++\ntitle = \"Stolen\"\nsummary = \"From outside.\"\ndate = 2025-01-01\nstatus = \"ongoing\"\n+++\n";
    for rel in ["secret.md", "deep/a/b/c.md", "deep/d.md"] {
        let path = outside.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, note).unwrap();
    }
    std::fs::write(outside.join("secret.css"), "body{}").unwrap();
    std::fs::write(outside.join("page.html"), "STOLEN TEMPLATE").unwrap();
    (site, outside)
}

fn link(site: &TestSite, target: &Path, rel: &str) {
    let path = site.root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    symlink(target, path).unwrap();
}

fn warnings_about<'a>(warnings: &'a [Diagnostic], rel: &str) -> Vec<&'a Diagnostic> {
    warnings.iter().filter(|w| w.path == rel).collect()
}

/// Each link in `expected` is named by exactly one warning saying `why`.
#[track_caller]
fn assert_warned_once(warnings: &[Diagnostic], expected: &[(&str, &str)]) {
    for (rel, why) in expected {
        let found = warnings_about(warnings, rel);
        assert_eq!(found.len(), 1, "{rel}: {warnings:#?}");
        assert!(!found[0].is_error());
        assert!(
            found[0].message.contains(why),
            "{rel}: {}",
            found[0].message
        );
        assert!(found[0].hint.is_some());
    }
}

fn all_files(dir: &Path) -> Vec<String> {
    support::files::snapshot(dir).into_keys().collect()
}

#[test]
fn links_out_of_content_are_skipped_with_one_warning_each() {
    let (site, outside) = linked_site();
    site.write(
        "shared/inside.md",
        &site.read_source("content/notes/good-note.md"),
    );
    site.write(
        ".git/hidden.md",
        &site.read_source("content/notes/good-note.md"),
    );
    link(
        &site,
        &outside.join("secret.md"),
        "content/notes/outside.md",
    );
    link(&site, &outside.join("deep"), "content/notes/deep");
    link(&site, &outside, "content/outside-collection");
    link(&site, Path::new("/usr"), "content/notes/usr");
    link(
        &site,
        &site.root.join("content/notes"),
        "content/notes/loop",
    );
    link(
        &site,
        &site.root.join("missing.md"),
        "content/notes/dangling.md",
    );
    link(
        &site,
        &site.root.join(".git/hidden.md"),
        "content/notes/hidden.md",
    );
    link(
        &site,
        &site.root.join("shared/inside.md"),
        "content/notes/inside.md",
    );
    let report = site.build_ok();
    let warnings: Vec<Diagnostic> = report.warnings.iter().cloned().collect();
    assert_warned_once(
        &warnings,
        &[
            ("content/notes/outside.md", "outside the site's folder"),
            ("content/notes/deep", "outside the site's folder"),
            ("content/outside-collection", "outside the site's folder"),
            ("content/notes/usr", "outside the site's folder"),
            ("content/notes/loop", "leads back to a folder it is in"),
            ("content/notes/dangling.md", "leads to nothing"),
            ("content/notes/hidden.md", "hidden folder .git"),
        ],
    );
    let files = all_files(&site.output());
    assert!(
        files
            .iter()
            .all(|f| !f.contains("outside") && !f.contains("usr/")),
        "{files:#?}"
    );
    assert!(!site.exists("notes/c/index.html") && !site.exists("notes/secret/index.html"));
    // Inside the site, a link is followed.
    assert!(site.exists("notes/inside/index.html"));
}

#[test]
fn a_content_folder_that_is_a_link_out_is_not_read() {
    let (site, outside) = linked_site();
    std::fs::rename(site.root.join("content"), outside.join("content")).unwrap();
    link(&site, &outside.join("content"), "content");
    let problems = site.build_err();
    let warnings: Vec<Diagnostic> = problems.iter().filter(|d| !d.is_error()).cloned().collect();
    assert_warned_once(&warnings, &[("content", "outside the site's folder")]);
    // Nor is the vocabulary inside it.
    let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{problems:#?}");
    assert_eq!(errors[0].path, "content/_taxonomies/topics.toml");
}

#[test]
fn links_out_of_static_folders_are_not_copied() {
    let (site, outside) = linked_site();
    site.build_ok();
    site.write("assets/logo.svg", "<svg/>");
    link(&site, &outside.join("secret.css"), "static/secret.css");
    link(&site, &outside.join("deep"), "static/deep");
    link(&site, &site.root.join("static"), "static/loop");
    link(&site, &site.root.join("gone.css"), "static/dangling.css");
    link(&site, &site.root.join("assets/logo.svg"), "static/logo.svg");
    link(&site, &site.root.join("assets"), "static/assets");
    link(&site, &site.root.join("public"), "static/previous-build");
    link(
        &site,
        &outside.join("secret.css"),
        "themes/test/static/theme-secret.css",
    );
    let report = site.build_ok();
    let warnings: Vec<Diagnostic> = report.warnings.iter().cloned().collect();
    assert_warned_once(
        &warnings,
        &[
            ("static/secret.css", "outside the site's folder"),
            ("static/deep", "outside the site's folder"),
            ("static/loop", "leads back to a folder it is in"),
            ("static/dangling.css", "leads to nothing"),
            ("static/previous-build", "output folder"),
            (
                "themes/test/static/theme-secret.css",
                "outside the site's folder",
            ),
        ],
    );
    let files = all_files(&site.output());
    for gone in [
        "secret.css",
        "deep/d.md",
        "dangling.css",
        "theme-secret.css",
    ] {
        assert!(!files.contains(&gone.to_string()), "{gone}: {files:#?}");
    }
    assert!(
        files
            .iter()
            .all(|f| !f.starts_with("loop/") && !f.starts_with("previous-build/"))
    );
    // Inside the site: copied as plain files.
    assert_eq!(site.page("logo.svg"), "<svg/>");
    assert_eq!(site.page("assets/logo.svg"), "<svg/>");
    let written = site.output().join("logo.svg");
    assert!(
        !std::fs::symlink_metadata(written)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A second build says the same, and still copies nothing from outside.
    let again = site.build_ok();
    assert_eq!(
        again.warnings.iter().count(),
        report.warnings.iter().count()
    );
}

#[test]
fn linked_templates_and_themes_out_of_the_site_are_not_read() {
    let (site, outside) = linked_site();
    link(&site, &outside.join("page.html"), "templates/page.html");
    link(
        &site,
        &outside.join("page.html"),
        "themes/test/templates/extra.html",
    );
    let report = site.build_ok();
    let warnings: Vec<Diagnostic> = report.warnings.iter().cloned().collect();
    assert_warned_once(
        &warnings,
        &[
            ("templates/page.html", "outside the site's folder"),
            (
                "themes/test/templates/extra.html",
                "outside the site's folder",
            ),
        ],
    );
    assert!(!site.page("about/index.html").contains("STOLEN"));

    // A whole theme linked from outside: not read, and said once.
    let (site, outside) = linked_site();
    std::fs::rename(site.root.join("themes/test"), outside.join("theme")).unwrap();
    link(&site, &outside.join("theme"), "themes/test");
    let problems = site.build_err();
    let warned: Vec<&Diagnostic> = problems
        .iter()
        .filter(|d| d.path == "themes/test")
        .collect();
    assert!(warned.len() <= 1, "{problems:#?}");
    assert!(problems.iter().any(|d| d.is_error()));
}

#[test]
fn vocabularies_and_site_toml_linked_from_outside_are_errors() {
    let (site, outside) = linked_site();
    std::fs::rename(
        site.root.join("content/_taxonomies/topics.toml"),
        outside.join("topics.toml"),
    )
    .unwrap();
    link(
        &site,
        &outside.join("topics.toml"),
        "content/_taxonomies/topics.toml",
    );
    let problems = site.build_err();
    let named: Vec<&Diagnostic> = problems
        .iter()
        .filter(|d| d.path == "content/_taxonomies/topics.toml")
        .collect();
    assert_eq!(named.len(), 1, "{problems:#?}");
    assert!(
        named[0].message.contains("symbolic link"),
        "{}",
        named[0].message
    );

    let (site, outside) = linked_site();
    std::fs::rename(site.root.join("site.toml"), outside.join("site.toml")).unwrap();
    link(&site, &outside.join("site.toml"), "site.toml");
    let problems = site.build_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].path, "site.toml");
    assert!(problems[0].message.contains("outside the site's folder"));
    assert!(!site.output().exists());

    // Inside the site, they are read.
    let (site, _) = linked_site();
    std::fs::rename(site.root.join("site.toml"), site.root.join("config.toml")).unwrap();
    link(&site, &site.root.join("config.toml"), "site.toml");
    site.build_ok();
}

#[test]
fn a_tool_folder_linked_out_of_the_site_is_refused() {
    let (site, outside) = linked_site();
    std::fs::create_dir_all(outside.join("tool")).unwrap();
    link(&site, &outside.join("tool"), ".calabash");
    let problems = site.build_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].path, ".calabash");
    assert!(problems[0].message.contains("outside the site's folder"));
    assert!(
        calabash::serve::prepare_output(&site.root, &site.root.join(".calabash/serve")).is_err()
    );
    assert_eq!(std::fs::read_dir(outside.join("tool")).unwrap().count(), 0);
    // Inside the site, it may be a link.
    std::fs::remove_file(site.root.join(".calabash")).unwrap();
    std::fs::create_dir_all(site.root.join("cache")).unwrap();
    link(&site, &site.root.join("cache"), ".calabash");
    site.build_ok();
    assert!(site.root.join("cache/index").is_dir());
    // Where it leads is as protected as the folder itself.
    for output in [".calabash/index", "cache", "cache/index"] {
        let mut options = site.options(false, None);
        options.output = site.root.join(output);
        let problems = calabash::build::build(&options).unwrap_err().sorted();
        assert!(
            problems[0].message.starts_with("refusing to write"),
            "{output}"
        );
    }
    let preview = site.root.join(".calabash/serve");
    assert!(calabash::serve::prepare_output(&site.root, &preview).is_ok());
}
