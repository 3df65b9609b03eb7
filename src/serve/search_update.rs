//! The search index of a serve session, rebuilt from the site in memory
//! apart from the pages, until it is done or files change again.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::search::export::Files;
use crate::search::index::FreshIndex;
use crate::site::Site;

/// A search index built for the site in memory, waiting to be installed.
pub struct SearchUpdate {
    pub(super) fresh: FreshIndex,
    pub(super) files: Files,
    /// Each entry's similar entries, by `collection/slug`.
    pub(super) related: HashMap<String, Vec<String>>,
}

/// Indexes `site` (whose root is `root`), giving up when `stop` is set.
pub fn index_site(
    site: &Site,
    root: &Path,
    stop: &AtomicBool,
) -> Result<SearchUpdate, Diagnostics> {
    let fail = |err: tantivy::TantivyError| {
        Diagnostics::from(vec![Diagnostic::error(
            ".calabash/index",
            format!("cannot build the search index: {err}"),
        )])
    };
    let dir = crate::search::index_dir(root);
    let fresh = crate::search::index::build_unless(site, &dir, stop).map_err(fail)?;
    // Each step takes a while on a large hub: an edit waiting for the loop
    // must not wait for the next one too.
    let stopped = || {
        let stopped = tantivy::TantivyError::InternalError("stopped: files changed".into());
        stop.load(Ordering::Relaxed).then(|| fail(stopped))
    };
    if let Some(problem) = stopped() {
        return Err(problem);
    }
    let mut data = crate::search::export::read(site, &fresh).map_err(fail)?;
    if let Some(problem) = stopped() {
        return Err(problem);
    }
    let files = crate::search::export::encode(site, &fresh, &data);
    let related = site
        .entry_ids()
        .zip(std::mem::take(&mut data.related))
        .map(|(id, similar)| {
            let keys = similar
                .into_iter()
                .map(|other| site.entry_key(other))
                .collect();
            (site.entry_key(id), keys)
        })
        .collect();
    Ok(SearchUpdate {
        fresh,
        files,
        related,
    })
}
