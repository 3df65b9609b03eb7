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

/// One output file to render: what it is, in which language.
#[derive(Debug, Clone)]
pub struct Job {
    /// The language of its page (`page.lang`): the default language's for
    /// the files of the whole site (sitemap, robots.txt, redirects).
    pub lang: String,
    pub target: Target,
}

/// What an output file is.
#[derive(Debug, Clone)]
pub enum Target {
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
    /// A page of the full list of the entries of `collection` that refer
    /// to the entry `to`, planned when its page shows only some of them
    /// (`render::referrers`).
    Referrers {
        to: EntryId,
        collection: String,
        page: Pagination,
    },
    Taxonomy(TaxonomyIndex),
    Term {
        term: TermIndex,
        page: Pagination,
    },
    NotFound,
    /// `/search/`, when the theme has a `search.html` template.
    Search,
    /// The pages saved for offline reading (`/saved/`), when the site is
    /// readable offline and the theme has a `saved.html` template.
    Saved,
    Feed(Option<String>),
    /// The site map: every page, in one file while they fit.
    Sitemap,
    /// The site map of a site with more pages than one file holds
    /// (`feeds::SITEMAP_URLS`): at `/sitemap.xml`, the list of its parts.
    SitemapIndex {
        parts: usize,
    },
    /// One part of a site map too long for one file, from 1.
    SitemapPart(usize),
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
    pub fn new(lang: &str, target: Target) -> Self {
        Job {
            lang: lang.to_string(),
            target,
        }
    }

    /// Whether the job's page is the default language's.
    fn in_default_language(&self, r: &Renderer<'_>) -> bool {
        self.lang == r.site().config.language
    }

    pub fn kind(&self) -> Kind {
        match &self.target {
            Target::Home
            | Target::List { .. }
            | Target::Entry(_)
            | Target::Referrers { .. }
            | Target::Taxonomy(_)
            | Target::Term { .. }
            | Target::NotFound
            | Target::Search
            | Target::Saved => Kind::Page,
            Target::Feed(_) => Kind::Feed,
            Target::EntryCalendar(_) | Target::Calendar(_) => Kind::Calendar,
            Target::Sitemap | Target::SitemapIndex { .. } | Target::SitemapPart(_) => Kind::Sitemap,
            Target::Robots => Kind::Robots,
            Target::Alias { .. } => Kind::Redirect,
        }
    }

    /// The template the job is rendered with; `None` for calendar files,
    /// which are written without one.
    pub fn template(&self, r: &Renderer<'_>) -> Option<String> {
        Some(
            match &self.target {
                Target::Home => "home.html",
                Target::List { .. } => "list.html",
                Target::Entry(id) => return Some(entry_template(r, *id)),
                Target::Referrers { .. } => "referrers.html",
                Target::Taxonomy(_) => "taxonomy.html",
                Target::Term { .. } => "term.html",
                Target::NotFound => "404.html",
                Target::Search => "search.html",
                Target::Saved => "saved.html",
                Target::Feed(_) => "atom.xml",
                Target::Sitemap | Target::SitemapPart(_) => "sitemap.xml",
                Target::SitemapIndex { .. } => "sitemap_index.xml",
                Target::Robots => "robots.txt",
                Target::Alias { .. } => "__calabash/alias.html",
                Target::EntryCalendar(_) | Target::Calendar(_) => return None,
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
        let path = self.neutral_path(r);
        let own_path = matches!(
            self.target,
            Target::Entry(_)
                | Target::EntryCalendar(_)
                | Target::Referrers { .. }
                | Target::Alias { .. }
        );
        if own_path || path.is_empty() || self.in_default_language(r) {
            return path;
        }
        r.site().in_language(&self.lang, &path)
    }

    /// The site path of the job's page in the default language; an entry's
    /// own (which has its language's prefix).
    fn neutral_path(&self, r: &Renderer<'_>) -> String {
        let site = r.site();
        let config = &site.config;
        match &self.target {
            Target::Home => "/".to_string(),
            Target::List {
                collection,
                filter,
                page,
            } => match config.collection(collection) {
                Some(c) => {
                    let base = list_base(r, (&c.path, &self.lang), collection, *filter);
                    page_path(&base, page.number)
                }
                None => String::new(),
            },
            Target::Entry(id) => site.entry_path(*id),
            Target::Referrers {
                to,
                collection,
                page,
            } => page_path(&referrers_base(site, *to, collection), page.number),
            Target::EntryCalendar(id) => {
                format!("{}{}", site.entry_path(*id), calendar::ENTRY_FILE)
            }
            Target::Calendar(c) => config.collection(c).map_or(String::new(), |c| {
                format!("{}{}", c.path, calendar::COLLECTION_FILE)
            }),
            Target::Taxonomy(t) => site
                .taxonomies
                .at(*t)
                .map_or(String::new(), |t| t.config.path.clone()),
            Target::Term { term, page } => {
                term_base(r, *term).map_or(String::new(), |base| page_path(&base, page.number))
            }
            Target::NotFound => "/404.html".to_string(),
            Target::Search => SEARCH_PAGE.to_string(),
            Target::Saved => super::offline::paths::SAVED_PAGE.to_string(),
            Target::Feed(None) => "/atom.xml".to_string(),
            Target::Feed(Some(c)) => config
                .collection(c)
                .map_or(String::new(), |c| format!("{}atom.xml", c.path)),
            Target::Sitemap | Target::SitemapIndex { .. } => "/sitemap.xml".to_string(),
            Target::SitemapPart(part) => format!("/sitemap-{part}.xml"),
            Target::Robots => "/robots.txt".to_string(),
            Target::Alias { from, .. } => alias_path(from),
        }
    }
}

/// The site path of the first page of a collection's list (at
/// `collection_path`), or of one of its filter pages.
pub fn list_base(
    r: &Renderer<'_>,
    (collection_path, lang): (&str, &str),
    collection: &str,
    filter: Option<FilterIndex>,
) -> String {
    let facets = r.facets_of(lang, collection);
    match filter.and_then(|filter| filter_at(facets, filter)) {
        Some((facet, value)) => facet.path(collection_path, value),
        None => collection_path.to_string(),
    }
}

/// The site path of the first page of the full list of the entries of
/// `collection` that refer to the entry `id`, under the entry's own page.
pub fn referrers_base(site: &crate::site::Site, id: EntryId, collection: &str) -> String {
    format!("{}referenced-by/{collection}/", site.entry_path(id))
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
