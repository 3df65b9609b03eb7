//! Numbers the binary's tests set through the environment, so that they can
//! see at a few entries what happens at thousands (`CALABASH_SITEMAP_URLS`,
//! `CALABASH_INDEX_BUCKET`).

/// The whole number greater than zero in the environment variable `name`,
/// if it holds one.
pub fn count(name: &str) -> Option<usize> {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
}
