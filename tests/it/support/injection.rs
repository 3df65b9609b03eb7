//! The injection fixture (tests/fixtures/injection/, see its README): text
//! that tries to run script, put everywhere a site shows text.

use std::path::{Path, PathBuf};

use super::files::copy_tree;
use super::repo;

/// `tests/fixtures/injection/payload.txt`: the text that tries to run script.
pub fn payload() -> String {
    let path = repo().join("tests/fixtures/injection/payload.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .trim_end()
        .to_string()
}

/// Assembles the injection fixture in `<tmp>/src` (see its README): the
/// repository's site.toml with the payload as title and description, its
/// taxonomies plus a payload term, the fixture's content, the real theme.
pub fn injection_site(tmp: &Path) -> PathBuf {
    let root = tmp.join("src");
    let fixture = repo().join("tests/fixtures/injection");
    let mut config: toml::Table = std::fs::read_to_string(repo().join("site.toml"))
        .unwrap()
        .parse()
        .unwrap();
    config.insert("title".into(), payload().into());
    config.insert("description".into(), payload().into());
    let markdown = config
        .entry("markdown")
        .or_insert_with(|| toml::Table::new().into());
    markdown
        .as_table_mut()
        .unwrap()
        .insert("trust_html".into(), false.into());
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("site.toml"), toml::to_string(&config).unwrap()).unwrap();
    copy_tree(
        &repo().join("content/_taxonomies"),
        &root.join("content/_taxonomies"),
    );
    let topics = root.join("content/_taxonomies/topics.toml");
    let extra = std::fs::read_to_string(fixture.join("topics-append.toml")).unwrap();
    let text = std::fs::read_to_string(&topics).unwrap() + &extra;
    std::fs::write(&topics, text).unwrap();
    copy_tree(&fixture.join("content"), &root.join("content"));
    copy_tree(&repo().join("themes/hub"), &root.join("themes/hub"));
    root
}
