//! The pages that list entries: the home page, collection lists (and their
//! filter pages), the taxonomy index and term pages, the full lists of the
//! entries referring to one, with their paginators.

use std::collections::BTreeMap;

use tera::{Context, Value as TeraValue};

use super::calendar;
use super::context::{PageInfo, page_value};
use super::facets::{self, FilterIndex};
use super::job::{Pagination, list_base, referrers_base, term_base};
use super::offline;
use super::pagination::paginator;
use super::renderer::Renderer;
use super::terms::{taxonomy_value, term_value};
use super::translations::{self, version_in};
use super::values::object;
use crate::core::model::{EntryId, Value};
use crate::load::taxonomy::{TaxonomyIndex, TermIndex};

/// Entries on the home page from each collection, and upcoming.
pub const RECENT_ON_HOME: usize = 5;

/// The home page, at site path `path`: the newest entries of each
/// collection, what is coming up, and the featured entries, in the
/// language `lang`.
pub fn home(r: &Renderer<'_>, ctx: &mut Context, (path, lang): (&str, &str)) {
    let site = r.site();
    let config = &site.config;
    let recent: BTreeMap<String, TeraValue> = config
        .collections
        .iter()
        .filter(|c| !c.is_pages())
        .map(|c| {
            (
                c.name.clone(),
                summaries(
                    r,
                    lang,
                    r.sorted_of(lang, &c.name).iter().take(RECENT_ON_HOME),
                ),
            )
        })
        .collect();
    let featured = site
        .entries_with_ids()
        .filter(|(_, e)| matches!(e.field("featured"), Some(Value::Bool(true))))
        .map(|(id, _)| id)
        .filter(|&id| !config.is_multilingual() || translations::shown_in(site, id, lang));
    ctx.insert_value("recent", TeraValue::from(recent));
    let calendars = config.collections.iter().filter(|c| c.calendar.is_some());
    let dated = calendars.flat_map(|c| r.sorted_of(lang, &c.name).iter().copied());
    let upcoming = calendar::upcoming(site, dated, r.now);
    ctx.insert_value(
        "upcoming",
        summaries(r, lang, upcoming.iter().take(RECENT_ON_HOME)),
    );
    ctx.insert_value(
        "featured",
        summaries(r, lang, featured.collect::<Vec<_>>().iter()),
    );
    ctx.insert_value(
        "page",
        page_value(
            site,
            &PageInfo {
                kind: "home",
                path,
                title: config.text_in(&config.title, &config.titles, lang).0,
                description: config
                    .text_in(&config.description, &config.descriptions, lang)
                    .0,
                lang,
            },
        ),
    );
}

/// A page of a collection's list, or of one of its filter pages, at site
/// path `path`, in the language `lang`.
pub fn list(
    r: &Renderer<'_>,
    ctx: &mut Context,
    (collection, filter): (&str, Option<FilterIndex>),
    (path, page, lang): (&str, &Pagination, &str),
) {
    let site = r.site();
    let config = &site.config;
    let number = page.number;
    let c = config.collection(collection).expect("planned from config");
    let facets = r.facets_of(lang, collection);
    let c_path = site.in_language(lang, &c.path);
    let c_title = config.text_in(&c.title, &c.titles, lang).0;
    let mut title = match filter.and_then(|filter| facets::filter_at(facets, filter)) {
        Some((facet, value)) => {
            ctx.insert_value("filter", facets::filter_value(site, &c_path, facet, value));
            format!("{c_title}: {} {}", facet.label, value.label)
        }
        None => {
            ctx.insert_value("filter", TeraValue::none());
            c_title.to_string()
        }
    };
    let base = site.in_language(lang, &list_base(r, (&c.path, lang), collection, filter));
    title = with_page_number(r, lang, title, page);
    if c.calendar.is_some() && filter.is_none() && number == 1 {
        let sorted = r.sorted_of(lang, collection).iter().copied();
        let upcoming = calendar::upcoming(site, sorted, r.now);
        ctx.insert_value("upcoming", summaries(r, lang, upcoming.iter()));
    } else {
        ctx.insert_value("upcoming", TeraValue::from(Vec::<TeraValue>::new()));
    }
    ctx.insert_value("collection", r.shared.collection(collection, lang));
    ctx.insert_value(
        "facets",
        facets::facets_value(site, &c_path, facets, filter),
    );
    ctx.insert_value("entries", summaries(r, lang, page.ids.iter()));
    ctx.insert_value("paginator", paginator(site, &base, page));
    if config.offline.is_some() && filter.is_none() && number == 1 {
        let save = [
            (
                "url",
                TeraValue::from(offline::collections::list_url(r, lang, collection)),
            ),
            (
                "entries",
                TeraValue::from(r.sorted_of(lang, collection).len()),
            ),
        ];
        ctx.insert_value("offline_save", object(save));
    }
    ctx.insert_value(
        "page",
        page_value(
            site,
            &PageInfo {
                kind: "list",
                path,
                title: &title,
                description: config.text_in(&c.description, &c.descriptions, lang).0,
                lang,
            },
        ),
    );
}

/// The index of a taxonomy's terms, at site path `path`, in the language
/// `lang`.
pub fn taxonomy(r: &Renderer<'_>, ctx: &mut Context, t: TaxonomyIndex, (path, lang): (&str, &str)) {
    let site = r.site();
    let config = &site.config;
    let Some(taxonomy) = site.taxonomies.at(t) else {
        return;
    };
    ctx.insert_value("taxonomy", taxonomy_value(r, t, (true, lang)));
    let tc = &taxonomy.config;
    let description = if tc.description.is_empty() {
        config
            .text_in(&config.description, &config.descriptions, lang)
            .0
    } else {
        config.text_in(&tc.description, &tc.descriptions, lang).0
    };
    ctx.insert_value(
        "page",
        page_value(
            site,
            &PageInfo {
                kind: "taxonomy",
                path,
                title: config.text_in(&tc.title, &tc.titles, lang).0,
                description,
                lang,
            },
        ),
    );
}

/// One page of a term's entries, in sections by collection, at site path
/// `path`, in the language `lang`.
pub fn term(
    r: &Renderer<'_>,
    ctx: &mut Context,
    n: TermIndex,
    (path, page, lang): (&str, &Pagination, &str),
) {
    let site = r.site();
    let Some((taxonomy, term)) = site.taxonomies.term_at(n) else {
        return;
    };
    let base = site.in_language(lang, &term_base(r, n).unwrap_or_default());
    let label = term.label_in(lang);
    let mut sections: Vec<TeraValue> = Vec::new();
    for chunk in page
        .ids
        .chunk_by(|&a, &b| site.entry(a).collection == site.entry(b).collection)
    {
        let collection = &site.entry(chunk[0]).collection;
        sections.push(object([
            ("collection", r.shared.collection(collection, lang)),
            ("entries", summaries(r, lang, chunk.iter())),
        ]));
    }
    let description = if term.description.is_empty() {
        format!("{}: {label}", taxonomy.config.singular)
    } else {
        term.description.clone()
    };
    ctx.insert_value("taxonomy", taxonomy_value(r, n.taxonomy, (false, lang)));
    ctx.insert_value("term", term_value(r, n, lang));
    ctx.insert_value("sections", TeraValue::from(sections));
    ctx.insert_value("paginator", paginator(site, &base, page));
    ctx.insert_value(
        "page",
        page_value(
            site,
            &PageInfo {
                kind: "term",
                path,
                title: label,
                description: &description,
                lang,
            },
        ),
    );
}

/// The summaries of `ids`, in their order, as a page in the language
/// `lang` shows them: `in_other_language` says whether an entry's title
/// and summary need their own `lang` there.
pub fn summaries<'i>(
    r: &Renderer<'_>,
    lang: &str,
    ids: impl Iterator<Item = &'i EntryId>,
) -> TeraValue {
    let listed = ids.map(|&id| r.shared.summary(id, lang).clone());
    TeraValue::from(listed.collect::<Vec<_>>())
}

/// A page of the full list of the entries of `collection` referring to
/// `to`, at site path `path`, in the language `lang`.
pub fn referrers(
    r: &Renderer<'_>,
    ctx: &mut Context,
    (to, collection): (EntryId, &str),
    (path, page, lang): (&str, &Pagination, &str),
) {
    let site = r.site();
    let config = &site.config;
    let c_title = config
        .collection(collection)
        .map_or(collection, |c| config.text_in(&c.title, &c.titles, lang).0);
    let entry = site.entry(to);
    let mut title = r
        .strings
        .text(lang, "referrers.title", "{collection} referring to {title}")
        .replace("{collection}", c_title)
        .replace("{title}", &entry.title);
    ctx.insert_value("heading", TeraValue::from(title.clone()));
    title = with_page_number(r, lang, title, page);
    let base = referrers_base(site, to, collection);
    let shown: Vec<EntryId> = page
        .ids
        .iter()
        .map(|&id| version_in(site, id, lang))
        .collect();
    ctx.insert_value("entry", r.shared.summary(to, lang).clone());
    ctx.insert_value("collection", r.shared.collection(collection, lang));
    ctx.insert_value(
        "entry_collection",
        r.shared.collection(&entry.collection, lang),
    );
    ctx.insert_value("entries", summaries(r, lang, shown.iter()));
    ctx.insert_value("paginator", paginator(site, &base, page));
    ctx.insert_value(
        "page",
        page_value(
            site,
            &PageInfo {
                kind: "referrers",
                path,
                title: &title,
                description: &entry.summary,
                lang,
            },
        ),
    );
}

/// A list's title on its later pages: "Library (page 2 of 7)".
fn with_page_number(r: &Renderer<'_>, lang: &str, title: String, page: &Pagination) -> String {
    if page.number <= 1 {
        return title;
    }
    let pattern = r.strings.text(
        lang,
        "list.title_page",
        "{title} (page {number} of {total})",
    );
    pattern
        .replace("{title}", &title)
        .replace("{number}", &page.number.to_string())
        .replace("{total}", &page.total_pages.to_string())
}
