//! "Last updated" and contributors from git: a small site in a scripted
//! repository (several authors at fixed dates, one of them under two emails
//! joined by `.mailmap`, a co-author), built with the hub theme; and the
//! builds that cannot know the history: outside git, without git, in a
//! shallow clone.
//!
//! The site lives in `<tmp>/site`, a subfolder of the repository at
//! `<tmp>`, as a hub inside a larger repository would.

mod repo;

use std::collections::BTreeSet;
use std::path::Path;

use calabash::core::diagnostics::Diagnostic;
use calabash::history::{Cut, read_uncached};
use calabash::serve::session::Session;
use calabash::site::SiteOptions;

use crate::support;
use crate::support::site::TestSite;
use repo::{ANN, ANN_OLD, BOB, DEE, commit_all, commit_history, edit, git, hub_site};

/// The date of the "Last updated" line of an entry page.
fn last_updated(page: &str) -> Option<String> {
    let (_, after) = page.split_once("<p>Last updated <time datetime=\"")?;
    Some(after.split('"').next()?.to_string())
}

/// The text of the contributors line of an entry page.
fn contributors(page: &str) -> Option<String> {
    let (_, after) = page.split_once("<p class=\"contributors\">")?;
    Some(after.split("</p>").next()?.to_string())
}

fn note(site: &TestSite, slug: &str) -> String {
    site.page(&format!("notes/{slug}/index.html"))
}

fn lastmod(sitemap: &str, slug: &str) -> Option<String> {
    let (_, after) = sitemap.split_once(&format!("/notes/{slug}/</loc>"))?;
    let (_, date) = after.split_once("<lastmod>")?;
    Some(date.split('<').next()?.to_string())
}

/// The `<updated>` of a note's entry in the site's Atom feed.
fn feed_updated(feed: &str, slug: &str) -> Option<String> {
    let (_, after) = feed.split_once(&format!("/notes/{slug}/</id>"))?;
    let (_, date) = after.split_once("<updated>")?;
    Some(date.split('<').next()?.to_string())
}

#[test]
fn entry_pages_show_when_they_last_changed_and_who_contributed() {
    let site = hub_site();
    commit_history(&site);
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);

    let first = note(&site, "first-note");
    // The author's own calendar day, not UTC's.
    assert_eq!(last_updated(&first).as_deref(), Some("2024-03-05"));
    assert!(first.contains(">5 March 2024</time>"), "{first}");
    // ann and Ann Author are one person through .mailmap, listed first as
    // the original author.
    assert_eq!(
        contributors(&first).as_deref(),
        Some("Contributors: Ann Author and Bob Builder")
    );

    let third = note(&site, "third-note");
    assert_eq!(last_updated(&third).as_deref(), Some("2024-01-10"));
    assert_eq!(
        contributors(&third).as_deref(),
        Some("Contributor: Ann Author")
    );

    // The co-author is named as in the commits he authored.
    let fourth = note(&site, "fourth-note");
    assert_eq!(last_updated(&fourth).as_deref(), Some("2024-04-15"));
    assert_eq!(
        contributors(&fourth).as_deref(),
        Some("Contributors: Ann Author, Dee Editor and Bob Builder")
    );

    // Uncommitted: its own date, nobody named.
    let sixth = note(&site, "sixth-note");
    assert_eq!(last_updated(&sixth).as_deref(), Some("2025-07-01"));
    assert_eq!(contributors(&sixth), None);
}

#[test]
fn a_history_read_in_two_halves_reads_as_one() {
    let site = hub_site();
    let repo = commit_history(&site);
    // A rename, and an edit after it, so that a cut can fall between a
    // file's old and new names.
    git(
        &repo,
        BOB,
        &[
            "mv",
            "site/content/notes/third-note.md",
            "site/content/notes/moved-note.md",
        ],
    );
    commit_all(&repo, BOB, "Move note three");
    edit(
        &site,
        "content/notes/moved-note.md",
        "title",
        "tags = [\"moved\"]\ntitle",
    );
    commit_all(&repo, DEE, "Tag the moved note");
    let (whole, warning) = read_uncached(&site.root, Cut::Never);
    assert!(warning.is_none(), "{warning:?}");
    assert!(whole.len() >= 4, "{whole:?}");
    let commits = git(&site.root, ANN, &["rev-list", "--count", "HEAD"]);
    let commits: u64 = commits.trim().parse().unwrap();
    assert!(commits >= 6, "{commits}");
    let moved = &whole["content/notes/moved-note.md"];
    assert_eq!(
        moved.contributors,
        ["Ann Author", "Bob Builder", "Dee Editor"]
    );
    // Cut after every commit, so that renames and co-authors fall on
    // either side of the cut.
    for newer in 0..=commits {
        let (parts, warning) = read_uncached(&site.root, Cut::After(newer));
        assert!(warning.is_none(), "{warning:?}");
        assert_eq!(parts, whole, "cut after {newer} commits");
    }
}

#[test]
fn an_edited_mailmap_renames_contributors_at_the_next_build() {
    let site = hub_site();
    let repo = commit_history(&site);
    site.build_ok();
    std::fs::write(
        repo.join(".mailmap"),
        "Ann Author <ann@new.example> <ann@old.example>\nBob the Builder <bob@example.org>\n",
    )
    .unwrap();
    site.build_ok();
    assert_eq!(
        contributors(&note(&site, "first-note")).as_deref(),
        Some("Contributors: Ann Author and Bob the Builder")
    );
}

#[test]
fn updated_in_front_matter_wins_over_git_everywhere() {
    let site = hub_site();
    commit_history(&site);
    site.build_ok();
    let second = note(&site, "second-note");
    assert_eq!(last_updated(&second).as_deref(), Some("2024-12-25"));
    assert_eq!(
        contributors(&second).as_deref(),
        Some("Contributors: Ann Author and Bob Builder")
    );
    assert!(
        second.contains("\"dateModified\":\"2024-12-25\""),
        "{second}"
    );

    let sitemap = site.page("sitemap.xml");
    assert_eq!(
        lastmod(&sitemap, "second-note").as_deref(),
        Some("2024-12-25")
    );
    assert_eq!(
        lastmod(&sitemap, "first-note").as_deref(),
        Some("2024-03-05")
    );
    assert_eq!(
        lastmod(&sitemap, "third-note").as_deref(),
        Some("2024-01-10")
    );
    assert_eq!(
        lastmod(&sitemap, "sixth-note").as_deref(),
        Some("2025-07-01")
    );

    let feed = site.page("atom.xml");
    assert_eq!(
        feed_updated(&feed, "first-note").as_deref(),
        Some("2024-03-05T00:00:00Z")
    );
    assert_eq!(
        feed_updated(&feed, "second-note").as_deref(),
        Some("2024-12-25T00:00:00Z")
    );
    let first = note(&site, "first-note");
    assert!(first.contains("\"dateModified\":\"2024-03-05\""), "{first}");
}

fn only_warning(warnings: Vec<Diagnostic>) -> Diagnostic {
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    warnings.into_iter().next().unwrap()
}

#[test]
fn outside_git_the_build_says_so_once_and_names_nobody() {
    let site = hub_site();
    let report = site.build_ok();
    let warning = only_warning(report.warnings.into_iter().collect());
    assert!(!warning.is_error());
    assert!(
        warning.message.contains("not in a git repository"),
        "{warning:?}"
    );
    assert!(warning.hint.as_deref().unwrap_or("").contains("git init"));
    for slug in ["first-note", "second-note", "third-note"] {
        assert_eq!(contributors(&note(&site, slug)), None, "{slug}");
    }
    // `updated`, else `date`.
    assert_eq!(
        last_updated(&note(&site, "first-note")).as_deref(),
        Some("2025-01-10")
    );
}

#[test]
fn outside_git_the_preview_says_so_once_not_at_every_reload() {
    let site = hub_site();
    let served = site.root.parent().unwrap().join("served");
    let mut session = Session::new(&site.root, &served, SiteOptions::default());
    let first = session.start().expect("the site builds");
    let warning = only_warning(first.warnings.into_iter().collect());
    assert!(warning.message.contains("not in a git repository"));
    let folder: BTreeSet<String> = ["content/notes".to_string()].into();
    let reload = session.apply(&folder, false).expect("the reload applies");
    assert!(reload.warnings.is_empty(), "{:?}", reload.warnings);
}

#[test]
fn a_repository_without_commits_is_not_a_problem() {
    let site = hub_site();
    let repo = site.root.parent().unwrap();
    git(repo, ANN, &["init", "-q"]);
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(contributors(&note(&site, "first-note")), None);
}

#[test]
fn without_git_installed_the_build_says_so_once() {
    let site = hub_site();
    commit_history(&site);
    let empty = tempfile::tempdir().unwrap();
    let out = support::cli::command()
        .args(["build", "--root"])
        .arg(&site.root)
        .env("PATH", empty.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(stderr.contains("git is not installed"), "{stderr}");
    assert_eq!(contributors(&note(&site, "first-note")), None);
}

#[test]
fn a_shallow_clone_builds_and_warns_that_the_history_is_incomplete() {
    let site = hub_site();
    let repo = commit_history(&site);
    commit_all(&repo, DEE, "The sixth note");
    let clones = tempfile::tempdir().unwrap();
    let clone = clones.path().join("clone");
    let url = format!("file://{}", repo.display());
    git(
        clones.path(),
        DEE,
        &["clone", "-q", "--depth", "1", &url, clone.to_str().unwrap()],
    );
    let built = clones.path().join("public");
    let report = calabash::build::build(&calabash::build::BuildOptions {
        root: clone.join("site"),
        output: built.clone(),
        site: SiteOptions::default(),
        progress: false,
    })
    .unwrap_or_else(|problems| panic!("{:?}", problems.sorted()));
    let warning = only_warning(report.warnings.into_iter().collect());
    assert!(warning.message.contains("shallow"), "{warning:?}");
    assert!(
        warning
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("fetch-depth: 0"),
        "{warning:?}"
    );
    // All that is known: the one commit fetched.
    let page = std::fs::read_to_string(built.join("notes/first-note/index.html")).unwrap();
    assert_eq!(
        contributors(&page).as_deref(),
        Some("Contributor: Dee Editor")
    );
}

#[test]
fn the_preview_renders_an_entry_again_when_only_its_history_changed() {
    let site = hub_site();
    let repo = commit_history(&site);
    commit_all(&repo, DEE, "The sixth note");
    let served = site.root.parent().unwrap().join("served");
    let mut session = Session::new(&site.root, &served, SiteOptions::default());
    session.start().expect("the site builds");
    let page =
        |dir: &Path| std::fs::read_to_string(dir.join("notes/third-note/index.html")).unwrap();
    assert_eq!(
        contributors(&page(&served)).as_deref(),
        Some("Contributor: Ann Author")
    );

    // A body edit patches the site in memory, history and all.
    edit(&site, "content/notes/third-note.md", "See [", "Now see [");
    let third: BTreeSet<String> = ["content/notes/third-note.md".to_string()].into();
    session.apply(&third, false).expect("the body edit applies");
    assert_eq!(
        contributors(&page(&served)).as_deref(),
        Some("Contributor: Ann Author")
    );

    // Committed by someone else: the file's text stays as served, only its
    // history changes. The next load of the site must show it.
    commit_all(&repo, BOB, "Note three");
    let folder: BTreeSet<String> = ["content/notes".to_string()].into();
    let outcome = session.apply(&folder, false).expect("the reload applies");
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    // The index (and the similar entries a page lists) follow, as in serve.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let update =
        calabash::serve::search_update::index_site(session.site().unwrap(), &site.root, &stop);
    session
        .install_search(update.expect("indexed"))
        .expect("installed");
    let served_page = page(&served);
    assert_eq!(
        contributors(&served_page).as_deref(),
        Some("Contributors: Ann Author and Bob Builder")
    );
    assert_eq!(last_updated(&served_page).as_deref(), Some("2024-02-20"));

    let fresh = site.root.parent().unwrap().join("fresh");
    calabash::build::build(&calabash::build::BuildOptions {
        root: site.root.clone(),
        output: fresh.clone(),
        site: session.build_options(),
        progress: false,
    })
    .expect("a fresh build");
    assert_eq!(served_page, page(&fresh));
    let sitemap = |dir: &Path| std::fs::read_to_string(dir.join("sitemap.xml")).unwrap();
    assert_eq!(sitemap(&served), sitemap(&fresh));
}

/// A translation committed before its original last changed draws a
/// warning from `check` and `build`, at its first line; one committed after
/// it does not, whatever the dates the files say.
#[test]
fn a_translation_committed_before_its_original_changed_is_out_of_date() {
    let site = TestSite::layered(&["valid-basic", "translations"]);
    let repo = site.root.parent().unwrap().to_path_buf();
    std::fs::write(repo.join(".gitignore"), "site/public/\nsite/.calabash/\n").unwrap();
    git(&repo, ANN_OLD, &["init", "-q"]);
    commit_all(&repo, ANN_OLD, "The hub, with its translations");
    // The French note says it was updated later than its original; git
    // knows better.
    edit(
        &site,
        "content/notes/second-note.md",
        "Second body.",
        "Second body, revised.",
    );
    commit_all(&repo, BOB, "Note two revised");
    let stale = |warnings: Vec<Diagnostic>| -> Vec<String> {
        warnings
            .iter()
            .filter(|d| d.message.contains("out of date"))
            .map(Diagnostic::headline)
            .collect()
    };
    let expected = |lang: &str| {
        format!(
            "content/notes/second-note.{lang}.md:1:1: warning: this translation may be out of date: its original, content/notes/second-note.md, changed on 2024-02-20, after it (2024-01-10)"
        )
    };
    let report = site.build_ok();
    assert_eq!(
        stale(report.warnings.sorted()),
        [expected("es"), expected("fr")]
    );
    let checked = calabash::check::check(&calabash::check::CheckOptions {
        root: site.root.clone(),
        site: SiteOptions::default(),
        external_links: None,
    });
    assert_eq!(
        stale(checked.problems.sorted()),
        [expected("es"), expected("fr")]
    );
    // The Spanish translation brought up to date and committed after it.
    edit(
        &site,
        "content/notes/second-note.es.md",
        "Segundo texto.",
        "Segundo texto, revisado.",
    );
    commit_all(&repo, ANN, "Nota dos revisada");
    assert_eq!(stale(site.build_ok().warnings.sorted()), [expected("fr")]);
    // A translation not yet committed is being written, not out of date,
    // even when its own dates say it is older.
    site.write(
        "content/notes/first-note.fr.md",
        "+++\ntitle = \"Première note\"\nsummary = \"Résumé.\"\nupdated = 2020-01-01\n+++\n",
    );
    assert_eq!(stale(site.build_ok().warnings.sorted()), [expected("fr")]);
}
