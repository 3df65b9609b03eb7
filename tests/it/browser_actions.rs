//! Members' actions in headless Chromium (tests/browser/actions.mjs, with
//! JavaScript off): each action `site.toml` sets appears where members look
//! for it and links where it says; an expert with `contact = "form"` links
//! to the configured form; with nothing set, no action, empty link or empty
//! heading is left anywhere (checked in the browser and in every built
//! page); axe-core finds no violation on the pages that show actions.

use std::path::Path;

use serde_json::Value;

use crate::support::browser::{axe_problems, one_browser, run, serve};
use crate::support::files::html_files;
use crate::support::report::Report;
use crate::support::site::TestSite;

const JOIN: &str = "mailto:hub-join@example.org?subject=Join%20the%20hub";
const QUERY: &str = "https://github.com/calabash-hub/calabash/issues/new?template=replies.yml";
const TEAM: &str = "mailto:facilitators@example.org";
const EXPERT_FORM: &str = "https://forms.example.org/contact-an-expert";
const DISCUSSION: &str = "https://groups.example.org/g/eduexchange";
const PROPOSE: &str = "https://github.com/calabash-hub/calabash/issues/new?template=";
const ADD: &str = "https://github.com/calabash-hub/calabash/new/main/content/";

const OPEN_DISCUSSION: &str = "schools-after-hurricanes";
const CLOSED_DISCUSSION: &str = "blended-learning-after-covid";
const FORM_EXPERT: &str = "kwame-boateng";
const VIA_FACILITATOR: &str = "andre-whyte";

/// The pages that show actions.
fn paths() -> Vec<String> {
    [
        "/".to_string(),
        "/replies/".into(),
        "/practice/".into(),
        "/library/".into(),
        "/experts/".into(),
        format!("/discussions/{OPEN_DISCUSSION}/"),
        format!("/discussions/{CLOSED_DISCUSSION}/"),
        format!("/experts/{FORM_EXPERT}/"),
        format!("/experts/{VIA_FACILITATOR}/"),
    ]
    .into()
}

/// The sample hub with one discussion open.
fn hub_with_open_discussion() -> TestSite {
    let site = TestSite::sample_hub();
    let file = format!("content/discussions/{OPEN_DISCUSSION}.md");
    let text = site.read_source(&file);
    assert!(text.contains("status = \"summarised\""));
    site.write(
        &file,
        &text.replace("status = \"summarised\"", "status = \"open\""),
    );
    site
}

/// `(text, href)` of every link of a page the script visited.
fn links(page: &Value) -> Vec<(String, String)> {
    page.list("links")
        .iter()
        .map(|l| {
            (
                l.text("text").to_string(),
                l.key("href").as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn has_link(page: &Value, text: &str, href: impl Fn(&str) -> bool) -> bool {
    links(page).iter().any(|(t, h)| t == text && href(h))
}

#[test]
fn configured_actions_show_where_members_look() {
    let _one = one_browser();
    let site = hub_with_open_discussion();
    let served = serve(&site.root);
    let report = run("actions.mjs", &served, &paths(), 4);
    let pages = report.list("pages");
    let page = |path: &str| pages.iter().find(|p| p.text("path") == path).unwrap();
    let mut missing = Vec::new();
    let mut expect = |path: &str, text: &str, href: &dyn Fn(&str) -> bool| {
        if !has_link(page(path), text, href) {
            missing.push(format!("{path}: no link {text:?}: {:?}", links(page(path))));
        }
    };
    expect("/", "Join the hub", &|h| h == JOIN);
    expect("/", "Send a query to the community", &|h| h == QUERY);
    expect("/", "Contact the facilitators", &|h| h == TEAM);
    expect("/replies/", "Send a query to the community", &|h| {
        h == QUERY
    });
    expect("/replies/", "Add a consolidated reply on GitHub", &|h| {
        h.starts_with(&format!("{ADD}replies?"))
    });
    expect("/practice/", "Propose a case study", &|h| {
        h == format!("{PROPOSE}case-studies.yml")
    });
    expect("/practice/", "Add a case study on GitHub", &|h| {
        h.starts_with(&format!("{ADD}case-studies?"))
    });
    expect("/library/", "Propose a resource", &|h| {
        h == format!("{PROPOSE}library.yml")
    });
    expect("/experts/", "Propose an expert", &|h| {
        h == format!("{PROPOSE}experts.yml")
    });
    let open = format!("/discussions/{OPEN_DISCUSSION}/");
    expect(&open, "Take part in this discussion", &|h| h == DISCUSSION);
    let form = format!("/experts/{FORM_EXPERT}/");
    expect(
        &form,
        "Send Kwame Boateng a message with the hub's contact form",
        &|h| h == EXPERT_FORM,
    );
    expect(
        &format!("/experts/{VIA_FACILITATOR}/"),
        "write to the facilitators",
        &|h| h == TEAM,
    );
    assert!(missing.is_empty(), "{}", missing.join("\n"));

    let closed = page(&format!("/discussions/{CLOSED_DISCUSSION}/"));
    assert!(
        !links(closed).iter().any(|(_, h)| h == DISCUSSION),
        "only an open discussion invites members to take part"
    );
    // The "Propose" and "Send a query" links are where the collection is.
    assert!(!links(page("/library/")).iter().any(|(_, h)| h == QUERY));

    let mut problems = Vec::new();
    for p in pages {
        assert_eq!(p.number("status"), 200, "{}", p.text("path"));
        assert!(p.strings("consoleErrors").is_empty(), "{p}");
        problems.extend(
            axe_problems(p)
                .into_iter()
                .map(|a| format!("{}: {a}", p.text("path"))),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_no_empty_links_or_headings(&served.site);
}

/// Every word an action's link or heading uses.
const ACTION_WORDS: [&str; 9] = [
    "Join the hub",
    "Send a query",
    "Propose a",
    "Propose an",
    "Take part in this discussion",
    "contact form",
    "Contact the facilitators",
    "write to the facilitators",
    "Contribute to",
];

#[test]
fn unset_actions_leave_nothing_behind() {
    let _one = one_browser();
    let site = hub_with_open_discussion();
    let toml = site.read_source("site.toml");
    let start = toml
        .find("# ------------------------------------------------------------------ actions")
        .unwrap();
    let end = toml.find("[markdown]").unwrap();
    let bare: String = format!("{}{}", &toml[..start], &toml[end..])
        .lines()
        .filter(|l| !l.starts_with("repository_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    // Without a repository there is no browser editor to save to either.
    assert!(bare.contains("[cms]\nbuild = true\n"));
    site.write("site.toml", &bare.replace("[cms]\nbuild = true\n", ""));
    let served = serve(&site.root);
    let report = run("actions.mjs", &served, &paths(), 4);
    let mut left = Vec::new();
    for p in report.list("pages") {
        for (text, href) in links(p) {
            let action = ACTION_WORDS.iter().any(|w| text.contains(w))
                || text.starts_with("Add a")
                || [JOIN, QUERY, TEAM, EXPERT_FORM, DISCUSSION].contains(&href.as_str())
                || href.contains("github.com");
            if action {
                left.push(format!("{}: link {text:?} → {href}", p.text("path")));
            }
        }
        for heading in p.strings("headings") {
            if heading.is_empty() || heading.starts_with("Contribute to") {
                left.push(format!("{}: heading {heading:?}", p.text("path")));
            }
        }
    }
    assert!(left.is_empty(), "{}", left.join("\n"));
    // Kwame Boateng chose a form: with none set, the theme's contact
    // section promises none (his own text may still mention one).
    let kwame = std::fs::read_to_string(
        served
            .site
            .join(format!("experts/{FORM_EXPERT}/index.html")),
    )
    .unwrap();
    let section = kwame
        .split("<section aria-labelledby=\"contact-heading\">")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("the expert page has its contact section");
    assert!(
        !section.contains("form"),
        "no form is promised when none is set: {section}"
    );
    // Every page of the site, not only those the browser saw.
    for file in html_files(&served.site) {
        let html = std::fs::read_to_string(served.site.join(&file)).unwrap();
        for (tag, open, content) in elements(&html) {
            let words = strip_tags(content);
            let action = ACTION_WORDS.iter().any(|w| words.contains(w))
                || (tag == "a" && (words.starts_with("Add a") || open.contains("github.com")));
            assert!(
                !action,
                "{file}: <{tag}> {words:?} is left with no action set"
            );
        }
        assert!(
            !html.contains("class=\"box contribute\""),
            "{file}: an empty Contribute box"
        );
    }
    assert_no_empty_links_or_headings(&served.site);
}

/// No built page has a link without an address or words, or a heading
/// without words.
fn assert_no_empty_links_or_headings(site: &Path) {
    let mut empty = Vec::new();
    for file in html_files(site) {
        let html = std::fs::read_to_string(site.join(&file)).unwrap();
        for (tag, open, close) in elements(&html) {
            let words = strip_tags(close).trim().to_string();
            let labelled = open.contains("aria-label=\"") && !open.contains("aria-label=\"\"");
            if words.is_empty() && !labelled {
                empty.push(format!("{file}: empty <{tag}>: {open}"));
            }
            if tag == "a" && (!open.contains(" href=\"") || open.contains(" href=\"\"")) {
                empty.push(format!("{file}: <a> without an address: {open}"));
            }
        }
    }
    assert!(empty.is_empty(), "{}", empty.join("\n"));
}

/// `(tag, opening tag, content)` of every link and heading.
fn elements(html: &str) -> Vec<(&'static str, &str, &str)> {
    let mut found = Vec::new();
    for tag in ["a", "h1", "h2", "h3", "h4", "h5", "h6"] {
        let opening = format!("<{tag}");
        let closing = format!("</{tag}>");
        let mut rest = html;
        while let Some(i) = rest.find(&opening) {
            let after = &rest[i + opening.len()..];
            if !after.starts_with([' ', '>']) {
                rest = after;
                continue;
            }
            let Some(end) = after.find('>') else { break };
            let Some(close) = after[end..].find(&closing) else {
                break;
            };
            found.push((tag, &after[..end], &after[end + 1..end + close]));
            rest = &after[end + close..];
        }
    }
    found
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}
