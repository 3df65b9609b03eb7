//! Tests of the log reader, on output written the way `git log` prints
//! it with `parse::FORMAT`, `--name-status` and `-z`.

use super::*;
use jiff::civil;

/// One commit as `git log` prints it: header, then each change (`M|path`,
/// `R100|old|new`) as a status and its paths, the first after a newline.
fn commit(date: &str, author: &str, email: &str, co_authors: &[&str], changes: &[&str]) -> Vec<u8> {
    let mut out = format!(
        "\x01{date}\x1f{author}\x1f{email}\x1f{email}\x1f{}\0",
        co_authors.join("\x1e")
    )
    .into_bytes();
    for (i, change) in changes.iter().enumerate() {
        if i == 0 {
            out.push(b'\n');
        }
        for part in change.split('|') {
            out.extend_from_slice(part.as_bytes());
            out.push(0);
        }
    }
    out
}

fn read_log(commits: &[Vec<u8>]) -> Histories {
    let log: Vec<u8> = commits.concat();
    let mut parser = parse::Parser::default();
    stream(log.as_slice(), &mut parser).unwrap();
    parser.finish()
}

fn date(text: &str) -> civil::Date {
    text.parse().unwrap()
}

#[test]
fn contributors_come_in_order_of_their_first_change_and_the_newest_date_wins() {
    // Newest first, as git prints it.
    let histories = read_log(&[
        commit("2025-03-01", "Ann", "ann@x.org", &[], &["M|content/a.md"]),
        commit(
            "2025-02-01",
            "Bob",
            "bob@x.org",
            &[],
            &["M|content/a.md", "M|content/b 2.md"],
        ),
        commit("2025-01-15", "Ann", "ann@x.org", &[], &["M|content/a.md"]),
        commit(
            "2025-01-01",
            "Cy",
            "cy@x.org",
            &[],
            &["A|content/a.md", "A|content/b 2.md"],
        ),
    ]);
    let a = &histories["content/a.md"];
    assert_eq!(a.changed, date("2025-03-01"));
    assert_eq!(a.contributors, ["Cy", "Ann", "Bob"]);
    let b = &histories["content/b 2.md"];
    assert_eq!(b.changed, date("2025-02-01"));
    assert_eq!(b.contributors, ["Cy", "Bob"]);
}

#[test]
fn the_newest_author_date_wins_even_when_commits_are_out_of_date_order() {
    // A rebased commit: newer in the log, older by its author date.
    let histories = read_log(&[
        commit("2024-12-01", "Bob", "bob@x.org", &[], &["M|content/a.md"]),
        commit("2025-01-01", "Ann", "ann@x.org", &[], &["A|content/a.md"]),
    ]);
    assert_eq!(histories["content/a.md"].changed, date("2025-01-01"));
}

#[test]
fn a_renamed_file_keeps_its_history_and_a_reused_path_does_not_inherit_one() {
    let histories = read_log(&[
        commit("2025-04-01", "Dee", "dee@x.org", &[], &["A|content/old.md"]),
        commit(
            "2025-03-01",
            "Bob",
            "bob@x.org",
            &[],
            &["R100|content/old.md|content/new.md"],
        ),
        commit("2025-02-01", "Cy", "cy@x.org", &[], &["M|content/old.md"]),
        commit("2025-01-01", "Ann", "ann@x.org", &[], &["A|content/old.md"]),
    ]);
    assert_eq!(
        histories["content/new.md"].contributors,
        ["Ann", "Cy", "Bob"]
    );
    assert_eq!(histories["content/new.md"].changed, date("2025-03-01"));
    let reused = &histories["content/old.md"];
    assert_eq!(reused.contributors, ["Dee"]);
    assert_eq!(reused.changed, date("2025-04-01"));
}

#[test]
fn only_content_is_kept_and_a_file_moved_into_it_keeps_its_history() {
    let histories = read_log(&[
        commit(
            "2025-03-01",
            "Bob",
            "bob@x.org",
            &[],
            &["R100|drafts/a.md|content/a.md", "M|site.toml"],
        ),
        commit(
            "2025-02-01",
            "Cy",
            "cy@x.org",
            &[],
            &["M|drafts/a.md", "M|themes/hub/x.html"],
        ),
        commit("2025-01-01", "Ann", "ann@x.org", &[], &["A|drafts/a.md"]),
    ]);
    assert_eq!(histories.keys().collect::<Vec<_>>(), ["content/a.md"]);
    assert_eq!(histories["content/a.md"].contributors, ["Ann", "Cy", "Bob"]);
}

#[test]
fn a_deleted_and_re_added_path_starts_afresh() {
    let histories = read_log(&[
        commit("2025-03-01", "Bob", "bob@x.org", &[], &["A|content/a.md"]),
        commit("2025-02-01", "Ann", "ann@x.org", &[], &["D|content/a.md"]),
        commit("2025-01-01", "Ann", "ann@x.org", &[], &["A|content/a.md"]),
    ]);
    assert_eq!(histories["content/a.md"].contributors, ["Bob"]);
}

#[test]
fn co_authors_count_under_the_name_they_author_with() {
    let histories = read_log(&[
        commit(
            "2025-02-01",
            "Ann",
            "ann@x.org",
            &[
                "Robert B. <BOB@x.org>",
                "Eve <eve@x.org>",
                "Ann <ann@x.org>",
            ],
            &["M|content/a.md"],
        ),
        commit("2025-01-01", "Bob", "bob@x.org", &[], &["A|content/b.md"]),
        commit("2024-12-01", "Ann", "ann@x.org", &[], &["A|content/a.md"]),
    ]);
    // Robert B. shares Bob's email: one person, named as in his commits;
    // Ann co-authoring her own commit is not listed twice.
    assert_eq!(
        histories["content/a.md"].contributors,
        ["Ann", "Bob", "Eve"]
    );
}

#[test]
fn in_one_commit_the_author_comes_before_co_authors() {
    let histories = read_log(&[commit(
        "2025-01-01",
        "Zoe",
        "zoe@x.org",
        &["Abe <abe@x.org>"],
        &["A|content/a.md"],
    )]);
    assert_eq!(histories["content/a.md"].contributors, ["Zoe", "Abe"]);
}

#[test]
fn headers_without_changes_and_unicode_names_are_read() {
    let histories = read_log(&[
        commit("2025-02-01", "Merge Bot", "bot@x.org", &[], &[]),
        commit(
            "2025-01-01",
            "Zoë Ñúñez",
            "z@x.org",
            &[],
            &["A|content/été/naïve 1.md"],
        ),
    ]);
    assert_eq!(histories.len(), 1);
    assert_eq!(
        histories["content/été/naïve 1.md"].contributors,
        ["Zoë Ñúñez"]
    );
}

#[test]
fn commits_with_unreadable_dates_are_counted_not_credited() {
    let log = [
        commit("%as", "Ann", "ann@x.org", &[], &["A|content/a.md"]),
        commit("2025-01-01", "Bob", "bob@x.org", &[], &["A|content/b.md"]),
    ]
    .concat();
    let mut parser = parse::Parser::default();
    stream(log.as_slice(), &mut parser).unwrap();
    assert_eq!(parser.undated, 1);
    let histories = parser.finish();
    assert!(!histories.contains_key("content/a.md"));
    assert_eq!(histories["content/b.md"].contributors, ["Bob"]);
}

#[test]
fn malformed_output_does_not_panic() {
    let good = commit(
        "2025-01-01",
        "Ann",
        "ann@x.org",
        &["x <"],
        &["R|content/a.md"],
    );
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\0\0\0".to_vec(),
        b"\x01".to_vec(),
        b"\x01\x1f\x1f\x1f\x1f\0\nM".to_vec(),
        b"\x01 2025-01-01 \x1f\x1f\x1f\x1f\x1e\x1e\0\n\0content/a.md\0".to_vec(),
        vec![0xff, 0xfe, 0, b'\n', b'M', 0, 0xff, 0],
        good[..good.len() / 2].to_vec(),
        good,
    ];
    for input in inputs {
        let mut parser = parse::Parser::default();
        stream(input.as_slice(), &mut parser).unwrap();
        let _ = parser.finish();
    }
}

fn read_period_log(commits: &[Vec<u8>], since: &str, until: &str) -> PeriodHistories {
    let log: Vec<u8> = commits.concat();
    let mut parser = parse::Parser::within(Period {
        since: date(since),
        until: date(until),
    });
    stream(log.as_slice(), &mut parser).unwrap();
    parser.finish_period()
}

#[test]
fn a_period_read_knows_when_each_file_was_added_and_changed_within_it() {
    let histories = read_period_log(
        &[
            commit("2025-04-02", "Ann", "a@x.org", &[], &["M|content/old.md"]),
            commit("2025-03-20", "Ann", "a@x.org", &[], &["A|content/new.md"]),
            commit("2025-03-10", "Ann", "a@x.org", &[], &["M|content/old.md"]),
            commit(
                "2025-03-05",
                "Ann",
                "a@x.org",
                &[],
                &["R100|content/before.md|content/moved.md"],
            ),
            commit(
                "2025-01-01",
                "Ann",
                "a@x.org",
                &[],
                &["A|content/old.md", "A|content/before.md"],
            ),
        ],
        "2025-03-01",
        "2025-03-31",
    );
    let old = histories["content/old.md"];
    assert_eq!(old.added, date("2025-01-01"));
    // The newest change within the period, not the one after it.
    assert_eq!(old.changed, Some(date("2025-03-10")));
    let new = histories["content/new.md"];
    assert_eq!(
        (new.added, new.changed),
        (date("2025-03-20"), Some(date("2025-03-20")))
    );
    // A moved file keeps the date it was first added.
    let moved = histories["content/moved.md"];
    assert_eq!(moved.added, date("2025-01-01"));
    assert_eq!(moved.changed, Some(date("2025-03-05")));
    assert!(!histories.contains_key("content/before.md"));
}
