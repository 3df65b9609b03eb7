//! Slugs: the URL-safe names of entries, terms and heading anchors.

/// A slug is lower-case ASCII letters and digits in hyphen-separated runs.
pub fn is_safe(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns any text into a slug: accents dropped, other characters to hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        let folded = if c.is_ascii() { None } else { fold_accent(c) };
        let keep = c.is_ascii_alphanumeric() || folded.is_some() || c.is_alphanumeric();
        if !keep {
            // Apostrophes join words ("parents' role" is "parents-role", not "parents--role").
            pending_hyphen |= c != '\'' && c != '\u{2019}';
            continue;
        }
        if pending_hyphen && !slug.is_empty() {
            slug.push('-');
        }
        pending_hyphen = false;
        match folded {
            Some(base) => slug.push_str(base),
            // Letters of other scripts are kept rather than lost.
            None => slug.extend(c.to_lowercase()),
        }
    }
    slug
}

/// The longest slug `entry_slug` makes; longer titles are cut at a hyphen.
pub const MAX_ENTRY_SLUG: usize = 60;

/// A file name for a new entry from its title: letters of any script
/// transliterated to ASCII ("Éducation" is "education", "Образование" is
/// "obrazovanie"), then slugified and cut at a word boundary so that it is
/// at most `MAX_ENTRY_SLUG` characters long. Empty when the title has no
/// letters or digits.
pub fn entry_slug(title: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(title, " ");
    let slug = slugify(&ascii);
    if slug.len() <= MAX_ENTRY_SLUG {
        return slug;
    }
    // The slug is ASCII, so any index is a character boundary.
    let cut = slug[..=MAX_ENTRY_SLUG]
        .rfind('-')
        .filter(|&i| i > 0)
        .unwrap_or(MAX_ENTRY_SLUG);
    slug[..cut].trim_end_matches('-').to_string()
}

/// Latin letters with diacritics as their base letters, for readable URLs.
fn fold_accent(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāÀÁÂÃÄÅĀ", "a"),
        ("æÆ", "ae"),
        ("çćčÇĆČ", "c"),
        ("ďđ", "d"),
        ("èéêëēėęÈÉÊËĒĖĘ", "e"),
        ("ìíîïīÌÍÎÏĪ", "i"),
        ("ñńÑ", "n"),
        ("òóôõöøōÒÓÔÕÖØŌ", "o"),
        ("œŒ", "oe"),
        ("ŕř", "r"),
        ("śšşŠŚ", "s"),
        ("ß", "ss"),
        ("ťţ", "t"),
        ("ùúûüūÙÚÛÜŪ", "u"),
        ("ýÿÝŸ", "y"),
        ("źžżŽŹŻ", "z"),
    ];
    TABLE
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|(_, to)| *to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_slugs() {
        assert!(is_safe("marcia-campbell"));
        assert!(is_safe("cr-2025-004"));
        assert!(!is_safe("Marcia-Campbell"));
        assert!(!is_safe("a b"));
        assert!(!is_safe("-a"));
        assert!(!is_safe("a--b"));
        assert!(!is_safe(""));
        assert!(!is_safe("../etc"));
    }

    #[test]
    fn slugify_folds_accents_and_punctuation() {
        assert_eq!(slugify("Lessons learned"), "lessons-learned");
        assert_eq!(
            slugify("Éducation: l'école de demain!"),
            "education-lecole-de-demain"
        );
        assert_eq!(slugify("  ICT & Education (2025) "), "ict-education-2025");
        assert_eq!(slugify("Parents’ role"), "parents-role");
    }

    #[test]
    fn entry_slugs_are_ascii_and_short() {
        assert_eq!(
            entry_slug("Éducation inclusive à Sainte-Lucie"),
            "education-inclusive-a-sainte-lucie"
        );
        assert_eq!(entry_slug("Образование для всех"), "obrazovanie-dlia-vsekh");
        assert_eq!(entry_slug("Parents’ role"), "parents-role");
        assert_eq!(entry_slug("?!"), "");
        let long = entry_slug(
            "Keeping rural parents involved through WhatsApp groups in three primary schools",
        );
        assert!(long.len() <= MAX_ENTRY_SLUG, "{long}");
        assert!(is_safe(&long), "{long}");
        assert_eq!(
            long,
            "keeping-rural-parents-involved-through-whatsapp-groups-in"
        );
        let one_word = entry_slug(&"a".repeat(100));
        assert_eq!(one_word.len(), MAX_ENTRY_SLUG);
        for title in ["教育政策", "التعليم", "Ελληνικά σχολεία", "Ünïcödé — 2025"]
        {
            let slug = entry_slug(title);
            assert!(is_safe(&slug), "{title} gave {slug:?}");
        }
    }
}
