//! Rendering: the plan of every file a site has (one `Job` each), the
//! checks only that plan can make, and each file rendered from the theme's
//! templates and the values they see, in parallel.

pub mod backlinks;
pub mod calendar;
pub mod checks;
pub mod context;
pub mod facets;
pub mod feeds;
pub mod fields;
pub mod fingerprint;
pub mod job;
pub mod json_ld;
pub mod lists;
pub mod offline;
pub mod pages;
pub mod pagination;
pub mod plan;
pub mod referrers;
pub mod renderer;
pub mod shared;
pub mod site_texts;
pub mod terms;
pub mod translations;
pub mod values;
