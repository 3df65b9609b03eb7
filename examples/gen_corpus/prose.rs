//! Markdown prose from the education vocabulary: sentences, paragraphs,
//! headings, lists, tables, code blocks and links to other planned entries.

use super::plan::{COLLECTIONS, Entry, Plan, anchor};
use super::rng::Rng;
use super::words::*;
use std::fmt::Write;

/// Sentence patterns; `{X}` is replaced by a random word of class X:
/// Noun, Adjective, Verb, Group, Place, Role, Connector, Time unit, percent.
const TEMPLATES: &[&str] = &[
    "{C}, {G} in {P} {V} {A} {N}",
    "{A} {N} helps {G} {V} {N}",
    "{G} said that {N} helped them {V} {A} {N}",
    "when {G} {V} {N}, {G} are more likely to {V} {N}",
    "evidence from {P} suggests that {A} {N} can {V} {N} and {N}",
    "one {R} noted that {N} remains a concern for {G}",
    "{C}, the ministry plans to {V} {N} across {P}",
    "members from {P} shared examples of {A} {N} and {N}",
    "this requires {A} {N}, {A} {N} and regular {N}",
    "{G} and {G} worked together to {V} {N} over several {T}",
    "about {%} percent of {G} in {P} now take part in {N} at least once a term",
    "{C}, {N} and {N} were the main priorities for {G}",
    "it is important to {V} {N} before {G} are asked to {V} {N}",
    "{G} in {P} need {A} support to {V} {N}",
    "the review found that {A} {N} was linked to better {N}",
    "{C}, {G} asked for more guidance on {N}",
];

/// One sentence, capitalised and ending with a full stop.
pub fn sentence(rng: &mut Rng, out: &mut String) {
    let template = rng.word(TEMPLATES);
    fill_sentence(rng, template, out, |class| match class {
        b'N' => NOUNS,
        b'A' => ADJECTIVES,
        b'V' => VERBS,
        b'G' => GROUPS,
        b'P' => PLACES,
        b'R' => ROLES,
        b'C' => CONNECTORS,
        b'T' => TIME_UNITS,
        _ => &[],
    });
}

/// Writes `template` with each `{X}` replaced by a random word of the class
/// `words(X)` gives (a number for an empty class), capitalised and ending
/// with a full stop: the sentences of every language the corpus writes.
pub fn fill_sentence(
    rng: &mut Rng,
    template: &str,
    out: &mut String,
    words: impl Fn(u8) -> &'static [&'static str],
) {
    let start = out.len();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let class = words(rest.as_bytes()[i + 1]);
        match class.is_empty() {
            true => write!(out, "{}", rng.range(12, 94)).unwrap_or_default(),
            false => out.push_str(rng.word(class)),
        }
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    let first: String = out[start..].chars().take(1).collect();
    out.replace_range(start..start + first.len(), &first.to_uppercase());
    out.push('.');
}

/// One or two sentences of plain text.
pub fn summary(rng: &mut Rng) -> String {
    let mut s = String::new();
    sentence(rng, &mut s);
    if rng.chance(0.5) {
        s.push(' ');
        sentence(rng, &mut s);
    }
    s
}

/// A Markdown link to a random planned entry, sometimes to one of its headings.
fn link(rng: &mut Rng, plan: &Plan, out: &mut String) {
    if plan.entries.is_empty() {
        out.push_str("the hub library");
        return;
    }
    let e = &plan.entries[rng.below(plan.entries.len())];
    let _ = write!(
        out,
        "[{}](@/{}/{}.md",
        e.title, COLLECTIONS[e.coll].0, e.slug
    );
    if !e.headings.is_empty() && rng.chance(0.35) {
        let _ = write!(out, "#{}", anchor(&rng.pick(&e.headings).1));
    }
    out.push(')');
}

fn paragraph(rng: &mut Rng, plan: &Plan, out: &mut String) {
    for i in 0..rng.range(2, 6) {
        if i > 0 {
            out.push(' ');
        }
        sentence(rng, out);
    }
    if rng.chance(0.2) {
        let (before, after) = *rng.pick(&[
            (" See ", " for details."),
            (" ", " describes a similar approach."),
            (" Members also pointed to ", "."),
        ]);
        out.push_str(before);
        link(rng, plan, out);
        out.push_str(after);
    }
    out.push_str("\n\n");
}

fn list(rng: &mut Rng, plan: &Plan, out: &mut String) {
    let numbered = rng.chance(0.4);
    for i in 1..=rng.range(3, 6) {
        if numbered {
            let _ = write!(out, "{i}. ");
        } else {
            out.push_str("- ");
        }
        if rng.chance(0.15) {
            link(rng, plan, out);
        } else if numbered {
            sentence(rng, out);
        } else {
            out.push_str(&super::plan::cap(rng.word(ADJECTIVES)));
            out.push(' ');
            out.push_str(rng.word(NOUNS));
        }
        out.push('\n');
    }
    out.push('\n');
}

fn table(rng: &mut Rng, out: &mut String) {
    out.push_str("| Country | Schools | Teachers | Pass rate |\n|---|---:|---:|---:|\n");
    for &i in &rng.distinct(CITIES.len(), 4) {
        let (city, schools) = (CITIES[i].0, rng.range(4, 120));
        let (teachers, rate) = (schools * rng.range(8, 30), rng.range(35, 95));
        let _ = writeln!(out, "| {city} | {schools} | {teachers} | {rate}% |");
    }
    out.push('\n');
}

fn code(rng: &mut Rng, out: &mut String) {
    if rng.chance(0.5) {
        let scores: Vec<String> = (0..6).map(|_| rng.range(30, 95).to_string()).collect();
        let _ = write!(
            out,
            "```python\nscores = [{}]\nmean = sum(scores) / len(scores)\n\
             print(\"Mean score:\", round(mean, 1))\n```\n\n",
            scores.join(", ")
        );
    } else {
        let _ = write!(
            out,
            "```json\n{{\n  \"school\": \"{} {}\",\n  \"learners\": {},\n  \"teachers\": {},\n  \
             \"reading_at_grade_level\": 0.{}\n}}\n```\n\n",
            rng.word(TOWNS),
            rng.word(SCHOOL_KINDS),
            rng.range(80, 1400),
            rng.range(6, 90),
            rng.range(20, 95)
        );
    }
}

/// The Markdown body of `e`: about `e.words` words under `e.headings`.
pub fn body(rng: &mut Rng, plan: &Plan, e: &Entry, out: &mut String) {
    let parts = e.headings.len() + 1;
    let with_table = rng.chance(0.08).then(|| rng.below(e.headings.len()));
    let with_code = rng.chance(0.03).then(|| rng.below(e.headings.len()));
    let mut written = 0;
    // Part `n` of the body ends once `n / parts` of the words are written.
    let mut fill = |n: usize, rng: &mut Rng, out: &mut String| loop {
        let start = out.len();
        paragraph(rng, plan, out);
        if rng.chance(0.15) {
            list(rng, plan, out);
        }
        written += words(&out[start..]);
        if written >= e.words * n / parts {
            break;
        }
    };
    fill(1, rng, out);
    for (i, (level, text)) in e.headings.iter().enumerate() {
        let _ = write!(out, "{} {text}\n\n", "#".repeat(*level));
        fill(i + 2, rng, out);
        if with_table == Some(i) {
            table(rng, out);
        }
        if with_code == Some(i) {
            code(rng, out);
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
}

/// How many words `s` has, as the corpus counts them.
pub fn words(s: &str) -> usize {
    s.split_ascii_whitespace().count()
}
