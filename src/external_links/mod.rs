//! Checking outbound links (`calabash check --external-links`): each
//! distinct URL is requested once, several at a time but politely, and
//! comes back `Ok` or `Broken` with a reason a person can act on.
//!
//! # What is requested
//! Only `http` and `https` URLs are fetched; anything else is
//! `Broken("not an http(s) URL")`. The fragment (`#...`) is dropped before
//! fetching, so `page#a` and `page#b` cost one request, and a URL given
//! twice is checked once. What a browser would escape in the path and
//! query (spaces, letters beyond ASCII) is percent-encoded. Each URL is asked with `HEAD` first, which costs
//! the server nothing but headers. When `HEAD` is refused (a 4xx other
//! than 408 and 429, a 501, or a 3xx that is not a redirect) the URL is
//! asked again with `GET`, which decides, since some servers answer `HEAD`
//! with 403, 404, 405 or 501 although the page is there. A `GET` never reads
//! the body. Redirects are followed, up to ten. Requests carry a
//! `User-Agent` naming calabash and its version, and go through the proxy
//! named by the usual environment variables, if any.
//!
//! # What counts as Ok
//! - any 2xx, after following redirects;
//! - 401 and 403 after `GET`: the page exists but wants a login (or keeps
//!   robots out), which is not something the author can fix by editing
//!   the link, so it is not reported.
//!
//! Everything else is `Broken`: any other status ("404 Not Found"), a
//! timeout ("timed out after 10 s"), a host that does not resolve
//! ("cannot resolve host example.invalid"), a refused connection, a TLS
//! failure, "too many redirects".
//!
//! # What is retried
//! Failures that may pass are tried again, up to `retries` more times,
//! waiting `backoff`, then twice that, and so on (at most 30 s a wait):
//! timeouts, refused or dropped connections, 408, 429 and 5xx (but 501).
//! When such an answer (usually 429 or 503) carries `Retry-After:
//! <seconds>`, that wait is taken instead (again at most 30 s). If `HEAD` still gets a 5xx after the last retry,
//! one `GET` has the last word, for servers that only fail on `HEAD`.
//! Answers that will not change by asking again (404, 410, an unknown
//! host, too many redirects) are not retried.
//!
//! # Politeness
//! At most `workers` requests are in flight overall and at most
//! `per_host` to any one host, where the host is the host name and port
//! (`http://example.org` and `https://example.org` are two hosts, on ports
//! 80 and 443). A URL waiting to be retried keeps its place against its
//! host, so a host that asks for a pause gets one. Redirects to another
//! host count against the host of the URL as written.
//!
//! # The cache
//! With `cache` set, results are kept in a small JSON file, an object
//! from URL (without fragment) to `{"ok", "reason", "checked_at"}` (Unix
//! seconds). An `Ok` younger than `cache_ttl` is trusted and not fetched
//! again; a `Broken` result is always checked again, so a link fixed at
//! the other end stops being reported at once. After a run the file keeps
//! the URLs checked in this run and the other `Ok` entries that are still
//! fresh (they may belong to pages not checked this time); expired and
//! broken entries for URLs not in this run are dropped, so the file does
//! not grow forever. It is written to a temporary file and renamed over
//! the old one. A missing, unreadable or corrupt cache is treated as
//! empty, and a cache that cannot be written is skipped: it only saves
//! time, so it never makes the check fail.

mod cache;
mod fetch;
mod options;
mod pool;
mod target;

use std::collections::{BTreeMap, HashSet};
use std::time::{SystemTime, UNIX_EPOCH};

use cache::LinkCache;
use target::Target;

pub use options::{LinkCheckOptions, LinkStatus};

/// Checks `urls` and returns the status of each, keyed by the URL exactly
/// as given (fragment and all). See the module documentation for what is
/// requested, what counts as Ok, what is retried and what the cache keeps.
pub fn check_urls(urls: &[String], options: &LinkCheckOptions) -> BTreeMap<String, LinkStatus> {
    let mut cache = match &options.cache {
        Some(path) => LinkCache::load(path),
        None => LinkCache::default(),
    };
    let started = unix_now();

    // Each input names a target or is rejected outright; targets are
    // deduplicated on the URL that is actually fetched.
    let mut targets: BTreeMap<String, Target> = BTreeMap::new();
    let parsed: Vec<Result<String, String>> = urls
        .iter()
        .map(|url| {
            let target = Target::parse(url)?;
            let fetch_url = target.fetch_url.clone();
            targets.entry(fetch_url.clone()).or_insert(target);
            Ok(fetch_url)
        })
        .collect();

    let (cached, to_fetch): (Vec<Target>, Vec<Target>) = targets
        .into_values()
        .partition(|target| cache.is_fresh_ok(&target.fetch_url, started, options.cache_ttl));

    let agent = fetch::new_agent(options.timeout);
    let checked = pool::run_per_host(
        to_fetch,
        options.workers,
        options.per_host,
        |target| target.host.as_str(),
        |target| fetch::check(&agent, target, options),
    );

    let mut by_fetch_url: BTreeMap<String, LinkStatus> = cached
        .into_iter()
        .map(|target| (target.fetch_url, LinkStatus::Ok))
        .collect();
    let finished = unix_now();
    for (target, status) in checked {
        cache.record(&target.fetch_url, &status, finished);
        by_fetch_url.insert(target.fetch_url, status);
    }

    if let Some(path) = &options.cache {
        let seen: HashSet<&str> = by_fetch_url.keys().map(String::as_str).collect();
        cache.prune(&seen, finished, options.cache_ttl);
        // The cache only saves time: a run whose cache cannot be written
        // is still a complete run.
        let _ = cache.save(path);
    }

    urls.iter()
        .zip(parsed)
        .map(|(url, fetch_url)| {
            let status = match fetch_url {
                // Every target was either cached or fetched, so the lookup
                // cannot miss; the fallback only keeps this panic-free.
                Ok(fetch_url) => by_fetch_url
                    .get(&fetch_url)
                    .cloned()
                    .unwrap_or_else(|| LinkStatus::Broken("not checked".to_string())),
                Err(reason) => LinkStatus::Broken(reason),
            };
            (url.clone(), status)
        })
        .collect()
}

/// Seconds since the Unix epoch; a clock before 1970 reads as 0, which
/// only makes cached entries look old.
fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}
