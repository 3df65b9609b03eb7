//! `calabash theme eject` and `theme show`, `--version`, and `check`'s
//! warning about copies of an older built-in theme: ejecting changes no
//! byte of the site; `--templates-only` copies no static file; existing
//! files are kept unless `--force`; the record names each copy's origin,
//! and `check` warns only when the built-in original changed since.

use std::path::Path;

use calabash::theme::builtin_theme::{FILES, content_hash};

use crate::support::cli::{calabash, calabash_on, check, stderr, stdout};
use crate::support::files::{assert_same_files, snapshot};
use crate::support::repo;
use crate::support::site::TestSite;

const RECORD: &str = "themes/hub/.calabash-theme.toml";

fn eject(root: &Path, args: &[&str]) -> std::process::Output {
    calabash_on(root, &[&["theme", "eject"], args].concat())
}

#[test]
fn ejecting_changes_no_byte_of_the_site() {
    let site = TestSite::sample_hub_with_built_in_theme();
    let before = site.build_snapshot();
    let out = eject(&site.root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    for (path, bytes) in FILES {
        let copy = format!("themes/hub/{path}");
        assert_eq!(
            &std::fs::read(site.root.join(&copy)).unwrap(),
            bytes,
            "{copy}"
        );
        assert!(printed.contains(&format!("wrote {copy}\n")), "{printed}");
    }
    assert!(printed.contains(RECORD), "{printed}");
    // The copies are exactly the repository's theme (templates and static).
    let ejected = snapshot(&site.root.join("themes/hub"));
    let repo_theme = snapshot(&repo().join("themes/hub"));
    for (path, bytes) in &repo_theme {
        if path.starts_with("templates/") || path.starts_with("static/") {
            assert_eq!(ejected.get(path), Some(bytes), "{path}");
        }
    }
    assert_same_files(&site.build_snapshot(), &before, "after eject vs built in");
}

#[test]
fn templates_only_copies_no_static_file() {
    let site = TestSite::sample_hub_with_built_in_theme();
    let out = eject(&site.root, &["--templates-only"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!site.root.join("themes/hub/static").exists());
    let templates = FILES
        .iter()
        .filter(|(p, _)| p.starts_with("templates/"))
        .count();
    let copied = snapshot(&site.root.join("themes/hub/templates")).len();
    assert_eq!(copied, templates);
    assert!(templates > 10);
    let record = site.read_source(RECORD);
    assert!(record.contains("\"templates/list.html\""), "{record}");
    assert!(!record.contains("\"static/"), "{record}");
    // The static files still come from the binary.
    let built = site.build_snapshot();
    assert_eq!(
        built["style.css"],
        calabash::theme::builtin_theme::file("static/style.css").unwrap()
    );
}

#[test]
fn existing_files_are_kept_unless_force() {
    let site = TestSite::sample_hub_with_built_in_theme();
    let own = "{# my list #}\n";
    for existing in ["templates/list.html", "static/style.css"] {
        let copy = format!("themes/hub/{existing}");
        site.write(&copy, own);
        let out = eject(&site.root, &[]);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        let message = stderr(&out);
        assert!(
            message.contains(&format!("{copy}: error: already exists")),
            "{message}"
        );
        assert!(message.contains("--force"), "{message}");
        assert_eq!(site.read_source(&copy), own, "left as it was");
        // Nothing else was written either: all or nothing.
        assert_eq!(snapshot(&site.root.join("themes")).len(), 1, "{existing}");
        std::fs::remove_file(site.root.join(&copy)).unwrap();
    }
    site.write("themes/hub/templates/list.html", own);
    let out = eject(&site.root, &["--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built_in = calabash::theme::builtin_theme::file("templates/list.html").unwrap();
    assert_eq!(
        site.read_source("themes/hub/templates/list.html")
            .as_bytes(),
        built_in
    );
}

#[test]
fn named_files_are_ejected_alone_and_unknown_names_refused() {
    let site = TestSite::sample_hub_with_built_in_theme();
    let out = eject(
        &site.root,
        &["templates/list.html", "themes/hub/static/style.css"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let copied: Vec<String> = snapshot(&site.root.join("themes/hub"))
        .into_keys()
        .collect();
    assert_eq!(
        copied,
        [
            ".calabash-theme.toml",
            "static/style.css",
            "templates/list.html"
        ]
    );
    let out = eject(&site.root, &["templates/lists.html"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("the built-in theme has no file `templates/lists.html`"),
        "{message}"
    );
    assert!(
        message.contains("did you mean `templates/list.html`?"),
        "{message}"
    );
}

/// The warnings `calabash check` gives about files under themes/.
fn theme_warnings(root: &Path) -> Vec<(String, String, String)> {
    let out = check(root, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    problems
        .iter()
        .filter(|p| p["file"].as_str().unwrap_or("").starts_with("themes/"))
        .map(|p| {
            assert_eq!(p["severity"], "warning", "{p}");
            let text = |key: &str| p[key].as_str().unwrap_or_default().to_string();
            (text("file"), text("message"), text("hint"))
        })
        .collect()
}

fn set_recorded_hash(root: &Path, path: &str, hash: &str) {
    let record = std::fs::read_to_string(root.join(RECORD)).unwrap();
    let line_start = format!("\"{path}\" = {{ hash = \"");
    let edited: Vec<String> = record
        .lines()
        .map(|line| match line.strip_prefix(&line_start) {
            Some(rest) => format!(
                "{line_start}{hash}\"{}",
                &rest[rest.find('"').unwrap() + 1..]
            ),
            None => line.to_string(),
        })
        .collect();
    assert_ne!(edited.join("\n") + "\n", record, "{path} is in the record");
    std::fs::write(root.join(RECORD), edited.join("\n") + "\n").unwrap();
}

#[test]
fn check_warns_only_about_copies_of_an_older_built_in_file() {
    let site = TestSite::sample_hub_with_built_in_theme();
    let out = eject(&site.root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(theme_warnings(&site.root), [], "right after eject");

    // Customised while the built-in file did not change: nothing to say.
    let list = "themes/hub/templates/list.html";
    site.write(list, &(site.read_source(list) + "{# ours #}\n"));
    site.write("themes/hub/static/style.css", "body { color: red }\n");
    assert_eq!(
        theme_warnings(&site.root),
        [],
        "customised, built-in unchanged"
    );

    // As if copied from an older built-in version: customised, untouched,
    // a static file, and a file the built-in theme no longer has.
    let old = "fnv1a64:0000000000000000";
    for path in ["templates/list.html", "static/style.css"] {
        set_recorded_hash(&site.root, path, old);
    }
    // Never changed since copied: the copy is the older built-in file.
    let base = "themes/hub/templates/base.html";
    let older_base = site.read_source(base) + "{# an older version #}\n";
    site.write(base, &older_base);
    let older_hash = content_hash(older_base.as_bytes());
    set_recorded_hash(&site.root, "templates/base.html", &older_hash);
    site.write("themes/hub/templates/retired.html", "{# gone #}\n");
    let record = site.read_source(RECORD)
        + &format!("\"templates/retired.html\" = {{ hash = \"{old}\", calabash = \"0.0.1\" }}\n");
    site.write(RECORD, &record);

    let warnings = theme_warnings(&site.root);
    let files: Vec<&str> = warnings.iter().map(|(f, _, _)| f.as_str()).collect();
    assert_eq!(
        files,
        [
            "themes/hub/static/style.css",
            "themes/hub/templates/base.html",
            "themes/hub/templates/list.html",
            "themes/hub/templates/retired.html"
        ]
    );
    let of = |file: &str| {
        warnings
            .iter()
            .find(|(f, _, _)| f.ends_with(file))
            .unwrap()
            .clone()
    };
    let (_, message, hint) = of("list.html");
    assert!(
        message.contains("was copied from an older built-in theme"),
        "{message}"
    );
    assert!(
        hint.contains(
            "calabash theme show templates/list.html | diff -u themes/hub/templates/list.html -"
        ),
        "{hint}"
    );
    let current =
        content_hash(calabash::theme::builtin_theme::file("templates/list.html").unwrap());
    assert!(hint.contains(&current), "{hint}");
    let (_, message, hint) = of("base.html");
    assert!(message.contains("never changed"), "{message}");
    assert!(
        hint.contains("delete themes/hub/templates/base.html"),
        "{hint}"
    );
    let (_, message, _) = of("retired.html");
    assert!(message.contains("no longer has this file"), "{message}");

    // Following the hints: the copy marked up to date, the untouched one
    // deleted, the others ejected again.
    set_recorded_hash(&site.root, "templates/list.html", &current);
    std::fs::remove_file(site.root.join("themes/hub/templates/base.html")).unwrap();
    std::fs::remove_file(site.root.join("themes/hub/templates/retired.html")).unwrap();
    let out = eject(&site.root, &["--force", "static/style.css"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(theme_warnings(&site.root), []);
}

#[test]
fn a_broken_record_is_a_warning_naming_it() {
    let site = TestSite::sample_hub_with_built_in_theme();
    site.write(RECORD, "[files]\n\"templates/list.html\" = 3\n");
    let warnings = theme_warnings(&site.root);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].0, RECORD);
    assert!(
        warnings[0].1.contains("the record is not valid"),
        "{warnings:?}"
    );
}

#[test]
fn version_prints_the_package_version() {
    let out = calabash(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        format!("calabash {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn theme_show_prints_built_in_files() {
    let out = calabash(&["theme", "show", "templates/list.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = std::fs::read(repo().join("themes/hub/templates/list.html")).unwrap();
    assert_eq!(out.stdout, file);
    let listed = stdout(&calabash(&["theme", "show"]));
    for (path, _) in FILES {
        assert!(
            listed.lines().any(|l| l == *path),
            "{path} listed: {listed}"
        );
    }
    let out = calabash(&["theme", "show", "templates/nope.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no file `templates/nope.html`"),
        "{}",
        stderr(&out)
    );
}
