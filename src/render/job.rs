//! The files of a site, one `Job` each, and what each job is: its output
//! file, its template and its site path. The one place that knows them, so
//! that rendering, the checks of output paths and the preview's rebuilds
//! agree.

use super::calendar;
use super::renderer::Renderer;
use crate::config::PAGES;
use crate::core::model::EntryId;

/// Where the search page lives; the static index sits in its `index/` folder.
pub const SEARCH_PAGE: &str = "/search/";

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
pub fn entry_template(r: &Renderer<'_>, id: EntryId) -> String {
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
        true => crate::core::paths::names::decode(trimmed),
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
        Job::Search => format!("{}index.html", SEARCH_PAGE),
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
