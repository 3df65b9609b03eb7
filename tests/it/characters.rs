//! Characters that have no place in text (control characters, Unicode
//! noncharacters, a byte-order mark in mid-text) are rejected wherever they
//! are written, raw or as escapes, with the file, line and column: in every
//! kind of front-matter value and key, in site.toml and in vocabularies.
//! (`legal_characters.rs` shows that odd but legal text goes through.)

use crate::support::site::{EXPERT, TOPICS, TestSite, config_with_fields, headlines};

/// Several code points of each forbidden class.
const FORBIDDEN: &[char] = &[
    '\u{0}',
    '\u{1}',
    '\u{8}',
    '\u{b}',
    '\u{c}',
    '\u{1b}',
    '\u{1f}', // C0
    '\u{7f}', // DEL
    '\u{80}',
    '\u{85}',
    '\u{9b}',
    '\u{9f}', // C1
    '\u{fdd0}',
    '\u{fdef}',
    '\u{fffe}',
    '\u{ffff}',
    '\u{1fffe}',
    '\u{10ffff}', // noncharacters
    '\u{feff}',   // a byte-order mark in mid-text
];

/// Where a marker is in a text: 1-based line and column in characters.
fn position(text: &str, marker: &str) -> (usize, usize) {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {text}"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..at].matches('\n').count() + 1,
        text[line_start..at].chars().count() + 1,
    )
}

/// `c` as TOML writes it inside a basic string: itself, or an escape where
/// TOML does not allow it raw (C0 controls and DEL).
fn written(c: char, escaped: bool) -> String {
    if escaped || c.is_ascii_control() {
        format!("\\U{:08X}", u32::from(c))
    } else {
        c.to_string()
    }
}

const THING_FIELDS: &str = "place = { type = \"object\", fields = { city = { type = \"string\" } } }\n\
    names = { type = \"string\", list = true }\nnotes = { type = \"text\" }";

/// Front matter with `§1`..`§6` where the character goes: the title, the
/// summary, a nested object's value, a list's second item, a text field
/// and a key.
const TEMPLATE: &str = "+++\ntitle = \"Title §1 end\"\nsummary = \"\"\"\nA summary\nover §2 lines\"\"\"\n\
    date = 2025-03-14\nplace = { city = \"Kingston§3\" }\nnames = [\"first\", \"§4second\"]\n\
    notes = \"Some notes §5\"\n\"key§6\" = \"x\"\n+++\n\nBody.\n";

#[test]
fn forbidden_characters_in_front_matter_are_rejected_where_they_are() {
    let site = TestSite::from_files(&[
        ("site.toml", &config_with_fields(THING_FIELDS)),
        ("content/_taxonomies/topics.toml", TOPICS),
        ("content/experts/marcia-campbell.md", EXPERT),
    ]);
    let mut expected = Vec::new();
    for &c in FORBIDDEN {
        for escaped in [false, true] {
            let path = format!("content/things/u{:04x}-{escaped}.md", u32::from(c));
            let mut text = TEMPLATE.to_string();
            for n in 1..=6 {
                let marker = format!("§{n}");
                expected.push((path.clone(), position(&text, &marker), c));
                text = text.replace(&marker, &written(c, escaped));
            }
            site.write(&path, &text);
        }
    }
    let problems = site.load().expect_err("forbidden characters are errors");
    let mut missing = Vec::new();
    for (path, (line, column), c) in &expected {
        let code = format!("U+{:04X}", u32::from(*c));
        let found = problems.iter().any(|d| {
            &d.path == path
                && (d.line, d.column) == (*line, *column)
                && d.message.contains(&code)
                && d.is_error()
                && d.hint.as_deref().is_some_and(|h| !h.is_empty())
        });
        if !found {
            missing.push(format!("{path}:{line}:{column}: {code}"));
        }
    }
    assert!(
        missing.is_empty(),
        "not reported:\n{}\n\nreported:\n{}",
        missing.join("\n"),
        headlines(&problems).join("\n")
    );
    // The bad characters themselves never reach the printed report.
    for d in &problems {
        for color in [false, true] {
            let printed = d.render(color).replace("\u{1b}[", "");
            assert!(
                !printed.chars().any(|c| FORBIDDEN.contains(&c)),
                "{printed:?}"
            );
        }
    }
}

#[test]
fn forbidden_characters_in_site_settings_and_vocabularies_are_rejected() {
    let config = config_with_fields(
        "kind = { type = \"enum\", values = [\"a§3\", \"b\"], description = \"§4\" }",
    )
    .replace(
        "title = \"Fields\"",
        "title = \"Hub §1\"\ndescription = \"A hub §2\"",
    )
    .replace("title = \"Experts\"", "title = \"Experts §5\"");
    let topics = format!(
        "{TOPICS}\n[[terms]]\nid = \"odd§6\"\nlabel = \"Odd §7\"\ndescription = \"About §8\"\n"
    );
    for &c in FORBIDDEN {
        for escaped in [false, true] {
            let mut config = config.clone();
            let mut topics = topics.clone();
            let mut expected = Vec::new();
            for n in 1..=5 {
                let marker = format!("§{n}");
                expected.push(("site.toml", position(&config, &marker)));
                config = config.replace(&marker, &written(c, escaped));
            }
            for n in 6..=8 {
                let marker = format!("§{n}");
                expected.push((
                    "content/_taxonomies/topics.toml",
                    position(&topics, &marker),
                ));
                topics = topics.replace(&marker, &written(c, escaped));
            }
            let site = TestSite::from_files(&[
                ("site.toml", &config),
                ("content/_taxonomies/topics.toml", &topics),
                ("content/experts/marcia-campbell.md", EXPERT),
            ]);
            let problems = site.load().expect_err("forbidden characters are errors");
            let code = format!("U+{:04X}", u32::from(c));
            // site.toml's problems stop the load before the vocabularies are read.
            let config_only = problems.iter().all(|d| d.path == "site.toml");
            for (path, (line, column)) in &expected {
                if config_only && path.ends_with("topics.toml") {
                    continue;
                }
                assert!(
                    problems.iter().any(|d| d.path == *path
                        && (d.line, d.column) == (*line, *column)
                        && d.message.contains(&code)),
                    "{code} (escaped: {escaped}) not reported at {path}:{line}:{column}:\n{}",
                    headlines(&problems).join("\n")
                );
            }
        }
    }
}

#[test]
fn vocabulary_problems_are_reported_with_a_valid_site_toml() {
    for &c in FORBIDDEN {
        let topics = format!("{TOPICS}\n[[terms]]\nid = \"odd\"\nlabel = \"Odd §\"\n");
        let (line, column) = position(&topics, "§");
        let topics = topics.replace('§', &written(c, true));
        let site = TestSite::from_files(&[
            ("site.toml", &config_with_fields("")),
            ("content/_taxonomies/topics.toml", &topics),
            ("content/experts/marcia-campbell.md", EXPERT),
        ]);
        let problems = site.load().expect_err("forbidden characters are errors");
        let code = format!("U+{:04X}", u32::from(c));
        assert!(
            problems
                .iter()
                .any(|d| d.path == "content/_taxonomies/topics.toml"
                    && (d.line, d.column) == (line, column)
                    && d.message.contains(&code)),
            "{}",
            headlines(&problems).join("\n")
        );
    }
}
