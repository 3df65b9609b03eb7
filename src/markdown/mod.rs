//! Markdown bodies to HTML: CommonMark plus tables, footnotes, strikethrough,
//! task lists and smart punctuation; stable heading anchors and a table of
//! contents; `@/collection/slug.md` links resolved to URLs and paths from the
//! site root given the base path; code highlighted with CSS classes;
//! untrusted raw HTML sanitized; images from other hosts shown as links.

mod body;
pub mod highlight;
mod links;
mod rendered;
mod sanitize;
mod toc;

use pulldown_cmark::{Event, Options, Parser};

use crate::config::Config;
use body::BodyRenderer;

pub use links::{host_of, is_other_host, is_outside_address, is_safe_url, is_site_path};
pub use rendered::{InternalLink, Rendered, TocItem, UrlLink};
pub use sanitize::ID_PREFIX;

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
