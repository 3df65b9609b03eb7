//! `calabash search` as people type it: filter values are matched ignoring
//! case (`countries=jm` is `JM`, `--collection NOTES` is `notes`), a filter
//! that names no taxonomy is refused with the nearest one suggested, and a
//! limit of 0 is a usage mistake rather than one result.

use std::process::Output;

use crate::support;
use crate::support::cli::stderr;
use crate::support::site::TestSite;

fn site() -> TestSite {
    let site = TestSite::fixture("valid-basic");
    site.write(
        "content/experts/ana-reading.md",
        "+++\ntitle = \"Ana Reading\"\nsummary = \"Expert.\"\ndate = 2025-01-04\nname = \"Ana Reading\"\ncountry = \"JM\"\n+++\nWorks with parents.\n",
    );
    site.write(
        "content/experts/tom-reading.md",
        "+++\ntitle = \"Tom Reading\"\nsummary = \"Expert.\"\ndate = 2025-01-05\nname = \"Tom Reading\"\ncountry = \"TT\"\n+++\nWorks with parents too.\n",
    );
    site.build_ok();
    site
}

fn search(site: &TestSite, args: &[&str]) -> Output {
    support::cli::calabash_on(&site.root, &[&["search", "--json"], args].concat())
}

fn keys(out: &Output) -> Vec<String> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    hits.iter()
        .map(|h| h["key"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn filter_values_are_matched_ignoring_case() {
    let site = site();
    let exact = keys(&search(&site, &["parents", "--filter", "countries=JM"]));
    assert_eq!(exact, ["experts/ana-reading"]);
    for spelling in [
        "countries=jm",
        "countries=Jm",
        "COUNTRIES=jm",
        "Countries=JM",
    ] {
        let out = search(&site, &["parents", "--filter", spelling]);
        assert_eq!(keys(&out), exact, "{spelling}");
        assert!(
            !stderr(&out).contains("no entry has"),
            "{spelling}: {}",
            stderr(&out)
        );
    }
    let both = keys(&search(
        &site,
        &[
            "parents",
            "--filter",
            "countries=jm",
            "--filter",
            "countries=tt",
        ],
    ));
    assert_eq!(both.len(), 2, "{both:?}");
    let notes = keys(&search(&site, &["note", "--collection", "notes"]));
    assert!(!notes.is_empty());
    assert_eq!(
        keys(&search(&site, &["note", "--collection", "NOTES"])),
        notes
    );
    assert_eq!(
        keys(&search(&site, &["note", "--filter", "collection=Notes"])),
        notes
    );
}

#[test]
fn a_filter_that_names_no_taxonomy_suggests_one() {
    let site = site();
    for (filter, suggestion) in [
        ("country=DM", "did you mean `countries`?"),
        ("topic=inclusion", "did you mean `topics`?"),
        ("collections=notes", "did you mean `collection`?"),
        ("language=es", "did you mean `lang`?"),
    ] {
        let out = search(&site, &["parents", "--filter", filter]);
        assert_eq!(out.status.code(), Some(2), "{filter}");
        let err = stderr(&out);
        let group = filter.split('=').next().unwrap();
        assert!(
            err.contains(&format!(
                "error: `{group}` is neither `collection`, `lang` nor a taxonomy of this hub"
            )),
            "{err}"
        );
        assert!(err.contains(suggestion), "{filter}: {err}");
        assert!(err.contains("collection, lang, topics, countries"), "{err}");
        assert!(err.contains("like --filter topics=..."), "{err}");
        assert!(
            !err.contains("_taxonomies/country"),
            "no file that does not exist: {err}"
        );
        assert!(out.stdout.is_empty());
    }
    // A term the taxonomy does not have still names the file that lists them.
    let out = search(&site, &["parents", "--filter", "countries=DM"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("content/_taxonomies/countries.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_limit_of_zero_is_refused() {
    let site = site();
    for limit in ["0", "00"] {
        let out = search(&site, &["parents", "--limit", limit]);
        assert_eq!(out.status.code(), Some(2), "{limit}");
        assert!(
            stderr(&out).contains("0 would show no result"),
            "{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
    let out = search(&site, &["parents", "--limit", "-1"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(keys(&search(&site, &["parents", "--limit", "1"])).len(), 1);
    assert_eq!(keys(&search(&site, &["parents", "--limit", "2"])).len(), 2);
}
