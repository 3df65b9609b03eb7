//! The name and the optional fields of a new entry: a name the collection
//! already has is refused, with `--slug` to choose another; every optional
//! field, uncommented as `calabash new` writes it, passes `calabash check`.

use calabash::config;
use calabash::load::taxonomy;

use crate::support::cli::stderr;
use crate::support::hub::{calabash, def_of, placeholders, sample_hub, valid_value};

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
