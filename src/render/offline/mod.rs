//! Offline reading (`[offline]`): the files that make a site installable
//! and readable without a connection, besides the pages the theme renders
//! (`saved.html`, a `Target::Saved` job per language): the web app
//! manifest, the service worker, whose version is a hash of the shell it
//! keeps, and each collection's list of pages a reader may save at once,
//! with the bytes the build wrote for them.

pub mod collections;
pub mod files;
pub mod manifest;
pub mod paths;
pub mod worker;
