//! Which files a site consists of: the list of render jobs, with the
//! orderings and groupings (collections sorted, entries per term) that the
//! jobs share.

use std::collections::HashMap;

use jiff::Timestamp;
use tera::Tera;

use crate::model::{EntryId, Value};
use crate::render::calendar;
use crate::render::context::{self, Shared, SharedValues};
use crate::render::facets::{self, Facet};
use crate::render::templates::TemplateOrigins;
use crate::site::Site;

/// Entries per term page.
const TERM_PAGE_SIZE: usize = 50;
pub const RECENT_ON_HOME: usize = 5;

/// One output file to render.
#[derive(Debug, Clone)]
pub enum Job {
    Home,
    List {
        collection: String,
        /// `(facet, value)` indexes in `Renderer::facets` on a filter page.
        filter: Option<(usize, usize)>,
        number: usize,
        ids: Vec<EntryId>,
        total_pages: usize,
        total: usize,
    },
    /// The `.ics` file of one calendar entry.
    EntryCalendar(EntryId),
    /// The `.ics` file of a calendar collection.
    Calendar(String),
    Entry(EntryId),
    Taxonomy(usize),
    Term {
        taxonomy: usize,
        term: usize,
        number: usize,
        ids: Vec<EntryId>,
        total_pages: usize,
        total: usize,
    },
    NotFound,
    /// `/search/`, when the theme has a `search.html` template.
    Search,
    Feed(Option<String>),
    Sitemap,
    Robots,
    Alias {
        from: String,
        to: EntryId,
    },
}

/// Everything `render_job` needs, shared across threads.
pub struct Renderer<'a> {
    pub tera: &'a Tera,
    pub origins: &'a TemplateOrigins,
    pub shared: Shared<'a>,
    /// Entries tagged with each term: `(taxonomy, term id)`.
    pub tagged: HashMap<(String, String), Vec<EntryId>>,
    pub sorted: HashMap<String, Vec<EntryId>>,
    /// Filter fields and their values, per collection.
    pub facets: HashMap<String, Vec<Facet>>,
    /// The build time, which decides what is upcoming.
    pub now: Timestamp,
    /// Each entry's related entries, known once the search index is built.
    pub related: std::sync::OnceLock<Vec<Vec<EntryId>>>,
}

/// The values a `Renderer` computes from the site alone, owned, so that
/// `calabash serve` can keep them between rebuilds that leave them as they were.
pub struct Prepared {
    shared: SharedValues,
    tagged: HashMap<(String, String), Vec<EntryId>>,
    sorted: HashMap<String, Vec<EntryId>>,
    facets: HashMap<String, Vec<Facet>>,
    now: Timestamp,
}

impl Prepared {
    /// `now` is the build time, which decides what is upcoming.
    pub fn new(site: &Site, now: Timestamp) -> Self {
        let sorted: HashMap<String, Vec<EntryId>> = site
            .config
            .collections
            .iter()
            .map(|c| (c.name.clone(), sorted_ids(site, &c.name)))
            .collect();
        let facets = site
            .config
            .collections
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    facets::facets(site, &c.name, &sorted[&c.name]),
                )
            })
            .collect();
        Prepared {
            shared: SharedValues::new(site, now),
            tagged: tagged(site, &sorted),
            sorted,
            facets,
            now,
        }
    }
}

impl<'a> Renderer<'a> {
    /// A renderer from values computed earlier for this very site.
    pub fn prepared(
        site: &'a Site,
        tera: &'a Tera,
        origins: &'a TemplateOrigins,
        prepared: Prepared,
    ) -> Self {
        Renderer {
            tera,
            origins,
            shared: Shared::from_values(site, prepared.shared),
            tagged: prepared.tagged,
            sorted: prepared.sorted,
            facets: prepared.facets,
            now: prepared.now,
            related: std::sync::OnceLock::new(),
        }
    }

    /// Gives the precomputed values back, to be reused by a later renderer.
    pub fn into_prepared(self) -> Prepared {
        Prepared {
            shared: self.shared.into_values(),
            tagged: self.tagged,
            sorted: self.sorted,
            facets: self.facets,
            now: self.now,
        }
    }

    pub fn site(&self) -> &'a Site {
        self.shared.site
    }
}

/// Entries of a collection in its `sort_by` order.
pub fn sorted_ids(site: &Site, collection: &str) -> Vec<EntryId> {
    let mut ids: Vec<EntryId> = site.entries_of(collection).collect();
    let sort_by = site
        .config
        .collection(collection)
        .map_or("date", |c| c.sort_by.as_str());
    let title = |id: EntryId| site.entries[id].title.to_lowercase();
    match sort_by {
        "title" => ids.sort_by_key(|&id| title(id)),
        "weight" => ids.sort_by_key(|&id| (context::weight(site, id), title(id))),
        "date" => ids.sort_by(|&a, &b| {
            site.entries[b]
                .date
                .cmp(&site.entries[a].date)
                .then_with(|| title(a).cmp(&title(b)))
        }),
        field => ids.sort_by(|&a, &b| {
            let key = |id: EntryId| site.entries[id].field(field).cloned();
            match (key(a), key(b)) {
                (Some(Value::Date(x)), Some(Value::Date(y))) => y.cmp(&x),
                (Some(Value::DateTime(x, ox)), Some(Value::DateTime(y, oy))) => {
                    instant(y, oy).cmp(&instant(x, ox))
                }
                (Some(Value::Int(x)), Some(Value::Int(y))) => x.cmp(&y),
                (Some(Value::Text(x)), Some(Value::Text(y))) => {
                    x.to_lowercase().cmp(&y.to_lowercase())
                }
                (x, y) => y.is_some().cmp(&x.is_some()),
            }
            .then_with(|| title(a).cmp(&title(b)))
        }),
    }
    ids
}

fn instant(dt: jiff::civil::DateTime, offset: jiff::tz::Offset) -> Option<jiff::Timestamp> {
    offset.to_timestamp(dt).ok()
}

/// Entries per term, each term's list in collection order, then sort order.
fn tagged(
    site: &Site,
    sorted: &HashMap<String, Vec<EntryId>>,
) -> HashMap<(String, String), Vec<EntryId>> {
    let mut tagged: HashMap<(String, String), Vec<EntryId>> = HashMap::new();
    for collection in &site.config.collections {
        for &id in &sorted[&collection.name] {
            let mut terms = Vec::new();
            for value in site.entries[id].fields.values() {
                value.walk(&mut |v| {
                    if let Value::Term { taxonomy, id } = v {
                        terms.push((taxonomy.clone(), id.clone()));
                    }
                });
            }
            terms.sort();
            terms.dedup();
            for key in terms {
                tagged.entry(key).or_default().push(id);
            }
        }
    }
    tagged
}

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
        let list_jobs = |filter: Option<(usize, usize)>, ids: &[EntryId]| {
            paginate(ids, collection.paginate_by)
                .map(|(number, chunk, total_pages)| Job::List {
                    collection: name.clone(),
                    filter,
                    number,
                    ids: chunk,
                    total_pages,
                    total: ids.len(),
                })
                .collect::<Vec<_>>()
        };
        jobs.extend(list_jobs(None, &listed));
        for (f, facet) in renderer.facets[name].iter().enumerate() {
            for (v, value) in facet.values.iter().enumerate() {
                jobs.extend(list_jobs(Some((f, v)), &value.ids));
            }
        }
        jobs.push(Job::Feed(Some(name.clone())));
        if collection.calendar.is_some() {
            jobs.push(Job::Calendar(name.clone()));
            jobs.extend(all.iter().map(|&id| Job::EntryCalendar(id)));
        }
    }
    jobs.extend((0..site.entries.len()).map(Job::Entry));
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        jobs.push(Job::Taxonomy(t));
        for (n, term) in taxonomy.terms.iter().enumerate() {
            let empty = Vec::new();
            let ids = renderer
                .tagged
                .get(&(taxonomy.name().to_string(), term.id.clone()))
                .unwrap_or(&empty);
            jobs.extend(
                paginate(ids, TERM_PAGE_SIZE).map(|(number, chunk, total_pages)| Job::Term {
                    taxonomy: t,
                    term: n,
                    number,
                    ids: chunk,
                    total_pages,
                    total: ids.len(),
                }),
            );
        }
    }
    for (id, entry) in site.entries.iter().enumerate() {
        if let Some(Value::List(aliases)) = entry.field("aliases") {
            jobs.extend(
                aliases
                    .iter()
                    .filter_map(Value::as_text)
                    // An unsafe alias is reported where it is written, and
                    // never planned: an entry with mistakes keeps its fields.
                    .filter(|from| crate::paths::names::check_alias(from).is_ok())
                    .map(|from| Job::Alias {
                        from: from.to_string(),
                        to: id,
                    }),
            );
        }
    }
    jobs
}

/// Pages of `size` ids: `(number from 1, ids, total pages)`; at least one page.
fn paginate(
    ids: &[EntryId],
    size: usize,
) -> impl Iterator<Item = (usize, Vec<EntryId>, usize)> + '_ {
    let total_pages = ids.len().div_ceil(size).max(1);
    (0..total_pages).map(move |i| {
        (
            i + 1,
            ids.iter().skip(i * size).take(size).copied().collect(),
            total_pages,
        )
    })
}

/// The site path of page `number` of a paginated section at `base`.
pub fn page_path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// The output file of a site path: `/library/` is `library/index.html`,
/// `/caf%C3%A9/` is `café/index.html` (servers decode the path they are asked for).
pub fn file_for(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    let decoded = match trimmed.contains('%') {
        true => crate::paths::names::decode(trimmed),
        false => None,
    };
    let trimmed = decoded.as_deref().unwrap_or(trimmed);
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// The file a job writes, relative to the output folder, as `render_job`
/// writes it: known without rendering, to check for clashes and to tell
/// which files a rebuild changes.
pub fn output_file(r: &Renderer<'_>, job: &Job) -> String {
    let site = r.site();
    let config = &site.config;
    let path = match job {
        Job::Home => "/".to_string(),
        Job::List {
            collection,
            filter,
            number,
            ..
        } => match config.collection(collection) {
            Some(c) => match filter {
                Some((f, v)) => {
                    let facet = &r.facets[collection][*f];
                    page_path(&facet.path(&c.path, &facet.values[*v]), *number)
                }
                None => page_path(&c.path, *number),
            },
            None => String::new(),
        },
        Job::Entry(id) => site.entry_path(*id),
        Job::EntryCalendar(id) => format!("{}{}", site.entry_path(*id), calendar::ENTRY_FILE),
        Job::Calendar(c) => match config.collection(c) {
            Some(c) => format!("{}{}", c.path, calendar::COLLECTION_FILE),
            None => String::new(),
        },
        Job::Taxonomy(t) => site
            .taxonomies
            .0
            .get(*t)
            .map_or(String::new(), |t| t.config.path.clone()),
        Job::Term {
            taxonomy,
            term,
            number,
            ..
        } => match site.taxonomies.0.get(*taxonomy) {
            Some(taxonomy) => match taxonomy.terms.get(*term) {
                Some(term) => {
                    page_path(&format!("{}{}/", taxonomy.config.path, term.slug), *number)
                }
                None => String::new(),
            },
            None => String::new(),
        },
        Job::NotFound => "/404.html".to_string(),
        Job::Search => format!("{}index.html", crate::render::pages::SEARCH_PAGE),
        Job::Feed(None) => "/atom.xml".to_string(),
        Job::Feed(Some(c)) => match config.collection(c) {
            Some(c) => format!("{}atom.xml", c.path),
            None => String::new(),
        },
        Job::Sitemap => "/sitemap.xml".to_string(),
        Job::Robots => "/robots.txt".to_string(),
        Job::Alias { from, .. } => alias_path(from),
    };
    file_for(&path)
}

/// The site path an alias redirects from: a folder unless it names a file.
pub fn alias_path(from: &str) -> String {
    let keeps_name = from.ends_with('/')
        || from
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'));
    if keeps_name {
        from.to_string()
    } else {
        format!("{from}/")
    }
}
