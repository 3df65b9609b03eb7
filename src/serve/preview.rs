//! Pages rendered ahead of the rest of a long rebuild: the pages open in a
//! browser, served from memory until the whole site is written. A template
//! that every entry page uses takes seconds to apply to ten thousand pages;
//! the one being looked at should not wait for the other 9,999.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Site address (`/library/x/`) to the page's bytes.
#[derive(Default)]
pub struct Previews(Mutex<HashMap<String, Arc<Vec<u8>>>>);

impl Previews {
    /// Serves these pages from memory from now on.
    pub fn show(&self, pages: impl IntoIterator<Item = (String, Vec<u8>)>) {
        let mut shown = self.0.lock().unwrap_or_else(|e| e.into_inner());
        shown.extend(pages.into_iter().map(|(path, page)| (path, Arc::new(page))));
    }

    /// The rebuild is over: its files are on disk (or it failed, and the
    /// last good site is served again).
    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// The page rendered ahead for a decoded request path, if any.
    pub fn get(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        let address = path.strip_suffix("index.html").unwrap_or(path);
        let shown = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if shown.is_empty() {
            return None;
        }
        shown.get(address).cloned()
    }
}
