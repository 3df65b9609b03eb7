//! Calabash: a static site generator for the knowledge hubs of communities of
//! practice in education.
//!
//! A build is a pipeline of plain data: `config` and `taxonomy` read the
//! site's settings and vocabularies, `load` reads and validates every entry
//! (`validate::fields`), `site` adds rendered Markdown (`markdown`),
//! cross-entry checks (`validate::refs`) and each entry's git history
//! (`history`), `render` fills the templates and
//! `output` swaps the finished site in. `search` indexes the site and
//! exports the static index; `serve` keeps a site in memory and rebuilds
//! only what each change affects, for the preview server.
//! `external_links` checks the outbound links that content points to.

// Problems are returned as `Diagnostic`s, which carry their source line for
// display; they are rare, so their size on the error path does not matter.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod characters;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod external_links;
pub mod front_matter;
pub mod highlight;
pub mod history;
pub mod json_schema;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod paths;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod taxonomy;
pub mod validate;
