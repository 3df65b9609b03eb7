//! A `calabash serve` session: the last good site, kept in memory, and the
//! rebuild that brings the served folder up to date after files change.
//!
//! A rebuild renders only the files whose fingerprint changed
//! (`fingerprint`), writes only the files whose bytes changed, and removes
//! the files no longer made. It never leaves the folder half-updated: every
//! page is rendered before any is written, and a failed rebuild writes
//! nothing and keeps the last good site. The search index is rebuilt apart
//! (`search_inputs`, `finish_search`), since pages must not wait for it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;
use tera::Tera;

use crate::build::{render_failures, write_error};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{EntryId, Source};
use crate::output::{remove_file, replace_file};
use crate::render::plan::{self, Prepared, Renderer};
use crate::render::templates::{self, TemplateOrigins};
use crate::render::{context, pages};
use crate::serve::changes::{Change, classify};
use crate::serve::fingerprint::{Fingerprints, SourceHashes, Versions};
use crate::serve::upkeep::index_site;
use crate::site::{self, Site, SiteOptions};
use crate::validate::refs;

/// What a rebuild changed in the served folder.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files written or removed, relative to the output folder.
    pub files: BTreeSet<String>,
    /// Pages rendered (whether or not their bytes changed).
    pub rendered: usize,
    /// A static file other than a stylesheet changed (or went).
    pub assets: bool,
    /// Entries changed: the search index must be built again.
    pub search_stale: bool,
    pub warnings: Diagnostics,
}

/// The site as last built without errors, with what rendering it needs.
pub(super) struct Built {
    pub(super) site: Site,
    pub(super) tera: Tera,
    pub(super) origins: TemplateOrigins,
    /// Values computed from the site, kept while only entry bodies change.
    pub(super) prepared: Option<Prepared>,
    /// Each entry's `SourceHashes`, kept up to date with `site.entries`.
    pub(super) sources: Vec<SourceHashes>,
    /// The stylesheet of highlighted code: it changes with site.toml only.
    pub(super) syntax_css: String,
    /// Similar entries by id, while ids stay the same.
    pub(super) related: Option<Vec<Vec<EntryId>>>,
}

impl Built {
    fn new(site: Site, tera: Tera, origins: TemplateOrigins) -> Result<Built, Diagnostics> {
        let markdown = &site.config.markdown;
        let syntax_css = crate::highlight::stylesheet(
            &markdown.highlight_theme,
            markdown.highlight_theme_dark.as_deref(),
        )
        .map_err(|message| {
            Diagnostics::from(vec![
                Diagnostic::error(crate::config::CONFIG_FILE, message)
                    .hint("set [markdown] highlight_theme to one of the listed themes"),
            ])
        })?;
        Ok(Built {
            sources: SourceHashes::of_all(&site.entries),
            site,
            tera,
            origins,
            prepared: None,
            syntax_css,
            related: None,
        })
    }
}

pub struct Session {
    pub(super) root: PathBuf,
    pub(super) output: PathBuf,
    pub(super) options: SiteOptions,
    pub(super) now: jiff::Timestamp,
    pub(super) built: Option<Built>,
    pub(super) fingerprints: Fingerprints,
    /// Static files by output path, and the file each is copied from.
    pub(super) statics: BTreeMap<String, PathBuf>,
    /// The search index's files in the output folder.
    pub(super) search_files: HashSet<String>,
    /// Each entry's similar entries (`collection/slug` keys), from the last index.
    pub(super) related: HashMap<String, Vec<String>>,
    /// The next rebuild must start from the files: the last one failed, so
    /// the state in memory is older than some files it has seen.
    pub(super) reload_all: bool,
    /// Only entry bodies changed since the last rebuild: every page keeps
    /// its path, so aliases need no new check.
    same_paths: bool,
}

impl Session {
    /// A session serving `output`; nothing is built until `start`.
    pub fn new(root: &Path, output: &Path, options: SiteOptions) -> Self {
        let now = options
            .now
            .unwrap_or_else(crate::render::calendar::build_time);
        Session {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            options: SiteOptions {
                now: Some(now),
                ..options
            },
            now,
            built: None,
            fingerprints: Fingerprints::new(),
            statics: BTreeMap::new(),
            search_files: HashSet::new(),
            related: HashMap::new(),
            reload_all: true,
            same_paths: false,
        }
    }

    pub fn output(&self) -> &Path {
        &self.output
    }

    /// The options a fresh `calabash build` needs to make the same site.
    pub fn build_options(&self) -> SiteOptions {
        self.options.clone()
    }

    /// The first build: the whole site, search index included, and files
    /// of an earlier session that the site no longer has removed.
    pub fn start(&mut self) -> Result<Outcome, Diagnostics> {
        self.reload_all = true;
        let (site, warnings) = site::load_site(&self.root, &self.options)?;
        let update = index_site(&site, &self.root, &AtomicBool::new(false))?;
        self.related = update.related.clone();
        let mut outcome = self.rebuild(Some(site), true, true, warnings)?;
        self.sync_static(&mut outcome)
            .map_err(|err| write_error(&self.output, err))?;
        outcome.files.extend(self.install_search(update)?.files);
        self.sweep().map_err(|err| write_error(&self.output, err))?;
        self.reload_all = false;
        Ok(outcome)
    }

    /// Brings the served folder up to date after `paths` (relative to the
    /// root) changed; `rescan` when the watcher lost track.
    pub fn apply(
        &mut self,
        paths: &BTreeSet<String>,
        rescan: bool,
    ) -> Result<Outcome, Diagnostics> {
        let change = classify(paths, rescan || self.reload_all, &self.built_theme());
        if self.built.is_none() {
            return self.start();
        }
        let mut outcome = Outcome::default();
        if change.statics {
            self.sync_static(&mut outcome)
                .map_err(|err| write_error(&self.output, err))?;
        }
        outcome.search_stale = !matches!(change.site, Change::Nothing | Change::Templates);
        let result = match change.site {
            Change::Nothing => return Ok(outcome),
            Change::Everything => self.reload(true, true),
            Change::Bodies(files) => match self.with_new_bodies(&files) {
                Some(result) => result.and_then(|()| {
                    self.rebuild(None, change.templates, false, Diagnostics::default())
                }),
                None => self.reload(change.templates, false),
            },
            Change::Entries => self.reload(change.templates, false),
            Change::Templates => self.rebuild(None, true, false, Diagnostics::default()),
        };
        self.reload_all = result.is_err();
        let more = result?;
        outcome.files.extend(more.files);
        outcome.assets |= more.assets;
        outcome.rendered += more.rendered;
        outcome.warnings.extend(more.warnings);
        Ok(outcome)
    }

    /// Loads the whole site again and renders what changed.
    fn reload(
        &mut self,
        templates_changed: bool,
        everything: bool,
    ) -> Result<Outcome, Diagnostics> {
        let (site, warnings) = site::load_site(&self.root, &self.options)?;
        self.rebuild(Some(site), templates_changed, everything, warnings)
    }

    pub(super) fn built_theme(&self) -> String {
        self.built
            .as_ref()
            .map_or_else(String::new, |b| b.site.config.theme.clone())
    }

    /// Replaces the bodies of the entries in `files` when nothing but their
    /// bodies changed; `None` when that is not the case, and the site must
    /// be loaded again.
    fn with_new_bodies(&mut self, files: &[String]) -> Option<Result<(), Diagnostics>> {
        let built = self.built.as_mut()?;
        let site = &mut built.site;
        let mut replaced: Vec<(EntryId, String)> = Vec::new();
        for file in files {
            let id = site.entries.iter().position(|e| &e.source.path == file)?;
            let text = std::fs::read_to_string(self.root.join(file)).ok()?;
            let old = &site.entries[id];
            let parts = crate::front_matter::split(&text).ok()?;
            let old_front = &old.source.text[..old.body.start];
            if parts.body.start != old.body.start || text[..parts.body.start] != *old_front {
                return None;
            }
            replaced.push((id, text));
        }
        let previous: Vec<_> = replaced
            .into_iter()
            .map(|(id, text)| {
                let entry = &mut site.entries[id];
                let path = entry.source.path.clone();
                let old_source =
                    std::mem::replace(&mut entry.source, Arc::new(Source { path, text }));
                entry.body = entry.body.start..entry.source.text.len();
                let rendered =
                    crate::markdown::render(entry.body_text(), entry.body.start, &site.config);
                let old_rendered = std::mem::replace(&mut site.rendered[id], rendered);
                built.sources[id] = SourceHashes::of(&site.entries[id]);
                (id, old_source, old_rendered)
            })
            .collect();
        let changed: Vec<EntryId> = previous.iter().map(|(id, _, _)| *id).collect();
        let mut problems = Vec::new();
        refs::check_links_touching(
            &site.entries,
            &site.rendered,
            &refs::Unbuilt {
                drafts: &site.drafts,
                unreadable: &[],
            },
            &site.config,
            &changed,
            &mut problems,
        );
        let problems = Diagnostics::from(problems);
        if problems.has_errors() {
            for (id, source, rendered) in previous {
                site.entries[id].body = site.entries[id].body.start..source.text.len();
                site.entries[id].source = source;
                site.rendered[id] = rendered;
                built.sources[id] = SourceHashes::of(&site.entries[id]);
            }
            return Some(Err(problems));
        }
        for (id, _, before) in &previous {
            refs::update_body_backlinks(
                &mut site.backlinks,
                &site.entries,
                *id,
                before,
                &site.rendered[*id],
            );
        }
        self.same_paths = true;
        Some(Ok(()))
    }

    /// Renders what changed: with `site`, a newly loaded site replaces the
    /// one in memory; `everything` forgets every fingerprint (the settings
    /// changed, which no fingerprint covers).
    pub(super) fn rebuild(
        &mut self,
        site: Option<Site>,
        templates_changed: bool,
        everything: bool,
        warnings: Diagnostics,
    ) -> Result<Outcome, Diagnostics> {
        let previous = self.built.take();
        let built = match (site, previous) {
            (Some(site), Some(built)) if !templates_changed && !everything => {
                Built::new(site, built.tera, built.origins)
            }
            (Some(site), previous) => match templates::load(&self.root, &site.config) {
                Ok((tera, origins)) => Built::new(site, tera, origins),
                Err(problems) => {
                    self.built = previous;
                    return Err(Diagnostics::from(problems));
                }
            },
            (None, Some(built)) if templates_changed => {
                match templates::load(&self.root, &built.site.config) {
                    Ok((tera, origins)) => Ok(Built {
                        tera,
                        origins,
                        ..built
                    }),
                    Err(problems) => {
                        self.built = Some(built);
                        return Err(Diagnostics::from(problems));
                    }
                }
            }
            (None, Some(built)) => Ok(built),
            (None, None) => return Err(Diagnostics::default()),
        };
        let mut built = built?;
        if everything {
            self.fingerprints.clear();
        }
        let site_value = context::site_value(&built.site, crate::build::SYNTAX_CSS);
        built
            .tera
            .global_context()
            .insert_value("site", site_value.clone());
        let result = self.render(&mut built, &site_value);
        // A failed rebuild leaves the site as it was, unless the site in
        // memory was already replaced (and nothing was written).
        if result.is_ok() || self.built.is_none() {
            self.built = Some(built);
        }
        result.map(|mut outcome| {
            outcome.warnings.extend(warnings);
            outcome
        })
    }

    /// Renders every file whose fingerprint changed and writes those whose
    /// bytes changed.
    fn render(
        &mut self,
        built: &mut Built,
        site_value: &tera::Value,
    ) -> Result<Outcome, Diagnostics> {
        let site = &built.site;
        let prepared = built
            .prepared
            .take()
            .unwrap_or_else(|| Prepared::new(site, self.now));
        let mut renderer = Renderer::prepared(site, &built.tera, &built.origins, prepared);
        let related = built
            .related
            .take()
            .unwrap_or_else(|| self.related_ids(site));
        let _ = renderer.related.set(related);
        let result = self.render_with(&renderer, site_value, &built.sources, &built.syntax_css);
        built.related = renderer.related.take();
        built.prepared = Some(renderer.into_prepared());
        result
    }

    fn render_with(
        &mut self,
        renderer: &Renderer<'_>,
        site_value: &tera::Value,
        sources: &[SourceHashes],
        syntax_css: &str,
    ) -> Result<Outcome, Diagnostics> {
        let jobs = plan::plan(renderer);
        if !std::mem::take(&mut self.same_paths) {
            let problems = crate::build::check_aliases(renderer, &jobs, &self.root);
            if !problems.is_empty() {
                return Err(Diagnostics::from(problems));
            }
        }
        let versions = Versions::new(renderer, site_value, sources);
        let planned: Vec<(String, u64)> = jobs
            .par_iter()
            .map(|job| {
                let template = pages::template_of(job, renderer).unwrap_or_default();
                (
                    plan::output_file(renderer, job),
                    versions.of(job, renderer, &template),
                )
            })
            .collect();
        let dirty: Vec<usize> = (0..jobs.len())
            .filter(|&i| {
                let (file, print) = &planned[i];
                self.fingerprints.get(file) != Some(print)
            })
            .collect();
        let results: Vec<Result<(String, String), Diagnostic>> = dirty
            .par_iter()
            .map(|&i| pages::render_job(&jobs[i], renderer))
            .collect();
        let mut pages = Vec::with_capacity(results.len() + 1);
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok(page) => pages.push(page),
                Err(problem) => problems.push(problem),
            }
        }
        if !problems.is_empty() {
            return Err(render_failures(problems));
        }
        let rendered = pages.len();
        pages.push((
            crate::build::SYNTAX_CSS.trim_start_matches('/').to_string(),
            syntax_css.to_string(),
        ));
        let mut fingerprints: Fingerprints = planned.into_iter().collect();
        std::mem::swap(&mut self.fingerprints, &mut fingerprints);
        let gone: Vec<String> = fingerprints
            .into_keys()
            .filter(|file| {
                !self.fingerprints.contains_key(file)
                    && !self.statics.contains_key(file)
                    && !self.search_files.contains(file)
            })
            .collect();
        let mut outcome = self.write(&pages, &gone)?;
        outcome.rendered = rendered;
        Ok(outcome)
    }

    /// Writes `pages` (those whose bytes changed) and removes `gone`.
    pub(super) fn write(
        &self,
        pages: &[(String, impl AsRef<[u8]> + Sync)],
        gone: &[String],
    ) -> Result<Outcome, Diagnostics> {
        let io_error = |err| write_error(&self.output, err);
        let written: Vec<Option<String>> = pages
            .par_iter()
            .map(|(file, content)| {
                replace_file(&self.output, file, content.as_ref())
                    .map(|changed| changed.then(|| file.clone()))
            })
            .collect::<Result<_, _>>()
            .map_err(io_error)?;
        let mut outcome = Outcome::default();
        outcome.files.extend(written.into_iter().flatten());
        for file in gone {
            remove_file(&self.output, file).map_err(io_error)?;
            outcome.files.insert(file.clone());
        }
        Ok(outcome)
    }
}
