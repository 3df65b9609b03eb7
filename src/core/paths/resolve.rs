//! Paths as the file system sees them: absolute, with `..` and symbolic
//! links resolved, whether or not the whole path exists yet.

use std::io;
use std::path::{Component, Path, PathBuf};

/// `path` made absolute, with `..` and every symbolic link resolved: the
/// deepest part that exists is canonicalized, the rest appended. A link
/// that leads nowhere is an error.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut resolved = PathBuf::new();
    // Whether `resolved` exists; then it is canonical.
    let mut exists = true;
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
                exists = std::fs::symlink_metadata(&resolved).is_ok();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if exists {
                    if std::fs::symlink_metadata(&resolved).is_ok() {
                        resolved = resolved.canonicalize()?;
                    } else {
                        exists = false;
                    }
                }
            }
        }
    }
    Ok(resolved)
}
