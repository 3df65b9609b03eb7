//! Small text tools shared by every stage: HTML escaping, and paths shown
//! in messages.

use std::path::Path;

/// Escapes text for HTML content and double-quoted attribute values.
pub fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A path relative to the site root, with `/` separators, for messages.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.iter()
        .map(|p| p.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
