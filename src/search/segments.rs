//! The index's segments: entries fall into buckets by a hash of their keys,
//! and each bucket is a segment of its own (or a few, when its writer's
//! memory fills), so that a build makes again only the buckets whose
//! entries changed and links the others' files from the last index. What a
//! query or the export gives does not depend on which segment a document is
//! in: tantivy sums its statistics over them, and the export numbers
//! documents by key.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tantivy::schema::Schema;
use tantivy::{Index, IndexMeta, SegmentMeta};

use crate::core::model::{EntryId, PerEntry, content_hash};
use crate::render::fingerprint::hash_of;
use crate::site::Site;

/// About how many entries a bucket holds: few enough that an edit makes
/// its bucket again in a fraction of a second, enough that a query and the
/// export visit few segments. `CALABASH_INDEX_BUCKET` sets another number,
/// for tests that cannot build thousands of entries.
pub const BUCKET_SIZE: usize = 2048;

fn bucket_size() -> usize {
    crate::core::hooks::count("CALABASH_INDEX_BUCKET").unwrap_or(BUCKET_SIZE)
}

/// What a build needs to link buckets from the last index instead of
/// making them again.
pub struct Linking<'a> {
    /// What every document depends on beside its entry (the settings, the
    /// vocabularies, this version of Calabash).
    pub salt: u64,
    /// Each entry's own inputs: its file, text and history.
    pub prints: &'a PerEntry<u64>,
    /// The last index's folder and its buckets' segments, by bucket key.
    pub last_dir: PathBuf,
    pub last_buckets: HashMap<u64, Vec<String>>,
}

/// A bucket's segments and its entries' openings, in the order of its
/// entries.
pub struct Bucket {
    pub key: u64,
    pub metas: Vec<SegmentMeta>,
    pub openings: Vec<String>,
}

/// The entries of `site` in buckets, each sorted by key.
pub fn buckets(site: &Site) -> Vec<Vec<(String, EntryId)>> {
    let count = site
        .entries
        .len()
        .div_ceil(bucket_size())
        .next_power_of_two();
    let mut buckets = vec![Vec::new(); count];
    for id in site.entry_ids() {
        let key = site.entry_key(id);
        let at = (content_hash(key.as_bytes()) % count as u64) as usize;
        buckets[at].push((key, id));
    }
    for bucket in &mut buckets {
        bucket.sort_unstable();
    }
    buckets.retain(|bucket| !bucket.is_empty());
    buckets
}

/// The key of a bucket of `entries`: it changes with any of them, or with
/// what they all depend on.
pub fn bucket_key(linking: Option<&Linking>, entries: &[(String, EntryId)]) -> u64 {
    let Some(linking) = linking else { return 0 };
    let prints: Vec<(&str, Option<&u64>)> = entries
        .iter()
        .map(|(key, id)| (key.as_str(), linking.prints.get(*id)))
        .collect();
    hash_of((linking.salt, prints))
}

/// The segments of the last index, by id, when it can be opened.
pub fn previous_metas(linking: Option<&Linking>) -> HashMap<String, SegmentMeta> {
    let Some(linking) = linking else {
        return HashMap::new();
    };
    let metas =
        Index::open_in_dir(&linking.last_dir).and_then(|index| index.searchable_segment_metas());
    (metas.into_iter().flatten())
        .filter(|meta| meta.num_deleted_docs() == 0)
        .map(|meta| (meta.id().uuid_string(), meta))
        .collect()
}

/// The bucket of `count` entries made for `key` by the last index, its
/// files linked into `fresh`; none when the last index has no such bucket
/// or any of its files is not as it was made.
pub fn link(
    linking: Option<&Linking>,
    metas: &HashMap<String, SegmentMeta>,
    (key, count): (u64, usize),
    fresh: &Path,
) -> Option<Bucket> {
    let linking = linking?;
    let ids = linking.last_buckets.get(&key)?;
    let metas: Vec<SegmentMeta> = ids
        .iter()
        .map(|id| metas.get(id).cloned())
        .collect::<Option<_>>()?;
    let docs: u32 = metas.iter().map(SegmentMeta::max_doc).sum();
    let dir = &linking.last_dir;
    let about = bucket_file(ids.first()?);
    let text = std::fs::read_to_string(dir.join(&about)).ok()?;
    let (files, openings) = text.split_once('\n')?;
    let openings: Vec<String> = openings.split('\n').map(str::to_string).collect();
    let files = listed_files(files, ids)?;
    let intact = files.iter().all(|(name, size)| {
        std::fs::metadata(dir.join(name)).is_ok_and(|m| m.is_file() && m.len() == *size)
    });
    if !intact || docs as usize != count || openings.len() != count {
        return None;
    }
    let names: Vec<&String> = files.iter().map(|(name, _)| name).chain([&about]).collect();
    let linked: std::io::Result<()> =
        (names.iter()).try_for_each(|name| std::fs::hard_link(dir.join(name), fresh.join(name)));
    if linked.is_err() {
        // A bucket made anew has segments of other names: what was linked
        // of this one would only lie about.
        for name in names {
            let _ = std::fs::remove_file(fresh.join(name));
        }
        return None;
    }
    Some(Bucket {
        key,
        metas,
        openings,
    })
}

/// Whether `name` is the name of a file of one of the segments `ids`: a
/// plain file name, so that a bucket's description can name nothing
/// outside the index's folder.
fn of_segments(name: &str, ids: &[String]) -> bool {
    !name.contains(['/', '\\'])
        && (ids.iter()).any(|id| {
            name.strip_prefix(id.as_str())
                .is_some_and(|rest| rest.starts_with('.'))
        })
}

/// The file describing a bucket, named after its first segment: its
/// segments' files with their sizes on the first line, then its entries'
/// openings, a line each.
fn bucket_file(segment: &str) -> String {
    format!("{segment}.bucket")
}

/// The files of a bucket's first line, `name size` pairs, if each is a
/// file of one of its segments `ids`.
fn listed_files(line: &str, ids: &[String]) -> Option<Vec<(String, u64)>> {
    let words: Vec<&str> = line.split(' ').collect();
    (words.chunks(2))
        .map(|pair| match pair {
            [name, size] if of_segments(name, ids) => Some((name.to_string(), size.parse().ok()?)),
            _ => None,
        })
        .collect()
}

/// Keeps a bucket made in `made` (an index of its own) in `fresh`: its
/// segments' files moved there, described beside them (`bucket_file`).
pub fn adopt(made: &Path, fresh: &Path, bucket: &Bucket) -> std::io::Result<()> {
    let ids: Vec<String> = bucket.metas.iter().map(|m| m.id().uuid_string()).collect();
    let mut listed = Vec::new();
    for file in std::fs::read_dir(made)? {
        let file = file?;
        let name = file.file_name().to_string_lossy().into_owned();
        if of_segments(&name, &ids) {
            listed.push(format!("{name} {}", file.metadata()?.len()));
            std::fs::rename(file.path(), fresh.join(&name))?;
        }
    }
    if let Some(first) = ids.first() {
        let about = format!("{}\n{}", listed.join(" "), bucket.openings.join("\n"));
        std::fs::write(fresh.join(bucket_file(first)), about)?;
    }
    std::fs::remove_dir_all(made)
}

/// Writes the index's `meta.json` in `fresh`, listing every bucket's
/// segments.
pub fn write_meta(fresh: &Path, schema: Schema, buckets: &[Bucket]) -> tantivy::Result<()> {
    let mut meta = IndexMeta::with_schema(schema);
    meta.segments = buckets.iter().flat_map(|b| b.metas.clone()).collect();
    let mut text = serde_json::to_string_pretty(&meta).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(fresh.join("meta.json"), text)?;
    Ok(())
}
