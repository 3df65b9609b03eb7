//! `calabash forms`: the issue forms members propose entries with, written
//! from the schema into `.github/ISSUE_TEMPLATE/` (GitHub's issue-form
//! format, which Forgejo and Gitea read too): one `<collection>.yml` per
//! collection that has a `form` table in `site.toml`, and `config.yml`.
//! `--check` tells whether the files on disk are what would be written.

mod elements;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::config::{ActionKind, CollectionConfig, Config};
use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::load::taxonomy::{self, Taxonomies};

pub use elements::{NOT_ASKED, element_id};
use elements::{Source, field_elements};
use yaml::Yaml;

/// Where issue forms live, from the repository's root.
pub const FORMS_DIR: &str = ".github/ISSUE_TEMPLATE";
/// The first line of every file Calabash writes there: files without it
/// are the hub's own and are left alone.
pub const HEADER: &str =
    "# Written by `calabash forms` from site.toml: change site.toml, then run `calabash forms`.\n";

/// Every file `forms` writes: its path from the root and its text.
pub fn generate(root: &Path, config: &Config) -> Result<Vec<(String, String)>, Diagnostics> {
    let mut problems = Vec::new();
    let taxonomies = taxonomy::load(root, config, &mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Diagnostics::from(problems));
    }
    Ok(generate_with(config, &taxonomies))
}

/// Every file `forms` writes, from the configuration and vocabularies.
pub fn generate_with(config: &Config, taxonomies: &Taxonomies) -> Vec<(String, String)> {
    let source = Source { config, taxonomies };
    let mut files: Vec<(String, String)> = (config.collections.iter())
        .filter(|c| c.form.is_some())
        .map(|c| {
            let text = format!("{HEADER}{}", yaml::to_string(&form(c, &source)));
            (format!("{FORMS_DIR}/{}.yml", c.name), text)
        })
        .collect();
    let chooser = format!("{HEADER}{}", yaml::to_string(&chooser(config)));
    files.push((format!("{FORMS_DIR}/config.yml"), chooser));
    files
}

/// Writes the forms into the site at `root`, removing forms it wrote
/// before for collections no longer open to proposals; returns the files
/// written.
pub fn write_forms(root: &Path, config: &Config) -> Result<Vec<PathBuf>, Diagnostics> {
    let files = generate(root, config)?;
    let fence = crate::core::paths::Fence::new(root, &[]);
    let io = |rel: &str, err: std::io::Error| {
        Diagnostics::from(vec![Diagnostic::error(rel, format!("cannot write: {err}"))])
    };
    let mut written = Vec::new();
    for (rel, text) in &files {
        if let Some(problem) = fence.check_file(rel) {
            return Err(Diagnostics::from(vec![problem]));
        }
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io(rel, e))?;
        }
        std::fs::write(&path, text).map_err(|e| io(rel, e))?;
        written.push(path);
    }
    for rel in stale(root, &files) {
        std::fs::remove_file(root.join(&rel)).map_err(|e| io(&rel, e))?;
    }
    Ok(written)
}

/// The files that differ from what `forms` would write (missing, changed,
/// or written by it and no longer wanted), each as a problem.
pub fn check_forms(root: &Path, config: &Config) -> Result<Vec<Diagnostic>, Diagnostics> {
    let files = generate(root, config)?;
    let mut drift = Vec::new();
    for (rel, text) in &files {
        match std::fs::read_to_string(root.join(rel)) {
            Ok(on_disk) if &on_disk == text => {}
            Ok(_) => drift.push(Diagnostic::error(
                rel,
                "this issue form differs from site.toml's schema",
            )),
            Err(_) => drift.push(Diagnostic::error(rel, "this issue form is missing")),
        }
    }
    for rel in stale(root, &files) {
        drift.push(Diagnostic::error(
            &rel,
            "this issue form is for a collection no longer open to proposals",
        ));
    }
    Ok(drift
        .into_iter()
        .map(|d| d.hint("run `calabash forms` and commit the files it writes"))
        .collect())
}

/// Files of the forms folder that Calabash wrote and would not write now.
fn stale(root: &Path, files: &[(String, String)]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join(FORMS_DIR)) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| format!("{FORMS_DIR}/{}", e.file_name().to_string_lossy()))
        .filter(|rel| rel.ends_with(".yml") && !files.iter().any(|(f, _)| f == rel))
        .filter(|rel| std::fs::read_to_string(root.join(rel)).is_ok_and(|t| t.starts_with(HEADER)))
        .collect();
    found.sort();
    found
}

/// The issue form of one collection.
fn form(collection: &CollectionConfig, source: &Source<'_>) -> Yaml {
    let settings = collection.form.clone().unwrap_or_default();
    let singular = collection.singular.to_lowercase();
    let name =
        (settings.title).unwrap_or_else(|| format!("Propose {} {singular}", article(&singular)));
    let description = (settings.description)
        .or_else(|| (!collection.description.is_empty()).then(|| collection.description.clone()))
        .unwrap_or_else(|| format!("Propose {} {singular} for the hub.", article(&singular)));
    let intro = format!(
        "Fill in what you know; the hub's team turns your answers into {} {singular} on the hub and may ask you questions here. Everything you write on this page is public.",
        article(&singular)
    );
    let mut body = vec![Yaml::map([
        ("type", Yaml::str("markdown")),
        ("attributes", Yaml::map([("value", Yaml::str(intro))])),
    ])];
    body.extend(field_elements(collection, source));
    body.push(text_element(collection));
    if let Some(consent) = settings.consent {
        body.push(Yaml::map([
            ("type", Yaml::str("checkboxes")),
            ("id", Yaml::str("consent")),
            (
                "attributes",
                Yaml::map([
                    ("label", Yaml::str("Consent")),
                    (
                        "options",
                        Yaml::List(vec![Yaml::map([
                            ("label", Yaml::str(consent)),
                            ("required", Yaml::Bool(true)),
                        ])]),
                    ),
                ]),
            ),
        ]));
    }
    Yaml::map([
        ("name", Yaml::str(name)),
        ("description", Yaml::str(description)),
        ("title", Yaml::str(format!("[{}]: ", collection.singular))),
        (
            "labels",
            Yaml::List(vec![
                Yaml::str("proposal"),
                Yaml::str(collection.name.clone()),
            ]),
        ),
        ("body", Yaml::List(body)),
    ])
}

/// "an" before a vowel's letter, "a" otherwise.
fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    }
}

/// The text area for the entry's body, holding the collection's headings.
fn text_element(collection: &CollectionConfig) -> Yaml {
    let headings: Vec<String> = (collection.outline.iter())
        .map(|section| format!("## {}\n\n", section.heading))
        .collect();
    let mut attributes = vec![
        ("label", Yaml::str("Text")),
        (
            "description",
            Yaml::str(
                "What readers will read on the page. Markdown works: ## for a heading, - for a list.",
            ),
        ),
    ];
    if !headings.is_empty() {
        attributes.push((
            "value",
            Yaml::str(headings.concat().trim_end().to_string() + "\n"),
        ));
    }
    Yaml::map([
        ("type", Yaml::str("textarea")),
        ("id", Yaml::str("body")),
        ("attributes", Yaml::map(attributes)),
    ])
}

/// `config.yml`: the forge's form chooser, linking to the hub and to the
/// team where the hub gives a web address for them.
fn chooser(config: &Config) -> Yaml {
    let mut links = vec![Yaml::map([
        ("name", Yaml::str(config.title.clone())),
        ("url", Yaml::str(format!("{}/", config.base_url))),
        ("about", Yaml::str("Read and search the hub")),
    ])];
    if let Some(team) = config
        .actions
        .contact_team
        .as_ref()
        .filter(|a| a.kind == ActionKind::Web)
    {
        links.push(Yaml::map([
            ("name", Yaml::str("Contact the facilitators")),
            ("url", Yaml::str(team.url.clone())),
            (
                "about",
                Yaml::str("Questions about the hub that are not a proposal"),
            ),
        ]));
    }
    Yaml::map([
        ("blank_issues_enabled", Yaml::Bool(true)),
        ("contact_links", Yaml::List(links)),
    ])
}
