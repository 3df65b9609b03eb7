//! Validation: field values against schemas (while loading), then references,
//! links and slugs across the whole site once everything is loaded.

pub mod controls;
pub mod entry;
pub mod fields;
pub mod formats;
pub mod output_paths;
pub mod outputs;
pub mod placeholders;
pub mod refs;
pub mod warnings;
