//! The HTML pages a valid site produces (tests/fixtures/valid-basic, built
//! with the minimal test theme): home, collection lists with pagination,
//! entries with typed fields and backlinks, free pages, taxonomies, terms, 404.

use crate::support;
use crate::support::{
    html::{attributes, links_with_class},
    site::TestSite,
};

fn built() -> TestSite {
    let site = TestSite::fixture("valid-basic");
    site.build_ok();
    site
}

fn link(href: &str, text: &str) -> (String, String) {
    (href.to_string(), text.to_string())
}

#[test]
fn report_counts_pages_collections_and_entries() {
    let site = TestSite::fixture("valid-basic");
    let report = site.build_ok();
    // 5 notes + 2 experts + 1 free page; the draft is left out.
    assert_eq!(report.entries, 8);
    assert_eq!(report.collections, 2);
    // home, 404, 3 note list pages, 1 expert list page, 8 entries,
    // 2 taxonomy indexes, 5 term pages and 8 filter pages (one per term
    // value used in a collection).
    assert_eq!(report.pages, 29);
    // The only warning: the test folder has no git history.
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.headline()).collect();
    assert_eq!(
        warnings,
        [
            "content: warning: the site is not in a git repository: entries show no contributors, and their last-updated dates come from `updated` or `date`"
        ]
    );
    assert!(
        report
            .summary()
            .starts_with("Built 29 pages from 2 collections in ")
    );
}

#[test]
fn home_page_lists_recent_and_featured_entries_and_the_menu() {
    let site = built();
    let home = site.page("index.html");
    assert!(home.contains("<body class=\"kind-home\">"), "{home}");
    assert!(home.contains("<h1>Test Hub</h1>"));
    let recent_notes = home
        .split("data-collection=\"notes\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    let titles: Vec<&str> = [
        "Fifth note",
        "Fourth note",
        "Third note",
        "Second note",
        "First note",
    ]
    .into_iter()
    .filter(|t| recent_notes.contains(t))
    .collect();
    assert_eq!(titles.len(), 5, "{recent_notes}");
    let fifth = recent_notes.find("Fifth note").unwrap();
    let first = recent_notes.find("First note").unwrap();
    assert!(fifth < first, "newest first: {recent_notes}");
    assert!(!home.contains("Draft note"));
    assert_eq!(
        links_with_class(&home, "featured"),
        vec![link("/notes/third-note/", "Third note")]
    );
    assert_eq!(
        links_with_class(&home, "menu"),
        vec![link("/about/", "About this hub")]
    );
    assert_eq!(
        links_with_class(&home, "collection"),
        vec![link("/notes/", "Notes"), link("/experts/", "Experts")]
    );
}

#[test]
fn collection_list_is_paginated_with_links_between_pages() {
    let site = built();
    let page1 = site.page("notes/index.html");
    let page2 = site.page("notes/page/2/index.html");
    let page3 = site.page("notes/page/3/index.html");
    assert!(!site.exists("notes/page/1/index.html"));
    assert!(!site.exists("notes/page/4/index.html"));

    assert!(page1.contains("page 1 of 3, 5 entries"), "{page1}");
    assert!(page2.contains("page 2 of 3, 5 entries"), "{page2}");
    assert!(page3.contains("page 3 of 3, 5 entries"), "{page3}");
    // Newest first, two per page.
    assert!(page1.contains("Fifth note") && page1.contains("Fourth note"));
    assert!(page2.contains("Third note") && page2.contains("Second note"));
    assert!(page3.contains("First note") && !page3.contains("Second note"));

    let prev_next = |html: &str| {
        let prev = html
            .split("<a rel=\"prev\" href=\"")
            .nth(1)
            .map(|s| s.split('"').next().unwrap().to_string());
        let next = html
            .split("<a rel=\"next\" href=\"")
            .nth(1)
            .map(|s| s.split('"').next().unwrap().to_string());
        (prev, next)
    };
    assert_eq!(prev_next(&page1), (None, Some("/notes/page/2/".into())));
    assert_eq!(
        prev_next(&page2),
        (Some("/notes/".into()), Some("/notes/page/3/".into()))
    );
    assert_eq!(prev_next(&page3), (Some("/notes/page/2/".into()), None));
    let numbered: Vec<(String, String)> = links_with_class(&page2, "page");
    assert_eq!(
        numbered,
        vec![
            link("/notes/", "1"),
            link("/notes/page/2/", "2"),
            link("/notes/page/3/", "3")
        ]
    );
}

#[test]
fn entry_page_renders_typed_fields_as_links() {
    let site = built();
    let html = site.page("notes/first-note/index.html");
    assert!(html.contains("<body class=\"kind-entry\">"));
    assert!(html.contains("<h1>First note</h1>"));
    assert!(html.contains("<p class=\"summary\">Summary of First note.</p>"));
    assert!(html.contains("<p class=\"date\">2025-01-10</p>"));
    // Terms link to their term pages, with their labels; ids are slugged (JM -> jm).
    let terms = links_with_class(&html, "term");
    assert_eq!(
        terms,
        vec![
            link("/topics/quality/", "Quality"),
            link("/countries/jm/", "Jamaica")
        ]
    );
    // Refs link to their targets, with the target's title.
    assert_eq!(
        links_with_class(&html, "ref"),
        vec![link("/experts/marcia-campbell/", "Marcia Campbell")]
    );
    // A default is applied to a field the entry leaves out.
    assert!(
        html.contains("<dd data-field=\"status\"><span class=\"value\">open</span></dd>"),
        "{html}"
    );
    // The body's @/ link is rewritten to the target's URL, anchor kept.
    assert!(html.contains("<a href=\"/experts/andre-whyte/#biography\">Andre</a>"));
    assert!(html.contains("<h2 id=\"context\">Context</h2>"));
    assert_eq!(
        links_with_class(&html, "toc-2"),
        vec![link("#context", "Context")]
    );
    assert_eq!(
        links_with_class(&html, "edit"),
        vec![link(
            "https://github.com/example/test-hub/edit/main/content/notes/first-note.md",
            "Edit this page"
        )]
    );
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.org/notes/first-note/\">")
    );
}

#[test]
fn expert_page_lists_the_entries_that_reference_it() {
    let site = built();
    let marcia = site.page("experts/marcia-campbell/index.html");
    assert_eq!(
        links_with_class(&marcia, "backlink"),
        vec![
            link("/notes/first-note/", "First note"),
            link("/notes/second-note/", "Second note"),
            link("/about/", "About this hub"),
        ],
        "{marcia}"
    );
    assert!(marcia.contains("href=\"/notes/first-note/\" data-field=\"contacts\""));
    assert!(marcia.contains("href=\"/about/\" data-field=\"body\""));
    // Drafts are not built, so they do not show up as backlinks either.
    assert!(!marcia.contains("Draft note"));

    let andre = site.page("experts/andre-whyte/index.html");
    assert_eq!(
        links_with_class(&andre, "backlink"),
        vec![
            link("/notes/first-note/", "First note"),
            link("/notes/second-note/", "Second note"),
        ]
    );
    assert!(andre.contains("href=\"/notes/first-note/\" data-field=\"body\""));
    assert!(andre.contains("href=\"/notes/second-note/\" data-field=\"contacts\""));
}

#[test]
fn free_page_is_rendered_at_the_site_root() {
    let site = built();
    let about = site.page("about/index.html");
    assert!(about.contains("<body class=\"kind-page\">"), "{about}");
    assert!(about.contains("<h1>About this hub</h1>"));
    assert!(about.contains("<a href=\"/experts/marcia-campbell/\">Marcia</a>"));
    assert!(!site.exists("pages/about/index.html"));
    assert!(!site.exists("pages/index.html"), "free pages have no list");
}

#[test]
fn taxonomy_index_lists_every_term_with_its_count() {
    let site = built();
    let topics = site.page("topics/index.html");
    assert!(topics.contains("<body class=\"kind-taxonomy\">"));
    assert!(
        topics.contains("<a href=\"/topics/quality/\">Quality</a> (3)"),
        "{topics}"
    );
    assert!(
        topics.contains("<a href=\"/topics/literacy/\">Literacy and numeracy</a> (1) in Quality")
    );
    assert!(topics.contains("<a href=\"/topics/ict-in-education/\">ICT in education</a> (1)"));
    let countries = site.page("countries/index.html");
    assert!(
        countries.contains("<a href=\"/countries/jm/\">Jamaica</a> (2)"),
        "{countries}"
    );
    assert!(countries.contains("<a href=\"/countries/tt/\">Trinidad and Tobago</a> (2)"));
}

#[test]
fn term_page_lists_entries_of_several_collections() {
    let site = built();
    let quality = site.page("topics/quality/index.html");
    assert!(quality.contains("<body class=\"kind-term\">"));
    assert!(quality.contains("<h1>Quality</h1>"));
    let notes = quality
        .split("data-collection=\"notes\"")
        .nth(1)
        .expect("a notes section")
        .split("</section>")
        .next()
        .unwrap();
    assert!(notes.contains("<a href=\"/notes/first-note/\">First note</a>"));
    assert!(notes.contains("<a href=\"/notes/third-note/\">Third note</a>"));
    let experts = quality
        .split("data-collection=\"experts\"")
        .nth(1)
        .expect("an experts section")
        .split("</section>")
        .next()
        .unwrap();
    assert!(experts.contains("<a href=\"/experts/andre-whyte/\">Andre Whyte</a>"));
    assert!(!quality.contains("Second note"));
    assert_eq!(
        links_with_class(&quality, "child"),
        vec![link("/topics/literacy/", "Literacy and numeracy")]
    );
    let literacy = site.page("topics/literacy/index.html");
    assert_eq!(
        links_with_class(&literacy, "parent"),
        vec![link("/topics/quality/", "Quality")]
    );
    assert!(literacy.contains("Marcia Campbell"));
    // Country ids are made URL-safe for term pages.
    let jamaica = site.page("countries/jm/index.html");
    assert!(jamaica.contains("First note") && jamaica.contains("Marcia Campbell"));
}

#[test]
fn not_found_page_and_static_files_are_written() {
    let site = built();
    let not_found = site.page("404.html");
    assert!(
        not_found.contains("<body class=\"kind-404\">"),
        "{not_found}"
    );
    assert!(not_found.contains("Page not found"));
    assert_eq!(site.page("hello.txt"), "A static file.\n");
    assert_eq!(site.page("test.css"), "body { font-family: sans-serif; }\n");
    let css = site.page("syntax.css");
    assert!(css.contains(".hl-"), "highlighting classes in syntax.css");
}

#[test]
fn every_internal_link_points_at_a_built_page() {
    let site = built();
    for file in support::files::html_files(&site.output()) {
        let html = site.page(&file);
        for href in attributes(&html, "href") {
            if !href.starts_with('/') {
                continue;
            }
            let path = href.split('#').next().unwrap().trim_start_matches('/');
            let target = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            assert!(site.exists(&target), "{file} links to missing {href}");
        }
    }
}
