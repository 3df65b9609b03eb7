//! Splits an entry file into its `+++` TOML front matter and Markdown body.

use std::ops::Range;

/// Where the two parts of an entry file are, as byte ranges of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The opening `+++`, where problems of the whole front matter point.
    pub opening: Range<usize>,
    pub front_matter: Range<usize>,
    pub body: Range<usize>,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `+++` line.
    Missing,
    /// No closing `+++` line; carries the range of the opening one.
    Unterminated(Range<usize>),
}

const FENCE: &str = "+++";

pub fn split(text: &str) -> Result<Parts, SplitError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = line_end(text, start);
    if text[start..first_end].trim_end() != FENCE {
        return Err(SplitError::Missing);
    }
    let fm_start = next_line(text, first_end);
    let mut pos = fm_start;
    while pos < text.len() {
        let end = line_end(text, pos);
        if text[pos..end].trim_end() == FENCE {
            return Ok(Parts {
                opening: start..start + FENCE.len(),
                front_matter: fm_start..pos,
                body: next_line(text, end)..text.len(),
            });
        }
        pos = next_line(text, end);
    }
    Err(SplitError::Unterminated(start..start + FENCE.len()))
}

fn line_end(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |i| from + i)
}

fn next_line(text: &str, line_end: usize) -> usize {
    (line_end + 1).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"x\"\n+++\n# Body\n";
        let parts = split(text).unwrap();
        assert_eq!(&text[parts.front_matter], "title = \"x\"\n");
        assert_eq!(&text[parts.body], "# Body\n");
    }

    #[test]
    fn accepts_crlf_and_bom() {
        let text = "\u{feff}+++\r\ntitle = \"x\"\r\n+++\r\nBody";
        let parts = split(text).unwrap();
        assert_eq!(&text[parts.opening], "+++");
        assert_eq!(&text[parts.front_matter], "title = \"x\"\r\n");
        assert_eq!(&text[parts.body], "Body");
    }

    #[test]
    fn reports_missing_and_unterminated() {
        assert_eq!(split("# Just markdown\n"), Err(SplitError::Missing));
        assert_eq!(
            split("+++\ntitle = \"x\"\n# Body\n"),
            Err(SplitError::Unterminated(0..3))
        );
        assert_eq!(split(""), Err(SplitError::Missing));
    }
}
