//! What checking the fields of one front matter needs besides the values,
//! and where its problems go.

use std::ops::Range;

use crate::core::diagnostics::Diagnostic;
use crate::load::taxonomy::Taxonomies;

/// What a field check needs to know besides the value.
pub struct Checker<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// Where the front matter starts in `text`; TOML spans are relative to it.
    pub offset: usize,
    pub taxonomies: &'a Taxonomies,
    pub problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    pub fn error(&mut self, span: Range<usize>, message: String, hint: Option<String>) {
        self.error_at(
            span.start + self.offset..span.end + self.offset,
            message,
            hint,
        );
    }

    /// Like `error`, with a span into the whole file rather than the front matter.
    pub fn error_at(&mut self, span: Range<usize>, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(self.path, message).at(self.text, span);
        if let Some(hint) = hint {
            d = d.hint(hint);
        }
        self.problems.push(d);
    }
}
