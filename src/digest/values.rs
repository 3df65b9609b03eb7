//! The values the digest templates print (docs/templates.md, "The
//! digest"): the hub, the period, the counts, and the entries listed,
//! grouped by collection in `site.toml` order, newest first in each.

use serde::Serialize;
use tera::Context;

use super::select::{Kind, Listed};
use crate::history::Period;
use crate::site::Site;
use crate::theme::i18n::Strings;

#[derive(Serialize)]
struct Hub<'a> {
    title: &'a str,
    /// Set when the title stands in for a translation the hub lacks: its language.
    title_lang: Option<&'a str>,
    /// The home page's address.
    url: String,
}

#[derive(Serialize)]
struct Group<'a> {
    name: &'a str,
    title: &'a str,
    title_lang: Option<&'a str>,
    entries: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    title: &'a str,
    summary: &'a str,
    /// The entry's page on the published site.
    url: String,
    kind: Kind,
    /// `YYYY-MM-DD`, for the `date` filter.
    date: String,
    /// Set when the entry is written in another language than the digest.
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct Counts {
    new: usize,
    updated: usize,
    total: usize,
}

/// The template values of a digest in `lang` of `listed`.
pub fn context(
    site: &Site,
    strings: &Strings,
    listed: &[Listed],
    period: Period,
    lang: &str,
) -> Context {
    let config = &site.config;
    let (title, title_lang) = config.text_in(&config.title, &config.titles, lang);
    let hub = Hub {
        title,
        title_lang,
        url: config.permalink(&site.in_language(lang, "/")),
    };
    let new = listed.iter().filter(|l| l.kind == Kind::New).count();
    let counts = Counts {
        new,
        updated: listed.len() - new,
        total: listed.len(),
    };
    let mut ctx = Context::new();
    ctx.insert_value("t", strings.value(lang));
    ctx.insert("lang", lang);
    ctx.insert("site", &hub);
    ctx.insert("since", &period.since.to_string());
    ctx.insert("until", &period.until.to_string());
    ctx.insert("counts", &counts);
    ctx.insert("groups", &groups(site, listed, lang));
    ctx
}

fn groups<'a>(site: &'a Site, listed: &[Listed], lang: &str) -> Vec<Group<'a>> {
    let config = &site.config;
    config
        .collections
        .iter()
        .filter_map(|collection| {
            let mut of: Vec<&Listed> = (listed.iter())
                .filter(|l| site.entry(l.id).collection == collection.name)
                .collect();
            if of.is_empty() {
                return None;
            }
            of.sort_by(|a, b| {
                (b.date.cmp(&a.date))
                    .then_with(|| site.entry(a.id).title.cmp(&site.entry(b.id).title))
            });
            let (title, title_lang) = config.text_in(&collection.title, &collection.titles, lang);
            Some(Group {
                name: &collection.name,
                title,
                title_lang,
                entries: of.into_iter().map(|l| item(site, l, lang)).collect(),
            })
        })
        .collect()
}

fn item<'a>(site: &'a Site, listed: &Listed, lang: &str) -> Item<'a> {
    let entry = site.entry(listed.id);
    Item {
        title: &entry.title,
        summary: &entry.summary,
        url: site.config.permalink(&site.entry_path(listed.id)),
        kind: listed.kind,
        date: listed.date.to_string(),
        lang: (!entry.lang.eq_ignore_ascii_case(lang)).then_some(entry.lang.as_str()),
    }
}
