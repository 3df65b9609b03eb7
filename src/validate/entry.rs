//! One entry, from its file as read to the typed `Entry`: the front matter
//! parsed as TOML (every syntax error reported where it is), its characters
//! and fields checked, in parallel over every entry. An entry with mistakes
//! is kept, marked `invalid`, with its valid fields.

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use toml::de::DeTable;

use super::checker::Checker;
use super::front_matter::{self, FrontMatter};
use super::translation;
use crate::config::Config;
use crate::core::diagnostics::Diagnostic;
use crate::core::model::{Entry, Source, Value};
use crate::core::toml_characters;
use crate::load::RawEntry;
use crate::load::taxonomy::Taxonomies;

/// One entry file validated: its entry, or the `(collection, slug)` of a
/// file that could not be read as one; and its problems.
type Validated = (Result<Entry, (String, String)>, Vec<Diagnostic>);

/// Validates every entry read; problems are added to `problems` in the
/// order of the files. Files that cannot be read as entries at all are left
/// out; their `(collection, slug)` are returned too, so that links to them
/// are not reported as well.
pub fn validate_entries(
    raw: Vec<RawEntry>,
    config: &Config,
    taxonomies: &Taxonomies,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Entry>, Vec<(String, String)>) {
    let results: Vec<Validated> = raw
        .into_par_iter()
        .map(|raw| validate_entry(raw, config, taxonomies))
        .collect();
    let mut entries = Vec::with_capacity(results.len());
    let mut unreadable = Vec::new();
    for (entry, mut found) in results {
        problems.append(&mut found);
        match entry {
            Ok(entry) => entries.push(entry),
            Err(name) => unreadable.push(name),
        }
    }
    (entries, unreadable)
}

/// One entry with its problems.
fn validate_entry(raw: RawEntry, config: &Config, taxonomies: &Taxonomies) -> Validated {
    let RawEntry {
        collection,
        slug,
        translation: translated_into,
        text,
        mut problems,
    } = raw;
    let Some((source, parts)) = text else {
        return (Err((collection, slug)), problems);
    };
    let Some(collection_config) = config.collection(&collection) else {
        return (Err((collection, slug)), problems);
    };
    let relaxed;
    let collection_config = match translated_into {
        Some(_) => {
            relaxed = translation::relaxed(collection_config);
            &relaxed
        }
        None => collection_config,
    };
    let text = source.text();
    let (rel, text) = (source.path.as_str(), text.as_ref());
    let offset = parts.front_matter.start;
    let (table, toml_errors) = DeTable::parse_recoverable(&text[parts.front_matter.clone()]);
    let front = if toml_errors.is_empty() {
        let mut checker = Checker {
            path: rel,
            text,
            offset,
            taxonomies,
            problems,
        };
        let table = table.get_ref();
        let controls = toml_characters::check_front_matter(rel, text, offset, table);
        checker.problems.extend(controls);
        let opening = parts.opening.clone();
        let front = front_matter::check_front_matter(
            &mut checker,
            table,
            opening,
            collection_config,
            config,
        );
        front_matter::check_aliases(&mut checker, table);
        if let Some(lang) = &translated_into {
            let fields = &collection_config.fields;
            translation::check_translation(&mut checker, table, (&slug, lang), fields);
        }
        problems = checker.problems;
        front
    } else {
        for err in toml_errors {
            let span = err
                .span()
                .map_or(offset..offset, |s| s.start + offset..s.end + offset);
            problems.push(
                Diagnostic::error(rel, format!("invalid TOML: {}", err.message().trim()))
                    .at(text, span)
                    .hint(toml_hint(err.message())),
            );
        }
        // The body's links are still checked; no field can be trusted.
        FrontMatter::unparsed(config)
    };
    let invalid = problems.iter().any(Diagnostic::is_error);
    let mut entry = typed_entry((collection, slug), front, invalid, parts.body, source);
    if let Some(lang) = translated_into {
        entry.lang = lang;
        entry.translation = true;
    }
    (Ok(entry), problems)
}

/// The entry of a checked front matter: its common fields typed.
fn typed_entry(
    (collection, slug): (String, String),
    front: FrontMatter,
    invalid: bool,
    body: Range<usize>,
    source: Arc<Source>,
) -> Entry {
    let FrontMatter {
        fields,
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
    Entry {
        collection,
        slug,
        title: text_of("title"),
        summary: text_of("summary"),
        date: date_of("date"),
        updated: date_of("updated"),
        draft: matches!(fields.get("draft"), Some(Value::Bool(true))),
        lang,
        translation: false,
        body,
        invalid,
        written,
        source,
        fields,
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
