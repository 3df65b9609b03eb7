//! The tantivy query of a search: what each word matches in entries of the
//! query's language (its stems) and of the other languages (the word
//! exactly), and the filters. docs/search-index.md, "Query semantics",
//! states the rules the JavaScript client shares.

use std::collections::BTreeMap;

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use crate::search::fields::{COLLECTION_GROUP, Fields};
use crate::search::language::LANGUAGE_GROUP;
use crate::search::lexicon::{Alternatives, Lexicon};

type Clauses = Vec<(Occur, Box<dyn Query>)>;

/// The term a filter `group=value` selects documents by.
pub fn filter_term(fields: &Fields, group: &str, value: &str) -> Term {
    if group == COLLECTION_GROUP {
        Term::from_field_text(fields.collection, value)
    } else if group == LANGUAGE_GROUP {
        Term::from_field_text(fields.lang, value)
    } else {
        Term::from_field_text(fields.facet, &format!("{group}/{value}"))
    }
}

/// The query for `words` in the language `lang`, with the filters; `None`
/// when it can find nothing. `lexicon` is the searcher's, which the caller
/// has already opened to learn the languages of its entries.
pub fn build_query(
    lexicon: &mut Lexicon,
    fields: &Fields,
    words: &[String],
    (prefix, lang): (bool, &str),
    filters: &[(String, String)],
) -> tantivy::Result<Option<Box<dyn Query>>> {
    if words.is_empty() {
        return Ok(None);
    }
    let Some(alternatives) = lexicon.alternatives(words, prefix, lang)? else {
        return Ok(None);
    };
    let others: Vec<&'static str> = lexicon
        .languages
        .iter()
        .copied()
        .filter(|l| *l != lang)
        .collect();
    let mut clauses: Clauses = Vec::new();
    for found in alternatives {
        let any = word_clauses(lexicon, fields, &found, (lang, &others));
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    let mut groups: BTreeMap<&str, Vec<Term>> = BTreeMap::new();
    for (group, value) in filters {
        groups
            .entry(group)
            .or_default()
            .push(filter_term(fields, group, value));
    }
    for terms in groups.into_values() {
        clauses.push((Occur::Must, unscored(any_of(terms))));
    }
    Ok(Some(Box::new(BooleanQuery::new(clauses))))
}

/// One word's alternatives as clauses of which one must match: its stems
/// in entries of `lang`; in entries of each of the `others` languages, its
/// words, each scored as its stem in that language (a stem once, however
/// many of the words share it).
fn word_clauses(
    lexicon: &mut Lexicon,
    fields: &Fields,
    found: &Alternatives,
    (lang, others): (&str, &[&'static str]),
) -> Clauses {
    let mut any: Clauses = Vec::new();
    if !found.stems.is_empty() {
        let stems = found.stems.iter().flat_map(|stem| weighted(fields, stem));
        any.push((Occur::Should, in_language(fields, lang, stems.collect())));
    }
    for &other in others {
        let mut by_stem: BTreeMap<String, Vec<Term>> = BTreeMap::new();
        for word in &found.words {
            let stem = lexicon.stem(other, word).unwrap_or_default();
            by_stem
                .entry(stem)
                .or_default()
                .push(Term::from_field_text(fields.words, word));
        }
        for (stem, words) in by_stem {
            // Written in the document, scored as the stem it has.
            let scored: Box<dyn Query> = Box::new(BooleanQuery::new(weighted(fields, &stem)));
            let clauses = vec![
                (Occur::Must, unscored(any_of(words))),
                (Occur::Must, scored),
            ];
            any.push((Occur::Should, in_language(fields, other, clauses)));
        }
    }
    any
}

/// The stem in each weighted field, boosted by the field's weight.
fn weighted(fields: &Fields, stem: &str) -> Clauses {
    fields
        .weighted()
        .into_iter()
        .map(|(field, weight)| {
            let term = Term::from_field_text(field, stem);
            let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
            let boosted: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(query), weight));
            (Occur::Should, boosted)
        })
        .collect()
}

/// `clauses` (any of them scoring) within documents written in `lang`.
fn in_language(fields: &Fields, lang: &str, clauses: Clauses) -> Box<dyn Query> {
    let language = any_of(vec![Term::from_field_text(fields.lang, lang)]);
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, unscored(language)),
        (Occur::Must, Box::new(BooleanQuery::new(clauses))),
    ]))
}

/// Documents having any of the terms.
fn any_of(terms: Vec<Term>) -> BooleanQuery {
    BooleanQuery::new(
        terms
            .into_iter()
            .map(|term| {
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect(),
    )
}

/// A query that narrows the results without changing their scores.
fn unscored(query: BooleanQuery) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(query), 0.0))
}
