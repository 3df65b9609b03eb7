//! Calabash: a static site generator for the knowledge hubs of communities of
//! practice in education.
//!
//! A build is a one-way pipeline of plain data (the map, with which module
//! may use which, is docs/architecture.md): `config`, `load` and `history`
//! read `site.toml`, the vocabularies, the entry files and git's log;
//! `validate`, `markdown` and `site` turn them into the validated `Site`;
//! `theme` and `render` plan one job per output file, check the plan and
//! fill the templates; `search` indexes the site and exports the static
//! index; `output` swaps the finished site in. The commands (`build`,
//! `check`, `serve`, `new`, `forms`, `eject`, `init`, `schema_export`,
//! `external_links`, `report`, `digest`) sit on top, `cli` on them, and `core`
//! below everything.

// Problems are returned as `Diagnostic`s, which carry their source line for
// display; they are rare, so their size on the error path does not matter.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod cli;
pub mod cms;
pub mod config;
pub mod core;
pub mod digest;
pub mod eject;
pub mod external_links;
pub mod forms;
pub mod history;
pub mod init;
pub mod load;
pub mod markdown;
pub mod new;
pub mod output;
pub mod render;
pub mod report;
pub mod schema_export;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod validate;
