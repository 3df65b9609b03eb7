//! Calendar files (docs/templates.md, "Calendars"): the sample hub writes
//! `/events/<slug>/event.ics` per event and `/events/calendar.ics` for them
//! all. Each parses with a real iCalendar parser (npm `ical.js`, run by
//! tests/tools/ics-check.mjs), gives each event's start and end as the
//! instants of the entry's `start` and `end`, and follows RFC 5545's line
//! rules: CRLF line endings, no line longer than 75 octets.

use std::collections::BTreeSet;

use crate::support;
use crate::support::calendar::{event, instant, line_problems, parse_with_ical_js};
use crate::support::report::Report;

#[test]
fn event_files_and_the_calendar_feed_parse_and_match_the_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let site = support::cli::build_sample_hub(tmp.path());
    let entries = support::files::entries("events");
    assert!(entries.len() >= 5, "the sample hub has events");

    let feed = site.join("events/calendar.ics");
    let mut files = vec![feed.clone()];
    for (slug, _) in &entries {
        files.push(site.join("events").join(slug).join("event.ics"));
    }
    let missing: Vec<_> = files.iter().filter(|f| !f.is_file()).collect();
    assert!(missing.is_empty(), "calendar files missing: {missing:#?}");
    // Besides: each other language's calendar, and each translated
    // event's file in its language.
    let config = calabash::config::load(&support::repo(), None).unwrap();
    let mut elsewhere: Vec<_> = config.languages[1..]
        .iter()
        .map(|l| site.join(&l.code).join("events/calendar.ics"))
        .collect();
    for path in support::files::files_ending(&support::repo().join("content/events"), ".md") {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if let (slug, Some(lang)) = calabash::core::translation::split_stem(&stem) {
            elsewhere.push(site.join(lang).join("events").join(slug).join("event.ics"));
        }
    }
    let missing: Vec<_> = elsewhere.iter().filter(|f| !f.is_file()).collect();
    assert!(missing.is_empty(), "calendar files missing: {missing:#?}");
    let written = support::files::files_ending(&site, ".ics");
    assert_eq!(
        written.len(),
        files.len() + elsewhere.len(),
        "no other .ics files: {written:#?}"
    );

    let mut problems: Vec<String> = files.iter().flat_map(|f| line_problems(f)).collect();
    let parsed = parse_with_ical_js(&files);
    let feed_events = event(&parsed[&feed], &feed);
    let mut uids = BTreeSet::new();
    for (slug, fm) in &entries {
        let file = site.join("events").join(slug).join("event.ics");
        let events = event(&parsed[&file], &file);
        assert_eq!(events.len(), 1, "{}: one VEVENT", file.display());
        let e = &events[0];
        let title = fm["title"].as_str().unwrap();
        let start = instant(&fm["start"].to_string());
        // UID is null when the file has none.
        let uid = e.key("uid").as_str().unwrap_or_default().to_string();
        let whose = format!("events/{slug}/event.ics");
        if uid.is_empty() || !uids.insert(uid.clone()) {
            problems.push(format!("{whose}: UID missing or not unique ({uid:?})"));
        }
        if e.key("dtstamp").is_null() {
            problems.push(format!("{whose}: no DTSTAMP (required)"));
        }
        if e.key("summary").as_str() != Some(title) {
            problems.push(format!(
                "{whose}: SUMMARY {} != title {title:?}",
                e.key("summary")
            ));
        }
        match e.key("dtstart").as_str() {
            Some(s) if instant(s) == start => {}
            other => problems.push(format!(
                "{whose}: DTSTART in UTC is {other:?}, expected {start} (TZID {})",
                e.key("startTzid")
            )),
        }
        if let Some(end) = fm.get("end") {
            let end = instant(&end.to_string());
            if e.key("dtend").as_str().map(instant) != Some(end) {
                problems.push(format!("{whose}: DTEND {}, expected {end}", e.key("dtend")));
            }
        }
        // The feed has the same event: same UID, start and summary.
        match feed_events.iter().find(|f| f.key("uid") == e.key("uid")) {
            Some(f)
                if f.key("dtstart") == e.key("dtstart") && f.key("summary") == e.key("summary") => {
            }
            Some(f) => problems.push(format!("calendar.ics differs for {slug}: {f} vs {e}")),
            None => problems.push(format!("calendar.ics lacks {slug} (UID {uid})")),
        }
    }
    if feed_events.len() != entries.len() {
        problems.push(format!(
            "calendar.ics has {} events for {} entries",
            feed_events.len(),
            entries.len()
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Text with iCalendar's special characters, and line breaks that try to
/// start a forged event, stays inside its property.
#[test]
fn hostile_text_cannot_forge_calendar_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let root = support::injection::injection_site(tmp.path());
    let site = tmp.path().join("out");
    support::cli::build(&root, &site, None);
    let file = site.join("events/injected-event/event.ics");
    assert!(file.is_file(), "no {}", file.display());
    let problems = line_problems(&file);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let parsed = parse_with_ical_js(std::slice::from_ref(&file));
    let events = event(&parsed[&file], &file);
    assert_eq!(events.len(), 1, "exactly one VEVENT: {events:#?}");
    assert_eq!(
        events[0].key("summary").as_str(),
        Some(support::injection::payload().as_str())
    );
    let location = events[0].key("location").as_str().unwrap_or_default();
    assert!(
        location.contains("Kingston, Jamaica; \\ \"HQ\""),
        "commas, semicolons, backslashes and quotes survive: {location:?}"
    );
    assert!(
        location.contains("END:VEVENT"),
        "the forged lines stay text inside LOCATION: {location:?}"
    );
}

/// The line checks above catch bad files.
#[test]
fn line_checks_catch_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ics");
    let long = "X".repeat(80);
    std::fs::write(
        &bad,
        format!("BEGIN:VCALENDAR\nSUMMARY:{long}\r\nEND:VCALENDAR"),
    )
    .unwrap();
    let problems = line_problems(&bad).join("\n");
    for expected in ["bare LF", "octets", "does not end with CRLF"] {
        assert!(problems.contains(expected), "{expected}: {problems}");
    }
    let folded = dir.path().join("split.ics");
    std::fs::write(&folded, b"A:\xc3\r\n \xa9\r\n").unwrap();
    assert!(line_problems(&folded).join("").contains("UTF-8"));
    for (n, c) in ['\u{1}', '\u{b}', '\u{7f}', '\u{85}', '\u{fffe}', '\u{fdd0}']
        .iter()
        .enumerate()
    {
        let odd = dir.path().join(format!("odd-{n}.ics"));
        std::fs::write(&odd, format!("SUMMARY:a{c}b\r\n")).unwrap();
        let problems = line_problems(&odd).join("");
        assert!(
            problems.contains(&format!("U+{:04X}", u32::from(*c))),
            "{problems}"
        );
    }
}
