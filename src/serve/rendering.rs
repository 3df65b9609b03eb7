//! Rendering for a serve session: every file whose fingerprint changed,
//! the pages open in a browser first when there are many, then written
//! where their bytes changed.

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use super::site_path::address_of;
use super::state::{Built, Outcome, Session};
use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::core::model::{EntryId, PerEntry};
use crate::output::{remove_file, replace_file, write_error};
use crate::render::checks::check_paths;
use crate::render::checks::site_paths::check_site_paths;
use crate::render::fingerprint::{Fingerprints, SourceHashes, Versions};
use crate::render::job::Job;
use crate::render::pages::{self, render_failures};
use crate::render::plan;
use crate::render::renderer::{Prepared, Renderer};
use crate::site::Site;
use crate::theme::SYNTAX_CSS;

/// Rebuilds rendering more pages than this show the open ones first.
const AHEAD_ABOVE: usize = 100;

/// An output file (relative to the output folder) and its content.
type Page = (String, String);

impl Session {
    /// Each entry's similar entries as the renderer wants them: by id.
    pub(super) fn related_ids(&self, site: &Site) -> PerEntry<Vec<EntryId>> {
        let ids: HashMap<String, EntryId> = site
            .entry_ids()
            .map(|id| (site.entry_key(id), id))
            .collect();
        site.entry_ids()
            .map(|id| {
                self.related
                    .get(&site.entry_key(id))
                    .map_or_else(Vec::new, |keys| {
                        keys.iter().filter_map(|k| ids.get(k).copied()).collect()
                    })
            })
            .collect()
    }

    /// Renders every file whose fingerprint changed and writes those whose
    /// bytes changed.
    pub(super) fn render(
        &mut self,
        built: &mut Built,
        site_value: &tera::Value,
        new_paths: bool,
    ) -> Result<Outcome, Diagnostics> {
        let site = &built.site;
        let prepared = built
            .prepared
            .take()
            .unwrap_or_else(|| Prepared::new(site, self.now));
        let mut renderer = Renderer::prepared(
            site,
            (&built.tera, &built.origins, &built.strings),
            prepared,
        );
        let related = built
            .related
            .take()
            .unwrap_or_else(|| self.related_ids(site));
        let _ = renderer.related.set(related);
        let result = self.render_with(
            &renderer,
            site_value,
            &built.sources,
            &built.syntax_css,
            new_paths,
        );
        built.related = renderer.related.take();
        built.prepared = Some(renderer.into_prepared());
        result
    }

    fn render_with(
        &mut self,
        renderer: &Renderer<'_>,
        site_value: &tera::Value,
        sources: &PerEntry<SourceHashes>,
        syntax_css: &str,
        new_paths: bool,
    ) -> Result<Outcome, Diagnostics> {
        let jobs = plan::plan(renderer);
        renderer.plan_languages(jobs.iter().map(|job| job.site_path(renderer)), site_value);
        if new_paths {
            let files: Vec<String> = jobs.iter().map(|job| job.output_file(renderer)).collect();
            let problems = check_paths(renderer, (&jobs, &files), &self.statics, &self.root);
            if !problems.is_empty() {
                return Err(Diagnostics::from(problems));
            }
        }
        let versions = Versions::new(renderer, site_value, sources);
        let planned: Vec<(String, u64)> = jobs
            .par_iter()
            .map(|job| (job.output_file(renderer), versions.of(job, renderer)))
            .collect();
        // Every rebuild may add or drop a link to a site path, or the file it names.
        let files: HashSet<&str> = planned
            .iter()
            .map(|(file, _)| file.as_str())
            .chain(self.statics.files.keys().map(String::as_str))
            .chain([SYNTAX_CSS.trim_start_matches('/')])
            .collect();
        let problems = check_site_paths(renderer.site(), &files);
        if !problems.is_empty() {
            return Err(Diagnostics::from(problems));
        }
        let dirty: Vec<usize> = (0..jobs.len())
            .filter(|&i| {
                let (file, print) = &planned[i];
                self.fingerprints.get(file) != Some(print)
            })
            .collect();
        let (ahead, mut pages) = self.render_ahead(&jobs, &planned, dirty, renderer)?;
        let rendered = pages.len();
        pages.push((
            SYNTAX_CSS.trim_start_matches('/').to_string(),
            syntax_css.to_string(),
        ));
        let mut fingerprints: Fingerprints = planned.into_iter().collect();
        std::mem::swap(&mut self.fingerprints, &mut fingerprints);
        let gone: Vec<String> = fingerprints
            .into_keys()
            .filter(|file| {
                !self.fingerprints.contains_key(file)
                    && !self.statics.files.contains_key(file)
                    && !self.search_files.contains(file)
            })
            .collect();
        let mut outcome = self.write(&pages, &gone)?;
        outcome.rendered = rendered;
        outcome.ahead = ahead;
        Ok(outcome)
    }

    /// Renders the `dirty` jobs; when they are many, those of pages open in
    /// a browser first, shown at once. Returns the files shown ahead and
    /// every page rendered.
    fn render_ahead(
        &self,
        jobs: &[Job],
        planned: &[(String, u64)],
        dirty: Vec<usize>,
        renderer: &Renderer<'_>,
    ) -> Result<(BTreeSet<String>, Vec<Page>), Diagnostics> {
        let open = match &self.ahead {
            Some(ahead) if dirty.len() > AHEAD_ABOVE => ahead.open_pages(),
            _ => Vec::new(),
        };
        let (first, rest): (Vec<usize>, Vec<usize>) = dirty
            .into_iter()
            .partition(|&i| open.contains(&address_of(&planned[i].0)));
        let render = |batch: &[usize]| -> Result<Vec<Page>, Diagnostics> {
            let results: Vec<Result<Page, Diagnostic>> = batch
                .par_iter()
                .map(|&i| pages::render_job(&jobs[i], renderer))
                .collect();
            let (pages, problems): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
            if problems.is_empty() {
                Ok(pages.into_iter().flatten().collect())
            } else {
                Err(render_failures(
                    problems.into_iter().filter_map(Result::err).collect(),
                ))
            }
        };
        let mut pages = render(&first)?;
        let shown: BTreeSet<String> = pages.iter().map(|(file, _)| file.clone()).collect();
        if let Some(ahead) = self.ahead.as_ref().filter(|_| !pages.is_empty()) {
            ahead.show(
                pages
                    .iter()
                    .map(|(file, page)| (address_of(file), page.clone().into_bytes()))
                    .collect(),
            );
        }
        pages.extend(render(&rest)?);
        Ok((shown, pages))
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
