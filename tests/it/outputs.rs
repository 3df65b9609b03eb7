//! The machine-readable and special files of a valid site: Atom feeds,
//! sitemap, robots.txt, alias redirects; drafts; and `--base-url` with a
//! sub-path.

use crate::support;
use crate::support::{files::html_files, html::attributes, site::TestSite};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn built() -> TestSite {
    let site = TestSite::fixture("valid-basic");
    site.build_ok();
    site
}

/// The ids (permalinks) of a well-formed Atom feed's entries, in order.
fn feed_entries(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    for required in ["title", "id", "updated"] {
        assert!(
            feed.children().any(|c| c.has_tag_name((ATOM, required))),
            "feed without <{required}>"
        );
    }
    feed.children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|entry| {
            let child = |name: &str| {
                entry
                    .children()
                    .find(|c| c.has_tag_name((ATOM, name)))
                    .and_then(|c| c.text())
                    .unwrap_or_else(|| panic!("entry without <{name}>"))
                    .to_string()
            };
            assert!(!child("title").is_empty());
            assert!(child("updated").ends_with('Z'));
            child("id")
        })
        .collect()
}

fn sitemap_locs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    assert!(doc.root_element().has_tag_name((SITEMAP, "urlset")));
    doc.descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "loc")))
        .map(|n| n.text().unwrap().to_string())
        .collect()
}

const NOTES_NEWEST_FIRST: [&str; 5] = [
    "https://example.org/notes/fifth-note/",
    "https://example.org/notes/fourth-note/",
    "https://example.org/notes/third-note/",
    "https://example.org/notes/second-note/",
    "https://example.org/notes/first-note/",
];

#[test]
fn site_feed_is_well_formed_and_holds_every_published_entry() {
    let site = built();
    let ids = feed_entries(&site.page("atom.xml"));
    assert_eq!(
        ids.len(),
        7,
        "5 notes and 2 experts, no free pages: {ids:?}"
    );
    assert_eq!(ids[..5], NOTES_NEWEST_FIRST);
    assert!(ids.contains(&"https://example.org/experts/marcia-campbell/".to_string()));
    assert!(
        !ids.iter()
            .any(|id| id.contains("draft") || id.contains("about"))
    );
}

#[test]
fn each_collection_has_its_own_well_formed_feed() {
    let site = built();
    assert_eq!(
        feed_entries(&site.page("notes/atom.xml")),
        NOTES_NEWEST_FIRST
    );
    let experts = feed_entries(&site.page("experts/atom.xml"));
    assert_eq!(
        experts,
        [
            "https://example.org/experts/andre-whyte/",
            "https://example.org/experts/marcia-campbell/"
        ]
    );
    let notes = site.page("notes/atom.xml");
    assert!(notes.contains("href=\"https://example.org/notes/atom.xml\""));
    assert!(notes.contains("<title>Notes — Test Hub</title>"), "{notes}");
}

#[test]
fn feeds_escape_markup_in_titles() {
    let site = TestSite::fixture("valid-basic");
    let path = "content/notes/fifth-note.md";
    let text = site
        .read_source(path)
        .replace("title = \"Fifth note\"", "title = \"Tips & <tricks>\"");
    site.write(path, &text);
    site.build_ok();
    let xml = site.page("atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("still well-formed");
    let title = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "title")))
        .nth(1)
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(title, "Tips & <tricks>");
}

#[test]
fn sitemap_lists_every_page_url() {
    let site = built();
    let locs = sitemap_locs(&site.page("sitemap.xml"));
    for path in [
        "",
        "notes/",
        "notes/page/2/",
        "notes/page/3/",
        "experts/",
        "experts/marcia-campbell/",
        "experts/andre-whyte/",
        "about/",
        "topics/",
        "topics/quality/",
        "topics/literacy/",
        "countries/jm/",
    ] {
        let url = format!("https://example.org/{path}");
        assert!(locs.contains(&url), "sitemap misses {url}: {locs:?}");
    }
    for url in NOTES_NEWEST_FIRST {
        assert!(locs.contains(&url.to_string()), "sitemap misses {url}");
    }
    assert!(!locs.iter().any(|l| l.contains("draft-note")));
    assert!(
        !locs.iter().any(|l| l.contains("old/first-note")),
        "no aliases"
    );
    let mut unique = locs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), locs.len(), "no repeats");
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let site = built();
    let robots = site.page("robots.txt");
    assert!(robots.contains("User-agent: *"), "{robots}");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://example.org/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn alias_redirects_to_its_entry() {
    let site = built();
    let html = site.page("old/first-note/index.html");
    assert!(
        html.contains("<meta http-equiv=\"refresh\" content=\"0; url=/notes/first-note/\">"),
        "{html}"
    );
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.org/notes/first-note/\">")
    );
    assert!(html.contains("<a href=\"/notes/first-note/\">First note</a>"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::fixture("valid-basic");
    site.build_ok();
    assert!(!site.exists("notes/draft-note/index.html"));
    assert!(!site.page("notes/index.html").contains("Draft note"));
    assert!(!site.page("sitemap.xml").contains("draft-note"));

    let report = site.build_with(true, None).expect("builds with drafts");
    assert_eq!(report.entries, 9);
    let draft = site.page("notes/draft-note/index.html");
    assert!(draft.contains("<h1>Draft note</h1>"));
    assert!(
        site.page("notes/index.html").contains("Draft note"),
        "newest first"
    );
    assert!(site.page("sitemap.xml").contains("/notes/draft-note/"));
    assert!(site.page("notes/atom.xml").contains("/notes/draft-note/"));
    let marcia = site.page("experts/marcia-campbell/index.html");
    assert!(marcia.contains("<a class=\"backlink\" href=\"/notes/draft-note/\""));
}

#[test]
fn a_reference_to_a_draft_fails_without_drafts_and_says_why() {
    let site = TestSite::fixture("valid-basic");
    let path = "content/notes/fifth-note.md";
    let text = site
        .read_source(path)
        .replace("tags = [\"latest\"]", "contacts = [\"marcia-campbell\"]\n");
    site.write(path, &text);
    site.write(
        "content/experts/marcia-campbell.md",
        &site
            .read_source("content/experts/marcia-campbell.md")
            .replace("name = ", "draft = true\nname = "),
    );
    let problems = site.build_err();
    let fifth: Vec<_> = problems
        .iter()
        .filter(|d| d.path == "content/notes/fifth-note.md")
        .collect();
    assert_eq!(fifth.len(), 1, "{problems:?}");
    assert_eq!(
        fifth[0].headline(),
        "content/notes/fifth-note.md:5:13: error: no entry `marcia-campbell` in `experts`"
    );
    assert!(fifth[0].hint.as_deref().unwrap().contains("is a draft"));
    site.build_with(true, None).expect("builds with --drafts");
}

fn assert_links_under(site: &TestSite, prefix: &str) {
    let files = html_files(&site.output());
    assert!(files.len() > 20, "{files:?}");
    for file in files {
        let html = site.page(&file);
        for attr in ["href", "src", "action"] {
            for url in attributes(&html, attr) {
                if url.starts_with('/') {
                    assert!(
                        url.starts_with(prefix),
                        "{file}: {attr}=\"{url}\" is not under {prefix}"
                    );
                }
            }
        }
    }
}

#[test]
fn base_url_with_a_sub_path_prefixes_every_internal_link() {
    let site = TestSite::fixture("valid-basic");
    site.build_with(false, Some("https://x.org/hub/")).unwrap();
    assert_links_under(&site, "/hub/");
    let note = site.page("notes/first-note/index.html");
    assert!(note.contains("href=\"/hub/topics/quality/\""));
    assert!(note.contains("href=\"/hub/experts/marcia-campbell/\""));
    assert!(note.contains("href=\"/hub/experts/andre-whyte/#biography\""));
    assert!(
        note.contains("href=\"https://x.org/hub/notes/first-note/\""),
        "canonical"
    );
    assert!(
        site.page("notes/index.html")
            .contains("href=\"/hub/notes/page/2/\"")
    );
    let alias = site.page("old/first-note/index.html");
    assert!(alias.contains("url=/hub/notes/first-note/"), "{alias}");
    // Files stay at the root of the output folder; only URLs change.
    assert!(!site.exists("hub"));
    for loc in sitemap_locs(&site.page("sitemap.xml")) {
        assert!(loc.starts_with("https://x.org/hub/"), "{loc}");
    }
    for id in feed_entries(&site.page("atom.xml")) {
        assert!(id.starts_with("https://x.org/hub/"), "{id}");
    }
    assert!(
        site.page("robots.txt")
            .contains("Sitemap: https://x.org/hub/sitemap.xml")
    );
}

#[test]
fn the_hub_theme_builds_the_fixture_and_respects_the_sub_path() {
    let site = TestSite::fixture("valid-basic").with_hub_theme();
    site.build_with(false, Some("https://x.org/hub/"))
        .unwrap_or_else(|p| panic!("{:#?}", support::site::headlines(&p)));
    assert_links_under(&site, "/hub/");
    let note = site.page("notes/first-note/index.html");
    assert!(note.contains("First note"));
    assert!(note.contains("href=\"/hub/topics/quality/\""), "term link");
    assert!(
        note.contains("href=\"/hub/experts/marcia-campbell/\""),
        "ref link"
    );
    let marcia = site.page("experts/marcia-campbell/index.html");
    assert!(
        marcia.contains("href=\"/hub/notes/second-note/\""),
        "backlink"
    );
}

#[test]
fn an_alias_never_replaces_another_file_of_the_site() {
    let site = TestSite::fixture("valid-basic");
    let path = "content/notes/fifth-note.md";
    let taken = [
        "/",
        "/notes/",
        "/notes/page/2/",
        "/topics/quality/",
        "/404.html",
        "/NOTES/page/2/",
        "/old/first-note/",
    ];
    let list = taken.map(|a| format!("\"{a}\"")).join(", ");
    let text = site
        .read_source(path)
        .replace("tags = [\"latest\"]", &format!("aliases = [{list}]"));
    site.write(path, &text);
    let problems = site.build_err();
    let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(problems.len(), taken.len(), "{messages:#?}");
    // Two aliases of the same path: one of them is reported, naming the other.
    let (clash, problems) = problems.split_last().unwrap();
    assert_eq!(
        clash.headline(),
        "content/notes/first-note.md:8:12: error: alias `/old/first-note/` is already used by content/notes/fifth-note.md"
    );
    for (alias, d) in taken.iter().zip(problems) {
        assert_eq!(d.path, path);
        assert_eq!(d.line, 5, "{}", d.headline());
        assert!(
            d.message
                .starts_with(&format!("alias `{alias}` is already used by"))
        );
    }
}

#[test]
fn an_alias_is_a_folder_or_an_html_page_never_another_kind_of_file() {
    let site = TestSite::fixture("valid-basic");
    let path = "content/notes/fifth-note.md";
    let files = [
        "/atom.xml",
        "/notes/atom.xml",
        "/hello.txt",
        "/sitemap.xml",
        "/syntax.css",
    ];
    let list = files.map(|a| format!("\"{a}\"")).join(", ");
    let text = site
        .read_source(path)
        .replace("tags = [\"latest\"]", &format!("aliases = [{list}]"));
    site.write(path, &text);
    let problems = site.build_err();
    assert_eq!(
        problems.len(),
        files.len(),
        "{:#?}",
        support::site::headlines(&problems)
    );
    for (alias, d) in files.iter().zip(&problems) {
        assert_eq!((d.path.as_str(), d.line), (path, 5));
        let name = alias.rsplit('/').next().unwrap();
        assert_eq!(
            d.message,
            format!(
                "alias `{alias}` is not a path on this site: `{name}` names a file that is not a page, and a redirect is a page"
            )
        );
    }
}
