//! Markdown bodies to HTML: CommonMark plus tables, footnotes, strikethrough,
//! task lists and smart punctuation; stable heading anchors and a table of
//! contents; `@/collection/slug.md` links resolved to URLs and paths from the
//! site root given the base path; code highlighted with CSS classes;
//! untrusted raw HTML sanitized; images from other hosts shown as links.

mod body;
mod links;
mod sanitize;
mod toc;

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

use crate::config::Config;
use body::BodyRenderer;

pub use links::{host_of, is_other_host, is_outside_address, is_safe_url, is_site_path};
pub use sanitize::ID_PREFIX;

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
    pub html: String,
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

/// Renders `body`, which starts at byte `offset` of its file.
pub fn render(body: &str, offset: usize, config: &Config) -> Rendered {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if config.markdown.smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let mut renderer = BodyRenderer::new(config, offset);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        renderer.event(event, range.start + offset..range.end + offset);
    }
    renderer.finish(body)
}

/// The text of a Markdown body without its markup, for search.
pub fn plain_text(body: &str) -> String {
    let mut text = String::with_capacity(body.len());
    for event in Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Escapes text for HTML content and double-quoted attribute values.
pub fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
