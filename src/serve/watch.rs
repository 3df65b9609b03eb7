//! Watching a site's sources for `calabash serve`, so that a save in an editor
//! becomes one batch of changed paths and the server rebuilds once per save.
//!
//! Only `site.toml` and the source folders are watched: the root itself is
//! watched shallowly, because it may also hold `target/`, `public/` or
//! `node_modules/` with far more files than the site. Editors save through
//! swap, backup and temporary files; those are dropped, so an atomic save
//! reports just the file that was saved.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::event::{ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::core::paths::Fence;
use crate::core::paths::links::Verdict;

/// The folders of a site root that hold sources, each watched recursively.
const SOURCE_DIRS: [&str; 5] = ["content", "templates", "themes", "static", "i18n"];

/// A steady stream of events (a checkout, a generator writing entries) still
/// gets a rebuild this often, rather than waiting for the stream to end.
const MAX_BATCH: Duration = Duration::from_secs(1);

/// What changed since the last batch. Paths are relative to the site root, `/`-separated
/// (e.g. "content/library/x.md", "site.toml", "themes/hub/static/style.css").
///
/// A path may be a folder (created, renamed or removed), standing for everything under it;
/// paths under another path of the same batch are left out, as that path covers them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Batch {
    pub paths: BTreeSet<String>,
    /// The watcher lost track (event overflow, a watched folder itself vanished or was renamed, notify asked
    /// for a rescan): rebuild everything.
    pub rescan: bool,
}

impl Batch {
    fn fold(&mut self) {
        let covered = |path: &String| {
            path.match_indices('/')
                .any(|(end, _)| self.paths.contains(&path[..end]))
        };
        let folded = self.paths.iter().filter(|p| !covered(p)).cloned().collect();
        self.paths = folded;
    }
}

/// What the watch thread receives: notify's events, or `None` to stop.
type Message = Option<notify::Result<Event>>;

/// A running watch of a site root; dropping it stops the watch.
pub struct Watcher {
    batches: Receiver<Batch>,
    stop: Sender<Message>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Watches `root`: `site.toml` and the folders `content`, `templates`, `themes`, `static` (recursively,
    /// those that exist; if one of them is created later, start watching it and report it).
    pub fn start(root: &Path, quiet: Duration) -> notify::Result<Watcher> {
        // Events carry the paths as watched; a canonical root keeps them
        // comparable whatever form `root` was given in.
        let root = root
            .canonicalize()
            .map_err(|e| notify::Error::io(e).add_path(root.to_path_buf()))?;
        let (events_tx, events) = mpsc::channel();
        let handler_tx = events_tx.clone();
        // Links are never followed: one to `/usr` would add a watch for
        // every folder there. Links within the site lead to folders that
        // are watched where they are.
        let mut notify = RecommendedWatcher::new(
            move |event: notify::Result<Event>| {
                let _ = handler_tx.send(Some(event));
            },
            notify::Config::default().with_follow_symlinks(false),
        )?;
        // The root first: a source folder created from here on is seen as an event.
        notify.watch(&root, RecursiveMode::NonRecursive)?;
        let fence = Fence::new(&root, &[]);
        let mut watched = [false; SOURCE_DIRS.len()];
        for (slot, name) in SOURCE_DIRS.iter().enumerate() {
            let dir = root.join(name);
            if may_watch(&fence, &dir) {
                notify.watch(&dir, RecursiveMode::Recursive)?;
                watched[slot] = true;
            }
        }
        let (batches_tx, batches) = mpsc::channel();
        let state = State {
            root,
            notify,
            watched,
        };
        let thread = std::thread::Builder::new()
            .name("calabash-watch".into())
            .spawn(move || run(state, events, batches_tx, quiet))
            .map_err(notify::Error::io)?;
        Ok(Watcher {
            batches,
            stop: events_tx,
            thread: Some(thread),
        })
    }

    /// Blocks until the next batch: events are gathered until `quiet` passes with no new event
    /// (debounce), and at most ~1 s after the first event of the batch even if events keep coming.
    /// Batches that completed while the caller was busy come merged into one.
    /// None when the watcher has stopped.
    pub fn next_batch(&self) -> Option<Batch> {
        let first = self.batches.recv().ok()?;
        Some(self.drain(first))
    }

    /// Like next_batch with a timeout (None on timeout too) — useful for tests and shutdown.
    pub fn next_batch_timeout(&self, timeout: Duration) -> Option<Batch> {
        let first = self.batches.recv_timeout(timeout).ok()?;
        Some(self.drain(first))
    }

    // A build that took longer than a batch should be followed by one
    // rebuild, not one per batch that queued up meanwhile.
    fn drain(&self, mut batch: Batch) -> Batch {
        while let Ok(more) = self.batches.try_recv() {
            batch.paths.extend(more.paths);
            batch.rescan |= more.rescan;
        }
        batch.fold();
        batch
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.stop.send(None);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Editor and tool scratch files that never count as changes. `path` is taken
/// relative to the site root: any component starting with `.` makes it scratch.
pub fn is_scratch(path: &Path) -> bool {
    let names: Vec<_> = (path.components())
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy()),
            _ => None,
        })
        .collect();
    names.iter().any(|name| name.starts_with('.'))
        || names.last().is_some_and(|name| is_scratch_name(name))
}

fn is_scratch_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
    // `tmp`, `temp`, or either followed by digits (`x.md.tmp4821`); not `tmpl`.
    let temp = |ext: &str| {
        let rest = ext.strip_prefix("tmp").or_else(|| ext.strip_prefix("temp"));
        rest.is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
    };
    let number = !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_digit());
    // Vim's swap files run `.swp`, `.swo`, `.swn`... as earlier ones exist.
    let swap = ext == "swpx"
        || (ext.strip_prefix("sw"))
            .is_some_and(|c| c.len() == 1 && c.bytes().all(|b| b.is_ascii_alphabetic()));
    swap || temp(ext)
        || (number && stem.rsplit_once('.').is_some_and(|(_, e)| temp(e)))
        || ext == "crswap"
        || name.ends_with('~')
        || name == "4913"
        || name == "thumbs.db"
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

struct State {
    root: PathBuf,
    notify: RecommendedWatcher,
    /// Which of `SOURCE_DIRS` have a live watch.
    watched: [bool; SOURCE_DIRS.len()],
}

impl State {
    /// Adds what `event` says changed to `batch`; false when it says nothing
    /// that matters, so that reads (such as a build's own) never hold a batch open.
    fn absorb(&mut self, event: notify::Result<Event>, batch: &mut Batch) -> bool {
        let Ok(event) = event else {
            // A failed read or a full inotify watch table: changes may be missing.
            batch.rescan = true;
            return true;
        };
        let mut kept = event.need_rescan();
        batch.rescan |= kept;
        if matches!(
            event.kind,
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
        ) {
            return kept;
        }
        for (index, path) in event.paths.iter().enumerate() {
            let Ok(rel) = path.strip_prefix(&self.root) else {
                continue;
            };
            let names: Vec<_> = rel.components().map(|c| c.as_os_str()).collect();
            let Some(first) = names.first() else {
                // The root itself was removed or moved away.
                batch.rescan = true;
                kept = true;
                continue;
            };
            let slot = SOURCE_DIRS.iter().position(|dir| first == dir);
            if (slot.is_none() && (*first != "site.toml" || names.len() > 1)) || is_scratch(rel) {
                continue;
            }
            kept = true;
            let Some(names) = names.iter().map(|n| n.to_str()).collect::<Option<Vec<_>>>() else {
                // A name that is not UTF-8 cannot be reported; rebuild instead.
                batch.rescan = true;
                continue;
            };
            if let (Some(slot), 1) = (slot, names.len()) {
                self.source_dir_changed(slot, gone(&event.kind, index), batch);
            }
            batch.paths.insert(names.join("/"));
        }
        kept
    }

    /// A source folder itself was created, removed or renamed, as seen from
    /// the root's shallow watch.
    fn source_dir_changed(&mut self, slot: usize, gone: bool, batch: &mut Batch) {
        if gone {
            // notify dropped the folder's watch with it.
            batch.rescan = true;
            self.watched[slot] = false;
        }
        let dir = self.root.join(SOURCE_DIRS[slot]);
        if self.watched[slot] || !may_watch(&Fence::new(&self.root, &[]), &dir) {
            return;
        }
        match self.notify.watch(&dir, RecursiveMode::Recursive) {
            Ok(()) => self.watched[slot] = true,
            // Removed again already: its removal is the next event.
            Err(_) if !dir.is_dir() => {}
            Err(_) => batch.rescan = true,
        }
    }
}

/// Whether a source folder exists and lies inside the site: a source
/// folder that is a link out of it is skipped (the build says so).
fn may_watch(fence: &Fence, dir: &Path) -> bool {
    dir.is_dir() && fence.judge(dir) == Verdict::Follow
}

/// Whether `paths[index]` of an event of this kind no longer exists.
fn gone(kind: &EventKind, index: usize) -> bool {
    match kind {
        EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(RenameMode::From)) => true,
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => index == 0,
        _ => false,
    }
}

fn run(mut state: State, events: Receiver<Message>, batches: Sender<Batch>, quiet: Duration) {
    loop {
        let mut batch = Batch::default();
        let Ok(Some(event)) = events.recv() else {
            return;
        };
        if !state.absorb(event, &mut batch) {
            continue;
        }
        let first = Instant::now();
        let mut last = first;
        loop {
            let deadline = (last + quiet).min(first + MAX_BATCH);
            let Some(wait) = deadline.checked_duration_since(Instant::now()) else {
                break;
            };
            match events.recv_timeout(wait) {
                Ok(Some(event)) => {
                    if state.absorb(event, &mut batch) {
                        last = Instant::now();
                    }
                }
                Ok(None) | Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        if batches.send(batch).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests;
