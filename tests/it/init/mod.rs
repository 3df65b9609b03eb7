//! `calabash init` as a new hub team uses it: nothing but the built binary,
//! copied into an empty temporary folder and run from there (no
//! repository, no `themes/`), starts a hub that builds and passes `check`
//! at once with every kind of page (`hub`); a folder that is not empty is
//! refused, and `--force` replaces only files of the same name, never
//! writing through a link out of the folder (`refusal`); the hub's starter
//! keeps the repository's schema, and its workflows pass actionlint and
//! download the assets the release workflow publishes (`workflows`).

mod hub;
mod refusal;
mod workflows;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A temporary machine of sorts: `bin/calabash` (a copy of the built
/// binary) and an empty `work/` folder to run it from.
pub struct Machine {
    pub tmp: TempDir,
}

impl Machine {
    pub fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("bin")).unwrap();
        std::fs::create_dir(tmp.path().join("work")).unwrap();
        std::fs::copy(
            env!("CARGO_BIN_EXE_calabash"),
            tmp.path().join("bin/calabash"),
        )
        .unwrap();
        Machine { tmp }
    }

    pub fn work(&self) -> PathBuf {
        self.tmp.path().join("work")
    }

    /// Runs the copied `calabash <args>` in `work/<dir>`, with an
    /// environment of its own (PATH for git, HOME inside the machine).
    pub fn run_in(&self, dir: &str, args: &[&str]) -> Output {
        Command::new(self.tmp.path().join("bin/calabash"))
            .args(args)
            .current_dir(self.work().join(dir))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.tmp.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("the copied binary runs")
    }

    /// `calabash <args>` in `work/`, which must succeed; its stdout.
    pub fn ok(&self, dir: &str, args: &[&str]) -> String {
        let out = self.run_in(dir, args);
        assert!(
            out.status.success(),
            "calabash {args:?} failed:\n{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// Commits the hub in `work/<dir>` as the README says, so that it
    /// has the history its pages' dates come from.
    pub fn git_commit(&self, dir: &str) {
        for args in [
            &["init", "-q", "-b", "main"][..],
            &["add", "."],
            &["commit", "-q", "-m", "Start the hub"],
        ] {
            let out = Command::new("git")
                .args(["-c", "commit.gpgsign=false", "-c", "user.name=Hub Team"])
                .args(["-c", "user.email=team@hub.example"])
                .args(args)
                .current_dir(self.work().join(dir))
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("HOME", self.tmp.path())
                .output()
                .expect("git runs");
            assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
        }
    }
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir`, as `/`-separated paths from it.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}
