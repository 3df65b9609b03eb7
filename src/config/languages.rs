//! `language` and `[languages.<code>]`: the hub's default language and the
//! others it publishes, each with its name in its own language.
//!
//! A code is a BCP 47 language tag in its canonical form (`es`, `ht`,
//! `pt-BR`): it names the interface's translation file (`i18n/<code>.toml`),
//! a translation's file (`<slug>.<code>.md`) and the folder of a language's
//! pages (`/<code>/`), so one language has one spelling.

use indexmap::IndexMap;
use serde::Deserialize;

use super::model::Language;
use super::spans::SiteSpans;
use crate::core::diagnostics::Diagnostic;

/// One `[languages.<code>]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LanguageFile {
    /// The language's name in itself ("Español"); required but for the
    /// default language.
    pub(super) name: Option<String>,
    /// The hub's title in this language.
    pub(super) title: Option<String>,
    /// The hub's description in this language.
    pub(super) description: Option<String>,
}

/// The languages of the hub, the default first; a language without a name
/// (the default, when it has no table) is named by its code until the
/// theme's translation file names it (`language.name`).
pub(super) fn resolve(
    default: &str,
    tables: &IndexMap<String, LanguageFile>,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Language> {
    check_code(default, &["language"], true, spans, problems);
    let mut languages = vec![Language {
        code: default.to_string(),
        name: default.to_string(),
    }];
    for (code, table) in tables {
        let path = ["languages", code.as_str()];
        check_code(code, &path, false, spans, problems);
        let name = match &table.name {
            Some(name) if name.trim().is_empty() || name.contains(['\n', '\r']) => {
                problems.push(
                    spans
                        .error(
                            spans.value(&["languages", code, "name"]),
                            format!("the name of language `{code}` must be one line of text"),
                        )
                        .hint(
                            "write the language's name in that language, like name = \"Español\"",
                        ),
                );
                continue;
            }
            Some(name) => name.trim().to_string(),
            None if code == default => code.clone(),
            None => {
                problems.push(
                    spans
                        .error(
                            spans.key(&path),
                            format!("language `{code}` has no name"),
                        )
                        .hint("add its name in that language under the table, like name = \"Español\""),
                );
                continue;
            }
        };
        if code == default {
            languages[0].name = name;
        } else {
            languages.push(Language {
                code: code.clone(),
                name,
            });
        }
    }
    languages
}

/// A language code is a BCP 47 tag written in its canonical form; `value`
/// says whether `path` ends in the code as a value (`language = "en"`) or
/// as a table name (`[languages.es]`).
fn check_code(
    code: &str,
    path: &[&str],
    value: bool,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let at = if value {
        spans.value(path)
    } else {
        spans.key(path)
    };
    let hint = match icu_locale_core::LanguageIdentifier::try_from_str(code) {
        Ok(tag) if tag.to_string() == code => return,
        Ok(tag) => format!("write it as `{tag}`"),
        Err(_) => {
            "write a language tag such as \"en\", \"es\", \"fr\", \"nl\", \"ht\" or \"pt-BR\""
                .to_string()
        }
    };
    problems.push(
        spans
            .error(at, format!("`{code}` is not a language code"))
            .hint(hint),
    );
}
