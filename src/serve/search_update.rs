//! The search index of a serve session, rebuilt from the site in memory
//! apart from the pages, until it is done or files change again.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;

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
    // Each step gives up within moments of `stop`: an edit saved meanwhile
    // must not wait for the rest of the index.
    let mut data = crate::search::export::read_unless(site, &fresh, stop).map_err(fail)?;
    let similar = std::mem::take(&mut data.related);
    let files = crate::search::export::encode_unless(site, &fresh, data, stop).map_err(fail)?;
    let related = site
        .entry_ids()
        .zip(similar)
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
