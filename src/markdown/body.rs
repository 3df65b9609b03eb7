//! One body's rendering, event by event: headings get ids and make the
//! table of contents, code is highlighted, links and images are rewritten
//! and recorded, footnotes numbered, and what Calabash writes itself marked
//! for the sanitizer.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::highlight;
use super::links;
use super::rendered::{Rendered, UrlLink};
use super::sanitize::{self, RawUrl, marker, own_event};
use super::toc::{heading_tag, nest_toc, unique_id};
use crate::config::Config;
use crate::core::slug::slugify;
use crate::core::text::escape_attr;

/// How an image of the body is shown.
enum Image {
    /// As an image; whether it has alternative text so far.
    Shown { span: Range<usize>, has_alt: bool },
    /// From another host: as a link to it (or as its text inside a link).
    Outside {
        url: String,
        as_link: bool,
        has_alt: bool,
    },
}

/// The state of one body's rendering, event by event.
pub struct BodyRenderer<'c, 'b> {
    config: &'c Config,
    /// Where the body starts in its file.
    offset: usize,
    out: Rendered,
    events: Vec<Event<'b>>,
    /// Events holding ids and URLs Calabash wrote, which carry `marker()`.
    own: Vec<usize>,
    /// File spans of raw HTML, where the URLs it writes are looked for.
    raw: Vec<Range<usize>>,
    heading: Option<(usize, Option<String>)>,
    code: Option<(String, String)>,
    flat_toc: Vec<(u8, String, String)>,
    image: Option<Image>,
    links_open: usize,
    footnotes: HashMap<String, usize>,
}

impl<'c, 'b> BodyRenderer<'c, 'b> {
    pub fn new(config: &'c Config, offset: usize) -> Self {
        BodyRenderer {
            config,
            offset,
            out: Rendered::default(),
            events: Vec::new(),
            own: Vec::new(),
            raw: Vec::new(),
            heading: None,
            code: None,
            flat_toc: Vec::new(),
            image: None,
            links_open: 0,
            footnotes: HashMap::new(),
        }
    }

    fn push_own(&mut self, event: Event<'b>) {
        self.own.push(self.events.len());
        self.events.push(event);
    }

    pub fn event(&mut self, event: Event<'b>, span: Range<usize>) {
        if let Some((lang, text)) = &mut self.code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = highlight::code_block(lang, text);
                    self.events.push(Event::Html(html.into()));
                    self.out.has_code = true;
                    self.code = None;
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                self.heading = Some((self.events.len(), id.map(|id| id.to_string())));
                self.events.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(level)) => self.end_heading(level),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([' ', ',', '{'])
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::Start(tag @ Tag::Image { .. }) => self.start_image(tag, span),
            Event::End(TagEnd::Image) => self.end_image(),
            Event::Start(tag @ Tag::Link { .. }) => {
                self.links_open += 1;
                let tag = self.rewrite_link(tag, span);
                self.push_own(Event::Start(tag));
            }
            Event::End(TagEnd::Link) => {
                self.links_open = self.links_open.saturating_sub(1);
                self.events.push(event);
            }
            Event::FootnoteReference(_)
            | Event::Start(Tag::FootnoteDefinition(_))
            | Event::End(TagEnd::FootnoteDefinition) => self.footnote(event),
            Event::TaskListMarker(done) => self.events.push(task_marker(done)),
            Event::Html(_) | Event::InlineHtml(_) => {
                self.raw.push(span);
                self.events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                match &mut self.image {
                    Some(Image::Shown { has_alt, .. } | Image::Outside { has_alt, .. }) => {
                        *has_alt |= !t.trim().is_empty();
                    }
                    None => {}
                }
                self.out.word_count += t.split_whitespace().count();
                self.events.push(event);
            }
            other => self.events.push(other),
        }
    }

    /// Footnotes are written here rather than by pulldown-cmark, so that
    /// their ids and links carry the marker of what Calabash writes.
    fn footnote(&mut self, event: Event<'b>) {
        match event {
            Event::FootnoteReference(label) => {
                let number = self.footnote_number(&label);
                let html = format!(
                    "<sup class=\"footnote-reference\"><a href=\"{}#{}\">{number}</a></sup>",
                    marker(),
                    escape_attr(&label)
                );
                self.push_own(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.out.anchors.insert(label.to_string());
                let number = self.footnote_number(&label);
                let html = format!(
                    "\n<div class=\"footnote-definition\" id=\"{}{}\"><sup class=\"footnote-definition-label\">{number}</sup>",
                    marker(),
                    escape_attr(&label)
                );
                self.push_own(Event::Html(html.into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.events.push(Event::Html("</div>\n".into()));
            }
            _ => {}
        }
    }

    /// Footnotes are numbered in the order they are first named.
    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_string()).or_insert(next)
    }

    fn end_heading(&mut self, level: HeadingLevel) {
        let Some((start, explicit_id)) = self.heading.take() else {
            return;
        };
        let title: String = self.events[start + 1..]
            .iter()
            .filter_map(event_text)
            .collect();
        let base = explicit_id.unwrap_or_else(|| slugify(&title));
        let base = if base.is_empty() {
            "section".into()
        } else {
            base
        };
        let id = unique_id(base, &self.out.anchors);
        self.out.anchors.insert(id.clone());
        let tag = heading_tag(level);
        self.events[start] =
            Event::Html(format!("<{tag} id=\"{}{}\">", marker(), escape_attr(&id)).into());
        self.own.push(start);
        self.events.push(Event::Html(format!("</{tag}>\n").into()));
        self.flat_toc
            .push((level as u8, id, title.trim().to_string()));
    }

    /// Images on this site are shown; one on another host would be a
    /// request to that host, so it becomes a link to it (or its text, inside
    /// another link).
    fn start_image(&mut self, tag: Tag<'b>, span: Range<usize>) {
        let Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } = tag
        else {
            return;
        };
        if !links::is_other_host(&dest_url) {
            self.image = Some(Image::Shown {
                span: span.clone(),
                has_alt: false,
            });
            let tag = self.rewrite_link(
                Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                },
                span,
            );
            self.push_own(Event::Start(tag));
            return;
        }
        self.out.outside_images.push(UrlLink {
            url: dest_url.to_string(),
            span: span.clone(),
        });
        let as_link = self.links_open == 0;
        self.image = Some(Image::Outside {
            url: dest_url.to_string(),
            as_link,
            has_alt: false,
        });
        if as_link {
            let tag = self.rewrite_link(
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                },
                span,
            );
            self.push_own(Event::Start(tag));
        }
    }

    fn end_image(&mut self) {
        match self.image.take() {
            Some(Image::Shown { span, has_alt }) => {
                if !has_alt {
                    self.out.images_without_alt.push(span);
                }
                self.events.push(Event::End(TagEnd::Image));
            }
            Some(Image::Outside {
                url,
                as_link,
                has_alt,
            }) => {
                if !has_alt {
                    self.events.push(Event::Text(url.into()));
                }
                if as_link {
                    self.events.push(Event::End(TagEnd::Link));
                }
            }
            None => {}
        }
    }

    /// A link or image with its destination passed through `rewrite_url`,
    /// marked as Calabash's own.
    fn rewrite_link(&mut self, tag: Tag<'b>, span: Range<usize>) -> Tag<'b> {
        let mut rewrite = |dest: &str| -> CowStr<'b> {
            let url = links::rewrite_url(dest, span.clone(), self.config, &mut self.out);
            format!("{}{url}", marker()).into()
        };
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Link {
                link_type,
                dest_url: rewrite(&dest_url),
                title,
                id,
            },
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Image {
                link_type,
                dest_url: rewrite(&dest_url),
                title,
                id,
            },
            other => other,
        }
    }

    pub fn finish(mut self, body: &str) -> Rendered {
        let sanitizing = !self.raw.is_empty() && !self.config.markdown.trust_html;
        for &i in &self.own {
            let event = std::mem::replace(&mut self.events[i], Event::SoftBreak);
            self.events[i] = own_event(event, sanitizing, &self.out.anchors);
        }
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
        let mut out = self.out;
        if sanitizing {
            let (clean, found) = sanitize::clean(&html, self.config, &out.anchors);
            html = clean;
            record_raw_urls(&mut out, found, &self.raw, body, self.offset);
        }
        out.html = html;
        out.toc = nest_toc(self.flat_toc);
        out
    }
}

/// A task list's checkbox, with an accessible name; the item's text follows.
fn task_marker<'b>(done: bool) -> Event<'b> {
    let (checked, name) = if done {
        (" checked", "Done")
    } else {
        ("", "Not done")
    };
    let html = format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{name}\"> ");
    Event::InlineHtml(html.into())
}

/// Records the URLs raw HTML wrote, each at the first place in the raw HTML
/// that writes it (else at the first raw HTML of the body).
fn record_raw_urls(
    out: &mut Rendered,
    found: Vec<RawUrl>,
    raw: &[Range<usize>],
    body: &str,
    offset: usize,
) {
    let locate = |url: &str| -> Range<usize> {
        raw.iter()
            .find_map(|span| {
                let text = body.get(span.start - offset..span.end - offset)?;
                let at = text.find(url)? + span.start;
                Some(at..at + url.len())
            })
            .or_else(|| raw.first().cloned())
            .unwrap_or(offset..offset)
    };
    for url in found {
        let (list, url) = match url {
            RawUrl::SitePath(url) => (&mut out.site_paths, url),
            RawUrl::Outside(url) => (&mut out.external, url),
            RawUrl::OutsideImage(url) => (&mut out.outside_images, url),
            RawUrl::Entry(rest) => {
                let span = locate(&format!("@/{rest}"));
                out.links.push(links::parse_internal(&rest, span));
                continue;
            }
        };
        list.push(UrlLink {
            span: locate(&url),
            url,
        });
    }
}

fn event_text<'a>(event: &'a Event) -> Option<&'a str> {
    match event {
        Event::Text(t) | Event::Code(t) => Some(t),
        _ => None,
    }
}
