//! Warnings: content that builds but serves readers less well than it could.
//! They never fail a build; `calabash check` and the pull-request annotations
//! show them apart from errors so reviewers can decide.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;
use crate::model::Entry;
use crate::schema::{FieldDef, FieldType};

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
                let empty = entry.field(name).is_none_or(|v| v.items().is_empty());
                if let (true, Some(def)) = (empty, collection.fields.get(name)) {
                    warnings.push(
                        Diagnostic::warning(
                            &entry.source.path,
                            format!("recommended field `{name}` is missing"),
                        )
                        .at(&entry.source.text, 0..3)
                        .hint(recommendation(name, def)),
                    );
                }
            }
        }
        for span in &body.images_without_alt {
            warnings.push(
                Diagnostic::warning(&entry.source.path, "image without alternative text")
                    .at(&entry.source.text, span.clone())
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
