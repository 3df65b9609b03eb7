//! Where Calabash may write and read: the one place that decides whether a
//! site path can become a file of the output (`names`), which folder a build
//! may replace (`location`), which symbolic links it follows (`links`), and
//! how files are written into a folder a person named (`writing`).
//!
//! Every source of output paths (collection and taxonomy `url`s, entry
//! slugs, aliases, term and filter segments, static files) is checked
//! through `names`; `render::checks` then checks the whole list of files
//! a build writes, collisions included; and the writers in `output` refuse
//! any path that is not a plain walk down the output folder, whatever got
//! past the checks before them.

pub mod links;
pub mod location;
pub mod names;
pub mod resolve;
pub mod writing;

pub use links::Fence;
pub use location::{MARKER, OutputFolder};
pub use names::{Unsafe, collision_key, is_plain_relative};
