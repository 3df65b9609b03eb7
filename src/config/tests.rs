//! Tests of `site.toml` parsing and its checks.

use super::*;

const MINIMAL: &str = "title = \"T\"\nbase_url = \"https://x.org/hub/\"\n";

#[test]
fn resolves_base_path_and_pages_collection() {
    let config = parse(MINIMAL, None).unwrap();
    assert_eq!(config.base_url, "https://x.org/hub");
    assert_eq!(config.base_path, "/hub");
    assert_eq!(config.url("/library/"), "/hub/library/");
    assert_eq!(config.permalink("/library/"), "https://x.org/hub/library/");
    assert_eq!(config.collections.last().unwrap().name, PAGES);
}

#[test]
fn unknown_key_is_an_error_with_its_line() {
    let text = format!("{MINIMAL}colour = \"red\"\n");
    let problems = parse(&text, None).unwrap_err();
    assert_eq!(problems[0].line, 3);
    assert!(
        problems[0].message.contains("unknown field"),
        "{:?}",
        problems[0]
    );
}

#[test]
fn wrong_type_is_an_error_with_its_line() {
    let text = format!("{MINIMAL}[collections.a]\ntitle = \"A\"\npaginate_by = \"ten\"\n");
    let problems = parse(&text, None).unwrap_err();
    assert_eq!(problems[0].line, 5, "{problems:?}");
}

#[test]
fn undeclared_taxonomy_and_collection_are_reported_together() {
    let text = format!(
        "{MINIMAL}[taxonomies.topics]\ntitle = \"Topics\"\n[collections.a]\ntitle = \"A\"\n[collections.a.fields]\nt = {{ type = \"term\", taxonomy = \"topic\" }}\nr = {{ type = \"ref\", collection = \"experts\" }}\n"
    );
    let problems = parse(&text, None).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].hint.as_deref(), Some("did you mean `topics`?"));
    assert_eq!(problems[1].line, 9);
}

#[test]
fn search_facets_default_to_every_taxonomy_and_must_name_one() {
    let taxonomies =
        "[taxonomies.topics]\ntitle = \"Topics\"\n[taxonomies.levels]\ntitle = \"Levels\"\n";
    let config = parse(&format!("{MINIMAL}{taxonomies}"), None).unwrap();
    assert_eq!(config.search_facets, ["topics", "levels"]);
    let chosen = format!("{MINIMAL}[search]\nfacets = [\"levels\"]\n{taxonomies}");
    assert_eq!(parse(&chosen, None).unwrap().search_facets, ["levels"]);
    let wrong = format!("{MINIMAL}[search]\nfacets = [\"level\"]\n{taxonomies}");
    let problems = parse(&wrong, None).unwrap_err();
    assert_eq!(
        (problems[0].line, problems[0].message.as_str()),
        (4, "[search] facets names `level`, which is not a taxonomy"),
        "{problems:?}"
    );
}
