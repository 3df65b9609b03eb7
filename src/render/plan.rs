//! Which files a site consists of: the list of render jobs, lists and term
//! pages paginated.

use super::calendar;
use super::facets::{FilterIndex, filters};
use super::feeds;
use super::job::{Job, Pagination, Target};
use super::referrers;
use super::renderer::Renderer;
use crate::core::model::{EntryId, Value};

/// Entries per term page.
const TERM_PAGE_SIZE: usize = 50;

/// Every file of the site except static files: the pages of each language
/// (the default language's first), then each entry's, then the redirects.
pub fn plan(renderer: &Renderer<'_>) -> Vec<Job> {
    let site = renderer.site();
    let default = site.config.language.as_str();
    let mut jobs = vec![
        Job::new(default, Target::Home),
        Job::new(default, Target::NotFound),
        Job::new(default, Target::Feed(None)),
        Job::new(default, Target::Robots),
    ];
    jobs.extend(sitemap(renderer));
    if renderer.origins.contains_key("search.html") {
        jobs.push(Job::new(default, Target::Search));
    }
    let saved = site.config.offline.is_some() && renderer.origins.contains_key("saved.html");
    if saved {
        jobs.push(Job::new(default, Target::Saved));
    }
    jobs.extend(lists(renderer, default));
    for other in site.config.languages.iter().skip(1) {
        let lang = other.code.as_str();
        jobs.push(Job::new(lang, Target::Home));
        jobs.push(Job::new(lang, Target::Feed(None)));
        if renderer.origins.contains_key("search.html") {
            jobs.push(Job::new(lang, Target::Search));
        }
        if saved {
            jobs.push(Job::new(lang, Target::Saved));
        }
        jobs.extend(lists(renderer, lang));
    }
    for (id, _) in site.entries_with_ids() {
        jobs.push(Job::new(site.page_lang(id), Target::Entry(id)));
        jobs.extend(referrers::jobs(site, id));
        if calendar::calendar_of(site, id).is_some() {
            jobs.push(Job::new(site.page_lang(id), Target::EntryCalendar(id)));
        }
    }
    jobs.extend(aliases(renderer));
    jobs
}

/// The site map: one file, or an index of parts when the site has more
/// pages than one file may list.
fn sitemap(renderer: &Renderer<'_>) -> Vec<Job> {
    let default = renderer.site().config.language.as_str();
    match feeds::sitemap_parts(renderer) {
        1 => vec![Job::new(default, Target::Sitemap)],
        parts => std::iter::once(Target::SitemapIndex { parts })
            .chain((1..=parts).map(Target::SitemapPart))
            .map(|target| Job::new(default, target))
            .collect(),
    }
}

/// The pages in `lang` that list entries: collection lists and their filter
/// pages, feeds and calendars of collections, vocabularies and terms.
fn lists(renderer: &Renderer<'_>, lang: &str) -> Vec<Job> {
    let site = renderer.site();
    let mut jobs = Vec::new();
    for collection in site.config.collections.iter().filter(|c| !c.is_pages()) {
        let name = &collection.name;
        let all = renderer.sorted_of(lang, name);
        // A calendar's main list shows past entries; upcoming ones come apart.
        let listed: Vec<EntryId> = match collection.calendar {
            Some(_) => all
                .iter()
                .copied()
                .filter(|&id| !calendar::is_upcoming(site, id, renderer.now))
                .collect(),
            None => all.to_vec(),
        };
        let list_jobs = |filter: Option<FilterIndex>, ids: &[EntryId]| {
            Pagination::split(ids, collection.paginate_by)
                .map(|page| {
                    let list = Target::List {
                        collection: name.clone(),
                        filter,
                        page,
                    };
                    Job::new(lang, list)
                })
                .collect::<Vec<_>>()
        };
        jobs.extend(list_jobs(None, &listed));
        for (filter, _, value) in filters(renderer.facets_of(lang, name)) {
            jobs.extend(list_jobs(Some(filter), &value.ids));
        }
        jobs.push(Job::new(lang, Target::Feed(Some(name.clone()))));
        if collection.calendar.is_some() {
            jobs.push(Job::new(lang, Target::Calendar(name.clone())));
        }
    }
    let tagged = &renderer.view(lang).tagged;
    for (t, taxonomy) in site.taxonomies.indexed() {
        jobs.push(Job::new(lang, Target::Taxonomy(t)));
        for (n, term) in site.taxonomies.terms_of(t) {
            let empty = Vec::new();
            let ids = tagged
                .get(&(taxonomy.name().to_string(), term.id.clone()))
                .unwrap_or(&empty);
            jobs.extend(
                Pagination::split(ids, TERM_PAGE_SIZE)
                    .map(|page| Job::new(lang, Target::Term { term: n, page })),
            );
        }
    }
    jobs
}

/// The redirects from each entry's old addresses.
fn aliases(renderer: &Renderer<'_>) -> Vec<Job> {
    let site = renderer.site();
    let default = site.config.language.as_str();
    let mut jobs = Vec::new();
    for (id, entry) in site.entries_with_ids() {
        if let Some(Value::List(aliases)) = entry.field("aliases") {
            jobs.extend(
                aliases
                    .iter()
                    .filter_map(Value::as_text)
                    // An unsafe alias is reported where it is written, and
                    // never planned: an entry with mistakes keeps its fields.
                    .filter(|from| crate::core::paths::names::check_alias(from).is_ok())
                    .map(|from| {
                        let alias = Target::Alias {
                            from: from.to_string(),
                            to: id,
                        };
                        Job::new(default, alias)
                    }),
            );
        }
    }
    jobs
}
