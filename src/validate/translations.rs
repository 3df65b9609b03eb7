//! Translations beside their originals, once every entry is loaded: each
//! translation paired with the entry it translates (an error when there is
//! none), given the fields it leaves out (its terms and references among
//! them), and compared with it for changes made after it was written.

use std::collections::{HashMap, HashSet};

use crate::config::Config;
use crate::core::diagnostics::Diagnostic;
use crate::core::model::{Entry, EntryId, PerEntry};

/// Each entry's versions: its original first, then its translations in
/// entry order. An entry without translations is its only version.
#[derive(Debug, Clone, Default)]
pub struct Versions(PerEntry<Vec<EntryId>>);

impl Versions {
    /// Pairs every translation in `entries` with its original; every
    /// translation has one (`check_originals` dropped the others).
    pub fn new(entries: &[Entry]) -> Self {
        let originals: HashMap<(&str, &str), EntryId> = EntryId::enumerate(entries)
            .filter(|(_, e)| !e.translation)
            .map(|(id, e)| ((e.collection.as_str(), e.slug.as_str()), id))
            .collect();
        let translated: Vec<(EntryId, EntryId)> = EntryId::enumerate(entries)
            .filter(|(_, e)| e.translation)
            .filter_map(|(id, e)| {
                let original = originals.get(&(e.collection.as_str(), e.slug.as_str()))?;
                Some((id, *original))
            })
            .collect();
        let mut versions: PerEntry<Vec<EntryId>> =
            EntryId::all(entries.len()).map(|id| vec![id]).collect();
        for &(id, original) in &translated {
            versions[original].push(id);
        }
        // A translation's versions are its original's, once all are known.
        for &(id, original) in &translated {
            versions[id] = versions[original].clone();
        }
        Versions(versions)
    }

    /// The original first, then the translations.
    pub fn of(&self, id: EntryId) -> &[EntryId] {
        self.0.get(id).map_or(&[], Vec::as_slice)
    }

    /// The entry a translation translates; an original itself.
    pub fn original(&self, id: EntryId) -> EntryId {
        self.of(id).first().copied().unwrap_or(id)
    }

    /// Whether any entry has a translation.
    pub fn any(&self) -> bool {
        self.0.iter().any(|v| v.len() > 1)
    }
}

/// Reports translations without an original among the entries, or in the
/// original's own language; returns the ids of those to drop, with those
/// into a language the hub does not publish (reported when read). A
/// translation of a draft is a draft too, returned as the second list.
pub fn check_originals(
    (entries, drafts): (&[Entry], &[Entry]),
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<EntryId>, Vec<EntryId>) {
    let originals: HashMap<(&str, &str), &str> = entries
        .iter()
        .filter(|o| !o.translation)
        .map(|o| ((o.collection.as_str(), o.slug.as_str()), o.lang.as_str()))
        .collect();
    let drafted_originals: HashSet<(&str, &str)> = drafts
        .iter()
        .filter(|o| !o.translation)
        .map(|o| (o.collection.as_str(), o.slug.as_str()))
        .collect();
    let (mut dropped, mut drafted) = (Vec::new(), Vec::new());
    for (id, entry) in EntryId::enumerate(entries).filter(|(_, e)| e.translation) {
        let (slug, lang) = (&entry.slug, &entry.lang);
        let at_start = |d: Diagnostic| d.at(&entry.source.text(), 0..0);
        let key = (entry.collection.as_str(), slug.as_str());
        if config.language_named(lang).is_none() {
            dropped.push(id);
            continue;
        }
        match originals.get(&key) {
            Some(original_lang) if original_lang == lang => {
                problems.push(at_start(Diagnostic::error(
                    &entry.source.path,
                    format!("`{slug}.{lang}.md` translates `{slug}.md` into its own language, `{lang}`"),
                ))
                .hint(format!("a translation is in another language than its original: rename the file to {slug}.<language>.md, or remove it")));
                dropped.push(id);
            }
            Some(_) => {}
            None if drafted_originals.contains(&key) => drafted.push(id),
            None => {
                let dir = entry.source.path.rsplit_once('/').map_or("", |(d, _)| d);
                problems.push(at_start(Diagnostic::error(
                    &entry.source.path,
                    format!("`{slug}.{lang}.md` is a translation, but its original `{dir}/{slug}.md` is missing"),
                ))
                .hint(format!("add the original `{dir}/{slug}.md` beside it; if this file is itself the original, rename it to `{slug}.md` and write `lang = \"{lang}\"` in it")));
                dropped.push(id);
            }
        }
    }
    (dropped, drafted)
}

/// The fields a translation never takes from its original: when it changed,
/// and the old addresses that redirect to the original.
const OWN: [&str; 2] = ["updated", "aliases"];

/// Gives each translation the fields it leaves out from its original (the
/// original's terms and references, its date, its other fields), in the
/// schema's order; its `updated` and `aliases` stay its own.
pub fn share_fields(entries: &mut [Entry], versions: &Versions, config: &Config) {
    for id in EntryId::all(entries.len()) {
        let original = versions.original(id);
        if original == id {
            continue;
        }
        let from = entries[original.index()].clone();
        let entry = &mut entries[id.index()];
        let own: Vec<String> = entry
            .written
            .iter()
            .flatten()
            .map(|(k, _)| k.clone())
            .collect();
        let written = |name: &str| own.iter().any(|k| k == name);
        let Some(schema) = config.collection(&entry.collection) else {
            continue;
        };
        let mut fields = indexmap::IndexMap::new();
        for name in schema.fields.keys() {
            let own = entry
                .fields
                .get(name)
                .filter(|_| written(name) || name == "lang");
            let shared = from
                .fields
                .get(name)
                .filter(|_| !OWN.contains(&name.as_str()));
            if let Some(value) = own.or(shared) {
                fields.insert(name.clone(), value.clone());
            }
        }
        entry.fields = fields;
        entry.date = entry.date.filter(|_| written("date")).or(from.date);
        entry.draft = from.draft;
    }
}

/// Warns of each translation whose original changed after it: `changed`
/// tells when a translation and its original last changed, when that can
/// be compared.
pub fn stale_translations(
    entries: &[Entry],
    versions: &Versions,
    changed: impl Fn(EntryId, EntryId) -> Option<(jiff::civil::Date, jiff::civil::Date)>,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (id, entry) in EntryId::enumerate(entries).filter(|(_, e)| e.translation) {
        let original = versions.original(id);
        let Some((then, now)) = changed(id, original) else {
            continue;
        };
        if now <= then {
            continue;
        }
        let original_path = &entries[original.index()].source.path;
        warnings.push(
            Diagnostic::warning(
                &entry.source.path,
                format!("this translation may be out of date: its original, {original_path}, changed on {now}, after it ({then})"),
            )
            .at(&entry.source.text(), 0..0)
            .hint("bring the translation up to date with the original, then commit it (without git history, set its `updated` date)"),
        );
    }
    warnings
}
