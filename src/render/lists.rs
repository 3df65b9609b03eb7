//! The pages that list entries: the home page, collection lists (and their
//! filter pages), the taxonomy index and term pages, with their paginators.

use std::collections::BTreeMap;

use tera::{Context, Value as T};

use super::calendar;
use super::context::page_value;
use super::facets;
use super::job::page_path;
use super::renderer::Renderer;
use super::terms::{taxonomy_value, term_value};
use super::values::object;
use crate::core::model::{EntryId, Value};
use crate::site::Site;

/// Entries on the home page from each collection, and upcoming.
pub const RECENT_ON_HOME: usize = 5;

/// Where a page is among the pages of a paginated list.
pub struct Pagination<'j> {
    /// From 1.
    pub number: usize,
    /// The entries on this page.
    pub ids: &'j [EntryId],
    pub total_pages: usize,
    /// The entries on all pages.
    pub total: usize,
}

/// The home page: the newest entries of each collection, what is coming
/// up, and the featured entries. Returns its site path and template.
pub fn home(r: &Renderer<'_>, ctx: &mut Context) -> (String, String) {
    let site = r.site();
    let config = &site.config;
    let recent: BTreeMap<String, T> = config
        .collections
        .iter()
        .filter(|c| !c.is_pages())
        .map(|c| {
            (
                c.name.clone(),
                summaries(r, r.sorted[&c.name].iter().take(RECENT_ON_HOME)),
            )
        })
        .collect();
    let featured = site
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.field("featured"), Some(Value::Bool(true))))
        .map(|(id, _)| id);
    ctx.insert_value("recent", T::from(recent));
    let calendars = config.collections.iter().filter(|c| c.calendar.is_some());
    let dated = calendars.flat_map(|c| r.sorted[&c.name].iter().copied());
    let upcoming = calendar::upcoming(site, dated, r.now);
    ctx.insert_value(
        "upcoming",
        summaries(r, upcoming.iter().take(RECENT_ON_HOME)),
    );
    ctx.insert_value(
        "featured",
        summaries(r, featured.collect::<Vec<_>>().iter()),
    );
    ctx.insert_value(
        "page",
        page_value(site, "home", "/", &config.title, &config.description),
    );
    ("/".to_string(), "home.html".to_string())
}

/// A page of a collection's list, or of one of its filter pages (`filter`:
/// `(facet, value)` indexes in `Renderer::facets`).
pub fn list(
    r: &Renderer<'_>,
    ctx: &mut Context,
    (collection, filter): (&str, Option<(usize, usize)>),
    page: &Pagination<'_>,
) -> (String, String) {
    let site = r.site();
    let config = &site.config;
    let number = page.number;
    let c = config.collection(collection).expect("planned from config");
    let facets = &r.facets[collection];
    let (base, mut title) = match filter {
        Some((f, v)) => {
            let (facet, value) = (&facets[f], &facets[f].values[v]);
            ctx.insert_value("filter", facets::filter_value(site, &c.path, facet, value));
            (
                facet.path(&c.path, value),
                format!("{}: {} {}", c.title, facet.label, value.label),
            )
        }
        None => {
            ctx.insert_value("filter", T::none());
            (c.path.clone(), c.title.clone())
        }
    };
    if number > 1 {
        title = format!("{title} (page {number} of {})", page.total_pages);
    }
    if c.calendar.is_some() && filter.is_none() && number == 1 {
        let upcoming = calendar::upcoming(site, r.sorted[collection].iter().copied(), r.now);
        ctx.insert_value("upcoming", summaries(r, upcoming.iter()));
    } else {
        ctx.insert_value("upcoming", T::from(Vec::<T>::new()));
    }
    let path = page_path(&base, number);
    ctx.insert_value("collection", r.shared.collection(collection));
    ctx.insert_value(
        "facets",
        facets::facets_value(site, &c.path, facets, filter),
    );
    ctx.insert_value("entries", summaries(r, page.ids.iter()));
    ctx.insert_value("paginator", paginator(site, &base, page));
    ctx.insert_value(
        "page",
        page_value(site, "list", &path, &title, &c.description),
    );
    (path, "list.html".to_string())
}

/// The index of a taxonomy's terms.
pub fn taxonomy(r: &Renderer<'_>, ctx: &mut Context, t: usize) -> (String, String) {
    let site = r.site();
    let config = &site.config;
    let taxonomy = &site.taxonomies.0[t];
    ctx.insert_value("taxonomy", taxonomy_value(r, t, true));
    let description = if taxonomy.config.description.is_empty() {
        &config.description
    } else {
        &taxonomy.config.description
    };
    ctx.insert_value(
        "page",
        page_value(
            site,
            "taxonomy",
            &taxonomy.config.path,
            &taxonomy.config.title,
            description,
        ),
    );
    (taxonomy.config.path.clone(), "taxonomy.html".to_string())
}

/// One page of a term's entries, in sections by collection.
pub fn term(
    r: &Renderer<'_>,
    ctx: &mut Context,
    (t, n): (usize, usize),
    page: &Pagination<'_>,
) -> (String, String) {
    let site = r.site();
    let taxonomy = &site.taxonomies.0[t];
    let term = &taxonomy.terms[n];
    let base = format!("{}{}/", taxonomy.config.path, term.slug);
    let path = page_path(&base, page.number);
    let mut sections: Vec<T> = Vec::new();
    for chunk in page
        .ids
        .chunk_by(|&a, &b| site.entries[a].collection == site.entries[b].collection)
    {
        let collection = &site.entries[chunk[0]].collection;
        sections.push(object([
            ("collection", r.shared.collection(collection)),
            ("entries", summaries(r, chunk.iter())),
        ]));
    }
    let description = if term.description.is_empty() {
        format!("{}: {}", taxonomy.config.singular, term.label)
    } else {
        term.description.clone()
    };
    ctx.insert_value("taxonomy", taxonomy_value(r, t, false));
    ctx.insert_value("term", term_value(r, t, n));
    ctx.insert_value("sections", T::from(sections));
    ctx.insert_value("paginator", paginator(site, &base, page));
    ctx.insert_value(
        "page",
        page_value(site, "term", &path, &term.label, &description),
    );
    (path, "term.html".to_string())
}

/// The summaries of `ids`, in their order.
pub fn summaries<'i>(r: &Renderer<'_>, ids: impl Iterator<Item = &'i EntryId>) -> T {
    T::from(
        ids.map(|&id| r.shared.summaries[id].clone())
            .collect::<Vec<_>>(),
    )
}

/// The `paginator` variable of a page of the list at `base`.
fn paginator(site: &Site, base: &str, page: &Pagination<'_>) -> T {
    let (number, total_pages, total) = (page.number, page.total_pages, page.total);
    let url = |n: usize| T::from(site.config.url(&page_path(base, n)));
    let pages: Vec<T> = (1..=total_pages)
        .map(|n| object([("number", T::from(n)), ("url", url(n))]))
        .collect();
    object([
        ("number", T::from(number)),
        ("total_pages", T::from(total_pages)),
        ("total_entries", T::from(total)),
        (
            "previous",
            if number > 1 {
                url(number - 1)
            } else {
                T::none()
            },
        ),
        (
            "next",
            if number < total_pages {
                url(number + 1)
            } else {
                T::none()
            },
        ),
        ("first", url(1)),
        ("last", url(total_pages)),
        ("pages", T::from(pages)),
    ])
}
