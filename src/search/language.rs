//! The languages search stems, and the analyzers that split, lower-case
//! and stem text the way the JavaScript client repeats.

use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

use super::stemmer::CachedStemmer;

/// Languages with a stemmer, by BCP 47 primary tag.
pub const LANGUAGES: &[(&str, Language)] = &[
    ("en", Language::English),
    ("es", Language::Spanish),
    ("fr", Language::French),
    ("nl", Language::Dutch),
];

/// The primary tag of a BCP 47 language tag, lower-cased: `es-DO` is `es`.
pub fn primary_tag(lang: &str) -> String {
    lang.split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The supported language for a tag (`en-JM` is `en`), else English.
pub fn stemmer_language(lang: &str) -> (&'static str, Language) {
    let primary = primary_tag(lang);
    LANGUAGES
        .iter()
        .find(|(tag, _)| *tag == primary)
        .copied()
        .unwrap_or(LANGUAGES[0])
}

/// Splits and lower-cases without stemming: the vocabulary readers type.
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

/// The analyzer of one language: the same steps the JavaScript client repeats.
pub fn analyzer(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(CachedStemmer::new(language))
        .build()
}

/// The facet group of an entry's language, on indexes with more than one.
pub const LANGUAGE_GROUP: &str = "lang";

/// A supported language's name in that language, for the language filter
/// until the hub names its languages itself.
pub fn language_name(tag: &str) -> &str {
    match tag {
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "nl" => "Nederlands",
        other => other,
    }
}

/// The language a query is stemmed in, given the languages entries are
/// written in (`present`, in `LANGUAGES` order): `lang` as entries in it
/// are indexed (`stemmer_language`), except on an index whose entries all
/// share one language, where every query is in that language.
pub fn query_language(lang: &str, present: &[&'static str]) -> &'static str {
    match present {
        [only] => only,
        _ => stemmer_language(lang).0,
    }
}
