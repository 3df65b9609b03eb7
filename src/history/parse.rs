//! Reads the output of the one `git log` that `history` runs, as it
//! streams in: commit headers and the files each commit changed, NUL
//! separated, newest commit first.
//!
//! Newest first is what makes renames cheap to follow: once a commit
//! renames `old` to `new`, every older commit that touched `old` touched
//! the file now at `new`. Likewise, before the commit that added a path,
//! whatever had that path was another file.

use std::collections::HashMap;

use jiff::civil;
use rustc_hash::FxHashMap;

use super::known::EntryHistory;
use super::period::{Period, PeriodHistories, PeriodHistory};

/// Marks the start of a commit header: no path starts with it.
pub(super) const HEADER: u8 = 0x01;
/// The folder whose files have a history worth keeping, as git prints it
/// relative to the site root.
const CONTENT: &[u8] = b"content/";
/// Between the header's fields, and between co-authors.
const FIELD: u8 = 0x1f;
const CO_AUTHOR: u8 = 0x1e;

/// `git log` format of a header: author date (the author's own calendar
/// day), author name and email after `.mailmap`, email as committed, then
/// `Co-authored-by` trailers.
pub(super) const FORMAT: &str = "--format=%x01%as%x1f%aN%x1f%aE%x1f%ae%x1f%(trailers:key=Co-authored-by,valueonly,unfold,separator=%x1e)";

#[derive(Debug, Clone, Copy)]
enum Slot {
    /// The path's changes belong to this file record.
    File(u32),
    /// Older changes to the path belong to a file that is gone.
    Gone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Status,
    /// The paths of a change: one, or two for a rename or copy.
    Paths {
        kind: u8,
        left: u8,
    },
}

#[derive(Debug)]
struct FileRecord {
    /// The newest path: where the file is now, if it still is.
    path: Box<[u8]>,
    changed: civil::Date,
    /// The oldest commit's date so far: in the end, the one that added it.
    added: civil::Date,
    /// The newest date of a change within the parser's period, if any.
    changed_in_period: Option<civil::Date>,
    /// Person, and the newest-first number of their oldest commit to the
    /// file with their place in it (author first).
    contributors: Vec<(u32, u32, u32)>,
}

#[derive(Debug)]
enum Person {
    Author(String),
    CoAuthor { name: String, email: Box<[u8]> },
}

/// The log read so far.
#[derive(Debug)]
pub(super) struct Parser {
    expect: Expect,
    /// The current commit: its date (none when unreadable) and its people.
    date: Option<civil::Date>,
    people_of_commit: Vec<u32>,
    commits: u32,
    /// Headers whose date could not be read: a git too old for `%as`.
    pub(super) undated: usize,
    people: Vec<Person>,
    authors: FxHashMap<Box<[u8]>, u32>,
    co_authors: FxHashMap<Box<[u8]>, u32>,
    /// Lower-cased email to author: co-authors are named as they author.
    emails: FxHashMap<Box<[u8]>, u32>,
    files: Vec<FileRecord>,
    paths: FxHashMap<Box<[u8]>, Slot>,
    /// The first path of a rename or copy, until the second arrives.
    from: Vec<u8>,
    /// The days whose changes `finish_period` reports.
    period: Option<Period>,
}

impl Default for Parser {
    fn default() -> Self {
        Parser {
            expect: Expect::Status,
            date: None,
            people_of_commit: Vec::new(),
            commits: 0,
            undated: 0,
            people: Vec::new(),
            authors: FxHashMap::default(),
            co_authors: FxHashMap::default(),
            emails: FxHashMap::default(),
            files: Vec::new(),
            paths: FxHashMap::default(),
            from: Vec::new(),
            period: None,
        }
    }
}

fn intern(map: &mut FxHashMap<Box<[u8]>, u32>, key: &[u8], next: usize) -> (u32, bool) {
    if let Some(&id) = map.get(key) {
        return (id, false);
    }
    let id = u32::try_from(next).unwrap_or(u32::MAX);
    map.insert(key.into(), id);
    (id, true)
}

fn trim(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

impl Parser {
    /// A parser that also notes each file's changes within `period`, for
    /// `finish_period`.
    pub(super) fn within(period: Period) -> Self {
        Parser {
            period: Some(period),
            ..Parser::default()
        }
    }

    /// Takes one NUL-terminated field of the log, without its NUL.
    pub(super) fn token(&mut self, token: &[u8]) {
        if token.first() == Some(&HEADER) {
            self.header(&token[1..]);
            return;
        }
        match self.expect {
            Expect::Status => {
                // The first change of a commit follows a newline.
                let status = token.strip_prefix(b"\n").unwrap_or(token);
                let Some(&kind) = status.first() else { return };
                let left = if matches!(kind, b'R' | b'C') { 2 } else { 1 };
                self.expect = Expect::Paths { kind, left };
            }
            Expect::Paths { kind, left: 2 } => {
                self.from.clear();
                self.from.extend_from_slice(token);
                self.expect = Expect::Paths { kind, left: 1 };
            }
            Expect::Paths { kind, .. } => {
                self.expect = Expect::Status;
                if self.date.is_some() {
                    self.change(kind, token);
                }
            }
        }
    }

    fn header(&mut self, header: &[u8]) {
        self.expect = Expect::Status;
        self.commits += 1;
        self.people_of_commit.clear();
        let mut fields = header.split(|&b| b == FIELD);
        let (date, name, mapped_email, email) = (
            fields.next().unwrap_or_default(),
            trim(fields.next().unwrap_or_default()),
            fields.next().unwrap_or_default(),
            fields.next().unwrap_or_default(),
        );
        self.date = std::str::from_utf8(date)
            .ok()
            .and_then(|d| d.trim().parse::<civil::Date>().ok());
        if self.date.is_none() {
            self.undated += 1;
            return;
        }
        if !name.is_empty() {
            let (author, new) = intern(&mut self.authors, name, self.people.len());
            if new {
                let name = String::from_utf8_lossy(name).into_owned();
                self.people.push(Person::Author(name));
            }
            for address in [mapped_email, email] {
                let address = trim(address).to_ascii_lowercase();
                if !address.is_empty() {
                    self.emails.entry(address.into()).or_insert(author);
                }
            }
            self.people_of_commit.push(author);
        }
        let trailers = fields.next().unwrap_or_default();
        for trailer in trailers.split(|&b| b == CO_AUTHOR) {
            let (name, email) = split_address(trailer);
            if name.is_empty() {
                continue;
            }
            let key = if email.is_empty() {
                name.to_vec()
            } else {
                email.to_ascii_lowercase()
            };
            let (person, new) = intern(&mut self.co_authors, &key, self.people.len());
            if new {
                self.people.push(Person::CoAuthor {
                    name: String::from_utf8_lossy(name).into_owned(),
                    email: email.to_ascii_lowercase().into(),
                });
            }
            if !self.people_of_commit.contains(&person) {
                self.people_of_commit.push(person);
            }
        }
    }

    /// One change of the current commit: `kind` is git's status letter.
    fn change(&mut self, kind: u8, path: &[u8]) {
        let file = self.file_at(path);
        if let Some(file) = file {
            self.credit(file);
        }
        match kind {
            b'A' | b'C' => self.forget(path),
            b'R' => {
                self.forget(path);
                let from = std::mem::take(&mut self.from);
                match file {
                    Some(file) => {
                        self.paths.insert(from.as_slice().into(), Slot::File(file));
                    }
                    None => self.forget(&from),
                }
                self.from = from;
            }
            _ => {}
        }
    }

    /// Older changes to `path` were made to another file.
    fn forget(&mut self, path: &[u8]) {
        if path.starts_with(CONTENT) || self.paths.contains_key(path) {
            self.paths.insert(path.into(), Slot::Gone);
        }
    }

    /// The file whose history a change to `path` belongs to: none when that
    /// file is gone, or is not content.
    fn file_at(&mut self, path: &[u8]) -> Option<u32> {
        match self.paths.get(path) {
            Some(Slot::File(id)) => Some(*id),
            Some(Slot::Gone) => None,
            None if !path.starts_with(CONTENT) => None,
            None => {
                let id = u32::try_from(self.files.len()).ok()?;
                let date = self.date?;
                self.files.push(FileRecord {
                    path: path.into(),
                    changed: date,
                    added: date,
                    changed_in_period: None,
                    contributors: Vec::new(),
                });
                self.paths.insert(path.into(), Slot::File(id));
                Some(id)
            }
        }
    }

    fn credit(&mut self, file: u32) {
        let (Some(date), Some(record)) = (self.date, self.files.get_mut(file as usize)) else {
            return;
        };
        record.changed = record.changed.max(date);
        // Older commits come later: the last one credited added the file.
        record.added = date;
        if self.period.is_some_and(|period| period.contains(date)) {
            record.changed_in_period = record.changed_in_period.max(Some(date));
        }
        for (place, &person) in self.people_of_commit.iter().enumerate() {
            let place = u32::try_from(place).unwrap_or(u32::MAX);
            match record.contributors.iter_mut().find(|c| c.0 == person) {
                Some(seen) => (seen.1, seen.2) = (self.commits, place),
                None => record.contributors.push((person, self.commits, place)),
            }
        }
    }

    /// Each file's history, by path.
    pub(super) fn finish(self) -> HashMap<String, EntryHistory> {
        let names: Vec<&str> = self
            .people
            .iter()
            .map(|person| match person {
                Person::Author(name) => name.as_str(),
                Person::CoAuthor { name, email } => self
                    .emails
                    .get(email)
                    .and_then(|&author| match self.people.get(author as usize) {
                        Some(Person::Author(name)) => Some(name.as_str()),
                        _ => None,
                    })
                    .unwrap_or(name),
            })
            .collect();
        self.files
            .into_iter()
            .filter_map(|mut record| {
                let path = String::from_utf8(record.path.into_vec()).ok()?;
                // Oldest commit first; in one commit, its author first.
                record
                    .contributors
                    .sort_by_key(|&(_, commit, place)| (std::cmp::Reverse(commit), place));
                let mut contributors: Vec<String> = Vec::new();
                for (person, _, _) in record.contributors {
                    let name = names.get(person as usize).copied().unwrap_or_default();
                    if !contributors.iter().any(|c| c == name) {
                        contributors.push(name.to_string());
                    }
                }
                let history = EntryHistory {
                    changed: record.changed,
                    contributors,
                };
                Some((path, history))
            })
            .collect()
    }
}

impl Parser {
    /// Each file's date of addition and newest change within the period
    /// the parser was made `within`, by path.
    pub(super) fn finish_period(self) -> PeriodHistories {
        self.files
            .into_iter()
            .filter_map(|record| {
                let path = String::from_utf8(record.path.into_vec()).ok()?;
                let history = PeriodHistory {
                    added: record.added,
                    changed: record.changed_in_period,
                };
                Some((path, history))
            })
            .collect()
    }
}

/// `Name <email>` into its name and email, trimmed.
fn split_address(text: &[u8]) -> (&[u8], &[u8]) {
    let text = trim(text);
    match text.iter().rposition(|&b| b == b'<') {
        Some(open) => {
            let rest = &text[open + 1..];
            let email = rest.strip_suffix(b">").unwrap_or(rest);
            (trim(&text[..open]), trim(email))
        }
        None => (text, &[]),
    }
}
