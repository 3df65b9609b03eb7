//! Where a problem of `site.toml` is written: the key or value at a table
//! path, by the spans the TOML parser gives them. Looking a key up by its
//! path, not by its text, points at the very key a message is about, however
//! it is written (quoted, dotted, in an inline table) and whatever else in
//! the file looks like it (the same name in another table, in a longer key,
//! in a comment).

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::model::CONFIG_FILE;
use crate::core::diagnostics::Diagnostic;

/// The parsed `site.toml`, kept for its spans.
pub(super) struct SiteSpans<'t> {
    text: &'t str,
    root: DeTable<'t>,
}

impl<'t> SiteSpans<'t> {
    /// The spans of `text`; none if it is not TOML (its reader reports that).
    pub(super) fn parse(text: &'t str) -> Self {
        let root = DeTable::parse(text)
            .map(Spanned::into_inner)
            .unwrap_or_default();
        SiteSpans { text, root }
    }

    /// The key ending `path`, like `["collections", "events", "sort_by"]`.
    pub(super) fn key(&self, path: &[&str]) -> Option<Range<usize>> {
        self.entry(path).map(|(key, _)| key.span())
    }

    /// The value of the key ending `path`.
    pub(super) fn value(&self, path: &[&str]) -> Option<Range<usize>> {
        self.entry(path).map(|(_, value)| value.span())
    }

    /// The string `item` as written in the array at `path`, or the value at
    /// `path` itself when it is that string.
    pub(super) fn item(&self, path: &[&str], item: &str) -> Option<Range<usize>> {
        let (_, value) = self.entry(path)?;
        match value.get_ref() {
            DeValue::String(s) if s == item => Some(value.span()),
            DeValue::Array(items) => items
                .iter()
                .find(|v| v.get_ref().as_str() == Some(item))
                .map(Spanned::span),
            _ => None,
        }
    }

    /// An error of `site.toml` at `span`, or at no place when there is none
    /// (a setting left to its default, or given on the command line).
    pub(super) fn error(&self, span: Option<Range<usize>>, message: String) -> Diagnostic {
        let diagnostic = Diagnostic::error(CONFIG_FILE, message);
        match span {
            Some(span) => diagnostic.at(self.text, span),
            None => diagnostic,
        }
    }

    /// A warning of `site.toml` at `span`, like `error`.
    pub(super) fn warning(&self, span: Option<Range<usize>>, message: String) -> Diagnostic {
        let diagnostic = Diagnostic::warning(CONFIG_FILE, message);
        match span {
            Some(span) => diagnostic.at(self.text, span),
            None => diagnostic,
        }
    }

    fn entry(&self, path: &[&str]) -> Option<(&Spanned<DeString<'t>>, &Spanned<DeValue<'t>>)> {
        let (last, tables) = path.split_last()?;
        let mut table = &self.root;
        for name in tables {
            table = table.get(*name)?.get_ref().as_table()?;
        }
        table.get_key_value(*last)
    }
}
