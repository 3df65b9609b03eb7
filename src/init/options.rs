//! What `calabash init` is asked for and what it reports having done.

use std::path::PathBuf;

/// The title a hub gets when `--title` is not given.
pub const DEFAULT_TITLE: &str = "Our Knowledge Hub";

#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The folder of the new hub; created when missing.
    pub dir: PathBuf,
    pub content: Starting,
    /// The hub's title; `DEFAULT_TITLE` when `None`.
    pub title: Option<String>,
    /// The hub's repository (`https://github.com/org/hub`), for edit links.
    pub repository: Option<String>,
    /// Write into a folder that is not empty, replacing files of the same
    /// name (they are listed in `Initialised::replaced`).
    pub force: bool,
}

/// What the new hub's collections start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Starting {
    /// One worked example per collection, referring to one another.
    Sample,
    /// Empty collection folders (each kept in git by a `.gitkeep`).
    Empty,
}

/// What an init wrote, as `/`-separated paths from the hub's folder.
#[derive(Debug, Default)]
pub struct Initialised {
    pub written: Vec<String>,
    /// Files that were there before and were replaced (with `force`).
    pub replaced: Vec<String>,
}
