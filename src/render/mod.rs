//! Rendering: templates filled with the validated site, one output file per
//! job, in parallel.

pub mod context;
pub mod feeds;
pub mod pages;
pub mod templates;
