//! One translation file (`i18n/<lang>.toml`) read into its messages, each
//! under its dotted key (`[nav] search = "Search"` is `nav.search`) with
//! where it is written, for messages about the file.
//!
//! A message is a string, or a plural: a table of CLDR plural categories
//! (`{ one = "{count} entry", other = "{count} entries" }`). A table whose
//! keys are all plural categories is a plural; any other table groups keys.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::core::diagnostics::Diagnostic;

/// The language of the reference file: the theme's English.
pub const REFERENCE: &str = "en";

/// The CLDR plural categories, in CLDR's order.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A message of the interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Text(String),
    /// Forms by CLDR category; `other` is always there once checked.
    Plural(BTreeMap<String, String>),
}

/// A message and where its key is written.
#[derive(Debug, Clone)]
pub struct Located {
    pub message: Message,
    pub span: Range<usize>,
}

/// The messages of one file by dotted key, and the problems of its shape.
#[derive(Debug, Default)]
pub struct Catalog {
    pub messages: BTreeMap<String, Located>,
    pub problems: Vec<Diagnostic>,
}

/// The messages of the built-in theme's English file, as shipped.
pub fn builtin_english() -> &'static BTreeMap<String, Located> {
    static ENGLISH: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    let catalog = ENGLISH.get_or_init(|| {
        let bytes = crate::theme::builtin_theme::file("i18n/en.toml").unwrap_or_default();
        parse("en.toml", &String::from_utf8_lossy(bytes))
    });
    &catalog.messages
}

/// Reads the text of the translation file shown as `shown`.
pub fn parse(shown: &str, text: &str) -> Catalog {
    let mut catalog = Catalog::default();
    match DeTable::parse(text) {
        Ok(root) => walk(shown, text, "", root.get_ref(), &mut catalog),
        Err(err) => {
            let mut d =
                Diagnostic::error(shown, format!("not a TOML file: {}", err.message().trim()))
                    .hint("a translation file holds lines like search = \"Search\" under [tables]");
            if let Some(span) = err.span() {
                d = d.at(text, span);
            }
            catalog.problems.push(d);
        }
    }
    catalog
        .problems
        .extend(crate::core::toml_characters::check_file(shown, text));
    catalog
}

fn walk(shown: &str, text: &str, prefix: &str, table: &DeTable<'_>, catalog: &mut Catalog) {
    for (key, value) in table {
        let name = format!("{prefix}{}", key.get_ref());
        let span = key.span();
        match value.get_ref() {
            DeValue::String(s) => {
                let message = Message::Text(s.to_string());
                catalog.messages.insert(name, Located { message, span });
            }
            DeValue::Table(inner) if is_plural(inner) => {
                let forms = plural_forms(shown, text, &name, (inner, span.clone()), catalog);
                let message = Message::Plural(forms);
                catalog.messages.insert(name, Located { message, span });
            }
            DeValue::Table(inner) => walk(shown, text, &format!("{name}."), inner, catalog),
            _ => catalog.problems.push(
                Diagnostic::error(shown, format!("`{name}` must be text in quotes"))
                    .at(text, value.span())
                    .label(&name)
                    .hint(format!("write {} = \"...\"", key.get_ref())),
            ),
        }
    }
}

/// A table is a plural when one of its keys is a plural category.
fn is_plural(table: &DeTable<'_>) -> bool {
    table
        .keys()
        .any(|k| CATEGORIES.contains(&k.get_ref().as_ref()))
}

/// The forms of a plural table; a form that is not text, a key that is not
/// a category and a missing `other` are problems.
fn plural_forms(
    shown: &str,
    text: &str,
    name: &str,
    (table, at): (&DeTable<'_>, Range<usize>),
    catalog: &mut Catalog,
) -> BTreeMap<String, String> {
    let hint = "a plural lists forms by CLDR category: zero, one, two, few, many and other (other is required)";
    let mut forms = BTreeMap::new();
    for (key, value) in table {
        let category = key.get_ref().as_ref();
        let problem = match value.get_ref() {
            _ if !CATEGORIES.contains(&category) => {
                format!("`{category}` in the plural `{name}` is not a plural category")
            }
            DeValue::String(s) => {
                forms.insert(category.to_string(), s.to_string());
                continue;
            }
            _ => format!("the form `{category}` of the plural `{name}` must be text in quotes"),
        };
        catalog.problems.push(
            Diagnostic::error(shown, problem)
                .at(text, key.span())
                .label(name)
                .hint(hint),
        );
    }
    if !forms.contains_key("other") {
        catalog.problems.push(
            Diagnostic::error(shown, format!("the plural `{name}` has no `other` form"))
                .at(text, at)
                .label(name)
                .hint(hint),
        );
    }
    forms
}

/// Where a key's value starts, for a message about it; the whole file's
/// start when the key is not written.
pub fn span_of(catalog: &Catalog, key: &str) -> Range<usize> {
    catalog
        .messages
        .get(key)
        .map_or(0..0, |located| located.span.clone())
}
