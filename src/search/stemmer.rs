//! The stemming step of the analyzers: tantivy's Snowball stemmers
//! (frostem), with each word's stem remembered. A site's vocabulary is tens
//! of thousands of words while its text is millions of tokens, so most
//! tokens are stemmed by a lookup. Results are exactly tantivy's `Stemmer`.

use frostem::Algorithm;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Language, Token, TokenFilter, TokenStream, Tokenizer};

/// One language's stemmer with its memo, for words already split and
/// lower-cased.
#[derive(Clone)]
pub struct MemoStemmer {
    stemmer: frostem::Stemmer,
    memo: FxHashMap<String, String>,
}

impl MemoStemmer {
    pub fn new(language: Language) -> Self {
        let algorithm = match language {
            Language::Spanish => Algorithm::Spanish,
            Language::French => Algorithm::French,
            Language::Dutch => Algorithm::Dutch,
            _ => Algorithm::English,
        };
        MemoStemmer {
            stemmer: frostem::Stemmer::new(algorithm),
            memo: FxHashMap::default(),
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

/// The same, as the last filter of a tantivy analyzer (for queries and
/// snippets): tokens are stemmed in one language, with a memo.
#[derive(Clone)]
pub struct CachedStemmer {
    language: Language,
}

impl CachedStemmer {
    pub fn new(language: Language) -> Self {
        CachedStemmer { language }
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            stemmer: MemoStemmer::new(self.language),
            inner: tokenizer,
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    /// Lives as long as the analyzer, across documents.
    stemmer: MemoStemmer,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a mut MemoStemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stem = self.stemmer.stem(&token.text);
        token.text.clear();
        token.text.push_str(stem);
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
