//! Whether a site path can become a file of the output folder. A site path
//! written in `site.toml` or front matter (`/old/path/`) is checked as
//! written, escapes included, and every file the build plans to write
//! (`library/x/index.html`) is checked again as a name on disk.
//!
//! A path passes only if it is a plain walk down the output folder on every
//! system a site is deployed from: no `.` or `..` segment (also encoded, in
//! any case, or encoded twice), no empty segment, no hidden segment, no
//! backslash or control character, none of the characters or device names
//! Windows refuses, and nothing under the folders the preview server and
//! the search index own.

use std::path::{Component, Path};

use unicode_normalization::UnicodeNormalization;

/// The folder under which the preview server answers by itself.
pub const PREVIEW_FOLDER: &str = "__calabash";
/// Where the exported search index lives in the published site.
pub const SEARCH_INDEX_FOLDER: &str = "search/index";

/// Why a path cannot be part of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsafe {
    /// Completes "… is not a safe path: " (`it has a `..` segment`).
    pub reason: String,
}

impl Unsafe {
    fn new(reason: impl Into<String>) -> Self {
        Unsafe {
            reason: reason.into(),
        }
    }
}

/// How many times a written segment is percent-decoded while looking for a
/// hidden `..` or separator: servers and proxies decode once, some twice.
const DECODE_DEPTH: usize = 3;

/// The longest name most file systems accept, in bytes.
const MAX_SEGMENT: usize = 255;

/// Names Windows reserves for devices, whatever extension follows.
const DEVICE_NAMES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Checks a site path as written by a person: `/practice/`, `/old/page.html`,
/// `/caf%C3%A9/`. It starts with `/`, uses letters, digits and `- . _ ~ %`,
/// and each segment, decoded, is a safe name (`check_segment`).
pub fn check_site_path(path: &str) -> Result<(), Unsafe> {
    if !path.starts_with('/') {
        return Err(Unsafe::new("it does not start with `/`"));
    }
    if path.contains("//") {
        return Err(Unsafe::new("it has an empty segment (`//`)"));
    }
    if let Some(c) = path.chars().find(|&c| !is_written_char(c)) {
        return Err(Unsafe::new(format!("it contains {}", describe(c))));
    }
    let rest = &path[1..];
    let segments = rest.strip_suffix('/').unwrap_or(rest);
    if segments.is_empty() {
        return Ok(());
    }
    segments.split('/').try_for_each(check_written_segment)?;
    check_reserved(&decode(segments).unwrap_or_else(|| segments.to_string()))
}

/// Checks an alias: a safe site path where a redirecting page can stand,
/// a folder (`/old/path/`) or an HTML page (`/old/page.html`); a name with
/// another extension (`/feed.xml`) would get a page that is no such file.
pub fn check_alias(path: &str) -> Result<(), Unsafe> {
    check_site_path(path)?;
    let last = path.rsplit('/').next().unwrap_or_default();
    let last = decode(last).unwrap_or_else(|| last.to_string());
    let lower = last.to_ascii_lowercase();
    if last.contains('.') && !lower.ends_with(".html") && !lower.ends_with(".htm") {
        return Err(Unsafe::new(format!(
            "`{last}` names a file that is not a page, and a redirect is a page"
        )));
    }
    Ok(())
}

fn is_written_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~%/".contains(c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// A written segment, then each of its decodings, must be a safe name.
fn check_written_segment(written: &str) -> Result<(), Unsafe> {
    check_decodings(written, true)
}

/// `segment` and each of its percent-decodings must be a safe name: encoded,
/// a `/`, a backslash or `..` hides until a server decodes it. With
/// `strict`, a `%` must start an escape; else it may be a plain character
/// (a file named `100%.pdf`).
fn check_decodings(segment: &str, strict: bool) -> Result<(), Unsafe> {
    let mut current = segment.to_string();
    for depth in 0..=DECODE_DEPTH {
        check_segment(&current).map_err(|e| match depth {
            0 => e,
            _ => Unsafe::new(format!("{} once decoded", e.reason)),
        })?;
        if !current.contains('%') {
            return Ok(());
        }
        match decode(&current) {
            Some(decoded) => current = decoded,
            None if depth == 0 && strict => {
                return Err(Unsafe::new(
                    "it has a `%` that does not start an escape of UTF-8 text, like %20",
                ));
            }
            // A literal `%` left after decoding is a plain character.
            None => return Ok(()),
        }
    }
    Ok(())
}

/// Percent-decodes a segment or path: `None` when a `%` is not followed by
/// two hex digits or the result is not UTF-8.
pub fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let well_formed = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || (bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// Checks one name of the output folder, as it will be on disk.
pub fn check_segment(segment: &str) -> Result<(), Unsafe> {
    let problem = |reason: &str| Err(Unsafe::new(reason));
    match segment {
        "" => return problem("it has an empty segment"),
        "." | ".." => return Err(Unsafe::new(format!("it has a `{segment}` segment"))),
        _ => {}
    }
    if segment.starts_with('.') {
        return Err(Unsafe::new(format!(
            "`{segment}` is a hidden name (starting with `.`)"
        )));
    }
    if let Some(c) = segment
        .chars()
        .find(|&c| c.is_control() || "/\\<>:\"|?*".contains(c))
    {
        return Err(Unsafe::new(format!("it contains {}", describe(c))));
    }
    if segment.ends_with(['.', ' ']) {
        return Err(Unsafe::new(format!(
            "`{segment}` ends with a dot or space, which Windows drops"
        )));
    }
    let stem = segment.split('.').next().unwrap_or_default().trim_end();
    if DEVICE_NAMES.contains(&stem.to_ascii_lowercase().as_str()) {
        return Err(Unsafe::new(format!(
            "`{segment}` is a device name on Windows"
        )));
    }
    if segment.len() > MAX_SEGMENT {
        return problem("one of its segments is longer than 255 bytes");
    }
    Ok(())
}

/// Checks a file the build writes, relative to the output folder
/// (`library/x/index.html`): every name safe, and nothing under the
/// folders the preview server and the search index own.
pub fn check_output_file(rel: &str) -> Result<(), Unsafe> {
    rel.split('/')
        .try_for_each(|segment| check_decodings(segment, false))?;
    check_reserved(rel)
}

/// Refuses paths (from the root, without the leading `/`) under the
/// folders the preview server and the search index own.
fn check_reserved(rel: &str) -> Result<(), Unsafe> {
    let folded = collision_key(rel);
    let under = |folder: &str| {
        folded == folder
            || folded
                .strip_prefix(folder)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    if under(PREVIEW_FOLDER) {
        return Err(Unsafe::new(format!(
            "/{PREVIEW_FOLDER}/ belongs to the preview server"
        )));
    }
    if under(SEARCH_INDEX_FOLDER) {
        return Err(Unsafe::new(format!(
            "/{SEARCH_INDEX_FOLDER}/ holds the search index"
        )));
    }
    Ok(())
}

/// The form under which two output paths name the same file on a
/// case-insensitive or normalizing file system (macOS, Windows): Unicode
/// compatibility form (NFKC), lower case.
pub fn collision_key(rel: &str) -> String {
    if rel.is_ascii() {
        return rel.to_ascii_lowercase();
    }
    let lower: String = rel.nfkc().flat_map(char::to_lowercase).collect();
    lower.nfkc().collect()
}

/// Whether `rel` is a path that stays inside the folder it is joined to:
/// only plain names, no root, drive, `.` or `..`, backslash or control
/// character. The writers' last line of defence.
pub fn is_plain_relative(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains('\\')
        && !rel.chars().any(char::is_control)
        && rel
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn describe(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("the character U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

#[cfg(test)]
mod tests;
