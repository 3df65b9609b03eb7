//! The stemming step of the analyzers: tantivy's Snowball stemmers
//! (frostem), with each word's stem remembered. A site's vocabulary is tens
//! of thousands of words while its text is millions of tokens, so most
//! tokens are stemmed by a lookup. Results are exactly tantivy's `Stemmer`.

use std::collections::HashMap;

use frostem::Algorithm;
use tantivy::tokenizer::{Language, Token, TokenFilter, TokenStream, Tokenizer};

/// Stems tokens (already lower-cased) in one language, with a memo.
#[derive(Clone)]
pub struct CachedStemmer {
    algorithm: Algorithm,
}

impl CachedStemmer {
    pub fn new(language: Language) -> Self {
        let algorithm = match language {
            Language::Spanish => Algorithm::Spanish,
            Language::French => Algorithm::French,
            Language::Dutch => Algorithm::Dutch,
            _ => Algorithm::English,
        };
        CachedStemmer { algorithm }
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            algorithm: self.algorithm,
            memo: HashMap::new(),
            inner: tokenizer,
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    algorithm: Algorithm,
    /// Lives as long as the analyzer, across documents.
    memo: HashMap<String, String>,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(self.algorithm),
            memo: &mut self.memo,
        }
    }
}

/// One language's stemmer with its memo, for words already split and
/// lower-cased.
pub struct MemoStemmer {
    stemmer: frostem::Stemmer,
    memo: rustc_hash::FxHashMap<String, String>,
}

impl MemoStemmer {
    pub fn new(language: Language) -> Self {
        MemoStemmer {
            stemmer: frostem::Stemmer::new(CachedStemmer::new(language).algorithm),
            memo: rustc_hash::FxHashMap::default(),
        }
    }

    pub fn stem(&mut self, word: &str) -> &str {
        if !self.memo.contains_key(word) {
            let stem = self.stemmer.stem(word).into_owned();
            self.memo.insert(word.to_string(), stem);
        }
        self.memo.get(word).map_or("", String::as_str)
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    memo: &'a mut HashMap<String, String>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.memo.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
        } else {
            let stem = self.stemmer.stem(&token.text).into_owned();
            self.memo
                .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn stems_exactly_like_tantivy_across_documents() {
        let text = "Teachers teaching teachers; escuelas, maestras, écoles enseignantes, scholen leraren. Teachers again!";
        for language in [
            Language::English,
            Language::Spanish,
            Language::French,
            Language::Dutch,
        ] {
            let reference = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(language))
                .build();
            let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(CachedStemmer::new(language))
                .build();
            let expected = tokens(reference, text);
            // Twice through the same analyzer: the second pass uses the memo.
            for _ in 0..2 {
                let mut stream = cached.token_stream(text);
                let mut got = Vec::new();
                while stream.advance() {
                    got.push(stream.token().text.clone());
                }
                assert_eq!(got, expected);
            }
            let mut memo = MemoStemmer::new(language);
            let words = tokens(
                TextAnalyzer::builder(SimpleTokenizer::default())
                    .filter(LowerCaser)
                    .build(),
                text,
            );
            let stems: Vec<String> = words.iter().map(|w| memo.stem(w).to_string()).collect();
            assert_eq!(stems, expected);
        }
    }
}
