//! The search index of a build, made beside the pages: built anew, or, when
//! nothing it is made of changed since the last build, its record (`cache`)
//! and the files that build exported, read back from the output folder.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Sender;

use crate::build::cache;
use crate::core::diagnostics::Diagnostic;
use crate::core::model::EntryId;
use crate::search::export::{self, Files};
use crate::search::index::{FreshIndex, build_unless};
use crate::site::Site;

/// The index's files for the output folder, the index to swap in when it
/// was built anew, and what the record of it keeps (rewritten by every
/// build, since it names the output folder, which each build replaces).
pub struct SearchIndex {
    pub fresh: Option<FreshIndex>,
    pub key: u64,
    pub related: Vec<Vec<EntryId>>,
    pub files: Files,
}

/// Makes the search index of `site` (kept in `index_dir`, exported last
/// into `output`), sending the similar entries on `related` as soon as they
/// are known; `key` is `cache::search_key`. Gives up once `stop` is set.
pub fn search_index(
    site: &Site,
    (index_dir, output): (&Path, &Path),
    key: u64,
    stop: &AtomicBool,
    related: Sender<Vec<Vec<EntryId>>>,
) -> tantivy::Result<SearchIndex> {
    let kept = cache::Search::read(index_dir, key, site.entries.len(), output);
    if let Some(kept) = kept
        && let Some(files) = kept.files_in(output)
    {
        let _ = related.send(kept.related.clone());
        return Ok(SearchIndex {
            fresh: None,
            key,
            related: kept.related,
            files,
        });
    }
    let fresh = build_unless(site, index_dir, stop)?;
    let mut data = export::read_unless(site, &fresh, stop)?;
    let found = std::mem::take(&mut data.related);
    let _ = related.send(found.clone());
    let files = export::encode_unless(site, &fresh, data, stop)?;
    Ok(SearchIndex {
        fresh: Some(fresh),
        key,
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
