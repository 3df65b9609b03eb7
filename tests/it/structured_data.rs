//! schema.org structured data (docs/templates.md, "Structured data"): every
//! `<script type="application/ld+json">` block of the built sample hub parses
//! as JSON, cannot end its script element early, and has the type that fits
//! the page: `WebSite` on the home page, `CollectionPage` on lists, and per
//! collection on entry pages (Report / CreativeWork, Article, Person inside a
//! ProfilePage, Event with its start date).

use std::path::Path;

use serde_json::Value;

use crate::support;
use crate::support::calendar::instant;
use crate::support::html::{json_ld_blocks, json_ld_nodes, json_ld_types};

/// Collections of the sample hub: (name, folder, accepted entry types).
const ENTRY_TYPES: &[(&str, &str, &[&str])] = &[
    ("replies", "replies", &["Report", "CreativeWork"]),
    ("library", "library", &["Report", "CreativeWork"]),
    ("case-studies", "practice", &["Article"]),
    ("experts", "experts", &["ProfilePage"]),
    ("events", "events", &["Event"]),
    ("discussions", "discussions", &[]),
];

/// The parsed JSON-LD documents of a page; panics on one that is unsafe or
/// does not parse.
fn documents(page: &Path) -> Vec<Value> {
    let html = std::fs::read_to_string(page).unwrap();
    json_ld_blocks(&html)
        .iter()
        .map(|block| {
            let lower = block.to_ascii_lowercase();
            for bad in ["</script", "<script", "<!--"] {
                assert!(
                    !lower.contains(bad),
                    "{}: a JSON-LD block contains `{bad}`",
                    page.display()
                );
            }
            serde_json::from_str(block).unwrap_or_else(|e| {
                panic!("{}: JSON-LD does not parse ({e}):\n{block}", page.display())
            })
        })
        .collect()
}

/// The first node of `docs` with one of `types`.
fn node_of<'a>(docs: &'a [Value], types: &[&str]) -> Option<&'a Value> {
    docs.iter()
        .flat_map(json_ld_nodes)
        .find(|n| json_ld_types(n).iter().any(|t| types.contains(&t.as_str())))
}

fn types_of(docs: &[Value]) -> Vec<String> {
    docs.iter()
        .flat_map(json_ld_nodes)
        .flat_map(json_ld_types)
        .collect()
}

#[test]
fn every_block_parses_and_pages_have_their_types() {
    let tmp = tempfile::tempdir().unwrap();
    let site = support::cli::build_sample_hub(tmp.path());
    let pages = support::files::files_ending(&site, ".html");
    assert!(pages.len() > 50, "the whole hub was built");
    let mut blocks = 0;
    for page in &pages {
        blocks += documents(page).len();
    }
    assert!(blocks > 0, "no page has a JSON-LD block");

    let home = documents(&site.join("index.html"));
    let website = node_of(&home, &["WebSite"])
        .unwrap_or_else(|| panic!("home: no WebSite in {:?}", types_of(&home)));
    assert_eq!(website["name"], "Caribbean Education Knowledge Hub");

    for (_, folder, _) in ENTRY_TYPES {
        let list = documents(&site.join(folder).join("index.html"));
        assert!(
            node_of(&list, &["CollectionPage"]).is_some(),
            "/{folder}/: no CollectionPage in {:?}",
            types_of(&list)
        );
    }
}

#[test]
fn entry_pages_have_the_type_of_their_collection() {
    let tmp = tempfile::tempdir().unwrap();
    let site = support::cli::build_sample_hub(tmp.path());
    let mut problems = Vec::new();
    for (collection, folder, accepted) in ENTRY_TYPES {
        for (slug, fm) in support::files::entries(collection) {
            let in_language = support::files::language_folder(&fm);
            let page = site
                .join(format!("{in_language}{folder}"))
                .join(&slug)
                .join("index.html");
            let url = format!("/{in_language}{folder}/{slug}/");
            let docs = documents(&page);
            let found = types_of(&docs);
            if docs.is_empty() {
                problems.push(format!("{url}: no JSON-LD"));
                continue;
            }
            let wanted: Vec<&str> = if accepted.is_empty() {
                found.iter().map(String::as_str).collect()
            } else {
                accepted.to_vec()
            };
            let Some(node) = node_of(&docs, &wanted) else {
                problems.push(format!(
                    "{url}: expected one of {accepted:?}, found {found:?}"
                ));
                continue;
            };
            let title = fm["title"].as_str().unwrap();
            let item = match *collection {
                "experts" => {
                    let person = &node["mainEntity"];
                    if !json_ld_types(person).contains(&"Person".to_string()) {
                        problems.push(format!("{url}: ProfilePage without a Person mainEntity"));
                        continue;
                    }
                    person
                }
                _ => node,
            };
            let names = [&item["name"], &item["headline"]];
            let expected = fm.get("name").and_then(|n| n.as_str()).unwrap_or(title);
            if !names.iter().any(|n| n.as_str() == Some(expected)) {
                problems.push(format!("{url}: neither name nor headline is {expected:?}"));
            }
            if *collection == "events" {
                let start = fm["start"].to_string();
                match item["startDate"].as_str() {
                    Some(s) if instant(s) == instant(&start) => {}
                    other => problems.push(format!("{url}: startDate {other:?}, expected {start}")),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Text that tries to close the script element is escaped, and comes back
/// unchanged when the JSON is parsed.
#[test]
fn hostile_text_is_escaped_without_loss() {
    let tmp = tempfile::tempdir().unwrap();
    let root = support::injection::injection_site(tmp.path());
    let site = tmp.path().join("out");
    support::cli::build(&root, &site, None);
    let payload = support::injection::payload();

    let home = documents(&site.join("index.html"));
    let website = node_of(&home, &["WebSite"]).expect("home: a WebSite");
    assert_eq!(website["name"].as_str(), Some(payload.as_str()));

    let reply = documents(&site.join("replies/injected-reply/index.html"));
    let node = node_of(&reply, &["Report", "CreativeWork"]).expect("reply: a Report");
    let names = [&node["name"], &node["headline"]];
    assert!(
        names.iter().any(|n| n.as_str() == Some(payload.as_str())),
        "the reply's name is its title, unchanged: {node}"
    );
    for page in support::files::files_ending(&site, ".html") {
        documents(&page); // every block is safe and parses
    }
}

/// The block finder used above sees blocks the way a browser does.
#[test]
fn block_finder_stops_at_the_first_script_end() {
    let html = r#"<p>x</p><script type="application/ld+json">{"a":"</SCRIPT><b>"}</script>
        <script src=x.js></script><SCRIPT TYPE='application/ld+json'>[1]</SCRIPT>"#;
    assert_eq!(json_ld_blocks(html), [r#"{"a":""#, "[1]"]);
}
