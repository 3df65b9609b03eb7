//! Stems words exactly as the search index does, for the parity tests of the
//! JavaScript stemmers the static search client ships
//! (`themes/hub/static/search/stem-*.js`, `tests/js/stemmers.test.mjs`).
//!
//! ```text
//! printf 'running\nlibraries\n' | cargo run --release --example stem-words -- en
//! ```
//!
//! Reads one word a line from stdin (each line is one token, already
//! lower-cased, passed whole to tantivy's `Stemmer` token filter) and prints
//! `word<TAB>stem` for each. The language is `en`, `es`, `fr` or `nl`.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer, TokenStream};

fn main() -> ExitCode {
    let language = match std::env::args().nth(1).as_deref() {
        Some("en") => Language::English,
        Some("es") => Language::Spanish,
        Some("fr") => Language::French,
        Some("nl") => Language::Dutch,
        other => {
            eprintln!("usage: stem-words en|es|fr|nl < words (got {other:?})");
            return ExitCode::from(2);
        }
    };
    let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(language))
        .build();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in io::stdin().lock().lines() {
        let word = match line {
            Ok(word) => word,
            Err(e) => {
                eprintln!("stem-words: cannot read stdin: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut stream = analyzer.token_stream(&word);
        let stem = if stream.advance() {
            stream.token().text.clone()
        } else {
            String::new()
        };
        if writeln!(out, "{word}\t{stem}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
