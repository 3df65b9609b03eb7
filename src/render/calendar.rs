//! Calendars: iCalendar (RFC 5545) files for the entries of collections that
//! declare a `calendar` in site.toml, one per entry and one per collection,
//! and which of those entries are still to come.

use std::fmt::Write as _;

use jiff::Timestamp;

use crate::config::CalendarConfig;
use crate::core::characters::is_forbidden;
use crate::core::model::{EntryId, Value};
use crate::site::Site;

/// File name of an entry's calendar file, in the entry's folder.
pub const ENTRY_FILE: &str = "event.ics";
/// File name of a collection's calendar feed, in the collection's folder.
pub const COLLECTION_FILE: &str = "calendar.ics";

fn instant(site: &Site, id: EntryId, field: &str) -> Option<Timestamp> {
    match site.entry(id).field(field)? {
        Value::DateTime(dt, offset) => offset.to_timestamp(*dt).ok(),
        _ => None,
    }
}

pub fn calendar_of(site: &Site, id: EntryId) -> Option<&CalendarConfig> {
    site.config
        .collection(&site.entry(id).collection)?
        .calendar
        .as_ref()
}

/// Whether an entry of a calendar collection ends (or, without an end,
/// starts) after `now`.
pub fn is_upcoming(site: &Site, id: EntryId, now: Timestamp) -> bool {
    let Some(calendar) = calendar_of(site, id) else {
        return false;
    };
    let end = calendar.end.as_deref().and_then(|f| instant(site, id, f));
    end.or_else(|| instant(site, id, &calendar.start))
        .is_some_and(|t| t > now)
}

/// Upcoming entries among `ids`, soonest first.
pub fn upcoming(site: &Site, ids: impl Iterator<Item = EntryId>, now: Timestamp) -> Vec<EntryId> {
    let mut found: Vec<(Timestamp, EntryId)> = ids
        .filter(|&id| is_upcoming(site, id, now))
        .filter_map(|id| Some((instant(site, id, &calendar_of(site, id)?.start)?, id)))
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// An iCalendar file holding the given entries' events.
pub fn ics(site: &Site, title: &str, ids: &[EntryId], stamp: Timestamp) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!(
            "PRODID:-//Calabash//Calabash {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape(title)),
    ];
    for &id in ids {
        lines.extend(vevent(site, id, stamp));
    }
    lines.push("END:VCALENDAR".to_string());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

fn vevent(site: &Site, id: EntryId, stamp: Timestamp) -> Vec<String> {
    let Some(calendar) = calendar_of(site, id) else {
        return Vec::new();
    };
    let Some(start) = instant(site, id, &calendar.start) else {
        return Vec::new();
    };
    let entry = site.entry(id);
    let permalink = site.config.permalink(&site.entry_path(id));
    let host = site
        .config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("calabash")
        .split('/')
        .next()
        .unwrap_or("calabash");
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}-{}@{host}", entry.collection, entry.slug),
        format!("DTSTAMP:{}", utc(stamp)),
        format!("DTSTART:{}", utc(start)),
    ];
    if let Some(end) = calendar.end.as_deref().and_then(|f| instant(site, id, f)) {
        lines.push(format!("DTEND:{}", utc(end)));
    }
    lines.push(format!("SUMMARY:{}", escape(&entry.title)));
    lines.push(format!(
        "DESCRIPTION:{}",
        escape(&format!("{}\n\n{permalink}", entry.summary))
    ));
    lines.push(format!("URL:{permalink}"));
    if let Some(location) = calendar
        .location
        .as_deref()
        .and_then(|f| entry.field(f))
        .map(|v| location_text(site, v))
        .filter(|l| !l.is_empty())
    {
        lines.push(format!("LOCATION:{}", escape(&location)));
    } else if let Some(Value::Text(url)) = calendar.url.as_deref().and_then(|f| entry.field(f)) {
        lines.push(format!("LOCATION:{}", escape(url)));
    }
    let status = calendar
        .status
        .as_deref()
        .and_then(|f| entry.field(f))
        .and_then(Value::as_text);
    lines.push(
        match status {
            Some("cancelled") => "STATUS:CANCELLED",
            Some("postponed") => "STATUS:TENTATIVE",
            _ => "STATUS:CONFIRMED",
        }
        .to_string(),
    );
    lines.push("END:VEVENT".to_string());
    lines
}

fn location_text(site: &Site, value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Object(fields) => fields
            .values()
            .filter_map(|v| match v {
                Value::Text(s) => Some(s.clone()),
                Value::Term { taxonomy, id } => {
                    Some(site.taxonomies.label(taxonomy, id).to_string())
                }
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// RFC 5545 text escaping.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            other => out.push(other),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (continuations start with a space),
/// never inside a UTF-8 character, with CRLF endings. Characters RFC 5545
/// does not allow in a content line (controls other than tab, including
/// line breaks that `escape` did not turn into `\n`) and noncharacters are
/// left out, whatever the value they came from.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line
        .chars()
        .filter(|&c| c == '\t' || !(c.is_control() || is_forbidden(c)))
    {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(60)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn leaves_out_what_a_content_line_cannot_hold() {
        let mut out = String::new();
        fold(
            "SUMMARY:a\u{1}b\u{b}c\rd\ne\u{7f}f\u{85}g\u{fffe}h\ti\u{2028}j",
            &mut out,
        );
        assert_eq!(out, "SUMMARY:abcdefgh\ti\u{2028}j\r\n");
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
