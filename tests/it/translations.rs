//! Translations of entries (`<slug>.<lang>.md` beside `<slug>.md`): what
//! they share with their original, and the mistakes `check` and `build`
//! report about them, each at its file and line with a hint.

use calabash::check::{CheckOptions, check};
use calabash::core::diagnostics::{Diagnostic, Severity};
use calabash::core::model::Value;
use calabash::site::SiteOptions;

use crate::support::site::{TestSite, headlines};

fn site() -> TestSite {
    TestSite::layered(&["valid-basic", "translations"])
}

/// What `calabash check` finds, sorted.
fn checked(site: &TestSite) -> Vec<Diagnostic> {
    let options = CheckOptions {
        root: site.root.clone(),
        site: SiteOptions::default(),
        external_links: None,
    };
    check(&options).problems.sorted()
}

/// The one error of a build, with its headline and hint.
fn only_error(site: &TestSite) -> (String, String) {
    let errors: Vec<Diagnostic> = site
        .build_err()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{:?}", headlines(&errors));
    let hint = errors[0].hint.clone().unwrap_or_default();
    (errors[0].headline(), hint)
}

#[test]
fn a_translation_shares_terms_references_and_dates_with_its_original() {
    let loaded = site().load().expect("the site loads");
    let find = |slug: &str, lang: &str| {
        loaded
            .entries_with_ids()
            .find(|(_, e)| e.slug == slug && e.lang == lang)
            .unwrap_or_else(|| panic!("no {slug} in {lang}"))
    };
    let (original_id, original) = find("first-note", "en");
    let (spanish_id, spanish) = find("first-note", "es");
    assert!(spanish.translation && !original.translation);
    assert_eq!(spanish.title, "Primera nota");
    for shared in ["topics", "countries", "contacts", "date", "status"] {
        assert_eq!(spanish.field(shared), original.field(shared), "{shared}");
        assert!(spanish.field(shared).is_some(), "{shared}");
    }
    assert_eq!(spanish.date, original.date);
    // References resolve to the original, which alone is pointed at.
    let Some(Value::List(contacts)) = spanish.field("contacts") else {
        panic!("contacts")
    };
    let Value::Ref(marcia) = &contacts[0] else {
        panic!("a reference")
    };
    let target = marcia.resolved.expect("resolved");
    assert!(!loaded.entry(target).translation);
    let pointers: Vec<_> = loaded.backlinks_of(target).iter().map(|b| b.from).collect();
    assert!(pointers.contains(&original_id) && !pointers.contains(&spanish_id));
    assert_eq!(
        loaded.versions.of(original_id),
        loaded.versions.of(spanish_id)
    );
    assert_eq!(loaded.versions.original(spanish_id), original_id);
    // A translation's `updated` is its own.
    let (_, french) = find("second-note", "fr");
    assert_eq!(
        french.updated.map(|d| d.to_string()).as_deref(),
        Some("2025-03-01")
    );
}

#[test]
fn a_translation_without_its_original_is_an_error_at_its_first_line() {
    for (file, slug) in [
        ("content/notes/lost.es.md", "lost"),
        ("content/experts/nadie.fr.md", "nadie"),
        ("content/pages/acerca.es.md", "acerca"),
    ] {
        let site = site();
        site.write(
            file,
            "+++\ntitle = \"Perdida\"\nsummary = \"Sin original.\"\n+++\n\nTexto.\n",
        );
        let (headline, hint) = only_error(&site);
        let lang = &file[file.len() - 5..file.len() - 3];
        let dir = &file[..file.rfind('/').unwrap()];
        assert_eq!(
            headline,
            format!(
                "{file}:1:1: error: `{slug}.{lang}.md` is a translation, but its original `{dir}/{slug}.md` is missing"
            )
        );
        assert!(
            hint.contains(&format!("add the original `{dir}/{slug}.md`")),
            "{hint}"
        );
        assert!(
            hint.contains(&format!("rename it to `{slug}.md`")),
            "{hint}"
        );
        // `check` says the same.
        let found = checked(&site);
        assert!(
            found.iter().any(|d| d.headline() == headline),
            "{:?}",
            headlines(&found)
        );
    }
}

#[test]
fn a_translation_into_a_language_the_site_does_not_publish_is_an_error() {
    for (fixture, lang, published) in [
        (&["valid-basic", "translations"][..], "pt", "en, es, fr"),
        (&["valid-basic", "translations"][..], "en-GB", "en, es, fr"),
        (&["valid-basic"][..], "es", "en"),
    ] {
        let site = TestSite::layered(fixture);
        let file = format!("content/notes/third-note.{lang}.md");
        site.write(
            &file,
            "+++\ntitle = \"Nota\"\nsummary = \"Resumen.\"\n+++\n",
        );
        let (headline, hint) = only_error(&site);
        assert_eq!(
            headline,
            format!(
                "{file}: error: `third-note.{lang}.md` is a translation into `{lang}`, a language site.toml does not publish (it publishes {published})"
            )
        );
        assert!(hint.contains(&format!("[languages.{lang}]")), "{hint}");
    }
}

#[test]
fn a_lang_field_must_agree_with_the_file_name() {
    let site = site();
    site.write(
        "content/notes/third-note.es.md",
        "+++\ntitle = \"Tercera nota\"\nsummary = \"Resumen.\"\nlang = \"fr\"\n+++\n",
    );
    let (headline, hint) = only_error(&site);
    assert_eq!(
        headline,
        "content/notes/third-note.es.md:4:8: error: `lang = \"fr\"` disagrees with the file name, which says `es`"
    );
    assert!(hint.contains("third-note.es.md"), "{hint}");
    // Agreeing is fine.
    site.write(
        "content/notes/third-note.es.md",
        "+++\ntitle = \"Tercera nota\"\nsummary = \"Resumen.\"\nlang = \"es\"\n+++\n",
    );
    site.build_ok();
}

#[test]
fn a_translation_writes_no_terms_or_references_of_its_own() {
    for (line, field) in [
        ("topics = [\"quality\"]", "topics"),
        ("countries = [\"TT\"]", "countries"),
        ("contacts = [\"andre-whyte\"]", "contacts"),
    ] {
        let site = site();
        site.write(
            "content/notes/third-note.fr.md",
            &format!("+++\ntitle = \"Troisième note\"\nsummary = \"Résumé.\"\n{line}\n+++\n"),
        );
        let (headline, hint) = only_error(&site);
        assert_eq!(
            headline,
            format!(
                "content/notes/third-note.fr.md:4:1: error: a translation shares `{field}` with its original and does not write it"
            )
        );
        assert!(hint.contains("`third-note.md`"), "{hint}");
    }
}

#[test]
fn a_translation_needs_only_a_title_and_a_summary() {
    let site = site();
    // The expert's required name and country come from the original.
    site.write(
        "content/experts/andre-whyte.fr.md",
        "+++\ntitle = \"André Whyte\"\n+++\n",
    );
    let (headline, _) = only_error(&site);
    assert!(headline.contains("summary"), "{headline}");
    site.write(
        "content/experts/andre-whyte.fr.md",
        "+++\ntitle = \"André Whyte\"\nsummary = \"Formateur d'enseignants.\"\n+++\n",
    );
    site.build_ok();
}

#[test]
fn a_translation_into_its_original_language_is_an_error() {
    let site = site();
    site.write(
        "content/notes/nota-en-espanol.es.md",
        "+++\ntitle = \"Otra\"\nsummary = \"Otra.\"\n+++\n",
    );
    let (headline, hint) = only_error(&site);
    assert_eq!(
        headline,
        "content/notes/nota-en-espanol.es.md:1:1: error: `nota-en-espanol.es.md` translates `nota-en-espanol.md` into its own language, `es`"
    );
    assert!(hint.contains("another language"), "{hint}");
}

#[test]
fn the_translation_of_a_draft_is_not_published() {
    let site = site();
    site.write(
        "content/notes/draft-note.es.md",
        "+++\ntitle = \"Borrador\"\nsummary = \"Borrador.\"\n+++\n",
    );
    let loaded = site.load().expect("loads");
    assert!(loaded.entries.iter().all(|e| e.slug != "draft-note"));
    assert!(
        loaded
            .drafts
            .iter()
            .any(|e| e.slug == "draft-note" && e.translation)
    );
}

#[test]
fn without_history_a_translation_older_than_its_original_draws_a_warning() {
    let site = site();
    // The original was updated after the translation was written.
    let original = site.read_source("content/notes/second-note.md");
    site.write(
        "content/notes/second-note.md",
        &original.replace(
            "date = 2025-02-10\n",
            "date = 2025-02-10\nupdated = 2025-05-02\n",
        ),
    );
    let warnings: Vec<String> = checked(&site)
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.contains("out of date"))
        .map(Diagnostic::headline)
        .collect();
    // Spanish has no `updated` (its date is the original's); French was
    // updated on 1 March: both older than 2 May.
    assert_eq!(
        warnings,
        [
            "content/notes/second-note.es.md:1:1: warning: this translation may be out of date: its original, content/notes/second-note.md, changed on 2025-05-02, after it (2025-02-10)",
            "content/notes/second-note.fr.md:1:1: warning: this translation may be out of date: its original, content/notes/second-note.md, changed on 2025-05-02, after it (2025-03-01)",
        ]
    );
    // Brought up to date, the French one no longer warns.
    let french = site.read_source("content/notes/second-note.fr.md");
    site.write(
        "content/notes/second-note.fr.md",
        &french.replace("updated = 2025-03-01", "updated = 2025-05-03"),
    );
    let after = checked(&site);
    let stale: Vec<&Diagnostic> = after
        .iter()
        .filter(|d| d.message.contains("out of date"))
        .collect();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].path, "content/notes/second-note.es.md");
}
