//! What is particular to a translation's front matter (`<slug>.<lang>.md`):
//! it writes only what it translates, so nothing but `title` and `summary`
//! is required of it; its `lang`, if written, agrees with its file name;
//! and it writes no terms or references, which it shares with its original.

use std::ops::Range;

use indexmap::IndexMap;
use toml::de::DeTable;

use super::checker::Checker;
use crate::config::CollectionConfig;
use crate::core::schema::{FieldDef, FieldType};

/// The fields a translation must write itself: what it translates.
const TRANSLATED: [&str; 2] = ["title", "summary"];

/// The collection's schema as a translation is checked against: every field
/// optional (it comes from the original when left out) but `title` and `summary`.
pub fn relaxed(collection: &CollectionConfig) -> CollectionConfig {
    let mut relaxed = collection.clone();
    relaxed.require_one_of.clear();
    for (name, def) in relaxed.fields.iter_mut() {
        if !TRANSLATED.contains(&name.as_str()) {
            optional(def);
        }
    }
    relaxed
}

fn optional(def: &mut FieldDef) {
    def.required = false;
    def.required_if.clear();
    def.fields.values_mut().for_each(optional);
}

/// Reports a written `lang` other than the file name's, and every term or
/// reference field the translation writes.
pub fn check_translation(
    checker: &mut Checker<'_>,
    table: &DeTable<'_>,
    (slug, lang): (&str, &str),
    fields: &IndexMap<String, FieldDef>,
) {
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        let span: Range<usize> = value.span();
        if name == "lang" {
            let written = value.get_ref().as_str().unwrap_or_default();
            if written != lang {
                checker.error(
                    span,
                    format!("`lang = \"{written}\"` disagrees with the file name, which says `{lang}`"),
                    Some(format!("a translation's language comes from its file name ({slug}.{lang}.md): remove the `lang` line, or rename the file")),
                );
            }
            continue;
        }
        let shared = fields
            .get(name)
            .is_some_and(|def| matches!(def.kind, FieldType::Term | FieldType::Ref));
        if shared {
            let span = key.span().start..value.span().end;
            checker.error(
                span,
                format!("a translation shares `{name}` with its original and does not write it"),
                Some(format!("remove the line: `{slug}.md` gives the terms and references of every translation")),
            );
        }
    }
}
