//! How a file name says that an entry is a translation: `<slug>.<lang>.md`
//! beside the original `<slug>.md` (Zola's convention), and what a language
//! tag looks like.

/// Whether `tag` has the shape of a BCP 47 language tag: a primary
/// language of two or three letters, then subtags (`en`, `en-JM`, `zh-Hant-TW`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A file stem split into the original's slug and the translation's
/// language: `guide.es` is `("guide", Some("es"))`; a stem without a
/// language after its last dot is all slug.
pub fn split_stem(stem: &str) -> (&str, Option<&str>) {
    match stem.rsplit_once('.') {
        Some((slug, lang)) if !slug.is_empty() && is_language_tag(lang) => (slug, Some(lang)),
        _ => (stem, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("en-JM"));
        assert!(is_language_tag("zh-Hant-TW"));
        assert!(!is_language_tag("english language"));
        assert!(!is_language_tag("e"));
        assert!(!is_language_tag("2"));
    }

    #[test]
    fn stems_name_their_language_after_the_last_dot() {
        assert_eq!(split_stem("guide.es"), ("guide", Some("es")));
        assert_eq!(split_stem("a.b.pt-BR"), ("a.b", Some("pt-BR")));
        assert_eq!(split_stem("guide"), ("guide", None));
        assert_eq!(split_stem("v1.2"), ("v1.2", None));
        assert_eq!(split_stem(".es"), (".es", None));
        assert_eq!(split_stem("notes.draft"), ("notes.draft", None));
    }
}
