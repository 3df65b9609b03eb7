//! Memory per search: whatever the query (many different words, one word
//! repeated, one giant word, many prefixes, many typos), `calabash search`
//! and the preview's `/__calabash/search` stay within a bound, measured as
//! the process's peak resident memory; queries past the limits are refused
//! with a message saying what to do. (A 120 KB query of one repeated word
//! once took `calabash search` to 650 MB.)
//!
//! A child's peak counts its parent's at the time it started (Linux carries
//! the parent's peak over at exec), and the test process is shared by every
//! test: the `calabash search` runs are started from a process of their
//! own, where nothing else runs.

use std::collections::BTreeSet;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;

use rusty_fork::rusty_fork_test;

use crate::support;
use crate::support::serve::{Serve, get};

/// Peak resident memory allowed to a `calabash search` run.
const CLI_PEAK_KIB: u64 = 128 * 1024;
/// Growth of the server's peak resident memory allowed while answering
/// every query below.
const SERVER_GROWTH_KIB: u64 = 96 * 1024;

/// Words of the sample hub's content: queries of them match entries, which
/// is what makes a query expensive.
fn vocabulary() -> Vec<String> {
    let mut words = BTreeSet::new();
    for file in support::files::files_ending(&support::repo().join("content"), ".md") {
        let text = std::fs::read_to_string(file).unwrap();
        for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
            if (4..=12).contains(&word.len()) {
                words.insert(word.to_ascii_lowercase());
            }
        }
    }
    words.into_iter().collect()
}

/// Hostile queries of about `size` bytes each: `(what, query)`.
fn hostile(size: usize) -> Vec<(String, String)> {
    let vocabulary = vocabulary();
    let fill = |piece: &mut dyn FnMut(usize) -> String| {
        let mut text = String::new();
        let mut n = 0;
        while text.len() < size {
            text.push_str(&piece(n));
            text.push(' ');
            n += 1;
        }
        text.truncate(size);
        text
    };
    let word = |n: usize| vocabulary[n % vocabulary.len()].clone();
    let typo = |n: usize| {
        let mut w = word(n).into_bytes();
        let at = 1 + n % (w.len() - 1);
        w[at] = if w[at] == b'x' { b'y' } else { b'x' };
        String::from_utf8(w).unwrap()
    };
    vec![
        ("many different words".into(), fill(&mut |n| word(n))),
        ("one word repeated".into(), fill(&mut |_| "school".into())),
        ("one giant word".into(), "a".repeat(size)),
        (
            "many prefixes".into(),
            fill(&mut |n| word(n)[..1 + n % 3].to_string()),
        ),
        ("many typos".into(), fill(&mut |n| typo(n))),
    ]
}

/// Queries within the limits that make the most work: 16 words, each
/// expanded as a prefix or corrected as a typo.
fn heaviest_allowed() -> Vec<String> {
    let common = "school teachers education learning students rural schools teacher \
                  support community children parents teaching development quality p";
    let typos = "schoal teachrs educaton learnin studnts rurl schols teachr suport \
                 communty childen parets teachin developent qualty primery";
    let one_letter = "a b c d e f g h i j k l m n o p";
    vec![
        common.into(),
        typos.into(),
        one_letter.into(),
        "school ".repeat(70),
    ]
}

/// Runs `calabash search` and waits for it with wait4, for its peak memory.
#[allow(clippy::zombie_processes)] // wait4 reaps it, which Child cannot see
fn search_cli(root: &Path, query: &str) -> (bool, String, u64) {
    let mut child = support::cli::command()
        .args(["search", "--prefix", "--root"])
        .arg(root)
        .arg(query)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let pid = i32::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in, and
    // `pid` is this process's own child, not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    let success = std::process::ExitStatus::from_raw(status).success();
    (success, stderr, u64::try_from(usage.ru_maxrss).unwrap())
}

rusty_fork_test! {
    #[test]
    fn calabash_search_keeps_to_a_bound_whatever_the_query() {
        let serve = Serve::sample_hub();
        serve.wait_for_index();
        // One argument may not exceed 128 KiB on Linux.
        for (what, query) in hostile(120 * 1024) {
            let (success, stderr, peak) = search_cli(&serve.root, &query);
            assert!(!success, "{what}: searched");
            assert!(
                stderr.contains("error: the query is longer than 500 characters"),
                "{what}: {stderr}"
            );
            assert!(peak < CLI_PEAK_KIB, "{what}: peak {peak} KiB");
        }
        for query in heaviest_allowed() {
            let (success, stderr, peak) = search_cli(&serve.root, &query);
            assert!(success, "{query}: {stderr}");
            assert!(peak < CLI_PEAK_KIB, "{query}: peak {peak} KiB");
        }
        let seventeen = heaviest_allowed()[0].clone() + " extra";
        let (success, stderr, _) = search_cli(&serve.root, &seventeen);
        assert!(
            !success && stderr.contains("the query has 17 different words"),
            "{stderr}"
        );
    }
}

fn encode(query: &str) -> String {
    query
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn memory_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn the_preview_search_keeps_to_a_bound_whatever_the_query() {
    let serve = Serve::sample_hub();
    serve.wait_for("/__calabash/search?q=school", "results", |status, body| {
        status == 200 && body.contains("\"hits\"")
    });
    let pid = serve.pid();
    // Peak memory from here on: "5" resets it to the current size.
    let reset = std::fs::write(format!("/proc/{pid}/clear_refs"), "5").is_ok();
    let start = memory_kib(pid, if reset { "VmRSS:" } else { "VmHWM:" });
    // Within the request line's 8 KB: refused by the search itself.
    for (what, query) in hostile(2 * 1024) {
        let (status, body) = get(
            &serve.address,
            &format!("/__calabash/search?prefix=1&q={}", encode(&query)),
        );
        assert_eq!(status, 400, "{what}: {body}");
        assert!(
            body.contains("longer than 500 characters"),
            "{what}: {body}"
        );
    }
    // Past it: refused before the search is reached.
    for (what, query) in hostile(300 * 1024) {
        let (status, _) = get(
            &serve.address,
            &format!("/__calabash/search?prefix=1&q={}", encode(&query)),
        );
        assert_eq!(status, 414, "{what}");
    }
    for query in heaviest_allowed() {
        let (status, body) = get(
            &serve.address,
            &format!("/__calabash/search?prefix=1&q={}", encode(&query)),
        );
        assert_eq!(status, 200, "{query}: {body}");
    }
    let grown = memory_kib(pid, "VmHWM:").saturating_sub(start);
    assert!(
        grown < SERVER_GROWTH_KIB,
        "the server's peak grew by {grown} KiB"
    );
}
