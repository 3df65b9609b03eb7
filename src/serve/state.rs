//! What a `calabash serve` session keeps: the last good site with what
//! rendering it needs, the state of the served folder, and what a rebuild
//! changed. The session's steps are `session` (loading and rebuilding),
//! `rendering` (pages), `static_files` (static files, the sweep) and
//! `body_edits` (when only entry bodies changed).

use std::any::Any;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use tera::Tera;

use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::core::model::{EntryId, PerEntry};
use crate::render::fingerprint::{Fingerprints, SourceHashes};
use crate::render::renderer::Prepared;
use crate::site::{Site, SiteOptions};
use crate::theme::code_style::syntax_stylesheet;
use crate::theme::i18n::Strings;
use crate::theme::{StaticFiles, TemplateOrigins};

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
    pub(super) strings: Strings,
    /// Values computed from the site, kept while only entry bodies change.
    pub(super) prepared: Option<Prepared>,
    /// Each entry's `SourceHashes`, kept up to date with `site.entries`.
    pub(super) sources: PerEntry<SourceHashes>,
    /// The stylesheet of highlighted code: it changes with site.toml only.
    pub(super) syntax_css: String,
    /// Similar entries by id, while ids stay the same.
    pub(super) related: Option<PerEntry<Vec<EntryId>>>,
}

impl Built {
    pub(super) fn new(
        site: Site,
        (tera, origins, strings): (Tera, TemplateOrigins, Strings),
    ) -> Result<Built, Diagnostics> {
        let syntax_css = syntax_stylesheet(&site.config)?;
        Ok(Built {
            sources: SourceHashes::of_all(&site.entries),
            site,
            tera,
            origins,
            strings,
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
    /// The browser editor's files in the output folder (`[cms] build`).
    pub(super) editor_files: std::collections::BTreeSet<String>,
}
