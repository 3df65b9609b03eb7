//! git run in a test's repository as a given person at a given time,
//! isolated from the machine's settings: histories scripted day by day.

use std::path::Path;
use std::process::Command;

/// Someone committing: name, email and author date.
pub type Who<'a> = (&'a str, &'a str, &'a str);

/// Runs git in `dir` as `who`, isolated from the machine's settings.
pub fn git(dir: &Path, who: Who, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .envs(identity(dir, who))
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The environment that makes git (or a tool running git, such as
/// decap-server) commit as `who`, with `home` as its home so that the
/// machine's settings play no part.
pub fn identity(home: &Path, who: Who) -> Vec<(&'static str, String)> {
    let (name, email, date) = who;
    vec![
        ("GIT_CONFIG_NOSYSTEM", "1".into()),
        ("HOME", home.display().to_string()),
        ("GIT_AUTHOR_NAME", name.into()),
        ("GIT_AUTHOR_EMAIL", email.into()),
        ("GIT_AUTHOR_DATE", date.into()),
        ("GIT_COMMITTER_NAME", name.into()),
        ("GIT_COMMITTER_EMAIL", email.into()),
        ("GIT_COMMITTER_DATE", date.into()),
    ]
}

pub fn commit_all(repo: &Path, who: Who, message: &str) {
    git(repo, who, &["add", "-A"]);
    git(repo, who, &["commit", "-q", "-m", message]);
}
