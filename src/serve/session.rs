//! A `calabash serve` session: the last good site, kept in memory, and the
//! rebuild that brings the served folder up to date after files change.
//!
//! A rebuild renders only the files whose fingerprint changed
//! (`fingerprint`), writes only the files whose bytes changed, and removes
//! the files no longer made. It never leaves the folder half-updated: every
//! page is rendered before any is written, and a failed rebuild writes
//! nothing and keeps the last good site. The search index is built apart
//! (`search_update`), even on the first build, since pages must not wait
//! for it, and installed here (`install_search`).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use super::changes::{Change, classify};
use super::search_update::SearchUpdate;
use super::state::Built;
use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::core::paths::location::{MARKER, MARKER_TEXT};
use crate::output::{replace_file, write_error};
use crate::render::checks::output_problems;
use crate::render::context;
use crate::render::fingerprint::Fingerprints;
use crate::site::{self, Site, SiteOptions};
use crate::theme::i18n::Strings;
use crate::theme::templates;
use crate::theme::{SYNTAX_CSS, StaticFiles};

pub use super::state::{Ahead, Outcome, Session, panic_problem};

impl Session {
    /// A session serving `output`; nothing is built until `start`.
    pub fn new(root: &Path, output: &Path, options: SiteOptions) -> Self {
        let now = options.build_time();
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
            statics: StaticFiles::default(),
            search_files: HashSet::new(),
            related: HashMap::new(),
            reload_all: true,
            warned: Vec::new(),
            ahead: None,
            editor_files: Default::default(),
        }
    }

    /// Runs a step of the session (`start`, `apply`, ...), turning a panic
    /// (a bug) into a problem, so the preview keeps serving the last good
    /// build; the next rebuild then starts again from the files.
    pub fn guarded<T>(
        &mut self,
        step: impl FnOnce(&mut Self) -> Result<T, Diagnostics>,
    ) -> Result<T, Diagnostics> {
        match catch_unwind(AssertUnwindSafe(|| step(self))) {
            Ok(result) => result,
            Err(payload) => {
                self.forget();
                Err(Diagnostics::from(vec![panic_problem(payload.as_ref())]))
            }
        }
    }

    /// Drops what is kept in memory: after a panic it may be half-updated.
    pub fn forget(&mut self) {
        self.built = None;
        self.reload_all = true;
    }

    /// Long rebuilds show the pages open in a browser first, through `ahead`.
    pub fn show_ahead(&mut self, ahead: std::sync::Arc<dyn Ahead>) {
        self.ahead = Some(ahead);
    }

    pub fn output(&self) -> &Path {
        &self.output
    }

    /// The options a fresh `calabash build` needs to make the same site.
    pub fn build_options(&self) -> SiteOptions {
        self.options.clone()
    }

    /// The first build: every page, and files of an earlier session that the
    /// site no longer has removed. The search index is left stale
    /// (`search_stale`) for the loop to build in the background, so the
    /// preview answers sooner and a first edit never waits for it; until it
    /// is installed, entry pages show the similar entries last found (none
    /// in a new session).
    pub fn start(&mut self) -> Result<Outcome, Diagnostics> {
        self.reload_all = true;
        let (site, warnings) = self.load()?;
        self.warned = warnings.iter().cloned().collect();
        // Static files first: the check of every output path needs them.
        let mut statics = Outcome::default();
        let mark = || {
            std::fs::create_dir_all(&self.output)?;
            replace_file(&self.output, MARKER, MARKER_TEXT.as_bytes())
        };
        mark().map_err(|err| write_error(&self.output, err))?;
        let theme = site.config.theme.clone();
        self.sync_static(&theme, &mut statics)
            .map_err(|err| write_error(&self.output, err))?;
        let linked_templates = templates::link_warnings(&self.root, &site.config);
        let mut outcome = self.rebuild(Some(site), true, true, warnings)?;
        outcome.files.extend(statics.files);
        // A linked theme folder is met by the templates and the static files.
        outcome
            .warnings
            .extend_new(statics.warnings.into_iter().chain(linked_templates));
        outcome.search_stale = true;
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
            let theme = self.built_theme();
            self.sync_static(&theme, &mut outcome)
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
        outcome.ahead.extend(more.ahead);
        outcome.rendered += more.rendered;
        outcome.warnings.extend(more.warnings);
        Ok(outcome)
    }

    /// Loads the whole site; when its content has mistakes, reports them
    /// with every problem the plan and the templates show, as `check` does.
    fn load(&self) -> Result<(Site, Diagnostics), Diagnostics> {
        let site::Loaded {
            site,
            mut problems,
            history_warnings,
        } = site::load_site_anyway(&self.root, &self.options)?;
        if problems.has_errors() {
            let now = self.options.build_time();
            let starters = crate::new::starters_at(&self.root, &site.config, now);
            let outputs = [self.output.as_path()];
            problems.extend(output_problems(&self.root, &site, now, &outputs, &starters));
            return Err(problems);
        }
        problems.extend(history_warnings);
        Ok((site, problems))
    }

    /// Loads the whole site again and renders what changed.
    fn reload(
        &mut self,
        templates_changed: bool,
        everything: bool,
    ) -> Result<Outcome, Diagnostics> {
        let (site, warnings) = self.load()?;
        let new: Vec<Diagnostic> = warnings
            .iter()
            .filter(|w| !self.warned.contains(w))
            .cloned()
            .collect();
        self.warned = warnings.into_iter().collect();
        self.rebuild(Some(site), templates_changed, everything, new.into())
    }

    pub(super) fn built_theme(&self) -> String {
        self.built
            .as_ref()
            .map_or_else(String::new, |b| b.site.config.theme.clone())
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
        // Only a new site or new templates can add pages, which an alias
        // might then clash with.
        let new_paths = site.is_some() || templates_changed;
        let previous = self.built.take();
        let built = match (site, previous) {
            (Some(site), Some(built)) if !templates_changed && !everything => {
                Built::new(site, (built.tera, built.origins, built.strings))
            }
            (Some(site), previous) => match load_templates(&self.root, &site.config) {
                Ok(loaded) => Built::new(site, loaded),
                Err(problems) => {
                    self.built = previous;
                    return Err(Diagnostics::from(problems));
                }
            },
            (None, Some(built)) if templates_changed => {
                match load_templates(&self.root, &built.site.config) {
                    Ok((tera, origins, strings)) => Ok(Built {
                        tera,
                        origins,
                        strings,
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
        // What a new entry starts with follows the site's vocabularies,
        // entries and files: in the `site` variable, a change re-renders all.
        let now = self.options.build_time();
        let starters = crate::new::starters_at(&self.root, &built.site.config, now);
        let site_value = context::site_value(&built.site, (SYNTAX_CSS, &built.strings), &starters);
        built
            .tera
            .global_context()
            .insert_value("site", site_value.clone());
        let mut result = self.render(&mut built, &site_value, new_paths);
        if let (Ok(outcome), true) = (&mut result, new_paths)
            && let Err(problems) = self.sync_editor(&built.site, outcome)
        {
            result = Err(problems);
        }
        // Kept even when rendering failed: nothing was written, and after a
        // failure the next rebuild loads everything from the files again.
        self.built = Some(built);
        result.map(|mut outcome| {
            outcome.warnings.extend(warnings);
            outcome
        })
    }

    /// The site in memory, for `index_site`.
    pub fn site(&self) -> Option<&Site> {
        self.built.as_ref().map(|b| &b.site)
    }

    /// Writes a new search index's files, swaps the index in, and renders
    /// the entry pages whose similar entries changed.
    pub fn install_search(&mut self, update: SearchUpdate) -> Result<Outcome, Diagnostics> {
        let new_files: HashSet<String> = update.files.iter().map(|(f, _)| f.clone()).collect();
        let gone: Vec<String> = self
            .search_files
            .iter()
            .filter(|f| !new_files.contains(*f))
            .cloned()
            .collect();
        let mut outcome = self.write(&update.files, &gone)?;
        self.search_files = new_files;
        update
            .fresh
            .commit()
            .map_err(|err| write_error(&self.output, err))?;
        if self.related != update.related {
            self.related = update.related;
            if let Some(built) = &mut self.built {
                built.related = None;
                let pages = self.rebuild(None, false, false, Diagnostics::default())?;
                outcome.files.extend(pages.files);
                outcome.rendered += pages.rendered;
            }
        }
        Ok(outcome)
    }
}

/// The templates and the interface strings, loaded again together: a
/// translation file counts as a template.
fn load_templates(
    root: &Path,
    config: &crate::config::Config,
) -> Result<(tera::Tera, crate::theme::TemplateOrigins, Strings), Vec<Diagnostic>> {
    let templates = templates::load(root, config);
    match (templates, crate::theme::i18n::load(root, config)) {
        (Ok((tera, origins)), Ok(strings)) => Ok((tera, origins, strings)),
        (templates, strings) => {
            let mut problems = templates.err().unwrap_or_default();
            problems.extend(strings.err().unwrap_or_default());
            Err(problems)
        }
    }
}
