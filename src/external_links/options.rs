//! What a link check is asked (its limits, its patience, its cache) and
//! what it answers for each link.

use std::path::PathBuf;
use std::time::Duration;

/// How a check runs: its limits, its patience and where it remembers.
#[derive(Clone, Debug)]
pub struct LinkCheckOptions {
    /// How long one request may take, redirects included, from resolving
    /// the host to the response headers. A URL that keeps timing out takes
    /// about `(retries + 1)` times this, plus the backoff.
    pub timeout: Duration,
    /// Extra attempts after a failure that may be temporary.
    pub retries: u32,
    /// At most this many requests in flight to one host (host and port);
    /// 0 is taken as 1.
    pub per_host: usize,
    /// At most this many requests in flight overall; 0 is taken as 1.
    pub workers: usize,
    /// The cache file, e.g. `<root>/.calabash/external-links.json`.
    pub cache: Option<PathBuf>,
    /// How long an `Ok` result is trusted without asking again.
    pub cache_ttl: Duration,
    /// The wait before the first retry; each later retry waits twice as
    /// long as the one before.
    pub backoff: Duration,
}

impl Default for LinkCheckOptions {
    fn default() -> Self {
        LinkCheckOptions {
            timeout: Duration::from_secs(10),
            retries: 2,
            per_host: 2,
            workers: 16,
            cache: None,
            cache_ttl: Duration::from_secs(7 * 24 * 60 * 60),
            backoff: Duration::from_millis(500),
        }
    }
}

/// What became of one link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkStatus {
    Ok,
    /// Why, for a person: "404 Not Found", "timed out after 10 s".
    Broken(String),
}

impl LinkStatus {
    pub fn is_ok(&self) -> bool {
        matches!(self, LinkStatus::Ok)
    }
}
