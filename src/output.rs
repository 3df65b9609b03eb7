//! Writing the site. Everything goes to a staging folder beside the output
//! folder, which replaces the output only once the whole build succeeded, so
//! a failed build leaves the previous site exactly as it was.
//!
//! Creating thousands of folders and files is the slowest part of a build on
//! many disks, so the folder swapped out by one build is kept (hidden, as
//! `.<output>.calabash-spare`) and becomes the next build's staging folder:
//! unchanged files are left alone, changed ones rewritten, stale ones removed.
//! What each build wrote is recorded in the spare (`manifest`), so files are
//! told unchanged without reading them.

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::core::paths::location::{MARKER, MARKER_TEXT};

mod files;
mod manifest;
use files::{create_dir_replacing_files, plain, remove_any, write_creating_parents};
pub use files::{read_file, remove_file, remove_links, replace_file};
use manifest::Section;
pub use manifest::folder_inode;
use manifest::{Record, Records, Stamp};

/// A folder being filled with a new build.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    spare: PathBuf,
    /// Every file this build wrote or kept, relative to `dir`.
    produced: Mutex<HashSet<PathBuf>>,
    /// Folders, relative to `dir`, known to be no symbolic link.
    plain_folders: Mutex<HashSet<PathBuf>>,
    /// What the previous build to write into `dir` recorded of its files.
    known: Records,
    /// The record of the output folder's files, which becomes the spare.
    output_records: Option<Section>,
    /// What this build wrote or kept, by path relative to `dir`.
    records: Mutex<Records>,
    committed: bool,
}

impl Staging {
    /// Claims the spare folder left by the previous build, or creates an
    /// empty staging folder next to `target`, and marks it as Calabash's.
    /// `target` must have passed `core::paths::location::check`.
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
        if std::fs::symlink_metadata(&dir).is_ok() {
            remove_any(&dir)?;
        }
        // Only a real folder is claimed: writing through a link named like
        // the spare would write wherever it leads.
        let spare_is_folder = std::fs::symlink_metadata(&spare).is_ok_and(|m| m.is_dir());
        if !spare_is_folder && std::fs::symlink_metadata(&spare).is_ok() {
            remove_any(&spare)?;
        }
        // A rename claims the spare atomically, even if another build runs.
        if !spare_is_folder || std::fs::rename(&spare, &dir).is_err() {
            std::fs::create_dir(&dir)?;
        }
        let (known, output_records) = manifest::read(&dir);
        let staging = Staging {
            dir,
            target: target.to_path_buf(),
            spare,
            produced: Mutex::new(HashSet::new()),
            plain_folders: Mutex::new(HashSet::new()),
            known: known.map(|s| s.records).unwrap_or_default(),
            output_records,
            records: Mutex::new(Records::new()),
            committed: false,
        };
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Records `rel` as made by this build, and makes sure no folder on
    /// its way is a symbolic link (the spare is a folder someone may have
    /// changed): a file written through one would land wherever it leads.
    /// Each folder is looked at once per build.
    fn claim(&self, rel: &Path) -> io::Result<()> {
        self.produced
            .lock()
            .expect("no panics while holding the lock")
            .insert(rel.to_path_buf());
        let Some(parent) = rel.parent().filter(|p| !p.as_os_str().is_empty()) else {
            return Ok(());
        };
        let mut plain = self
            .plain_folders
            .lock()
            .expect("no panics while holding the lock");
        if plain.contains(parent) {
            return Ok(());
        }
        let mut folder = PathBuf::new();
        for part in parent.components() {
            folder.push(part);
            if plain.contains(&folder) {
                continue;
            }
            let path = self.dir.join(&folder);
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                std::fs::remove_file(&path)?;
            }
            plain.insert(folder.clone());
        }
        Ok(())
    }

    /// Writes `bytes` to `rel` (a `/`-separated path) inside the staging
    /// folder, unless the file there already holds exactly these bytes:
    /// which its record tells, while the file is as recorded, or else its
    /// bytes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let rel_path = plain(rel)?;
        self.claim(rel_path)?;
        let path = self.dir.join(rel_path);
        let hash = manifest::hash(bytes);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
                let stamp = Stamp::of(&meta);
                let recorded = self.known.get(rel).filter(|r| Some(r.stamp) == stamp);
                let same = match recorded {
                    Some(record) => record.hash == hash,
                    None => std::fs::read(&path)? == bytes,
                };
                if same {
                    self.record(rel, stamp, hash);
                    return Ok(());
                }
            }
            Ok(meta) if !meta.is_file() => remove_any(&path)?,
            _ => {}
        }
        let written = write_creating_parents(&path, bytes)?;
        self.record(rel, Stamp::of(&written), hash);
        Ok(())
    }

    /// Keeps the file at `rel` as this build's if it holds the bytes of
    /// `hash` by its record (its stamp unchanged since): a page whose inputs
    /// are those of the bytes the spare holds need not be rendered again.
    /// Returns whether it was kept; if not, the caller writes it.
    pub fn keep(&self, rel: &str, hash: u64) -> io::Result<bool> {
        let rel_path = plain(rel)?;
        // No folder on its way may be a link, as for a file written.
        self.claim(rel_path)?;
        let Ok(meta) = std::fs::symlink_metadata(self.dir.join(rel_path)) else {
            return Ok(false);
        };
        let stamp = Stamp::of(&meta).filter(|_| meta.is_file());
        let kept = stamp.is_some()
            && self
                .known
                .get(rel)
                .is_some_and(|r| Some(r.stamp) == stamp && r.hash == hash);
        if kept {
            self.record(rel, stamp, hash);
        }
        Ok(kept)
    }

    /// The `content_hash` of the bytes this build wrote or kept at `rel`,
    /// as recorded (none where stamps are not kept).
    pub fn written_hash(&self, rel: &str) -> Option<u64> {
        self.records.lock().ok()?.get(rel).map(|r| r.hash)
    }

    /// The size of the file this build wrote at `rel`, as recorded (a stale
    /// file has no record; nor has any file where stamps are not kept).
    pub fn written_size(&self, rel: &str) -> Option<u64> {
        self.records.lock().ok()?.get(rel).map(|r| r.stamp.size())
    }

    /// The bytes of the file at `rel` of the staging folder.
    pub fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.dir.join(plain(rel)?))
    }

    fn record(&self, rel: &str, stamp: Option<Stamp>, hash: u64) {
        if let Some(stamp) = stamp {
            self.records
                .lock()
                .expect("no panics while holding the lock")
                .insert(rel.to_string(), Record { stamp, hash });
        }
    }

    /// Copies files into the staging folder: output path to source file.
    /// Files whose size and modification time match are not copied again.
    pub fn copy_files(&self, files: &BTreeMap<String, PathBuf>) -> io::Result<usize> {
        for (rel, from) in files {
            let rel = plain(rel)?;
            self.claim(rel)?;
            let to = self.dir.join(rel);
            let source = std::fs::metadata(from)?;
            let same = std::fs::symlink_metadata(&to).is_ok_and(|dest| {
                dest.is_file()
                    && dest.len() == source.len()
                    && dest.modified().ok() == source.modified().ok()
            });
            if same {
                continue;
            }
            if to.symlink_metadata().is_ok_and(|m| !m.is_file()) {
                remove_any(&to)?;
            }
            if let Some(parent) = to.parent() {
                create_dir_replacing_files(parent)?;
            }
            std::fs::copy(from, &to)?;
            if let Ok(modified) = source.modified() {
                std::fs::File::options()
                    .write(true)
                    .open(&to)?
                    .set_modified(modified)?;
            }
        }
        Ok(files.len())
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
        let records = std::mem::take(
            &mut *self
                .records
                .lock()
                .expect("no panics while holding the lock"),
        );
        manifest::leave(
            &self.spare,
            (&self.target, records),
            self.output_records.take(),
        );
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

/// A failure to write the output folder, as a diagnostic.
pub fn write_error(output: &Path, err: std::io::Error) -> Diagnostics {
    Diagnostics::from(vec![Diagnostic::error(
        output.display().to_string(),
        format!("cannot write the site: {err}"),
    )])
}

#[cfg(test)]
mod tests;
