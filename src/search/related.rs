//! Related entries, in the manner of MoreLikeThis: an entry's most telling
//! stems (its highest BM25 scores in the index) are looked up, and the
//! entries scoring highest on them together are its related entries.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::postings::Postings;

/// Related entries shown per entry.
pub const RELATED: usize = 5;
/// Stems of an entry that stand for it.
const TELLING_STEMS: usize = 12;
/// An entry must share at least this many telling stems to be related.
const MIN_SHARED: u32 = 2;

/// For each document, up to `RELATED` others, most similar first; `None`
/// once `stop` is set.
pub fn related(postings: &[Postings], docs: usize, stop: &AtomicBool) -> Option<Vec<Vec<u32>>> {
    // Stems in nearly every document say nothing, and cost the most.
    let max_frequency = (docs / 10).max(50);
    let mut by_doc: Vec<Vec<(u32, u32)>> = vec![Vec::new(); docs];
    for (stem, p) in postings.iter().enumerate() {
        if p.docs.len() < 2 || p.docs.len() > max_frequency {
            continue;
        }
        for (&doc, &score) in p.docs.iter().zip(&p.scores) {
            by_doc[doc as usize].push((score, stem as u32));
        }
    }
    by_doc
        .into_par_iter()
        .enumerate()
        .map_init(
            || (vec![0u64; docs], vec![0u32; docs], Vec::new()),
            |(sums, shared, touched), (doc, mut stems)| {
                if stop.load(Ordering::Relaxed) {
                    return None;
                }
                stems.sort_unstable_by(|a, b| b.cmp(a));
                for &(_, stem) in stems.iter().take(TELLING_STEMS) {
                    let p = &postings[stem as usize];
                    for (&other, &score) in p.docs.iter().zip(&p.scores) {
                        if other as usize == doc {
                            continue;
                        }
                        if shared[other as usize] == 0 {
                            touched.push(other);
                        }
                        sums[other as usize] += u64::from(score);
                        shared[other as usize] += 1;
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
    fn a_set_stop_gives_up() {
        let index = [
            postings("cricket", &[(0, 90), (1, 80)]),
            postings("bowling", &[(0, 70), (1, 60)]),
        ];
        assert!(related(&index, 2, &AtomicBool::new(true)).is_none());
    }
}
