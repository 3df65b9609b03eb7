//! Raw HTML in Markdown bodies made safe to publish (unless a hub trusts its
//! HTML). Besides removing script, it keeps a body from reaching outside its
//! own box: no styles but table alignment, no classes of the theme, ids (and
//! the `#` links, `name`s and `headers` naming them) prefixed with
//! `user-content-` so they never collide with the theme's, paths from the
//! site root given the base path, and no image fetched from another host.
//!
//! What Calabash itself writes into a body (heading and footnote ids, the
//! URLs of Markdown links) carries `marker()` until it has passed the
//! sanitizer, which takes such values as they are: raw HTML cannot write the
//! marker, which is drawn at random for every run.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, OnceLock};

use pulldown_cmark::{CowStr, Event, Tag};

use super::links::{
    entry_url, is_other_host, is_outside_address, is_safe_url, is_site_path, parse_internal,
};
use crate::config::Config;

/// What an id written in raw HTML becomes: `id="x"` is `user-content-x`.
pub const ID_PREFIX: &str = "user-content-";

/// Classes a body may use: those of highlighted code and footnotes, which
/// only colour text. Any other class could take on the theme's layout.
fn is_allowed_class(class: &str) -> bool {
    class == "code"
        || class.starts_with("hl-")
        || matches!(
            class,
            "footnote-reference" | "footnote-definition" | "footnote-definition-label"
        )
}

/// The marker of values Calabash wrote, unpredictable to a body's author.
/// It starts with `_` so that no URL parser reads it as a scheme.
pub fn marker() -> &'static str {
    static MARKER: OnceLock<String> = OnceLock::new();
    MARKER.get_or_init(|| {
        let random = std::collections::hash_map::RandomState::new();
        let (a, b) = (random.hash_one(1_u8), random.hash_one(2_u8));
        format!("_calabash{a:016x}{b:016x}_")
    })
}

/// A URL written in raw HTML, kept so that it can be checked or reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawUrl {
    /// A path from the site root (as written, before the base path).
    SitePath(String),
    /// A link to an `http(s)://` address.
    Outside(String),
    /// An image on another host, left out of the page.
    OutsideImage(String),
    /// A link to an entry, `@/collection/slug.md#anchor` (after the `@/`).
    Entry(String),
}

/// What the attribute filter needs, and what it finds.
struct Filter {
    base_path: String,
    /// The URL (with the base path) of each collection, by name.
    collections: HashMap<String, String>,
    /// Ids of the body's headings and footnotes.
    anchors: HashSet<String>,
    found: Mutex<Vec<RawUrl>>,
}

impl Filter {
    fn record(&self, url: RawUrl) {
        if let Ok(mut found) = self.found.lock() {
            found.push(url);
        }
    }

    fn attribute<'u>(
        &self,
        element: &str,
        attribute: &str,
        value: &'u str,
    ) -> Option<Cow<'u, str>> {
        if let Some(own) = value.strip_prefix(marker()) {
            return Some(Cow::Borrowed(own));
        }
        match attribute {
            "id" | "name" => Some(format!("{ID_PREFIX}{value}").into()),
            "headers" => Some(
                value
                    .split_ascii_whitespace()
                    .map(|id| format!("{ID_PREFIX}{id}"))
                    .collect::<Vec<_>>()
                    .join(" ")
                    .into(),
            ),
            "style" => alignment(value).map(Cow::Borrowed),
            "class" => {
                let kept: Vec<&str> = value
                    .split_ascii_whitespace()
                    .filter(|c| is_allowed_class(c))
                    .collect();
                (!kept.is_empty()).then(|| kept.join(" ").into())
            }
            "href" | "src" | "cite" => self.url(attribute, value),
            "type" if element == "input" => value
                .eq_ignore_ascii_case("checkbox")
                .then_some(Cow::Borrowed(value)),
            _ => Some(Cow::Borrowed(value)),
        }
    }

    fn url<'u>(&self, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
        if !is_safe_url(value) {
            return None;
        }
        let url = value.trim();
        if attribute == "src" && is_other_host(url) {
            self.record(RawUrl::OutsideImage(url.to_string()));
            return None;
        }
        if let Some(rest) = url.strip_prefix("@/") {
            self.record(RawUrl::Entry(rest.to_string()));
            let link = parse_internal(rest, 0..0);
            return Some(entry_url(&link, |c| self.collections.get(c).cloned()).into());
        }
        if let Some(fragment) = url.strip_prefix('#') {
            if fragment.is_empty() || self.anchors.contains(fragment) {
                return Some(Cow::Borrowed(url));
            }
            return Some(format!("#{ID_PREFIX}{fragment}").into());
        }
        if is_site_path(url) {
            self.record(RawUrl::SitePath(url.to_string()));
            return Some(format!("{}{url}", self.base_path).into());
        }
        if attribute == "href" && is_outside_address(url) {
            self.record(RawUrl::Outside(url.to_string()));
        }
        Some(Cow::Borrowed(url))
    }
}

/// `text-align: left|center|right` (any case, optional spaces and final
/// semicolon), as Markdown tables write it; anything else is no style.
fn alignment(style: &str) -> Option<&'static str> {
    let style = style.trim();
    let style = style.strip_suffix(';').unwrap_or(style);
    let (property, value) = style.split_once(':')?;
    if !property.trim().eq_ignore_ascii_case("text-align") {
        return None;
    }
    match value.trim().to_ascii_lowercase().as_str() {
        "left" => Some("text-align: left"),
        "center" => Some("text-align: center"),
        "right" => Some("text-align: right"),
        _ => None,
    }
}

/// Sanitizes a body's HTML. `anchors` are the ids Calabash gave its headings
/// and footnotes (`#` links to them are left alone); the base path is put
/// before paths from the site root, and `@/` links become entries' URLs, as
/// in Markdown. Returns the HTML and the URLs raw HTML wrote.
pub fn clean(html: &str, config: &Config, anchors: &HashSet<String>) -> (String, Vec<RawUrl>) {
    let filter = Arc::new(Filter {
        base_path: config.base_path.clone(),
        collections: config
            .collections
            .iter()
            .map(|c| (c.name.clone(), config.url(&c.path)))
            .collect(),
        anchors: anchors.clone(),
        found: Mutex::new(Vec::new()),
    });
    let mut builder = ammonia::Builder::default();
    let in_filter = Arc::clone(&filter);
    builder
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .add_generic_attributes(["id", "class"])
        .add_tags(["input", "sup", "section"])
        .add_tag_attributes("a", ["name"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        .add_tag_attributes("pre", ["data-lang"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("th", ["style"])
        .attribute_filter(move |element, attribute, value| {
            in_filter.attribute(element, attribute, value)
        });
    let html = builder.clean(html).to_string();
    let found = filter
        .found
        .lock()
        .map(|mut found| std::mem::take(&mut *found))
        .unwrap_or_default();
    (html, found)
}

/// An event Calabash wrote, ready for HTML: with its marker for the
/// sanitizer (a `#` link to no heading or footnote then names the raw HTML
/// id it must mean), or without it when there is nothing to sanitize.
pub fn own_event<'b>(event: Event<'b>, sanitizing: bool, anchors: &HashSet<String>) -> Event<'b> {
    let mark = marker();
    let dest = |url: CowStr<'b>| -> CowStr<'b> {
        let Some(plain) = url.strip_prefix(mark) else {
            return url;
        };
        match plain.strip_prefix('#') {
            Some(fragment) if sanitizing && !fragment.is_empty() && !anchors.contains(fragment) => {
                format!("{mark}#{ID_PREFIX}{fragment}").into()
            }
            _ if sanitizing => url,
            _ => plain.to_string().into(),
        }
    };
    match event {
        Event::Html(html) if !sanitizing => Event::Html(html.replace(mark, "").into()),
        Event::InlineHtml(html) if !sanitizing => Event::InlineHtml(html.replace(mark, "").into()),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: dest(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: dest(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_alignments_are_styles() {
        for (style, kept) in [
            ("text-align: left", Some("text-align: left")),
            ("text-align:center", Some("text-align: center")),
            ("  TEXT-ALIGN :  Right ; ", Some("text-align: right")),
            ("text-align: left;", Some("text-align: left")),
            ("text-align:left;position:fixed", None),
            (
                "text-align: left; background: url(https://x.org/a.png)",
                None,
            ),
            ("text-align: justify", None),
            ("text-align: left;;", None),
            ("color: red", None),
            ("text-al\\69gn: left", None),
            ("text-align: left /* */", None),
            ("", None),
        ] {
            assert_eq!(alignment(style), kept, "{style:?}");
        }
    }

    #[test]
    fn the_marker_cannot_be_read_as_a_scheme() {
        assert!(marker().starts_with('_'));
        assert_eq!(marker(), marker());
        assert!(marker().len() > 32);
    }
}
