//! The postings the static index and similar entries are made of: every
//! stem of the weighted fields with tantivy's own BM25 score in each
//! document having it.

use std::collections::BTreeSet;
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;
use tantivy::query::{EnableScoring, TermQuery, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, TERMINATED, Term};

use super::fields::Fields;
use super::index::unless_stopped;

/// Scores are stored as whole numbers of this fraction of a point.
pub const SCORE_SCALE: f32 = 10_000.0;

/// One stem's postings: export document numbers (ascending) and scores.
pub struct Postings {
    pub term: Vec<u8>,
    pub docs: Vec<u32>,
    pub scores: Vec<u32>,
}

/// Every stem of the weighted fields with tantivy's weighted BM25 score in
/// each document having it, sorted by stem; documents are numbered by
/// `numbers` (tantivy's document, segment by segment, to exported number).
pub fn read(
    searcher: &Searcher,
    numbers: &[u32],
    stop: &AtomicBool,
) -> tantivy::Result<Vec<Postings>> {
    let weighted = Fields::from_schema(searcher.schema())?.weighted();
    let mut stems = BTreeSet::new();
    for segment in searcher.segment_readers() {
        for (field, _) in &weighted {
            unless_stopped(stop)?;
            let inverted = segment.inverted_index(*field)?;
            let mut stream = inverted.terms().stream()?;
            while let Some((key, _)) = stream.next() {
                stems.insert(key.to_vec());
            }
        }
    }
    let bases: Vec<u32> = searcher
        .segment_readers()
        .iter()
        .scan(0, |base, s| {
            let start = *base;
            *base += s.max_doc();
            Some(start)
        })
        .collect();
    stems
        .into_par_iter()
        .map(|stem| {
            unless_stopped(stop)?;
            let mut scored: Vec<(u32, f32)> = Vec::new();
            for (field, weight) in &weighted {
                let term = Term::from_field_bytes(*field, &stem);
                if searcher.doc_freq(&term)? == 0 {
                    continue;
                }
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                let scoring = EnableScoring::enabled_from_searcher(searcher);
                let term_weight = query.specialized_weight(scoring)?;
                for (segment, base) in searcher.segment_readers().iter().zip(&bases) {
                    let mut scorer = term_weight.scorer(segment, *weight)?;
                    let mut doc = scorer.doc();
                    while doc != TERMINATED {
                        scored.push((numbers[(base + doc) as usize], scorer.score()));
                        doc = scorer.advance();
                    }
                }
            }
            scored.sort_by_key(|&(doc, _)| doc);
            let mut docs = Vec::with_capacity(scored.len());
            let mut scores: Vec<f32> = Vec::with_capacity(scored.len());
            for (doc, score) in scored {
                if docs.last() == Some(&doc) {
                    *scores.last_mut().expect("a score per document") += score;
                } else {
                    docs.push(doc);
                    scores.push(score);
                }
            }
            Ok(Postings {
                term: stem,
                docs,
                scores: scores
                    .into_iter()
                    .map(|s| (s * SCORE_SCALE).round() as u32)
                    .collect(),
            })
        })
        .collect()
}

/// Every unstemmed word with the documents having it (export numbers,
/// ascending), sorted by word: what a word matches exactly in entries
/// written in another language than the query's. `scores` stay empty.
pub fn word_docs(
    searcher: &Searcher,
    words: Field,
    numbers: &[u32],
    stop: &AtomicBool,
) -> tantivy::Result<Vec<Postings>> {
    let mut found: std::collections::BTreeMap<Vec<u8>, Vec<u32>> = Default::default();
    let mut base = 0;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(words)?;
        let mut stream = inverted.terms().stream()?;
        while let Some((key, info)) = stream.next() {
            unless_stopped(stop)?;
            let mut postings =
                inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
            let docs = found.entry(key.to_vec()).or_default();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                docs.push(numbers[(base + doc) as usize]);
                doc = postings.advance();
            }
        }
        base += segment.max_doc();
    }
    Ok(found
        .into_iter()
        .map(|(term, mut docs)| {
            docs.sort_unstable();
            Postings {
                term,
                docs,
                scores: Vec::new(),
            }
        })
        .collect())
}
