//! How each planned file is rendered (`render_job`): the template of its
//! kind filled with its values (lists in `lists`), or a calendar file
//! written without one.

use tera::{Context, Value as TeraValue};

use super::calendar;
use super::context::{self, PageInfo, page_value};
use super::feeds;
use super::job::{Job, Kind, Target, file_for};
use super::json_ld;
use super::lists::{self, summaries};
use super::renderer::Renderer;
use super::site_texts;
use super::translations;
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

/// Renders one job to `(output file relative to the site root, content)`:
/// its file and template are the job's own (`render::job`), the functions
/// here only give the template its values.
pub fn render_job(job: &Job, r: &Renderer<'_>) -> Result<(String, String), Diagnostic> {
    let path = job.site_path(r);
    let Some(template) = job.template(r) else {
        return Ok((file_for(&path), calendar_text(job, r)));
    };
    let lang = job.lang.as_str();
    let mut ctx = Context::new();
    ctx.insert_value("t", r.strings.value(lang));
    fill(job, r, &mut ctx, (&path, lang));
    add_json_ld(&mut ctx, job, r.site(), &path);
    if r.site().config.is_multilingual() {
        add_translations(&mut ctx, r, (lang, &path));
    }
    let mut content = r
        .tera
        .render(&template, &ctx)
        .map_err(|err| template_error(&err, r.origins))?;
    if matches!(job.kind(), Kind::Feed | Kind::Sitemap) {
        content = feeds::xml_safe(content);
    }
    Ok((file_for(&path), content))
}

/// Gives the template of `job`, at site path `path`, its values in the
/// language `lang`.
fn fill(job: &Job, r: &Renderer<'_>, ctx: &mut Context, (path, lang): (&str, &str)) {
    match &job.target {
        Target::Home => lists::home(r, ctx, (path, lang)),
        Target::List {
            collection,
            filter,
            page,
        } => lists::list(r, ctx, (collection, *filter), (path, page, lang)),
        Target::Entry(id) => entry(r, ctx, *id, (path, lang)),
        Target::Referrers {
            to,
            collection,
            page,
        } => lists::referrers(r, ctx, (*to, collection), (path, page, lang)),
        Target::Taxonomy(t) => lists::taxonomy(r, ctx, *t, (path, lang)),
        Target::Term { term, page } => lists::term(r, ctx, *term, (path, page, lang)),
        Target::NotFound => {
            let title = r.strings.text(lang, "not_found.title", "Page not found");
            plain_page(r, ctx, ("404", path, title), lang);
        }
        Target::Search => {
            let title = r.strings.text(lang, "search.title", "Search");
            plain_page(r, ctx, ("search", path, title), lang);
        }
        Target::Saved => {
            let title = r
                .strings
                .text(lang, "offline.title", "Saved for offline reading");
            plain_page(r, ctx, ("saved", path, title), lang);
        }
        Target::Feed(collection) => {
            ctx.insert_value("feed", feeds::feed_value(r, collection.as_deref(), lang));
        }
        Target::Sitemap => sitemap(r, ctx, 1),
        Target::SitemapPart(part) => sitemap(r, ctx, *part),
        Target::SitemapIndex { parts } => {
            ctx.insert_value("sitemaps", feeds::sitemap_index_value(r, *parts));
        }
        Target::Robots => {
            let sitemap = r.site().config.permalink("/sitemap.xml");
            ctx.insert_value("sitemap_url", TeraValue::from(sitemap));
        }
        Target::Alias { to, .. } => alias(r, ctx, *to),
        // Written without a template (`calendar_text`).
        Target::EntryCalendar(_) | Target::Calendar(_) => {}
    }
}

/// Part `part` of the site map (the whole of it in a site of one part).
fn sitemap(r: &Renderer<'_>, ctx: &mut Context, part: usize) {
    ctx.insert_value("sitemap", feeds::sitemap_value(r, part));
    let languages = r.site().config.is_multilingual();
    ctx.insert_value("sitemap_languages", TeraValue::from(languages));
}

/// An entry's page (a free page's, for `pages`), at site path `path`, in
/// the language `lang`.
fn entry(r: &Renderer<'_>, ctx: &mut Context, id: EntryId, (path, lang): (&str, &str)) {
    let site = r.site();
    let entry = site.entry(id);
    let kind = if entry.collection == PAGES {
        "page"
    } else {
        "entry"
    };
    let body = match r.release_bodies {
        true => site.body(id).take_body_html(),
        false => site.body(id).body_html(),
    };
    ctx.insert_value("entry", context::entry_value(&r.shared, id, lang, &body));
    drop(body);
    ctx.insert_value("collection", r.shared.collection(&entry.collection, lang));
    ctx.insert_value("related", summaries(r, lang, r.related_to(id).iter()));
    ctx.insert_value(
        "page",
        // The page is in the interface's language; the entry's own
        // language marks its title, summary and body.
        page_value(
            site,
            &PageInfo {
                kind,
                path,
                title: &entry.title,
                description: &entry.summary,
                lang,
            },
        ),
    );
}

/// A page with nothing but the `page` variable, described as the site is:
/// the page for missing addresses, the search page.
fn plain_page(
    r: &Renderer<'_>,
    ctx: &mut Context,
    (kind, path, title): (&str, &str, &str),
    lang: &str,
) {
    let site = r.site();
    let description = &site.config.description;
    let page = PageInfo {
        kind,
        path,
        title,
        description,
        lang,
    };
    ctx.insert_value("page", page_value(site, &page));
}

/// A page that redirects an old address of an entry to its page.
fn alias(r: &Renderer<'_>, ctx: &mut Context, to: EntryId) {
    let site = r.site();
    let config = &site.config;
    let target = site.entry_path(to);
    ctx.insert_value("target_url", TeraValue::from(config.url(&target)));
    ctx.insert_value(
        "target_permalink",
        TeraValue::from(config.permalink(&target)),
    );
    ctx.insert_value("target_title", text(&site.entry(to).title));
}

/// The text of a calendar file, which is written without a template: one
/// entry's event, or every event of a calendar collection.
fn calendar_text(job: &Job, r: &Renderer<'_>) -> String {
    let site = r.site();
    let config = &site.config;
    match &job.target {
        Target::EntryCalendar(id) => calendar::ics(site, &site.entry(*id).title, &[*id], r.now),
        Target::Calendar(collection) => {
            let title = config
                .collection(collection)
                .map_or(String::new(), |c| format!("{} — {}", c.title, config.title));
            let ids = r.sorted_of(&job.lang, collection);
            calendar::ics(site, &title, ids, r.now)
        }
        _ => String::new(),
    }
}

/// In a hub of several languages: adds `page.translations` (the languages
/// the page exists in, for the switcher and `hreflang` links), and gives a
/// page in another language than the default its own `site` variable and
/// its vocabulary's texts in that language (its collection's come so from
/// `Shared::collection`).
fn add_translations(ctx: &mut Context, r: &Renderer<'_>, (lang, path): (&str, &str)) {
    let site = r.site();
    if let Some(localized) = r.site_value_in(lang) {
        ctx.insert_value("site", localized.clone());
    }
    let config = &site.config;
    if let (true, Some(taxonomy)) = (lang != config.language, ctx.get("taxonomy")) {
        let localized = site_texts::taxonomy_in(config, lang, taxonomy);
        ctx.insert_value("taxonomy", localized);
    }
    let Some(current) = ctx.get("page").cloned() else {
        return;
    };
    let versions = translations::versions_of_page(site, r.planned.get(), (lang, path));
    let mut page = current.as_map().cloned().unwrap_or_default();
    page.insert(
        "translations".into(),
        translations::translations_value(
            site,
            &versions,
            (lang, &|code: &str| {
                r.strings.language_name(&site.config, code)
            }),
        ),
    );
    ctx.insert_value("page", TeraValue::from(page));
}

/// Adds `page.json_ld`: the page's structured data, escaped for a script element.
fn add_json_ld(ctx: &mut Context, job: &Job, site: &Site, path: &str) {
    let Some(current) = ctx.get("page").cloned() else {
        return;
    };
    let field = |key: &str| {
        current
            .get_from_path(key)
            .and_then(TeraValue::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut page = current.as_map().cloned().unwrap_or_default();
    let doc = match &job.target {
        Target::Home => Some(json_ld::website(site, &job.lang)),
        Target::List { .. } => Some(json_ld::collection_page(
            (site, &job.lang),
            &field("title"),
            &field("description"),
            path,
        )),
        Target::Entry(id) => json_ld::entry(site, *id),
        _ => None,
    };
    let value = doc.map_or(TeraValue::none(), |d| {
        TeraValue::safe_string(&json_ld::script_safe(&d))
    });
    page.insert("json_ld".into(), value);
    ctx.insert_value("page", TeraValue::from(page));
}
