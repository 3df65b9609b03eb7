//! Loading: the site's files read into plain data, before anything knows
//! what a field means. Entry files are walked, read and split into front
//! matter and body (`entries`, `front_matter`); vocabularies are read into
//! `Taxonomies` (`taxonomy`).

pub mod entries;
pub mod front_matter;
pub mod taxonomy;

pub use entries::{CONTENT_DIR, RawEntry, load_entries};
