//! The search index kept by `calabash build` and `calabash search`: stemmed
//! matching in each entry's language, every word required, title weighted
//! most, collection filter, snippets with marked words, stable JSON.

use calabash::search::query::{SearchOptions, search};

use crate::support;
use crate::support::{files::file_names, site::TestSite};

/// valid-basic (whose entries mention none of the words searched here) plus
/// entries written for these tests.
fn site() -> TestSite {
    let site = TestSite::fixture("valid-basic");
    for (path, text) in [
        (
            "content/notes/parents-and-phones.md",
            "+++\ntitle = \"Parents and phones\"\nsummary = \"Messaging families.\"\ndate = 2025-01-01\nstatus = \"open\"\ntopics = [\"ict-in-education\"]\n+++\nTeachers sent voice notes to families every week.\n",
        ),
        (
            "content/notes/reading-clubs.md",
            "+++\ntitle = \"Reading clubs\"\nsummary = \"After-school reading.\"\ndate = 2025-01-02\nstatus = \"open\"\n+++\nParents volunteered at the clubs; children read aloud.\n",
        ),
        (
            "content/notes/escuelas-rurales.md",
            "+++\ntitle = \"Escuelas rurales\"\nsummary = \"Notas sobre las escuelas.\"\ndate = 2025-01-03\nlang = \"es\"\nstatus = \"open\"\n+++\nLas maestras visitaron las comunidades.\n",
        ),
        (
            "content/notes/mangrove-planting.md",
            "+++\ntitle = \"Mangrove planting with pupils\"\nsummary = \"Coastal lessons.\"\ndate = 2025-01-05\n+++\nPupils planted mangrove seedlings to slow coastal erosion.\n",
        ),
        (
            "content/notes/mangrove-survey.md",
            "+++\ntitle = \"Surveying mangrove seedlings\"\nsummary = \"Erosion data.\"\ndate = 2025-01-06\n+++\nClasses counted seedlings and measured erosion each term.\n",
        ),
        (
            "content/experts/ana-reading.md",
            "+++\ntitle = \"Ana Reading\"\nsummary = \"Expert.\"\ndate = 2025-01-04\nname = \"Ana Reading\"\ncountry = \"JM\"\n+++\nWorks with parents.\n",
        ),
    ] {
        site.write(path, text);
    }
    site.build_ok();
    site
}

fn keys(site: &TestSite, query: &str, collection: Option<&str>) -> Vec<String> {
    let filters: Vec<(&str, &str)> = collection.map(|c| ("collection", c)).into_iter().collect();
    found(site, query, false, &filters)
}

fn found(site: &TestSite, query: &str, prefix: bool, filters: &[(&str, &str)]) -> Vec<String> {
    let options = SearchOptions {
        filters: filters
            .iter()
            .map(|(g, v)| (g.to_string(), v.to_string()))
            .collect(),
        limit: 10,
        prefix,
        lang: None,
    };
    search(&site.root, query, &options)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.key)
        .collect()
}

#[test]
fn words_match_by_their_stem_and_titles_rank_first() {
    let site = site();
    // "parent" finds "Parents" (title), "parents" in a body and in another collection.
    let found = keys(&site, "parent", None);
    assert_eq!(
        found[0], "notes/parents-and-phones",
        "title match first: {found:?}"
    );
    assert!(found.contains(&"notes/reading-clubs".to_string()));
    assert!(found.contains(&"experts/ana-reading".to_string()));
    assert_eq!(
        keys(&site, "voice note", None),
        ["notes/parents-and-phones"]
    );
}

#[test]
fn every_word_must_match() {
    let site = site();
    assert_eq!(keys(&site, "parents clubs", None), ["notes/reading-clubs"]);
    assert!(keys(&site, "parents zebra", None).is_empty());
    assert!(keys(&site, "", None).is_empty());
}

#[test]
fn entries_are_stemmed_in_their_own_language() {
    let site = site();
    // Spanish stemming: "escuela" and "maestra" reach the plural forms.
    assert_eq!(keys(&site, "escuela", None), ["notes/escuelas-rurales"]);
    assert_eq!(keys(&site, "maestra", None), ["notes/escuelas-rurales"]);
}

#[test]
fn a_collection_filter_narrows_the_results() {
    let site = site();
    assert_eq!(
        keys(&site, "reading", Some("experts")),
        ["experts/ana-reading"]
    );
    assert_eq!(
        keys(&site, "reading", Some("notes")),
        ["notes/reading-clubs"]
    );
}

#[test]
fn the_last_word_matches_as_a_prefix_while_typing() {
    let site = site();
    assert!(
        found(&site, "paren", false, &[]).is_empty(),
        "whole words only"
    );
    let typing = found(&site, "paren", true, &[]);
    assert!(
        typing.contains(&"notes/parents-and-phones".to_string()),
        "{typing:?}"
    );
    // Only the last word is a prefix.
    assert!(found(&site, "paren phones", true, &[]).is_empty());
    assert_eq!(
        found(&site, "parents pho", true, &[]),
        ["notes/parents-and-phones"]
    );
}

#[test]
fn one_typo_is_forgiven_when_a_word_matches_nothing() {
    let site = site();
    let exact = found(&site, "parents", false, &[]);
    for typo in ["parnets", "parentz", "parets", "pareents"] {
        assert_eq!(found(&site, typo, false, &[]), exact, "{typo}");
    }
    assert!(
        found(&site, "qarents", false, &[]).is_empty(),
        "first letter kept"
    );
    assert!(found(&site, "pxrxnts", false, &[]).is_empty(), "two typos");
}

#[test]
fn term_filters_combine_with_the_collection_filter() {
    let site = site();
    assert_eq!(
        found(&site, "parents", false, &[("topics", "ict-in-education")]),
        ["notes/parents-and-phones"]
    );
    assert!(
        found(
            &site,
            "parents",
            false,
            &[("topics", "ict-in-education"), ("collection", "experts")]
        )
        .is_empty()
    );
    let either = found(
        &site,
        "reading",
        false,
        &[("collection", "experts"), ("collection", "notes")],
    );
    assert_eq!(
        either.len(),
        2,
        "values of one group are alternatives: {either:?}"
    );
}

#[test]
fn the_site_carries_the_exported_index_and_similar_entries() {
    let site = site();
    let dir = site.root.join("public/search/index");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["languages"], serde_json::json!(["en", "es"]));
    let mut listed = Vec::new();
    let exact = manifest["exact"]
        .as_object()
        .expect("exact words on an index of two languages");
    assert_eq!(exact.keys().collect::<Vec<_>>(), ["en", "es"]);
    let mut lists = vec![
        ("t".to_string(), &manifest["terms"]),
        ("w".to_string(), &manifest["words"]),
    ];
    lists.extend(exact.iter().map(|(lang, list)| (format!("x{lang}"), list)));
    for (kind, list) in lists {
        for (n, shard) in list.as_array().unwrap().iter().enumerate() {
            listed.push(format!("{kind}{n}-{}.bin", shard[1].as_str().unwrap()));
        }
    }
    for (n, block) in manifest["blocks"].as_array().unwrap().iter().enumerate() {
        listed.push(format!("d{n}-{}.json", block.as_str().unwrap()));
    }
    for (n, group) in manifest["facets"].as_array().unwrap().iter().enumerate() {
        listed.push(format!("f{n}-{}.bin", group["file"].as_str().unwrap()));
    }
    let mut present = file_names(&dir);
    present.retain(|name| name != "manifest.json");
    listed.sort();
    assert_eq!(present, listed, "every file listed, nothing else");
    for name in &listed {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        assert_eq!(&bytes[..2], &[0x1f, 0x8b], "{name} is gzip");
        let hash = name.split(['-', '.']).nth(1).unwrap();
        assert_eq!(
            hash,
            calabash::search::packing::short_hash(&bytes),
            "{name}"
        );
    }
    let groups: Vec<&str> = manifest["facets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        groups,
        ["collection", "lang", "topics", "countries"],
        "the entries' languages (there are two), and all taxonomies by default"
    );
    // Entries sharing telling words are similar; the test theme lists them.
    let page = site.page("notes/mangrove-planting/index.html");
    assert!(
        page.contains("<li class=\"similar\"><a href=\"/notes/mangrove-survey/\">"),
        "{page}"
    );
    let page = site.page("notes/mangrove-survey/index.html");
    assert!(page.contains("<li class=\"similar\"><a href=\"/notes/mangrove-planting/\">"));
    assert!(
        !page.contains("<li class=\"similar\"><a href=\"/notes/mangrove-survey/\">"),
        "not itself"
    );
}

#[test]
fn the_cli_prints_ranked_results_with_marked_snippets_and_stable_json() {
    let site = site();
    let run = |args: &[&str]| {
        let out = support::cli::calabash_on(&site.root, &[&["search"], args].concat());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&["voice"]);
    assert!(
        text.starts_with(" 1. Parents and phones  (notes)  /notes/parents-and-phones/\n"),
        "{text}"
    );
    assert!(text.contains("sent [voice] notes"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&run(&["voice", "--json"])).unwrap();
    let hit = &json[0];
    for key in [
        "key",
        "collection",
        "title",
        "url",
        "summary",
        "score",
        "snippet",
        "highlights",
    ] {
        assert!(hit.get(key).is_some(), "missing {key} in {hit}");
    }
    assert_eq!(cli_snippets(&site, "voice")[0].2, ["voice"]);
}

#[test]
fn the_cli_warns_about_filters_no_entry_has() {
    let site = site();
    let out = support::cli::command()
        .args([
            "search",
            "parents",
            "--filter",
            "topics=ict",
            "--collection",
            "notes",
            "--root",
        ])
        .arg(&site.root)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: no entry has topics=ict")
            && stderr.contains("content/_taxonomies/topics.toml"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("collection=notes"),
        "notes exist: {stderr}"
    );
}

#[test]
fn searching_before_any_build_says_what_to_do() {
    let site = TestSite::fixture("valid-basic");
    let out = support::cli::command()
        .args(["search", "x", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `calabash build` first"));
}

/// `calabash search --json`: each hit's key, snippet and the marked words
/// of its snippet.
fn cli_snippets(site: &TestSite, query: &str) -> Vec<(String, String, Vec<String>)> {
    // A Spanish word is searched in Spanish.
    let lang = if query == "comunidad" { "es" } else { "en" };
    let out = support::cli::calabash_on(&site.root, &["search", query, "--json", "--lang", lang]);
    assert!(out.status.success(), "{}", support::cli::stderr(&out));
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    hits.iter()
        .map(|hit| {
            let snippet = hit["snippet"].as_str().expect("snippet").to_string();
            let marked = (hit["highlights"].as_array().expect("highlights").iter())
                .map(|range| {
                    let at = |i: usize| range[i].as_u64().expect("offset") as usize;
                    snippet[at(0)..at(1)].to_string()
                })
                .collect();
            (
                hit["key"].as_str().expect("key").to_string(),
                snippet,
                marked,
            )
        })
        .collect()
}

#[test]
fn snippets_quote_the_text_as_indexed_after_its_source_changes() {
    let site = site();
    // Changed, removed and unreadable sources, none rebuilt.
    site.write(
        "content/notes/parents-and-phones.md",
        "+++\ntitle = \"Parents and phones\"\nsummary = \"Messaging families.\"\ndate = 2025-01-01\n+++\nRewritten: teachers phoned every voice in town.\n",
    );
    std::fs::remove_file(site.root.join("content/notes/mangrove-planting.md")).unwrap();
    site.write_bytes("content/notes/escuelas-rurales.md", b"\xff\xfe not text");

    for (query, key, indexed, marked) in [
        (
            "voice",
            "notes/parents-and-phones",
            "Teachers sent voice notes to families every week",
            vec!["voice"],
        ),
        (
            "coastal erosion",
            "notes/mangrove-planting",
            "Pupils planted mangrove seedlings to slow coastal erosion",
            vec!["coastal", "erosion"],
        ),
        (
            "comunidad",
            "notes/escuelas-rurales",
            "Las maestras visitaron las comunidades",
            vec!["comunidades"],
        ),
    ] {
        let hits = cli_snippets(&site, query);
        let hit = hits
            .iter()
            .find(|(k, _, _)| k == key)
            .unwrap_or_else(|| panic!("{query}: no {key} in {hits:?}"));
        assert_eq!(hit.1, indexed, "{query}");
        assert_eq!(hit.2, marked, "{query}");
    }
}

#[test]
fn snippets_mark_every_matched_word_in_the_text_as_indexed() {
    let site = site();
    site.write(
        "content/notes/seedling-trays.md",
        "+++\ntitle = \"Trays\"\nsummary = \"Nursery work.\"\ndate = 2025-01-07\n+++\nPupils **planted** [seedlings](https://example.org/trays) in `trays`;\n\n- they watered the seedlings daily.\n",
    );
    site.build_ok();
    let hits = cli_snippets(&site, "planting seedling");
    let hit = hits
        .iter()
        .find(|(k, _, _)| k == "notes/seedling-trays")
        .unwrap_or_else(|| panic!("{hits:?}"));
    // The body's text without its Markdown, every form of the words marked.
    assert!(!hit.1.contains(['*', '[', '`', '(']), "{}", hit.1);
    let words = hit.1.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.starts_with("Pupils planted seedlings in trays;"),
        "{}",
        hit.1
    );
    assert_eq!(hit.2, ["planted", "seedlings", "seedlings"], "{}", hit.1);
}
