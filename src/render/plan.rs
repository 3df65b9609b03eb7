//! Which files a site consists of: the list of render jobs, lists and term
//! pages paginated.

use super::calendar;
use super::facets::{FilterIndex, filters};
use super::job::{Job, Pagination};
use super::renderer::Renderer;
use crate::core::model::{EntryId, Value};

/// Entries per term page.
const TERM_PAGE_SIZE: usize = 50;

/// Every file of the site except static files.
pub fn plan(renderer: &Renderer<'_>) -> Vec<Job> {
    let site = renderer.site();
    let mut jobs = vec![
        Job::Home,
        Job::NotFound,
        Job::Feed(None),
        Job::Sitemap,
        Job::Robots,
    ];
    if renderer.origins.contains_key("search.html") {
        jobs.push(Job::Search);
    }
    for collection in site.config.collections.iter().filter(|c| !c.is_pages()) {
        let name = &collection.name;
        let all = &renderer.sorted[name];
        // A calendar's main list shows past entries; upcoming ones come apart.
        let listed: Vec<EntryId> = match collection.calendar {
            Some(_) => all
                .iter()
                .copied()
                .filter(|&id| !calendar::is_upcoming(site, id, renderer.now))
                .collect(),
            None => all.clone(),
        };
        let list_jobs = |filter: Option<FilterIndex>, ids: &[EntryId]| {
            Pagination::split(ids, collection.paginate_by)
                .map(|page| Job::List {
                    collection: name.clone(),
                    filter,
                    page,
                })
                .collect::<Vec<_>>()
        };
        jobs.extend(list_jobs(None, &listed));
        for (filter, _, value) in filters(&renderer.facets[name]) {
            jobs.extend(list_jobs(Some(filter), &value.ids));
        }
        jobs.push(Job::Feed(Some(name.clone())));
        if collection.calendar.is_some() {
            jobs.push(Job::Calendar(name.clone()));
            jobs.extend(all.iter().map(|&id| Job::EntryCalendar(id)));
        }
    }
    jobs.extend(site.entry_ids().map(Job::Entry));
    for (t, taxonomy) in site.taxonomies.indexed() {
        jobs.push(Job::Taxonomy(t));
        for (n, term) in site.taxonomies.terms_of(t) {
            let empty = Vec::new();
            let ids = renderer
                .tagged
                .get(&(taxonomy.name().to_string(), term.id.clone()))
                .unwrap_or(&empty);
            jobs.extend(
                Pagination::split(ids, TERM_PAGE_SIZE).map(|page| Job::Term { term: n, page }),
            );
        }
    }
    for (id, entry) in site.entries_with_ids() {
        if let Some(Value::List(aliases)) = entry.field("aliases") {
            jobs.extend(
                aliases
                    .iter()
                    .filter_map(Value::as_text)
                    // An unsafe alias is reported where it is written, and
                    // never planned: an entry with mistakes keeps its fields.
                    .filter(|from| crate::core::paths::names::check_alias(from).is_ok())
                    .map(|from| Job::Alias {
                        from: from.to_string(),
                        to: id,
                    }),
            );
        }
    }
    jobs
}
