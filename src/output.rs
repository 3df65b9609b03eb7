//! Writing the site. Everything goes to a staging folder beside the output
//! folder, which replaces the output only once the whole build succeeded, so
//! a failed build leaves the previous site exactly as it was.
//!
//! Creating thousands of folders and files is the slowest part of a build on
//! many disks, so the folder swapped out by one build is kept (hidden, as
//! `.<output>.calabash-spare`) and becomes the next build's staging folder:
//! unchanged files are left alone, changed ones rewritten, stale ones removed.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A folder being filled with a new build.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    spare: PathBuf,
    /// Every file this build wrote or kept, relative to `dir`.
    produced: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// Claims the spare folder left by the previous build, or creates an
    /// empty staging folder next to `target`.
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
        let spare = parent.join(format!(".{name}.calabash-spare"));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        // A rename claims the spare atomically, even if another build runs.
        if std::fs::rename(&spare, &dir).is_err() {
            std::fs::create_dir(&dir)?;
        }
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            spare,
            produced: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    fn claim(&self, rel: &Path) {
        self.produced
            .lock()
            .expect("no panics while holding the lock")
            .insert(rel.to_path_buf());
    }

    /// Writes `bytes` to `rel` (a `/`-separated path) inside the staging
    /// folder, unless the file there already holds exactly these bytes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = Path::new(rel);
        self.claim(rel);
        let path = self.dir.join(rel);
        match std::fs::symlink_metadata(&path) {
            Ok(meta)
                if meta.is_file()
                    && meta.len() == bytes.len() as u64
                    && std::fs::read(&path)? == bytes =>
            {
                return Ok(());
            }
            Ok(meta) if !meta.is_file() => remove_any(&path)?,
            _ => {}
        }
        write_creating_parents(&path, bytes)
    }

    /// Copies a folder's files into the staging folder, keeping their paths;
    /// files whose size and modification time match are not copied again.
    /// Later copies overwrite earlier ones, which is how a site overrides its theme.
    pub fn copy_tree(&self, from: &Path) -> io::Result<usize> {
        if !from.is_dir() {
            return Ok(0);
        }
        let mut copied = 0;
        for item in walkdir::WalkDir::new(from).min_depth(1) {
            let item = item.map_err(io::Error::other)?;
            let rel = item.path().strip_prefix(from).map_err(io::Error::other)?;
            if rel.iter().any(|p| p.to_string_lossy().starts_with('.'))
                || !item.file_type().is_file()
            {
                continue;
            }
            self.claim(rel);
            let to = self.dir.join(rel);
            let source = item.metadata().map_err(io::Error::other)?;
            let same = std::fs::symlink_metadata(&to).is_ok_and(|dest| {
                dest.is_file()
                    && dest.len() == source.len()
                    && dest.modified().ok() == source.modified().ok()
            });
            if !same {
                if to.symlink_metadata().is_ok_and(|m| !m.is_file()) {
                    remove_any(&to)?;
                }
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::copy(item.path(), &to)?;
                if let Ok(modified) = source.modified() {
                    std::fs::File::options()
                        .write(true)
                        .open(&to)?
                        .set_modified(modified)?;
                }
            }
            copied += 1;
        }
        Ok(copied)
    }

    /// Removes what a previous build left that this one did not produce.
    fn remove_stale(&self) -> io::Result<()> {
        let produced = self
            .produced
            .lock()
            .expect("no panics while holding the lock");
        let mut dirs = Vec::new();
        for item in walkdir::WalkDir::new(&self.dir)
            .min_depth(1)
            .contents_first(true)
        {
            let item = item.map_err(io::Error::other)?;
            let rel = item
                .path()
                .strip_prefix(&self.dir)
                .map_err(io::Error::other)?;
            if item.file_type().is_dir() {
                dirs.push(item.into_path());
            } else if !produced.contains(rel) {
                std::fs::remove_file(item.path())?;
            }
        }
        // Children come before parents, so emptied folders cascade.
        for dir in dirs {
            if std::fs::read_dir(&dir)?.next().is_none() {
                std::fs::remove_dir(&dir)?;
            }
        }
        Ok(())
    }

    /// Swaps the staging folder in as the output folder; the previous output
    /// becomes the spare for the next build.
    pub fn commit(mut self) -> io::Result<()> {
        self.remove_stale()?;
        if self.spare.exists() {
            std::fs::remove_dir_all(&self.spare)?;
        }
        if self.target.exists() {
            std::fs::rename(&self.target, &self.spare)?;
            if let Err(err) = std::fs::rename(&self.dir, &self.target) {
                // Put the previous site back rather than leave nothing.
                let _ = std::fs::rename(&self.spare, &self.target);
                return Err(err);
            }
        } else {
            std::fs::rename(&self.dir, &self.target)?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // A failed build's folder is still a fine start for the next build.
        if !self.committed
            && (self.spare.exists() || std::fs::rename(&self.dir, &self.spare).is_err())
        {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Replaces one file of a live output folder (the one `calabash serve`
/// serves) unless it already holds `bytes`; readers see the old file or the
/// new one, never half of it. Returns whether the file changed.
pub fn replace_file(dir: &Path, rel: &str, bytes: &[u8]) -> io::Result<bool> {
    let path = dir.join(rel);
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
    let temporary = path.with_file_name(format!(".{name}.calabash-tmp"));
    write_creating_parents(&temporary, bytes)?;
    std::fs::rename(&temporary, &path)?;
    Ok(true)
}

/// Removes one file of a live output folder, and the folders it leaves empty.
pub fn remove_file(dir: &Path, rel: &str) -> io::Result<()> {
    let path = dir.join(rel);
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

fn write_creating_parents(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match std::fs::write(path, bytes) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                create_dir_replacing_files(parent)?;
            }
            std::fs::write(path, bytes)
        }
        other => other,
    }
}

/// Like `create_dir_all`, but a file standing where a folder must go (left
/// by an earlier build) is removed first.
fn create_dir_replacing_files(dir: &Path) -> io::Result<()> {
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

fn remove_any(path: &Path) -> io::Result<()> {
    if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

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
        assert_eq!(listing(tmp.path()), [".public.calabash-spare", "public"]);
    }

    #[test]
    fn commit_replaces_the_target_and_keeps_a_spare() {
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
        assert_eq!(listing(tmp.path()), [".public.calabash-spare", "public"]);
    }

    #[test]
    fn reused_spare_ends_up_identical_to_a_fresh_build() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        for (round, files) in [
            vec![("a/index.html", "1"), ("b/index.html", "1"), ("c", "file")],
            vec![
                ("a/index.html", "2"),
                ("x/y/index.html", "1"),
                ("c/index.html", "dir now"),
            ],
            vec![("a/index.html", "2"), ("c", "file again")],
        ]
        .into_iter()
        .enumerate()
        {
            let staging = Staging::new(&target).unwrap();
            for (rel, text) in &files {
                staging.write(rel, text.as_bytes()).unwrap();
            }
            staging.commit().unwrap();
            let mut found: Vec<String> = walkdir::WalkDir::new(&target)
                .min_depth(1)
                .into_iter()
                .map(|e| e.unwrap())
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    let rel = e
                        .path()
                        .strip_prefix(&target)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    format!("{rel}={}", std::fs::read_to_string(e.path()).unwrap())
                })
                .collect();
            found.sort();
            let mut expected: Vec<String> = files.iter().map(|(r, t)| format!("{r}={t}")).collect();
            expected.sort();
            assert_eq!(found, expected, "round {round}");
            let dirs = walkdir::WalkDir::new(&target)
                .into_iter()
                .filter(|e| e.as_ref().unwrap().file_type().is_dir())
                .count();
            assert!(
                round != 2 || dirs == 2,
                "only public/ and a/ remain in round {round}"
            );
        }
    }
}
