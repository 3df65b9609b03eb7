//! `calabash new`: for every collection of the sample hub, the new entry's
//! file is named after its title, every field left for the contributor is
//! reported by `calabash check` (once, at its line), and once those are filled in
//! with values the schema allows, the site builds; every optional field,
//! uncommented as it is written, passes too (tests/new_entry_names.rs). Also:
//! transliterated slugs, no overwriting, and unknown collections.

use calabash::config::{self, CollectionConfig};
use calabash::load::taxonomy;

use crate::support::cli::{stderr, stdout};
use crate::support::hub::{
    Placeholder, TODAY, calabash, def_of, placeholders, sample_hub, valid_value,
};

#[test]
fn every_collection_gets_an_entry_whose_blanks_are_reported_then_accepted() {
    let hub = sample_hub();
    let config = config::load(&hub.root, None).unwrap();
    let taxonomies = taxonomy::load(&hub.root, &config, &mut Vec::new());
    let slug = "education-inclusive-a-sainte-lucie";
    let mut expected = Vec::new();
    let mut expected_warnings = Vec::new();
    let mut written = Vec::new();
    for collection in &config.collections {
        let path = hub.created(&collection.name, "Éducation inclusive à Sainte-Lucie");
        let rel = format!("content/{}/{slug}.md", collection.name);
        assert_eq!(path, hub.root.join(&rel));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("+++\n"), "{text}");
        assert!(
            text.contains("\ntitle = \"Éducation inclusive à Sainte-Lucie\"\n"),
            "{text}"
        );
        assert!(text.contains(&format!("\ndate = {TODAY}\n")), "{text}");
        for section in &collection.outline {
            assert!(
                text.contains(&format!("\n## {}\n", section.heading)),
                "{text}"
            );
        }
        let blanks = placeholders(&text);
        assert!(
            blanks.iter().any(|p| p.name == "summary"),
            "{}: {text}",
            collection.name
        );
        for p in &blanks {
            if p.table.is_none() && collection.recommended.contains(&p.name) {
                // Left empty, a recommended field only draws a warning, at it.
                expected_warnings.push(format!(
                    "{rel}:{}:1: warning: recommended field `{}` is empty",
                    p.line, p.name
                ));
            } else {
                expected.push(format!(
                    "{rel}:{}:{}: error: field `{}` is not filled in",
                    p.line, p.column, p.name
                ));
            }
        }
        written.push((collection, path, text, blanks));
    }
    expected.sort();
    expected_warnings.sort();
    assert!(!expected_warnings.is_empty());
    let (ok, errors, _) = hub.check();
    assert!(!ok);
    assert_eq!(errors, expected);

    // Required fields first: the check passes, warning about the rest.
    let is_recommended = |collection: &CollectionConfig, p: &Placeholder| {
        p.table.is_none() && collection.recommended.contains(&p.name)
    };
    let fill = |recommended_too: bool| {
        for (collection, path, text, blanks) in &written {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            for p in blanks {
                if recommended_too || !is_recommended(collection, p) {
                    let value = valid_value(def_of(collection, p), &taxonomies, &hub.root);
                    lines[p.line - 1] = format!("{} = {value}", p.name);
                }
            }
            std::fs::write(path, lines.join("\n") + "\n").unwrap();
        }
    };
    fill(false);
    let (ok, errors, warnings) = hub.check();
    assert!(ok, "{errors:#?}");
    assert_eq!(warnings, expected_warnings);

    fill(true);
    let (ok, errors, warnings) = hub.check();
    assert!(ok, "{errors:#?}");
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(warnings.is_empty(), "{warnings:#?}");
    hub.build();

    // The hints under the headings are not published.
    let case_study = hub.root.join(format!("public/practice/{slug}/index.html"));
    let html = std::fs::read_to_string(case_study).unwrap();
    assert!(html.contains("Lessons"), "{html}");
    assert!(
        !html.to_lowercase().contains("copy, adapt or avoid"),
        "{html}"
    );
}

#[test]
fn titles_in_any_script_become_ascii_file_names() {
    let hub = sample_hub();
    let path = hub.created("discussions", "Образование для всех");
    assert_eq!(
        path,
        hub.root
            .join("content/discussions/obrazovanie-dlia-vsekh.md")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("title = \"Образование для всех\""), "{text}");

    let path = hub.created("library", "Guía: \"lectura\" en aulas bilingües");
    assert_eq!(
        path,
        hub.root
            .join("content/library/guia-lectura-en-aulas-bilingues.md")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("title = \"Guía: \\\"lectura\\\" en aulas bilingües\""),
        "{text}"
    );
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.md");
    std::fs::write(&path, "already here").unwrap();
    let err = calabash::new::write_new(&path, "new text").unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "already here");
}

#[test]
fn an_unknown_collection_is_refused_with_a_suggestion() {
    let hub = sample_hub();
    let out = hub.new_entry("libary", "A report");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("error: there is no collection `libary` in site.toml"),
        "{err}"
    );
    assert!(err.contains("did you mean `library`?"), "{err}");
    assert!(
        err.contains("replies, discussions, case-studies, library, experts, events, pages"),
        "{err}"
    );
    assert!(!hub.root.join("content/libary").exists());
}

#[test]
fn a_title_without_letters_is_refused() {
    let hub = sample_hub();
    for title in ["", "   ", "?!"] {
        let out = hub.new_entry("library", title);
        assert!(!out.status.success(), "{title:?}");
        assert!(
            stderr(&out).contains("error: the title"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn new_help_describes_its_arguments() {
    let out = calabash(&["new", "--help"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for part in [
        "<COLLECTION>",
        "<TITLE>",
        "--root <DIR>",
        "--slug <SLUG>",
        "never overwritten",
    ] {
        assert!(text.contains(part), "{part} missing from:\n{text}");
    }
}
