//! Text encodings templates need: date-times with their UTC offset,
//! base64 for values (email addresses) that must not appear as plain text,
//! and text that Markdown shows as written.

use jiff::civil;
use jiff::tz::Offset;

/// `2025-06-12T14:00:00-05:00`: the local time as written, with its offset.
pub fn format_datetime(dt: civil::DateTime, offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!(
        "{}{sign}{:02}:{:02}",
        dt.strftime("%Y-%m-%dT%H:%M:%S"),
        minutes / 60,
        minutes % 60
    )
}

/// The inverse of `format_datetime`.
pub fn split_datetime(value: &str) -> Option<(civil::DateTime, Offset)> {
    let (local, offset) = if let Some(local) = value.strip_suffix('Z') {
        (local, 0)
    } else {
        let at = value.rfind(['+', '-']).filter(|&i| i > 10)?;
        let (h, m) = value[at + 1..].split_once(':')?;
        let minutes = h.parse::<i32>().ok()? * 60 + m.parse::<i32>().ok()?;
        (
            &value[..at],
            if &value[at..at + 1] == "-" {
                -minutes
            } else {
                minutes
            },
        )
    };
    Some((local.parse().ok()?, Offset::from_seconds(offset * 60).ok()?))
}

/// Standard base64, so addresses reach the page only in encoded form.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `text` on one line, as Markdown shows it: every character that could
/// make emphasis, a link, HTML, an entity, a table cell or strike-through
/// escaped, and at its start those that could make a heading, a list item
/// or a quote.
pub fn escape_markdown(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    for (at, c) in line.char_indices() {
        let anywhere = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        );
        let at_start = at == 0 && matches!(c, '#' | '+' | '-' | '=');
        let numbered = digits > 0 && at == digits && matches!(c, '.' | ')');
        if anywhere || at_start || numbered {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_shows_text_as_written() {
        assert_eq!(
            escape_markdown("A *bold* [link](x) <b> & a_b | c~d `e` \\"),
            "A \\*bold\\* \\[link\\](x) \\<b\\> \\& a\\_b \\| c\\~d \\`e\\` \\\\"
        );
        assert_eq!(escape_markdown("# Heading"), "\\# Heading");
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("2025. A year"), "2025\\. A year");
        assert_eq!(escape_markdown("3) three"), "3\\) three");
        // Lines joined: a summary cannot start a paragraph of its own.
        assert_eq!(escape_markdown("one\n\n# two"), "one # two");
        assert_eq!(escape_markdown("Año – café 1.5"), "Año – café 1.5");
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b"name@example.org"), "bmFtZUBleGFtcGxlLm9yZw==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
    }

    #[test]
    fn datetimes_round_trip_with_their_offset() {
        let (dt, offset) = split_datetime("2025-06-12T14:00:00-05:00").unwrap();
        assert_eq!(offset.seconds(), -5 * 3600);
        assert_eq!(format_datetime(dt, offset), "2025-06-12T14:00:00-05:00");
        let (dt, offset) = split_datetime("2025-06-12T14:00:00Z").unwrap();
        assert_eq!(format_datetime(dt, offset), "2025-06-12T14:00:00+00:00");
    }
}
