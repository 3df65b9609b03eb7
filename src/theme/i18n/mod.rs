//! Interface strings: every word the theme prints, per language, from
//! translation files: the built-in theme's (`themes/hub/i18n/<lang>.toml`,
//! compiled in), then the theme folder's, then the hub's own
//! (`i18n/<lang>.toml`), key by key. English is the reference: a file may
//! only hold keys it has, and a language the hub publishes needs them all.
//! Formatting per language (plural forms, numbers, month and weekday
//! names) is in `format`, and the template filters that use it in `filters`.

pub mod catalog;
mod checks;
pub mod filters;
pub mod format;
mod strings;

use std::collections::BTreeMap;
use std::path::Path;

pub use catalog::REFERENCE;
pub use strings::{Messages, Strings};

use super::builtin_theme::{files_under, shown};
use crate::config::Config;
use crate::core::diagnostics::Diagnostic;

/// The folder of translation files, in a theme and in a hub.
pub const I18N_DIR: &str = "i18n";

/// A translation file: its language, where it is shown, its text.
struct Source {
    lang: String,
    shown: String,
    text: String,
}

impl Source {
    fn file<'a>(&'a self, catalog: &'a catalog::Catalog) -> checks::File<'a> {
        checks::File {
            shown: &self.shown,
            text: &self.text,
            catalog,
        }
    }
}

/// Reads and checks the translation files of the theme and the hub.
pub fn load(root: &Path, config: &Config) -> Result<Strings, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let builtin = builtin_sources(config);
    // The files of the hub, its theme folder's then its own: the built-in
    // ones are checked by the crate's tests.
    let theme_folder = format!("themes/{}/{I18N_DIR}", config.theme);
    let mut hubs = folder_sources(root, &theme_folder, &mut problems);
    let in_theme = hubs.len();
    hubs.extend(folder_sources(root, I18N_DIR, &mut problems));
    let parsed = |sources: Vec<Source>| -> Vec<(Source, catalog::Catalog)> {
        (sources.into_iter())
            .map(|s| {
                let catalog = catalog::parse(&s.shown, &s.text);
                (s, catalog)
            })
            .collect()
    };
    let (builtin, hubs) = (parsed(builtin), parsed(hubs));
    let mut merged: BTreeMap<String, Messages> = BTreeMap::new();
    for (source, catalog) in builtin.iter().chain(&hubs) {
        let messages = merged.entry(source.lang.clone()).or_default();
        for (key, located) in &catalog.messages {
            messages.insert(key.clone(), located.message.clone());
        }
    }
    // The theme's English, as shipped: what the templates print.
    let reference: Messages = (builtin.iter().chain(&hubs[..in_theme]))
        .filter(|(s, _)| s.lang == REFERENCE)
        .flat_map(|(_, c)| c.messages.iter())
        .map(|(k, l)| (k.clone(), l.message.clone()))
        .collect();
    for (source, catalog) in &hubs {
        problems.extend(catalog.problems.iter().cloned());
        if !reference.is_empty() {
            checks::unknown_keys(&source.file(catalog), &reference, &mut problems);
        }
    }
    if !reference.is_empty() {
        missing_in_published(config, &hubs, &merged, &reference, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Strings::new(merged, REFERENCE))
}

/// A language the hub publishes has every key of the reference, each
/// missing one reported in the hub's last file of the language (its own,
/// else its theme folder's). A hub of one language that no file
/// translates keeps the English interface.
fn missing_in_published(
    config: &Config,
    hubs: &[(Source, catalog::Catalog)],
    merged: &BTreeMap<String, Messages>,
    reference: &Messages,
    problems: &mut Vec<Diagnostic>,
) {
    for language in &config.languages {
        let code = language.code.as_str();
        let last = hubs.iter().rev().find(|(s, _)| s.lang == code);
        match (merged.get(code), last) {
            (Some(messages), Some((source, catalog))) => {
                checks::missing_keys(&source.file(catalog), messages, reference, problems);
            }
            (Some(_), None) => {}
            (None, _) if !config.is_multilingual() => {}
            (None, _) => problems.push(
                Diagnostic::error(
                    format!("{I18N_DIR}/{code}.toml"),
                    format!("language `{code}` has no interface strings"),
                )
                .label(code)
                .hint(format!(
                    "write {I18N_DIR}/{code}.toml with every key of the English file (`calabash theme show i18n/en.toml` prints it), translated"
                )),
            ),
        }
    }
}

/// The built-in theme's files (none for another theme).
fn builtin_sources(config: &Config) -> Vec<Source> {
    files_under(&config.theme, I18N_DIR)
        .filter_map(|(name, bytes)| {
            Some(Source {
                lang: name.strip_suffix(".toml")?.to_string(),
                shown: shown(&format!("{I18N_DIR}/{name}")),
                text: String::from_utf8_lossy(bytes).into_owned(),
            })
        })
        .collect()
}

/// The `<lang>.toml` files of a folder of the hub (`folder` relative to
/// `root`), in the order of their names; none when there is no folder.
fn folder_sources(root: &Path, folder: &str, problems: &mut Vec<Diagnostic>) -> Vec<Source> {
    let Ok(listing) = std::fs::read_dir(root.join(folder)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = listing
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.ends_with(".toml") && !name.starts_with('.'))
        .collect();
    names.sort();
    let fence = crate::core::paths::Fence::new(root, &[]);
    let mut sources = Vec::new();
    for name in names {
        let shown = format!("{folder}/{name}");
        if let Some(problem) = fence.check_file(&shown) {
            problems.push(problem);
            continue;
        }
        match std::fs::read_to_string(root.join(&shown)) {
            Ok(text) => sources.push(Source {
                lang: name.trim_end_matches(".toml").to_string(),
                shown,
                text,
            }),
            Err(err) => problems.push(Diagnostic::error(
                &shown,
                format!("cannot read the translation file: {err}"),
            )),
        }
    }
    sources
}
