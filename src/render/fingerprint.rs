//! What each output file is made of, boiled down to one number per file, so
//! that a rebuild renders only the files whose number changed.
//!
//! A file's fingerprint hashes everything its template can see: the entries
//! it shows (their text, and the text of the entries those refer to), the
//! values shared by every page (`site`, collection counts, term counts,
//! facets), and the templates it is rendered with. Pages that sum up the
//! whole site (home, sitemap) change with any entry's front matter; feeds
//! and calendars, which carry entry text, with any entry at all. An entry's
//! git history (last change, contributors) is part of what its page, the
//! sitemap and the feeds show.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use rayon::prelude::*;

use crate::core::model::{Entry, EntryId, PerEntry, Value};
use crate::render::job::{Job, Pagination, Target};
use crate::render::renderer::Renderer;
use crate::theme::TemplateOrigins;

/// Fingerprints of the output files: file (relative to the output folder)
/// to fingerprint.
pub type Fingerprints = HashMap<String, u64>;

/// Versions of what pages are made of, computed once per rebuild.
pub struct Versions {
    /// Hash of each entry's `collection/slug`, which outlives its id.
    keys: PerEntry<u64>,
    /// Hash of each entry's whole file.
    full: PerEntry<u64>,
    /// Hash of what a summary of each entry shows: its front matter and the
    /// front matter of the entries it refers to.
    summary: PerEntry<u64>,
    /// Hash of each entry's git history.
    history: PerEntry<u64>,
    /// Every entry's summary version and history, and every entry's whole file.
    all_summaries: u64,
    all_files: u64,
    /// `site`, collection objects and term counts: seen by every page.
    global: u64,
    /// Each collection's filters and their counts, per language.
    facets: HashMap<(String, String), u64>,
    /// Every entry of each calendar collection, per language: its first
    /// list page shows the upcoming ones.
    calendars: HashMap<(String, String), u64>,
    /// Each template with everything it extends, includes or imports.
    templates: HashMap<String, u64>,
}

/// Hashes of an entry's file: its front matter, and all of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceHashes {
    front: u64,
    whole: u64,
}

impl SourceHashes {
    /// From the text as first read: a build has let go of it by now.
    pub fn of(entry: &Entry) -> Self {
        let path = &entry.source.path;
        let (front, whole) = entry.source.hashes(entry.body.start);
        SourceHashes {
            front: hash_of((path, front)),
            whole: hash_of((path, whole)),
        }
    }

    pub fn of_all(entries: &[Entry]) -> PerEntry<Self> {
        PerEntry::from(entries.par_iter().map(Self::of).collect::<Vec<_>>())
    }
}

/// An FxHash of `value`: quick, and fine for telling versions of a hub's own
/// files apart (no adversary chooses them to collide).
pub fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

impl Versions {
    /// `sources` are the entries' `SourceHashes`, kept from one rebuild to
    /// the next since few files change.
    pub fn new(
        renderer: &Renderer<'_>,
        site_value: &tera::Value,
        sources: &PerEntry<SourceHashes>,
    ) -> Self {
        let site = renderer.site();
        let fronts: PerEntry<u64> = sources.iter().map(|s| s.front).collect();
        let full: PerEntry<u64> = sources.iter().map(|s| s.whole).collect();
        let summary = summaries(site, &fronts);
        let mut counts: Vec<(&str, &(String, String), usize)> = renderer
            .views
            .iter()
            .flat_map(|view| {
                view.tagged
                    .iter()
                    .map(|(k, v)| (view.lang.as_str(), k, v.len()))
            })
            .collect();
        counts.sort();
        let mut collections: Vec<(&String, String)> = renderer
            .shared
            .collections
            .iter()
            .map(|(name, value)| (name, format!("{value:?}")))
            .collect();
        collections.sort();
        // In a hub of several languages, a page links the same page in the
        // others: a page planned or dropped changes them.
        let planned = renderer.planned.get().map(|paths| {
            let mut paths: Vec<&String> = paths.iter().collect();
            paths.sort();
            hash_of(paths)
        });
        // Every page prints interface strings.
        let strings = format!("{:?}", renderer.strings);
        let global = hash_of((
            format!("{site_value:?}"),
            strings,
            collections,
            counts,
            planned,
        ));
        let facets = renderer
            .views
            .iter()
            .flat_map(|view| {
                view.facets
                    .iter()
                    .map(|(name, facets)| (&view.lang, name, facets))
            })
            .map(|(lang, name, facets)| {
                let shape: Vec<_> = facets
                    .iter()
                    .map(|f| {
                        let values: Vec<_> =
                            f.values.iter().map(|v| (&v.label, v.ids.len())).collect();
                        (&f.label, values)
                    })
                    .collect();
                ((lang.clone(), name.clone()), hash_of(shape))
            })
            .collect();
        let calendars = site
            .config
            .collections
            .iter()
            .filter(|c| c.calendar.is_some())
            .flat_map(|c| renderer.views.iter().map(move |view| (c, view)))
            .map(|(c, view)| {
                let ids = renderer.sorted_of(&view.lang, &c.name);
                let versions: Vec<u64> = ids.iter().map(|&id| summary[id]).collect();
                ((view.lang.clone(), c.name.clone()), hash_of(versions))
            })
            .collect();
        let history: PerEntry<u64> = site
            .entry_ids()
            .map(|id| hash_of(site.history_of(id)))
            .collect();
        Versions {
            all_summaries: hash_of((&summary, &history)),
            history,
            all_files: hash_of(&full),
            keys: site
                .entry_ids()
                .map(|id| hash_of(site.entry_key(id)))
                .collect(),
            full,
            summary,
            global,
            facets,
            calendars,
            templates: template_versions(renderer.origins),
        }
    }

    fn template(&self, name: &str) -> u64 {
        self.templates.get(name).copied().unwrap_or(0)
    }

    /// The entries a page lists, by key and summary version.
    fn listed(&self, ids: &[EntryId]) -> u64 {
        let mut hasher = FxHasher::default();
        for &id in ids {
            (self.keys[id], self.summary[id]).hash(&mut hasher);
        }
        hasher.finish()
    }

    /// A page of a paginated list: where it is, and the entries it lists.
    fn paginated(&self, page: &Pagination) -> u64 {
        hash_of((
            page.number,
            page.total_pages,
            page.total,
            self.listed(&page.ids),
        ))
    }

    /// The fingerprint of the file `job` writes: what it shows, and the
    /// template that shows it.
    pub fn of(&self, job: &Job, renderer: &Renderer<'_>) -> u64 {
        let template = job.template(renderer).map(|name| self.template(&name));
        hash_of((self.inputs(job, renderer), template))
    }

    /// What the file of `job` shows, apart from its template.
    fn inputs(&self, job: &Job, renderer: &Renderer<'_>) -> u64 {
        let site = renderer.site();
        let lang = &job.lang;
        let inputs = match &job.target {
            Target::Entry(id) => {
                let id = *id;
                let backlinks: Vec<(u64, &str, u64)> = site
                    .backlinks_of(site.versions.original(id))
                    .iter()
                    .map(|b| (self.keys[b.from], b.field.as_str(), self.summary[b.from]))
                    .collect();
                let related = renderer
                    .related
                    .get()
                    .and_then(|all| all.get(id))
                    .map(|ids| self.listed(ids));
                hash_of((
                    "entry",
                    self.full[id],
                    self.summary[id],
                    self.history[id],
                    backlinks,
                    related,
                    self.global,
                ))
            }
            Target::EntryCalendar(id) => hash_of(("ics", self.full[*id])),
            // The entry's title and summary, and the entries it lists.
            Target::Referrers {
                to,
                collection,
                page,
            } => hash_of((
                "referrers",
                self.keys[*to],
                self.summary[*to],
                collection,
                self.paginated(page),
                self.global,
            )),
            Target::List {
                collection,
                filter,
                page,
            } => hash_of((
                "list",
                collection,
                filter,
                self.paginated(page),
                self.facets.get(&(lang.clone(), collection.clone())),
                self.calendars.get(&(lang.clone(), collection.clone())),
                self.global,
            )),
            Target::Term { term, page } => {
                hash_of(("term", term, self.paginated(page), self.global))
            }
            Target::Alias { from, to } => hash_of((
                "alias",
                from,
                self.keys[*to],
                self.summary[*to],
                self.global,
            )),
            Target::Home | Target::Sitemap => {
                hash_of(("summing up", self.all_summaries, self.global))
            }
            Target::SitemapIndex { parts } => hash_of(("site map parts", parts, self.global)),
            Target::SitemapPart(part) => {
                hash_of(("site map part", part, self.all_summaries, self.global))
            }
            Target::Feed(c) => {
                hash_of(("feed", c, self.all_summaries, self.all_files, self.global))
            }
            Target::Calendar(c) => hash_of((
                "calendar",
                c,
                self.all_summaries,
                self.all_files,
                self.global,
            )),
            Target::Taxonomy(t) => hash_of(("taxonomy", t, self.global)),
            Target::NotFound | Target::Search | Target::Saved | Target::Robots => {
                hash_of((std::mem::discriminant(&job.target), self.global))
            }
        };
        hash_of((lang, inputs))
    }
}

/// What a summary of each entry shows: the front matter of it and of its
/// other versions (a translation's fields are its original's where it
/// writes none), and that of the entries it refers to.
fn summaries(site: &crate::site::Site, fronts: &PerEntry<u64>) -> PerEntry<u64> {
    site.entry_ids()
        .map(|id| {
            let mut targets = Vec::new();
            for value in site.entry(id).fields.values() {
                value.walk(&mut |v| {
                    if let Value::Ref(r) = v
                        && let Some(target) = r.resolved
                    {
                        targets.push(fronts[target]);
                    }
                });
            }
            let versions: Vec<u64> = site.versions.of(id).iter().map(|&v| fronts[v]).collect();
            hash_of((versions, targets))
        })
        .collect()
}

/// Each template's version: a hash of its text and of every template it
/// uses (`theme::uses`: those it names, through `extends`, `include`,
/// `import`..., and those whose components it calls), followed to the end.
pub fn template_versions(origins: &TemplateOrigins) -> HashMap<String, u64> {
    let uses = crate::theme::uses::direct_uses(origins);
    origins
        .keys()
        .map(|name| {
            let seen = crate::theme::uses::all_uses(&uses, name);
            let texts: Vec<&str> = seen
                .iter()
                .map(|n| origins.get(*n).map_or("", |(_, text)| text.as_str()))
                .collect();
            (name.clone(), hash_of((seen, texts)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origins(templates: &[(&str, &str)]) -> TemplateOrigins {
        templates
            .iter()
            .map(|(name, text)| (name.to_string(), (name.to_string(), text.to_string())))
            .collect()
    }

    #[test]
    fn a_template_changes_with_what_it_extends_and_includes() {
        let before = origins(&[
            ("base.html", "<main>{% block main %}{% endblock %}</main>"),
            (
                "entry.html",
                "{% extends \"base.html\" %}{% include 'card.html' %}",
            ),
            ("card.html", "card"),
            ("list.html", "list"),
        ]);
        let mut after = before.clone();
        after.insert("card.html".into(), ("card.html".into(), "new card".into()));
        let (v1, v2) = (template_versions(&before), template_versions(&after));
        assert_ne!(v1["entry.html"], v2["entry.html"]);
        assert_ne!(v1["card.html"], v2["card.html"]);
        assert_eq!(v1["list.html"], v2["list.html"]);
        assert_eq!(v1["base.html"], v2["base.html"]);
    }

    /// Built-in templates call `<term_links …>` without naming the partial
    /// that defines it: a hub editing that partial changes them too.
    #[test]
    fn a_template_changes_with_the_components_it_calls() {
        let before = origins(&[
            ("entry.html", "{{ <term_links terms={x} /> }}"),
            (
                "partials/links.html",
                "{% component term_links(terms) %}a{% endcomponent term_links %}",
            ),
            ("list.html", "{{ <term_linksx /> }}"),
        ]);
        let mut after = before.clone();
        let edited = "{% component term_links(terms) %}b{% endcomponent term_links %}";
        after.insert(
            "partials/links.html".into(),
            ("partials/links.html".into(), edited.into()),
        );
        let (v1, v2) = (template_versions(&before), template_versions(&after));
        assert_ne!(v1["entry.html"], v2["entry.html"]);
        assert_eq!(v1["list.html"], v2["list.html"]);
    }
}
