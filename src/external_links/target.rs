//! From a URL as written in content to what is fetched: the fragment
//! dropped, characters a request line cannot carry percent-encoded, and the
//! host (name and port) whose request limit it counts against.

use ureq::http::Uri;

/// One distinct URL to fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Target {
    /// The URL sent: no fragment, nothing that needs escaping left raw.
    pub fetch_url: String,
    /// `name:port` in lower case, the default port filled in: what the
    /// per-host limit counts.
    pub host: String,
    /// The host name alone, for messages.
    pub host_name: String,
}

impl Target {
    /// Reads `url`, or says why it cannot be fetched.
    pub fn parse(url: &str) -> Result<Target, String> {
        let without_fragment = url.trim().split('#').next().unwrap_or_default();
        let scheme_end = without_fragment.find("://").unwrap_or(0);
        let scheme = without_fragment[..scheme_end].to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return Err("not an http(s) URL".to_string()),
        };
        let fetch_url = escape_after_authority(without_fragment, scheme_end + 3);
        let uri: Uri = fetch_url
            .parse()
            .map_err(|_| format!("not a valid URL: {url}"))?;
        let host_name = match uri.host() {
            Some(host) if !host.is_empty() => host.to_ascii_lowercase(),
            _ => return Err(format!("not a valid URL (no host): {url}")),
        };
        let port = uri.port_u16().unwrap_or(default_port);
        Ok(Target {
            host: format!("{host_name}:{port}"),
            host_name,
            fetch_url,
        })
    }
}

/// Percent-encodes, in the path and query, the bytes a browser would
/// encode before sending: anything not ASCII (`/wiki/Straße`), spaces and
/// the few ASCII characters a request target may not hold. Links are
/// written for browsers, which accept them raw; the HTTP client does not.
/// The authority is left alone: a host name that needs this is not valid.
fn escape_after_authority(url: &str, authority_start: usize) -> String {
    let path_start = url[authority_start..]
        .find(['/', '?'])
        .map_or(url.len(), |offset| authority_start + offset);
    let (head, rest) = url.split_at(path_start);
    let mut escaped = String::with_capacity(url.len());
    escaped.push_str(head);
    for byte in rest.bytes() {
        if byte.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&byte) {
            escaped.push(char::from(byte));
        } else {
            escaped.push_str(&format!("%{byte:02X}"));
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fragment_is_not_fetched_and_the_host_has_its_port() {
        let target = Target::parse("https://Example.org/report.pdf#page=3").unwrap();
        assert_eq!(target.fetch_url, "https://Example.org/report.pdf");
        assert_eq!(target.host, "example.org:443");
        assert_eq!(target.host_name, "example.org");
        let target = Target::parse("http://example.org:8080?q=1").unwrap();
        assert_eq!(target.host, "example.org:8080");
        assert_eq!(
            Target::parse("HTTP://example.org/").unwrap().host,
            "example.org:80"
        );
    }

    #[test]
    fn only_http_and_https_are_fetched() {
        for url in [
            "mailto:a@example.org",
            "ftp://example.org/",
            "/local",
            "",
            "#top",
            "://x",
        ] {
            assert_eq!(
                Target::parse(url),
                Err("not an http(s) URL".to_string()),
                "{url}"
            );
        }
        for url in ["http://", "https:///path", "http://exa mple.org/"] {
            assert!(
                Target::parse(url)
                    .unwrap_err()
                    .starts_with("not a valid URL"),
                "{url}"
            );
        }
    }

    #[test]
    fn what_browsers_escape_is_escaped() {
        let target = Target::parse("https://de.example.org/wiki/Straße?q=a b|c").unwrap();
        assert_eq!(
            target.fetch_url,
            "https://de.example.org/wiki/Stra%C3%9Fe?q=a%20b%7Cc"
        );
        // Already escaped stays as it was.
        let target = Target::parse("https://example.org/a%20b").unwrap();
        assert_eq!(target.fetch_url, "https://example.org/a%20b");
    }
}
