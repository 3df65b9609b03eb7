//! The scripted repository of the history tests: the site is valid-basic
//! with the hub theme, in `<tmp>/site`, committed in `<tmp>` by several
//! people at fixed dates.

use std::path::PathBuf;

pub use crate::support::git::{Who, commit_all, git};
use crate::support::site::TestSite;

pub const ANN_OLD: Who = ("ann", "ann@old.example", "2024-01-10T09:00:00+00:00");
pub const BOB: Who = (
    "Bob Builder",
    "bob@example.org",
    "2024-02-20T12:00:00+00:00",
);
// Late in the evening west of Greenwich: already 6 March in UTC.
pub const ANN: Who = ("Ann Author", "ann@new.example", "2024-03-05T23:30:00-05:00");
pub const DEE: Who = ("Dee Editor", "dee@example.org", "2024-04-15T08:00:00+02:00");

/// valid-basic with the hub theme and JSON-LD for notes: not committed yet.
pub fn hub_site() -> TestSite {
    let site = TestSite::fixture("valid-basic").with_hub_theme();
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &config.replacen(
            "paginate_by = 2\n",
            "paginate_by = 2\njson_ld = { type = \"Article\" }\n",
            1,
        ),
    );
    site
}

pub fn edit(site: &TestSite, path: &str, from: &str, to: &str) {
    let text = site.read_source(path);
    assert!(text.contains(from), "{path} has no {from:?}");
    site.write(path, &text.replacen(from, to, 1));
}

/// The scripted history. Returns the repository folder.
pub fn commit_history(site: &TestSite) -> PathBuf {
    let repo = site.root.parent().unwrap().to_path_buf();
    std::fs::write(
        repo.join(".mailmap"),
        "Ann Author <ann@new.example> <ann@old.example>\n",
    )
    .unwrap();
    std::fs::write(
        repo.join(".gitignore"),
        "site/public/\nsite/.calabash/\nserved/\nfresh/\n",
    )
    .unwrap();
    git(&repo, ANN_OLD, &["init", "-q"]);
    commit_all(&repo, ANN_OLD, "The hub");

    edit(
        site,
        "content/notes/first-note.md",
        "## Context",
        "## Context\n\nMore.",
    );
    edit(
        site,
        "content/notes/second-note.md",
        "status",
        "updated = 2024-12-25\nstatus",
    );
    commit_all(&repo, BOB, "Notes one and two");

    edit(
        site,
        "content/notes/first-note.md",
        "More.",
        "More, and better.",
    );
    commit_all(&repo, ANN, "Note one again");

    edit(
        site,
        "content/notes/fourth-note.md",
        "Fourth body.",
        "Fourth body, longer.",
    );
    git(&repo, DEE, &["add", "-A"]);
    git(
        &repo,
        DEE,
        &[
            "commit",
            "-q",
            "-m",
            "Note four\n\nCo-authored-by: Bob B. <BOB@example.org>",
        ],
    );
    // Never committed: no history.
    site.write(
        "content/notes/sixth-note.md",
        "+++\ntitle = \"Sixth note\"\nsummary = \"S.\"\ndate = 2025-07-01\n+++\nSixth.\n",
    );
    repo
}
