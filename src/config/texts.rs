//! The hub's own texts of `site.toml` in its other languages: the hub's
//! title and description (`[languages.<code>] title`, `description`) and
//! each vocabulary's and collection's (`titles = { es = "…" }`,
//! `descriptions = { es = "…" }`), checked against the languages the hub
//! publishes; a text without its translation is a warning.

use std::collections::BTreeMap;

use super::model::{CollectionConfig, Language, TaxonomyConfig, Translations};
use super::spans::SiteSpans;
use crate::core::diagnostics::Diagnostic;

/// The hub's title and description in its other languages, with the
/// warnings for every text of `site.toml` lacking a translation.
pub(super) fn resolve(
    (tables, default): (
        &indexmap::IndexMap<String, super::languages::LanguageFile>,
        &str,
    ),
    (title, description): (&str, &str),
    (taxonomies, collections): (&[TaxonomyConfig], &[CollectionConfig]),
    languages: &[Language],
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) -> (Translations, Translations, Vec<Diagnostic>) {
    let (titles, descriptions) = hub_texts(tables, default, spans, problems);
    for (table, name, t, d) in (taxonomies.iter())
        .map(|t| ("taxonomies", &t.name, &t.titles, &t.descriptions))
        .chain(
            collections
                .iter()
                .map(|c| ("collections", &c.name, &c.titles, &c.descriptions)),
        )
    {
        check_codes(t, &[table, name, "titles"], languages, spans, problems);
        check_codes(
            d,
            &[table, name, "descriptions"],
            languages,
            spans,
            problems,
        );
    }
    let warnings = missing(
        (title, &titles),
        (description, &descriptions),
        (taxonomies, collections),
        languages,
        spans,
    );
    (titles, descriptions, warnings)
}

/// Errors for translations in a language the hub does not publish (or in
/// its default language, whose text is the key without an `s`).
fn check_codes(
    translations: &Translations,
    path: &[&str],
    languages: &[Language],
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    for code in translations.keys() {
        if languages.iter().skip(1).any(|l| &l.code == code) {
            continue;
        }
        let mut at: Vec<&str> = path.to_vec();
        at.push(code);
        let key = path.last().copied().unwrap_or_default();
        problems.push(
            spans
                .error(
                    spans.key(&at),
                    format!("`{key}` has a text in `{code}`, which is not one of the hub's other languages"),
                )
                .hint("use the code of a [languages.<code>] table of site.toml, or add that table; the default language's text is the key without the `s`"),
        );
    }
}

/// The `[languages.<code>]` titles and descriptions of the hub, by code.
fn hub_texts(
    tables: &indexmap::IndexMap<String, super::languages::LanguageFile>,
    default: &str,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) -> (Translations, Translations) {
    let mut titles = BTreeMap::new();
    let mut descriptions = BTreeMap::new();
    for (code, table) in tables {
        for (key, text, into) in [
            ("title", &table.title, &mut titles),
            ("description", &table.description, &mut descriptions),
        ] {
            let Some(text) = text else { continue };
            if code == default {
                problems.push(
                    spans
                        .error(
                            spans.key(&["languages", code, key]),
                            format!(
                                "the default language's {key} is `{key}` at the top of site.toml"
                            ),
                        )
                        .hint(format!("remove `{key}` from [languages.{code}]")),
                );
                continue;
            }
            into.insert(code.clone(), text.clone());
        }
    }
    (titles, descriptions)
}

/// A warning for each text of the hub, its vocabularies and collections
/// without its translation into one of the hub's other languages.
pub(super) fn missing(
    (title, titles): (&str, &Translations),
    (description, descriptions): (&str, &Translations),
    sections: (&[TaxonomyConfig], &[CollectionConfig]),
    languages: &[Language],
    spans: &SiteSpans<'_>,
) -> Vec<Diagnostic> {
    let mut texts: Vec<(Vec<String>, &str, &Translations)> = vec![
        (vec!["title".into()], title, titles),
        (vec!["description".into()], description, descriptions),
    ];
    for (table, name, title, titles, description, descriptions) in sections
        .0
        .iter()
        .map(|t| {
            (
                "taxonomies",
                &t.name,
                &t.title,
                &t.titles,
                &t.description,
                &t.descriptions,
            )
        })
        .chain(sections.1.iter().filter(|c| !c.is_pages()).map(|c| {
            (
                "collections",
                &c.name,
                &c.title,
                &c.titles,
                &c.description,
                &c.descriptions,
            )
        }))
    {
        let path = |key: &str| vec![table.to_string(), name.clone(), key.to_string()];
        texts.push((path("title"), title, titles));
        texts.push((path("description"), description, descriptions));
    }
    let mut warnings = Vec::new();
    for (path, text, translations) in texts {
        if text.trim().is_empty() {
            continue;
        }
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        for language in languages.iter().skip(1) {
            let code = &language.code;
            if translations.contains_key(code) {
                continue;
            }
            warnings.push(missing_one(&path, text, language, spans));
        }
    }
    warnings
}

fn missing_one(
    path: &[&str],
    text: &str,
    language: &Language,
    spans: &SiteSpans<'_>,
) -> Diagnostic {
    let code = &language.code;
    let key = path.join(".");
    // The hub's own texts belong in its language's table; a collection's
    // or vocabulary's beside the text they translate.
    let hint = match path {
        [only] => {
            format!("add `{only} = \"...\"` to [languages.{code}], its text in that language")
        }
        [.., last] => format!(
            "add `{last}s = {{ {code} = \"...\" }}` beside `{last}`, its text in that language"
        ),
        [] => String::new(),
    };
    spans
        .warning(
            spans.key(path),
            format!("`{key}` has no text in `{code}` ({}): its pages in that language show \"{text}\", marked as the default language's", language.name),
        )
        .hint(hint)
}
