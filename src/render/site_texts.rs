//! The hub's own texts from `site.toml` (its title and description, each
//! collection's and vocabulary's) as pages in a language show them: the
//! translation `site.toml` gives, else the default language's text with
//! `<key>_lang` naming its language, for the template to mark the element
//! that holds it (`lang="en"`). Pages in the default language are as ever.

use tera::Value as TeraValue;

use crate::config::{Config, Translations};

/// `value` (an object) with `title` and `description` in `lang`, from
/// `texts`: each key's default text and its translations.
pub fn texts_in(
    config: &Config,
    lang: &str,
    value: &TeraValue,
    texts: [(&'static str, &str, &Translations); 2],
) -> TeraValue {
    let Some(map) = value.as_map() else {
        return value.clone();
    };
    let mut map = map.clone();
    for (key, text, translations) in texts {
        if value.get_from_path(key).is_none() {
            continue;
        }
        let (shown, marked) = config.text_in(text, translations, lang);
        map.insert(key.into(), TeraValue::from(shown));
        if let Some(code) = marked {
            map.insert(format!("{key}_lang").into(), TeraValue::from(code));
        }
    }
    TeraValue::from(map)
}

/// A `collection` object (its `name` a collection of `config`) in `lang`.
pub fn collection_in(config: &Config, lang: &str, value: &TeraValue) -> TeraValue {
    let name = value.get_from_path("name").and_then(TeraValue::as_str);
    match name.and_then(|name| config.collection(name)) {
        Some(c) => texts_in(
            config,
            lang,
            value,
            [
                ("title", &c.title, &c.titles),
                ("description", &c.description, &c.descriptions),
            ],
        ),
        None => value.clone(),
    }
}

/// A vocabulary's object (its `name` a taxonomy of `config`) in `lang`.
pub fn taxonomy_in(config: &Config, lang: &str, value: &TeraValue) -> TeraValue {
    let name = value.get_from_path("name").and_then(TeraValue::as_str);
    match name.and_then(|name| config.taxonomy(name)) {
        Some(t) => texts_in(
            config,
            lang,
            value,
            [
                ("title", &t.title, &t.titles),
                ("description", &t.description, &t.descriptions),
            ],
        ),
        None => value.clone(),
    }
}

/// The `site` object's own title and description in `lang`.
pub fn hub_in(config: &Config, lang: &str, value: &TeraValue) -> TeraValue {
    texts_in(
        config,
        lang,
        value,
        [
            ("title", &config.title, &config.titles),
            ("description", &config.description, &config.descriptions),
        ],
    )
}
