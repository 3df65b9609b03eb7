//! The interface strings of every language a hub publishes, merged from
//! its files, as templates see them (`t`) and as render code asks for them.

use std::collections::BTreeMap;

use tera::Value as TeraValue;

use super::catalog::Message;
use crate::config::Config;

/// Messages by dotted key.
pub type Messages = BTreeMap<String, Message>;

/// The interface strings of each language, merged from its files.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// Per language code, its messages over those of `fallback`.
    languages: BTreeMap<String, (Messages, TeraValue)>,
    /// The language whose messages stand in for one that has none (English,
    /// the language of the theme's reference file).
    fallback: String,
}

impl Strings {
    /// Strings for each language of `merged`; a language asked for that has
    /// none gets those of `fallback`.
    pub fn new(merged: BTreeMap<String, Messages>, fallback: &str) -> Self {
        let base = merged.get(fallback).cloned().unwrap_or_default();
        let languages = merged
            .into_iter()
            .map(|(code, own)| {
                let mut messages = base.clone();
                messages.extend(own);
                let value = tera_value(&code, &messages);
                (code, (messages, value))
            })
            .collect();
        Strings {
            languages,
            fallback: fallback.to_string(),
        }
    }

    fn of(&self, lang: &str) -> Option<&(Messages, TeraValue)> {
        self.languages
            .get(lang)
            .or_else(|| self.languages.get(&self.fallback))
    }

    /// The `t` variable of a page in `lang`.
    pub fn value(&self, lang: &str) -> TeraValue {
        self.of(lang)
            .map_or_else(|| TeraValue::from(tera::Map::new()), |(_, v)| v.clone())
    }

    /// The text at `key` in `lang` (a plural's `other` form), for text
    /// render code writes itself; `default` where no file has the key.
    pub fn text<'s>(&'s self, lang: &str, key: &str, default: &'s str) -> &'s str {
        match self.of(lang).and_then(|(messages, _)| messages.get(key)) {
            Some(Message::Text(text)) => text,
            Some(Message::Plural(forms)) => forms.get("other").map_or(default, String::as_str),
            None => default,
        }
    }

    /// A language's name as pages show it: `site.toml`'s, else its
    /// translation file's `language.name`, else its code.
    pub fn language_name(&self, config: &Config, code: &str) -> String {
        match config.language_named(code) {
            Some(language) if language.name != language.code => language.name.clone(),
            _ => match self
                .languages
                .get(code)
                .map(|(m, _)| m.get("language.name"))
            {
                Some(Some(Message::Text(name))) => name.clone(),
                _ => code.to_string(),
            },
        }
    }
}

/// Messages as nested maps (`nav.search` is `t.nav.search`); a plural is
/// a map of its forms with `lang`, the language that picks among them;
/// `t.lang` is the language's code, for filters that format per language.
fn tera_value(lang: &str, messages: &Messages) -> TeraValue {
    let mut root = serde_json::Map::new();
    root.insert("lang".into(), serde_json::Value::from(lang));
    for (key, message) in messages {
        let value = match message {
            Message::Text(text) => serde_json::Value::from(text.as_str()),
            Message::Plural(forms) => {
                let mut map: serde_json::Map<String, serde_json::Value> = forms
                    .iter()
                    .map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_str())))
                    .collect();
                map.insert("lang".into(), serde_json::Value::from(lang));
                serde_json::Value::Object(map)
            }
        };
        let mut parts: Vec<&str> = key.split('.').collect();
        let last = parts.pop().unwrap_or_default();
        let mut table = &mut root;
        for part in parts {
            let entry = table
                .entry(part.to_string())
                .or_insert_with(|| serde_json::Value::Object(Default::default()));
            if !entry.is_object() {
                *entry = serde_json::Value::Object(Default::default());
            }
            table = entry.as_object_mut().expect("made an object above");
        }
        table.insert(last.to_string(), value);
    }
    TeraValue::from_serializable(&root)
}
