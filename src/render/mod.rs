//! Rendering: templates filled with the validated site, one output file per
//! job, in parallel.

pub mod context;
pub mod encode;
pub mod feeds;
pub mod fields;
pub mod pages;
pub mod plan;
pub mod templates;
