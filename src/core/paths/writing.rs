//! Writing files inside a folder the user named (a site's theme copy, a new
//! hub): a path whose way down passes a symbolic link leading out of the
//! folder is refused, and a link at the file itself is replaced rather than
//! written through.

use std::path::Path;

use super::links::{Fence, Verdict};
use crate::core::diagnostics::Diagnostic;
use crate::core::text::relative;

/// An error when a folder on the way to `path` (a `/`-separated path from
/// `root`), or `path` itself, is a symbolic link leading out of `root`:
/// the file would land there.
pub fn leaves_the_folder(root: &Path, fence: &Fence, path: &str) -> Option<Diagnostic> {
    let mut at = root.to_path_buf();
    for part in path.split('/') {
        at.push(part);
        let is_link = std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink());
        if let (true, Verdict::Refuse(why)) = (is_link, fence.judge(&at)) {
            let shown = relative(root, &at);
            return Some(
                Diagnostic::error(path, format!("{shown} is a symbolic link that {why}"))
                    .hint("replace the link with a folder of the site, or remove it"),
            );
        }
    }
    None
}

/// Writes `bytes` to `path`, creating its folders, and replacing a link
/// there rather than writing through it.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        std::fs::remove_file(path)?;
    }
    std::fs::write(path, bytes)
}
