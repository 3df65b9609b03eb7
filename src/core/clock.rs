//! The build time, which decides which events are upcoming: the clock, or
//! `SOURCE_DATE_EPOCH` for reproducible builds.

use jiff::Timestamp;

/// The build time: now, or `SOURCE_DATE_EPOCH` for reproducible builds.
pub fn build_time() -> Timestamp {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| Timestamp::from_second(secs).ok())
        .unwrap_or_else(Timestamp::now)
}
