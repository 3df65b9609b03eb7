//! What git knows of each content file over a period of days: when it was
//! added, and its newest change within the period, for the digest of new
//! and updated entries.

use std::collections::HashMap;

use jiff::civil;

/// Days from `since` to `until`, both included, as the author of each
/// commit dated it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: civil::Date,
    pub until: civil::Date,
}

impl Period {
    pub fn contains(&self, day: civil::Date) -> bool {
        self.since <= day && day <= self.until
    }
}

/// One content file over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodHistory {
    /// The author date of the commit that added the file (renames
    /// followed: a moved file keeps the date it was first added).
    pub added: civil::Date,
    /// The newest author date of the commits that changed it within the
    /// period, the one that added it included.
    pub changed: Option<civil::Date>,
}

/// Each committed content file's history over a period, by path relative
/// to the site root (`content/library/x.md`). Uncommitted files are absent.
pub type PeriodHistories = HashMap<String, PeriodHistory>;
