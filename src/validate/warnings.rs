//! Warnings: content that builds but serves readers less well than it could.
//! They never fail a build; `calabash check` and the pull-request annotations
//! show them apart from errors so reviewers can decide.

use crate::config::Config;
use crate::core::diagnostics::Diagnostic;
use crate::core::model::Entry;
use crate::core::schema::{FieldDef, FieldType};
use crate::markdown::Rendered;

/// Warnings about entries that passed validation; `rendered[i]` is the body
/// of `entries[i]`.
pub fn content_warnings(
    entries: &[Entry],
    rendered: &[Rendered],
    config: &Config,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (entry, body) in entries.iter().zip(rendered) {
        if let Some(collection) = config.collection(&entry.collection) {
            for name in &collection.recommended {
                if let Some(def) = collection.fields.get(name) {
                    warnings.extend(recommended_warning(entry, name, def));
                }
            }
        }
        for image in &body.outside_images {
            let host = crate::markdown::host_of(&image.url);
            warnings.push(
                Diagnostic::warning(
                    &entry.source.path,
                    format!("image on another host ({host}) is not shown in the page"),
                )
                .at(&entry.source.text(), image.span.clone())
                .hint(
                    "pages make readers' browsers fetch nothing from other hosts: save the \
                     image under static/images/ and write ![description](/images/name.png) \
                     (a Markdown image from another host is shown as a link to it instead)",
                ),
            );
        }
        for span in &body.images_without_alt {
            warnings.push(
                Diagnostic::warning(&entry.source.path, "image without alternative text")
                    .at(&entry.source.text(), span.clone())
                    .label("no text between the brackets")
                    .hint(
                        "describe the image between the brackets, like \
                         ![Pupils reading aloud in a classroom](/images/reading.jpg): \
                         it is what screen readers say and what shows when the image does not load",
                    ),
            );
        }
    }
    warnings
}

/// A warning when a recommended field is missing or empty: at the field
/// when it is written, else at the opening `+++`. Entries whose front matter
/// is not valid TOML get none: which fields they have is not known.
fn recommended_warning(entry: &Entry, name: &str, def: &FieldDef) -> Option<Diagnostic> {
    let written = entry.written_at(name);
    let empty = entry.field(name).is_none_or(|v| v.items().is_empty());
    // Read only for a warning: a build's texts are read again from their files.
    let text = || entry.source.text();
    let warning = match written {
        _ if entry.written.is_none() || !empty => return None,
        // Written but not valid: its error says enough.
        Some(_) if entry.field(name).is_none() => return None,
        Some(span) => Diagnostic::warning(
            &entry.source.path,
            format!("recommended field `{name}` is empty"),
        )
        .at(&text(), span),
        None => Diagnostic::warning(
            &entry.source.path,
            format!("recommended field `{name}` is missing"),
        )
        .at(&text(), 0..3),
    };
    Some(warning.hint(recommendation(name, def)))
}

/// What to add, and why it matters when the schema says.
fn recommendation(name: &str, def: &FieldDef) -> String {
    let mut hint = match (def.kind, def.taxonomy.as_deref()) {
        (FieldType::Term, Some(taxonomy)) => format!(
            "add `{name} = {}` with terms from content/_taxonomies/{taxonomy}.toml",
            if def.list { "[\"...\"]" } else { "\"...\"" }
        ),
        _ => format!("add `{name} = ...`: {}", def.expectation()),
    };
    if let Some(description) = &def.description {
        hint.push_str(&format!(" ({description})"));
    }
    hint
}
