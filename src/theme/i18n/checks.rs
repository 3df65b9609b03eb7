//! The checks of a translation file a hub or its theme folder writes
//! against the theme's reference file (English): every key it has is one
//! the theme uses, in the same shape (text or plural); and a language the
//! hub publishes has every key.

use super::catalog::{Catalog, Message};
use super::strings::Messages;
use crate::core::diagnostics::{Diagnostic, did_you_mean};

/// One file, read: where it is shown and its text.
pub struct File<'a> {
    pub shown: &'a str,
    pub text: &'a str,
    pub catalog: &'a Catalog,
}

/// Keys the reference does not have, and messages of the wrong shape.
pub fn unknown_keys(file: &File<'_>, reference: &Messages, problems: &mut Vec<Diagnostic>) {
    for (key, located) in &file.catalog.messages {
        let at = |message: String| {
            Diagnostic::error(file.shown, message)
                .at(file.text, located.span.clone())
                .label(key)
        };
        match (reference.get(key), &located.message) {
            (None, _) => {
                let hint = did_you_mean(key, reference.keys().map(String::as_str))
                    .unwrap_or_else(|| {
                        "remove it: the theme prints no such string; `calabash theme show i18n/en.toml` lists every key".into()
                    });
                problems.push(at(format!("unknown key `{key}`")).hint(hint));
            }
            (Some(Message::Plural(_)), Message::Text(_)) => problems.push(
                at(format!(
                    "`{key}` is a plural: it needs a form per plural category"
                ))
                .hint(format!(
                    "write {} = {{ one = \"...\", other = \"...\" }}",
                    last(key)
                )),
            ),
            (Some(Message::Text(_)), Message::Plural(_)) => problems.push(
                at(format!("`{key}` is text, not a plural"))
                    .hint(format!("write {} = \"...\"", last(key))),
            ),
            _ => {}
        }
    }
}

/// Keys of the reference that `merged`, a language's messages from every
/// file, lacks: each reported in `file`, the hub's own file of the language.
pub fn missing_keys(
    file: &File<'_>,
    merged: &Messages,
    reference: &Messages,
    problems: &mut Vec<Diagnostic>,
) {
    for (key, message) in reference {
        if merged.contains_key(key) {
            continue;
        }
        let english = match message {
            Message::Text(text) => format!("{} = {text:?}", last(key)),
            Message::Plural(forms) => {
                let forms: Vec<String> =
                    forms.iter().map(|(k, v)| format!("{k} = {v:?}")).collect();
                format!("{} = {{ {} }}", last(key), forms.join(", "))
            }
        };
        let table = key
            .rsplit_once('.')
            .map_or(String::new(), |(t, _)| format!(" under [{t}]"));
        problems.push(
            Diagnostic::error(file.shown, format!("missing key `{key}`"))
                .at(file.text, 0..0)
                .label(key)
                .hint(format!("add its translation{table}; in English: {english}")),
        );
    }
}

fn last(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}
