//! How each planned file is rendered (`render_job`): the template of its
//! kind filled with its values (lists in `lists`), or a calendar file
//! written without one.

use tera::{Context, Value as T};

use super::calendar;
use super::context::{self, page_value};
use super::feeds;
use super::job::{Job, SEARCH_PAGE, alias_path, entry_template, file_for};
use super::json_ld;
use super::lists::{self, Pagination, summaries};
use super::renderer::Renderer;
use super::values::text;
use crate::config::PAGES;
use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::core::model::EntryId;
use crate::site::Site;
use crate::theme::templates::template_error;

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

/// Rendering problems, each reported once: a template mistake fails every
/// page that uses it.
pub fn render_failures(mut problems: Vec<Diagnostic>) -> Diagnostics {
    problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    problems
        .dedup_by(|a, b| a.line > 0 && (&a.path, a.line, a.column) == (&b.path, b.line, b.column));
    Diagnostics::from(problems)
}

/// Renders one job to `(output file relative to the site root, content)`.
pub fn render_job(job: &Job, r: &Renderer<'_>) -> Result<(String, String), Diagnostic> {
    let site = r.site();
    let mut ctx = Context::new();
    let (path, template) = match job {
        Job::Home => lists::home(r, &mut ctx),
        Job::List {
            collection,
            filter,
            number,
            ids,
            total_pages,
            total,
        } => {
            let page = Pagination {
                number: *number,
                ids,
                total_pages: *total_pages,
                total: *total,
            };
            lists::list(r, &mut ctx, (collection, *filter), &page)
        }
        Job::EntryCalendar(id) => return Ok(entry_calendar(r, *id)),
        Job::Calendar(collection) => return Ok(collection_calendar(r, collection)),
        Job::Entry(id) => entry(r, &mut ctx, *id),
        Job::Taxonomy(t) => lists::taxonomy(r, &mut ctx, *t),
        Job::Term {
            taxonomy,
            term,
            number,
            ids,
            total_pages,
            total,
        } => {
            let page = Pagination {
                number: *number,
                ids,
                total_pages: *total_pages,
                total: *total,
            };
            lists::term(r, &mut ctx, (*taxonomy, *term), &page)
        }
        Job::NotFound => plain_page(r, &mut ctx, ("404", "/404.html", "Page not found")),
        Job::Search => {
            plain_page(r, &mut ctx, ("search", SEARCH_PAGE, "Search"));
            (
                format!("{SEARCH_PAGE}index.html"),
                "search.html".to_string(),
            )
        }
        Job::Feed(collection) => feed(r, &mut ctx, collection.as_deref()),
        Job::Sitemap => {
            ctx.insert_value("sitemap", feeds::sitemap_value(r));
            ("/sitemap.xml".to_string(), "sitemap.xml".to_string())
        }
        Job::Robots => {
            let sitemap = site.config.permalink("/sitemap.xml");
            ctx.insert_value("sitemap_url", T::from(sitemap));
            ("/robots.txt".to_string(), "robots.txt".to_string())
        }
        Job::Alias { from, to } => alias(r, &mut ctx, from, *to),
    };
    add_json_ld(&mut ctx, job, site, &path);
    let mut html = r
        .tera
        .render(&template, &ctx)
        .map_err(|err| template_error(&err, r.origins))?;
    if matches!(job, Job::Feed(_) | Job::Sitemap) {
        html = feeds::xml_safe(html);
    }
    Ok((file_for(&path), html))
}

/// An entry's page (a free page's, for `pages`).
fn entry(r: &Renderer<'_>, ctx: &mut Context, id: EntryId) -> (String, String) {
    let site = r.site();
    let entry = &site.entries[id];
    let path = site.entry_path(id);
    let template = entry_template(r, id);
    let kind = if entry.collection == PAGES {
        "page"
    } else {
        "entry"
    };
    ctx.insert_value("entry", context::entry_value(&r.shared, id));
    ctx.insert_value("collection", r.shared.collection(&entry.collection));
    let related = r.related.get().and_then(|all| all.get(id));
    ctx.insert_value("related", summaries(r, related.into_iter().flatten()));
    ctx.insert_value(
        "page",
        // The page is in the interface's language; the entry's own
        // language marks its title, summary and body.
        page_value(site, kind, &path, &entry.title, &entry.summary),
    );
    (path, template)
}

/// A page with nothing but the `page` variable, from `(kind, site path,
/// title)`: the page for missing addresses, the search page.
fn plain_page(
    r: &Renderer<'_>,
    ctx: &mut Context,
    (kind, path, title): (&str, &str, &str),
) -> (String, String) {
    let config = &r.site().config;
    ctx.insert_value(
        "page",
        page_value(r.site(), kind, path, title, &config.description),
    );
    (path.to_string(), format!("{kind}.html"))
}

/// An Atom feed: the site's, or one collection's.
fn feed(r: &Renderer<'_>, ctx: &mut Context, collection: Option<&str>) -> (String, String) {
    ctx.insert_value("feed", feeds::feed_value(r, collection));
    let path = match collection.and_then(|c| r.site().config.collection(c)) {
        Some(c) => format!("{}atom.xml", c.path),
        None => "/atom.xml".to_string(),
    };
    (path, "atom.xml".to_string())
}

/// A page that redirects an old address of an entry to its page.
fn alias(r: &Renderer<'_>, ctx: &mut Context, from: &str, to: EntryId) -> (String, String) {
    let site = r.site();
    let config = &site.config;
    let target = site.entry_path(to);
    ctx.insert_value("target_url", T::from(config.url(&target)));
    ctx.insert_value("target_permalink", T::from(config.permalink(&target)));
    ctx.insert_value("target_title", text(&site.entries[to].title));
    (alias_path(from), "__calabash/alias.html".to_string())
}

/// The `.ics` file of one calendar entry.
fn entry_calendar(r: &Renderer<'_>, id: EntryId) -> (String, String) {
    let site = r.site();
    let path = format!("{}{}", site.entry_path(id), calendar::ENTRY_FILE);
    let ics = calendar::ics(site, &site.entries[id].title, &[id], r.now);
    (file_for(&path), ics)
}

/// The `.ics` file of a calendar collection.
fn collection_calendar(r: &Renderer<'_>, collection: &str) -> (String, String) {
    let site = r.site();
    let config = &site.config;
    let c = config.collection(collection).expect("planned from config");
    let path = format!("{}{}", c.path, calendar::COLLECTION_FILE);
    let title = format!("{} — {}", c.title, config.title);
    let ics = calendar::ics(site, &title, &r.sorted[collection], r.now);
    (file_for(&path), ics)
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
