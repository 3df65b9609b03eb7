//! Entry files: `content/` walked, each file read as UTF-8 text and split
//! into front matter and body, in parallel. What a field means is left to
//! `validate::entry`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::front_matter::{self, Parts, SplitError};
use crate::config::{CollectionConfig, Config};
use crate::core::diagnostics::{Diagnostic, did_you_mean};
use crate::core::model::Source;
use crate::core::text::relative;
use crate::core::{slug, translation};

pub const CONTENT_DIR: &str = "content";

/// An entry file as read, before its front matter is parsed.
#[derive(Debug)]
pub struct RawEntry {
    pub collection: String,
    /// The file name without `.md` (and without the language of a translation).
    pub slug: String,
    /// The language a translation's file name gives (`guide.es.md`); `None`
    /// for an original.
    pub translation: Option<String>,
    /// The file's text with where its front matter and body are; `None`
    /// when the file cannot be read as an entry at all (not UTF-8 text, no
    /// front matter), which `problems` says.
    pub text: Option<(Arc<Source>, Parts)>,
    /// What reading the file found wrong.
    pub problems: Vec<Diagnostic>,
}

/// Reads every entry file of every collection, in a stable order. Problems
/// of the content folder go to `problems`; each file's own stay with it.
pub fn load_entries(root: &Path, config: &Config, problems: &mut Vec<Diagnostic>) -> Vec<RawEntry> {
    let files = find_entry_files(root, config, problems);
    files
        .par_iter()
        .map(|(collection, path)| read_entry(root, path, collection, config))
        .collect()
}

/// Entry files in a stable order, each with its collection.
fn find_entry_files<'c>(
    root: &Path,
    config: &'c Config,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(&'c CollectionConfig, PathBuf)> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        problems.push(
            Diagnostic::error(CONTENT_DIR, "there is no content folder")
                .hint("create content/<collection>/ folders with one .md file per entry"),
        );
        return Vec::new();
    }
    let mut files = Vec::new();
    // Links leading out of the site are skipped, each with a warning.
    let walked = crate::core::paths::Fence::new(root, &[]).walk(&content, |e| {
        is_hidden(e.file_name()) || e.file_name() == "_taxonomies"
    });
    problems.extend(walked.warnings);
    for err in walked.errors {
        let path = err
            .path()
            .map(|p| relative(root, p))
            .unwrap_or_else(|| CONTENT_DIR.into());
        problems.push(Diagnostic::error(path, format!("cannot read: {err}")));
    }
    for item in walked.entries {
        let rel = relative(root, item.path());
        let top = item
            .path()
            .strip_prefix(&content)
            .ok()
            .and_then(|p| p.iter().next())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if item.depth() == 1 && item.file_type().is_dir() {
            if config.collection(&top).is_none() {
                let names = config.collections.iter().map(|c| c.name.as_str());
                let hint = did_you_mean(&top, names).unwrap_or_else(|| {
                    "declare the collection in site.toml as [collections.<name>], or move the files".into()
                });
                problems.push(
                    Diagnostic::error(
                        rel,
                        format!("folder `{top}` is not a collection declared in site.toml"),
                    )
                    .hint(hint),
                );
            }
            continue;
        }
        if !item.file_type().is_file() || item.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        if item.depth() == 1 {
            problems.push(
                Diagnostic::error(rel, "entries belong in a collection's folder")
                    .hint("move it to content/<collection>/ (free pages go in content/pages/)"),
            );
            continue;
        }
        if let Some(collection) = config.collection(&top) {
            files.push((collection, item.into_path()));
        }
    }
    files
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Reads one entry file: its name checked as a slug (and a language the
/// site publishes, for a translation), its text split.
fn read_entry(
    root: &Path,
    path: &Path,
    collection: &CollectionConfig,
    config: &Config,
) -> RawEntry {
    let rel = relative(root, path);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (slug, translation) = translation::split_stem(&stem);
    let mut raw = RawEntry {
        collection: collection.name.clone(),
        slug: slug.to_string(),
        translation: translation.map(str::to_string),
        text: None,
        problems: Vec::new(),
    };
    if let Some(lang) = translation
        && !language_codes(config).any(|code| code == lang)
    {
        raw.problems
            .push(unpublished_language(&rel, slug, lang, config));
    }
    let text = match read_text(path, &rel) {
        Ok(text) => text,
        Err(problem) => {
            raw.problems.push(problem);
            return raw;
        }
    };
    if !slug::is_safe(&raw.slug) {
        let (stem, suggestion) = (&raw.slug, slug::slugify(&raw.slug));
        raw.problems.push(
            Diagnostic::error(&rel, format!("file name `{stem}.md` is not a safe slug"))
                .hint(format!("rename the file to `{suggestion}.md`: lower-case letters, digits and single hyphens only")),
        );
    }
    if let Some(parts) = split_front_matter(&rel, &text, &mut raw.problems) {
        raw.text = Some((Arc::new(Source::new(rel, text)), parts));
    }
    raw
}

/// The languages the site publishes, the default first.
fn language_codes(config: &Config) -> impl Iterator<Item = &str> {
    config.languages.iter().map(|l| l.code.as_str())
}

/// The error of a translation into a language `site.toml` does not list.
fn unpublished_language(rel: &str, slug: &str, lang: &str, config: &Config) -> Diagnostic {
    let published = language_codes(config).collect::<Vec<_>>().join(", ");
    Diagnostic::error(
        rel,
        format!("`{slug}.{lang}.md` is a translation into `{lang}`, a language site.toml does not publish (it publishes {published})"),
    )
    .hint(format!(
        "add the language to site.toml ([languages.{lang}] with its name = \"...\"), or rename the file: only a translation has a dot, before its language"
    ))
}

/// A file's text, or why it cannot be read as UTF-8 text.
fn read_text(path: &Path, rel: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|err| Diagnostic::error(rel, format!("cannot read the file: {err}")))?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        Diagnostic::error(rel, "the file is not valid UTF-8 text")
            .at_line(line, column)
            .hint("save the file with UTF-8 encoding (most editors offer it under \"Save with encoding\")")
    })
}

/// The front matter and body of a file, or `None` (and why) when there is
/// no front matter to read.
fn split_front_matter(rel: &str, text: &str, problems: &mut Vec<Diagnostic>) -> Option<Parts> {
    match front_matter::split(text) {
        Ok(parts) => Some(parts),
        Err(SplitError::Missing) => {
            problems.push(
                Diagnostic::error(rel, "the file does not start with front matter")
                    .at(text, 0..0)
                    .hint("start the file with a line `+++`, then the fields (title = \"...\"), then another `+++` line"),
            );
            None
        }
        Err(SplitError::Unterminated(fence)) => {
            problems.push(
                Diagnostic::error(rel, "the front matter is never closed")
                    .at(text, fence)
                    .label("opened here")
                    .hint(
                        "add a line with just `+++` after the last field, before the Markdown text",
                    ),
            );
            None
        }
    }
}
