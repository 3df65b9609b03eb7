//! Where a problem of `site.toml` is written: at a key, a setting or the
//! section that holds it, found in the file's text.

use super::model::CONFIG_FILE;
use crate::core::diagnostics::Diagnostic;

/// A diagnostic at the first occurrence of `needle` in `site.toml`.
pub fn locate(text: &str, needle: &str, message: String) -> Diagnostic {
    let diagnostic = Diagnostic::error(CONFIG_FILE, message);
    match text.find(needle) {
        Some(start) => diagnostic.at(text, start..start + needle.len()),
        None => diagnostic,
    }
}

/// A diagnostic at `"field"` as written after `setting` in the collection's
/// section of site.toml (or at the section, or nowhere, if not found).
pub fn locate_setting(
    text: &str,
    collection: &str,
    setting: &str,
    field: &str,
    message: String,
) -> Diagnostic {
    let key = setting.split(['.', ' ']).next().unwrap_or(setting);
    let section = text
        .find(&format!("[collections.{collection}]"))
        .unwrap_or(0);
    let from = text[section..]
        .find(&format!("\n{key} ="))
        .map_or(section, |i| section + i);
    let needle = format!("\"{field}\"");
    match text[from..].find(&needle) {
        Some(i) => {
            Diagnostic::error(CONFIG_FILE, message).at(text, from + i..from + i + needle.len())
        }
        None => locate(text, &format!("[collections.{collection}]"), message),
    }
}
