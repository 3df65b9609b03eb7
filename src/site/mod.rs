//! The validated site: configuration, vocabularies, entries with their
//! rendered bodies and backlinks. Produced by `load_site`, the first half of
//! the build pipeline (load, validate, render Markdown, check references).

mod model;
mod valid_part;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config;
use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::core::model::{Entry, EntryId};
use crate::history;
use crate::load::{self, taxonomy};
use crate::markdown::{self, Rendered};
use crate::validate::lookup::Unbuilt;
use crate::validate::translations::{self, Versions};
use crate::validate::{backlinks, entry, links, refs, slugs, warnings};

pub use model::{Site, SiteOptions};

/// Loads and validates everything under `root`. On success also returns the
/// warnings; on failure every problem found.
pub fn load_site(root: &Path, options: &SiteOptions) -> Result<(Site, Diagnostics), Diagnostics> {
    let Loaded {
        site,
        mut problems,
        history_warnings,
    } = load_site_anyway(root, options)?;
    if problems.has_errors() {
        return Err(problems);
    }
    problems.extend(history_warnings);
    Ok((site, problems))
}

/// A site loaded whatever its content's mistakes.
pub struct Loaded {
    pub site: Site,
    /// Every problem of the content, errors and warnings.
    pub problems: Diagnostics,
    /// What reading git said: news only for a site that builds (a failed
    /// build reports what `check`, which never reads git, reports).
    pub history_warnings: Diagnostics,
}

/// Like `load_site`, but returns the site even when its content has
/// mistakes (then with entries marked `invalid`), so that the checks that
/// need the whole site can still run: every problem is reported in one
/// round. `Err` only when `site.toml` itself cannot be used.
pub fn load_site_anyway(root: &Path, options: &SiteOptions) -> Result<Loaded, Diagnostics> {
    // git reads the history while the entries are loaded.
    std::thread::scope(|scope| {
        let history = scope.spawn(|| history::read(root));
        let loaded = load_content(root, options);
        let (histories, warning) = history.join().unwrap_or_default();
        let (mut site, problems) = loaded?;
        site.history = site
            .entries
            .iter()
            .map(|e| histories.get(&e.source.path).cloned())
            .collect();
        let mut history_warnings: Vec<_> = warning.into_iter().collect();
        history_warnings.extend(stale_translations(&site, &histories));
        Ok(Loaded {
            site,
            problems,
            history_warnings: history_warnings.into(),
        })
    })
}

/// A warning for each translation whose original changed after it: by
/// git's history where it knows both files, else (neither is committed)
/// by their `updated` or `date`. A translation not yet committed beside a
/// committed original is newer than it: it is being written.
pub fn stale_translations(site: &Site, histories: &history::Histories) -> Vec<Diagnostic> {
    let committed = |id: EntryId| {
        histories
            .get(&site.entry(id).source.path)
            .map(|h| h.changed)
    };
    let dated = |id: EntryId| site.entry(id).updated.or(site.entry(id).date);
    let changed = |translation: EntryId, original: EntryId| match (
        committed(translation),
        committed(original),
    ) {
        (Some(then), Some(now)) => Some((then, now)),
        (None, None) => Some((dated(translation)?, dated(original)?)),
        _ => None,
    };
    translations::stale_translations(&site.entries, &site.versions, changed)
}

/// Everything but the history: all that validation needs, for
/// `calabash check`, which has no use for git. Like `load_site_anyway`, the
/// site comes back whatever its content's mistakes, with every problem found.
pub fn load_content(
    root: &Path,
    options: &SiteOptions,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let config = config::load(root, options.base_url.as_deref()).map_err(Diagnostics::from)?;
    let mut problems = config.warnings.clone();
    let taxonomies = taxonomy::load(root, &config, &mut problems);
    let raw = load::load_entries(root, &config, &mut problems);
    let (loaded, unreadable) = entry::validate_entries(raw, &config, &taxonomies, &mut problems);
    let (mut entries, drafts): (Vec<Entry>, Vec<Entry>) =
        loaded.into_iter().partition(|e| options.drafts || !e.draft);

    let order = |e: &Entry| {
        config
            .collections
            .iter()
            .position(|c| c.name == e.collection)
    };
    // An original, then its translations by language code.
    let translation = |e: &Entry| e.translation.then(|| e.lang.clone());
    entries.sort_by_cached_key(|e| (order(e), e.slug.clone(), translation(e)));
    let mut dropped = slugs::check_slugs(&entries, &config, &mut problems);
    let (orphans, drafted) =
        translations::check_originals((&entries, &drafts), &config, &mut problems);
    dropped.extend(orphans);
    dropped.extend(drafted.iter().copied());
    dropped.sort();
    dropped.dedup();
    let mut drafts = drafts;
    drafts.extend(drafted.iter().map(|id| entries[id.index()].clone()));
    for id in dropped.into_iter().rev() {
        entries.remove(id.index());
    }
    // An entry that could not be read has its own error: references to it
    // are not reported, which would only bury that error.
    let unbuilt = Unbuilt {
        drafts: &drafts,
        unreadable: &unreadable,
    };
    refs::resolve_refs(&mut entries, &unbuilt, &mut problems);
    let versions = Versions::new(&entries);
    translations::share_fields(&mut entries, &versions, &config);

    // Bodies are packed as soon as they are rendered, and a build's source
    // texts go then too: never all at full size at once.
    let rendered: Vec<Rendered> = entries
        .par_iter_mut()
        .map(|e| {
            let mut rendered = markdown::render(&e.body_text(), e.body.start, &config);
            rendered.pack();
            if options.release_sources {
                e.source = Arc::new(e.source.released(root, e.body.start));
            }
            rendered
        })
        .collect();
    links::check_links(&entries, &rendered, &unbuilt, &config, &mut problems);
    problems.extend(warnings::content_warnings(&entries, &rendered, &config));
    let backlinks = backlinks::backlinks(&entries, &rendered);
    if options.release_sources {
        // Drafts have no body to render in a build: theirs go once checked.
        (drafts.par_iter_mut())
            .for_each(|e| e.source = Arc::new(e.source.released(root, e.body.start)));
    }
    Ok((
        Site {
            config,
            taxonomies,
            entries,
            rendered,
            backlinks,
            drafts,
            versions,
            history: Vec::new(),
        },
        Diagnostics::from(problems),
    ))
}
