//! The external link checker against real servers on loopback: what counts
//! as broken, the HEAD-then-GET fallback, redirects, retries, timeouts, the
//! per-host limit, the cache and deduplication.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use calabash::external_links::{LinkCheckOptions, LinkStatus, check_urls};

use crate::support::link_server::{Counter, InFlight, Reply, Seen, TestServer};

/// Quick options for loopback: short timeout, millisecond backoff.
fn quick() -> LinkCheckOptions {
    LinkCheckOptions {
        timeout: Duration::from_secs(2),
        retries: 2,
        per_host: 4,
        workers: 8,
        cache: None,
        cache_ttl: Duration::from_secs(3600),
        backoff: Duration::from_millis(5),
    }
}

fn check(urls: &[String], options: &LinkCheckOptions) -> BTreeMap<String, LinkStatus> {
    let results = check_urls(urls, options);
    assert_eq!(
        results.len(),
        urls.iter().collect::<std::collections::BTreeSet<_>>().len()
    );
    results
}

fn check_one(url: &str, options: &LinkCheckOptions) -> LinkStatus {
    let mut results = check(&[url.to_string()], options);
    results.remove(url).expect("a status for the URL")
}

fn reason(status: &LinkStatus) -> &str {
    match status {
        LinkStatus::Ok => panic!("expected a broken link, got Ok"),
        LinkStatus::Broken(reason) => reason,
    }
}

/// The usual paths: a page, a missing one, a gone one, and redirects.
fn site(seen: &Seen) -> Reply {
    match seen.path.as_str() {
        "/ok" => Reply::status(200),
        "/missing" => Reply::status(404),
        "/gone" => Reply::status(410),
        "/members" => Reply::status(403),
        "/moved" => Reply::redirect(301, "/ok"),
        "/moved-away" => Reply::redirect(302, "/missing"),
        "/loop" => Reply::redirect(301, "/loop"),
        "/head-refused" | "/head-missing" if seen.method == "HEAD" => {
            Reply::status(if seen.path == "/head-refused" {
                405
            } else {
                404
            })
        }
        "/head-refused" | "/head-missing" => Reply::status(200),
        _ => Reply::status(500),
    }
}

#[test]
fn statuses_decide_ok_or_broken() {
    let server = TestServer::start(site);
    let urls: Vec<String> = ["/ok", "/missing", "/gone", "/members"]
        .map(|path| server.url(path))
        .to_vec();
    let results = check(&urls, &quick());
    assert_eq!(results[&urls[0]], LinkStatus::Ok);
    assert_eq!(reason(&results[&urls[1]]), "404 Not Found");
    assert_eq!(reason(&results[&urls[2]]), "410 Gone");
    assert_eq!(
        results[&urls[3]],
        LinkStatus::Ok,
        "a page behind a login is not broken"
    );
    // 404 and 410 are final: HEAD, then GET to confirm, and no retry.
    assert_eq!(server.methods_for("/missing"), ["HEAD", "GET"]);
    assert_eq!(server.methods_for("/gone"), ["HEAD", "GET"]);
    assert_eq!(server.methods_for("/ok"), ["HEAD"], "a good HEAD is enough");
    let version = concat!("calabash/", env!("CARGO_PKG_VERSION"));
    for seen in server.requests() {
        assert!(seen.user_agent.starts_with(version), "{seen:?}");
    }
}

#[test]
fn a_refused_head_is_asked_again_with_get() {
    let server = TestServer::start(site);
    let urls = vec![server.url("/head-refused"), server.url("/head-missing")];
    let results = check(&urls, &quick());
    assert!(results.values().all(LinkStatus::is_ok), "{results:?}");
    assert_eq!(server.methods_for("/head-refused"), ["HEAD", "GET"]);
    assert_eq!(server.methods_for("/head-missing"), ["HEAD", "GET"]);
}

#[test]
fn redirects_are_followed_to_their_end() {
    let server = TestServer::start(site);
    let urls = vec![
        server.url("/moved"),
        server.url("/moved-away"),
        server.url("/loop"),
    ];
    let results = check(&urls, &quick());
    assert_eq!(results[&urls[0]], LinkStatus::Ok);
    assert!(reason(&results[&urls[1]]).contains("404"), "{results:?}");
    assert_eq!(reason(&results[&urls[2]]), "too many redirects");
    assert!(server.count("/ok") >= 1, "the redirect was followed");
}

#[test]
fn temporary_failures_are_retried_with_backoff() {
    let counter = Counter::default();
    let server = TestServer::start(move |seen| {
        let earlier = counter.next(&seen.path);
        match seen.path.as_str() {
            "/flaky" | "/flaky-no-retry" if earlier < 2 => Reply::status(503),
            "/busy" if earlier == 0 => Reply::status(429).with("Retry-After", "0"),
            "/slow-down" if earlier == 0 => Reply::status(429).with("Retry-After", "1"),
            "/down" => Reply::status(503),
            _ => Reply::status(200),
        }
    });
    let flaky = server.url("/flaky");
    assert_eq!(check_one(&flaky, &quick()), LinkStatus::Ok);
    assert_eq!(server.methods_for("/flaky"), ["HEAD", "HEAD", "HEAD"]);

    let once = server.url("/flaky-no-retry");
    let no_retries = LinkCheckOptions {
        retries: 0,
        ..quick()
    };
    assert_eq!(
        reason(&check_one(&once, &no_retries)),
        "503 Service Unavailable"
    );
    // With no retries left, GET has the last word on a 5xx to HEAD.
    assert_eq!(server.methods_for("/flaky-no-retry"), ["HEAD", "GET"]);

    // Waits of 100 ms then 200 ms between the three HEADs.
    let down = server.url("/down");
    let patient = LinkCheckOptions {
        backoff: Duration::from_millis(100),
        ..quick()
    };
    let started = Instant::now();
    assert!(reason(&check_one(&down, &patient)).contains("503"));
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.methods_for("/down"), ["HEAD", "HEAD", "HEAD", "GET"]);

    // Retry-After: 0 is taken over a long backoff ...
    let busy = server.url("/busy");
    let slow_backoff = LinkCheckOptions {
        backoff: Duration::from_secs(20),
        ..quick()
    };
    let started = Instant::now();
    assert_eq!(check_one(&busy, &slow_backoff), LinkStatus::Ok);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.count("/busy"), 2);
    // ... and Retry-After: 1 over a short one.
    let slow_down = server.url("/slow-down");
    let started = Instant::now();
    assert_eq!(check_one(&slow_down, &quick()), LinkStatus::Ok);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_slow_server_times_out_in_bounded_time() {
    let server = TestServer::start(|_| {
        thread::sleep(Duration::from_secs(3));
        Reply::status(200)
    });
    let slow = server.url("/slow");
    let options = LinkCheckOptions {
        timeout: Duration::from_millis(200),
        retries: 1,
        ..quick()
    };
    let started = Instant::now();
    let status = check_one(&slow, &options);
    let elapsed = started.elapsed();
    assert_eq!(reason(&status), "timed out after 200 ms");
    // Two attempts of 200 ms and a short backoff, far from the 3 s sleep.
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
    assert_eq!(server.methods_for("/slow"), ["HEAD", "HEAD"]);
}

/// A server whose every answer takes `delay`, counting requests in flight
/// on its own and, with `shared`, across servers.
fn slow_server(delay: Duration, own: Arc<InFlight>, shared: Arc<InFlight>) -> TestServer {
    TestServer::start(move |_| {
        let _own = own.enter();
        let _shared = shared.enter();
        thread::sleep(delay);
        Reply::status(200)
    })
}

#[test]
fn requests_to_one_host_are_capped_but_concurrent() {
    for per_host in [1, 2] {
        let in_flight = Arc::new(InFlight::default());
        let unused = Arc::new(InFlight::default());
        let server = slow_server(Duration::from_millis(100), in_flight.clone(), unused);
        let count = if per_host == 1 { 6 } else { 20 };
        let urls: Vec<String> = (0..count)
            .map(|i| server.url(&format!("/page/{i}")))
            .collect();
        let options = LinkCheckOptions {
            per_host,
            workers: 16,
            ..quick()
        };
        let results = check(&urls, &options);
        assert!(results.values().all(LinkStatus::is_ok));
        assert_eq!(server.requests().len(), count);
        assert_eq!(in_flight.most(), per_host, "per_host = {per_host}");
    }
}

#[test]
fn different_hosts_are_served_at_the_same_time() {
    // A host is a name and a port, so two servers on two ports are two hosts.
    let both = Arc::new(InFlight::default());
    let (first, second) = (Arc::new(InFlight::default()), Arc::new(InFlight::default()));
    let delay = Duration::from_millis(100);
    let server_one = slow_server(delay, first.clone(), both.clone());
    let server_two = slow_server(delay, second.clone(), both.clone());
    let urls: Vec<String> = (0..5)
        .flat_map(|i| {
            [
                server_one.url(&format!("/{i}")),
                server_two.url(&format!("/{i}")),
            ]
        })
        .collect();
    let options = LinkCheckOptions {
        per_host: 1,
        workers: 4,
        ..quick()
    };
    let started = Instant::now();
    let results = check(&urls, &options);
    assert!(results.values().all(LinkStatus::is_ok));
    assert_eq!(
        (first.most(), second.most()),
        (1, 1),
        "one at a time per host"
    );
    assert_eq!(both.most(), 2, "both hosts at once");
    // Ten requests of 100 ms two at a time: about 500 ms, not 1 s.
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_cache_skips_good_links_and_rechecks_the_rest() {
    let server = TestServer::start(site);
    let folder = tempfile::tempdir().unwrap();
    let cache = folder.path().join(".calabash/external-links.json");
    let urls = vec![server.url("/ok"), server.url("/missing")];
    let options = LinkCheckOptions {
        cache: Some(cache.clone()),
        ..quick()
    };
    let first = check(&urls, &options);
    assert_eq!((server.count("/ok"), server.count("/missing")), (1, 2));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    assert_eq!(json[&urls[0]]["ok"], true);
    assert_eq!(json[&urls[1]]["reason"], "404 Not Found");

    let second = check(&urls, &options);
    assert_eq!(first, second);
    assert_eq!(server.count("/ok"), 1, "a fresh good result is trusted");
    assert_eq!(server.count("/missing"), 4, "a broken one is checked again");

    let expired = LinkCheckOptions {
        cache_ttl: Duration::ZERO,
        ..options.clone()
    };
    assert_eq!(check(&urls, &expired), first);
    assert_eq!(server.count("/ok"), 2, "an expired result is fetched again");

    std::fs::write(&cache, "{ not json").unwrap();
    assert_eq!(check(&urls, &options), first);
    assert_eq!(server.count("/ok"), 3, "a corrupt cache is ignored");
    let repaired: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    assert_eq!(
        repaired[&urls[0]]["ok"], true,
        "and replaced by a sound one"
    );
}

#[test]
fn each_url_is_fetched_once_whatever_its_fragment() {
    let server = TestServer::start(site);
    let page = server.url("/ok");
    let urls = vec![
        page.clone(),
        page.clone(),
        format!("{page}#intro"),
        format!("{page}#method"),
    ];
    let results = check(&urls, &quick());
    assert_eq!(results.len(), 3);
    assert!(results.values().all(LinkStatus::is_ok));
    assert_eq!(server.count("/ok"), 1);
}

#[test]
fn what_cannot_be_fetched_is_broken_without_a_panic() {
    let options = LinkCheckOptions {
        timeout: Duration::from_secs(1),
        retries: 0,
        ..quick()
    };
    let urls: Vec<String> = [
        "http://nonexistent.invalid/",
        "mailto:someone@example.org",
        "ftp://example.org/file",
        "",
        "http://",
        "https://exa mple.org/",
        "http://127.0.0.1:1/",
    ]
    .map(String::from)
    .to_vec();
    let started = Instant::now();
    let results = check(&urls, &options);
    assert!(started.elapsed() < Duration::from_secs(5));
    let unresolved = reason(&results["http://nonexistent.invalid/"]);
    assert!(
        unresolved == "cannot resolve host nonexistent.invalid"
            || unresolved.starts_with("timed out"),
        "{unresolved}"
    );
    assert_eq!(
        reason(&results["mailto:someone@example.org"]),
        "not an http(s) URL"
    );
    assert_eq!(
        reason(&results["ftp://example.org/file"]),
        "not an http(s) URL"
    );
    assert_eq!(reason(&results[""]), "not an http(s) URL");
    assert!(reason(&results["http://"]).starts_with("not a valid URL"));
    assert!(reason(&results["https://exa mple.org/"]).starts_with("not a valid URL"));
    assert_eq!(
        reason(&results["http://127.0.0.1:1/"]),
        "connection refused"
    );
    assert!(check_urls(&[], &options).is_empty());
}
