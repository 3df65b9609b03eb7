//! A collection's `outline`: the headings `calabash new` suggests for the
//! body of a new entry, each with an optional one-line hint.
//!
//! ```toml
//! outline = ["Context", { heading = "Results", hint = "What changed, and how do you know?" }]
//! ```

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

/// One suggested section of an entry's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineSection {
    pub heading: String,
    /// What to write under the heading; shown as an HTML comment, which is
    /// never published.
    pub hint: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadingWithHint {
    heading: String,
    hint: Option<String>,
}

/// Reads a section inside the TOML reader, so that a problem is reported
/// at the section itself, not at the whole `outline`.
struct SectionVisitor;

impl<'de> Visitor<'de> for SectionVisitor {
    type Value = OutlineSection;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "an outline section: a heading in quotes, or { heading = \"...\", hint = \"...\" }",
        )
    }

    fn visit_str<E: de::Error>(self, heading: &str) -> Result<OutlineSection, E> {
        checked(OutlineSection {
            heading: heading.to_string(),
            hint: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<OutlineSection, A::Error> {
        let section = HeadingWithHint::deserialize(de::value::MapAccessDeserializer::new(map))?;
        checked(OutlineSection {
            heading: section.heading,
            hint: section.hint,
        })
    }
}

/// A heading and hint become a line of Markdown and an HTML comment.
fn checked<E: de::Error>(section: OutlineSection) -> Result<OutlineSection, E> {
    let one_line = |s: &str| !s.trim().is_empty() && !s.contains(['\n', '\r']);
    if !one_line(&section.heading) {
        return Err(E::custom("an outline heading must be one line of text"));
    }
    if let Some(hint) = &section.hint
        && (!one_line(hint) || hint.contains("--"))
    {
        return Err(E::custom(
            "an outline hint must be one line of text without `--`",
        ));
    }
    Ok(section)
}

impl<'de> Deserialize<'de> for OutlineSection {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SectionVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        outline: Vec<OutlineSection>,
    }

    fn parse(text: &str) -> Result<Vec<OutlineSection>, String> {
        toml::from_str::<Holder>(text)
            .map(|h| h.outline)
            .map_err(|e| e.message().to_string())
    }

    #[test]
    fn headings_alone_or_with_hints() {
        let outline =
            parse("outline = [\"Context\", { heading = \"Results\", hint = \"What changed?\" }]")
                .unwrap();
        assert_eq!(outline[0].heading, "Context");
        assert_eq!(outline[0].hint, None);
        assert_eq!(outline[1].heading, "Results");
        assert_eq!(outline[1].hint.as_deref(), Some("What changed?"));
    }

    #[test]
    fn rejects_what_would_break_the_body() {
        assert!(parse("outline = [\"\"]").is_err());
        assert!(parse("outline = [\"Two\\nlines\"]").is_err());
        assert!(parse("outline = [{ heading = \"A\", hint = \"x --> y\" }]").is_err());
        assert!(parse("outline = [{ heading = \"A\", colour = \"red\" }]").is_err());
        assert!(parse("outline = [3]").is_err());
    }
}
