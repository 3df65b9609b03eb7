//! Slugs checked once every entry is loaded: duplicates within a
//! collection (ignoring case) and free pages whose URL would clash with a
//! collection or taxonomy.

use std::collections::HashMap;

use crate::config::Config;
use crate::core::diagnostics::Diagnostic;
use crate::core::model::{Entry, EntryId};

/// Reports entries that share a slug within a collection (ignoring case) and
/// free pages whose URL would clash with a collection or taxonomy. Returns
/// the ids of entries to drop.
pub fn check_slugs(
    entries: &[Entry],
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Vec<EntryId> {
    // A translation shares its original's slug, not its language.
    let mut seen: HashMap<(String, String, Option<String>), EntryId> = HashMap::new();
    let mut dropped = Vec::new();
    for (id, entry) in EntryId::enumerate(entries) {
        let translation = entry.translation.then(|| entry.lang.to_lowercase());
        let key = (
            entry.collection.clone(),
            entry.slug.to_lowercase(),
            translation,
        );
        if let Some(&first) = seen.get(&key) {
            problems.push(
                Diagnostic::error(
                    &entry.source.path,
                    format!(
                        "duplicate slug `{}` in collection `{}`",
                        entry.slug, entry.collection
                    ),
                )
                .hint(format!(
                    "{} has the same name (slugs ignore case); rename one of the files",
                    entries[first.index()].source.path
                )),
            );
            dropped.push(id);
            continue;
        }
        seen.insert(key, id);
        if entry.collection == crate::config::PAGES {
            let path = format!("/{}/", entry.slug);
            let clash = config
                .collections
                .iter()
                .filter(|c| !c.is_pages())
                .map(|c| (&c.path, &c.name))
                .chain(config.taxonomies.iter().map(|t| (&t.path, &t.name)))
                .find(|(p, _)| **p == path);
            if let Some((_, name)) = clash {
                problems.push(
                    Diagnostic::error(
                        &entry.source.path,
                        format!(
                            "page `{}` would have the same URL ({path}) as `{name}`",
                            entry.slug
                        ),
                    )
                    .hint("rename the page's file"),
                );
                dropped.push(id);
            }
        }
    }
    dropped
}
