//! Mapping a request's path to a file inside the built site, and nothing
//! else: the preview server must never hand out a file from outside the
//! site folder, whatever a client sends or wherever a symlink points.
//!
//! Two independent defences: the decoded path is refused outright if it
//! could mean anything but a plain walk down the folder tree (`..`, `.`,
//! backslashes, NUL, drive letters, `//host`), and the file finally chosen
//! is canonicalized and must still lie under the canonical site folder.

use std::path::{Component, Path, PathBuf};

/// Why a request's path was refused before looking at the disk (answer 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadRequest(pub &'static str);

/// What a well-formed path leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A regular file under the site folder (canonical path).
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links in its
    /// `index.html` only work from the slash form, so redirect there.
    AddSlash,
    NotFound,
}

/// Resolves `raw_path` (the request target's path, still percent-encoded,
/// query already removed) against the site folder.
pub fn resolve(site_dir: &Path, raw_path: &str) -> Result<Target, BadRequest> {
    // Checked before decoding too: `%2f..` must not become an absolute path.
    if !raw_path.starts_with('/') {
        return Err(BadRequest("path does not start with /"));
    }
    let decoded = decode_path(raw_path)?;
    let segments = segments(&decoded)?;
    // Canonicalized per request: a rebuild swaps the folder in by renaming.
    let Ok(root) = site_dir.canonicalize() else {
        return Ok(Target::NotFound);
    };
    let mut candidate = root.clone();
    for segment in &segments {
        candidate.push(segment);
    }
    let Some(real) = inside(&root, &candidate) else {
        return Ok(Target::NotFound);
    };
    let Ok(meta) = std::fs::metadata(&real) else {
        return Ok(Target::NotFound);
    };
    let wants_folder = decoded.ends_with('/');
    if meta.is_dir() {
        if !wants_folder {
            return Ok(Target::AddSlash);
        }
        return Ok(match inside(&root, &real.join("index.html")) {
            Some(index) if index.is_file() => Target::File(index),
            _ => Target::NotFound,
        });
    }
    if meta.is_file() && !wants_folder {
        return Ok(Target::File(real));
    }
    Ok(Target::NotFound)
}

/// The canonical form of `path` if it exists and lies under `root` (itself
/// canonical): this is what refuses symlinks that lead out of the site.
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    real.starts_with(root).then_some(real)
}

/// Percent-decodes a path, which must then be valid UTF-8. Decoding happens
/// exactly once, so `%252e` stays the three characters `%2e`.
pub fn decode_path(raw: &str) -> Result<String, BadRequest> {
    let bytes = percent_decode(raw, false).ok_or(BadRequest("malformed percent escape"))?;
    String::from_utf8(bytes).map_err(|_| BadRequest("path is not valid UTF-8"))
}

/// The folder names and file name of a decoded path, checked one by one; a
/// trailing slash adds no segment.
pub fn segments(decoded: &str) -> Result<Vec<&str>, BadRequest> {
    let Some(rest) = decoded.strip_prefix('/') else {
        return Err(BadRequest("path does not start with /"));
    };
    if rest.starts_with('/') {
        return Err(BadRequest("path names another host"));
    }
    if decoded.chars().any(char::is_control) {
        return Err(BadRequest("control character in path"));
    }
    if decoded.contains('\\') {
        return Err(BadRequest("backslash in path"));
    }
    let mut parts: Vec<&str> = rest.split('/').collect();
    if parts.last() == Some(&"") {
        parts.pop();
    }
    for part in &parts {
        check_segment(part)?;
    }
    Ok(parts)
}

fn check_segment(segment: &str) -> Result<(), BadRequest> {
    match segment {
        "" => return Err(BadRequest("empty path segment")),
        "." | ".." => return Err(BadRequest("dot segment in path")),
        _ => {}
    }
    let mut chars = segment.chars();
    if let (Some(letter), Some(':')) = (chars.next(), chars.next())
        && letter.is_ascii_alphabetic()
    {
        return Err(BadRequest("drive letter in path"));
    }
    // On Windows a colon also names alternate data streams.
    if cfg!(windows) && segment.contains(':') {
        return Err(BadRequest("colon in path"));
    }
    // Whatever the platform makes of the segment, it must be one plain name.
    let mut components = Path::new(segment).components();
    match (components.next(), components.next()) {
        (Some(Component::Normal(_)), None) => Ok(()),
        _ => Err(BadRequest("path segment is not a plain name")),
    }
}

/// Decodes `%XX` escapes (and `+` as a space in query strings); `None` for
/// a `%` not followed by two hex digits.
pub fn percent_decode(input: &str, plus_as_space: bool) -> Option<Vec<u8>> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let high = hex_value(*bytes.get(i + 1)?)?;
                let low = hex_value(*bytes.get(i + 2)?)?;
                out.push(high << 4 | low);
                i += 3;
            }
            b'+' if plus_as_space => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    Some(out)
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// The `name=value` pairs of a query string, decoded; pairs without `=`
/// have an empty value.
pub fn query_pairs(query: &str) -> Result<Vec<(String, String)>, BadRequest> {
    let decode = |text: &str| {
        percent_decode(text, true)
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or(BadRequest("malformed query string"))
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(name)?, decode(value)?))
        })
        .collect()
}

/// The Content-Type of a file, by its name.
pub fn content_type(file: &Path) -> &'static str {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with("atom.xml") {
        return "application/atom+xml";
    }
    let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        // Including the search index's extensionless gzip shards, which the
        // search page's script unpacks itself.
        _ => "application/octet-stream",
    }
}

/// The address of an output file: `library/x/index.html` is `/library/x/`.
pub fn address_of(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => format!("/{folder}"),
        _ => format!("/{file}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path().join("site");
        std::fs::create_dir_all(site.join("sub")).unwrap();
        std::fs::write(site.join("index.html"), "home").unwrap();
        std::fs::write(site.join("sub/index.html"), "sub").unwrap();
        std::fs::write(site.join("style.css"), "css").unwrap();
        std::fs::create_dir(site.join("empty")).unwrap();
        std::fs::write(temp.path().join("secret.txt"), "secret").unwrap();
        (temp, site)
    }

    fn file(site: &Path, rel: &str) -> Target {
        Target::File(site.canonicalize().unwrap().join(rel))
    }

    #[test]
    fn files_and_folders_resolve_inside_the_site() {
        let (_temp, site) = site();
        assert_eq!(resolve(&site, "/"), Ok(file(&site, "index.html")));
        assert_eq!(resolve(&site, "/sub/"), Ok(file(&site, "sub/index.html")));
        assert_eq!(resolve(&site, "/sub"), Ok(Target::AddSlash));
        assert_eq!(resolve(&site, "/style.css"), Ok(file(&site, "style.css")));
        assert_eq!(resolve(&site, "/%73tyle.css"), Ok(file(&site, "style.css")));
        assert_eq!(resolve(&site, "/style.css/"), Ok(Target::NotFound));
        assert_eq!(resolve(&site, "/missing.html"), Ok(Target::NotFound));
        assert_eq!(resolve(&site, "/empty/"), Ok(Target::NotFound));
        assert_eq!(
            resolve(&site, "/%252e%252e/secret.txt"),
            Ok(Target::NotFound)
        );
    }

    #[test]
    fn traversal_and_odd_forms_are_bad_requests() {
        let (_temp, site) = site();
        for path in [
            "/../secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/sub/../../secret.txt",
            "/./index.html",
            "/.%2e/secret.txt",
            "/..\\secret.txt",
            "/%5c..%5csecret.txt",
            "/%00",
            "/index.html%00.txt",
            "//etc/passwd",
            "/%2f%2fetc/passwd",
            "/C:/Windows/win.ini",
            "/c%3a/secret.txt",
            "/%c0%ae%c0%ae/secret.txt",
            "/%zz",
            "/%4",
            "/a//b",
            "relative",
            "%2fstyle.css",
            "",
        ] {
            assert!(resolve(&site, path).is_err(), "{path} was not refused");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_leading_out_are_not_found() {
        let (temp, site) = site();
        std::os::unix::fs::symlink(temp.path().join("secret.txt"), site.join("out")).unwrap();
        std::os::unix::fs::symlink(temp.path(), site.join("up")).unwrap();
        std::os::unix::fs::symlink(site.join("style.css"), site.join("same.css")).unwrap();
        assert_eq!(resolve(&site, "/out"), Ok(Target::NotFound));
        assert_eq!(resolve(&site, "/up/secret.txt"), Ok(Target::NotFound));
        assert_eq!(resolve(&site, "/up"), Ok(Target::NotFound));
        assert_eq!(resolve(&site, "/same.css"), Ok(file(&site, "style.css")));
        // Links that lead nowhere, or round in a loop, lead to no file.
        std::os::unix::fs::symlink(site.join("missing"), site.join("dangling")).unwrap();
        std::os::unix::fs::symlink(site.join("loop-b"), site.join("loop-a")).unwrap();
        std::os::unix::fs::symlink(site.join("loop-a"), site.join("loop-b")).unwrap();
        std::os::unix::fs::symlink(&site, site.join("sub/self")).unwrap();
        assert_eq!(resolve(&site, "/dangling"), Ok(Target::NotFound));
        assert_eq!(resolve(&site, "/loop-a"), Ok(Target::NotFound));
        assert_eq!(resolve(&site, "/loop-a/x"), Ok(Target::NotFound));
        assert_eq!(
            resolve(&site, "/sub/self/sub/self/style.css"),
            Ok(file(&site, "style.css"))
        );
    }

    #[test]
    fn percent_decoding_is_strict_and_single() {
        assert_eq!(percent_decode("a%20b%2Fc", false).unwrap(), b"a b/c");
        assert_eq!(percent_decode("%252e", false).unwrap(), b"%2e");
        assert_eq!(percent_decode("a+b", true).unwrap(), b"a b");
        assert_eq!(percent_decode("a+b", false).unwrap(), b"a+b");
        assert_eq!(percent_decode("%", false), None);
        assert_eq!(percent_decode("%g0", false), None);
        assert!(decode_path("/caf%C3%A9/").is_ok());
        assert!(decode_path("/%c0%ae").is_err());
    }

    #[test]
    fn query_pairs_decode_names_and_values() {
        assert_eq!(
            query_pairs("q=open+data&filter=topics%3Dinclusion&prefix").unwrap(),
            vec![
                ("q".to_string(), "open data".to_string()),
                ("filter".to_string(), "topics=inclusion".to_string()),
                ("prefix".to_string(), String::new()),
            ]
        );
        assert!(query_pairs("q=%ff").is_err());
    }

    #[test]
    fn content_types_follow_the_file_name() {
        let cases = [
            ("a/atom.xml", "application/atom+xml"),
            ("sitemap.xml", "application/xml"),
            ("event.ics", "text/calendar; charset=utf-8"),
            ("x.MJS", "text/javascript; charset=utf-8"),
            ("search/index/words", "application/octet-stream"),
            ("photo.jpeg", "image/jpeg"),
        ];
        for (name, expected) in cases {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn output_files_have_the_addresses_pages_are_opened_at() {
        assert_eq!(address_of("index.html"), "/");
        assert_eq!(address_of("library/x/index.html"), "/library/x/");
        assert_eq!(address_of("style.css"), "/style.css");
        assert_eq!(address_of("404.html"), "/404.html");
        assert_eq!(address_of("notindex.html"), "/notindex.html");
    }
}
