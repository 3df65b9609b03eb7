//! Markdown bodies to HTML: CommonMark plus tables, footnotes, strikethrough,
//! task lists and smart punctuation; stable heading anchors and a table of
//! contents; `@/collection/slug.md` links resolved to URLs; code highlighted
//! with CSS classes; untrusted raw HTML sanitized.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::Config;
use crate::highlight;
use crate::slug::slugify;

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
    /// Links and images to root-relative paths (`/documents/a.pdf`).
    pub site_paths: Vec<UrlLink>,
    /// Links and images to `http(s)://` addresses.
    pub external: Vec<UrlLink>,
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
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut has_raw_html = false;
    let mut heading: Option<(usize, HeadingLevel, Option<CowStr>)> = None;
    let mut code: Option<(String, String)> = None;
    let mut flat_toc: Vec<(u8, String, String)> = Vec::new();
    // The open image's span and whether it has alternative text so far.
    let mut image: Option<(Range<usize>, bool)> = None;

    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Some((lang, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    events.push(Event::Html(highlight::code_block(lang, text).into()));
                    out.has_code = true;
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((events.len(), level, id));
                events.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, _, explicit_id)) = heading.take() {
                    let title: String = events[start + 1..].iter().filter_map(event_text).collect();
                    let base = explicit_id
                        .map(|id| id.to_string())
                        .unwrap_or_else(|| slugify(&title));
                    let id = unique_id(
                        if base.is_empty() {
                            "section".into()
                        } else {
                            base
                        },
                        &out.anchors,
                    );
                    out.anchors.insert(id.clone());
                    let tag = heading_tag(level);
                    events[start] =
                        Event::Html(format!("<{tag} id=\"{}\">", escape_attr(&id)).into());
                    events.push(Event::Html(format!("</{tag}>\n").into()));
                    flat_toc.push((level as u8, id, title.trim().to_string()));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([' ', ',', '{'])
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let span = range.start + offset..range.end + offset;
                if matches!(tag, Tag::Image { .. }) {
                    image = Some((span.clone(), false));
                }
                events.push(Event::Start(rewrite_link(tag, span, config, &mut out)));
            }
            Event::End(TagEnd::Image) => {
                if let Some((span, false)) = image.take() {
                    out.images_without_alt.push(span);
                }
                events.push(event);
            }
            Event::Start(Tag::FootnoteDefinition(ref label)) => {
                out.anchors.insert(label.to_string());
                events.push(event);
            }
            // Checkboxes need an accessible name; the item's text follows.
            Event::TaskListMarker(done) => {
                let (checked, name) = if done {
                    (" checked", "Done")
                } else {
                    ("", "Not done")
                };
                let html =
                    format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{name}\"> ");
                events.push(Event::InlineHtml(html.into()));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, has_alt)) = &mut image {
                    *has_alt |= !t.trim().is_empty();
                }
                out.word_count += t.split_whitespace().count();
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    out.html = if has_raw_html && !config.markdown.trust_html {
        sanitize(&html)
    } else {
        html
    };
    out.toc = nest_toc(flat_toc);
    out
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

fn event_text<'a>(event: &'a Event) -> Option<&'a str> {
    match event {
        Event::Text(t) | Event::Code(t) => Some(t),
        _ => None,
    }
}

fn heading_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

fn unique_id(base: String, taken: &HashSet<String>) -> String {
    if !taken.contains(&base) {
        return base;
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

/// A link or image with its destination passed through `rewrite_url`.
fn rewrite_link<'a>(
    tag: Tag<'a>,
    span: Range<usize>,
    config: &Config,
    out: &mut Rendered,
) -> Tag<'a> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => {
            let dest_url = rewrite_url(&dest_url, span, config, out).into();
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }
        }
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => {
            let dest_url = rewrite_url(&dest_url, span, config, out).into();
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }
        }
        other => other,
    }
}

/// `@/collection/slug.md#anchor` becomes the entry's URL; URLs with schemes
/// that can run script are neutralised. Links are recorded for checking.
fn rewrite_url(dest: &str, span: Range<usize>, config: &Config, out: &mut Rendered) -> String {
    let record = |url: &str| UrlLink {
        url: url.to_string(),
        span: span.clone(),
    };
    if dest.starts_with('/') && !dest.starts_with("//") {
        out.site_paths.push(record(dest));
    } else if is_outside_address(dest) {
        out.external.push(record(dest));
    }
    if let Some(rest) = dest.strip_prefix("@/") {
        let (path, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (rest, None),
        };
        let (collection, file) = path.split_once('/').unwrap_or(("", path));
        let slug = file.strip_suffix(".md").unwrap_or(file).to_string();
        out.links.push(InternalLink {
            collection: collection.to_string(),
            slug: slug.clone(),
            anchor: anchor.clone(),
            span,
        });
        let base = config
            .collection(collection)
            .map(|c| config.url(&format!("{}{}/", c.path, slug)))
            .unwrap_or_else(|| "#".into());
        return match anchor {
            Some(a) => format!("{base}#{a}"),
            None => base,
        };
    }
    if is_safe_url(dest) {
        dest.to_string()
    } else {
        "#".to_string()
    }
}

/// Whether a URL is an `http://` or `https://` address on another host.
pub fn is_outside_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Relative URLs and a few harmless schemes only: no `javascript:`, `data:`...
pub fn is_safe_url(url: &str) -> bool {
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match trimmed.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto" | "tel"
            )
        }
        _ => true,
    }
}

fn nest_toc(flat: Vec<(u8, String, String)>) -> Vec<TocItem> {
    fn insert(into: &mut Vec<TocItem>, item: TocItem) {
        match into.last_mut() {
            Some(last) if last.level < item.level => insert(&mut last.children, item),
            _ => into.push(item),
        }
    }
    let mut toc = Vec::new();
    for (level, id, title) in flat {
        insert(
            &mut toc,
            TocItem {
                level,
                id,
                title,
                children: Vec::new(),
            },
        );
    }
    toc
}

fn sanitize(html: &str) -> String {
    static CLEANER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut builder = ammonia::Builder::default();
            builder
                .add_generic_attributes(["id", "class"])
                .add_tags(["input", "sup", "section"])
                .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
                .add_tag_attributes("pre", ["data-lang"])
                .add_tag_attributes("td", ["style"])
                .add_tag_attributes("th", ["style"])
                .attribute_filter(|element, attribute, value| {
                    if attribute == "style" && !value.starts_with("text-align:") {
                        return None;
                    }
                    if element == "input" && attribute == "type" && value != "checkbox" {
                        return None;
                    }
                    Some(value.into())
                });
            builder
        })
        .clean(html)
        .to_string()
}

/// Escapes text for HTML content and double-quoted attribute values.
pub fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
