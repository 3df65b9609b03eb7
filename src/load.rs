//! Loading: walks `content/`, reads each entry file, splits its front matter
//! and validates it against its collection's schema, in parallel.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use toml::de::DeTable;

use crate::config::{CollectionConfig, Config};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::front_matter::{self, SplitError};
use crate::model::{Entry, Source, Value};
use crate::slug;
use crate::taxonomy::Taxonomies;
use crate::validate::controls;
use crate::validate::entry::{self, FrontMatter};
use crate::validate::fields::Checker;

pub const CONTENT_DIR: &str = "content";

/// Reads every entry of every collection; their problems are added to
/// `problems`. An entry whose front matter has mistakes is kept, marked
/// `invalid`, with its valid fields. Files that cannot be read as entries at
/// all are left out; their `(collection, slug)` are returned too, so that
/// links to them are not reported as well.
pub fn load_entries(
    root: &Path,
    config: &Config,
    taxonomies: &Taxonomies,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Entry>, Vec<(String, String)>) {
    let files = find_entry_files(root, config, problems);
    let results: Vec<(Option<Entry>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|(collection, path)| load_entry(root, path, collection, config, taxonomies))
        .collect();
    let mut entries = Vec::with_capacity(results.len());
    let mut unreadable = Vec::new();
    for ((collection, path), (entry, mut found)) in files.iter().zip(results) {
        problems.append(&mut found);
        match entry {
            Some(entry) => entries.push(entry),
            None => unreadable.push((
                collection.name.clone(),
                path.file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
            )),
        }
    }
    (entries, unreadable)
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
    let walked = crate::paths::Fence::new(root, &[]).walk(&content, |e| {
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

/// A path relative to the site root, with `/` separators, for messages.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.iter()
        .map(|p| p.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn load_entry(
    root: &Path,
    path: &Path,
    collection: &CollectionConfig,
    config: &Config,
    taxonomies: &Taxonomies,
) -> (Option<Entry>, Vec<Diagnostic>) {
    let rel = relative(root, path);
    let text = match read_text(path, &rel) {
        Ok(text) => text,
        Err(problem) => return (None, vec![problem]),
    };
    let source = Arc::new(Source {
        path: rel.clone(),
        text,
    });
    let text = source.text.as_str();
    let mut problems = Vec::new();

    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !slug::is_safe(&stem) {
        let suggestion = slug::slugify(&stem);
        problems.push(
            Diagnostic::error(&rel, format!("file name `{stem}.md` is not a safe slug"))
                .hint(format!("rename the file to `{suggestion}.md`: lower-case letters, digits and single hyphens only")),
        );
    }
    let Some(parts) = split_front_matter(&rel, text, &mut problems) else {
        return (None, problems);
    };
    let fm_text = &text[parts.front_matter.clone()];
    let (table, toml_errors) = DeTable::parse_recoverable(fm_text);
    let offset = parts.front_matter.start;
    let front = if toml_errors.is_empty() {
        let mut checker = Checker {
            path: &rel,
            text,
            offset,
            taxonomies,
            problems: std::mem::take(&mut problems),
        };
        checker.problems.extend(controls::check_front_matter(
            &rel,
            text,
            offset,
            table.get_ref(),
        ));
        let front = entry::check_front_matter(
            &mut checker,
            table.get_ref(),
            parts.opening.clone(),
            collection,
            config,
        );
        check_aliases(&mut checker, table.get_ref());
        problems = checker.problems;
        front
    } else {
        for err in toml_errors {
            let span = err
                .span()
                .map_or(offset..offset, |s| s.start + offset..s.end + offset);
            problems.push(
                Diagnostic::error(&rel, format!("invalid TOML: {}", err.message().trim()))
                    .at(text, span)
                    .hint(toml_hint(err.message())),
            );
        }
        // The body's links are still checked; no field can be trusted.
        FrontMatter::unparsed(config)
    };
    let FrontMatter {
        mut fields,
        lang,
        written,
    } = front;
    let text_of = |name: &str| {
        fields
            .get(name)
            .and_then(Value::as_text)
            .unwrap_or_default()
            .to_string()
    };
    let date_of = |name: &str| match fields.get(name) {
        Some(Value::Date(d)) => Some(*d),
        _ => None,
    };
    let entry = Entry {
        collection: collection.name.clone(),
        slug: stem,
        title: text_of("title"),
        summary: text_of("summary"),
        date: date_of("date"),
        updated: date_of("updated"),
        draft: matches!(fields.get("draft"), Some(Value::Bool(true))),
        lang,
        body: parts.body,
        fields: std::mem::take(&mut fields),
        invalid: problems.iter().any(Diagnostic::is_error),
        written,
        source,
    };
    (Some(entry), problems)
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
fn split_front_matter(
    rel: &str,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<front_matter::Parts> {
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

fn check_aliases(checker: &mut Checker<'_>, table: &DeTable<'_>) {
    let Some((_, aliases)) = table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "aliases")
    else {
        return;
    };
    let Some(items) = aliases.get_ref().as_array() else {
        return;
    };
    for item in items.iter() {
        let Some(alias) = item.get_ref().as_str() else {
            continue;
        };
        if let Err(unsafe_path) = crate::paths::names::check_alias(alias) {
            checker.error(
                item.span(),
                format!("alias `{alias}` is not a path on this site: {}", unsafe_path.reason),
                Some("write the old address as a path from the site root with letters, digits and - . _ ~ %, like /old/path/ or /old/page.html".into()),
            );
        }
    }
}

fn toml_hint(message: &str) -> String {
    if message.contains("string")
        && (message.contains("unterminated") || message.contains("invalid basic string"))
    {
        "close the text with a double quote \" on the same line".into()
    } else if message.contains("duplicate key") {
        "each field may appear only once; remove one of them".into()
    } else {
        "front matter is TOML: `name = \"text\"`, `date = 2025-03-14`, `list = [\"a\", \"b\"]`"
            .into()
    }
}
