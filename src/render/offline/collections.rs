//! Each collection's list of pages a reader may save at once (its list
//! pages and its entries' pages, in one language), with the bytes the
//! build wrote for them: the size shown before anything is downloaded.

use serde::Serialize;

use super::paths::collection_list;
use crate::render::job::{file_for, page_path};
use crate::render::renderer::Renderer;

#[derive(Serialize)]
struct SavedList {
    collection: String,
    /// How many entries (the button's count).
    entries: usize,
    /// The pages' bytes as written, summed.
    bytes: u64,
    urls: Vec<String>,
}

/// `(output file, JSON)` of every collection's list in every language,
/// from `written`, the size of an output file the build wrote.
pub fn collection_lists(
    r: &Renderer<'_>,
    written: &dyn Fn(&str) -> Option<u64>,
) -> Vec<(String, String)> {
    let site = r.site();
    let config = &site.config;
    let mut files = Vec::new();
    for language in &config.languages {
        let lang = language.code.as_str();
        for collection in config.collections.iter().filter(|c| !c.is_pages()) {
            let ids = r.sorted_of(lang, &collection.name);
            let list = site.in_language(lang, &collection.path);
            // The list's pages as planned (a calendar's lists only its past entries).
            let list_pages = (1..)
                .map(|n| page_path(&list, n))
                .take_while(|path| written(&file_for(path)).is_some());
            let paths = list_pages.chain(ids.iter().map(|&id| site.entry_path(id)));
            let mut bytes = 0;
            let mut urls = Vec::with_capacity(ids.len() + 1);
            for path in paths {
                bytes += written(&file_for(&path)).unwrap_or(0);
                urls.push(config.url(&path));
            }
            let saved = SavedList {
                collection: collection.name.clone(),
                entries: ids.len(),
                bytes,
                urls,
            };
            let path = site.in_language(lang, &collection_list(&collection.name));
            let json = serde_json::to_string(&saved).unwrap_or_default();
            files.push((file_for(&path), json));
        }
    }
    files
}

/// The site path of the list of `collection` in `lang`, for its list page.
pub fn list_url(r: &Renderer<'_>, lang: &str, collection: &str) -> String {
    let site = r.site();
    site.config
        .url(&site.in_language(lang, &collection_list(collection)))
}
