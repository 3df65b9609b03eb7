//! A hub started with `calabash init` builds and passes `check` at once,
//! from a folder where only the binary is, with every kind of page.

use std::path::Path;

use super::{Machine, files_under, text};
use crate::support::repo;

/// Pages and files every hub has, entries or not: home, 404, feeds,
/// sitemap, the search page with its static index and client, the list
/// of each collection, a taxonomy and a term page, the free pages.
const EVERY_HUB: &[&str] = &[
    "index.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "style.css",
    "search/index.html",
    "search/index/manifest.json",
    "search/client.js",
    "replies/index.html",
    "discussions/index.html",
    "practice/index.html",
    "library/index.html",
    "experts/index.html",
    "events/index.html",
    "library/atom.xml",
    "events/calendar.ics",
    "topics/index.html",
    "topics/early-grade-reading/index.html",
    "countries/index.html",
    "countries/vc/index.html",
    "levels/primary/index.html",
    "about/index.html",
    "join/index.html",
    "contribute/index.html",
];

/// The collections of the new hub and the folder of each in the site.
fn collections(hub: &Path) -> Vec<(String, String)> {
    let config: toml::Table =
        toml::from_str(&std::fs::read_to_string(hub.join("site.toml")).unwrap()).unwrap();
    config["collections"]
        .as_table()
        .unwrap()
        .iter()
        .map(|(name, c)| {
            (
                name.clone(),
                c["url"].as_str().unwrap().trim_matches('/').to_string(),
            )
        })
        .collect()
}

/// Builds and checks the hub in `work/hub` from inside it, after
/// committing it: both succeed and warn about nothing.
fn build_and_check(machine: &Machine) {
    machine.git_commit("hub");
    for command in ["build", "check"] {
        let out = machine.run_in("hub", &[command]);
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(out.status.success(), "calabash {command} failed:\n{all}");
        assert!(
            !all.contains("warning"),
            "calabash {command} warned:\n{all}"
        );
        assert!(!all.contains("error"), "calabash {command} erred:\n{all}");
    }
    // The hub's issue forms are those `calabash forms` would write from its
    // site.toml, one per collection open to proposals, and the chooser.
    let out = machine.run_in("hub", &["forms", "--check"]);
    assert!(
        out.status.success(),
        "forms --check:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let forms = machine.work().join("hub/.github/ISSUE_TEMPLATE");
    for name in ["replies", "case-studies", "library", "experts", "config"] {
        assert!(
            forms.join(format!("{name}.yml")).is_file(),
            "no {name}.yml in the new hub"
        );
    }
}

/// Builds and checks the hub, asserts it has every kind of page, and
/// returns the files of its output.
fn build_every_kind(machine: &Machine, public: &Path, what: &str) -> Vec<String> {
    build_and_check(machine);
    let built = files_under(public);
    for file in EVERY_HUB {
        assert!(
            built.iter().any(|f| f == file),
            "no {file} in the {what} hub"
        );
    }
    built
}

#[test]
fn a_sample_hub_from_nothing_builds_every_kind_of_page() {
    let machine = Machine::new();
    let said = machine.ok("", &["init", "hub", "--sample"]);
    for next in ["cd hub", "calabash serve", "git init -b main"] {
        assert!(
            said.contains(next),
            "no `{next}` among the next commands:\n{said}"
        );
    }
    let hub = machine.work().join("hub");
    assert!(
        !hub.join("themes").exists(),
        "the theme stays in the binary"
    );
    let public = hub.join("public");
    let built = build_every_kind(&machine, &public, "sample");
    let collections = collections(&hub);
    assert_eq!(collections.len(), 6, "{collections:?}");
    for (name, folder) in collections {
        let entries = files_under(&hub.join("content").join(&name));
        assert_eq!(
            entries.len(),
            1,
            "one worked example in {name}: {entries:?}"
        );
        let slug = entries[0].strip_suffix(".md").unwrap();
        let page = format!("{folder}/{slug}/index.html");
        assert!(built.contains(&page), "no entry page {page}");
        let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
        assert!(
            sitemap.contains(&format!("/{folder}/{slug}/")),
            "{page} not in the sitemap"
        );
    }
    assert!(built.contains(&"events/reading-checks-webinar/event.ics".to_string()));
    // The examples refer to one another: the expert's page lists what
    // names her, and the library entry what cites it.
    let expert = std::fs::read_to_string(public.join("experts/sharon-bailey/index.html")).unwrap();
    for linked in [
        "/replies/cr-2026-001-reading-checks/",
        "/practice/reading-buddies-saint-vincent/",
        "/discussions/catch-up-reading/",
        "/events/reading-checks-webinar/",
    ] {
        assert!(
            expert.contains(linked),
            "the expert's page does not link {linked}"
        );
    }
}

#[test]
fn an_empty_hub_has_lists_free_pages_and_search_but_no_entries() {
    let machine = Machine::new();
    machine.ok("", &["init", "hub", "--empty"]);
    let hub = machine.work().join("hub");
    assert!(!hub.join("themes").exists());
    for (name, _) in collections(&hub) {
        assert_eq!(
            files_under(&hub.join("content").join(&name)),
            [".gitkeep"],
            "{name}"
        );
    }
    let public = hub.join("public");
    let built = build_every_kind(&machine, &public, "empty");
    for (name, folder) in collections(&hub) {
        let pages: Vec<_> = built
            .iter()
            .filter(|f| f.starts_with(&format!("{folder}/")) && f.ends_with(".html"))
            .collect();
        assert_eq!(
            pages,
            [&format!("{folder}/index.html")],
            "{name} has pages besides its list"
        );
    }
    // The search index holds the free pages, and nothing else.
    let manifest = std::fs::read_to_string(public.join("search/index/manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(manifest["docs"], 3, "{manifest}");
    assert_eq!(
        manifest["facets"][0]["values"],
        serde_json::json!([["pages", "Pages", 3]])
    );
}

#[test]
fn title_and_repository_reach_site_toml_and_the_pages() {
    let machine = Machine::new();
    let title = "Hub of \"Quotes\" \\ & <Tags> – Caribe";
    machine.ok(
        "",
        &[
            "init",
            "hub",
            "--title",
            title,
            "--repository",
            "https://github.com/example-org/our-hub.git/",
        ],
    );
    let hub = machine.work().join("hub");
    let config: toml::Table =
        toml::from_str(&std::fs::read_to_string(hub.join("site.toml")).unwrap()).unwrap();
    assert_eq!(config["title"].as_str(), Some(title));
    assert_eq!(
        config["repository_url"].as_str(),
        Some("https://github.com/example-org/our-hub")
    );
    assert!(
        std::fs::read_to_string(hub.join("README.md"))
            .unwrap()
            .starts_with(&format!("# {title}\n"))
    );
    build_and_check(&machine);
    let public = hub.join("public");
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    let escaped = "Hub of &quot;Quotes&quot; \\ &amp; &lt;Tags&gt; – Caribe";
    assert!(
        home.contains(&format!("<title>{escaped}")),
        "the home page's title"
    );
    // --sample is the default: the entry is there, with its edit link.
    let entry =
        std::fs::read_to_string(public.join("library/reading-checks-guide/index.html")).unwrap();
    let edit =
        "https://github.com/example-org/our-hub/edit/main/content/library/reading-checks-guide.md";
    assert!(entry.contains(edit), "no edit link {edit}");
}

#[test]
fn without_a_repository_there_are_no_edit_links() {
    let machine = Machine::new();
    machine.ok("", &["init", "hub"]);
    let hub = machine.work().join("hub");
    let config: toml::Table =
        toml::from_str(&std::fs::read_to_string(hub.join("site.toml")).unwrap()).unwrap();
    assert!(!config.contains_key("repository_url"));
    assert_eq!(
        config["title"].as_str(),
        Some(calabash::init::DEFAULT_TITLE)
    );
    build_and_check(&machine);
    let entry = std::fs::read_to_string(hub.join("public/library/reading-checks-guide/index.html"))
        .unwrap();
    assert!(!entry.contains("Edit this page"));
}

/// The new hub's schema is the sample hub's: the same collections with the
/// same fields, the same taxonomies and vocabularies, the same search and
/// Markdown settings, the same pull request template; only the hub's
/// identity differs.
#[test]
fn the_starter_keeps_the_sample_hubs_schema_and_vocabularies() {
    let machine = Machine::new();
    machine.ok("", &["init", "hub"]);
    let hub = machine.work().join("hub");
    let read = |root: &Path| -> toml::Table {
        toml::from_str(&std::fs::read_to_string(root.join("site.toml")).unwrap()).unwrap()
    };
    // The sample hub's texts in its other languages are its own: the
    // starter publishes one language.
    let one_language = |mut site: toml::Table| {
        for table in ["collections", "taxonomies"] {
            for (_, section) in site[table].as_table_mut().unwrap().iter_mut() {
                let section = section.as_table_mut().unwrap();
                section.remove("titles");
                section.remove("descriptions");
            }
        }
        site
    };
    let (ours, sample) = (read(&hub), one_language(read(&repo())));
    for key in [
        "collections",
        "taxonomies",
        "markdown",
        "feeds",
        "search",
        "language",
        "theme",
    ] {
        assert_eq!(
            ours.get(key),
            sample.get(key),
            "site.toml's `{key}` differs from the sample hub's"
        );
    }
    let vocabularies = files_under(&repo().join("content/_taxonomies"));
    assert_eq!(files_under(&hub.join("content/_taxonomies")), vocabularies);
    for file in vocabularies {
        let path = format!("content/_taxonomies/{file}");
        assert_eq!(
            std::fs::read(hub.join(&path)).unwrap(),
            std::fs::read(repo().join(&path)).unwrap(),
            "{path}"
        );
    }
    // Contributors of both see the same pull request checklist.
    let template = ".github/pull_request_template.md";
    assert_eq!(
        std::fs::read(hub.join(template)).unwrap(),
        std::fs::read(repo().join(template)).unwrap(),
        "{template}"
    );
}
