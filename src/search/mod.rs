//! Search: a tantivy index of every published entry, built with the site
//! and kept beside it (`<root>/.calabash/index`, never published), for
//! `calabash search` and the dev server.
//!
//! Text is split on non-alphanumeric characters, lower-cased and stemmed
//! with the entry's own language (English, Spanish, French or Dutch; other
//! languages fall back to English). A query is in one language: its words
//! are stemmed in it for entries written in it, and match entries in other
//! languages exactly (docs/search-index.md, "Query semantics").

pub mod export;
pub mod fields;
pub mod index;
pub mod language;
pub mod lexicon;
pub mod matching;
pub mod packing;
pub mod postings;
pub mod query;
pub mod related;
pub mod segments;
pub mod stemmer;

pub use fields::{ANALYSED, Fields, WEIGHTED_FIELDS, index_dir, register_tokenizers};
pub use language::{LANGUAGE_GROUP, LANGUAGES, analyzer, stemmer_language, words_analyzer};
