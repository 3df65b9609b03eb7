//! iCalendar files read the way calendar programs read them: each parsed
//! with a real parser (npm `ical.js`, run by tests/tools/ics-check.mjs), and
//! checked against RFC 5545's line rules.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use super::report::Report;

/// ical.js's reading of each file, by file.
pub fn parse_with_ical_js(files: &[PathBuf]) -> BTreeMap<PathBuf, Value> {
    let args: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let run = super::node::run_node("tests/tools/ics-check.mjs", &args, Duration::from_secs(90));
    let results = run.json();
    let results = results.as_array().expect("a list of files");
    assert_eq!(results.len(), files.len());
    files.iter().cloned().zip(results.iter().cloned()).collect()
}

/// RFC 5545 §3.1: lines end with CRLF and are folded to at most 75 octets,
/// never inside a UTF-8 character; no control character but tab (§3.3.11)
/// and no noncharacter anywhere in a line.
pub fn line_problems(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let name = path.display();
    let mut problems = Vec::new();
    if !bytes.ends_with(b"\r\n") {
        problems.push(format!("{name}: does not end with CRLF"));
    }
    for (i, w) in bytes.windows(2).enumerate() {
        if w[1] == b'\n' && w[0] != b'\r' {
            problems.push(format!("{name}: bare LF at byte {}", i + 1));
            break;
        }
    }
    if bytes.first() == Some(&b'\n') {
        problems.push(format!("{name}: starts with a bare LF"));
    }
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.len() > 75 {
            problems.push(format!("{name}:{}: {} octets", n + 1, line.len()));
        }
        match std::str::from_utf8(line) {
            Err(_) => problems.push(format!("{name}:{}: folded inside a UTF-8 character", n + 1)),
            Ok(text) => {
                let bad = text.chars().find(|&c| {
                    (c.is_control() && c != '\t')
                        || (0xfdd0..=0xfdef).contains(&u32::from(c))
                        || u32::from(c) & 0xfffe == 0xfffe
                });
                if let Some(c) = bad {
                    problems.push(format!("{name}:{}: holds U+{:04X}", n + 1, u32::from(c)));
                }
            }
        }
    }
    problems
}

/// The events of one file's reading, once it parsed as iCalendar 2.0 with
/// a PRODID. (ics-check.mjs writes `error` only for a file it cannot parse.)
pub fn event(result: &Value, file: &Path) -> Vec<Value> {
    assert!(
        result.get("error").is_none(),
        "{}: ical.js cannot parse it: {}",
        file.display(),
        result["error"]
    );
    assert_eq!(
        result.key("version"),
        "2.0",
        "{}: VERSION:2.0",
        file.display()
    );
    assert!(
        result.key("prodid").is_string(),
        "{}: PRODID",
        file.display()
    );
    result.list("events").to_vec()
}

/// A date-time with an offset (as calendars, feeds and structured data
/// write them), as an instant.
pub fn instant(s: &str) -> jiff::Timestamp {
    s.parse()
        .unwrap_or_else(|e| panic!("`{s}` is not a date-time with an offset: {e}"))
}
