//! `calabash build`: the whole pipeline. Load and validate the site, load the
//! templates, render every page in parallel into a staging folder, then swap
//! it in as the output folder.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::highlight;
use crate::output::Staging;
use crate::paths::location::Writer;
use crate::paths::{self, Fence};
use crate::render::pages;
use crate::render::plan::{self, Job, Prepared, Renderer};
use crate::render::templates;
use crate::site::{self, SiteOptions};
use crate::validate::{output_paths, outputs};

pub const SYNTAX_CSS: &str = "/syntax.css";

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
    /// HTML pages written (feeds, sitemap and redirects not counted).
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
        site,
        problems: warnings,
        history_warnings,
    } = site::load_site_anyway(&options.root, &options.site)?;
    if warnings.has_errors() {
        // Nothing is built; every other check still runs, as `check` does.
        let mut problems = warnings;
        problems.extend(output_problems(
            &options.root,
            &site,
            options.site.build_time(),
            &[&output],
        ));
        return Err(problems);
    }
    timings.mark("load and validate", started);
    let io_error = |err| write_error(&options.output, err);
    let index_dir = crate::search::index_dir(&options.root);
    // The search index is built from the moment the site is loaded, beside
    // everything else; a failure elsewhere stops it.
    let stop = AtomicBool::new(false);
    let (rendered, index) = std::thread::scope(|scope| {
        let (related_tx, related_rx) = std::sync::mpsc::channel();
        let (site, timings, index_dir, stop) = (&site, &timings, &index_dir, &stop);
        let index = scope.spawn(move || {
            let fresh = crate::search::index::build_unless(site, index_dir, stop)?;
            timings.mark("  (search index built)", started);
            let mut data = crate::search::export::read(site, &fresh)?;
            let _ = related_tx.send(std::mem::take(&mut data.related));
            timings.mark("  (search index read, similar entries found)", started);
            let files = crate::search::export::encode(site, &fresh, &data);
            timings.mark("  (search index exported)", started);
            Ok::<_, tantivy::TantivyError>((fresh, files))
        });
        let rendered = render(options, &output, site, related_rx, timings, started);
        if rendered.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        (
            rendered,
            index.join().expect("the index thread does not panic"),
        )
    });
    // A failed build reports the content's warnings beside its errors.
    let with_warnings = |problems: Diagnostics| {
        let mut all = warnings.clone();
        all.extend(problems);
        all
    };
    let Rendered {
        staging,
        files,
        pages,
        jobs,
        link_warnings,
    } = rendered.map_err(with_warnings)?;
    let mut warnings = warnings;
    add_new(&mut warnings, link_warnings);
    let (index, export) = index.map_err(|err| {
        Diagnostics::from(vec![Diagnostic::error(
            ".calabash/index",
            format!("cannot build the search index: {err}"),
        )])
    })?;
    export
        .par_iter()
        .try_for_each(|(file, bytes)| staging.write(file, bytes))
        .map_err(io_error)?;
    let files = files + export.len();
    staging.commit().map_err(io_error)?;
    index.commit().map_err(io_error)?;
    timings.mark("swap output folder", started);
    let config = &site.config;
    warnings.extend(history_warnings);
    Ok(BuildReport {
        pages,
        files: files + jobs + 1,
        collections: config.collections.iter().filter(|c| !c.is_pages()).count(),
        entries: site.entries.len(),
        elapsed: started.elapsed(),
        warnings,
    })
}

/// What rendering wrote, into `staging`: static files, HTML pages and files
/// rendered in all; and the warnings about links among templates and
/// static files.
struct Rendered {
    staging: Staging,
    files: usize,
    pages: usize,
    jobs: usize,
    link_warnings: Vec<Diagnostic>,
}

/// Loads the templates and renders every page into `staging`. Entry pages
/// show similar entries, which come from the search index: the other pages
/// are rendered first, while it is built.
fn render(
    options: &BuildOptions,
    output: &Path,
    site: &site::Site,
    related: std::sync::mpsc::Receiver<Vec<Vec<usize>>>,
    timings: &Timings,
    started: Instant,
) -> Result<Rendered, Diagnostics> {
    let Theme {
        tera,
        origins,
        syntax_css,
    } = load_theme(&options.root, site)?;
    let now = options.site.build_time();
    let renderer = Renderer::prepared(site, &tera, &origins, Prepared::new(site, now));
    timings.mark("templates and shared values", started);
    let jobs = plan::plan(&renderer);
    let fence = Fence::new(&options.root, &[output]);
    let statics = outputs::static_files(&options.root, &site.config.theme, &fence);
    let mut problems = check_plan(&renderer, &jobs, &statics, &options.root);
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
    let files = staging.copy_files(&statics.files).map_err(io_error)?;
    staging
        .write(SYNTAX_CSS.trim_start_matches('/'), syntax_css.as_bytes())
        .map_err(io_error)?;
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
    let (entry_jobs, other_jobs): (Vec<Job>, Vec<Job>) = jobs
        .iter()
        .cloned()
        .partition(|job| matches!(job, Job::Entry(_)));
    problems.extend(render_all(&other_jobs));
    timings.mark("other pages", started);
    // Without an index (it failed, and says why) entries have no similar entries.
    if let Ok(related) = related.recv() {
        let _ = renderer.related.set(related);
    }
    problems.extend(render_all(&entry_jobs));
    timings.mark("entry pages", started);
    progress.finish_and_clear();
    if !problems.is_empty() {
        return Err(render_failures(problems));
    }
    let pages = jobs
        .iter()
        .filter(|j| {
            !matches!(
                j,
                Job::Feed(_) | Job::Sitemap | Job::Robots | Job::Alias { .. }
            )
        })
        .count();
    Ok(Rendered {
        staging,
        files,
        pages,
        jobs: jobs.len(),
        link_warnings: link_warnings(&options.root, &site.config, statics),
    })
}

/// The templates, with the site's values installed, and the code stylesheet.
pub struct Theme {
    pub tera: tera::Tera,
    pub origins: templates::TemplateOrigins,
    pub syntax_css: String,
}

/// Loads the theme's and the site's templates and the code stylesheet.
pub fn load_theme(root: &Path, site: &site::Site) -> Result<Theme, Diagnostics> {
    let (mut tera, origins) = templates::load(root, &site.config).map_err(Diagnostics::from)?;
    let site_value = crate::render::context::site_value(site, SYNTAX_CSS);
    tera.global_context().insert_value("site", site_value);
    Ok(Theme {
        tera,
        origins,
        syntax_css: syntax_stylesheet(&site.config)?,
    })
}

/// The stylesheet of highlighted code, in the site's light and dark themes.
pub fn syntax_stylesheet(config: &crate::config::Config) -> Result<String, Diagnostics> {
    let markdown = &config.markdown;
    highlight::stylesheet(
        &markdown.highlight_theme,
        markdown.highlight_theme_dark.as_deref(),
    )
    .map_err(|message| {
        Diagnostics::from(vec![
            Diagnostic::error(crate::config::CONFIG_FILE, message)
                .hint("set [markdown] highlight_theme to one of the listed themes"),
        ])
    })
}

/// Problems only the planned list of files shows: paths that are not safe
/// or that name one file twice, static files that cannot be published,
/// links and `file` fields naming a file the site does not have. Only
/// errors: the warnings among `statics.problems` are the caller's.
pub fn check_plan(
    renderer: &Renderer<'_>,
    jobs: &[Job],
    statics: &outputs::StaticFiles,
    root: &Path,
) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = statics
        .problems
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let files: Vec<String> = jobs
        .iter()
        .map(|job| plan::output_file(renderer, job))
        .collect();
    problems.extend(output_paths::check_outputs(
        renderer,
        (jobs, &files),
        SYNTAX_CSS,
        statics.claims(),
        root,
    ));
    let files = outputs::site_files(&files, statics);
    problems.extend(outputs::check_site_paths(renderer.site(), &files));
    problems
}

/// Every problem the list of planned files and the templates show, for a
/// site loaded whatever its mistakes (`check`, and a build whose content has
/// errors). Links in invalid entries are checked against the whole plan;
/// pages are rendered in memory without the invalid entries, whose missing
/// fields would only make the templates fail.
pub fn output_problems(
    root: &Path,
    site: &site::Site,
    now: jiff::Timestamp,
    outputs: &[&Path],
) -> Diagnostics {
    let fence = Fence::new(root, outputs);
    let statics = outputs::static_files(root, &site.config.theme, &fence);
    let valid_part = site.has_invalid_entries().then(|| site.without_invalid());
    let rendered_site = valid_part.as_ref().unwrap_or(site);
    let (tera, origins, mut problems) = match load_theme(root, rendered_site) {
        Ok(Theme { tera, origins, .. }) => (Some(tera), origins, Vec::new()),
        // Which pages the site has is known without parsing the templates.
        Err(problems) => match templates::sources(root, &site.config) {
            Ok(origins) => (None, origins, problems.into_iter().collect()),
            Err(_) => return problems,
        },
    };
    let unparsed = tera::Tera::new();
    let renderer = Renderer::prepared(
        site,
        tera.as_ref().unwrap_or(&unparsed),
        &origins,
        Prepared::new(site, now),
    );
    problems.extend(check_plan(
        &renderer,
        &plan::plan(&renderer),
        &statics,
        root,
    ));
    let warnings = link_warnings(root, &site.config, statics);
    let Some(tera) = &tera else {
        let mut found = render_failures(problems);
        found.extend(warnings);
        return found;
    };
    let renderer = match valid_part.as_ref() {
        Some(valid) => Renderer::prepared(valid, tera, &origins, Prepared::new(valid, now)),
        None => renderer,
    };
    let jobs = plan::plan(&renderer);
    problems.extend(pages::render_each(&jobs, &renderer, |_, _| Ok(())));
    let mut found = render_failures(problems);
    found.extend(warnings);
    found
}

/// Warnings about links not followed among the templates and the static
/// files, each once: a linked theme folder is met by both.
fn link_warnings(
    root: &Path,
    config: &crate::config::Config,
    statics: outputs::StaticFiles,
) -> Vec<Diagnostic> {
    let mut warnings = Diagnostics::default();
    add_new(&mut warnings, templates::link_warnings(root, config));
    add_new(
        &mut warnings,
        statics.problems.into_iter().filter(|d| !d.is_error()),
    );
    warnings.into_iter().collect()
}

/// Adds the problems not already in `to`.
fn add_new(to: &mut Diagnostics, problems: impl IntoIterator<Item = Diagnostic>) {
    for problem in problems {
        if !to.iter().any(|seen| *seen == problem) {
            to.push(problem);
        }
    }
}

/// Rendering problems, each reported once: a template mistake fails every
/// page that uses it.
pub fn render_failures(mut problems: Vec<Diagnostic>) -> Diagnostics {
    problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    problems
        .dedup_by(|a, b| a.line > 0 && (&a.path, a.line, a.column) == (&b.path, b.line, b.column));
    Diagnostics::from(problems)
}

/// A failure to write the output folder, as a diagnostic.
pub fn write_error(output: &Path, err: std::io::Error) -> Diagnostics {
    Diagnostics::from(vec![Diagnostic::error(
        output.display().to_string(),
        format!("cannot write the site: {err}"),
    )])
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
/// sources or someone's files (see `paths::location`); returns the folder,
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
