//! Problems found in a site's files, located by file, line and column, and
//! printed the way compilers print them so contributors can find and fix them.

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::core::characters::{is_forbidden, visible};

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, self-contained: it carries the source line it points at, so it
/// can be printed after the file's text is gone.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
    /// A short note shown under the marked source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip)]
    snippet: Option<SourceLine>,
}

#[derive(Debug, Clone, PartialEq)]
struct SourceLine {
    text: String,
    /// Byte range within `text` to underline.
    marked: Range<usize>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message)
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    fn new(severity: Severity, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: path.into(),
            line: 0,
            column: 0,
            message: visible(&message.into()).into_owned(),
            label: None,
            hint: None,
            snippet: None,
        }
    }

    /// Points the diagnostic at a byte range of the file's text.
    pub fn at(mut self, text: &str, span: Range<usize>) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        self.line = text[..start].matches('\n').count() + 1;
        self.column = text[line_start..start].chars().count() + 1;
        // A span may start on the `\r` of a CRLF line ending, past the text shown.
        let marked_start = (start - line_start).min(line_text.len());
        let marked_end = (end.min(line_start + line_text.len()) - line_start).max(marked_start);
        self.snippet = Some(shown_line(line_text, marked_start..marked_end));
        self
    }

    /// Points at a line and column directly, for text that is not valid UTF-8.
    pub fn at_line(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(visible(&label.into()).into_owned());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(visible(&hint.into()).into_owned());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:column: error: message`, the first line of the report.
    pub fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = visible(&self.path);
        if self.line == 0 {
            format!("{path}: {kind}: {}", self.message)
        } else {
            format!(
                "{path}:{}:{}: {kind}: {}",
                self.line, self.column, self.message
            )
        }
    }

    /// The headline followed by the source line with the problem marked and the hint.
    pub fn render(&self, color: bool) -> String {
        let mut out = self.headline();
        out.push('\n');
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_level(level.clone());
        let mut has_body = false;
        if let Some(snippet) = &self.snippet {
            // An empty range is shown as a mark under the character
            // there, however many bytes it takes.
            let start = snippet.marked.start;
            let marked = if snippet.marked.is_empty() {
                let width = snippet.text[start..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
                start..start + width
            } else {
                snippet.marked.clone()
            };
            let annotation = AnnotationKind::Primary
                .span(marked)
                .label(self.label.as_deref().unwrap_or(""));
            group = group.element(
                Snippet::source(snippet.text.as_str())
                    .line_start(self.line)
                    .annotation(annotation),
            );
            has_body = true;
        } else if let Some(label) = &self.label {
            group = group.element(Level::NOTE.message(label.as_str()));
            has_body = true;
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
            has_body = true;
        }
        if has_body {
            let renderer = if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            };
            let _ = writeln!(out, "{}", renderer.render(&[group]));
        }
        out
    }
}

/// The source line as printed: control characters (which the renderer
/// shows as symbols), noncharacters and byte-order marks become U+FFFD, so
/// bad input cannot disturb the terminal; `marked` follows the change.
fn shown_line(line: &str, marked: Range<usize>) -> SourceLine {
    let mut text = String::with_capacity(line.len());
    let mut shown = marked.clone();
    for (i, c) in line.char_indices() {
        let replaced = if is_forbidden(c) && !c.is_ascii_control() {
            char::REPLACEMENT_CHARACTER
        } else {
            c
        };
        if i == marked.start {
            shown.start = text.len();
        }
        if i == marked.end {
            shown.end = text.len();
        }
        text.push(replaced);
    }
    if marked.start >= line.len() {
        shown.start = text.len();
    }
    if marked.end >= line.len() {
        shown.end = text.len();
    }
    SourceLine {
        text,
        marked: shown,
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Every problem found in one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(diagnostics);
    }

    /// Adds the problems not already here: the same problem met twice
    /// (a linked theme folder, by the templates and the static files) is
    /// reported once.
    pub fn extend_new(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in diagnostics {
            if !self.0.contains(&diagnostic) {
                self.0.push(diagnostic);
            }
        }
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorts by file, then position, so output does not depend on thread timing.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.0.dedup();
        self.0
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(list: Vec<Diagnostic>) -> Self {
        Diagnostics(list)
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Suggests the candidate closest to `wanted`, for "did you mean" hints.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let lower = c.to_lowercase();
            let score = if lower.starts_with(&wanted_lower) || lower.contains(&wanted_lower) {
                0.9
            } else {
                strsim::jaro_winkler(&wanted_lower, &lower)
            };
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" when something close exists.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(wanted, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column_in_characters() {
        let text = "a = 1\ntitlé = \"x\"\nbad = 3\n";
        let start = text.find("bad").unwrap();
        let d = Diagnostic::error("f.md", "m").at(text, start..start + 3);
        assert_eq!((d.line, d.column), (3, 1));
        let start = text.find("= \"x").unwrap();
        let d = Diagnostic::error("f.md", "m").at(text, start..start + 1);
        assert_eq!((d.line, d.column), (2, 7));
    }

    #[test]
    fn renders_headline_snippet_and_hint() {
        let text = "+++\ndate = \"March\"\n+++\n";
        let start = text.find("\"March\"").unwrap();
        let d = Diagnostic::error("content/x.md", "`date` is not a date")
            .at(text, start..start + 7)
            .label("not a date")
            .hint("expected a date like 2025-03-14");
        let out = d.render(false);
        assert!(
            out.starts_with("content/x.md:2:8: error: `date` is not a date\n"),
            "{out}"
        );
        assert!(out.contains("date = \"March\""), "{out}");
        assert!(out.contains("expected a date like 2025-03-14"), "{out}");
    }

    #[test]
    fn marks_any_span_of_any_text_without_panicking() {
        let texts = [
            "\u{feff}hello",
            "Émile\n",
            "😀 emoji first",
            "a\u{301}\u{200d}\u{2028}b\r\n\tc\u{1}\u{85}\u{fffe}\u{10ffff}",
            "",
            "\n\n",
            "עברית 中文\r\n",
        ];
        for text in texts {
            for start in 0..=text.len() + 2 {
                for end in [0, start, start + 1, start + 3, text.len() + 5] {
                    for color in [false, true] {
                        let out = Diagnostic::error("c.md", "m")
                            .at(text, start..end)
                            .label("here")
                            .hint("h")
                            .render(color);
                        assert!(out.starts_with("c.md:"), "{out}");
                    }
                }
            }
        }
    }

    #[test]
    fn marks_the_first_character_of_a_file_however_long() {
        for (text, first) in [("\u{feff}x", "\u{feff}"), ("Émile", "É"), ("😀", "😀")] {
            let d = Diagnostic::error("c.md", "no front matter").at(text, 0..0);
            assert_eq!((d.line, d.column), (1, 1));
            let out = d.render(false);
            assert!(out.contains('^'), "{out}");
            if first != "\u{feff}" {
                assert!(out.contains(first), "{out}");
            }
        }
    }

    #[test]
    fn quotes_control_characters_visibly() {
        let d = Diagnostic::error("a\u{1b}.md", "unknown term `\u{1b}[2J`")
            .label("\u{7}")
            .hint("x\u{85}");
        let out = d.render(false);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{85}'));
        assert!(out.contains("\\u{1b}[2J"), "{out}");
    }

    #[test]
    fn suggests_close_names_only() {
        let terms = ["ict-in-education", "assessment", "leadership"];
        assert_eq!(closest("ict", terms), Some("ict-in-education"));
        assert_eq!(closest("asessment", terms), Some("assessment"));
        assert_eq!(closest("zzzzzz", terms), None);
    }
}
