//! Links written from the site root (`/about/`, `/hello.txt`) on a site
//! published under a path (`https://owner.github.io/hub/`, a GitHub Pages
//! project site): the built pages carry the base path, query strings and
//! fragments are kept, and `check` finds the ones that name no page or file,
//! whether the base path comes from site.toml or from `--base-url`.

use std::path::Path;

use calabash::config;
use calabash::markdown::render;

use crate::support;
use crate::support::site::TestSite;

const LINKS: &str = "+++\ntitle = \"Links from the root\"\nsummary = \"Every kind of root link.\"\n\
    date = 2025-01-01\nstatus = \"open\"\n+++\n\n\
    Read [about us](/about/), [it again](/about/?from=note#team), [a note](/notes/first-note/)\n\
    and [the file](/hello.txt); ![A greeting](/hello.txt \"Hello\").\n\n\
    <p><a href=\"/about/#team\">About, in HTML</a> <img src=\"/hello.txt\" alt=\"Hello\"></p>\n\n\
    [Elsewhere](https://example.com/about/) and [relative](../second-note/).\n";

fn site() -> TestSite {
    let site = TestSite::fixture("valid-basic");
    site.write("content/notes/root-links.md", LINKS);
    site
}

fn set_base_url(site: &TestSite, base_url: &str) {
    let config = site.read_source("site.toml").replace(
        "base_url = \"https://example.org\"",
        &format!("base_url = \"{base_url}\""),
    );
    site.write("site.toml", &config);
}

/// The `href` and `src` values of a built page's body, in order.
fn targets(page: &str) -> Vec<String> {
    let start = page.find("<div class=\"body\">").expect("a body");
    let body = &page[start..];
    let body = &body[..body.find("</div>").expect("the body's end")];
    let mut found = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        for (at, _) in body.match_indices(attribute) {
            let rest = &body[at + attribute.len()..];
            found.push((at, rest[..rest.find('"').unwrap()].to_string()));
        }
    }
    found.sort();
    found.into_iter().map(|(_, url)| url).collect()
}

fn expected_targets(base_path: &str) -> Vec<String> {
    [
        "/about/",
        "/about/?from=note#team",
        "/notes/first-note/",
        "/hello.txt",
        "/hello.txt",
        "/about/#team",
        "/hello.txt",
    ]
    .iter()
    .map(|path| format!("{base_path}{path}"))
    .chain([
        "https://example.com/about/".to_string(),
        "../second-note/".to_string(),
    ])
    .collect()
}

#[test]
fn root_links_get_the_base_path_of_site_toml() {
    for (base_url, base_path) in [
        ("https://owner.github.io/hub/", "/hub"),
        ("https://owner.github.io/hub", "/hub"),
        ("https://owner.github.io/a/b/", "/a/b"),
        ("https://example.org", ""),
        ("https://example.org/", ""),
    ] {
        let site = site();
        set_base_url(&site, base_url);
        site.build_ok();
        let page = site.page("notes/root-links/index.html");
        assert_eq!(
            targets(&page),
            expected_targets(base_path),
            "{base_url}: {page}"
        );
    }
}

#[test]
fn root_links_get_the_base_path_given_on_the_command_line() {
    let site = site();
    site.build_with(false, Some("https://preview.example/pr-12/"))
        .unwrap_or_else(|p| panic!("{}", support::site::headlines(&p).join("\n")));
    let page = site.page("notes/root-links/index.html");
    assert_eq!(targets(&page), expected_targets("/pr-12"));
}

fn calabash_check(root: &Path, args: &[&str]) -> (bool, String) {
    let out = support::cli::check(root, args);
    (out.status.success(), support::cli::stdout(&out))
}

#[test]
fn check_finds_root_links_to_nothing_with_any_base_path() {
    let broken = LINKS
        .replace(
            "[a note](/notes/first-note/)",
            "[a note](/notes/no-such-note/)",
        )
        .replace(
            "<img src=\"/hello.txt\"",
            "<img src=\"/images/missing.png\"",
        );
    for base_url in ["https://owner.github.io/hub/", "https://example.org"] {
        let site = site();
        set_base_url(&site, base_url);
        site.write("content/notes/root-links.md", &broken);
        let (ok, report) = calabash_check(&site.root, &["--format", "json"]);
        assert!(!ok, "{report}");
        let problems: Vec<serde_json::Value> = serde_json::from_str(&report).unwrap();
        let found: Vec<(u64, u64, &str)> = problems
            .iter()
            .map(|p| {
                (
                    p["line"].as_u64().unwrap(),
                    p["column"].as_u64().unwrap(),
                    p["message"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                // At the Markdown link, and at the URL in the raw HTML.
                (
                    8,
                    63,
                    "broken link: the site has no page or file `/notes/no-such-note/`"
                ),
                (
                    11,
                    56,
                    "broken link: the site has no page or file `/images/missing.png`"
                ),
            ],
            "{base_url}"
        );
        // The same with the base path from the command line.
        let (ok, again) = calabash_check(
            &site.root,
            &[
                "--format",
                "json",
                "--base-url",
                "https://preview.example/pr-12/",
            ],
        );
        assert!(!ok);
        assert_eq!(again, report);
    }
}

#[test]
fn a_link_written_with_the_base_path_is_told_to_leave_it_out() {
    let site = site();
    set_base_url(&site, "https://owner.github.io/hub/");
    site.write(
        "content/notes/root-links.md",
        &LINKS.replace("[about us](/about/)", "[about us](/hub/about/)"),
    );
    let problems = site.build_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(
        problems[0].message,
        "broken link: the site has no page or file `/hub/about/`"
    );
    assert_eq!(
        problems[0].hint.as_deref(),
        Some(
            "write `/about/`: paths start at the site root, and Calabash puts the base path \
             `/hub` of base_url before them"
        )
    );
}

/// A site.toml for rendering bodies alone.
const CONFIG: &str = "title = \"T\"\nbase_url = \"https://example.org\"\n\
    [collections.library]\ntitle = \"Library\"\nurl = \"/resources/\"\n";

#[test]
fn raw_html_paths_from_the_site_root_get_the_base_path_and_are_checked() {
    let body = "<a href=\"/contribute/?a=b#top\">join</a> <img src=\"/images/logo.png\" alt=\"Logo\"> \
                <a href=\"relative/\">r</a> <a href=\"https://other.example/\">o</a>\n";
    let out = render(
        body,
        10,
        &config::parse(CONFIG, Some("https://owner.github.io/hub/")).unwrap(),
    );
    assert!(
        out.html.contains("href=\"/hub/contribute/?a=b#top\""),
        "{}",
        out.html
    );
    assert!(
        out.html.contains("src=\"/hub/images/logo.png\""),
        "{}",
        out.html
    );
    assert!(out.html.contains("href=\"relative/\""), "{}", out.html);
    assert!(
        out.html.contains("href=\"https://other.example/\""),
        "{}",
        out.html
    );
    let paths: Vec<&str> = out.site_paths.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(paths, ["/contribute/?a=b#top", "/images/logo.png"]);
    // Each is located where it is written in the file (the body starts at 10).
    for link in &out.site_paths {
        assert_eq!(&body[link.span.start - 10..link.span.end - 10], link.url);
    }
    let outside: Vec<&str> = out.external.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(outside, ["https://other.example/"]);

    // Links to entries work in raw HTML as in Markdown, and are checked.
    let body = "<p><a href=\"@/library/guide.md#part-2\">guide</a></p>\n";
    let out = render(
        body,
        0,
        &config::parse(CONFIG, Some("https://owner.github.io/hub/")).unwrap(),
    );
    assert!(
        out.html.contains("href=\"/hub/resources/guide/#part-2\""),
        "{}",
        out.html
    );
    assert_eq!(out.links.len(), 1);
    assert_eq!(
        (out.links[0].collection.as_str(), out.links[0].slug.as_str()),
        ("library", "guide")
    );
    assert_eq!(out.links[0].anchor.as_deref(), Some("part-2"));
    assert_eq!(
        &body[out.links[0].span.clone()],
        "@/library/guide.md#part-2"
    );
}
