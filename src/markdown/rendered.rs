//! What rendering a Markdown body yields: its HTML, table of contents,
//! anchors, and every link and image, kept so that they can be checked.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

/// A heading in the table of contents.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TocItem {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocItem>,
}

/// A link to another entry written as `@/collection/slug.md#anchor`.
#[derive(Debug, Clone, PartialEq)]
pub struct InternalLink {
    pub collection: String,
    pub slug: String,
    pub anchor: Option<String>,
    /// Byte range of the link in the entry's file.
    pub span: Range<usize>,
}

/// A link or image written as a URL: a path on this site (`/documents/a.pdf`)
/// or an outside address, kept so both can be checked.
#[derive(Debug, Clone, PartialEq)]
pub struct UrlLink {
    pub url: String,
    /// Byte range of the link in the entry's file.
    pub span: Range<usize>,
}

/// What rendering one body produced.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body's HTML; empty once `pack` has compressed it (read it with
    /// `body_html`, which works either way).
    pub html: String,
    /// The HTML compressed by `pack`.
    packed: Option<Packed>,
    pub toc: Vec<TocItem>,
    /// Every id a link may point to: heading ids and footnote ids.
    pub anchors: HashSet<String>,
    pub links: Vec<InternalLink>,
    /// Links and images to paths from the site root (`/documents/a.pdf`), as
    /// written (the page has the base path before them).
    pub site_paths: Vec<UrlLink>,
    /// Links and images to `http(s)://` addresses.
    pub external: Vec<UrlLink>,
    /// Images on other hosts: not fetched by readers' browsers, but shown as
    /// links (Markdown) or left out (raw HTML).
    pub outside_images: Vec<UrlLink>,
    /// Byte ranges (in the file) of images with no alternative text.
    pub images_without_alt: Vec<Range<usize>>,
    pub word_count: usize,
    /// Whether the body has highlighted code, which needs the syntax stylesheet.
    pub has_code: bool,
}

/// Compressed HTML, which a build lets go of once its page is made
/// (`Rendered::take_body_html`).
#[derive(Debug, Default)]
struct Packed(Mutex<Option<Box<[u8]>>>);

impl Clone for Packed {
    fn clone(&self) -> Self {
        Packed(Mutex::new(self.bytes().clone()))
    }
}

impl Packed {
    fn bytes(&self) -> std::sync::MutexGuard<'_, Option<Box<[u8]>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn unpack(bytes: Option<&[u8]>) -> String {
        let bytes = bytes.map_or_else(Vec::new, |bytes| {
            lz4_flex::block::decompress_size_prepended(bytes)
                .expect("bytes packed by `pack` unpack")
        });
        String::from_utf8(bytes).expect("packed from a `String`")
    }
}

impl Rendered {
    /// Compresses the HTML: a site's bodies wait for their entry pages,
    /// and at tens of thousands of entries they are the largest thing it
    /// holds. Everything else stays as it was.
    pub fn pack(&mut self) {
        if self.packed.is_none() {
            let html = std::mem::take(&mut self.html);
            let bytes = lz4_flex::block::compress_prepend_size(html.as_bytes());
            self.packed = Some(Packed(Mutex::new(Some(bytes.into()))));
        }
    }

    /// Lets go of what only the checks of the whole site read (anchors,
    /// links to entries and outside addresses, images), once they have run:
    /// a build's entry pages show the HTML, the table of contents, the word
    /// count and whether there is code; the output checks read `site_paths`.
    pub fn forget_checked_links(&mut self) {
        self.anchors = HashSet::new();
        self.links = Vec::new();
        self.external = Vec::new();
        self.outside_images = Vec::new();
        self.images_without_alt = Vec::new();
    }

    /// The body's HTML, packed or not (empty once taken).
    pub fn body_html(&self) -> Cow<'_, str> {
        match &self.packed {
            None => Cow::Borrowed(&self.html),
            Some(packed) => Cow::Owned(Packed::unpack(packed.bytes().as_deref())),
        }
    }

    /// The body's HTML, letting go of it where it is packed: a build shows
    /// each body on one page only, its entry's, and the bodies not yet
    /// shown are then what the site holds most of.
    pub fn take_body_html(&self) -> Cow<'_, str> {
        match &self.packed {
            None => Cow::Borrowed(&self.html),
            Some(packed) => Cow::Owned(Packed::unpack(packed.bytes().take().as_deref())),
        }
    }
}
