//! The record of what a build wrote, kept in the spare folder, so that a
//! later build writing into that folder tells an unchanged file from a
//! hash of the new bytes and the file's metadata, without reading it.
//!
//! Builds write into the spare, which holds the output of the build before
//! the previous one, so the record (`.calabash-manifest`, in the spare,
//! never published) keeps a section for each of the two folders, known by
//! the folder's inode. A file's record is trusted only while the file's
//! inode, length and modification and change times are exactly those seen
//! when its bytes were hashed: writing a file, replacing it or setting its
//! times changes its change time, which no program can set back, so a file
//! someone edited is compared byte for byte, as without a record. So is a
//! file changed in the same tick of the disk's clock as the record was
//! made, which its times cannot tell apart (the records of such files are
//! not trusted). A record that is missing, unreadable or of another folder
//! is no record.

use std::collections::HashMap;
use std::path::Path;

/// The file name of the record, in the spare folder.
pub const FILE: &str = ".calabash-manifest";

const HEADER: &str = "calabash output manifest 1";

/// What identifies one version of a file on disk; `None` where the
/// platform does not tell (no record is trusted there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    inode: u64,
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
}

impl Stamp {
    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.len
    }

    #[cfg(unix)]
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            inode: meta.ino(),
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
        })
    }

    #[cfg(not(unix))]
    pub fn of(_meta: &std::fs::Metadata) -> Option<Stamp> {
        None
    }
}

/// A file's stamp when it held the bytes of `hash`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub stamp: Stamp,
    pub hash: u64,
}

pub use crate::core::model::content_hash as hash;

/// The records of one folder's files, by path relative to it.
pub type Records = HashMap<String, Record>;

/// One folder's section: its inode, the clock of its disk when the section
/// was made (`None` until it is written: the record file's own time), and
/// its records.
pub struct Section {
    pub folder: u64,
    made: Option<(i64, i64)>,
    pub records: Records,
}

/// The inode of `folder`, by which records name it; `None` where the
/// platform does not tell (no record is trusted there).
pub fn folder_inode(folder: &Path) -> Option<u64> {
    Stamp::of(&std::fs::metadata(folder).ok()?).map(|stamp| stamp.inode)
}

impl Section {
    /// The section of `folder`, holding `records`.
    pub fn of(folder: &Path, records: Records) -> Option<Section> {
        Some(Section {
            folder: folder_inode(folder)?,
            made: None,
            records,
        })
    }

    /// Drops the records of files changed in the tick the section was made
    /// in or later, which may have changed again without their times
    /// showing it.
    fn without_racy(mut self) -> Section {
        if let Some(made) = self.made {
            self.records.retain(|_, r| r.stamp.changed < made);
        }
        self
    }
}

/// Reads the record in `folder`: the section of `folder` itself and the
/// other one. Anything unreadable reads as no record.
pub fn read(folder: &Path) -> (Option<Section>, Option<Section>) {
    let file = folder.join(FILE);
    let stamps = (std::fs::metadata(folder), std::fs::symlink_metadata(&file));
    let (Some(own), Some(written)) = (
        stamps.0.ok().and_then(|m| Stamp::of(&m)),
        stamps
            .1
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| Stamp::of(&m)),
    ) else {
        return (None, None);
    };
    // Read line by line: at tens of thousands of files the record is tens
    // of megabytes, held while the build holds the most.
    let Some(sections) = std::fs::File::open(&file).ok().and_then(|file| {
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(file));
        // A line that cannot be read ends the record: the files after it
        // have none, and are compared byte for byte.
        parse(std::iter::from_fn(|| lines.next()?.ok()))
    }) else {
        return (None, None);
    };
    let (mut mine, mut other) = (None, None);
    for mut section in sections {
        section.made = section.made.or(Some(written.modified));
        if section.folder == own.inode {
            mine = Some(section.without_racy());
        } else {
            other = Some(section);
        }
    }
    (mine, other)
}

/// Leaves the record of both folders in the spare, once a build swapped
/// its folder in as the output with `records`; `spare` is the record of the
/// folder now the spare. The site is built whatever happens here: without
/// the record, the next builds compare bytes.
pub fn leave(spare_folder: &Path, (output, records): (&Path, Records), spare: Option<Section>) {
    let Some(output) = Section::of(output, records) else {
        return;
    };
    if spare_folder.is_dir() {
        let sections: Vec<&Section> = [Some(&output), spare.as_ref()]
            .into_iter()
            .flatten()
            .collect();
        let _ = write(spare_folder, &sections);
    }
}

/// Writes the record of both folders into `folder`.
pub fn write(folder: &Path, sections: &[&Section]) -> std::io::Result<()> {
    use std::fmt::Write as _;
    let mut text = format!("{HEADER}\n");
    for section in sections {
        let _ = match section.made {
            Some((s, ns)) => writeln!(text, "folder {} {s} {ns}", section.folder),
            None => writeln!(text, "folder {} now", section.folder),
        };
        for (path, r) in &section.records {
            if path.contains('\n') {
                continue;
            }
            let Stamp {
                inode,
                len,
                modified: (ms, mns),
                changed: (cs, cns),
            } = r.stamp;
            let _ = writeln!(
                text,
                "{:016x} {inode} {len} {ms} {mns} {cs} {cns} {path}",
                r.hash
            );
        }
    }
    std::fs::write(folder.join(FILE), text)
}

fn parse(mut lines: impl Iterator<Item = String>) -> Option<Vec<Section>> {
    if lines.next()? != HEADER {
        return None;
    }
    let mut sections: Vec<Section> = Vec::new();
    for line in lines {
        if let Some(rest) = line.strip_prefix("folder ") {
            let mut parts = rest.split(' ');
            let folder: u64 = parts.next()?.parse().ok()?;
            let made = match parts.next()? {
                "now" => None,
                s => Some((s.parse().ok()?, parts.next()?.parse().ok()?)),
            };
            sections.push(Section {
                folder,
                made,
                records: Records::new(),
            });
            continue;
        }
        let mut parts = line.splitn(8, ' ');
        let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
        let inode: u64 = parts.next()?.parse().ok()?;
        let len: u64 = parts.next()?.parse().ok()?;
        let mut time = || parts.next()?.parse::<i64>().ok();
        let (ms, mns, cs, cns) = (time()?, time()?, time()?, time()?);
        let path = parts.next()?.to_string();
        let stamp = Stamp {
            inode,
            len,
            modified: (ms, mns),
            changed: (cs, cns),
        };
        let section = sections.last_mut()?;
        section.records.insert(path, Record { stamp, hash });
    }
    Some(sections)
}
