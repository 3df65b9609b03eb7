//! A build lets go of each entry's source text once its body is rendered
//! and reads it again from the file when asked for: the text it gives back
//! is the text as read while the file is unchanged; a file changed since
//! fails the search index naming the file rather than indexing another
//! text than the pages show; and the messages of a build still quote the
//! line, as `check`'s do.

use calabash::core::model::Source;
use calabash::site::{SiteOptions, load_site};

use crate::support::site::{TestSite, thing_site};

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
fn a_released_source_gives_back_the_text_it_was_read_as() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("content/things")).unwrap();
    for (i, text) in texts().into_iter().enumerate() {
        let path = format!("content/things/t{i}.md");
        std::fs::write(root.path().join(&path), &text).unwrap();
        let source = Source::new(path.clone(), text.clone());
        assert!(!source.is_released());
        // Hashes of the front matter (here, a prefix of any length) and
        // of the whole text outlive the text.
        let cut = (0..=text.len() / 2)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap();
        let released = source.released(root.path(), cut);
        assert!(released.is_released(), "{path}");
        assert_eq!(released.hashes(cut), source.hashes(cut), "hashes {i}");
        assert_ne!(
            source.hashes(cut).1,
            Source::new(path.clone(), format!("{text} ")).hashes(cut).1,
            "another text: {i}"
        );
        assert_eq!(released.path, path);
        assert_eq!(released.text(), text, "text {i}");
        assert_eq!(released.text_as_read().unwrap(), text, "as read {i}");
        let twice = released.released(root.path(), cut);
        assert_eq!(twice.text_as_read().unwrap(), text, "released twice: {i}");
        // A plain text is what was read, whatever the file holds.
        std::fs::write(root.path().join(&path), "changed").unwrap();
        assert_eq!(source.text_as_read().unwrap(), text, "plain text {i}");
    }
}

#[test]
fn a_released_source_whose_file_changed_is_not_read_as_the_text_read() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("content/things")).unwrap();
    for (i, text) in texts().into_iter().enumerate() {
        let path = format!("content/things/t{i}.md");
        let file = root.path().join(&path);
        std::fs::write(&file, &text).unwrap();
        let released = Source::new(path.clone(), text.clone()).released(root.path(), 0);
        // The same length, one byte different; then another length.
        let mut same_length = text.clone().into_bytes();
        if let Some(first) = same_length.first_mut() {
            *first = if *first == b'x' { b'y' } else { b'x' };
            std::fs::write(&file, &same_length).unwrap();
            let changed = released.text_as_read().expect_err("one byte changed");
            assert_eq!(changed.path, path);
            assert!(changed.to_string().contains(&path), "{changed}");
        }
        std::fs::write(&file, "changed").unwrap();
        assert!(released.text_as_read().is_err(), "text {i}");
        // Messages quote the file as it is now.
        assert_eq!(released.text(), "changed", "read again: {i}");
        // A file gone reads as nothing, without a panic.
        std::fs::remove_file(&file).unwrap();
        assert_eq!(released.text(), "", "gone: {i}");
        assert!(released.text_as_read().is_err(), "gone: {i}");
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
fn every_entry_of_a_released_site_keeps_its_text_and_body() {
    let hub = TestSite::sample_hub();
    let plain = hub.load().expect("the sample hub loads");
    let options = SiteOptions {
        release_sources: true,
        ..SiteOptions::default()
    };
    let (released, _) = load_site(&hub.root, &options).expect("the sample hub loads");
    assert!(released.entries.iter().all(|e| e.source.is_released()));
    assert!(released.drafts.iter().all(|e| e.source.is_released()));
    assert!(plain.entries.iter().all(|e| !e.source.is_released()));
    let texts = |site: &calabash::site::Site| -> Vec<(String, String, String)> {
        (site.entries.iter())
            .map(|e| {
                let as_read = e.body_as_read().expect("unchanged").into_owned();
                let text = e.source.text().into_owned();
                (text, e.body_text().into_owned(), as_read)
            })
            .collect()
    };
    assert_eq!(texts(&released), texts(&plain));
    let bodies = |site: &calabash::site::Site| -> Vec<String> {
        (site.entry_ids())
            .map(|id| site.body(id).body_html().into_owned())
            .collect()
    };
    assert_eq!(bodies(&released), bodies(&plain), "bodies rendered alike");
}

#[test]
fn a_file_changed_before_the_index_reads_it_fails_the_index_naming_it() {
    let hub = TestSite::sample_hub();
    let options = SiteOptions {
        release_sources: true,
        ..SiteOptions::default()
    };
    let (site, _) = load_site(&hub.root, &options).expect("the sample hub loads");
    let entry = &site.entries[site.entries.len() / 2];
    let path = entry.source.path.clone();
    // Shorter than where its body starts, and with letters of several
    // bytes where the body's range would cut them: nothing panics.
    for changed in ["+++", "ééééééééééééééééééééééééééééééééééééééééééééééé"]
    {
        hub.write(&path, changed);
        let body = entry.body_text();
        assert!(body.is_empty() || changed.contains(body.as_ref()));
        assert!(entry.body_as_read().is_err());
    }
    let stop = std::sync::atomic::AtomicBool::new(false);
    let index =
        calabash::search::index::build_unless(&site, &hub.root.join(".calabash/index"), &stop);
    let Err(tantivy::TantivyError::IoError(err)) = index else {
        panic!("the index was built from a changed file");
    };
    let changed = (err.get_ref())
        .and_then(|e| e.downcast_ref::<calabash::core::model::SourceChanged>())
        .expect("the error says which file changed");
    assert_eq!(changed.path, path);
}
