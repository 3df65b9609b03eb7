//! Where the files of offline reading are published, as site paths.

/// The service worker: at the site's root, so that its scope is the site.
pub const WORKER: &str = "/sw.js";
/// The web app manifest.
pub const MANIFEST: &str = "/manifest.webmanifest";
/// The page listing the pages saved for offline reading, in each language;
/// the worker also answers with it for a page not saved, offline.
pub const SAVED_PAGE: &str = "/saved/";
/// The theme's static folder of offline reading (its script, its icons),
/// published only when the site is readable offline.
pub const ASSETS: &str = "offline/";
/// The script of the saved-pages page and of the collections' save button.
pub const SCRIPT: &str = "/offline/offline.js";
/// The icon the worker keeps with the shell and the manifest names first.
pub const ICON: &str = "/offline/icon.svg";
/// The icons of an installed site's launcher, beside the SVG one.
pub const PNG_ICONS: [(&str, &str); 2] = [
    ("/offline/icon-192.png", "192x192"),
    ("/offline/icon-512.png", "512x512"),
];

/// The site path of the list of a collection's pages to save, in the
/// folder of offline reading (of the language's pages when not the
/// default's, which `Site::in_language` adds).
pub fn collection_list(collection: &str) -> String {
    format!("/offline/{collection}.json")
}
