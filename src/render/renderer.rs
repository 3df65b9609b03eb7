//! What rendering needs, shared across threads: the templates, the values
//! computed once from the site (summaries, sorted collections, entries per
//! term, filter pages), the build time, and the similar entries.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use tera::Tera;

use super::facets::{self, Facet};
use super::shared::{Shared, SharedValues, weight};
use super::translations;
use crate::core::model::{EntryId, PerEntry, Value};
use crate::site::Site;
use crate::theme::TemplateOrigins;
use crate::theme::i18n::Strings;

/// Everything `render_job` needs, shared across threads.
pub struct Renderer<'a> {
    pub tera: &'a Tera,
    pub origins: &'a TemplateOrigins,
    /// The interface strings of each language.
    pub strings: &'a Strings,
    pub shared: Shared<'a>,
    /// What the pages of each language list, the default language first.
    pub views: Vec<View>,
    /// The build time, which decides what is upcoming.
    pub now: Timestamp,
    /// Each entry's related entries, known once the search index is built.
    pub related: std::sync::OnceLock<PerEntry<Vec<EntryId>>>,
    /// The site path of every planned file, known once the plan is made:
    /// which languages have a page (the language switcher, `hreflang`).
    pub planned: std::sync::OnceLock<HashSet<String>>,
    /// The `site` variable of each language but the default (whose is the
    /// templates' global), once `localize_site` has made them.
    site_values: std::sync::OnceLock<Vec<(String, tera::Value)>>,
    /// Every HTML page the site map lists (language, site path, last
    /// change), listed once a build: the plan counts them, and each part of
    /// a long site map takes its share (`feeds::sitemap_urls`).
    pub sitemap_urls: std::sync::OnceLock<Vec<(String, String, Option<String>)>>,
    /// Each entry page lets go of its entry's packed body once shown
    /// (`Rendered::take_body_html`): a build renders each page once, while
    /// the preview and `check` render pages again.
    pub release_bodies: bool,
}

/// The entries the pages of one language list: each entry in that
/// language, and the others' originals where the hub lists them.
pub struct View {
    pub lang: String,
    /// Entries tagged with each term: `(taxonomy, term id)`.
    pub tagged: HashMap<(String, String), Vec<EntryId>>,
    pub sorted: HashMap<String, Vec<EntryId>>,
    /// Filter fields and their values, per collection.
    pub facets: HashMap<String, Vec<Facet>>,
}

impl View {
    /// The view of `lang`, from every collection's entries in order, `all`.
    fn new(site: &Site, lang: &str, all: &HashMap<String, Vec<EntryId>>) -> Self {
        let sorted: HashMap<String, Vec<EntryId>> = all
            .iter()
            .map(|(name, ids)| {
                let mut ids = ids.clone();
                if site.config.is_multilingual() {
                    ids.retain(|&id| translations::shown_in(site, id, lang));
                }
                (name.clone(), ids)
            })
            .collect();
        let facets = site
            .config
            .collections
            .iter()
            .map(|c| {
                let facets = facets::facets(site, &c.name, &sorted[&c.name], lang);
                (c.name.clone(), facets)
            })
            .collect();
        View {
            lang: lang.to_string(),
            tagged: tagged(site, &sorted),
            sorted,
            facets,
        }
    }
}

/// The values a `Renderer` computes from the site alone, owned, so that
/// `calabash serve` can keep them between rebuilds that leave them as they were.
pub struct Prepared {
    shared: SharedValues,
    views: Vec<View>,
    now: Timestamp,
}

impl Prepared {
    /// `now` is the build time, which decides what is upcoming.
    pub fn new(site: &Site, now: Timestamp) -> Self {
        let languages = &site.config.languages;
        // Sorted once: each language's view keeps its entries in this order.
        let all: HashMap<String, Vec<EntryId>> = (site.config.collections.iter())
            .map(|c| (c.name.clone(), sorted_ids(site, &c.name)))
            .collect();
        Prepared {
            shared: SharedValues::new(site, now),
            views: languages
                .iter()
                .map(|l| View::new(site, &l.code, &all))
                .collect(),
            now,
        }
    }
}

impl<'a> Renderer<'a> {
    /// A renderer from values computed earlier for this very site.
    pub fn prepared(
        site: &'a Site,
        (tera, origins, strings): (&'a Tera, &'a TemplateOrigins, &'a Strings),
        prepared: Prepared,
    ) -> Self {
        Renderer {
            tera,
            origins,
            strings,
            shared: Shared::from_values(site, prepared.shared),
            views: prepared.views,
            now: prepared.now,
            related: std::sync::OnceLock::new(),
            planned: std::sync::OnceLock::new(),
            site_values: std::sync::OnceLock::new(),
            sitemap_urls: std::sync::OnceLock::new(),
            release_bodies: false,
        }
    }

    /// Gives the precomputed values back, to be reused by a later renderer.
    pub fn into_prepared(self) -> Prepared {
        Prepared {
            shared: self.shared.into_values(),
            views: self.views,
            now: self.now,
        }
    }

    pub fn site(&self) -> &'a Site {
        self.shared.site
    }

    /// What the pages in `lang` list; the default language's for a
    /// language the hub does not publish.
    pub fn view(&self, lang: &str) -> &View {
        let found = self.views.iter().find(|v| v.lang == lang);
        found.unwrap_or(&self.views[0])
    }

    /// What the pages of a hub of several languages need once the plan is
    /// made: the site path of every planned file (`paths`: which languages
    /// a page exists in, for the switcher and `hreflang`), and the `site`
    /// variable of each language, made from the default language's, `site`.
    /// A hub of one language needs neither, and `paths` is not read.
    pub fn plan_languages(&self, paths: impl Iterator<Item = String>, site: &tera::Value) {
        if !self.site().config.is_multilingual() {
            return;
        }
        let _ = self.planned.set(paths.collect());
        self.localize_site(site);
    }

    /// Makes the `site` variable of each other language from the default
    /// language's, `site`.
    fn localize_site(&self, site: &tera::Value) {
        let languages = self.site().config.languages.iter().skip(1);
        let values = languages
            .map(|l| {
                let value = translations::site_value_in(self.site(), site, &l.code);
                (l.code.clone(), value)
            })
            .collect();
        let _ = self.site_values.set(values);
    }

    /// The `site` variable of the pages in `lang`, when it is not the
    /// templates' global one.
    pub fn site_value_in(&self, lang: &str) -> Option<&tera::Value> {
        let values = self.site_values.get()?;
        values.iter().find(|(code, _)| code == lang).map(|(_, v)| v)
    }

    /// A collection's entries as the pages in `lang` list them, in order.
    pub fn sorted_of(&self, lang: &str, collection: &str) -> &[EntryId] {
        self.view(lang)
            .sorted
            .get(collection)
            .map_or(&[], Vec::as_slice)
    }

    /// A collection's filter fields as the pages in `lang` show them.
    pub fn facets_of(&self, lang: &str, collection: &str) -> &[Facet] {
        self.view(lang)
            .facets
            .get(collection)
            .map_or(&[], Vec::as_slice)
    }

    /// An entry's similar entries; none until the search index has found them.
    pub fn related_to(&self, id: EntryId) -> &[EntryId] {
        self.related
            .get()
            .and_then(|all| all.get(id))
            .map_or(&[], Vec::as_slice)
    }
}

/// Entries of a collection in its `sort_by` order.
pub fn sorted_ids(site: &Site, collection: &str) -> Vec<EntryId> {
    let mut ids: Vec<EntryId> = site.entries_of(collection).collect();
    let sort_by = site
        .config
        .collection(collection)
        .map_or("date", |c| c.sort_by.as_str());
    let title = |id: EntryId| site.entry(id).title.to_lowercase();
    match sort_by {
        "title" => ids.sort_by_key(|&id| title(id)),
        "weight" => ids.sort_by_key(|&id| (weight(site, id), title(id))),
        "date" => ids.sort_by(|&a, &b| {
            site.entry(b)
                .date
                .cmp(&site.entry(a).date)
                .then_with(|| title(a).cmp(&title(b)))
        }),
        field => ids.sort_by(|&a, &b| {
            let key = |id: EntryId| site.entry(id).field(field).cloned();
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

/// Entries per term, each term's list in collection order, then sort
/// order. In a hub of several languages, an entry's own language makes
/// it a member of that term of the `languages` vocabulary, if there is one
/// (`translations::language_term`).
fn tagged(
    site: &Site,
    sorted: &HashMap<String, Vec<EntryId>>,
) -> HashMap<(String, String), Vec<EntryId>> {
    let mut tagged: HashMap<(String, String), Vec<EntryId>> = HashMap::new();
    for collection in &site.config.collections {
        for &id in &sorted[&collection.name] {
            let mut terms = Vec::new();
            for value in site.entry(id).fields.values() {
                value.walk(&mut |v| {
                    if let Value::Term { taxonomy, id } = v {
                        terms.push((taxonomy.to_string(), id.to_string()));
                    }
                });
            }
            terms.extend(translations::language_term(site, id));
            terms.sort();
            terms.dedup();
            for key in terms {
                tagged.entry(key).or_default().push(id);
            }
        }
    }
    tagged
}
