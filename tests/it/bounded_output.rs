//! Output that grows linearly with the content: a list of many pages
//! carries a navigation of constant size, and an entry referred to by many
//! entries shows a bounded number of them with a link to a full list, which
//! exists only when it is needed; a site map too long for one file is an
//! index of parts, in builds and in the preview.

use std::collections::{BTreeSet, HashSet};

use calabash::serve::session::Session;

use crate::support::serve::Serve;
use crate::support::site::TestSite;

/// An entry of the sample hub, and a copy of it the preview test adds.
const ENTRY: &str = "content/library/early-grade-reading-assessment-guide.md";
const ADDED: &str = "content/library/floating-classrooms.md";
const PAGE: &str = "/library/early-grade-reading-assessment-guide/</loc>";

/// Notes written beside the fixture's, each naming `marcia-campbell` as a
/// contact: with the fixture's first and second notes, 40 refer to her.
const BULK: usize = 38;
/// What an entry page shows of one collection's referring entries.
const SHOWN: usize = 10;

/// `one-language` (the built-in hub theme) with `BULK` more notes, dated
/// one day apart, each a contact of `marcia-campbell`.
fn many_notes(site: TestSite) -> TestSite {
    for i in 1..=BULK {
        let day = 1 + i % 28;
        let month = 1 + i / 28;
        site.write(
            &format!("content/notes/bulk-{i:02}.md"),
            &format!(
                "+++\ntitle = \"Bulk note {i:02}\"\nsummary = \"Note {i:02}.\"\n\
                 date = 2024-{month:02}-{day:02}\ncontacts = [\"marcia-campbell\"]\n+++\n\nText.\n"
            ),
        );
    }
    site
}

/// The output file of a site path.
fn file_of(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

/// The HTML between `start` and the next `end`.
fn block<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

fn links(html: &str) -> usize {
    html.matches("<a ").count()
}

#[test]
fn a_long_list_has_a_navigation_of_constant_size_that_reaches_every_page() {
    let site = many_notes(TestSite::fixture("one-language"));
    site.build_ok();
    // 43 published notes, two a page.
    let total = 22;
    let nav = |n: usize| {
        let path = if n == 1 {
            "/notes/".to_string()
        } else {
            format!("/notes/page/{n}/")
        };
        block(
            &site.page(&file_of(&path)),
            "<nav class=\"pagination\"",
            "</nav>",
        )
        .to_string()
    };
    let (first, middle, last) = (nav(1), nav(total / 2), nav(total));
    assert_eq!(links(&first), links(&middle), "{first}\n{middle}");
    assert_eq!(links(&last), links(&middle), "{last}\n{middle}");
    for n in 1..=total {
        let html = nav(n);
        // Nine places (numbers and gaps), with previous and next.
        assert!(links(&html) <= 11, "page {n}: {html}");
        assert_eq!(html.matches("aria-current=\"page\"").count(), 1, "{html}");
        let current = block(&html, "aria-current=\"page\"", "</a>");
        assert!(
            current.ends_with(&format!("</span>{n}")),
            "page {n}: {current}"
        );
        assert!(html.contains("aria-label=\""), "the nav has a label");
        for gap in html.split("<li class=\"pagination-gap\">").skip(1) {
            let gap = &gap[..gap.find("</li>").unwrap()];
            assert!(!gap.contains("<a"), "a gap is no link: {gap}");
            assert!(gap.contains("aria-hidden=\"true\""), "{gap}");
        }
    }
    assert!(first.contains("pagination-gap"), "22 pages leave some out");
    // Following the navigation from the first page reaches every page.
    let mut seen = BTreeSet::from(["/notes/".to_string()]);
    let mut next = vec!["/notes/".to_string()];
    while let Some(path) = next.pop() {
        let html = site.page(&file_of(&path));
        let nav = block(&html, "<nav class=\"pagination\"", "</nav>");
        for href in hrefs(nav) {
            if seen.insert(href.clone()) {
                next.push(href);
            }
        }
    }
    assert_eq!(seen.len(), total, "{seen:?}");
}

/// The entry links of every page of the full list at `path`, following
/// its navigation.
fn full_list(site: &TestSite, path: &str) -> Vec<String> {
    let mut listed = Vec::new();
    let mut pages = vec![path.to_string()];
    let mut seen = HashSet::new();
    while let Some(page) = pages.pop() {
        if !seen.insert(page.clone()) {
            continue;
        }
        let html = site.page(&file_of(&page));
        listed.extend(hrefs(block(&html, "<ul class=\"cards\">", "</ul>")));
        if html.contains("<nav class=\"pagination\"") {
            pages.extend(hrefs(block(&html, "<nav class=\"pagination\"", "</nav>")));
        }
    }
    listed
}

#[test]
fn an_entry_referred_to_by_many_shows_the_most_recent_and_links_them_all() {
    let site = many_notes(TestSite::fixture("one-language"));
    site.build_ok();
    let html = site.page("experts/marcia-campbell/index.html");
    let backlinks = block(&html, "<section class=\"backlinks\"", "</section>");
    let shown: Vec<String> = hrefs(backlinks)
        .into_iter()
        .filter(|h| h.starts_with("/notes/"))
        .collect();
    assert_eq!(shown.len(), SHOWN, "{backlinks}");
    // The most recent: the fixture's second and first notes (2025), then
    // bulk notes 38 down to 31 (February 2024).
    let mut recent: BTreeSet<String> = (31..=BULK)
        .map(|i| format!("/notes/bulk-{i:02}/"))
        .collect();
    recent.extend(["/notes/first-note/".into(), "/notes/second-note/".into()]);
    assert_eq!(shown.iter().cloned().collect::<BTreeSet<_>>(), recent);
    let all = "/experts/marcia-campbell/referenced-by/notes/";
    assert!(
        backlinks.contains(&format!("<a href=\"{all}\">All 40 entries from Notes</a>")),
        "{backlinks}"
    );
    let listed: BTreeSet<String> = full_list(&site, all).into_iter().collect();
    let mut expected: BTreeSet<String> =
        (1..=BULK).map(|i| format!("/notes/bulk-{i:02}/")).collect();
    expected.extend(["/notes/first-note/".into(), "/notes/second-note/".into()]);
    assert_eq!(listed, expected);
    // Referred to by one note only: the page shows it, no full list.
    let andre = site.page("experts/andre-whyte/index.html");
    assert!(andre.contains("class=\"backlinks\""));
    assert!(!andre.contains("referenced-by/"), "no link to a full list");
    assert!(!site.exists("experts/andre-whyte/referenced-by/notes/index.html"));
}

#[test]
fn the_full_list_is_in_each_language_of_the_entry_page() {
    let site = many_notes(TestSite::layered(&["valid-basic", "translations"]).with_hub_theme());
    site.build_ok();
    for (prefix, words) in [
        ("", "All 40 entries from"),
        ("/es", "Ver las 40 entradas de"),
    ] {
        let page = format!("{prefix}/experts/marcia-campbell/");
        let html = site.page(&file_of(&page));
        let backlinks = block(&html, "<section class=\"backlinks\"", "</section>");
        assert!(backlinks.contains(words), "{page}: {backlinks}");
        let all = format!("{page}referenced-by/notes/");
        assert!(
            backlinks.contains(&format!("href=\"{all}\"")),
            "{backlinks}"
        );
        let listed = full_list(&site, &all);
        assert_eq!(listed.len(), BULK + 2, "{all}: {listed:?}");
        let html = site.page(&file_of(&all));
        assert!(html.contains(&format!(
            "<html lang=\"{}\"",
            if prefix.is_empty() { "en" } else { "es" }
        )));
    }
    // The Spanish list shows the Spanish version of a translated note.
    let es = full_list(&site, "/es/experts/marcia-campbell/referenced-by/notes/");
    assert!(es.contains(&"/es/notes/first-note/".to_string()), "{es:?}");
}

#[test]
fn the_preview_rebuilds_the_full_list_when_a_referring_entry_changes() {
    let site = many_notes(TestSite::fixture("one-language"));
    let served = site.root.join("served");
    let mut session = Session::new(&site.root, &served, Default::default());
    session.start().expect("the site builds");
    let full = "experts/marcia-campbell/referenced-by/notes/index.html";
    let file = "content/notes/bulk-05.md";
    let text = site
        .read_source(file)
        .replace("Bulk note 05", "Renamed note");
    site.write(file, &text);
    let outcome = session
        .apply(&BTreeSet::from([file.to_string()]), false)
        .expect("rebuilt");
    assert!(outcome.files.contains(full), "{:?}", outcome.files);
    let html = std::fs::read_to_string(served.join(full)).unwrap();
    assert!(html.contains("Renamed note"));
    // An unrelated page is left alone.
    assert!(!outcome.files.contains("experts/andre-whyte/index.html"));
}

/// The `<url>` blocks of a site map, in order.
fn url_blocks(sitemap: &str) -> Vec<String> {
    sitemap
        .split("<url>")
        .skip(1)
        .map(|block| block.split("</url>").next().unwrap_or("").to_string())
        .collect()
}

/// The addresses a site map index lists.
fn part_addresses(index: &str) -> Vec<String> {
    index
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</loc>").map(|(loc, _)| loc.to_string()))
        .collect()
}

#[test]
fn a_site_map_longer_than_one_file_is_split_into_an_index_of_parts() {
    // A hub of two languages: each page's line carries its alternates.
    let site = TestSite::layered(&["valid-basic", "translations"]).with_hub_theme();
    let build = |out: &str, per_file: Option<&str>| {
        let mut env = vec![("SOURCE_DATE_EPOCH", "1780000000")];
        env.extend(per_file.map(|n| ("CALABASH_SITEMAP_URLS", n)));
        let folder = site.root.join(out);
        crate::support::cli::build_with(&site.root, &folder, &[], &env);
        folder
    };
    let whole = build("whole", None);
    let whole_map = std::fs::read_to_string(whole.join("sitemap.xml")).unwrap();
    assert!(
        whole_map.contains("<urlset"),
        "one file while the pages fit"
    );
    assert!(!whole.join("sitemap-1.xml").exists());
    let pages = url_blocks(&whole_map);
    assert!(pages.len() > 14, "enough pages to split: {}", pages.len());

    for per_file in [7, 5, 1] {
        let split = build(&format!("split-{per_file}"), Some(&per_file.to_string()));
        let index = std::fs::read_to_string(split.join("sitemap.xml")).unwrap();
        roxmltree::Document::parse(&index).expect("a well-formed index");
        assert!(
            index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        let parts = part_addresses(&index);
        assert_eq!(parts.len(), pages.len().div_ceil(per_file), "{index}");
        let mut listed = Vec::new();
        for (n, address) in parts.iter().enumerate() {
            let file = format!("sitemap-{}.xml", n + 1);
            assert_eq!(
                address,
                &format!("https://example.org/{file}"),
                "absolute, in order"
            );
            let part = std::fs::read_to_string(split.join(&file)).unwrap();
            roxmltree::Document::parse(&part).expect("a well-formed part");
            assert!(
                part.contains("xmlns:xhtml="),
                "alternates keep their namespace"
            );
            let blocks = url_blocks(&part);
            assert!(
                !blocks.is_empty() && blocks.len() <= per_file,
                "{file}: {}",
                blocks.len()
            );
            listed.extend(blocks);
        }
        assert_eq!(
            listed, pages,
            "the parts list every page once, alternates and all"
        );
        assert!(
            !split
                .join(format!("sitemap-{}.xml", parts.len() + 1))
                .exists()
        );
        let robots = std::fs::read_to_string(split.join("robots.txt")).unwrap();
        assert!(robots.contains("Sitemap: https://example.org/sitemap.xml"));
        // Pages are as in the whole build: only the site map's files differ.
        let page = "notes/first-note/index.html";
        assert_eq!(
            std::fs::read(split.join(page)).unwrap(),
            std::fs::read(whole.join(page)).unwrap()
        );
    }
}

/// The addresses of the pages listed by the preview's site map, part by
/// part, and how many parts there are.
fn served_site_map(serve: &Serve) -> (usize, Vec<String>) {
    let (status, index) = serve.get("/sitemap.xml");
    assert_eq!(status, 200);
    let parts = part_addresses(&index);
    let pages = (1..=parts.len())
        .flat_map(|n| {
            let (status, part) = serve.get(&format!("/sitemap-{n}.xml"));
            assert_eq!(status, 200, "part {n} of {}", parts.len());
            url_blocks(&part)
        })
        .collect();
    (parts.len(), pages)
}

#[test]
fn the_preview_keeps_the_parts_of_a_long_site_map_in_step_with_the_pages() {
    // One page a part, so that any page added or removed changes the parts.
    let serve = Serve::sample_hub_with_env(&[("CALABASH_SITEMAP_URLS", "1")]);
    let (parts, pages) = served_site_map(&serve);
    assert!(parts > 100, "{parts} parts");
    assert_eq!(pages.len(), parts);
    let index_parts = |s: u16, b: &str| (s == 200).then(|| part_addresses(b).len());

    let original = std::fs::read_to_string(serve.path(ENTRY)).unwrap();
    let copy = original
        .lines()
        .filter(|l| !l.starts_with("aliases"))
        .map(|l| match l.starts_with("title = ") {
            true => "title = \"Floating classrooms of the delta\"",
            false => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(serve.path(ADDED), copy).unwrap();
    serve.wait_for("/sitemap.xml", "more parts", |s, b| {
        index_parts(s, b).is_some_and(|n| n > parts)
    });
    let (more, pages) = served_site_map(&serve);
    let listing = |pages: &[String]| {
        (pages.iter())
            .filter(|p| p.contains("/library/floating-classrooms/</loc>"))
            .count()
    };
    assert_eq!(listing(&pages), 1, "the new page is in one part");

    std::fs::remove_file(serve.path(ADDED)).unwrap();
    serve.wait_for("/sitemap.xml", "the parts before", |s, b| {
        index_parts(s, b) == Some(parts)
    });
    serve.wait_for(&format!("/sitemap-{more}.xml"), "removed", |s, _| s == 404);
    let (_, pages) = served_site_map(&serve);
    assert_eq!(listing(&pages), 0, "the removed page is in no part");

    // An edit that adds no page changes only what a part says of it.
    let part = (pages.iter().position(|p| p.contains(PAGE))).expect("listed") + 1;
    let updated = original.replace("updated = 2025-01-27", "updated = 2025-06-30");
    assert_ne!(updated, original);
    std::fs::write(serve.path(ENTRY), updated).unwrap();
    serve.wait_for(&format!("/sitemap-{part}.xml"), "the new date", |s, b| {
        s == 200 && b.contains(PAGE) && b.contains("<lastmod>2025-06-30</lastmod>")
    });
}
