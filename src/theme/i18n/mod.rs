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

/// Reads and checks the translation files of the theme and the hub.
pub fn load(root: &Path, config: &Config) -> Result<Strings, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let theme_files = theme_sources(root, config, &mut problems);
    let site_files = folder_sources(root, I18N_DIR, &mut problems);
    let parsed = |sources: &[Source]| -> Vec<(String, catalog::Catalog)> {
        (sources.iter())
            .map(|s| (s.lang.clone(), catalog::parse(&s.shown, &s.text)))
            .collect()
    };
    let (theme_catalogs, site_catalogs) = (parsed(&theme_files), parsed(&site_files));
    let mut merged: BTreeMap<String, Messages> = BTreeMap::new();
    for (lang, catalog) in theme_catalogs.iter().chain(&site_catalogs) {
        let messages = merged.entry(lang.clone()).or_default();
        for (key, located) in &catalog.messages {
            messages.insert(key.clone(), located.message.clone());
        }
    }
    // The theme's English, as shipped: what the templates print.
    let reference: Messages = (theme_catalogs.iter())
        .filter(|(lang, _)| lang == REFERENCE)
        .flat_map(|(_, c)| c.messages.iter())
        .map(|(k, l)| (k.clone(), l.message.clone()))
        .collect();
    let checked = theme_files
        .iter()
        .zip(&theme_catalogs)
        .skip_while(|(s, _)| s.shown.starts_with("(built in)"));
    for (source, (_, catalog)) in checked.chain(site_files.iter().zip(&site_catalogs)) {
        problems.extend(catalog.problems.iter().cloned());
        let file = checks::File {
            shown: &source.shown,
            text: &source.text,
            catalog,
        };
        if !reference.is_empty() {
            checks::unknown_keys(&file, &reference, &mut problems);
        }
    }
    if !reference.is_empty() {
        missing_in_published(
            config,
            (&site_files, &site_catalogs),
            &merged,
            &reference,
            &mut problems,
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Strings::new(merged, REFERENCE))
}

/// A language the hub publishes has every key of the reference. A hub of
/// one language that no file translates keeps the English interface.
fn missing_in_published(
    config: &Config,
    (sources, catalogs): (&[Source], &[(String, catalog::Catalog)]),
    merged: &BTreeMap<String, Messages>,
    reference: &Messages,
    problems: &mut Vec<Diagnostic>,
) {
    for language in &config.languages {
        let code = language.code.as_str();
        let own = sources.iter().zip(catalogs).find(|(s, _)| s.lang == code);
        match (merged.get(code), own) {
            (Some(messages), Some((source, (_, catalog)))) => {
                let file = checks::File {
                    shown: &source.shown,
                    text: &source.text,
                    catalog,
                };
                checks::missing_keys(&file, messages, reference, problems);
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

/// The built-in theme's files, then those of the theme's folder.
fn theme_sources(root: &Path, config: &Config, problems: &mut Vec<Diagnostic>) -> Vec<Source> {
    let mut sources: Vec<Source> = files_under(&config.theme, I18N_DIR)
        .filter_map(|(name, bytes)| {
            Some(Source {
                lang: name.strip_suffix(".toml")?.to_string(),
                shown: shown(&format!("{I18N_DIR}/{name}")),
                text: String::from_utf8_lossy(bytes).into_owned(),
            })
        })
        .collect();
    let folder = format!("themes/{}/{I18N_DIR}", config.theme);
    sources.extend(folder_sources(root, &folder, problems));
    sources
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
