//! Files on disk: copying trees and the sample hub, listing and reading
//! what a build wrote, and the sample hub's own content entries.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::repo;

/// Copies every file under `from` to `to`, creating folders as needed.
pub fn copy_tree(from: &Path, to: &Path) {
    for item in walkdir::WalkDir::new(from).min_depth(1) {
        let item = item.expect("readable folder");
        let target = to.join(item.path().strip_prefix(from).unwrap());
        if item.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(item.path(), &target).unwrap();
        }
    }
}

/// Copies the repository's sample hub (site.toml, content/, themes/) into
/// `to`, so a test can change it or write into it.
pub fn copy_sample_hub(to: &Path) {
    for part in ["content", "themes"] {
        copy_tree(&repo().join(part), &to.join(part));
    }
    std::fs::copy(repo().join("site.toml"), to.join("site.toml")).unwrap();
}

/// Every file under `dir`: relative path to contents.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|item| item.unwrap())
        .filter(|item| item.file_type().is_file())
        .map(|item| {
            let rel = item.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(item.path()).unwrap())
        })
        .collect()
}

/// Every file, folder and link under `dir` but those `skip` names (and what
/// is below them), by relative path: the bytes of files, the targets of
/// links, `(folder)` for folders. What must stay the same when a write is
/// refused or belongs elsewhere.
pub fn tree(dir: &Path, skip: impl Fn(&str) -> bool) -> BTreeMap<String, Vec<u8>> {
    let rel = |path: &Path| {
        path.strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|item| !skip(&rel(item.path())))
        .map(|item| item.unwrap())
        .map(|item| {
            let what = if item.path_is_symlink() {
                let target = std::fs::read_link(item.path()).unwrap();
                format!("link to {}", target.display()).into_bytes()
            } else if item.file_type().is_file() {
                std::fs::read(item.path()).unwrap()
            } else {
                b"(folder)".to_vec()
            };
            (rel(item.path()), what)
        })
        .collect()
}

/// Asserts that two snapshots hold the same files with the same bytes,
/// naming the files that differ (not printing megabytes of site).
pub fn assert_same_files(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let differ: Vec<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|file| a.get(*file) != b.get(*file))
        .collect();
    assert!(differ.is_empty(), "{what}: these files differ: {differ:?}");
    assert!(!a.is_empty(), "{what}: nothing was built");
}

/// The names of the entries of a folder, sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every built HTML file's relative path.
pub fn html_files(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// Every file under `dir` whose name ends with `suffix`, sorted.
pub fn files_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("readable output").into_path())
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(suffix))
        .collect();
    found.sort();
    found
}

/// The URL path of an output file: `<site>/library/x/index.html` → `/library/x/`.
pub fn url_path(site: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(site)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    match rel.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{rel}"),
    }
}

/// The front matter of a content file, parsed.
pub fn front_matter(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text
        .strip_prefix("+++\n")
        .expect("front matter opens with +++");
    let end = rest.find("\n+++").expect("front matter closes with +++");
    rest[..end]
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The folder, in the built sample hub, of the pages in the language of an
/// entry's front matter: `es/` for `lang = "es"` (a language the hub
/// publishes besides its default), else nothing.
pub fn language_folder(front_matter: &toml::Table) -> String {
    let config = calabash::config::load(&repo(), None).expect("the sample hub's site.toml");
    match front_matter.get("lang").and_then(|l| l.as_str()) {
        Some(lang) if lang != config.language && config.language_named(lang).is_some() => {
            format!("{lang}/")
        }
        _ => String::new(),
    }
}

/// The sample hub's published (non-draft) entries of a collection, its
/// originals (not their translations, `<slug>.<lang>.md`):
/// `(slug, front matter)`.
pub fn entries(collection: &str) -> Vec<(String, toml::Table)> {
    let mut found = Vec::new();
    for path in files_ending(&repo().join("content").join(collection), ".md") {
        let fm = front_matter(&path);
        if fm.get("draft").and_then(|d| d.as_bool()) == Some(true) {
            continue;
        }
        let slug = path.file_stem().unwrap().to_string_lossy().to_string();
        if calabash::core::translation::split_stem(&slug).1.is_some() {
            continue;
        }
        found.push((slug, fm));
    }
    found
}
