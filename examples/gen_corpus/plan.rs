//! The plan: every entry's collection, slug, title, date and headings, decided
//! before anything is written so that refs and `@/...#anchor` links can only
//! point at entries (and headings) that really exist.

use super::rng::{Date, Rng};
use super::words::*;
use std::collections::HashMap;

/// Collections in generation order, with their share of the corpus (percent).
pub const COLLECTIONS: [(&str, usize); 6] = [
    ("experts", 10),
    ("library", 35),
    ("case-studies", 20),
    ("discussions", 10),
    ("replies", 15),
    ("events", 10),
];
pub const EXPERTS: usize = 0;
pub const LIBRARY: usize = 1;
pub const CASE_STUDIES: usize = 2;
pub const DISCUSSIONS: usize = 3;
pub const REPLIES: usize = 4;
pub const EVENTS: usize = 5;

pub struct Entry {
    pub coll: usize,
    pub slug: String,
    pub title: String,
    pub date: Date,
    /// Target length of the body, in words.
    pub words: usize,
    /// `(level, text)`; texts are letters and spaces only, unique per entry.
    pub headings: Vec<(usize, String)>,
    /// Sequence number within the year (consolidated replies only).
    pub number: u32,
}

/// How the entries are spread over collections, terms and references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Every collection in its share (`COLLECTIONS`), terms and references
    /// drawn at random.
    Mixed,
    /// One expert, every other entry in the library; all share the same
    /// few terms and nearly all are recommended by that expert: the corpus
    /// whose lists and "referenced by" grow with it.
    OneCollection,
}

impl Shape {
    pub fn parse(name: &str) -> Option<Shape> {
        match name {
            "mixed" => Some(Shape::Mixed),
            "one-collection" => Some(Shape::OneCollection),
            _ => None,
        }
    }
}

pub struct Plan {
    pub entries: Vec<Entry>,
    pub by_coll: [Vec<usize>; 6],
    pub shape: Shape,
}

impl Plan {
    pub fn new(total: usize, rng: &mut Rng, shape: Shape) -> Plan {
        let mut counts: Vec<usize> = match shape {
            Shape::Mixed => COLLECTIONS.iter().map(|c| total * c.1 / 100).collect(),
            Shape::OneCollection => vec![total.min(1), 0, 0, 0, 0, 0],
        };
        counts[LIBRARY] += total - counts.iter().sum::<usize>();
        let mut plan = Plan {
            entries: Vec::with_capacity(total),
            by_coll: Default::default(),
            shape,
        };
        let mut numbers: HashMap<i64, u32> = HashMap::new();
        for (coll, &count) in counts.iter().enumerate() {
            for i in 1..=count {
                let title = title(coll, rng);
                let slug = format!("{}-{i}", slugify(&title, 5));
                let date = match coll {
                    EVENTS => Date::random(rng, 2019, 2026),
                    _ => Date::random(rng, 2012, 2025),
                };
                let mut number = 0;
                if coll == REPLIES {
                    let n = numbers.entry(date.year()).or_default();
                    *n += 1;
                    number = *n;
                }
                let r = rng.unit();
                let words = 150 + (r * r * 880.0) as usize;
                let headings = headings(words, rng);
                plan.by_coll[coll].push(plan.entries.len());
                plan.entries.push(Entry {
                    coll,
                    slug,
                    title,
                    date,
                    words,
                    headings,
                    number,
                });
            }
        }
        plan
    }

    /// A random entry of a collection, if it has any.
    pub fn pick(&self, coll: usize, rng: &mut Rng) -> Option<&Entry> {
        let pool = &self.by_coll[coll];
        (!pool.is_empty()).then(|| &self.entries[*rng.pick(pool)])
    }

    /// Up to `k` distinct slugs of a collection.
    pub fn slugs(&self, coll: usize, k: usize, rng: &mut Rng) -> Vec<String> {
        let pool = &self.by_coll[coll];
        let idx = rng.distinct(pool.len(), k);
        idx.iter()
            .map(|&i| self.entries[pool[i]].slug.clone())
            .collect()
    }

    /// Up to `k` distinct `collection/slug` refs into any of `colls`.
    pub fn qualified(&self, colls: &[usize], k: usize, rng: &mut Rng) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for _ in 0..k {
            let coll = *rng.pick(colls);
            if let Some(e) = self.pick(coll, rng) {
                let r = format!("{}/{}", COLLECTIONS[coll].0, e.slug);
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
        out
    }
}

/// `## Lessons learned` -> `lessons-learned` (headings are letters and spaces).
pub fn anchor(heading: &str) -> String {
    heading.to_ascii_lowercase().replace(' ', "-")
}

/// Lower-case letters and digits joined by hyphens, at most `max_words` words.
pub fn slugify(text: &str, max_words: usize) -> String {
    let words = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let words: Vec<String> = words.take(max_words).map(str::to_ascii_lowercase).collect();
    words.join("-")
}

pub fn cap(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

fn title(coll: usize, rng: &mut Rng) -> String {
    let (n, n2, a) = (rng.word(NOUNS), rng.word(NOUNS), rng.word(ADJECTIVES));
    let (p, g) = (rng.word(PLACES), rng.word(GROUPS));
    let v = rng.below(3);
    match (coll, v) {
        (EXPERTS, _) => format!("{} {}", rng.word(FIRST_NAMES), rng.word(SURNAMES)),
        (LIBRARY, 0) => format!("{} in {p}: {}", cap(n), rng.word(RESOURCE_WORDS)),
        (LIBRARY, 1) => format!("{} {n} for {g}", cap(a)),
        (LIBRARY, _) => format!("{} and {n2}: {}", cap(n), rng.word(RESOURCE_WORDS)),
        (CASE_STUDIES, 0) => format!("How {g} in {p} {} {n}", rng.word(VERBS)),
        (CASE_STUDIES, 1) => format!(
            "{} {n} at {} {}",
            cap(a),
            rng.word(TOWNS),
            rng.word(SCHOOL_KINDS)
        ),
        (CASE_STUDIES, _) => format!("{} in {p}", cap(n)),
        (DISCUSSIONS, 0) => format!("E-discussion: {n} in {p}"),
        (DISCUSSIONS, 1) => format!("{} and {n2}: what members shared", cap(n)),
        (DISCUSSIONS, _) => format!("Consultation on {a} {n}"),
        (REPLIES, 0) => format!("{}: experiences from {p}", cap(n)),
        (REPLIES, 1) => format!("Advice on {n} for {g}"),
        (REPLIES, _) => format!("Comparing approaches to {n} in {p}"),
        (_, 0) => format!("{} in {p}", cap(n)),
        (_, 1) => format!("Strengthening {n}: a session for {g}"),
        (_, _) => format!("{} {n} in practice", cap(a)),
    }
}

fn headings(words: usize, rng: &mut Rng) -> Vec<(usize, String)> {
    let sections = (words / 170).clamp(1, 7);
    let mut out: Vec<(usize, String)> = Vec::new();
    for s in 0..sections {
        out.push((2, fresh_heading(&out, rng)));
        if s > 0 && rng.chance(0.25) {
            out.push((3, fresh_heading(&out, rng)));
        }
    }
    out
}

/// A heading whose anchor differs from every heading already in `taken`.
fn fresh_heading(taken: &[(usize, String)], rng: &mut Rng) -> String {
    loop {
        let h = if rng.chance(0.5) {
            rng.word(HEADINGS).to_string()
        } else {
            cap(&format!("{} {}", rng.word(ADJECTIVES), rng.word(NOUNS)))
        };
        let plain = h.chars().all(|c| c.is_ascii_alphabetic() || c == ' ');
        if plain && !taken.iter().any(|(_, t)| t.eq_ignore_ascii_case(&h)) {
            return h;
        }
    }
}
