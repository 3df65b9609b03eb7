//! Related entries, in the manner of MoreLikeThis: an entry's most telling
//! stems (its highest BM25 scores in the index) are looked up, and the
//! entries scoring highest on them together are its related entries.
//!
//! Each lookup reads at most `CANDIDATES` entries per stem, those the stem
//! tells most about, so the work grows with the number of entries, not
//! with its square: a stem shared by a tenth of 100,000 entries would
//! otherwise be read in full for each of them.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::postings::Postings;

/// Related entries shown per entry.
pub const RELATED: usize = 5;
/// Stems of an entry that stand for it.
const TELLING_STEMS: usize = 12;
/// An entry must share at least this many telling stems to be related.
const MIN_SHARED: u32 = 2;
/// Entries read per stem in a lookup: those scoring highest on it.
const CANDIDATES: usize = 200;

/// A document's most telling stems: its `TELLING_STEMS` greatest
/// `(score, stem)` pairs, kept as the postings are read rather than all of
/// them, which at tens of thousands of entries are as large as the
/// postings.
#[derive(Clone, Default)]
struct Telling {
    stems: Vec<(u32, u32)>,
    /// The least of `stems` once there are `TELLING_STEMS` of them.
    least: (u32, u32),
}

impl Telling {
    fn keep(&mut self, pair: (u32, u32)) {
        if self.stems.len() < TELLING_STEMS {
            self.stems.push(pair);
            if self.stems.len() == TELLING_STEMS {
                self.least = self.stems.iter().copied().min().unwrap_or_default();
            }
            return;
        }
        if pair <= self.least {
            return;
        }
        if let Some(at) = self.stems.iter().position(|&p| p == self.least) {
            self.stems[at] = pair;
        }
        self.least = self.stems.iter().copied().min().unwrap_or_default();
    }
}

/// For each document, up to `RELATED` others, most similar first; `None`
/// once `stop` is set.
pub fn related(postings: &[Postings], docs: usize, stop: &AtomicBool) -> Option<Vec<Vec<u32>>> {
    // Stems in nearly every document say nothing, and cost the most.
    let max_frequency = (docs / 10).max(50);
    let telling = |p: &Postings| (2..=max_frequency).contains(&p.docs.len());
    let mut by_doc: Vec<Telling> = vec![Telling::default(); docs];
    for (stem, p) in postings.iter().enumerate().filter(|(_, p)| telling(p)) {
        for (&doc, &score) in p.docs.iter().zip(&p.scores) {
            by_doc[doc as usize].keep((score, stem as u32));
        }
    }
    // Only stems in more than `CANDIDATES` documents get a shorter list;
    // the others are read from their postings as they are.
    let strongest: Vec<Option<Vec<(u32, u32)>>> = postings
        .par_iter()
        .map(|p| (telling(p) && p.docs.len() > CANDIDATES).then(|| strongest(p)))
        .collect();
    by_doc
        .into_par_iter()
        .enumerate()
        .map_init(
            || (vec![0u64; docs], vec![0u32; docs], Vec::new()),
            |(sums, shared, touched), (doc, Telling { mut stems, .. })| {
                if stop.load(Ordering::Relaxed) {
                    return None;
                }
                let mut add = |other: u32, score: u32| {
                    if other as usize == doc {
                        return;
                    }
                    if shared[other as usize] == 0 {
                        touched.push(other);
                    }
                    sums[other as usize] += u64::from(score);
                    shared[other as usize] += 1;
                };
                stems.sort_unstable_by(|a, b| b.cmp(a));
                for &(_, stem) in stems.iter().take(TELLING_STEMS) {
                    match &strongest[stem as usize] {
                        Some(few) => few.iter().for_each(|&(other, score)| add(other, score)),
                        None => {
                            let p = &postings[stem as usize];
                            let all = p.docs.iter().zip(&p.scores);
                            all.for_each(|(&other, &score)| add(other, score));
                        }
                    }
                }
                let mut best: Vec<(u64, u32)> = touched
                    .iter()
                    .filter(|&&d| shared[d as usize] >= MIN_SHARED)
                    .map(|&d| (sums[d as usize], d))
                    .collect();
                for &d in touched.iter() {
                    sums[d as usize] = 0;
                    shared[d as usize] = 0;
                }
                touched.clear();
                best.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                Some(best.into_iter().take(RELATED).map(|(_, d)| d).collect())
            },
        )
        .collect()
}

/// The `CANDIDATES` documents of a longer stem scoring highest on it, with
/// their scores; the earlier document first among equal scores.
fn strongest(p: &Postings) -> Vec<(u32, u32)> {
    let mut all: Vec<(u32, u32)> = p
        .docs
        .iter()
        .copied()
        .zip(p.scores.iter().copied())
        .collect();
    let stronger = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    all.select_nth_unstable_by(CANDIDATES - 1, stronger);
    all.truncate(CANDIDATES);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postings(term: &str, docs: &[(u32, u32)]) -> Postings {
        Postings {
            term: term.as_bytes().to_vec(),
            docs: docs.iter().map(|d| d.0).collect(),
            scores: docs.iter().map(|d| d.1).collect(),
        }
    }

    #[test]
    fn entries_sharing_telling_stems_are_related() {
        let index = [
            postings("cricket", &[(0, 90), (1, 80), (3, 10)]),
            postings("bowling", &[(0, 70), (1, 60)]),
            postings("mangrove", &[(2, 90), (3, 80)]),
            postings("coast", &[(2, 50), (3, 40)]),
        ];
        let related = related(&index, 4, &AtomicBool::new(false)).expect("not stopped");
        assert_eq!(related[0], [1], "0 shares two stems with 1, one with 3");
        assert_eq!(related[2], [3]);
        assert_eq!(related[3], [2]);
        assert!(
            related
                .iter()
                .enumerate()
                .all(|(d, r)| !r.contains(&(d as u32)))
        );
    }

    #[test]
    fn a_lookup_reads_the_entries_a_stem_tells_most_about() {
        // A tenth of the documents share "river" and "delta" (frequent, but
        // still telling), with opposite scores: the strongest on one are the
        // weakest on the other. Read in full, every pair would share both
        // stems with the same sum; read `CANDIDATES` at a time, the
        // strongest on each stem share only one.
        let sharing = CANDIDATES as u32 * 3;
        let docs = sharing as usize * 10;
        let rising: Vec<(u32, u32)> = (0..sharing).map(|d| (d, d)).collect();
        let falling: Vec<(u32, u32)> = (0..sharing).map(|d| (d, sharing - d)).collect();
        let index = [postings("river", &rising), postings("delta", &falling)];
        let found = related(&index, docs, &AtomicBool::new(false)).expect("not stopped");
        assert!(found.iter().all(Vec::is_empty), "{:?}", &found[..3]);
        // With a third stem, the strongest on "river" and on it are related.
        let third: Vec<(u32, u32)> = (0..sharing).map(|d| (d, d)).collect();
        let index = [
            postings("river", &rising),
            postings("delta", &falling),
            postings("estuary", &third),
        ];
        let found = related(&index, docs, &AtomicBool::new(false)).expect("not stopped");
        let last = sharing - 1;
        assert_eq!(found[0], [last, last - 1, last - 2, last - 3, last - 4]);
        assert_eq!(found[last as usize][0], last - 1, "never its own relative");
        let strongest = sharing - CANDIDATES as u32;
        assert!(found.iter().flatten().all(|&d| d >= strongest));
    }

    #[test]
    fn a_document_keeps_its_most_telling_stems_as_a_full_sort_would() {
        // Scores in every order, with ties (broken by stem, as the sort
        // does), fewer and more pairs than are kept.
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for count in [
            0,
            1,
            TELLING_STEMS - 1,
            TELLING_STEMS,
            TELLING_STEMS + 1,
            40,
            500,
        ] {
            for scale in [3, 1000] {
                let pairs: Vec<(u32, u32)> = (0..count as u32)
                    .map(|stem| (next() % scale, stem))
                    .collect();
                let mut telling = Telling::default();
                pairs.iter().for_each(|&pair| telling.keep(pair));
                let mut kept = telling.stems;
                kept.sort_unstable_by(|a, b| b.cmp(a));
                let mut all = pairs.clone();
                all.sort_unstable_by(|a, b| b.cmp(a));
                all.truncate(TELLING_STEMS);
                assert_eq!(kept, all, "{count} pairs, scores below {scale}");
            }
        }
    }

    #[test]
    fn a_set_stop_gives_up() {
        let index = [
            postings("cricket", &[(0, 90), (1, 80)]),
            postings("bowling", &[(0, 70), (1, 60)]),
        ];
        assert!(related(&index, 2, &AtomicBool::new(true)).is_none());
    }
}
