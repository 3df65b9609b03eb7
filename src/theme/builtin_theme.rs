//! The default theme, `hub`, compiled into the binary from the repository's
//! `themes/hub/` (by the crate's build script), so that a hub needs no
//! theme folder of its own. A site's `themes/hub/` and `templates/` and
//! `static/` folders override its files one by one.

use std::hash::Hasher;

/// The name of the built-in theme, as `theme` in site.toml says it (and
/// the default when site.toml says nothing).
pub const BUILTIN_THEME: &str = "hub";

/// Every file of the built-in theme: its path within the theme
/// (`templates/list.html`, `static/style.css`) and its bytes, sorted.
pub const FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin_theme.rs"));

/// Whether `theme` is built in.
pub fn is_builtin(theme: &str) -> bool {
    theme == BUILTIN_THEME
}

/// The files of the built-in theme `theme` under `part` (`templates` or
/// `static`): each path within `part` and its bytes. None for a theme that
/// is not built in.
pub fn files_under(theme: &str, part: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> {
    let prefix = format!("{part}/");
    let built_in = is_builtin(theme);
    FILES
        .iter()
        .filter(move |_| built_in)
        .filter_map(move |(path, bytes)| Some((path.strip_prefix(&prefix)?, *bytes)))
}

/// The built-in bytes of `path` (`templates/list.html`), if it has such a file.
pub fn file(path: &str) -> Option<&'static [u8]> {
    FILES
        .binary_search_by(|(name, _)| name.cmp(&path))
        .ok()
        .map(|at| FILES[at].1)
}

/// How a copied file's origin is shown in messages: where the file would
/// be, had it been ejected.
pub fn shown(part_path: &str) -> String {
    format!("(built in) themes/{BUILTIN_THEME}/{part_path}")
}

/// A fingerprint of a file's bytes that stays the same from one version
/// of Calabash to the next (FNV-1a, 64 bits), so the record of an ejected
/// theme can be compared with the built-in theme of a later version.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    format!("fnv1a64:{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_is_the_repository_theme_folder() {
        let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/hub");
        for (path, bytes) in FILES {
            let on_disk = std::fs::read(theme.join(path)).unwrap();
            assert_eq!(&on_disk, bytes, "{path}");
        }
        assert!(file("templates/base.html").is_some());
        assert!(file("static/search/client.js").is_some());
        assert!(file("README.md").is_none());
    }

    #[test]
    fn the_content_hash_is_fnv1a() {
        // Published test vectors of FNV-1a 64.
        assert_eq!(content_hash(b""), "fnv1a64:cbf29ce484222325");
        assert_eq!(content_hash(b"a"), "fnv1a64:af63dc4c8601ec8c");
    }
}
