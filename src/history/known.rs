//! What git knows of each content file: when it last changed and who wrote it.

use std::collections::HashMap;

use jiff::civil;

/// What git knows about one content file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntryHistory {
    /// The newest author date of the commits that changed the file, as the
    /// calendar day where its author was. The author date, as Hugo uses,
    /// rather than the commit date, so that rebasing or applying someone's
    /// work later does not move it.
    pub changed: civil::Date,
    /// Authors and co-authors, each once, in the order of their first
    /// change to the file: the original author first.
    pub contributors: Vec<String>,
}

/// Each content file's history, by path relative to the site root
/// (`content/library/x.md`). Uncommitted files are absent.
pub type Histories = HashMap<String, EntryHistory>;
