//! The postings the static index and similar entries are made of: every
//! stem of the weighted fields with tantivy's own BM25 score in each
//! document having it.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings as _;
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, InvertedIndexReader, Searcher, TERMINATED, Term};

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
    let scoring = field_scoring(searcher, &weighted)?;
    stems
        .into_par_iter()
        .map(|stem| {
            unless_stopped(stop)?;
            scored(stem, &scoring, numbers)
        })
        .collect()
}

/// What scoring a stem in one field needs, read once for all stems: the
/// field's weight, its BM25 statistics over the whole index, and each
/// segment's postings and lengths of it with the number of its first
/// document.
struct FieldScoring {
    field: Field,
    weight: f32,
    documents: u64,
    average_length: f32,
    segments: Vec<(Arc<InvertedIndexReader>, FieldNormReader, u32)>,
}

fn field_scoring(
    searcher: &Searcher,
    weighted: &[(Field, f32)],
) -> tantivy::Result<Vec<FieldScoring>> {
    let documents: u64 = (searcher.segment_readers().iter())
        .map(|s| u64::from(s.max_doc()))
        .sum();
    weighted
        .iter()
        .map(|&(field, weight)| {
            let mut segments = Vec::new();
            let (mut base, mut tokens) = (0, 0);
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                tokens += inverted.total_num_tokens();
                segments.push((inverted, segment.get_fieldnorms_reader(field)?, base));
                base += segment.max_doc();
            }
            Ok(FieldScoring {
                field,
                weight,
                documents,
                // As tantivy's `Bm25Weight::for_terms` works it out.
                average_length: tokens as f32 / documents as f32,
                segments,
            })
        })
        .collect()
}

/// A stem's postings: in each document, the sum over the weighted fields,
/// in their order, of the BM25 score tantivy's `TermScorer` gives the stem
/// in that field (the same weight, from the same statistics, times the
/// field's weight), so that the export ranks as `calabash search` does.
fn scored(stem: Vec<u8>, scoring: &[FieldScoring], numbers: &[u32]) -> tantivy::Result<Postings> {
    let mut scored: Vec<(u32, f32)> = Vec::new();
    for field in scoring {
        let term = Term::from_field_bytes(field.field, &stem);
        let mut found = Vec::new();
        for (at, (inverted, _, _)) in field.segments.iter().enumerate() {
            if let Some(info) = inverted.get_term_info(&term)? {
                found.push((at, info));
            }
        }
        let doc_freq: u64 = found.iter().map(|(_, info)| u64::from(info.doc_freq)).sum();
        if doc_freq == 0 {
            continue;
        }
        let bm25 = Bm25Weight::for_one_term_without_explain(
            doc_freq,
            field.documents,
            field.average_length,
        )
        .boost_by(field.weight);
        for (at, info) in found {
            let (inverted, lengths, base) = &field.segments[at];
            let mut postings =
                inverted.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let score = bm25.score(lengths.fieldnorm_id(doc), postings.term_freq());
                scored.push((numbers[(base + doc) as usize], score));
                doc = postings.advance();
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
