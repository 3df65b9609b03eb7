//! A `calabash serve` session: the last good site, kept in memory, and the
//! rebuild that brings the served folder up to date after files change.
//!
//! A rebuild renders only the files whose fingerprint changed
//! (`fingerprint`), writes only the files whose bytes changed, and removes
//! the files no longer made. It never leaves the folder half-updated: every
//! page is rendered before any is written, and a failed rebuild writes
//! nothing and keeps the last good site. The search index is rebuilt apart
//! (`search_inputs`, `finish_search`), since pages must not wait for it.

use std::any::Any;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use tera::Tera;

use super::changes::{Change, classify};
use super::fingerprint::{Fingerprints, SourceHashes};
use super::search_update::index_site;
use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::core::model::EntryId;
use crate::core::paths::location::{MARKER, MARKER_TEXT};
use crate::output::{replace_file, write_error};
use crate::render::checks::output_problems;
use crate::render::context;
use crate::render::renderer::Prepared;
use crate::site::{self, Site, SiteOptions};
use crate::theme::code_style::syntax_stylesheet;
use crate::theme::templates::{self, TemplateOrigins};
use crate::theme::{SYNTAX_CSS, StaticFiles};

/// A panic's message as a problem for the terminal and the pages.
pub fn panic_problem(payload: &(dyn Any + Send)) -> Diagnostic {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".into());
    Diagnostic::error(
        "calabash",
        format!("internal error while rebuilding: {message}"),
    )
    .hint("this is a bug in Calabash; please report it with the change you last saved. Saving again retries the whole build")
}

/// What a rebuild changed in the served folder.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files written or removed, relative to the output folder.
    pub files: BTreeSet<String>,
    /// Pages rendered (whether or not their bytes changed).
    pub rendered: usize,
    /// A static file other than a stylesheet changed (or went).
    pub assets: bool,
    /// Files rendered and shown ahead of the others (see `Ahead`): open
    /// pages already reloaded to them.
    pub ahead: BTreeSet<String>,
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
        let syntax_css = syntax_stylesheet(&site.config)?;
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

/// Where a long rebuild shows the pages open in a browser before the rest
/// (implemented by the server's `Live`).
pub trait Ahead: Send + Sync {
    /// Addresses (`/library/x/`) of the pages open in a browser.
    fn open_pages(&self) -> Vec<String>;
    /// Serves these pages (address, bytes) until the rebuild is written, and
    /// tells their browsers to reload.
    fn show(&self, pages: Vec<(String, Vec<u8>)>);
}

pub struct Session {
    pub(super) root: PathBuf,
    pub(super) output: PathBuf,
    pub(super) options: SiteOptions,
    pub(super) now: jiff::Timestamp,
    pub(super) built: Option<Built>,
    pub(super) fingerprints: Fingerprints,
    /// Static files by output path, and the file each is copied from.
    pub(super) statics: StaticFiles,
    /// The search index's files in the output folder.
    pub(super) search_files: HashSet<String>,
    /// Each entry's similar entries (`collection/slug` keys), from the last index.
    pub(super) related: HashMap<String, Vec<String>>,
    /// The next rebuild must start from the files: the last one failed, so
    /// the state in memory is older than some files it has seen.
    pub(super) reload_all: bool,
    /// The warnings of the last load, which a reload does not repeat (such
    /// as the one saying the site has no git history).
    pub(super) warned: Vec<Diagnostic>,
    pub(super) ahead: Option<std::sync::Arc<dyn Ahead>>,
}

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

    /// The first build: the whole site, search index included, and files
    /// of an earlier session that the site no longer has removed.
    pub fn start(&mut self) -> Result<Outcome, Diagnostics> {
        self.reload_all = true;
        let (site, warnings) = self.load()?;
        self.warned = warnings.iter().cloned().collect();
        let update = index_site(&site, &self.root, &AtomicBool::new(false))?;
        self.related = update.related.clone();
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
            problems.extend(output_problems(&self.root, &site, now, &[&self.output]));
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
        let site_value = context::site_value(&built.site, SYNTAX_CSS);
        built
            .tera
            .global_context()
            .insert_value("site", site_value.clone());
        let result = self.render(&mut built, &site_value, new_paths);
        // Kept even when rendering failed: nothing was written, and after a
        // failure the next rebuild loads everything from the files again.
        self.built = Some(built);
        result.map(|mut outcome| {
            outcome.warnings.extend(warnings);
            outcome
        })
    }
}
