//! `calabash new`: for every collection of the sample hub, the new entry's
//! file is named after its title, every field left for the contributor is
//! reported by `calabash check` (once, at its line), and once those are filled in
//! with values the schema allows, the site builds; every optional field,
//! uncommented as it is written, passes too. Also: transliterated slugs, names
//! already taken refused (with --slug to choose another), no overwriting, and
//! unknown collections.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calabash::config::{self, CollectionConfig};
use calabash::schema::{FieldDef, FieldType};
use calabash::taxonomy::{self, Taxonomies};
use common::copy_tree;

const TODAY: &str = "2026-11-23";

/// A copy of the repository's sample hub in a temporary folder.
struct Hub {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

fn sample_hub() -> Hub {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path().join("hub");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(repo.join("site.toml"), root.join("site.toml")).unwrap();
    copy_tree(&repo.join("content"), &root.join("content"));
    copy_tree(&repo.join("themes"), &root.join("themes"));
    Hub { _tmp: tmp, root }
}

fn calabash(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_calabash"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("CALABASH_TODAY", TODAY)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

impl Hub {
    fn root_arg(&self) -> &str {
        self.root.to_str().expect("UTF-8 temporary path")
    }

    fn new_entry(&self, collection: &str, title: &str) -> Output {
        let out = calabash(&["new", collection, title, "--root", self.root_arg()]);
        assert_ne!(out.status.code(), Some(101), "{}", stderr(&out));
        out
    }

    /// `new`, expecting success; returns the path it printed.
    fn created(&self, collection: &str, title: &str) -> PathBuf {
        let out = self.new_entry(collection, title);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        let mut lines = text.lines();
        let path = PathBuf::from(lines.next().expect("the path"));
        assert!(
            lines.next().unwrap_or_default().contains("calabash check"),
            "{text}"
        );
        path
    }

    /// `calabash check`: whether it passed, and the headlines of the errors
    /// and of the warnings it reported.
    fn check(&self) -> (bool, Vec<String>, Vec<String>) {
        let out = calabash(&["check", "--root", self.root_arg(), "--format", "json"]);
        assert_ne!(out.status.code(), Some(101), "{}", stderr(&out));
        let problems: Vec<serde_json::Value> =
            serde_json::from_slice(&out.stdout).expect("JSON on standard output");
        let (mut errors, mut warnings) = (Vec::new(), Vec::new());
        for p in &problems {
            let located = format!(
                "{}:{}:{}: {}: {}",
                p["file"].as_str().unwrap(),
                p["line"],
                p["column"],
                p["severity"].as_str().unwrap(),
                p["message"].as_str().unwrap()
            );
            if p["severity"] == "error" {
                // Each says what to write there.
                let hint = p["hint"].as_str().unwrap_or_default();
                assert!(hint.contains("write") && hint.contains(" like "), "{p}");
                errors.push(located);
            } else {
                warnings.push(located);
            }
        }
        errors.sort();
        warnings.sort();
        (out.status.success(), errors, warnings)
    }

    fn build(&self) {
        let output = self.root.join("public");
        let out = calabash(&[
            "build",
            "--root",
            self.root_arg(),
            "--output",
            output.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

/// A value left for the contributor: `name = ""` or `name = []`.
#[derive(Debug)]
struct Placeholder {
    /// 1-based line and column of the value.
    line: usize,
    column: usize,
    name: String,
    /// The `[table]` it is in, if any.
    table: Option<String>,
}

/// The placeholders of a new entry's front matter, in order.
fn placeholders(text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut table = None;
    for (i, line) in text.lines().enumerate().skip(1) {
        if line == "+++" {
            break;
        }
        if line.starts_with('[') {
            table = Some(line.trim_matches(['[', ']']).to_string());
            continue;
        }
        let Some((name, value)) = line.split_once(" = ") else {
            continue;
        };
        if !line.starts_with('#') && (value == "\"\"" || value == "[]") {
            found.push(Placeholder {
                line: i + 1,
                column: name.len() + 4,
                name: name.to_string(),
                table: table.clone(),
            });
        }
    }
    found
}

/// A value the field's declaration allows, as TOML.
fn valid_value(def: &FieldDef, taxonomies: &Taxonomies, root: &Path) -> String {
    let one = match def.kind {
        FieldType::String | FieldType::Text => "\"Filled in\"".to_string(),
        FieldType::Int => "2020".into(),
        FieldType::Float => "1.5".into(),
        FieldType::Bool => "true".into(),
        FieldType::Date => "2025-03-14".into(),
        FieldType::Datetime => "2025-06-12T14:00:00-05:00".into(),
        FieldType::Url => "\"https://example.org/resource\"".into(),
        FieldType::Email => "\"name@example.org\"".into(),
        FieldType::File => "\"/documents/filled-in.pdf\"".into(),
        FieldType::Enum => format!("\"{}\"", def.values[0]),
        FieldType::Term => {
            let taxonomy = taxonomies.get(def.taxonomy.as_deref().unwrap()).unwrap();
            format!("\"{}\"", taxonomy.terms[0].id)
        }
        FieldType::Ref => {
            let target = &def.collection.as_ref().unwrap().names()[0];
            let slug = existing_slug(&root.join("content").join(target));
            format!("\"{target}/{slug}\"")
        }
        FieldType::Object => panic!("objects are written as tables, not placeholders"),
    };
    if def.list { format!("[{one}]") } else { one }
}

fn existing_slug(folder: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".md").map(str::to_string))
        .collect();
    names.sort();
    names.into_iter().next().expect("an entry to refer to")
}

fn def_of<'a>(collection: &'a CollectionConfig, p: &Placeholder) -> &'a FieldDef {
    let fields = match &p.table {
        Some(table) => &collection.fields[table.as_str()].fields,
        None => &collection.fields,
    };
    fields
        .get(&p.name)
        .unwrap_or_else(|| panic!("{} has no field {p:?}", collection.name))
}

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
fn a_name_the_collection_has_is_refused_with_a_way_to_choose_another() {
    let hub = sample_hub();
    let first = hub.created("events", "Regional meeting");
    assert!(first.ends_with("content/events/regional-meeting.md"));
    let kept = std::fs::read_to_string(&first).unwrap();
    let out = hub.new_entry("events", "Regional meeting");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/events/regional-meeting.md: error: the collection `events` already has an entry named `regional-meeting`"),
        "{err}"
    );
    assert!(
        err.contains("calabash new events \"Regional meeting\" --slug regional-meeting-2"),
        "{err}"
    );
    assert!(
        !hub.root
            .join("content/events/regional-meeting-2.md")
            .exists()
    );
    assert_eq!(std::fs::read_to_string(&first).unwrap(), kept);

    // --slug names the file.
    let out = calabash(&[
        "new",
        "events",
        "Regional meeting",
        "--slug",
        "regional-meeting-2",
        "--root",
        hub.root_arg(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = hub.root.join("content/events/regional-meeting-2.md");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("title = \"Regional meeting\"")
    );

    // A slug must be safe, and free ignoring case and subfolders.
    for (slug, says) in [
        ("Regional Meeting", "cannot be a file name"),
        ("../escape", "cannot be a file name"),
        ("regional-meeting", "already has an entry"),
    ] {
        let out = calabash(&[
            "new",
            "events",
            "X",
            "--slug",
            slug,
            "--root",
            hub.root_arg(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{slug}");
        assert!(stderr(&out).contains(says), "{slug}: {}", stderr(&out));
    }
    let archived = hub.root.join("content/library/2024/annual-report.md");
    std::fs::create_dir_all(archived.parent().unwrap()).unwrap();
    std::fs::write(&archived, "kept").unwrap();
    for title in ["Annual report", "ANNUAL REPORT"] {
        let out = hub.new_entry("library", title);
        assert_eq!(out.status.code(), Some(1), "{title}");
        assert!(
            stderr(&out).contains("--slug annual-report-2"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read_to_string(&archived).unwrap(), "kept");
    // A free page may not take the address of a collection.
    let out = hub.new_entry("pages", "Library");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("address of a collection"),
        "{}",
        stderr(&out)
    );
}

/// The front matter with every commented-out field (and table) uncommented.
fn uncommented(text: &str) -> (String, usize) {
    let mut count = 0;
    let mut in_front_matter = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if line == "+++" {
                in_front_matter = !in_front_matter;
            }
            let Some(rest) = line.strip_prefix("# ").filter(|_| in_front_matter) else {
                return line.to_string();
            };
            let is_table = rest.starts_with('[') && rest.ends_with(']');
            let is_field = rest.split_once(" = ").is_some_and(|(key, _)| {
                key.starts_with('"')
                    || key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            });
            if is_table || is_field {
                count += 1;
                rest.to_string()
            } else {
                line.to_string()
            }
        })
        .collect();
    (lines.join("\n") + "\n", count)
}

#[test]
fn every_optional_field_passes_check_once_uncommented() {
    let hub = sample_hub();
    let config = config::load(&hub.root, None).unwrap();
    let taxonomies = taxonomy::load(&hub.root, &config, &mut Vec::new());
    let mut uncommented_fields = 0;
    for collection in &config.collections {
        let path = hub.created(&collection.name, "Every field in use");
        let text = std::fs::read_to_string(&path).unwrap();
        // The fields to fill in are filled in, as a contributor would.
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for p in placeholders(&text) {
            let value = valid_value(def_of(collection, &p), &taxonomies, &hub.root);
            lines[p.line - 1] = format!("{} = {value}", p.name);
        }
        let (text, count) = uncommented(&(lines.join("\n") + "\n"));
        assert!(count > 0, "{}: nothing to uncomment", collection.name);
        uncommented_fields += count;
        std::fs::write(&path, text).unwrap();
    }
    // The sample hub has optional fields of every type.
    assert!(uncommented_fields > 60, "{uncommented_fields}");
    let (ok, errors, warnings) = hub.check();
    assert!(ok, "{errors:#?}");
    assert!(
        errors.is_empty() && warnings.is_empty(),
        "{errors:#?} {warnings:#?}"
    );
    hub.build();
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.md");
    std::fs::write(&path, "already here").unwrap();
    let err = calabash::scaffold::write_new(&path, "new text").unwrap_err();
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
