//! `calabash build`: the whole pipeline. Load and validate the site, load the
//! templates, render every page in parallel into a staging folder, then swap
//! it in as the output folder.

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
use crate::render::fingerprint::SourceHashes;
use crate::render::job::{Job, Kind, Target};
use crate::render::offline;
use crate::render::pages::{self, render_failures};
use crate::render::plan;
use crate::render::renderer::{Prepared, Renderer};
use crate::site::{self, SiteOptions};
use crate::theme::{Theme, static_files};

mod cache;
mod reuse;
mod search;
mod statics;
mod timings;
use reuse::Reuse;
use search::{SearchIndex, SearchKeys, index_error, search_index};
use statics::{editor_files, write_static_files};
use timings::Timings;

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
    /// Rendered files the previous build made from the same inputs, kept
    /// without rendering them again (`cache`).
    pub kept: usize,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
}

impl BuildReport {
    /// `Built 1,234 pages from 6 collections in 0.84 s`, and how many
    /// files were unchanged, if any.
    pub fn summary(&self) -> String {
        let kept = match self.kept {
            0 => String::new(),
            n => format!(" ({} unchanged files not rendered again)", thousands(n)),
        };
        format!(
            "Built {} pages from {} collections in {:.2} s{kept}",
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
        return Err(with_output_problems(options, &output, &site, warnings));
    }
    site.forget_checked_links();
    timings.mark("load and validate", started);
    let io_error = |err| write_error(&options.output, err);
    let index_dir = crate::search::index_dir(&options.root);
    // The search index is built from the moment the site is loaded, beside
    // everything else; a failure elsewhere stops it.
    let stop = AtomicBool::new(false);
    let base = cache::base_key(&site, &options.site);
    let sources = SourceHashes::of_all(&site.entries);
    let search_keys = SearchKeys::new(&site, &options.site, base, &sources);
    let (staged, index) = std::thread::scope(|scope| {
        let (related_tx, related_rx) = std::sync::mpsc::channel();
        let (site, timings, index_dir, stop) = (&site, &timings, &index_dir, &stop);
        let search_keys = &search_keys;
        let output = &output;
        let index = scope.spawn(move || {
            let index = search_index(site, (index_dir, output), search_keys, stop, related_tx);
            timings.mark("  (search index exported)", started);
            index
        });
        let keys = (output.as_path(), base, &sources);
        let staged = render(options, keys, site, related_rx, timings, started);
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
        made,
        kept,
    } = staged.map_err(with_warnings)?;
    let mut warnings = warnings;
    warnings.extend_new(link_warnings);
    let SearchIndex {
        fresh,
        related,
        files: export,
        buckets,
    } = index.map_err(|err| Diagnostics::from(vec![index_error(&err)]))?;
    export
        .par_iter()
        .try_for_each(|(file, bytes)| staging.write(file, bytes))
        .map_err(io_error)?;
    let index_files = export.len();
    staging.commit().map_err(io_error)?;
    if let Some(index) = fresh {
        index.commit().map_err(io_error)?;
    }
    // The records only spare later builds work: one that cannot be written
    // is no reason to fail this one.
    let _ = cache::Search::write((&index_dir, &output), search_keys.key, &related, &export);
    let _ = cache::write_segments((&index_dir, &output), &buckets);
    let _ = cache::Pages::write(&options.root, &output, &made);
    timings.mark("swap output folder", started);
    let config = &site.config;
    warnings.extend(history_warnings);
    Ok(BuildReport {
        pages,
        // The code stylesheet besides.
        files: statics + rendered_files + index_files + 1,
        collections: config.collections.iter().filter(|c| !c.is_pages()).count(),
        entries: site.entries.len(),
        kept,
        elapsed: started.elapsed(),
        warnings,
    })
}

/// A site with mistakes builds nothing; every other check still runs, as
/// `check` does.
fn with_output_problems(
    options: &BuildOptions,
    output: &Path,
    site: &site::Site,
    mut problems: Diagnostics,
) -> Diagnostics {
    let now = options.site.build_time();
    let starters = crate::new::starters_at(&options.root, &site.config, now);
    problems.extend(output_problems(
        &options.root,
        site,
        now,
        &[output],
        &starters,
    ));
    problems
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
    /// Each file rendered or kept: its fingerprint and its bytes' hash.
    made: Vec<(String, u64, u64)>,
    kept: usize,
}

/// Loads the templates and renders every page into `staging`. Entry pages
/// show similar entries, which come from the search index: the other pages
/// are rendered first, while it is built.
fn render(
    options: &BuildOptions,
    (output, base, sources): (&Path, u64, &PerEntry<SourceHashes>),
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
    let site_value = (tera.global_context().get("site").cloned()).unwrap_or_else(tera::Value::none);
    let mut renderer =
        Renderer::prepared(site, (&tera, &origins, &strings), Prepared::new(site, now));
    renderer.release_bodies = true;
    timings.mark("templates and shared values", started);
    let jobs = plan::plan(&renderer);
    renderer.plan_languages(jobs.iter().map(|job| job.site_path(&renderer)), &site_value);
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
    let reuse = Reuse::new(
        (&staging, output),
        (&options.root, base, now),
        (&renderer, &site_value),
        sources,
    );
    timings.mark("fingerprints", started);
    let render_all = |jobs: &[Job]| {
        reuse.render_each(jobs, &renderer, |file, content| {
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
    let (made, kept) = reuse.made();
    Ok(StagedOutput {
        made,
        kept,
        staging,
        static_files: copied + editor.len() + offline_files.len(),
        pages,
        rendered_files: jobs.len(),
        link_warnings: link_warnings(&options.root, &site.config, statics),
    })
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
