//! Rejects control characters, Unicode noncharacters and stray byte-order
//! marks (see `characters`) in every key and string value of a TOML text:
//! an entry's front matter, `site.toml` and the vocabulary files. They are
//! invisible in most editors, arrive pasted along with copied text, and
//! would make feeds and calendar files unreadable. Each is reported where
//! it is written, as itself or as an escape like `\u0001`.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::core::characters::{code_point, forbidden_kind};
use crate::core::diagnostics::Diagnostic;

/// Every forbidden character in a TOML file's keys and strings, one problem
/// per key or value. A file that is not valid TOML yields nothing here:
/// its parse error is reported where it is parsed.
pub fn check_file(path: &str, text: &str) -> Vec<Diagnostic> {
    let Ok(table) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut scan = Scan {
        path,
        text,
        offset: 0,
        problems: Vec::new(),
    };
    scan.table(table.get_ref(), "");
    scan.problems
}

/// The same for a front matter: `offset` is where it starts in `text`.
pub fn check_front_matter(
    path: &str,
    text: &str,
    offset: usize,
    table: &DeTable<'_>,
) -> Vec<Diagnostic> {
    let mut scan = Scan {
        path,
        text,
        offset,
        problems: Vec::new(),
    };
    scan.table(table, "");
    scan.problems
}

struct Scan<'a> {
    path: &'a str,
    text: &'a str,
    offset: usize,
    problems: Vec<Diagnostic>,
}

impl Scan<'_> {
    fn table(&mut self, table: &DeTable<'_>, prefix: &str) {
        for (key, value) in table.iter() {
            let name = format!("{prefix}{}", key.get_ref());
            self.string(key.get_ref(), key.span(), || {
                format!(
                    "the name of field `{}`",
                    crate::core::characters::visible(&name)
                )
            });
            self.value(value, &name);
        }
    }

    fn value(&mut self, value: &Spanned<DeValue<'_>>, name: &str) {
        match value.get_ref() {
            DeValue::String(s) => {
                self.string(s, value.span(), || {
                    format!("`{}`", crate::core::characters::visible(name))
                });
            }
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.value(item, &format!("{name}[{}]", i + 1));
                }
            }
            DeValue::Table(table) => self.table(table, &format!("{name}.")),
            _ => {}
        }
    }

    /// Reports the first forbidden character of `decoded`, the value of the
    /// key or string written at `span` (relative to the TOML text).
    fn string(&mut self, decoded: &str, span: Range<usize>, what: impl Fn() -> String) {
        let Some((c, kind)) = decoded
            .chars()
            .find_map(|c| forbidden_kind(c).map(|kind| (c, kind)))
        else {
            return;
        };
        let start = (span.start + self.offset).min(self.text.len());
        let end = (span.end + self.offset).clamp(start, self.text.len());
        let written = self.text.get(start..end).unwrap_or_default();
        let (at, len, escaped) = match find_written(written, c) {
            Some(found) => (start + found.0, found.1, found.2),
            None => (start, 0, false),
        };
        let how = if escaped {
            format!("remove the escape `{}`", &self.text[at..at + len])
        } else {
            "delete it (it may be invisible in your editor, pasted along with copied text)"
                .to_string()
        };
        self.problems.push(
            Diagnostic::error(
                self.path,
                format!("{} contains {} ({})", what(), code_point(c), kind.name()),
            )
            .at(self.text, at..at + len)
            .label(format!("{} here", code_point(c)))
            .hint(format!("{how}: {}", kind.reason())),
        );
    }
}

/// Where `wanted` is in `written` (a TOML key or string as written): its
/// byte offset, length, and whether it is written as an escape (`\u0001`,
/// `\U0010FFFF`, `\x01`, `\e`). Literal strings (`'...'`) have no escapes.
fn find_written(written: &str, wanted: char) -> Option<(usize, usize, bool)> {
    let escapes = written.starts_with('"');
    let mut chars = written.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == wanted {
            return Some((i, c.len_utf8(), false));
        }
        if !(escapes && c == '\\') {
            continue;
        }
        let rest = &written[i + 1..];
        let (digits, decoded) = match rest.chars().next() {
            Some('u') => (4, hex(rest, 4)),
            Some('U') => (8, hex(rest, 8)),
            Some('x') => (2, hex(rest, 2)),
            Some('e') => (0, Some('\u{1b}')),
            _ => (0, None),
        };
        if decoded == Some(wanted) {
            return Some((i, 2 + digits, true));
        }
        // Skips the escaped character, so `\\u0001` is not read as an escape.
        chars.next();
    }
    None
}

/// The character written as `digits` hexadecimal digits after the escape letter.
fn hex(rest: &str, digits: usize) -> Option<char> {
    let code = rest.get(1..1 + digits)?;
    char::from_u32(u32::from_str_radix(code, 16).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_characters_as_written_or_escaped() {
        assert_eq!(find_written("\"a\u{1}b\"", '\u{1}'), Some((2, 1, false)));
        assert_eq!(find_written("\"a\\u0001b\"", '\u{1}'), Some((2, 6, true)));
        assert_eq!(
            find_written("\"\\UFFFFFFFF\\U0010FFFF\"", '\u{10ffff}'),
            Some((11, 10, true))
        );
        assert_eq!(find_written("\"\\x7f\"", '\u{7f}'), Some((1, 4, true)));
        assert_eq!(find_written("\"\\e\"", '\u{1b}'), Some((1, 2, true)));
        assert_eq!(find_written("\"\\\\u0001\"", '\u{1}'), None);
        assert_eq!(find_written("'\\u0001'", '\u{1}'), None);
    }

    #[test]
    fn reports_keys_nested_values_and_list_items_where_they_are() {
        let text = "title = \"ok\"\n[a]\nb = [\"x\", \"y\\u000B\"]\n\"k\\u0085\" = 1\nc = { d = \"\u{fdd0}\" }\n";
        let problems = check_file("f.toml", text);
        let found: Vec<(usize, usize, &str)> = problems
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (3, 13, "`a.b[2]` contains U+000B (a control character)"),
                (
                    4,
                    3,
                    "the name of field `a.k\\u{85}` contains U+0085 (a control character)"
                ),
                (5, 12, "`a.c.d` contains U+FDD0 (a Unicode noncharacter)"),
            ]
        );
        assert!(
            problems[0]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("remove the escape `\\u000B`")
        );
        assert!(
            problems[2]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("delete it")
        );
    }
}
