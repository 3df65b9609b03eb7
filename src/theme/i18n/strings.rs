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

/// The `js` table, what scripts print, as JSON for a
/// `<script type="application/json">` element, or `""` when it is the
/// built-in English, which the scripts hold themselves (so a page in
/// English carries nothing more than it did).
fn js_json(messages: &Messages) -> String {
    let builtin = super::catalog::builtin_english();
    let mut table = serde_json::Map::new();
    let mut same = true;
    for (key, message) in messages {
        let Some(name) = key.strip_prefix("js.") else {
            continue;
        };
        same &= builtin.get(key).map(|l| &l.message) == Some(message);
        let value = match message {
            Message::Text(text) => serde_json::Value::from(text.as_str()),
            Message::Plural(forms) => serde_json::to_value(forms).unwrap_or_default(),
        };
        table.insert(name.to_string(), value);
    }
    if same {
        return String::new();
    }
    // `<` never reaches the page as such: no `</script>` can end the element.
    serde_json::Value::Object(table)
        .to_string()
        .replace('<', "\\u003c")
}

/// Messages as nested maps (`nav.search` is `t.nav.search`); a plural is
/// a map of its forms with `lang`, the language that picks among them;
/// `t.lang` is the language's code, for filters that format per language,
/// and `t.js_json` what scripts print (see `js_json`). A message is text:
/// it reaches templates as HTML already escaped (`&`, `<`, `>`, `"`), so
/// that it prints as the same words written in a template would.
fn tera_value(lang: &str, messages: &Messages) -> TeraValue {
    let mut root = serde_json::Map::new();
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
    let mut value = escaped(&serde_json::Value::Object(root));
    if let Some(map) = value.as_map() {
        let mut map = map.clone();
        map.insert("lang".into(), TeraValue::from(lang));
        map.insert("js_json".into(), TeraValue::safe_string(&js_json(messages)));
        value = TeraValue::from(map);
    }
    value
}

/// A tree of messages as Tera values, each text escaped and marked safe.
fn escaped(json: &serde_json::Value) -> TeraValue {
    match json {
        serde_json::Value::String(text) => {
            let html = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            TeraValue::safe_string(&html)
        }
        serde_json::Value::Object(map) => {
            let mut out = tera::Map::new();
            for (key, value) in map {
                out.insert(key.clone().into(), escaped(value));
            }
            TeraValue::from(out)
        }
        other => TeraValue::from_serializable(other),
    }
}
