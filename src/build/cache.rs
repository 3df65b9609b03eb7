//! What the previous build made, kept in `.calabash/`, so that a build
//! renders again only the pages whose inputs changed and builds the search
//! index again only when what it is made of changed.
//!
//! Pages (`.calabash/pages`): each output file's fingerprint (the
//! preview's, `render::fingerprint`, salted with what no fingerprint
//! covers: Calabash itself, the settings and vocabularies, the set of
//! entries, which events are upcoming) and the hash of the bytes written for
//! it. A page whose fingerprint is the one recorded is not rendered when the
//! staging folder or the output folder still holds exactly those bytes
//! (told by the output record, or by reading them); any doubt renders it.
//!
//! Search (`search-build` in the index's own folder, so that an index the
//! preview replaces takes it along): a key of everything the index is made
//! of, the similar entries found and the hashes of the exported files. And
//! `search-segments` beside it: each bucket of entries' key (what its
//! entries and every document are made of) and its segments, which a build
//! that makes the index again links instead of making
//! (`search::segments`).
//!
//! All three name the output folder they describe by its inode (as the
//! output record does, `output::folder_inode`), which nobody can choose:
//! records committed to a repository, or copied with an output folder, are
//! no records, so that a pull request cannot bring pages of its own (bytes
//! that match a record it wrote too) past the renderer and its sanitizer,
//! nor an index of its own past the analysis. Where the platform tells no
//! inode, nothing is kept.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::core::model::{EntryId, PerEntry, content_hash};
use crate::output::{folder_inode, read_file, replace_file};
use crate::render::calendar;
use crate::render::fingerprint::{SourceHashes, hash_of};
use crate::site::{Site, SiteOptions};

const PAGES_HEADER: &str = "calabash pages 2";
const PAGES_FILE: &str = "pages";
const SEARCH_HEADER: &str = "calabash search 2";
const SEARCH_FILE: &str = "search-build";
const SEGMENTS_HEADER: &str = "calabash segments 1";
const SEGMENTS_FILE: &str = "search-segments";

/// What every page and the index are made of beside what fingerprints
/// see: `shared_key`, and which entries there are.
pub fn base_key(site: &Site, options: &SiteOptions) -> u64 {
    let keys: Vec<String> = site.entry_ids().map(|id| site.entry_key(id)).collect();
    hash_of((shared_key(site, options), keys))
}

/// What every page and every document of the index depend on beside their
/// entries: this version of Calabash (its sources), the settings, the
/// vocabularies and the command line's options.
pub fn shared_key(site: &Site, options: &SiteOptions) -> u64 {
    hash_of((
        // Another version of Calabash may render the same inputs otherwise.
        env!("CALABASH_SOURCE_HASH"),
        format!("{:?}", site.config),
        format!("{:?}", site.taxonomies),
        (options.drafts, &options.base_url),
    ))
}

/// The salt of every page's fingerprint: `base_key`, and which events are
/// upcoming at `now` (lists, summaries and plans follow it).
pub fn page_salt(site: &Site, base: u64, now: jiff::Timestamp) -> u64 {
    let upcoming: Vec<bool> = site
        .entry_ids()
        .map(|id| calendar::is_upcoming(site, id, now))
        .collect();
    hash_of((base, upcoming))
}

/// Each entry's own inputs to its document in the search index: its file
/// and text (`sources`), and its history.
pub fn entry_prints(site: &Site, sources: &PerEntry<SourceHashes>) -> PerEntry<u64> {
    (site.entry_ids())
        .zip(sources.iter())
        .map(|(id, source)| hash_of((source, site.history_of(id))))
        .collect()
}

/// The key of the search index: `base_key`, and each entry's `prints`.
pub fn search_key(base: u64, prints: &PerEntry<u64>) -> u64 {
    let prints: Vec<&u64> = prints.iter().collect();
    hash_of((base, prints))
}

/// The segments of the index in `index_dir`, each bucket's key and its
/// segments in the record's order (`search::segments`), if its record
/// names `output` as it is now: the record is written beside the search
/// record, after every build.
pub fn segments(index_dir: &Path, output: &Path) -> Vec<(u64, Vec<String>)> {
    let Some(text) = read_record(&index_dir.join(SEGMENTS_FILE), SEGMENTS_HEADER, output) else {
        return Vec::new();
    };
    let buckets = text.lines().skip(2).filter_map(|line| {
        let mut words = line.split(' ');
        let key = hex(words.next()?)?;
        Some((key, words.map(str::to_string).collect()))
    });
    buckets.collect()
}

/// Records the segments of the index just committed to `index_dir`.
pub fn write_segments(
    (index_dir, output): (&Path, &Path),
    buckets: &[(u64, Vec<String>)],
) -> io::Result<()> {
    let Some(mut text) = record_start(SEGMENTS_HEADER, output) else {
        return Ok(());
    };
    for (key, ids) in buckets {
        text.push_str(&format!("{key:016x} {}\n", ids.join(" ")));
    }
    replace_file(index_dir, SEGMENTS_FILE, text.as_bytes()).map(drop)
}

/// The pages of the previous build: file to (fingerprint, bytes' hash).
#[derive(Debug, Default)]
pub struct Pages(HashMap<String, (u64, u64)>);

impl Pages {
    /// `.calabash/`, beside the index.
    fn folder(root: &Path) -> PathBuf {
        let index = crate::search::index_dir(root);
        index.parent().map_or(index.clone(), Path::to_path_buf)
    }

    /// The record of the last build into `output`, or none when it is
    /// missing, unreadable or of another folder.
    pub fn read(root: &Path, output: &Path) -> Pages {
        let file = Self::folder(root).join(PAGES_FILE);
        let Some(text) = read_record(&file, PAGES_HEADER, output) else {
            return Pages::default();
        };
        let pages = text.lines().skip(2).map_while(|line| {
            let (print, rest) = line.split_once(' ')?;
            let (hash, file) = rest.split_once(' ')?;
            Some((file.to_string(), (hex(print)?, hex(hash)?)))
        });
        Pages(pages.collect())
    }

    /// The hash of the bytes written for `file` when its fingerprint was
    /// `print`, if it was.
    pub fn bytes_for(&self, file: &str, print: u64) -> Option<u64> {
        self.0
            .get(file)
            .filter(|(recorded, _)| *recorded == print)
            .map(|(_, hash)| *hash)
    }

    /// Records `pages` (file, fingerprint, bytes' hash), just written to
    /// `output`, for the next build.
    pub fn write(root: &Path, output: &Path, pages: &[(String, u64, u64)]) -> io::Result<()> {
        let Some(mut text) = record_start(PAGES_HEADER, output) else {
            return Ok(());
        };
        for (file, print, hash) in pages {
            if !file.contains(['\n', '\r']) {
                text.push_str(&format!("{print:016x} {hash:016x} {file}\n"));
            }
        }
        replace_file(&Self::folder(root), PAGES_FILE, text.as_bytes()).map(drop)
    }
}

/// What the last index built gave, kept beside it.
#[derive(Debug)]
pub struct Search {
    pub related: Vec<Vec<EntryId>>,
    /// Each exported file and the hash of its bytes.
    pub files: Vec<(String, u64)>,
}

impl Search {
    /// The record kept in the index folder `index_dir` if it was made
    /// with `key` for `entries` entries, its files written to `output`.
    pub fn read(index_dir: &Path, key: u64, entries: usize, output: &Path) -> Option<Search> {
        let text = read_record(&index_dir.join(SEARCH_FILE), SEARCH_HEADER, output)?;
        let mut lines = text.lines().skip(2);
        if hex(lines.next()?)? != key {
            return None;
        }
        let mut related = Vec::with_capacity(entries);
        for line in lines.by_ref().take(entries) {
            let ids = line.split(' ').filter(|id| !id.is_empty());
            let ids = ids.map(|id| id.parse().ok().filter(|&i| i < entries).map(EntryId::new));
            related.push(ids.collect::<Option<Vec<_>>>()?);
        }
        let files = lines.map(|line| {
            let (hash, file) = line.split_once(' ')?;
            Some((file.to_string(), hex(hash)?))
        });
        let files = files.collect::<Option<Vec<_>>>()?;
        (related.len() == entries).then_some(Search { related, files })
    }

    /// Reads the exported files from `output`, where the last build wrote
    /// them, if every one holds the bytes recorded.
    pub fn files_in(&self, output: &Path) -> Option<Vec<(String, Vec<u8>)>> {
        self.files
            .iter()
            .map(|(file, hash)| {
                let bytes = read_file(output, file)?;
                (content_hash(&bytes) == *hash).then(|| (file.clone(), bytes))
            })
            .collect()
    }

    /// Keeps the record of an index just committed to `index_dir`, whose
    /// files were just written to `output`.
    pub fn write(
        (index_dir, output): (&Path, &Path),
        key: u64,
        related: &[Vec<EntryId>],
        files: &[(String, Vec<u8>)],
    ) -> io::Result<()> {
        let Some(mut text) = record_start(SEARCH_HEADER, output) else {
            return Ok(());
        };
        text.push_str(&format!("{key:016x}\n"));
        for ids in related {
            let ids: Vec<String> = ids.iter().map(|id| id.index().to_string()).collect();
            text.push_str(&ids.join(" "));
            text.push('\n');
        }
        for (file, bytes) in files {
            if !file.contains(['\n', '\r']) {
                text.push_str(&format!("{:016x} {file}\n", content_hash(bytes)));
            }
        }
        replace_file(index_dir, SEARCH_FILE, text.as_bytes()).map(drop)
    }
}

/// The text of the record `file` if it is of the kind `header` and names
/// `output` as it is now; its own lines follow the first two.
fn read_record(file: &Path, header: &str, output: &Path) -> Option<String> {
    let folder = folder_line(output)?;
    let text = std::fs::read_to_string(file).ok()?;
    let mut lines = text.lines();
    let ours = lines.next() == Some(header) && lines.next() == Some(folder.as_str());
    ours.then_some(text)
}

/// The first two lines of a record of the kind `header` naming `output`,
/// or none where the platform tells no inode (nothing is kept there).
fn record_start(header: &str, output: &Path) -> Option<String> {
    folder_line(output).map(|folder| format!("{header}\n{folder}\n"))
}

/// The line naming the output folder in a record.
fn folder_line(folder: &Path) -> Option<String> {
    folder_inode(folder).map(|inode| format!("folder {inode}"))
}

fn hex(text: &str) -> Option<u64> {
    u64::from_str_radix(text, 16).ok()
}
