//! `calabash serve`: builds the site into a preview folder, serves it on
//! loopback, watches the sources and rebuilds what changed, telling open
//! pages to reload.

pub mod changes;
pub mod fingerprint;
pub mod session;
pub mod upkeep;
pub mod watch;
