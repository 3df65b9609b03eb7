//! Odd but legal characters (emoji, right-to-left scripts, combining marks,
//! zero-width joiners, CJK, line and paragraph separators, markup and
//! iCalendar specials, tabs, CRLF, long lines) go through a build untouched,
//! and every feed, sitemap and calendar file it writes stays well-formed:
//! each XML file parses, each `.ics` follows RFC 5545's line rules (folded
//! at 75 octets, never inside a UTF-8 character) and parses with ical.js.

use std::path::{Path, PathBuf};

use crate::support;
use crate::support::calendar::{event, line_problems, parse_with_ical_js};
use crate::support::report::Report;
use crate::support::site::toml_string;

/// Odd but legal text: emoji (with a zero-width joiner sequence and skin
/// tone), right-to-left scripts, combining marks, zero-width (non-)joiners,
/// CJK, line and paragraph separators, markup and CDATA ends, iCalendar's
/// specials, a tab, a no-break space, a soft hyphen, U+FFFD and a private
/// use character of plane 16.
const ODD: &str = "😀 👩🏽‍🏫 עברית والعربية e\u{301} a\u{200d}b\u{200c}c 中文教育 \
    x\u{2028}y\u{2029}z &amp; <b>&<>\"'</b> ]]> <![CDATA[ \\;,: tab\there \u{a0}nbsp soft\u{ad}hyphen \u{fffd} \u{10fffd}";

/// The sample hub with odd text in its settings, a vocabulary, and new
/// events and library entries (one title long enough to fold several
/// times, with characters of 2, 3 and 4 bytes at every offset).
fn odd_hub(root: &Path) -> Vec<(String, String, String)> {
    let repo = support::repo();
    support::files::copy_sample_hub(root);
    let write = |rel: &str, text: &str| std::fs::write(root.join(rel), text).unwrap();
    let config = std::fs::read_to_string(repo.join("site.toml")).unwrap();
    let config = config
        .replacen(
            "title = \"Caribbean Education Knowledge Hub\"",
            &format!("title = {}", toml_string(ODD)),
            1,
        )
        .replacen(
            "title = \"Events\"",
            &format!("title = {}", toml_string(&format!("Events {ODD}"))),
            1,
        );
    write("site.toml", &config);
    let topics = std::fs::read_to_string(root.join("content/_taxonomies/topics.toml")).unwrap();
    write(
        "content/_taxonomies/topics.toml",
        &format!(
            "{topics}\n[[terms]]\nid = \"odd\"\nlabel = {}\n",
            toml_string(ODD)
        ),
    );
    let long: String = ["é", "😀", "中", "a", "\u{301}", "ع"]
        .iter()
        .cycle()
        .take(200)
        .copied()
        .collect();
    let mut events = Vec::new();
    for (slug, title, summary) in [
        (
            "odd-event",
            ODD.to_string(),
            format!("First line\r\nsecond line {ODD}"),
        ),
        ("long-event", long.clone(), format!("{long}{long}")),
    ] {
        write(
            &format!("content/events/{slug}.md"),
            &format!(
                "+++\ntitle = {}\nsummary = {}\ndate = 2025-03-14\ntopics = [\"odd\"]\n\
                 event_type = \"webinar\"\nstart = 2031-06-12T14:00:00-05:00\nattendance = \"in-person\"\n\
                 location = {{ venue = {}, city = {} }}\n+++\n\n{ODD}\n",
                toml_string(&title),
                toml_string(&summary),
                toml_string(ODD),
                toml_string(&long),
            ),
        );
        events.push((slug.to_string(), title, summary));
    }
    write(
        "content/library/odd-resource.md",
        &format!(
            "+++\ntitle = {}\nsummary = {}\ndate = 2025-03-15\nresource_type = \"toolkit\"\n\
             url = \"https://example.org/odd\"\ncreators = [{}]\n+++\n\n{ODD}\n",
            toml_string(ODD),
            toml_string(&format!("{ODD}\r\n{long}")),
            toml_string(ODD),
        ),
    );
    events
}

#[test]
fn odd_but_legal_characters_make_well_formed_feeds_sitemaps_and_calendars() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("hub");
    let events = odd_hub(&root);
    let out: PathBuf = tmp.path().join("out");
    support::cli::build(&root, &out, None);

    let xml_files = support::files::files_ending(&out, ".xml");
    assert!(xml_files.len() >= 3, "feeds and sitemap: {xml_files:?}");
    let mut titles = Vec::new();
    for file in &xml_files {
        let text = std::fs::read_to_string(file).unwrap();
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{} is not well-formed XML: {e}", file.display()));
        titles.extend(
            doc.descendants()
                .filter(|n| n.has_tag_name("title") || n.has_tag_name("summary"))
                .filter_map(|n| n.text().map(str::to_string)),
        );
    }
    // XML readers see a line break as LF.
    let lf = |s: &str| s.replace("\r\n", "\n");
    for expected in [
        ODD.to_string(),
        format!("Events {ODD} — {ODD}"),
        lf(&events[0].2),
        events[1].1.clone(),
    ] {
        assert!(
            titles.contains(&expected),
            "no feed title or summary {expected:?}"
        );
    }

    let ics_files = support::files::files_ending(&out, ".ics");
    let problems: Vec<String> = ics_files.iter().flat_map(|f| line_problems(f)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let parsed = parse_with_ical_js(&ics_files);
    for (slug, title, _) in &events {
        let file = out.join(format!("events/{slug}/event.ics"));
        let found = event(&parsed[&file], &file);
        assert_eq!(found.len(), 1, "{slug}");
        assert_eq!(
            found[0].key("summary").as_str(),
            Some(title.as_str()),
            "{slug}"
        );
        let location = found[0].key("location").as_str().unwrap_or_default();
        assert!(location.starts_with(ODD), "{slug}: {location:?}");
    }
    for file in &ics_files {
        let result = &parsed[file];
        assert!(
            result.get("error").is_none(),
            "{}: {}",
            file.display(),
            result["error"]
        );
    }
}
