//! `calabash serve`: builds the site into a preview folder, serves it on
//! loopback, watches the sources and rebuilds what changed, telling open
//! pages to reload (or showing what is wrong on them).
//!
//! The loop: wait for a batch of changed files (`watch`), rebuild the pages
//! (`session`), tell the pages (`live`), then rebuild the search index in the
//! background until it is done or the next batch arrives, whichever is first.
//! The first build, too, leaves the index to the loop: pages come first.

pub mod body_edits;
pub mod changes;
pub mod events;
pub mod http;
pub mod live;
pub mod overlay;
pub mod preview;
pub mod rendering;
pub mod search_update;
pub mod session;
pub mod site_path;
pub mod state;
pub mod static_files;
pub mod watch;

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::core::console::{err_line, out_line};
use crate::core::diagnostics::Diagnostics;
use crate::report::print_diagnostics;
use crate::serve::http::{Limits, ServerConfig};
use crate::serve::live::Live;
use crate::serve::session::{Outcome, Session, panic_problem};
use crate::serve::site_path::address_of;
use crate::serve::watch::{Batch, Watcher};
use crate::site::SiteOptions;

/// How long the files must stay quiet before a rebuild: editors save in a
/// few quick steps, which make one change.
const QUIET: Duration = Duration::from_millis(15);
/// Past this many changed files, pages reload without checking whether
/// their own path is among them.
const MANY_FILES: usize = 200;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// The preview folder; `.calabash/serve` inside the root by default.
    pub output: PathBuf,
    /// `base_url` stays the served address unless this sets another.
    pub site: SiteOptions,
    pub bind: IpAddr,
    pub port: u16,
}

/// Runs until the process is stopped; returns only if it cannot start.
pub fn serve(mut options: ServeOptions) -> Result<(), String> {
    if !options.root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(format!(
            "no {} in {}: run calabash serve in a hub's folder, or pass --root",
            crate::config::CONFIG_FILE,
            options.root.display()
        ));
    }
    options.output = prepare_output(&options.root, &options.output)?;
    let live = Arc::new(Live::building());
    let threads = std::thread::available_parallelism().map_or(4, |n| n.get() * 4);
    let server = http::start(
        ServerConfig {
            bind: options.bind,
            port: options.port,
            site_dir: options.output.clone(),
            root: options.root.clone(),
            threads,
            limits: Limits::default(),
        },
        live.clone(),
    )
    .map_err(|err| err.to_string())?;
    let url = server.url();
    // Watch before the first build, so no edit made during it is missed.
    let watcher = Watcher::start(&options.root, QUIET)
        .map_err(|err| format!("cannot watch {}: {err}", options.root.display()))?;
    let site = SiteOptions {
        base_url: options
            .site
            .base_url
            .clone()
            .or_else(|| Some(url.trim_end_matches('/').to_string())),
        ..options.site.clone()
    };
    let mut session = Session::new(&options.root, &options.output, site);
    session.show_ahead(live.clone());
    err_line(&format!("Building {} ...", options.root.display()));
    let started = Instant::now();
    let reported = catch_unwind(AssertUnwindSafe(|| match session.guarded(Session::start) {
        Ok(outcome) => {
            print_diagnostics(&outcome.warnings);
            err_line(&format!(
                "Built in {:.2} s; the search index follows.",
                started.elapsed().as_secs_f64()
            ));
            outcome.search_stale
        }
        Err(problems) => {
            report_failure(&live, problems);
            false
        }
    }));
    let search_stale = reported.unwrap_or_else(|payload| {
        session.forget();
        report_failure(&live, vec![panic_problem(payload.as_ref())].into());
        false
    });
    live.first_build_done();
    out_line(&format!("Serving at {url} (Ctrl+C to stop)"));
    watch_and_rebuild(&mut session, &watcher, &live, &options.root, search_stale);
    server.stop();
    Ok(())
}

/// Checks the preview folder like a build's output folder (the default,
/// `.calabash/serve`, is the preview's own), creates and marks it, and
/// removes any symbolic link from it: the session writes into it in place.
pub fn prepare_output(root: &Path, output: &Path) -> Result<PathBuf, String> {
    use crate::core::paths::location::{self, MARKER, MARKER_TEXT, Writer};
    location::check_tool_folder(root).map_err(|d| d.render(false))?;
    let folder = location::check(root, output, Writer::Preview).map_err(|d| d.render(false))?;
    let dir = folder.path();
    let cannot = |err: std::io::Error| format!("cannot prepare {}: {err}", output.display());
    std::fs::create_dir_all(dir).map_err(cannot)?;
    crate::output::remove_links(dir).map_err(cannot)?;
    if !dir.join(MARKER).is_file() {
        std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(cannot)?;
    }
    Ok(folder.0)
}

/// Rebuilds after each batch of changes; between batches, builds the search
/// index in the background while it is stale (`search_stale`).
fn watch_and_rebuild(
    session: &mut Session,
    watcher: &Watcher,
    live: &Live,
    root: &Path,
    mut search_stale: bool,
) {
    let mut pending: Option<Batch> = None;
    loop {
        let batch = match pending.take() {
            Some(batch) => batch,
            None if search_stale => match update_search(session, watcher, live, root) {
                Some(batch) => batch,
                None => {
                    search_stale = false;
                    continue;
                }
            },
            None => match watcher.next_batch() {
                Some(batch) => batch,
                None => return,
            },
        };
        search_stale |= rebuild_batch(session, live, &batch.paths, batch.rescan);
    }
}

/// Rebuilds after a batch of changed files (`rescan` when the watcher lost
/// track) and tells the pages; true when the search index must follow. A
/// panic (a bug) in the rebuild or in its report is shown on the pages like
/// any problem, and the preview goes on serving the last good build.
pub fn rebuild_batch(
    session: &mut Session,
    live: &Live,
    paths: &BTreeSet<String>,
    rescan: bool,
) -> bool {
    let started = Instant::now();
    let handled = catch_unwind(AssertUnwindSafe(|| {
        let applied = session.guarded(|s| s.apply(paths, rescan));
        live.previews.clear();
        match applied {
            Ok(outcome) => {
                live.set_problems(Vec::new());
                announce(live, &outcome);
                print_diagnostics(&outcome.warnings);
                let changed: Vec<&str> = paths.iter().take(3).map(String::as_str).collect();
                err_line(&format!(
                    "{} changed: {} pages rendered, {} files updated in {} ms",
                    changed.join(", "),
                    outcome.rendered,
                    outcome.files.len(),
                    started.elapsed().as_millis()
                ));
                outcome.search_stale
            }
            Err(problems) => {
                report_failure(live, problems);
                false
            }
        }
    }));
    handled.unwrap_or_else(|payload| {
        live.previews.clear();
        session.forget();
        report_failure(live, vec![panic_problem(payload.as_ref())].into());
        false
    })
}

/// Rebuilds the search index until it is done (and installed: `None`), or
/// until files change again (the new batch, with the index abandoned).
fn update_search(
    session: &mut Session,
    watcher: &Watcher,
    live: &Live,
    root: &Path,
) -> Option<Batch> {
    let stop = AtomicBool::new(false);
    let site = session.site()?;
    let (update, interrupted) = std::thread::scope(|scope| {
        let indexing = scope.spawn(|| search_update::index_site(site, root, &stop));
        let mut interrupted = None;
        while !indexing.is_finished() {
            if let Some(batch) = watcher.next_batch_timeout(Duration::from_millis(20)) {
                stop.store(true, Ordering::Relaxed);
                interrupted = Some(batch);
                break;
            }
        }
        (indexing.join(), interrupted)
    });
    if interrupted.is_some() {
        return interrupted;
    }
    let installed = match update {
        Ok(Ok(update)) => session.guarded(|s| s.install_search(update)),
        Ok(Err(problems)) => Err(problems),
        Err(_) => return None,
    };
    match installed {
        Ok(outcome) => announce(live, &outcome),
        Err(problems) => print_diagnostics(&problems),
    }
    None
}

/// Tells open pages which of them changed.
fn announce(live: &Live, outcome: &Outcome) {
    if outcome.files.is_empty() {
        return;
    }
    let mut paths: Vec<String> = outcome
        .files
        .iter()
        .filter(|f| !outcome.ahead.contains(*f))
        .map(|f| address_of(f))
        .collect();
    // The search page holds the index it loaded: it must load the new one.
    let search = crate::render::job::SEARCH_PAGE;
    if paths.iter().any(|p| p.starts_with(search)) && !paths.iter().any(|p| p == search) {
        paths.push(search.to_string());
    }
    if outcome.ahead.is_empty() {
        live.changed(&paths, outcome.assets || paths.len() > MANY_FILES);
    } else {
        // Open pages already show the rebuild: only others need telling.
        let open = live.open_pages();
        paths.retain(|p| open.contains(p) || p.ends_with(".css"));
        live.changed(&paths, outcome.assets);
    }
}

impl session::Ahead for Live {
    fn open_pages(&self) -> Vec<String> {
        Live::open_pages(self)
    }

    fn show(&self, pages: Vec<(String, Vec<u8>)>) {
        let paths: Vec<String> = pages.iter().map(|(path, _)| path.clone()).collect();
        self.previews.show(pages);
        self.changed(&paths, false);
    }
}

fn report_failure(live: &Live, problems: Diagnostics) {
    print_diagnostics(&problems);
    err_line("The site could not be rebuilt; the last good build is still served.");
    live.set_problems(problems.sorted());
}
