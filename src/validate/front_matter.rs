//! One entry's front matter, once parsed as TOML: its fields checked
//! against the collection's schema (`require_one_of` and `lang` included),
//! its aliases, and where each key is written, for later messages.

use std::ops::Range;

use indexmap::IndexMap;
use toml::de::DeTable;

use super::checker::Checker;
use crate::config::{CollectionConfig, Config};
use crate::core::model::Value;
use crate::core::translation::is_language_tag;

/// What an entry's front matter holds once checked: its valid fields.
pub struct FrontMatter {
    pub fields: IndexMap<String, Value>,
    /// The entry's language: its `lang`, else the site's.
    pub lang: String,
    /// Each top-level key with the span (in the file) from the key to the
    /// end of its value; `None` when the front matter is not TOML.
    pub written: Option<Vec<(String, Range<usize>)>>,
}

impl FrontMatter {
    /// What is known of front matter that is not valid TOML: nothing.
    pub fn unparsed(config: &Config) -> Self {
        FrontMatter {
            fields: IndexMap::new(),
            lang: config.language.clone(),
            written: None,
        }
    }
}

/// Checks the fields of a parsed front matter against the collection's
/// schema, and its `lang`; the problems go to `checker`.
pub fn check_front_matter(
    checker: &mut Checker<'_>,
    table: &DeTable<'_>,
    opening_fence: std::ops::Range<usize>,
    collection: &CollectionConfig,
    config: &Config,
) -> FrontMatter {
    let offset = checker.offset;
    let context = format!("collection `{}`", collection.name);
    let fields = checker.table(table, opening_fence.clone(), &collection.fields, &context);
    checker.require_one_of(
        &collection.require_one_of,
        &collection.name,
        table,
        &fields,
        &collection.fields,
        opening_fence,
    );
    let lang = match fields.get("lang").and_then(Value::as_text) {
        Some(lang) if !is_language_tag(lang) => {
            checker.error(
                value_span(table, "lang").unwrap_or(0..0),
                format!("`{lang}` is not a language tag"),
                Some("use a BCP 47 tag like en, es, fr or en-JM".into()),
            );
            config.language.clone()
        }
        Some(lang) => lang.to_string(),
        None => config.language.clone(),
    };
    let written = table
        .iter()
        .map(|(key, value)| {
            let (start, end) = (key.span().start, value.span().end.max(key.span().end));
            (key.get_ref().to_string(), start + offset..end + offset)
        })
        .collect();
    FrontMatter {
        fields,
        lang,
        written: Some(written),
    }
}

/// Every alias must be a path of this site.
pub fn check_aliases(checker: &mut Checker<'_>, table: &DeTable<'_>) {
    let Some((_, aliases)) = table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "aliases")
    else {
        return;
    };
    let Some(items) = aliases.get_ref().as_array() else {
        return;
    };
    for item in items.iter() {
        let Some(alias) = item.get_ref().as_str() else {
            continue;
        };
        if let Err(unsafe_path) = crate::core::paths::names::check_alias(alias) {
            checker.error(
                item.span(),
                format!("alias `{alias}` is not a path on this site: {}", unsafe_path.reason),
                Some("write the old address as a path from the site root with letters, digits and - . _ ~ %, like /old/path/ or /old/page.html".into()),
            );
        }
    }
}

/// Where the value of a top-level front-matter key is (relative to the front matter).
fn value_span(table: &DeTable<'_>, key: &str) -> Option<Range<usize>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v.span())
}
