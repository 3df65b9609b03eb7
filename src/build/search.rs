//! The search index of a build, made beside the pages: built anew (linking
//! from the last index the segments of entries that did not change), or,
//! when nothing it is made of changed since the last build, its record
//! (`cache`) and the files that build exported, read back from the output
//! folder.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Sender;

use crate::build::cache;
use crate::core::diagnostics::Diagnostic;
use crate::core::model::{EntryId, PerEntry};
use crate::render::fingerprint::SourceHashes;
use crate::search::export::{self, Files};
use crate::search::index::{FreshIndex, build_reusing};
use crate::search::segments::Linking;
use crate::site::{Site, SiteOptions};

/// The index's files for the output folder, the index to swap in when it
/// was built anew, and what the record of it keeps (rewritten by every
/// build, since it names the output folder, which each build replaces).
pub struct SearchIndex {
    pub fresh: Option<FreshIndex>,
    pub related: Vec<Vec<EntryId>>,
    pub files: Files,
    /// The index's buckets' keys and segments (`search::segments`).
    pub buckets: Vec<(u64, Vec<String>)>,
}

/// What tells the index's parts unchanged since the last build.
pub struct SearchKeys {
    /// `cache::search_key`: of the whole index.
    pub key: u64,
    /// `cache::shared_key` and `cache::entry_prints`: of each bucket.
    pub shared: u64,
    pub prints: PerEntry<u64>,
}

impl SearchKeys {
    /// `base` is `cache::base_key`; `sources`, the entries' hashes.
    pub fn new(
        site: &Site,
        options: &SiteOptions,
        base: u64,
        sources: &PerEntry<SourceHashes>,
    ) -> Self {
        let prints = cache::entry_prints(site, sources);
        SearchKeys {
            key: cache::search_key(base, &prints),
            shared: cache::shared_key(site, options),
            prints,
        }
    }
}

/// Makes the search index of `site` (kept in `index_dir`, exported last
/// into `output`), sending the similar entries on `related` as soon as they
/// are known. Gives up once `stop` is set.
pub fn search_index(
    site: &Site,
    (index_dir, output): (&Path, &Path),
    keys: &SearchKeys,
    stop: &AtomicBool,
    related: Sender<Vec<Vec<EntryId>>>,
) -> tantivy::Result<SearchIndex> {
    let segments = cache::segments(index_dir, output);
    let kept = cache::Search::read(index_dir, keys.key, site.entries.len(), output);
    if let Some(kept) = kept
        && let Some(files) = kept.files_in(output)
    {
        let _ = related.send(kept.related.clone());
        return Ok(SearchIndex {
            fresh: None,
            related: kept.related,
            files,
            buckets: segments,
        });
    }
    let linking = Linking {
        salt: keys.shared,
        prints: &keys.prints,
        last_dir: index_dir.to_path_buf(),
        last_buckets: segments.into_iter().collect(),
    };
    let mut fresh = build_reusing(site, index_dir, Some(&linking), stop)?;
    let mut data = export::read_unless(site, &fresh, stop)?;
    let found = std::mem::take(&mut data.related);
    let _ = related.send(found.clone());
    let files = export::encode_unless(site, &fresh, data, stop)?;
    Ok(SearchIndex {
        buckets: std::mem::take(&mut fresh.buckets),
        fresh: Some(fresh),
        related: found,
        files,
    })
}

/// What a failed search index says: a source file changed since it was
/// read names that file.
pub fn index_error(err: &tantivy::TantivyError) -> Diagnostic {
    let changed = match err {
        tantivy::TantivyError::IoError(io) => (io.get_ref())
            .and_then(|inner| inner.downcast_ref::<crate::core::model::SourceChanged>()),
        _ => None,
    };
    match changed {
        Some(changed) => Diagnostic::error(changed.path.clone(), changed.to_string())
            .hint("nothing was written: build again"),
        None => Diagnostic::error(
            ".calabash/index",
            format!("cannot build the search index: {err}"),
        ),
    }
}
