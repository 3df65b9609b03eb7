//! TOML front matter for each collection, following the schemas in site.toml.

use super::plan::*;
use super::prose::{sentence, summary};
use super::rng::{Date, Rng};
use super::words::*;
use std::collections::HashMap;
use std::fmt::{Display, Write};

/// Taxonomy name -> term ids, as read from content/_taxonomies/*.toml.
pub struct Tax(pub HashMap<String, Vec<String>>);

impl Tax {
    fn one(&self, name: &str, rng: &mut Rng, shape: Shape) -> String {
        if shape == Shape::OneCollection {
            return self
                .0
                .get(name)
                .and_then(|t| t.first())
                .cloned()
                .unwrap_or_default();
        }
        rng.pick(self.0.get(name).map_or(&[], Vec::as_slice))
            .clone()
    }
}

/// A TOML basic string.
pub fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes `key = value` lines for one entry.
struct Fm<'a> {
    out: &'a mut String,
    plan: &'a Plan,
    tax: &'a Tax,
}

impl Fm<'_> {
    fn raw(&mut self, key: &str, value: impl Display) {
        let _ = writeln!(self.out, "{key} = {value}");
    }

    fn text(&mut self, key: &str, value: impl AsRef<str>) {
        self.raw(key, q(value.as_ref()));
    }

    fn list(&mut self, key: &str, items: &[String]) {
        if !items.is_empty() {
            let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
            self.raw(key, format_args!("[{}]", quoted.join(", ")));
        }
    }

    /// Writes and returns one of the enum's `values`.
    fn one_of(&mut self, rng: &mut Rng, key: &str, values: &[&'static str]) -> &'static str {
        let value = rng.word(values);
        self.text(key, value);
        value
    }

    /// `lo..=hi` distinct terms of a taxonomy.
    fn terms(&mut self, rng: &mut Rng, key: &str, taxonomy: &str, lo: i64, hi: i64) {
        let terms = self.tax.0.get(taxonomy).map_or(&[][..], Vec::as_slice);
        if self.plan.shape == Shape::OneCollection {
            // The same two terms on every entry.
            self.list(key, &terms[..terms.len().min(2)]);
            return;
        }
        let k = rng.range(lo, hi) as usize;
        self.list(key, &sample(rng, terms, k));
    }

    /// `lo..=hi` distinct slugs of entries of a collection.
    fn refs(&mut self, rng: &mut Rng, key: &str, coll: usize, lo: i64, hi: i64) {
        let k = rng.range(lo, hi) as usize;
        let slugs = self.plan.slugs(coll, k, rng);
        self.list(key, &slugs);
    }

    /// Up to `hi` distinct `collection/slug` refs into `colls`.
    fn qualified(&mut self, rng: &mut Rng, key: &str, colls: &[usize], hi: i64) {
        let k = rng.range(0, hi) as usize;
        let refs = self.plan.qualified(colls, k, rng);
        self.list(key, &refs);
    }

    fn country(&self, rng: &mut Rng) -> String {
        self.tax.one("countries", rng, self.plan.shape)
    }
}

/// Up to `k` distinct items.
fn sample<T: AsRef<str>>(rng: &mut Rng, items: &[T], k: usize) -> Vec<String> {
    let picked = rng.distinct(items.len(), k);
    picked
        .iter()
        .map(|&i| items[i].as_ref().to_string())
        .collect()
}

fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.word(FIRST_NAMES), rng.word(SURNAMES))
}

fn organisation(rng: &mut Rng) -> String {
    match rng.chance(0.5) {
        true => rng.word(ORGANISATIONS).to_string(),
        false => format!("{} {}", rng.word(TOWNS), rng.word(SCHOOL_KINDS)),
    }
}

/// A 16-digit ORCID iD with a valid ISO 7064 11,2 check character.
fn orcid(rng: &mut Rng) -> String {
    let digits: Vec<u32> = (0..15).map(|_| rng.below(10) as u32).collect();
    let total = digits.iter().fold(0, |t, d| (t + d) * 2);
    let check = (12 - total % 11) % 11;
    let mut s: String = digits
        .iter()
        .map(|&d| char::from_digit(d, 10).unwrap_or('0'))
        .collect();
    s.push(char::from_digit(check, 10).unwrap_or('X'));
    format!("{}-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12], &s[12..16])
}

/// Writes `+++ ... +++` for `e`; returns the path of a static file it names.
pub fn front_matter(
    out: &mut String,
    e: &Entry,
    plan: &Plan,
    tax: &Tax,
    rng: &mut Rng,
) -> Option<String> {
    out.push_str("+++\n");
    let mut f = Fm { out, plan, tax };
    f.text("title", &e.title);
    f.text("summary", summary(rng));
    f.raw("date", e.date);
    let updated = e.date.plus(rng.range(20, 600));
    if rng.chance(0.2) && updated < Date::ymd(2026, 1, 1) {
        f.raw("updated", updated);
    }
    f.terms(rng, "topics", "topics", 1, 3);
    if rng.chance(0.5) {
        let k = rng.range(1, 3) as usize;
        f.list("tags", &sample(rng, NOUNS, k));
    }
    if rng.chance(0.03) {
        f.list(
            "aliases",
            &[format!("/archive/{}/{}/", COLLECTIONS[e.coll].0, e.slug)],
        );
    }
    let file = match e.coll {
        EXPERTS => experts(&mut f, rng, e),
        LIBRARY => library(&mut f, rng, e),
        CASE_STUDIES => case_study(&mut f, rng, e),
        DISCUSSIONS => discussion(&mut f, rng, e),
        REPLIES => reply(&mut f, rng, e),
        _ => event(&mut f, rng, e),
    };
    f.out.push_str("+++\n\n");
    file
}

fn experts(f: &mut Fm, rng: &mut Rng, e: &Entry) -> Option<String> {
    f.text("name", &e.title);
    f.text("job_title", rng.word(JOB_TITLES));
    f.text("organisation", organisation(rng));
    let country = f.country(rng);
    f.text("country", country);
    f.terms(rng, "languages", "languages", 1, 2);
    f.terms(rng, "expertise", "topics", 1, 3);
    f.terms(rng, "countries", "countries", 0, 3);
    if f.one_of(rng, "contact", CONTACT) == "email" {
        f.text("email", format!("{}@example.org", e.slug));
    }
    if rng.chance(0.3) {
        f.text("website", format!("https://example.org/people/{}", e.slug));
    }
    if rng.chance(0.2) {
        f.text("orcid", orcid(rng));
    }
    f.raw("consent_date", e.date.plus(-rng.range(0, 90)));
    None
}

fn library(f: &mut Fm, rng: &mut Rng, e: &Entry) -> Option<String> {
    let resource_type = f.tax.one("resource_types", rng, f.plan.shape);
    f.text("resource_type", resource_type);
    let creators: Vec<String> = (0..rng.range(1, 3)).map(|_| name(rng)).collect();
    f.list("creators", &creators);
    if rng.chance(0.8) {
        f.text("publisher", organisation(rng));
    }
    // Most resources are links, some are files, a few are both.
    let r = rng.unit();
    if r < 0.92 {
        f.text("url", format!("https://example.org/library/{}", e.slug));
    }
    let file = (r > 0.88).then(|| format!("/documents/{}.pdf", e.slug));
    if let Some(path) = &file {
        f.text("file", path);
    }
    if rng.chance(0.6) {
        f.text("license", rng.word(LICENSES));
    }
    f.one_of(rng, "access", ACCESS);
    f.terms(rng, "countries", "countries", 0, 3);
    f.terms(rng, "levels", "levels", 0, 2);
    f.terms(rng, "audiences", "audiences", 0, 2);
    match f.plan.shape {
        Shape::Mixed => f.refs(rng, "recommended_by", EXPERTS, 0, 2),
        // Nearly every resource recommended by the one expert.
        Shape::OneCollection if rng.chance(0.95) => f.refs(rng, "recommended_by", EXPERTS, 1, 1),
        Shape::OneCollection => {}
    }
    file
}

fn case_study(f: &mut Fm, rng: &mut Rng, e: &Entry) -> Option<String> {
    f.text("organisation", organisation(rng));
    f.terms(rng, "countries", "countries", 1, 2);
    f.terms(rng, "levels", "levels", 1, 2);
    let (start, end) = (e.date.year() - rng.range(0, 4), e.date.year());
    let status = f.one_of(rng, "status", CASE_STATUS);
    match status {
        "ongoing" => f.raw("period", format_args!("{{ start = {start} }}")),
        _ => f.raw("period", format_args!("{{ start = {start}, end = {end} }}")),
    }
    f.one_of(rng, "scale", SCALES);
    f.one_of(rng, "evidence", EVIDENCE);
    f.refs(rng, "contacts", EXPERTS, 0, 2);
    f.refs(rng, "sources", LIBRARY, 0, 3);
    if rng.chance(0.05) {
        f.raw("featured", true);
    }
    None
}

fn discussion(f: &mut Fm, rng: &mut Rng, e: &Entry) -> Option<String> {
    f.one_of(rng, "kind", DISCUSSION_KINDS);
    let start = e.date.plus(-rng.range(30, 60));
    f.raw("start", start);
    f.raw("end", start.plus(rng.range(10, 28)));
    f.refs(rng, "moderators", EXPERTS, 1, 2);
    f.raw("participants", rng.range(8, 400));
    f.terms(rng, "contributor_countries", "countries", 2, 6);
    f.terms(rng, "levels", "levels", 0, 2);
    f.one_of(rng, "status", DISCUSSION_STATUS);
    if let Some(r) = f.plan.pick(LIBRARY, rng).filter(|_| rng.chance(0.5)) {
        f.text("summary_report", &r.slug);
    }
    let recommendations: Vec<String> = (0..rng.range(2, 4)).map(|_| summary(rng)).collect();
    f.list("recommendations", &recommendations);
    None
}

fn reply(f: &mut Fm, rng: &mut Rng, e: &Entry) -> Option<String> {
    f.text("number", format!("CR-{}-{:03}", e.date.year(), e.number));
    let mut query = String::new();
    sentence(rng, &mut query);
    query.push_str(" Does anyone have experience with this?");
    let asker = match rng.chance(0.3) {
        true => "anonymous = true".to_string(),
        false => {
            let (who, org, country) = (q(&name(rng)), q(&organisation(rng)), q(&f.country(rng)));
            format!("asker_name = {who}, asker_organisation = {org}, asker_country = {country}")
        }
    };
    let asked = e.date.plus(-rng.range(20, 60));
    f.raw(
        "query",
        format_args!("{{ text = {}, {asker}, date = {asked} }}", q(&query)),
    );
    f.one_of(rng, "query_type", QUERY_TYPES);
    f.refs(rng, "compiled_by", EXPERTS, 1, 2);
    f.raw("issue_date", e.date);
    let mut respondents: Vec<String> = Vec::new();
    for _ in 0..rng.range(2, 6) {
        match f.plan.pick(EXPERTS, rng).filter(|_| rng.chance(0.5)) {
            Some(x) => respondents.push(format!("{{ expert = {} }}", q(&x.slug))),
            None => {
                let (who, org, country) =
                    (q(&name(rng)), q(&organisation(rng)), q(&f.country(rng)));
                respondents.push(format!(
                    "{{ name = {who}, organisation = {org}, country = {country} }}"
                ));
            }
        }
    }
    f.raw("respondents", format_args!("[{}]", respondents.join(", ")));
    f.terms(rng, "countries", "countries", 0, 4);
    f.terms(rng, "levels", "levels", 0, 2);
    f.refs(rng, "cites", LIBRARY, 0, 4);
    f.qualified(rng, "related", &[REPLIES, DISCUSSIONS, CASE_STUDIES], 3);
    None
}

fn event(f: &mut Fm, rng: &mut Rng, e: &Entry) -> Option<String> {
    let kind = f.one_of(rng, "event_type", EVENT_TYPES);
    let attendance = rng.word(ATTENDANCE);
    // In-person and mixed events keep the time zone of their city.
    let (city, venue, country, zone, offset) = *rng.pick(CITIES);
    let (zone, offset) = match attendance {
        "online" => *rng.pick(ZONES),
        _ => (zone, offset),
    };
    let day = e.date.plus(rng.range(14, 90));
    let (hour, minute) = (rng.range(8, 16), 30 * rng.range(0, 1));
    let (last_day, last_hour) = match kind {
        "conference" => (day.plus(rng.range(1, 3)), 17),
        _ => (day, hour + rng.range(1, 3)),
    };
    f.raw(
        "start",
        format_args!("{day}T{hour:02}:{minute:02}:00{offset}"),
    );
    f.raw(
        "end",
        format_args!("{last_day}T{last_hour:02}:{minute:02}:00{offset}"),
    );
    f.text("timezone", zone);
    f.text("attendance", attendance);
    if attendance != "online" {
        let known = f
            .tax
            .0
            .get("countries")
            .is_some_and(|t| t.iter().any(|c| c == country));
        let country = if known {
            country.to_string()
        } else {
            f.country(rng)
        };
        let (venue, city, country) = (q(venue), q(city), q(&country));
        f.raw(
            "location",
            format_args!("{{ venue = {venue}, city = {city}, country = {country} }}"),
        );
    }
    if attendance != "in-person" {
        f.text("online_url", format!("https://meet.example.org/{}", e.slug));
    }
    if rng.chance(0.5) {
        f.text(
            "registration_url",
            format!("https://example.org/register/{}", e.slug),
        );
    }
    f.text("organiser", rng.word(ORGANISATIONS));
    f.refs(rng, "speakers", EXPERTS, 1, 4);
    f.one_of(rng, "event_status", EVENT_STATUS);
    f.qualified(rng, "outputs", &[LIBRARY, REPLIES, DISCUSSIONS], 2);
    None
}
