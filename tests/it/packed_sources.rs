//! A build keeps each entry's source text compressed once the site is
//! checked, and lets go of it once the search index has read it: the text
//! it gives back, packed or read again from the file, is the text as read,
//! and the messages of a build still quote the line, as `check`'s do.

use calabash::core::model::Source;

use crate::support::site::thing_site;

/// Texts with what could come out changed: nothing, several scripts and
/// emoji, Windows line endings, a byte-order mark, NUL and control
/// characters, and a text far larger than any compression window.
fn texts() -> Vec<String> {
    let mut texts = vec![
        String::new(),
        "+++\ntitle = \"T\"\n+++\n\nBody.\n".to_string(),
        "+++\r\ntitle = \"Écoles\"\r\n+++\r\n\r\nÑandú, школа, 学校, مدرسة, स्कूल, 🏫🌍\r\n"
            .to_string(),
        "\u{feff}+++\ntitle = \"BOM\"\n+++\n\u{0}\u{7}\t tabs \u{200b}".to_string(),
    ];
    let mut long = String::from("+++\ntitle = \"Long\"\n+++\n\n");
    for i in 0..20_000 {
        long.push_str(&format!("Paragraph {i}, «{i}».\n\n"));
    }
    texts.push(long);
    texts
}

#[test]
fn a_packed_source_gives_back_the_text_it_was_read_as() {
    let root = tempfile::tempdir().unwrap();
    for (i, text) in texts().into_iter().enumerate() {
        let path = format!("content/things/t{i}.md");
        let source = Source::new(path.clone(), text.clone());
        assert!(!source.is_packed());
        let packed = source.packed(root.path());
        assert!(packed.is_packed(), "{path}");
        assert_eq!(packed.path, path);
        assert_eq!(packed.text(), text, "text {i}");
        assert_eq!(packed.packed(root.path()).text(), text, "packed twice: {i}");
        // A plain text is never let go of.
        source.let_go();
        assert_eq!(source.text(), text, "plain text {i}");
    }
}

#[test]
fn a_source_let_go_of_is_read_again_from_its_file() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("content/things")).unwrap();
    for (i, text) in texts().into_iter().enumerate() {
        let path = format!("content/things/t{i}.md");
        std::fs::write(root.path().join(&path), &text).unwrap();
        let packed = Source::new(path.clone(), text.clone()).packed(root.path());
        // Until let go of, the packed text is what counts, not the file.
        std::fs::write(root.path().join(&path), "changed").unwrap();
        assert_eq!(packed.text(), text, "text {i}");
        packed.let_go();
        assert_eq!(packed.text(), "changed", "read again: {i}");
        // A file gone since reads as nothing, without a panic.
        std::fs::remove_file(root.path().join(&path)).unwrap();
        assert_eq!(packed.text(), "", "gone: {i}");
    }
}

/// `(file, line, column, the message as printed with its quoted line)` of
/// each error.
fn errors<'a>(
    problems: impl Iterator<Item = &'a calabash::core::diagnostics::Diagnostic>,
) -> Vec<(String, usize, usize, String)> {
    problems
        .filter(|d| d.is_error())
        .map(|d| (d.path.clone(), d.line, d.column, d.render(false)))
        .collect()
}

#[test]
fn a_build_quotes_the_line_of_each_problem_as_check_does() {
    // Problems only the build's plan finds, after the sources are packed:
    // a link to a missing page, and a `file` field naming a missing file,
    // on lines with text in other scripts before them (columns count
    // characters, not bytes).
    let site = thing_site(
        "leaflet = { type = \"file\" }",
        "leaflet = \"/documents/école-manquante.pdf\"",
    );
    let body = "+++\ntitle = \"A thing\"\nsummary = \"About a thing.\"\ndate = 2025-03-14\n\
        leaflet = \"/documents/école-manquante.pdf\"\n+++\n\n\
        Ñandú, школа, 学校: [the guide](/no-such-guide/) and\r\n\
        [une fiche](/documents/fiche-ébauche.pdf).\n";
    site.write("content/things/thing.md", body);
    let built = site.build_err();
    let checked = calabash::check::check(&calabash::check::CheckOptions {
        root: site.root.clone(),
        site: Default::default(),
        external_links: None,
    });
    let built = errors(built.iter());
    assert_eq!(built.len(), 3, "{built:#?}");
    assert_eq!(built, errors(checked.problems.iter()));
    let quoted = |needle: &str| {
        built
            .iter()
            .find(|(_, _, _, shown)| shown.contains(needle))
            .map(|(file, line, column, shown)| (file.as_str(), *line, *column, shown.clone()))
            .unwrap_or_else(|| panic!("no message quotes {needle}: {built:#?}"))
    };
    let (file, line, column, shown) = quoted("/no-such-guide/");
    assert_eq!((file, line, column), ("content/things/thing.md", 8, 19));
    assert!(
        shown.contains("Ñandú, школа, 学校: [the guide](/no-such-guide/) and"),
        "{shown}"
    );
    let (_, line, column, shown) = quoted("fiche-ébauche");
    assert_eq!((line, column), (9, 1), "{shown}");
    let (_, line, column, shown) = quoted("école-manquante");
    assert_eq!((line, column), (5, 11), "{shown}");
    assert!(
        shown.contains("leaflet = \"/documents/école-manquante.pdf\""),
        "{shown}"
    );
}

#[test]
fn every_entry_of_a_packed_site_keeps_its_text_and_body() {
    let hub = crate::support::site::TestSite::sample_hub();
    let mut site = hub.load().expect("the sample hub loads");
    let before: Vec<(String, String)> = (site.entries.iter())
        .map(|e| (e.source.text().into_owned(), e.body_text().into_owned()))
        .collect();
    site.pack_sources(&hub.root);
    assert!(site.entries.iter().all(|e| e.source.is_packed()));
    let texts = |site: &calabash::site::Site| -> Vec<(String, String)> {
        (site.entries.iter())
            .map(|e| (e.source.text().into_owned(), e.body_text().into_owned()))
            .collect()
    };
    assert_eq!(texts(&site), before, "packed");
    site.let_go_of_sources();
    assert_eq!(texts(&site), before, "read again from the files");
}
