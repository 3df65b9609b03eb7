//! Validation: from the files as read to typed, checked entries. Each
//! entry's front matter is parsed and its fields checked against the schema
//! (`entry`, `fields`, `values`, `placeholders`); once every entry is known,
//! slugs, references and links are checked across the site, backlinks found
//! and warnings given (`refs`, `links`, `backlinks`, `warnings`).
//! Translations are checked on their own (`translation`) and beside their
//! originals (`translations`).

pub mod backlinks;
pub mod checker;
pub mod entry;
pub mod fields;
pub mod formats;
pub mod front_matter;
pub mod links;
pub mod lookup;
pub mod placeholders;
pub mod refs;
pub mod slugs;
pub mod translation;
pub mod translations;
pub mod values;
pub mod warnings;
