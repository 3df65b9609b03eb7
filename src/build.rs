//! `calabash build`: the whole pipeline. Load and validate the site, load the
//! templates, render every page in parallel into a staging folder, then swap
//! it in as the output folder.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::core::model::{EntryId, PerEntry};
use crate::core::paths::location::Writer;
use crate::core::paths::{self, Fence};
use crate::output::{Staging, write_error};
use crate::render::checks::{check_plan, link_warnings, output_problems};
use crate::render::context::load_theme;
use crate::render::job::{Job, Kind, Target};
use crate::render::offline;
use crate::render::pages::{self, render_failures};
use crate::render::plan;
use crate::render::renderer::{Prepared, Renderer};
use crate::site::{self, SiteOptions};
use crate::theme::{SYNTAX_CSS, Theme, static_files};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub site: SiteOptions,
    /// Show a progress bar (only worth it on a terminal, for large sites).
    pub progress: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    /// HTML pages written: feeds, calendars, the sitemap, robots.txt and
    /// redirects are files, not pages (`render::job::Kind::Page`).
    pub pages: usize,
    pub files: usize,
    pub collections: usize,
    pub entries: usize,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
}

impl BuildReport {
    /// `Built 1,234 pages from 6 collections in 0.84 s`
    pub fn summary(&self) -> String {
        format!(
            "Built {} pages from {} collections in {:.2} s",
            thousands(self.pages),
            self.collections,
            self.elapsed.as_secs_f64()
        )
    }
}

pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let output = check_output_location(&options.root, &options.output)
        .map_err(|d| Diagnostics::from(vec![d]))?;
    let timings = Timings::from_env();
    let site::Loaded {
        mut site,
        problems: warnings,
        history_warnings,
    } = site::load_site_anyway(
        &options.root,
        &SiteOptions {
            release_sources: true,
            ..options.site.clone()
        },
    )?;
    if warnings.has_errors() {
        // Nothing is built; every other check still runs, as `check` does.
        let mut problems = warnings;
        let now = options.site.build_time();
        let starters = crate::new::starters_at(&options.root, &site.config, now);
        problems.extend(output_problems(
            &options.root,
            &site,
            now,
            &[&output],
            &starters,
        ));
        return Err(problems);
    }
    site.forget_checked_links();
    timings.mark("load and validate", started);
    let io_error = |err| write_error(&options.output, err);
    let index_dir = crate::search::index_dir(&options.root);
    // The search index is built from the moment the site is loaded, beside
    // everything else; a failure elsewhere stops it.
    let stop = AtomicBool::new(false);
    let (staged, index) = std::thread::scope(|scope| {
        let (related_tx, related_rx) = std::sync::mpsc::channel();
        let (site, timings, index_dir, stop) = (&site, &timings, &index_dir, &stop);
        let index = scope.spawn(move || {
            let fresh = crate::search::index::build_unless(site, index_dir, stop)?;
            timings.mark("  (search index built)", started);
            let mut data = crate::search::export::read_unless(site, &fresh, stop)?;
            let _ = related_tx.send(std::mem::take(&mut data.related));
            timings.mark("  (search index read, similar entries found)", started);
            let files = crate::search::export::encode_unless(site, &fresh, data, stop)?;
            timings.mark("  (search index exported)", started);
            Ok::<_, tantivy::TantivyError>((fresh, files))
        });
        let staged = render(options, &output, site, related_rx, timings, started);
        if staged.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        (
            staged,
            index.join().expect("the index thread does not panic"),
        )
    });
    // A failed build reports the content's warnings beside its errors.
    let with_warnings = |problems: Diagnostics| {
        let mut all = warnings.clone();
        all.extend(problems);
        all
    };
    let StagedOutput {
        staging,
        static_files: statics,
        pages,
        rendered_files,
        link_warnings,
    } = staged.map_err(with_warnings)?;
    let mut warnings = warnings;
    warnings.extend_new(link_warnings);
    let (index, export) = index.map_err(|err| Diagnostics::from(vec![index_error(&err)]))?;
    export
        .par_iter()
        .try_for_each(|(file, bytes)| staging.write(file, bytes))
        .map_err(io_error)?;
    let index_files = export.len();
    staging.commit().map_err(io_error)?;
    index.commit().map_err(io_error)?;
    timings.mark("swap output folder", started);
    let config = &site.config;
    warnings.extend(history_warnings);
    Ok(BuildReport {
        pages,
        // The code stylesheet besides.
        files: statics + rendered_files + index_files + 1,
        collections: config.collections.iter().filter(|c| !c.is_pages()).count(),
        entries: site.entries.len(),
        elapsed: started.elapsed(),
        warnings,
    })
}

/// What a failed search index says: a source file changed since it was
/// read names that file.
fn index_error(err: &tantivy::TantivyError) -> Diagnostic {
    let changed = match err {
        tantivy::TantivyError::IoError(io) => (io.get_ref())
            .and_then(|inner| inner.downcast_ref::<crate::core::model::SourceChanged>()),
        _ => None,
    };
    match changed {
        Some(changed) => Diagnostic::error(changed.path.clone(), changed.to_string())
            .hint("nothing was written: build again"),
        None => Diagnostic::error(
            ".calabash/index",
            format!("cannot build the search index: {err}"),
        ),
    }
}

/// The staging folder once rendering has filled it, with how many static
/// files, HTML pages and rendered files in all it holds, and the warnings
/// about links among templates and static files.
struct StagedOutput {
    staging: Staging,
    static_files: usize,
    pages: usize,
    rendered_files: usize,
    link_warnings: Vec<Diagnostic>,
}

/// Loads the templates and renders every page into `staging`. Entry pages
/// show similar entries, which come from the search index: the other pages
/// are rendered first, while it is built.
fn render(
    options: &BuildOptions,
    output: &Path,
    site: &site::Site,
    related: std::sync::mpsc::Receiver<Vec<Vec<EntryId>>>,
    timings: &Timings,
    started: Instant,
) -> Result<StagedOutput, Diagnostics> {
    let now = options.site.build_time();
    let starters = crate::new::starters_at(&options.root, &site.config, now);
    let Theme {
        mut tera,
        origins,
        strings,
        syntax_css,
    } = load_theme(&options.root, site, &starters)?;
    let site_value = tera.global_context().get("site").cloned();
    let mut renderer =
        Renderer::prepared(site, (&tera, &origins, &strings), Prepared::new(site, now));
    renderer.release_bodies = true;
    timings.mark("templates and shared values", started);
    let jobs = plan::plan(&renderer);
    renderer.plan_languages(
        jobs.iter().map(|job| job.site_path(&renderer)),
        &site_value.unwrap_or_else(tera::Value::none),
    );
    let fence = Fence::new(&options.root, &[output]);
    let mut statics = static_files(&options.root, &site.config.theme, &fence);
    if site.config.offline.is_none() {
        statics = statics.without_theme_folder(offline::paths::ASSETS);
    }
    let mut problems = check_plan(&renderer, &jobs, &statics, &options.root);
    let editor = editor_files(&options.root, site);
    problems.extend(editor.as_ref().err().cloned());
    if !problems.is_empty() {
        // Nothing is written; the pages are still rendered, in memory, for
        // their template mistakes.
        problems.extend(pages::render_each(&jobs, &renderer, |_, _| Ok(())));
        return Err(render_failures(problems));
    }
    timings.mark("plan and output paths checked", started);
    let io_error = |err| write_error(&options.output, err);
    let staging = Staging::new(output).map_err(io_error)?;
    timings.mark("staging folder claimed", started);
    let editor = editor.unwrap_or_default();
    let copied = write_static_files(&staging, &statics, &editor, &syntax_css).map_err(io_error)?;
    timings.mark("static files", started);

    let progress = progress_bar(options.progress, jobs.len());
    let render_all = |jobs: &[Job]| {
        pages::render_each(jobs, &renderer, |file, content| {
            progress.inc(1);
            staging
                .write(&file, content.as_bytes())
                .map_err(|err| Diagnostic::error(file.clone(), format!("cannot write: {err}")))
        })
    };
    let is_entry = |job: &Job| matches!(job.target, Target::Entry(_));
    // Entry pages last, in place: at tens of thousands of pages a copy of
    // the plan costs memory while every page is rendered.
    let mut jobs = jobs;
    jobs.sort_unstable_by_key(is_entry);
    let (other_jobs, entry_jobs) = jobs.split_at(jobs.partition_point(|job| !is_entry(job)));
    problems.extend(render_all(other_jobs));
    timings.mark("other pages", started);
    // Without an index (it failed, and says why) entries have no similar entries.
    if let Ok(related) = related.recv() {
        let _ = renderer.related.set(PerEntry::from(related));
    }
    problems.extend(render_all(entry_jobs));
    timings.mark("entry pages", started);
    progress.finish_and_clear();
    if !problems.is_empty() {
        return Err(render_failures(problems));
    }
    let written = offline::files::Written {
        size: &|file| staging.written_size(file),
        bytes: &|file| staging.read(file).ok(),
    };
    let offline_files = offline::files::files(&renderer, &statics, written);
    for (file, bytes) in &offline_files {
        staging.write(file, bytes).map_err(io_error)?;
    }
    let pages = jobs.iter().filter(|j| j.kind() == Kind::Page).count();
    Ok(StagedOutput {
        staging,
        static_files: copied + editor.len() + offline_files.len(),
        pages,
        rendered_files: jobs.len(),
        link_warnings: link_warnings(&options.root, &site.config, statics),
    })
}

/// Writes the static files, the browser editor's (`editor`, named within
/// `/admin/`) and the code stylesheet; returns how many static files
/// were written.
fn write_static_files(
    staging: &Staging,
    statics: &crate::theme::StaticFiles,
    editor: &[(String, Vec<u8>)],
    syntax_css: &str,
) -> std::io::Result<usize> {
    let copied = staging.copy_files(&statics.on_disk())?;
    for (rel, bytes) in statics.built_in() {
        staging.write(rel, bytes)?;
    }
    for (name, bytes) in editor {
        staging.write(&format!("{}/{name}", crate::cms::ADMIN_DIR), bytes)?;
    }
    staging.write(SYNTAX_CSS.trim_start_matches('/'), syntax_css.as_bytes())?;
    Ok(copied + statics.built_in().count())
}

/// The browser editor's files for `/admin/` when `[cms] build = true`
/// (the plan's check has made sure the site has no file of its own there).
fn editor_files(root: &Path, site: &site::Site) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    if !site.config.cms.as_ref().is_some_and(|cms| cms.build) {
        return Ok(Vec::new());
    }
    crate::cms::generate_with(root, &site.config, &site.taxonomies)
}

fn progress_bar(show: bool, len: usize) -> indicatif::ProgressBar {
    if !show || len < 2_000 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} Rendering {pos}/{len} pages {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Refuses output folders whose replacement would destroy the site's
/// sources or someone's files (see `core::paths::location`); returns the folder,
/// resolved.
pub fn check_output_location(root: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    paths::location::check_tool_folder(root)?;
    paths::location::check(root, output, Writer::Build).map(|folder| folder.0)
}

/// Stage timings on standard error when `CALABASH_TIMINGS` is set, for
/// finding where a slow build spends its time.
struct Timings(bool);

impl Timings {
    fn from_env() -> Self {
        Timings(std::env::var_os("CALABASH_TIMINGS").is_some())
    }

    fn mark(&self, stage: &str, started: Instant) {
        if self.0 {
            // Resident memory where the platform tells it (Linux).
            let rss_mib = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map_or(String::new(), |pages| {
                    format!("{:>6} MiB", pages * 4096 / (1 << 20))
                });
            // Timings are for people watching; a closed stderr loses them quietly.
            let _ = writeln!(
                std::io::stderr(),
                "{:>8.3} s {rss_mib}  {stage}",
                started.elapsed().as_secs_f64()
            );
        }
    }
}
