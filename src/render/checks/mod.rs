//! The checks only the plan of a site can make, before anything is
//! written: every output path safe and distinct (`output_paths`), links and
//! `file` fields naming files the site has (`site_paths`); and, for a site
//! with mistakes, every problem its plan and templates show.

pub mod output_paths;
mod sample;
pub mod site_paths;

use std::path::Path;

use output_paths::check_outputs;
use site_paths::{check_site_paths, site_files};

use super::context::{Starters, load_theme};
use super::job::Job;
use super::pages::{render_each, render_failures};
use super::plan::plan;
use super::renderer::{Prepared, Renderer};
use crate::config::Config;
use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::core::paths::Fence;
use crate::site::Site;
use crate::theme::i18n::Strings;
use crate::theme::{SYNTAX_CSS, StaticFiles, static_files, templates};

/// Problems only the planned list of files shows: paths that are not safe
/// or that name one file twice, static files that cannot be published,
/// links and `file` fields naming a file the site does not have. Only
/// errors: the warnings among `statics.problems` are the caller's.
pub fn check_plan(
    renderer: &Renderer<'_>,
    jobs: &[Job],
    statics: &StaticFiles,
    root: &Path,
) -> Vec<Diagnostic> {
    let files: Vec<String> = jobs.iter().map(|job| job.output_file(renderer)).collect();
    let mut problems = check_paths(renderer, (jobs, &files), statics, root);
    let files = site_files(&files, statics);
    problems.extend(check_site_paths(renderer.site(), &files));
    problems
}

/// An error when the browser editor is built (`[cms] build = true`) and
/// the site has a page or file of its own in the editor's folder.
fn editor_clash(site: &Site, planned: &[String], statics: &StaticFiles) -> Option<Diagnostic> {
    site.config.cms.as_ref().filter(|cms| cms.build)?;
    let admin = format!("{}/", crate::config::CmsConfig::ADMIN_DIR);
    let taken = (planned.iter())
        .chain(statics.files.keys())
        .find(|file| file.starts_with(&admin))?;
    Some(
        Diagnostic::error(
            crate::config::CONFIG_FILE,
            format!("[cms] build = true writes /{admin}, where the site has its own {taken}"),
        )
        .hint("move that page or file elsewhere, or set build = false and run `calabash cms --output DIR`"),
    )
}

/// The paths of the planned files (`jobs`, each writing the file of the
/// same index in `files`) and of the static files: static files that
/// cannot be published, paths that are not safe or that name one file
/// twice, files where offline reading or the browser editor writes. Only
/// errors. The preview checks them too, whenever the paths change.
pub fn check_paths(
    renderer: &Renderer<'_>,
    (jobs, files): (&[Job], &[String]),
    statics: &StaticFiles,
    root: &Path,
) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = statics
        .problems
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    problems.extend(check_outputs(
        renderer,
        (jobs, files),
        SYNTAX_CSS,
        statics.claims(),
        root,
    ));
    problems.extend(crate::render::offline::files::clash(
        renderer, files, statics,
    ));
    problems.extend(editor_clash(renderer.site(), files, statics));
    problems
}

/// Every problem the list of planned files and the templates show, for a
/// site loaded whatever its mistakes (`check`, and a build whose content has
/// errors). Links in invalid entries are checked against the whole plan;
/// pages are rendered in memory without the invalid entries, whose missing
/// fields would only make the templates fail: every page of the hub's own
/// templates, a sample of the others (`sample`).
pub fn output_problems(
    root: &Path,
    site: &Site,
    now: jiff::Timestamp,
    outputs: &[&Path],
    starters: &Starters,
) -> Diagnostics {
    let fence = Fence::new(root, outputs);
    let statics = static_files(root, &site.config.theme, &fence);
    let valid_part = site.has_invalid_entries().then(|| site.without_invalid());
    let rendered_site = valid_part.as_ref().unwrap_or(site);
    let (tera, origins, strings, mut problems) = match load_theme(root, rendered_site, starters) {
        Ok(theme) => (Some(theme.tera), theme.origins, theme.strings, Vec::new()),
        // Which pages the site has is known without parsing the templates.
        Err(problems) => match templates::sources(root, &site.config) {
            Ok(origins) => (
                None,
                origins,
                Strings::default(),
                problems.into_iter().collect(),
            ),
            Err(_) => return problems,
        },
    };
    let unparsed = tera::Tera::new();
    let renderer = Renderer::prepared(
        site,
        (tera.as_ref().unwrap_or(&unparsed), &origins, &strings),
        Prepared::new(site, now),
    );
    problems.extend(check_plan(&renderer, &plan(&renderer), &statics, root));
    let warnings = link_warnings(root, &site.config, statics);
    let Some(tera) = &tera else {
        let mut found = render_failures(problems);
        found.extend(warnings);
        return found;
    };
    let renderer = match valid_part.as_ref() {
        Some(valid) => {
            Renderer::prepared(valid, (tera, &origins, &strings), Prepared::new(valid, now))
        }
        None => renderer,
    };
    let jobs = sample::jobs_to_render(&plan(&renderer), &renderer);
    problems.extend(render_each(&jobs, &renderer, |_, _| Ok(())));
    let mut found = render_failures(problems);
    found.extend(warnings);
    found
}

/// Warnings about links not followed among the templates and the static
/// files, each once: a linked theme folder is met by both.
pub fn link_warnings(root: &Path, config: &Config, statics: StaticFiles) -> Vec<Diagnostic> {
    let mut warnings = Diagnostics::default();
    warnings.extend_new(templates::link_warnings(root, config));
    warnings.extend_new(statics.problems.into_iter().filter(|d| !d.is_error()));
    warnings.into_iter().collect()
}
