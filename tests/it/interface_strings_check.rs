//! Mistakes in a hub's own translation files (`i18n/<lang>.toml`, and its
//! theme folder's, `themes/<theme>/i18n/<lang>.toml`) are
//! errors of `check` and `build`, each naming the file, line, column and
//! key with a hint: an unknown key, a plural without `other` or with a form
//! that is no CLDR category, text where a plural belongs and the reverse, a
//! key missing for a language the hub publishes, a language with no
//! strings at all (fixture `i18n-errors/`).

use calabash::core::diagnostics::Diagnostic;

use crate::support::cli::{check, stderr, stdout};
use crate::support::site::TestSite;

fn site() -> TestSite {
    let site = TestSite::layered(&["one-language", "i18n-errors"]);
    let config = site.read_source("site.toml");
    let languages = site.read_source("languages.toml");
    site.write("site.toml", &format!("{config}\n{languages}"));
    site
}

/// The problem whose message contains `words`, in `file`.
fn find<'a>(problems: &'a [Diagnostic], file: &str, words: &str) -> &'a Diagnostic {
    problems
        .iter()
        .find(|d| d.path == file && d.message.contains(words))
        .unwrap_or_else(|| panic!("no `{words}` in {file}: {problems:#?}"))
}

#[test]
fn each_mistake_of_a_hubs_translation_file_is_located_with_its_key_and_a_hint() {
    let problems = site().build_err();
    let es = "i18n/es.toml";
    // (message words, line, column, words of the hint)
    let cases = [
        (
            "unknown key `nav.serch`",
            2,
            1,
            "did you mean `nav.search`?",
        ),
        (
            "the plural `common.entries` has no `other` form",
            5,
            1,
            "other is required",
        ),
        (
            "`several` in the plural `common.terms` is not a plural category",
            6,
            36,
            "zero, one, two, few, many and other",
        ),
        ("`common.yes` is text, not a plural", 7, 1, "yes = \"...\""),
        (
            "`term.narrower` is a plural",
            10,
            1,
            "narrower = { one = \"...\", other = \"...\" }",
        ),
    ];
    for (words, line, column, hint) in cases {
        let d = find(&problems, es, words);
        assert!(d.is_error(), "{d:?}");
        assert_eq!((d.line, d.column), (line, column), "{d:?}");
        assert!(
            d.hint.as_deref().unwrap_or_default().contains(hint),
            "{d:?}"
        );
        assert!(d.label.is_some(), "the key is the label: {d:?}");
    }
}

#[test]
fn a_published_language_missing_keys_gets_one_error_per_key() {
    let problems = site().build_err();
    let ht = "i18n/ht.toml";
    let missing: Vec<&Diagnostic> = problems
        .iter()
        .filter(|d| d.path == ht && d.message.starts_with("missing key `"))
        .collect();
    // The file translates two keys; every other key of English is missing.
    let english = calabash::theme::i18n::catalog::builtin_english();
    assert_eq!(missing.len(), english.len() - 2, "{missing:#?}");
    assert!(!missing.iter().any(|d| d.message.contains("`nav.search`")));
    let skip = find(&problems, ht, "missing key `nav.skip`");
    assert_eq!((skip.line, skip.column), (1, 1));
    let hint = skip.hint.as_deref().unwrap();
    assert!(
        hint.contains("under [nav]") && hint.contains("skip = \"Skip to main content\""),
        "{hint}"
    );
    // A plural shows its English forms.
    let entries = find(&problems, ht, "missing key `common.entries`");
    assert!(
        entries
            .hint
            .as_deref()
            .unwrap()
            .contains("one = \"{count} entry\""),
        "{entries:?}"
    );
    // Spanish has a file of its own and the theme's: nothing is missing.
    assert!(
        !problems
            .iter()
            .any(|d| d.path == "i18n/es.toml" && d.message.starts_with("missing key"))
    );
    // Papiamento has no file at all: one error, not one per key.
    let pap = find(
        &problems,
        "i18n/pap.toml",
        "language `pap` has no interface strings",
    );
    assert!(
        pap.hint
            .as_deref()
            .unwrap()
            .contains("calabash theme show i18n/en.toml"),
        "{pap:?}"
    );
    assert_eq!(
        problems
            .iter()
            .filter(|d| d.path == "i18n/pap.toml")
            .count(),
        1
    );
}

#[test]
fn check_reports_them_by_file_line_and_column() {
    let site = site();
    let out = check(&site.root, &[]);
    assert!(!out.status.success());
    let printed = format!("{}{}", stdout(&out), stderr(&out));
    for place in [
        "i18n/es.toml:2:1",
        "i18n/es.toml:6:36",
        "i18n/ht.toml:1:1",
        "i18n/pap.toml",
    ] {
        assert!(printed.contains(place), "{place} in:\n{printed}");
    }
    assert!(printed.contains("unknown key `nav.serch`"), "{printed}");
}

#[test]
fn a_one_language_hub_in_a_language_without_strings_keeps_the_english_interface() {
    let site = TestSite::fixture("one-language");
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &config.replace("language = \"en\"", "language = \"ht\""),
    );
    site.build_ok();
    let home = site.page("index.html");
    assert!(home.contains("<html lang=\"ht\">"), "{home}");
    assert!(home.contains(">Skip to main content</a>"), "{home}");
}

#[test]
fn a_file_that_is_not_toml_is_located() {
    let site = TestSite::fixture("one-language");
    site.write("i18n/en.toml", "[nav]\nsearch = \"Find\n");
    let problems = site.build_err();
    let d = find(&problems, "i18n/en.toml", "not a TOML file");
    assert_eq!(d.line, 2, "{d:?}");
}

/// A theme folder's translation file belongs to the hub as much as its own
/// `i18n/` does: a published language only it translates, in part, gets an
/// error per missing key there, not an interface half in English.
#[test]
fn a_published_language_missing_keys_in_the_theme_folders_file_is_located_there() {
    let site = site();
    let ht = site.read_source("i18n/ht.toml");
    std::fs::remove_file(site.root.join("i18n/ht.toml")).unwrap();
    let in_theme = "themes/hub/i18n/ht.toml";
    site.write(in_theme, &ht);
    let problems = site.build_err();
    let missing = (problems.iter())
        .filter(|d| d.path == in_theme && d.message.starts_with("missing key `"))
        .count();
    let english = calabash::theme::i18n::catalog::builtin_english();
    assert_eq!(missing, english.len() - 2, "{problems:#?}");
    let skip = find(&problems, in_theme, "missing key `nav.skip`");
    assert_eq!((skip.line, skip.column), (1, 1));
    assert!(
        !problems.iter().any(|d| d.path == "i18n/ht.toml"),
        "{problems:#?}"
    );
}
