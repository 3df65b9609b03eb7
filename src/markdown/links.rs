//! Link and image destinations of Markdown bodies: `@/collection/slug.md`
//! links resolved to URLs, paths from the site root given the base path of
//! `base_url`, script-running schemes neutralised, and every link recorded
//! so that it can be checked.

use std::ops::Range;

use super::rendered::{InternalLink, Rendered, UrlLink};
use crate::config::Config;

/// What `rewrite_url` makes of a destination.
pub fn rewrite_url(dest: &str, span: Range<usize>, config: &Config, out: &mut Rendered) -> String {
    let record = |url: &str| UrlLink {
        url: url.to_string(),
        span: span.clone(),
    };
    if is_site_path(dest) {
        out.site_paths.push(record(dest));
        return config.url(dest);
    }
    if is_outside_address(dest) {
        out.external.push(record(dest));
    }
    if let Some(rest) = dest.strip_prefix("@/") {
        return internal_link(rest, span, config, out);
    }
    if is_safe_url(dest) {
        dest.to_string()
    } else {
        "#".to_string()
    }
}

/// `collection/slug.md#anchor`: the entry's URL, and the link recorded.
pub fn internal_link(
    rest: &str,
    span: Range<usize>,
    config: &Config,
    out: &mut Rendered,
) -> String {
    let link = parse_internal(rest, span);
    let url = entry_url(&link, |c| config.collection(c).map(|c| config.url(&c.path)));
    out.links.push(link);
    url
}

/// The parts of `collection/slug.md#anchor`.
pub fn parse_internal(rest: &str, span: Range<usize>) -> InternalLink {
    let (path, anchor) = match rest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (rest, None),
    };
    let (collection, file) = path.split_once('/').unwrap_or(("", path));
    InternalLink {
        collection: collection.to_string(),
        slug: file.strip_suffix(".md").unwrap_or(file).to_string(),
        anchor,
        span,
    }
}

/// The URL of a linked entry, given the URL of each collection (with the
/// base path); `#` for a collection the site does not have.
pub fn entry_url(link: &InternalLink, collection_url: impl Fn(&str) -> Option<String>) -> String {
    let base = collection_url(&link.collection)
        .map(|url| format!("{url}{}/", link.slug))
        .unwrap_or_else(|| "#".into());
    match &link.anchor {
        Some(a) => format!("{base}#{a}"),
        None => base,
    }
}

/// A path from the site root (`/documents/a.pdf`), which the site's base
/// path must be put before.
pub fn is_site_path(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\")
}

/// Whether a URL is an `http://` or `https://` address on another host.
pub fn is_outside_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Whether fetching the URL asks another host: an `http(s)://` address or a
/// protocol-relative `//host/...` (browsers read `\` as `/` there).
pub fn is_other_host(url: &str) -> bool {
    let trimmed = url.trim_start();
    is_outside_address(trimmed)
        || ["//", "\\\\", "/\\", "\\/"]
            .iter()
            .any(|p| trimmed.starts_with(p))
}

/// Relative URLs and a few harmless schemes only: no `javascript:`, `data:`...
pub fn is_safe_url(url: &str) -> bool {
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match trimmed.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto" | "tel"
            )
        }
        _ => true,
    }
}

/// The host an outside address names, for messages.
pub fn host_of(url: &str) -> &str {
    let rest = url
        .trim_start()
        .split_once("//")
        .map_or(url, |(_, rest)| rest);
    rest.split(['/', '\\', '?', '#']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_hosts_include_protocol_relative_addresses() {
        for url in [
            "https://x.org/a.png",
            "HTTP://x.org/a.png",
            "//x.org/a.png",
            " //x.org/a.png",
            "\\\\x.org/a.png",
            "/\\x.org/a.png",
        ] {
            assert!(is_other_host(url), "{url}");
            assert!(!is_site_path(url.trim_start()), "{url}");
        }
        for url in ["/images/a.png", "images/a.png", "../a.png", "#top"] {
            assert!(!is_other_host(url), "{url}");
        }
        assert_eq!(host_of("https://x.org/a.png"), "x.org");
        assert_eq!(host_of("//cdn.x.org"), "cdn.x.org");
    }
}
