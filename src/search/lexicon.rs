//! What a query word may match, decided from the index's dictionaries: its
//! stems, a typed prefix's completions and one-typo corrections. The
//! JavaScript client applies the same rules to the exported shards
//! (docs/search-index.md, "Query semantics").

use std::collections::{BTreeMap, BTreeSet};

use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::search::fields::Fields;
use crate::search::language::{LANGUAGES, words_analyzer};
use crate::search::stemmer::MemoStemmer;

/// How many vocabulary words a typed prefix stands for at most.
pub const PREFIX_EXPANSIONS: usize = 10;
/// Shorter words are not corrected: too many words are one typo away.
pub const TYPO_MIN_LENGTH: usize = 4;
/// How many vocabulary words one typo away a word stands for at most: the
/// most frequent, so that a word in a large vocabulary stays a few clauses.
pub const TYPO_EXPANSIONS: usize = 10;

/// The dictionaries of one searcher.
pub struct Lexicon<'a> {
    searcher: &'a Searcher,
    words: Field,
    weighted: [Field; 4],
    /// Languages at least one entry is written in, in `LANGUAGES` order.
    pub languages: Vec<&'static str>,
    /// The stemmers of `languages`, in the same order.
    stemmers: Vec<MemoStemmer>,
}

/// What one query word matches (docs/search-index.md, "Query semantics").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alternatives {
    /// Stems in the query's language that the index has: they match
    /// entries written in that language.
    pub stems: BTreeSet<String>,
    /// Words of the vocabulary: each matches, exactly, entries written in
    /// the other languages.
    pub words: BTreeSet<String>,
}

impl Alternatives {
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.words.is_empty()
    }
}

impl<'a> Lexicon<'a> {
    pub fn new(searcher: &'a Searcher, fields: &Fields) -> tantivy::Result<Lexicon<'a>> {
        let mut present = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(fields.lang)?;
            let mut stream = inverted.terms().stream()?;
            while let Some((key, _)) = stream.next() {
                present.insert(String::from_utf8_lossy(key).into_owned());
            }
        }
        let chosen: Vec<_> = LANGUAGES
            .iter()
            .filter(|(tag, _)| present.contains(*tag))
            .collect();
        Ok(Lexicon {
            searcher,
            words: fields.words,
            weighted: fields.weighted().map(|(field, _)| field),
            languages: chosen.iter().map(|(tag, _)| *tag).collect(),
            stemmers: chosen.iter().map(|(_, l)| MemoStemmer::new(*l)).collect(),
        })
    }

    /// The stem of a word (split and lower-cased) in one of `languages`;
    /// `None` for a language no entry is written in.
    pub fn stem(&mut self, lang: &str, word: &str) -> Option<String> {
        let at = self.languages.iter().position(|l| *l == lang)?;
        Some(self.stemmers[at].stem(word).to_string())
    }

    /// The alternatives of every word for a query in `lang`, or `None` when
    /// a word matches nothing (every word must match, so the query has no
    /// results).
    pub fn alternatives(
        &mut self,
        words: &[String],
        prefix: bool,
        lang: &str,
    ) -> tantivy::Result<Option<Vec<Alternatives>>> {
        let mut all = Vec::with_capacity(words.len());
        for (i, word) in words.iter().enumerate() {
            let mut candidates = vec![word.clone()];
            if prefix && i + 1 == words.len() {
                candidates.extend(self.completions(word)?);
            }
            let mut found = self.indexed(&candidates, lang)?;
            if found.is_empty() && word.chars().count() >= TYPO_MIN_LENGTH {
                let corrections = self.corrections(word)?;
                found = self.indexed(&corrections, lang)?;
            }
            if found.is_empty() {
                return Ok(None);
            }
            all.push(found);
        }
        Ok(Some(all))
    }

    /// The candidates' stems in `lang` and the candidates themselves, each
    /// kept when the index has it.
    fn indexed(&mut self, candidates: &[String], lang: &str) -> tantivy::Result<Alternatives> {
        let mut found = Alternatives::default();
        for word in candidates {
            if let Some(stem) = self.stem(lang, word)
                && !found.stems.contains(&stem)
                && self.stem_frequency(&stem)? > 0
            {
                found.stems.insert(stem);
            }
            if self
                .searcher
                .doc_freq(&Term::from_field_text(self.words, word))?
                > 0
            {
                found.words.insert(word.clone());
            }
        }
        Ok(found)
    }

    /// How many documents have the stem, summed over the weighted fields.
    fn stem_frequency(&self, stem: &str) -> tantivy::Result<u64> {
        let mut frequency = 0;
        for field in &self.weighted {
            frequency += self
                .searcher
                .doc_freq(&Term::from_field_text(*field, stem))?;
        }
        Ok(frequency)
    }

    /// The most frequent vocabulary words starting with `prefix`.
    fn completions(&self, prefix: &str) -> tantivy::Result<Vec<String>> {
        let found = self.vocabulary(prefix.as_bytes(), &successor(prefix))?;
        Ok(most_frequent(found, PREFIX_EXPANSIONS))
    }

    /// The most frequent vocabulary words one edit away that start with
    /// the same character.
    fn corrections(&self, word: &str) -> tantivy::Result<Vec<String>> {
        let Some(first) = word.chars().next() else {
            return Ok(Vec::new());
        };
        let first = first.to_string();
        let typed: Vec<char> = word.chars().collect();
        let found = self.vocabulary_where(first.as_bytes(), &successor(&first), |candidate| {
            one_edit_apart(&typed, &candidate.chars().collect::<Vec<_>>())
        })?;
        Ok(most_frequent(found, TYPO_EXPANSIONS))
    }

    /// Vocabulary words in `[from, to)` (to the end when `to` is empty)
    /// with their document frequencies, in order.
    pub fn vocabulary(&self, from: &[u8], to: &[u8]) -> tantivy::Result<BTreeMap<String, u64>> {
        self.vocabulary_where(from, to, |_| true)
    }

    /// The words of `vocabulary` that `keep` accepts, without holding the others.
    fn vocabulary_where(
        &self,
        from: &[u8],
        to: &[u8],
        keep: impl Fn(&str) -> bool,
    ) -> tantivy::Result<BTreeMap<String, u64>> {
        let mut found = BTreeMap::new();
        for segment in self.searcher.segment_readers() {
            let index = segment.inverted_index(self.words)?;
            let mut range = index.terms().range().ge(from);
            if !to.is_empty() {
                range = range.lt(to);
            }
            let mut stream = range.into_stream()?;
            while let Some((key, info)) = stream.next() {
                let word = String::from_utf8_lossy(key);
                if keep(&word) {
                    *found.entry(word.into_owned()).or_insert(0) += u64::from(info.doc_freq);
                }
            }
        }
        Ok(found)
    }
}

/// The `limit` words of highest document frequency, then in word order.
fn most_frequent(words: BTreeMap<String, u64>, limit: usize) -> Vec<String> {
    let mut words: Vec<(String, u64)> = words.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words.truncate(limit);
    words.into_iter().map(|(word, _)| word).collect()
}

/// The smallest string greater than every string starting with `prefix`
/// (empty when there is none).
fn successor(prefix: &str) -> Vec<u8> {
    let mut bytes = prefix.as_bytes().to_vec();
    while let Some(last) = bytes.pop() {
        if last < 0xff {
            bytes.push(last + 1);
            return bytes;
        }
    }
    Vec::new()
}

/// One character inserted, deleted or replaced, or two adjacent characters
/// swapped; equal words are not one edit apart.
pub fn one_edit_apart(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => {
            let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match differ.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => {
            let start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
            short[start..] == long[start + 1..]
        }
        _ => false,
    }
}

/// The words of a query, split and lower-cased as the index was.
pub fn query_words(text: &str) -> Vec<String> {
    let mut analyzer = words_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut words = Vec::new();
    while stream.advance() {
        words.push(stream.token().text.clone());
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apart(a: &str, b: &str) -> bool {
        one_edit_apart(
            &a.chars().collect::<Vec<_>>(),
            &b.chars().collect::<Vec<_>>(),
        )
    }

    #[test]
    fn one_edit_covers_each_kind_of_typo() {
        assert!(apart("teacher", "teachr"), "deletion");
        assert!(apart("teachr", "teacher"), "insertion");
        assert!(apart("teacher", "teachor"), "replacement");
        assert!(apart("teacher", "taecher"), "adjacent swap");
        assert!(apart("école", "écoles"), "non-ASCII");
        assert!(!apart("teacher", "teacher"), "equal");
        assert!(!apart("teacher", "tecaher2"), "two edits");
        assert!(!apart("teacher", "reachet"), "two replacements");
        assert!(!apart("abcd", "cbad"), "swap that is not adjacent");
    }

    #[test]
    fn successor_bounds_a_prefix() {
        assert_eq!(successor("ab"), b"ac");
        assert_eq!(successor(""), b"");
        assert!(successor("é").as_slice() > "éz".as_bytes());
    }

    #[test]
    fn query_words_drop_long_tokens_and_lower_case() {
        let long = "x".repeat(40);
        assert_eq!(
            query_words(&format!("Rural SCHOOLS, {long} ΣΟΦΊΑ 2024")),
            ["rural", "schools", "σοφία", "2024"]
        );
    }
}
