//! Characters that have no place in a hub's text: control characters,
//! Unicode noncharacters and stray byte-order marks. Validation rejects them
//! in the sources (`toml_characters`); the writers of XML and calendar
//! files drop them anyway, so no input can make those files unreadable.

use std::borrow::Cow;

/// The kinds of characters a hub's text may not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forbidden {
    /// C0 (except tab and line breaks), DEL and C1.
    Control,
    /// U+FEFF anywhere but before a file's first line, where it is skipped.
    ByteOrderMark,
    /// U+FDD0..U+FDEF and the last two code points of every plane.
    Noncharacter,
}

impl Forbidden {
    /// How messages name the kind: "a control character".
    pub fn name(self) -> &'static str {
        match self {
            Forbidden::Control => "a control character",
            Forbidden::ByteOrderMark => "a byte-order mark",
            Forbidden::Noncharacter => "a Unicode noncharacter",
        }
    }

    /// Why it cannot stay, for hints.
    pub fn reason(self) -> &'static str {
        match self {
            Forbidden::Control => "feeds and calendar files cannot carry control characters",
            Forbidden::ByteOrderMark => {
                "a byte-order mark belongs, if anywhere, before the first line of a file"
            }
            Forbidden::Noncharacter => {
                "noncharacters are reserved for programs' internal use, never for text"
            }
        }
    }
}

/// Why a character is not allowed; `None` when it is allowed. Tab and line
/// breaks are allowed: text fields hold paragraphs.
pub fn forbidden_kind(c: char) -> Option<Forbidden> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some(Forbidden::Control),
        '\u{feff}' => Some(Forbidden::ByteOrderMark),
        c if is_noncharacter(c) => Some(Forbidden::Noncharacter),
        _ => None,
    }
}

pub fn is_forbidden(c: char) -> bool {
    forbidden_kind(c).is_some()
}

/// U+FDD0..U+FDEF and the last two code points of every plane.
fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xfdd0..=0xfdef).contains(&code) || code & 0xfffe == 0xfffe
}

/// `text` without forbidden characters.
pub fn without_forbidden(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_forbidden) {
        Cow::Owned(text.chars().filter(|&c| !is_forbidden(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` with forbidden characters written as `\u{1}` escapes, so a message quoting bad input cannot
/// disturb the terminal or the annotation it is printed in.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_forbidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_forbidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `U+0001`, the usual way to name a code point.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbids_controls_noncharacters_and_stray_byte_order_marks() {
        for c in [
            '\u{0}',
            '\u{1}',
            '\u{b}',
            '\u{c}',
            '\u{1b}',
            '\u{1f}',
            '\u{7f}',
            '\u{80}',
            '\u{85}',
            '\u{9f}',
            '\u{feff}',
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{2ffff}',
            '\u{10fffe}',
            '\u{10ffff}',
        ] {
            assert!(is_forbidden(c), "{}", code_point(c));
        }
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            'é',
            '\u{a0}',
            '\u{200d}',
            '\u{2028}',
            '\u{2029}',
            '\u{fdcf}',
            '\u{fdf0}',
            '\u{fffd}',
            '\u{1f600}',
            '\u{10fffd}',
            '\u{202e}',
        ] {
            assert!(!is_forbidden(c), "{}", code_point(c));
        }
    }

    #[test]
    fn cleans_and_escapes_only_what_is_forbidden() {
        assert_eq!(without_forbidden("a\u{1}b\u{fffe}c\td"), "abc\td");
        assert!(matches!(without_forbidden("plain é"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(visible("a\u{85}b\nc"), "a\\u{85}b\nc");
    }
}
