//! Writing the site: everything goes to a staging folder beside the output
//! folder, which replaces the output only once the whole build succeeded, so
//! a failed build leaves the previous site exactly as it was.

use std::io;
use std::path::{Path, PathBuf};

/// A folder being filled with a new build.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder next to `target`.
    pub fn new(target: &Path) -> io::Result<Self> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let dir = parent.join(format!(".{name}.calabash-new-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` to `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }

    /// Copies a folder's files into the staging folder, keeping their paths.
    /// Later copies overwrite earlier ones, which is how a site overrides its theme.
    pub fn copy_tree(&self, from: &Path) -> io::Result<usize> {
        if !from.is_dir() {
            return Ok(0);
        }
        let mut copied = 0;
        for item in walkdir::WalkDir::new(from).min_depth(1) {
            let item = item.map_err(io::Error::other)?;
            let rel = item.path().strip_prefix(from).map_err(io::Error::other)?;
            if rel.iter().any(|p| p.to_string_lossy().starts_with('.')) {
                continue;
            }
            let to = self.dir.join(rel);
            if item.file_type().is_dir() {
                std::fs::create_dir_all(&to)?;
            } else if item.file_type().is_file() {
                std::fs::copy(item.path(), &to)?;
                copied += 1;
            }
        }
        Ok(copied)
    }

    /// Swaps the staging folder in as the output folder.
    pub fn commit(mut self) -> io::Result<()> {
        if self.target.exists() {
            let old = self.dir.with_file_name(format!(
                ".{}.calabash-old-{}",
                self.target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                std::process::id()
            ));
            if old.exists() {
                std::fs::remove_dir_all(&old)?;
            }
            std::fs::rename(&self.target, &old)?;
            if let Err(err) = std::fs::rename(&self.dir, &self.target) {
                // Put the previous site back rather than leave nothing.
                let _ = std::fs::rename(&old, &self.target);
                return Err(err);
            }
            std::fs::remove_dir_all(&old)?;
        } else {
            std::fs::rename(&self.dir, &self.target)?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_staging_leaves_the_target_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        {
            let staging = Staging::new(&target).unwrap();
            staging.write("index.html", b"new").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "staging folder removed"
        );
    }

    #[test]
    fn commit_replaces_the_target() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("stale.html"), "old").unwrap();
        let staging = Staging::new(&target).unwrap();
        staging.write("a/index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!target.join("stale.html").exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
