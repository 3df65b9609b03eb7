//! Rendering: templates filled with the validated site, one output file per
//! job, in parallel.

pub mod calendar;
pub mod context;
pub mod encode;
pub mod facets;
pub mod feeds;
pub mod fields;
pub mod json_ld;
pub mod pages;
pub mod plan;
pub mod templates;
pub mod terms;
