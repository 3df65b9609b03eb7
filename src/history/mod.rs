//! When each content file last changed and who wrote it, from the site's git
//! history: what entry pages show as "last updated" and "contributors";
//! and, for the digest, when each was added and changed within a period
//! (`read_period`).
//!
//! One pass reads the whole history of `content/` (a process per file
//! would take minutes on a large hub): one `git log`, or on a long history
//! two reading its newer and older halves at once, after one `git rev-parse`
//! that tells whether there is a history to read and whether it is whole. Where there
//! is none (no git, no repository, a shallow clone), the build goes on and
//! says so once.
//!
//! Authors are named as `.mailmap` (at the top of the repository) maps them.
//! `Co-authored-by:` trailers count too; git does not map their names, so a
//! co-author is shown under the name of the commits they authored with the
//! same email, when there are any, and as written otherwise.

mod known;
mod parse;
mod period;
#[cfg(test)]
mod tests;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use crate::core::diagnostics::Diagnostic;

pub use known::{EntryHistory, Histories};
pub use period::{Period, PeriodHistories, PeriodHistory};

/// Where warnings about the history point: the folder whose history it is.
const WARNING_PATH: &str = "content";
const WITHOUT_HISTORY: &str =
    "entries show no contributors, and their last-updated dates come from `updated` or `date`";

/// Reads the history of `root/content`. Returns what is known, and a
/// warning when something cannot be.
pub fn read(root: &Path) -> (Arc<Histories>, Option<Diagnostic>) {
    read_with(root, true, Cut::Halves)
}

/// `read`, running git even when the last history read would do: for
/// timing the pass, and for testing that a history read in two parts reads
/// as one.
pub fn read_uncached(root: &Path, cut: Cut) -> (Arc<Histories>, Option<Diagnostic>) {
    read_with(root, false, cut)
}

/// Whether and where the history is cut in two, each part read by a `git
/// log` of its own at the same time: git spends its time comparing trees,
/// one core each (benches/git-history.sh: 1.1 s in one process, 0.6 s in
/// two, for 5,000 commits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// In the middle, when there are two cores and more than
    /// `SPLIT_ABOVE` commits; shorter histories are not worth a second process.
    Halves,
    /// After this many commits, newest first.
    After(u64),
    Never,
}

const SPLIT_ABOVE: u64 = 1_000;

fn read_with(root: &Path, remember: bool, cut: Cut) -> (Arc<Histories>, Option<Diagnostic>) {
    let checkout = match probe(root) {
        Ok(Some(checkout)) => checkout,
        // A repository without commits: every file is uncommitted.
        Ok(None) => return (Arc::default(), None),
        Err(warning) => return (Arc::default(), Some(warning)),
    };
    let warning = checkout.shallow.then(|| {
        Diagnostic::warning(
            WARNING_PATH,
            "the git history is shallow: last-updated dates and contributors may be incomplete",
        )
        .hint("fetch the whole history (in GitHub Actions: actions/checkout with fetch-depth: 0; elsewhere: git fetch --unshallow)")
    });
    // A commit's history never changes, so the preview, which loads the
    // site again after edits, runs git again only after a commit, a
    // checkout or an edit of `.mailmap`. A shallow history can deepen
    // under the same commit: it is read every time.
    let key = (remember && !checkout.shallow).then(|| Key {
        root: root.to_path_buf(),
        mailmap: std::fs::read(Path::new(&checkout.top).join(".mailmap")).ok(),
        head: checkout.head.clone(),
    });
    let last = || LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((seen, histories)) = last().as_ref()
        && key.as_ref() == Some(seen)
    {
        return (histories.clone(), warning);
    }
    let mut parser = parse::Parser::default();
    match log(root, &checkout.head, cut, &mut parser) {
        Ok(()) => {
            let histories = Arc::new(parser.finish());
            if let Some(key) = key {
                *last() = Some((key, histories.clone()));
            }
            (histories, warning)
        }
        Err(failure) => (Arc::default(), Some(failure)),
    }
}

/// Reads, for each committed file of `root/content`, when it was added and
/// its newest change within `period`: one pass over the whole history,
/// which follows renames. A warning when there is no history to read, or
/// when it is shallow (older files would look new).
pub fn read_period(root: &Path, period: Period) -> (PeriodHistories, Option<Diagnostic>) {
    let checkout = match probe(root) {
        Ok(Some(checkout)) => checkout,
        Ok(None) => return (PeriodHistories::default(), None),
        Err(warning) => return (PeriodHistories::default(), Some(warning)),
    };
    let warning = checkout.shallow.then(|| {
        Diagnostic::warning(
            WARNING_PATH,
            "the git history is shallow: entries added before it starts may be taken for new ones",
        )
        .hint("fetch the whole history (in GitHub Actions: actions/checkout with fetch-depth: 0; elsewhere: git fetch --unshallow)")
    });
    let mut parser = parse::Parser::within(period);
    match log(root, &checkout.head, Cut::Halves, &mut parser) {
        Ok(()) => (parser.finish_period(), warning),
        Err(failure) => (PeriodHistories::default(), Some(failure)),
    }
}

/// What a history read depends on.
#[derive(Debug, PartialEq, Eq)]
struct Key {
    root: PathBuf,
    head: String,
    mailmap: Option<Vec<u8>>,
}

/// The last history read, for the next load of the same site.
static LAST: Mutex<Option<(Key, Arc<Histories>)>> = Mutex::new(None);

/// A work tree with commits, as `git rev-parse` describes it.
struct Checkout {
    shallow: bool,
    /// The work tree's top folder.
    top: String,
    /// The commit checked out.
    head: String,
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    // Messages in English, which `probe` recognises.
    command
        .arg("-C")
        .arg(root)
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    command
}

fn cannot_run(err: &std::io::Error) -> Diagnostic {
    if err.kind() == std::io::ErrorKind::NotFound {
        Diagnostic::warning(
            WARNING_PATH,
            format!("git is not installed: {WITHOUT_HISTORY}"),
        )
        .hint("install git to show when each entry last changed and who contributed to it")
    } else {
        cannot_read(&format!("cannot run git: {err}"))
    }
}

fn cannot_read(detail: &str) -> Diagnostic {
    Diagnostic::warning(
        WARNING_PATH,
        format!("cannot read the git history ({detail}): {WITHOUT_HISTORY}"),
    )
    .hint("run `git log -- content` in the site's folder to see what git says")
}

fn not_a_repository() -> Diagnostic {
    Diagnostic::warning(
        WARNING_PATH,
        format!("the site is not in a git repository: {WITHOUT_HISTORY}"),
    )
    .hint("keep the site in git (git init, then commit) to show when each entry last changed and who contributed to it")
}

/// What git said on failure: its first line, without `fatal: `.
fn first_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let line = line.trim();
    line.strip_prefix("fatal: ").unwrap_or(line).to_string()
}

/// Whether the site is in a git work tree with commits; which, if so.
fn probe(root: &Path) -> Result<Option<Checkout>, Diagnostic> {
    let out = git(root)
        .args([
            "rev-parse",
            "--is-inside-work-tree",
            "--is-shallow-repository",
            "--show-toplevel",
            "--verify",
            "--quiet",
            "HEAD",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|err| cannot_run(&err))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut lines = stdout.lines();
    let inside = lines.next() == Some("true");
    let shallow = lines.next() == Some("true");
    let top = lines.next().unwrap_or_default().to_string();
    let head = lines.next().unwrap_or_default().to_string();
    let stderr = first_line(&out.stderr);
    if !inside {
        let outside = stderr.is_empty() || stderr.contains("not a git repository");
        return Err(if outside {
            not_a_repository()
        } else {
            cannot_read(&stderr)
        });
    }
    match out.status.code() {
        Some(0) => Ok(Some(Checkout { shallow, top, head })),
        // `--verify HEAD` fails quietly with 1: no commit yet.
        Some(1) if stderr.is_empty() => Ok(None),
        _ => Err(cannot_read(&stderr)),
    }
}

/// The one pass over the history of `content/` up to `head`, into `parser`.
fn log(root: &Path, head: &str, cut: Cut, parser: &mut parse::Parser) -> Result<(), Diagnostic> {
    let two_cores = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    let cut = match cut {
        Cut::Halves if two_cores => count_commits(root, head)
            .filter(|&commits| commits > SPLIT_ABOVE)
            .map(|commits| commits / 2),
        Cut::After(commits) => Some(commits),
        Cut::Halves | Cut::Never => None,
    };
    match cut {
        Some(newer_commits) => {
            let newer = Log::start(root, head, Some(format!("--max-count={newer_commits}")))?;
            let older = Log::start(root, head, Some(format!("--skip={newer_commits}")))?;
            // The parser follows renames from the newest commit back, so
            // the older half waits in memory until the newer is read.
            let older = std::thread::spawn(move || {
                let mut bytes = Vec::new();
                older
                    .finish(|mut stdout| stdout.read_to_end(&mut bytes).map(drop))
                    .map(|()| bytes)
            });
            newer.finish(|stdout| stream(stdout, parser))?;
            let bytes = older
                .join()
                .map_err(|_| cannot_read("reading git's output failed"))??;
            stream(&bytes[..], parser)
                .map_err(|err| cannot_read(&format!("reading git's output: {err}")))?;
        }
        _ => Log::start(root, head, None)
            .and_then(|log| log.finish(|stdout| stream(stdout, parser)))?,
    }
    if parser.undated > 0 {
        return Err(cannot_read(
            "its dates were not understood; git 2.25 or later is needed",
        ));
    }
    Ok(())
}

/// How many commits `git log` will show, or `None` when git cannot say.
fn count_commits(root: &Path, head: &str) -> Option<u64> {
    let out = git(root)
        .args(["rev-list", "--count", "--no-merges", head])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// A running `git log` of the commits up to `head`, `range` (`--skip=N`,
/// `--max-count=N`) narrowing them.
///
/// Without a `-- content` pathspec: with one, git diffs each commit twice,
/// once to decide whether it touches `content/` and again to print what
/// it changed, which made the pass take 1.7 times as long on a hub's
/// history (benches/git-history.sh). The parser keeps what is under `content/`.
struct Log {
    child: std::process::Child,
    stderr: Option<std::thread::JoinHandle<Vec<u8>>>,
}

impl Log {
    fn start(root: &Path, head: &str, range: Option<String>) -> Result<Log, Diagnostic> {
        let mut command = git(root);
        command
            // Settings that would change what `log` prints.
            .args(["-c", "log.showSignature=false", "-c", "log.showRoot=true"])
            .args([
                "log",
                "--no-color",
                // Merges show no changes of their own in this format.
                "--no-merges",
                "--name-status",
                // Follow renames: a moved entry keeps its authors.
                "-M",
                "-z",
                // Paths relative to the site root, which may be a subfolder.
                "--relative",
                parse::FORMAT,
            ]);
        command.args(range);
        let mut child = command
            .arg(head)
            .arg("--")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|err| cannot_run(&err))?;
        // Read beside the output, so that git never waits on a full pipe.
        let stderr = child.stderr.take().map(|mut pipe| {
            std::thread::spawn(move || {
                let mut text = Vec::new();
                let _ = pipe.read_to_end(&mut text);
                text
            })
        });
        Ok(Log { child, stderr })
    }

    /// Hands the output to `read`, then waits for git and says whether
    /// both went well.
    fn finish(
        mut self,
        read: impl FnOnce(std::process::ChildStdout) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        let read = match self.child.stdout.take() {
            Some(stdout) => read(stdout),
            None => Ok(()),
        };
        let stderr = self
            .stderr
            .and_then(|thread| thread.join().ok())
            .unwrap_or_default();
        let status = self.child.wait().map_err(|err| cannot_run(&err))?;
        if !status.success() {
            return Err(cannot_read(&first_line(&stderr)));
        }
        read.map_err(|err| cannot_read(&format!("reading git's output: {err}")))
    }
}

/// Feeds the log to `parser` one NUL-terminated field at a time, through
/// one reused buffer.
fn stream(output: impl Read, parser: &mut parse::Parser) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 16, output);
    let mut field = Vec::with_capacity(256);
    loop {
        field.clear();
        if reader.read_until(0, &mut field)? == 0 {
            return Ok(());
        }
        if field.last() == Some(&0) {
            field.pop();
        }
        parser.token(&field);
    }
}
