//! Checking one URL: `HEAD`, then `GET` when `HEAD` is not answered with
//! a success, retrying what may be temporary with exponential backoff, and
//! turning what went wrong into a reason a person can read.

use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread;
use std::time::Duration;

use ureq::http::{HeaderMap, StatusCode};
use ureq::{Agent, Error};

use super::options::{LinkCheckOptions, LinkStatus};
use super::target::Target;

/// Redirects followed before giving up: enough for http → https → the
/// canonical host → a moved page, short of any loop.
const MAX_REDIRECTS: u32 = 10;
/// The longest wait before a retry, whatever the backoff or the server's
/// `Retry-After` asks: a link check should not stall on one host.
const MAX_WAIT: Duration = Duration::from_secs(30);
const USER_AGENT: &str = concat!(
    "calabash/",
    env!("CARGO_PKG_VERSION"),
    " (external link check)"
);

/// The HTTP client for one run, shared by all workers (and so its pool of
/// open connections).
pub(crate) fn new_agent(timeout: Duration) -> Agent {
    Agent::config_builder()
        // Statuses are judged here, not turned into errors.
        .http_status_as_error(false)
        .max_redirects(MAX_REDIRECTS)
        .timeout_global(Some(timeout))
        .user_agent(USER_AGENT)
        .build()
        .new_agent()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Head,
    Get,
}

/// What one request says about the link.
#[derive(Debug)]
enum Answer {
    Ok,
    /// `HEAD` was not answered with a success: `GET` decides.
    AskWithGet,
    /// Asking again will not change this.
    Broken(String),
    /// This may pass: worth another try.
    Temporary {
        reason: String,
        /// How long the server asked us to wait (`Retry-After`).
        wait: Option<Duration>,
        /// A 5xx, which some servers give to `HEAD` alone.
        server_error: bool,
    },
}

/// Checks one target, with the retries `options` allow. Never panics: a
/// panic in the HTTP client becomes a broken link with that reason.
pub(crate) fn check(agent: &Agent, target: &Target, options: &LinkCheckOptions) -> LinkStatus {
    catch_unwind(AssertUnwindSafe(|| {
        check_with_retries(agent, target, options)
    }))
    .unwrap_or_else(|_| {
        LinkStatus::Broken("the HTTP client failed unexpectedly on this URL".to_string())
    })
}

fn check_with_retries(agent: &Agent, target: &Target, options: &LinkCheckOptions) -> LinkStatus {
    let mut method = Method::Head;
    let mut failures = 0u32;
    loop {
        match ask(agent, target, method, options.timeout) {
            Answer::Ok => return LinkStatus::Ok,
            Answer::Broken(reason) => return LinkStatus::Broken(reason),
            Answer::AskWithGet => method = Method::Get,
            Answer::Temporary {
                reason,
                wait,
                server_error,
            } => {
                if failures >= options.retries {
                    if method == Method::Head && server_error {
                        // The last word goes to GET, once: the method then
                        // stays GET, so this branch cannot repeat.
                        method = Method::Get;
                        continue;
                    }
                    return LinkStatus::Broken(reason);
                }
                let delay = wait.unwrap_or_else(|| backoff(options.backoff, failures));
                thread::sleep(delay.min(MAX_WAIT));
                failures += 1;
            }
        }
    }
}

/// `first`, doubled for each failure before this one.
fn backoff(first: Duration, failures: u32) -> Duration {
    let factor = 2u32.saturating_pow(failures);
    first.checked_mul(factor).unwrap_or(MAX_WAIT)
}

fn ask(agent: &Agent, target: &Target, method: Method, timeout: Duration) -> Answer {
    let url = target.fetch_url.as_str();
    let result = match method {
        Method::Head => agent.head(url).call(),
        // The body is never read: the status is all that counts, and
        // dropping the response closes the connection.
        Method::Get => agent.get(url).call(),
    };
    match result {
        Ok(response) => judge_status(response.status(), response.headers(), method),
        Err(error) => judge_error(error, target, timeout),
    }
}

/// What a status (after redirects) says, asked with `method`.
fn judge_status(status: StatusCode, headers: &HeaderMap, method: Method) -> Answer {
    if status.is_success() {
        return Answer::Ok;
    }
    let code = status.as_u16();
    let reason = match status.canonical_reason() {
        Some(text) => format!("{code} {text}"),
        None => code.to_string(),
    };
    match code {
        408 | 429 => Answer::Temporary {
            reason,
            wait: retry_after(headers),
            server_error: false,
        },
        500..=599 if code != 501 => Answer::Temporary {
            reason,
            wait: retry_after(headers),
            server_error: true,
        },
        _ if method == Method::Head => Answer::AskWithGet,
        // A page behind a login (or closed to robots) exists: not broken.
        401 | 403 => Answer::Ok,
        _ => Answer::Broken(reason),
    }
}

/// `Retry-After` in seconds; the HTTP-date form is rare enough that the
/// usual backoff serves instead.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?;
    let seconds: u64 = value.trim().parse().ok()?;
    Some(Duration::from_secs(seconds).min(MAX_WAIT))
}

fn judge_error(error: Error, target: &Target, timeout: Duration) -> Answer {
    let temporary = |reason: String| Answer::Temporary {
        reason,
        wait: None,
        server_error: false,
    };
    // A name that does not resolve now almost never resolves a moment
    // later: asking again would only slow the run.
    let unresolved = || Answer::Broken(format!("cannot resolve host {}", target.host_name));
    match error {
        Error::Timeout(_) => temporary(format!("timed out after {}", human_duration(timeout))),
        Error::HostNotFound => unresolved(),
        Error::Io(io_error) if is_lookup_failure(&io_error) => unresolved(),
        Error::Io(io_error) => temporary(describe_io_error(&io_error)),
        Error::ConnectionFailed => temporary("connection failed".to_string()),
        Error::TooManyRedirects => Answer::Broken("too many redirects".to_string()),
        Error::RedirectFailed => Answer::Broken("a redirect could not be followed".to_string()),
        Error::BadUri(detail) => Answer::Broken(format!("not a valid URL: {detail}")),
        Error::Tls(detail) => Answer::Broken(format!("TLS error: {detail}")),
        Error::Rustls(detail) => Answer::Broken(format!("TLS error: {detail}")),
        Error::Protocol(detail) => Answer::Broken(format!("bad HTTP response: {detail}")),
        other => Answer::Broken(other.to_string()),
    }
}

/// Whether the system resolver failed on the name. The client passes the
/// resolver's error on as a plain I/O error, whose kind is not public, so
/// the standard library's wording is the only sign.
fn is_lookup_failure(error: &io::Error) -> bool {
    error
        .to_string()
        .contains("failed to lookup address information")
}

fn describe_io_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted => {
            "connection reset by the server".to_string()
        }
        io::ErrorKind::UnexpectedEof => "the server closed the connection early".to_string(),
        io::ErrorKind::TimedOut => "the connection timed out".to_string(),
        _ => format!("connection failed: {error}"),
    }
}

/// "10 s" for whole seconds, "250 ms" otherwise.
fn human_duration(duration: Duration) -> String {
    if duration.subsec_millis() == 0 && duration.as_secs() > 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_saturates() {
        let first = Duration::from_millis(100);
        assert_eq!(backoff(first, 0), first);
        assert_eq!(backoff(first, 1), Duration::from_millis(200));
        assert_eq!(backoff(first, 3), Duration::from_millis(800));
        assert_eq!(backoff(Duration::MAX, 5), MAX_WAIT);
        assert!(backoff(first, u32::MAX) >= MAX_WAIT);
    }

    #[test]
    fn statuses_are_judged_by_method() {
        let none = HeaderMap::new();
        let judge =
            |code: u16, method| judge_status(StatusCode::from_u16(code).unwrap(), &none, method);
        assert!(matches!(judge(204, Method::Head), Answer::Ok));
        assert!(matches!(judge(405, Method::Head), Answer::AskWithGet));
        assert!(matches!(judge(501, Method::Head), Answer::AskWithGet));
        assert!(matches!(judge(403, Method::Head), Answer::AskWithGet));
        assert!(matches!(judge(403, Method::Get), Answer::Ok));
        assert!(matches!(judge(401, Method::Get), Answer::Ok));
        assert!(matches!(judge(410, Method::Get), Answer::Broken(r) if r == "410 Gone"));
        assert!(matches!(judge(501, Method::Get), Answer::Broken(_)));
        assert!(
            matches!(judge(599, Method::Get), Answer::Temporary { reason, .. } if reason == "599")
        );
        assert!(matches!(
            judge(503, Method::Head),
            Answer::Temporary {
                server_error: true,
                ..
            }
        ));
        assert!(matches!(
            judge(429, Method::Head),
            Answer::Temporary {
                server_error: false,
                ..
            }
        ));
    }

    #[test]
    fn retry_after_is_read_in_seconds_and_capped() {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", " 3 ".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert("retry-after", "86400".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(MAX_WAIT));
        headers.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(Duration::from_secs(10)), "10 s");
        assert_eq!(human_duration(Duration::from_millis(250)), "250 ms");
        assert_eq!(human_duration(Duration::from_millis(1500)), "1500 ms");
    }
}
