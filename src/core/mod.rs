//! The core: plain data and small tools every stage of the pipeline shares.
//! Nothing here knows about a later stage; every other module may use it.

pub mod characters;
pub mod clock;
pub mod console;
pub mod diagnostics;
pub mod hooks;
pub mod model;
pub mod paths;
pub mod schema;
pub mod slug;
pub mod text;
pub mod toml_characters;
pub mod translation;
