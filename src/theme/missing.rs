//! The theme site.toml names must exist: built into Calabash, or a folder
//! `themes/<name>/templates/` of the site. Otherwise one error, at the
//! `theme` line of site.toml.

use std::path::Path;

use super::builtin_theme::{BUILTIN_THEME, is_builtin};
use crate::config::CONFIG_FILE;
use crate::core::diagnostics::Diagnostic;

/// The error for a theme that is neither built in nor a folder of the site.
pub fn unknown_theme(root: &Path, theme: &str) -> Option<Diagnostic> {
    let folder = root.join("themes").join(theme).join("templates");
    if is_builtin(theme) || folder.is_dir() {
        return None;
    }
    let message = format!(
        "theme `{theme}` is neither built in nor a folder of this site \
         (looked for themes/{theme}/templates/)"
    );
    let hint = format!(
        "set `theme = \"{BUILTIN_THEME}\"` (the built-in theme) or remove the line, \
         or create themes/{theme}/templates/"
    );
    let diagnostic = Diagnostic::error(CONFIG_FILE, message).hint(hint);
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    Some(match theme_line(&text) {
        Some(span) => diagnostic.at(&text, span),
        None => diagnostic,
    })
}

/// The byte range of the `theme = ...` line among site.toml's top-level
/// keys (those before the first `[section]`).
fn theme_line(text: &str) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            return None;
        }
        let key = trimmed.split('=').next().unwrap_or("").trim();
        if trimmed.contains('=') && ["theme", "\"theme\"", "'theme'"].contains(&key) {
            let indent = line.len() - line.trim_start().len();
            return Some(start + indent..start + indent + trimmed.len());
        }
        start += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::theme_line;

    #[test]
    fn finds_the_top_level_theme_line_only() {
        let text = "title = \"x\"\n  theme = \"nope\"  \n[markdown]\ntheme = \"b\"\n";
        let span = theme_line(text).unwrap();
        assert_eq!(&text[span], "theme = \"nope\"");
        assert_eq!(theme_line("[a]\ntheme = \"x\"\n"), None);
        assert_eq!(theme_line("themes = 1\n"), None);
        let quoted = "\"theme\"=\"x\"";
        assert_eq!(theme_line(quoted), Some(0..quoted.len()));
    }
}
