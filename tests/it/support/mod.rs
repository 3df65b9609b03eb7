//! What the integration tests share: fixture sites built in-process
//! (`site`), the compiled binary run as a user runs it (`cli`, `hub`,
//! `serve`), the files a build writes (`files`, `html`), the Node, browser
//! and calendar tools of `tests/package.json` (`node`, `browser`,
//! `calendar`, `report`), git histories written by script (`git`), and
//! small servers to test against (`server`, `http`, `link_server`).

pub mod browser;
pub mod calendar;
pub mod cli;
pub mod error_cases;
pub mod fields;
pub mod files;
pub mod git;
pub mod html;
pub mod http;
pub mod hub;
pub mod injection;
pub mod link_server;
pub mod node;
pub mod report;
pub mod serve;
pub mod server;
pub mod site;

use std::path::PathBuf;

/// The repository: the sample hub's site.toml, content/ and themes/hub.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/` of this crate.
pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}
