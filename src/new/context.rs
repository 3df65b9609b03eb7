//! What the comments and examples of a new entry may mention of the site.

use std::collections::HashMap;

use jiff::civil;

use crate::load::taxonomy::Taxonomies;

/// What the comments of a new entry may mention.
pub struct Context<'a> {
    pub taxonomies: &'a Taxonomies,
    /// Existing slugs of each collection, sorted, for examples of references.
    pub slugs: &'a HashMap<String, Vec<String>>,
    pub today: civil::Date,
    /// The site's language, the default of `lang`.
    pub language: &'a str,
    /// Files of the site (`/documents/report.pdf`), for examples of `file` fields.
    pub files: &'a [String],
}
