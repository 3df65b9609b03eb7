//! The sample hub's Atom feeds (site-wide and one per collection) are
//! well-formed XML in the Atom namespace, and every entry has the elements
//! RFC 4287 requires: id, title, updated, and a link.

use std::path::Path;

use crate::support;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, tag: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name((ATOM, tag)))
}

/// Everything wrong with one feed; `Ok(n)` is its number of entries.
fn check_feed(path: &Path) -> Result<usize, Vec<String>> {
    let name = path.display().to_string();
    let xml = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&xml).map_err(|e| vec![format!("{name}: {e}")])?;
    let feed = doc.root_element();
    let mut problems = Vec::new();
    if feed.tag_name().name() != "feed" || feed.tag_name().namespace() != Some(ATOM) {
        problems.push(format!("{name}: root is not <feed xmlns=\"{ATOM}\">"));
    }
    for tag in ["id", "title", "updated"] {
        if child(feed, tag).is_none() {
            problems.push(format!("{name}: <feed> without <{tag}>"));
        }
    }
    let mut ids = std::collections::BTreeSet::new();
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    for (i, entry) in entries.iter().enumerate() {
        let at = format!("{name}: entry {}", i + 1);
        for tag in ["id", "title", "updated"] {
            match child(*entry, tag).and_then(|n| n.text()) {
                Some(t) if !t.trim().is_empty() => {}
                _ => problems.push(format!("{at}: no <{tag}>")),
            }
        }
        if let Some(id) = child(*entry, "id").and_then(|n| n.text())
            && !ids.insert(id.to_string())
        {
            problems.push(format!("{at}: id {id} repeated"));
        }
        if let Some(updated) = child(*entry, "updated").and_then(|n| n.text())
            && updated.trim().parse::<jiff::Timestamp>().is_err()
        {
            problems.push(format!("{at}: <updated> {updated} is not RFC 3339"));
        }
        let href = child(*entry, "link").and_then(|l| l.attribute("href"));
        if !href.is_some_and(|h| h.starts_with("http://") || h.starts_with("https://")) {
            problems.push(format!("{at}: no <link> with an absolute href"));
        }
    }
    if problems.is_empty() {
        Ok(entries.len())
    } else {
        Err(problems)
    }
}

#[test]
fn every_feed_of_the_sample_hub_is_valid_atom() {
    let tmp = tempfile::tempdir().unwrap();
    let site = support::cli::build_sample_hub(tmp.path());
    let feeds = support::files::files_ending(&site, "atom.xml");
    let urls: Vec<String> = feeds
        .iter()
        .map(|f| support::files::url_path(&site, f))
        .collect();
    for expected in [
        "/atom.xml",
        "/replies/atom.xml",
        "/discussions/atom.xml",
        "/practice/atom.xml",
        "/library/atom.xml",
        "/experts/atom.xml",
        "/events/atom.xml",
    ] {
        assert!(
            urls.iter().any(|u| u == expected),
            "no {expected}: {urls:?}"
        );
    }
    let mut problems = Vec::new();
    for feed in &feeds {
        match check_feed(feed) {
            Ok(0) => problems.push(format!("{}: no entries", feed.display())),
            Ok(_) => {}
            Err(p) => problems.extend(p),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Titles full of markup are escaped, so the feeds stay well-formed.
#[test]
fn feeds_stay_well_formed_with_hostile_text() {
    let tmp = tempfile::tempdir().unwrap();
    let root = support::injection::injection_site(tmp.path());
    let site = tmp.path().join("out");
    support::cli::build(&root, &site, None);
    for feed in support::files::files_ending(&site, "atom.xml") {
        check_feed(&feed).unwrap_or_else(|p| panic!("{}", p.join("\n")));
    }
    let xml = std::fs::read_to_string(site.join("replies/atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let payload = support::injection::payload();
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name((ATOM, "title")) && n.text() == Some(payload.as_str())),
        "the entry's title comes back unchanged from the XML"
    );
}

/// The checker rejects a feed that breaks the rules.
#[test]
fn feed_check_rejects_a_broken_feed() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("atom.xml");
    std::fs::write(
        &bad,
        format!(
            "<feed xmlns=\"{ATOM}\"><id>x</id><title>t</title><updated>2025-01-01T00:00:00Z</updated>\
             <entry><id>a</id><title>A</title><updated>yesterday</updated></entry></feed>"
        ),
    )
    .unwrap();
    let problems = check_feed(&bad).unwrap_err().join("\n");
    assert!(problems.contains("not RFC 3339"), "{problems}");
    assert!(problems.contains("no <link>"), "{problems}");
    std::fs::write(&bad, "<feed><entry></feed>").unwrap();
    assert!(check_feed(&bad).is_err());
}
