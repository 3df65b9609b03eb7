//! How each planned file is rendered (`render_job`): home, lists, entries,
//! free pages, taxonomies, terms, 404, feeds, sitemap, robots.txt and alias
//! redirects.

use std::collections::BTreeMap;

use tera::{Context, Value as T};

use crate::config::PAGES;
use crate::diagnostics::Diagnostic;
use crate::model::{EntryId, Value};
use crate::render::context::{self, object, page_value, text};
use crate::render::plan::{Job, RECENT_ON_HOME, Renderer, file_for, page_path};
use crate::render::templates::template_error;
use crate::render::terms::{taxonomy_value, term_value};
use crate::render::{calendar, facets, json_ld};

use crate::site::Site;

/// Where the search page lives; the static index sits in its `index/` folder.
pub const SEARCH_PAGE: &str = "/search/";

/// The template a job is rendered with; `None` for calendar files, which
/// are written without one.
pub fn template_of(job: &Job, r: &Renderer<'_>) -> Option<String> {
    Some(
        match job {
            Job::Home => "home.html",
            Job::List { .. } => "list.html",
            Job::Entry(id) => return Some(entry_template(r, *id)),
            Job::Taxonomy(_) => "taxonomy.html",
            Job::Term { .. } => "term.html",
            Job::NotFound => "404.html",
            Job::Search => "search.html",
            Job::Feed(_) => "atom.xml",
            Job::Sitemap => "sitemap.xml",
            Job::Robots => "robots.txt",
            Job::Alias { .. } => "__calabash/alias.html",
            Job::EntryCalendar(_) | Job::Calendar(_) => return None,
        }
        .to_string(),
    )
}

/// `page.html` for free pages; `entry-<collection>.html` when the theme has
/// it, else `entry.html`.
fn entry_template(r: &Renderer<'_>, id: EntryId) -> String {
    let collection = &r.site().entries[id].collection;
    if collection == PAGES {
        return "page.html".to_string();
    }
    let specific = format!("entry-{collection}.html");
    if r.tera.contains_template(&specific) {
        specific
    } else {
        "entry.html".to_string()
    }
}

/// Renders one job to `(output file relative to the site root, content)`.
/// Renders `jobs` in parallel and hands each page (file, content) to `keep`;
/// returns every problem, from rendering or from `keep`.
pub fn render_each(
    jobs: &[Job],
    r: &Renderer<'_>,
    keep: impl Fn(String, String) -> Result<(), Diagnostic> + Sync,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    jobs.par_iter()
        .filter_map(|job| {
            render_job(job, r)
                .and_then(|(file, content)| keep(file, content))
                .err()
        })
        .collect()
}

pub fn render_job(job: &Job, r: &Renderer<'_>) -> Result<(String, String), Diagnostic> {
    let site = r.site();
    let config = &site.config;
    let mut ctx = Context::new();
    let (path, template) = match job {
        Job::Home => {
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
                page_value(
                    site,
                    "home",
                    "/",
                    &config.title,
                    &config.description,
                    &config.language,
                ),
            );
            ("/".to_string(), "home.html".to_string())
        }
        Job::List {
            collection,
            filter,
            number,
            ids,
            total_pages,
            total,
        } => {
            let c = config.collection(collection).expect("planned from config");
            let facets = &r.facets[collection];
            let (base, mut title) = match filter {
                Some((f, v)) => {
                    let (facet, value) = (&facets[*f], &facets[*f].values[*v]);
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
            if *number > 1 {
                title = format!("{title} (page {number} of {total_pages})");
            }
            if c.calendar.is_some() && filter.is_none() && *number == 1 {
                let upcoming =
                    calendar::upcoming(site, r.sorted[collection].iter().copied(), r.now);
                ctx.insert_value("upcoming", summaries(r, upcoming.iter()));
            } else {
                ctx.insert_value("upcoming", T::from(Vec::<T>::new()));
            }
            let path = page_path(&base, *number);
            ctx.insert_value("collection", r.shared.collection(collection));
            ctx.insert_value(
                "facets",
                facets::facets_value(site, &c.path, facets, *filter),
            );
            ctx.insert_value("entries", summaries(r, ids.iter()));
            ctx.insert_value(
                "paginator",
                paginator(site, &base, *number, *total_pages, *total),
            );
            ctx.insert_value(
                "page",
                page_value(
                    site,
                    "list",
                    &path,
                    &title,
                    &c.description,
                    &config.language,
                ),
            );
            (path, "list.html".to_string())
        }
        Job::EntryCalendar(id) => {
            let path = format!("{}{}", site.entry_path(*id), calendar::ENTRY_FILE);
            let ics = calendar::ics(site, &site.entries[*id].title, &[*id], r.now);
            return Ok((file_for(&path), ics));
        }
        Job::Calendar(collection) => {
            let c = config.collection(collection).expect("planned from config");
            let path = format!("{}{}", c.path, calendar::COLLECTION_FILE);
            let title = format!("{} — {}", c.title, config.title);
            let ics = calendar::ics(site, &title, &r.sorted[collection], r.now);
            return Ok((file_for(&path), ics));
        }
        Job::Entry(id) => {
            let entry = &site.entries[*id];
            let path = site.entry_path(*id);
            let template = entry_template(r, *id);
            let kind = if entry.collection == PAGES {
                "page"
            } else {
                "entry"
            };
            ctx.insert_value("entry", context::entry_value(&r.shared, *id));
            ctx.insert_value("collection", r.shared.collection(&entry.collection));
            let related = r.related.get().and_then(|all| all.get(*id));
            ctx.insert_value("related", summaries(r, related.into_iter().flatten()));
            ctx.insert_value(
                "page",
                // The page is in the interface's language; the entry's own
                // language marks its title, summary and body.
                page_value(
                    site,
                    kind,
                    &path,
                    &entry.title,
                    &entry.summary,
                    &config.language,
                ),
            );
            (path, template)
        }
        Job::Taxonomy(t) => {
            let taxonomy = &site.taxonomies.0[*t];
            ctx.insert_value("taxonomy", taxonomy_value(r, *t, true));
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
                    &config.language,
                ),
            );
            (taxonomy.config.path.clone(), "taxonomy.html".to_string())
        }
        Job::Term {
            taxonomy: t,
            term: n,
            number,
            ids,
            total_pages,
            total,
        } => {
            let taxonomy = &site.taxonomies.0[*t];
            let term = &taxonomy.terms[*n];
            let base = format!("{}{}/", taxonomy.config.path, term.slug);
            let path = page_path(&base, *number);
            let mut sections: Vec<T> = Vec::new();
            for chunk in
                ids.chunk_by(|&a, &b| site.entries[a].collection == site.entries[b].collection)
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
            ctx.insert_value("taxonomy", taxonomy_value(r, *t, false));
            ctx.insert_value("term", term_value(r, *t, *n));
            ctx.insert_value("sections", T::from(sections));
            ctx.insert_value(
                "paginator",
                paginator(site, &base, *number, *total_pages, *total),
            );
            ctx.insert_value(
                "page",
                page_value(
                    site,
                    "term",
                    &path,
                    &term.label,
                    &description,
                    &config.language,
                ),
            );
            (path, "term.html".to_string())
        }
        Job::NotFound => {
            ctx.insert_value(
                "page",
                page_value(
                    site,
                    "404",
                    "/404.html",
                    "Page not found",
                    &config.description,
                    &config.language,
                ),
            );
            ("/404.html".to_string(), "404.html".to_string())
        }
        Job::Search => {
            ctx.insert_value(
                "page",
                page_value(
                    site,
                    "search",
                    SEARCH_PAGE,
                    "Search",
                    &config.description,
                    &config.language,
                ),
            );
            (
                format!("{SEARCH_PAGE}index.html"),
                "search.html".to_string(),
            )
        }
        Job::Feed(collection) => {
            ctx.insert_value(
                "feed",
                crate::render::feeds::feed_value(r, collection.as_deref()),
            );
            let path = match collection.as_deref().and_then(|c| config.collection(c)) {
                Some(c) => format!("{}atom.xml", c.path),
                None => "/atom.xml".to_string(),
            };
            (path, "atom.xml".to_string())
        }
        Job::Sitemap => {
            ctx.insert_value("sitemap", crate::render::feeds::sitemap_value(r));
            ("/sitemap.xml".to_string(), "sitemap.xml".to_string())
        }
        Job::Robots => {
            ctx.insert_value("sitemap_url", T::from(config.permalink("/sitemap.xml")));
            ("/robots.txt".to_string(), "robots.txt".to_string())
        }
        Job::Alias { from, to } => {
            let target = site.entry_path(*to);
            ctx.insert_value("target_url", T::from(config.url(&target)));
            ctx.insert_value("target_permalink", T::from(config.permalink(&target)));
            ctx.insert_value("target_title", text(&site.entries[*to].title));
            let from = crate::render::plan::alias_path(from);
            (from, "__calabash/alias.html".to_string())
        }
    };
    add_json_ld(&mut ctx, job, site, &path);
    let mut html = r
        .tera
        .render(&template, &ctx)
        .map_err(|err| template_error(&err, r.origins))?;
    if matches!(job, Job::Feed(_) | Job::Sitemap) {
        html = crate::render::feeds::xml_safe(html);
    }
    Ok((file_for(&path), html))
}

/// Adds `page.json_ld`: the page's structured data, escaped for a script element.
fn add_json_ld(ctx: &mut Context, job: &Job, site: &Site, path: &str) {
    let Some(current) = ctx.get("page").cloned() else {
        return;
    };
    let field = |key: &str| {
        current
            .get_from_path(key)
            .and_then(T::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut page = current.as_map().cloned().unwrap_or_default();
    let doc = match job {
        Job::Home => Some(json_ld::website(site)),
        Job::List { .. } => Some(json_ld::collection_page(
            site,
            &field("title"),
            &field("description"),
            path,
        )),
        Job::Entry(id) => json_ld::entry(site, *id),
        _ => None,
    };
    let value = doc.map_or(T::none(), |d| T::safe_string(&json_ld::script_safe(&d)));
    page.insert("json_ld".into(), value);
    ctx.insert_value("page", T::from(page));
}

fn summaries<'i>(r: &Renderer<'_>, ids: impl Iterator<Item = &'i EntryId>) -> T {
    T::from(
        ids.map(|&id| r.shared.summaries[id].clone())
            .collect::<Vec<_>>(),
    )
}

fn paginator(site: &Site, base: &str, number: usize, total_pages: usize, total: usize) -> T {
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
