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
fn unknown_keys_get_a_hint_that_does_not_repeat_the_message() {
    for (text, suggestion) in [
        (format!("{MINIMAL}colour = \"red\"\n"), None),
        (
            format!("{MINIMAL}descripton = \"A hub\"\n"),
            Some("did you mean `description`?"),
        ),
        (
            format!("{MINIMAL}[collections.a]\ntitle = \"A\"\npaginate = 10\n"),
            Some("did you mean `paginate_by`?"),
        ),
    ] {
        let problems = parse(&text, None).unwrap_err();
        let problem = &problems[0];
        let hint = problem.hint.as_deref().unwrap_or_default();
        assert!(
            problem.message.starts_with("unknown field `"),
            "{problem:?}"
        );
        assert!(!problem.message.contains("expected"), "{problem:?}");
        assert!(
            !hint.contains("unknown field"),
            "the hint repeats the message: {hint}"
        );
        assert!(hint.contains("the keys allowed here are `"), "{hint}");
        assert_eq!(hint.matches("`title`").count(), 1, "{hint}");
        match suggestion {
            Some(s) => assert!(hint.starts_with(s), "{hint}"),
            None => assert!(hint.starts_with("remove or rename this key"), "{hint}"),
        }
    }
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

#[test]
fn languages_list_the_default_first_with_names_from_their_tables() {
    let config = parse(MINIMAL, None).unwrap();
    assert_eq!(
        config.languages,
        [Language {
            code: "en".into(),
            name: "en".into()
        }]
    );
    assert!(!config.is_multilingual());
    let text = format!(
        "language = \"es\"\n{MINIMAL}[languages.fr]\nname = \"Français\"\n[languages.es]\nname = \"Español\"\n[languages.pt-BR]\nname = \"Português\"\n"
    );
    let config = parse(&text, None).unwrap();
    let codes: Vec<(&str, &str)> = (config.languages.iter())
        .map(|l| (l.code.as_str(), l.name.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("es", "Español"),
            ("fr", "Français"),
            ("pt-BR", "Português")
        ]
    );
    assert!(config.is_multilingual());
    assert_eq!(config.language_named("fr").unwrap().name, "Français");
}

#[test]
fn language_problems_are_located_with_a_hint() {
    let cases = [
        // (site.toml after MINIMAL, line, words of the message, words of the hint)
        (
            "[languages.es]\n",
            3,
            "language `es` has no name",
            "name = ",
        ),
        (
            "[languages.es]\nname = \" \"\n",
            4,
            "must be one line",
            "Español",
        ),
        (
            "[languages.es]\nname = \"Español\"\ncolour = 1\n",
            5,
            "unknown field",
            "`name`",
        ),
        (
            "[languages.spanish_1]\nname = \"Español\"\n",
            3,
            "`spanish_1` is not a language code",
            "\"es\"",
        ),
        (
            "[languages.\"pt-br\"]\nname = \"Português\"\n",
            3,
            "`pt-br` is not a language code",
            "`pt-BR`",
        ),
        (
            "[languages.\"es/../x\"]\nname = \"x\"\n",
            3,
            "is not a language code",
            "language tag",
        ),
        (
            "language = \"EN\"\n",
            3,
            "`EN` is not a language code",
            "`en`",
        ),
        (
            "language = \"\"\n",
            3,
            "`` is not a language code",
            "language tag",
        ),
    ];
    for (extra, line, message, hint) in cases {
        let problems = parse(&format!("{MINIMAL}{extra}"), None).unwrap_err();
        let problem = &problems[0];
        assert_eq!(problem.line, line, "{extra}: {problem:?}");
        assert!(problem.message.contains(message), "{extra}: {problem:?}");
        assert!(
            problem.hint.as_deref().unwrap_or_default().contains(hint),
            "{extra}: {problem:?}"
        );
    }
}
