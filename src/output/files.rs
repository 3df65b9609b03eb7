//! Single files of an output folder: writing one safely (creating its
//! folders, replacing what stands in its way), and the live folder the
//! preview serves, whose files are replaced one by one, atomically.

use std::io::{self, Write as _};
use std::path::Path;

/// Replaces one file of a live output folder (the one `calabash serve`
/// serves), or a record in `.calabash/`, unless it already holds `bytes`;
/// readers see the old file or the new one, never half of it, even with
/// two programs writing it. Returns whether the file changed.
pub fn replace_file(dir: &Path, rel: &str, bytes: &[u8]) -> io::Result<bool> {
    let path = dir.join(plain(rel)?);
    match std::fs::symlink_metadata(&path) {
        Ok(meta)
            if meta.is_file()
                && meta.len() == bytes.len() as u64
                && std::fs::read(&path)? == bytes =>
        {
            return Ok(false);
        }
        Ok(meta) if !meta.is_file() => remove_any(&path)?,
        _ => {}
    }
    let name = path
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy());
    let temporary = path.with_file_name(format!(".{name}.calabash-tmp-{}", std::process::id()));
    write_creating_parents(&temporary, bytes)?;
    std::fs::rename(&temporary, &path)?;
    Ok(true)
}

/// The bytes of the file `rel` of `dir`, if it is a file (not a link) at
/// the end of a plain walk down the folder: what a build reads back of the
/// previous build's output.
pub fn read_file(dir: &Path, rel: &str) -> Option<Vec<u8>> {
    let path = dir.join(plain(rel).ok()?);
    std::fs::symlink_metadata(&path)
        .ok()
        .filter(|m| m.is_file())?;
    std::fs::read(path).ok()
}

/// Removes one file of a live output folder, and the folders it leaves empty.
pub fn remove_file(dir: &Path, rel: &str) -> io::Result<()> {
    let path = dir.join(plain(rel)?);
    match std::fs::remove_file(&path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
        _ => {}
    }
    let mut parent = path.parent();
    while let Some(folder) = parent {
        if folder == dir || std::fs::remove_dir(folder).is_err() {
            break;
        }
        parent = folder.parent();
    }
    Ok(())
}

/// Writes `bytes` to `path`, creating the folders on its way; returns the
/// file's metadata once written.
pub fn write_creating_parents(path: &Path, bytes: &[u8]) -> io::Result<std::fs::Metadata> {
    let write = || -> io::Result<std::fs::Metadata> {
        let mut file = std::fs::File::create(path)?;
        file.write_all(bytes)?;
        file.metadata()
    };
    match write() {
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                create_dir_replacing_files(parent)?;
            }
            write()
        }
        other => other,
    }
}

/// Like `create_dir_all`, but a file standing where a folder must go (left
/// by an earlier build) is removed first.
pub fn create_dir_replacing_files(dir: &Path) -> io::Result<()> {
    match std::fs::create_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(_) => {
            let mut blocker = dir.to_path_buf();
            while !blocker.exists() {
                blocker.pop();
            }
            if blocker.is_file() {
                std::fs::remove_file(&blocker)?;
            }
            std::fs::create_dir_all(dir)
        }
    }
}

/// `rel` as a path, if it is a plain walk down a folder: what the writers
/// below accept, whatever the checks before them let through.
pub fn plain(rel: &str) -> io::Result<&Path> {
    if crate::core::paths::is_plain_relative(rel) {
        Ok(Path::new(rel))
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{rel}` is not a path inside the output folder"),
        ))
    }
}

/// Removes every symbolic link under `dir` (none is ever written there):
/// a file written through one would land wherever it leads.
pub fn remove_links(dir: &Path) -> io::Result<()> {
    for item in walkdir::WalkDir::new(dir).min_depth(1) {
        let item = item.map_err(io::Error::other)?;
        if item.path_is_symlink() {
            std::fs::remove_file(item.path())?;
        }
    }
    Ok(())
}

/// Removes a file, a link (never what it leads to) or a whole folder.
pub fn remove_any(path: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(path)?.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}
