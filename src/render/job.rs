//! The files of a site, one `Job` each, and what each job is: its output
//! file, its template and its kind. The one place that knows them, so that
//! rendering, the build's count of pages, the checks of output paths and
//! the preview's rebuilds agree.

use super::calendar;
use super::facets::{FilterIndex, filter_at};
use super::renderer::Renderer;
use crate::config::PAGES;
use crate::core::model::EntryId;
use crate::load::taxonomy::{TaxonomyIndex, TermIndex};

/// Where the search page lives; the static index sits in its `index/` folder.
pub const SEARCH_PAGE: &str = "/search/";

/// One output file to render.
#[derive(Debug, Clone)]
pub enum Job {
    Home,
    List {
        collection: String,
        /// Which of the collection's filter pages (`Renderer::facets`).
        filter: Option<FilterIndex>,
        page: Pagination,
    },
    /// The `.ics` file of one calendar entry.
    EntryCalendar(EntryId),
    /// The `.ics` file of a calendar collection.
    Calendar(String),
    Entry(EntryId),
    Taxonomy(TaxonomyIndex),
    Term {
        term: TermIndex,
        page: Pagination,
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

/// Where a page is among the pages of a paginated list.
#[derive(Debug, Clone, Hash)]
pub struct Pagination {
    /// From 1.
    pub number: usize,
    /// The entries on this page.
    pub ids: Vec<EntryId>,
    pub total_pages: usize,
    /// The entries on all pages.
    pub total: usize,
}

impl Pagination {
    /// The pages of a list of `ids`, `size` entries each; at least one page.
    pub fn split(ids: &[EntryId], size: usize) -> impl Iterator<Item = Pagination> + '_ {
        let total_pages = ids.len().div_ceil(size).max(1);
        (0..total_pages).map(move |i| Pagination {
            number: i + 1,
            ids: ids.iter().skip(i * size).take(size).copied().collect(),
            total_pages,
            total: ids.len(),
        })
    }
}

/// What a job's file is to its readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An HTML page people read: what "Built N pages" counts.
    Page,
    /// An Atom feed.
    Feed,
    /// An iCalendar file, written without a template.
    Calendar,
    Sitemap,
    Robots,
    /// A page that only sends its visitor to an entry's page.
    Redirect,
}

impl Job {
    pub fn kind(&self) -> Kind {
        match self {
            Job::Home
            | Job::List { .. }
            | Job::Entry(_)
            | Job::Taxonomy(_)
            | Job::Term { .. }
            | Job::NotFound
            | Job::Search => Kind::Page,
            Job::Feed(_) => Kind::Feed,
            Job::EntryCalendar(_) | Job::Calendar(_) => Kind::Calendar,
            Job::Sitemap => Kind::Sitemap,
            Job::Robots => Kind::Robots,
            Job::Alias { .. } => Kind::Redirect,
        }
    }

    /// The template the job is rendered with; `None` for calendar files,
    /// which are written without one.
    pub fn template(&self, r: &Renderer<'_>) -> Option<String> {
        Some(
            match self {
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

    /// The file the job writes, relative to the output folder: known
    /// without rendering, to check for clashes and to tell which files a
    /// rebuild changes.
    pub fn output_file(&self, r: &Renderer<'_>) -> String {
        file_for(&self.site_path(r))
    }

    /// The site path the job's file is found at (what its `page.url` is
    /// made from); empty when the plan names what the site does not have.
    pub fn site_path(&self, r: &Renderer<'_>) -> String {
        let site = r.site();
        let config = &site.config;
        match self {
            Job::Home => "/".to_string(),
            Job::List {
                collection,
                filter,
                page,
            } => match config.collection(collection) {
                Some(c) => page_path(&list_base(r, &c.path, collection, *filter), page.number),
                None => String::new(),
            },
            Job::Entry(id) => site.entry_path(*id),
            Job::EntryCalendar(id) => format!("{}{}", site.entry_path(*id), calendar::ENTRY_FILE),
            Job::Calendar(c) => config.collection(c).map_or(String::new(), |c| {
                format!("{}{}", c.path, calendar::COLLECTION_FILE)
            }),
            Job::Taxonomy(t) => site
                .taxonomies
                .at(*t)
                .map_or(String::new(), |t| t.config.path.clone()),
            Job::Term { term, page } => {
                term_base(r, *term).map_or(String::new(), |base| page_path(&base, page.number))
            }
            Job::NotFound => "/404.html".to_string(),
            Job::Search => SEARCH_PAGE.to_string(),
            Job::Feed(None) => "/atom.xml".to_string(),
            Job::Feed(Some(c)) => config
                .collection(c)
                .map_or(String::new(), |c| format!("{}atom.xml", c.path)),
            Job::Sitemap => "/sitemap.xml".to_string(),
            Job::Robots => "/robots.txt".to_string(),
            Job::Alias { from, .. } => alias_path(from),
        }
    }
}

/// The site path of the first page of a collection's list (at
/// `collection_path`), or of one of its filter pages.
pub fn list_base(
    r: &Renderer<'_>,
    collection_path: &str,
    collection: &str,
    filter: Option<FilterIndex>,
) -> String {
    let facets = r.facets.get(collection).map_or(&[][..], Vec::as_slice);
    match filter.and_then(|filter| filter_at(facets, filter)) {
        Some((facet, value)) => facet.path(collection_path, value),
        None => collection_path.to_string(),
    }
}

/// The site path of the first page of a term's entries.
pub fn term_base(r: &Renderer<'_>, term: TermIndex) -> Option<String> {
    let (taxonomy, term) = r.site().taxonomies.term_at(term)?;
    Some(format!("{}{}/", taxonomy.config.path, term.slug))
}

/// `page.html` for free pages; `entry-<collection>.html` when the theme has
/// it, else `entry.html`.
pub fn entry_template(r: &Renderer<'_>, id: EntryId) -> String {
    let collection = &r.site().entry(id).collection;
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
