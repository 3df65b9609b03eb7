//! TOML front matter for each collection, following the schemas in site.toml.

use crate::plan::*;
use crate::prose::{sentence, summary};
use crate::rng::{Date, Rng};
use crate::words::*;
use std::collections::HashMap;
use std::fmt::{Display, Write};

/// Taxonomy name -> term ids, as read from content/_taxonomies/*.toml.
pub struct Tax(pub HashMap<String, Vec<String>>);

impl Tax {
    fn terms(&self, name: &str) -> &[String] {
        self.0.get(name).map_or(&[], Vec::as_slice)
    }

    /// Up to `k` distinct term ids of a taxonomy.
    fn pick(&self, name: &str, k: i64, rng: &mut Rng) -> Vec<String> {
        let terms = self.terms(name);
        let idx = rng.distinct(terms.len(), k as usize);
        idx.iter().map(|&i| terms[i].clone()).collect()
    }

    fn one(&self, name: &str, rng: &mut Rng) -> String {
        rng.pick(self.terms(name)).clone()
    }

    /// `id` if the taxonomy has it, else a random term.
    fn or_any(&self, name: &str, id: &str, rng: &mut Rng) -> String {
        match self.terms(name).iter().any(|t| t == id) {
            true => id.to_string(),
            false => self.one(name, rng),
        }
    }
}

/// A TOML basic string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn raw(out: &mut String, key: &str, value: impl Display) {
    let _ = writeln!(out, "{key} = {value}");
}

fn text(out: &mut String, key: &str, value: impl AsRef<str>) {
    raw(out, key, q(value.as_ref()));
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if !items.is_empty() {
        let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
        raw(out, key, format_args!("[{}]", quoted.join(", ")));
    }
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

fn datetime(d: Date, hour: i64, minute: i64, offset: &str) -> String {
    format!("{d}T{hour:02}:{minute:02}:00{offset}")
}

/// A 16-digit ORCID iD with a valid ISO 7064 11,2 check character.
fn orcid(rng: &mut Rng) -> String {
    let digits: Vec<u32> = (0..15).map(|_| rng.below(10) as u32).collect();
    let total = digits.iter().fold(0, |t, d| (t + d) * 2);
    let check = (12 - total % 11) % 11;
    let mut s: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
    s.push(if check == 10 {
        'X'
    } else {
        char::from(b'0' + check as u8)
    });
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
    text(out, "title", &e.title);
    text(out, "summary", summary(rng));
    raw(out, "date", e.date);
    let updated = e.date.plus(rng.range(20, 600));
    if rng.chance(0.2) && updated < Date::ymd(2026, 1, 1) {
        raw(out, "updated", updated);
    }
    list(out, "topics", &tax.pick("topics", rng.range(1, 3), rng));
    if rng.chance(0.5) {
        let tags: Vec<String> = rng
            .distinct(NOUNS.len(), 3)
            .iter()
            .map(|&i| NOUNS[i].to_string())
            .collect();
        list(out, "tags", &tags[..rng.range(1, 3) as usize]);
    }
    if rng.chance(0.03) {
        list(
            out,
            "aliases",
            &[format!("/archive/{}/{}/", COLLECTIONS[e.coll].0, e.slug)],
        );
    }
    let mut file = None;
    match e.coll {
        EXPERTS => experts(out, e, tax, rng),
        LIBRARY => {
            text(out, "resource_type", tax.one("resource_types", rng));
            let creators: Vec<String> = (0..rng.range(1, 3)).map(|_| name(rng)).collect();
            list(out, "creators", &creators);
            if rng.chance(0.8) {
                text(out, "publisher", organisation(rng));
            }
            let r = rng.unit();
            if r < 0.92 {
                text(
                    out,
                    "url",
                    format!("https://example.org/library/{}", e.slug),
                );
            }
            if r > 0.88 {
                let path = format!("/documents/{}.pdf", e.slug);
                text(out, "file", &path);
                file = Some(path);
            }
            if rng.chance(0.6) {
                text(out, "license", rng.word(LICENSES));
            }
            text(
                out,
                "access",
                rng.word(&["open", "open", "open", "registration", "paid"]),
            );
            list(
                out,
                "countries",
                &tax.pick("countries", rng.range(0, 3), rng),
            );
            list(out, "levels", &tax.pick("levels", rng.range(0, 2), rng));
            list(
                out,
                "audiences",
                &tax.pick("audiences", rng.range(0, 2), rng),
            );
            list(
                out,
                "recommended_by",
                &plan.slugs(EXPERTS, rng.range(0, 2) as usize, rng),
            );
        }
        CASE_STUDIES => {
            text(out, "organisation", organisation(rng));
            list(
                out,
                "countries",
                &tax.pick("countries", rng.range(1, 2), rng),
            );
            list(out, "levels", &tax.pick("levels", rng.range(1, 2), rng));
            let status = rng.word(&["ongoing", "ongoing", "completed", "discontinued"]);
            let start = e.date.year() - rng.range(0, 4);
            match status {
                "ongoing" => raw(out, "period", format_args!("{{ start = {start} }}")),
                _ => raw(
                    out,
                    "period",
                    format_args!("{{ start = {start}, end = {} }}", e.date.year()),
                ),
            }
            text(out, "status", status);
            text(
                out,
                "scale",
                rng.word(&["classroom", "school", "district", "national", "regional"]),
            );
            text(
                out,
                "evidence",
                rng.word(&["anecdotal", "monitoring", "evaluation", "research"]),
            );
            list(
                out,
                "contacts",
                &plan.slugs(EXPERTS, rng.range(0, 2) as usize, rng),
            );
            list(
                out,
                "sources",
                &plan.slugs(LIBRARY, rng.range(0, 3) as usize, rng),
            );
            if rng.chance(0.05) {
                raw(out, "featured", true);
            }
        }
        DISCUSSIONS => {
            text(
                out,
                "kind",
                rng.word(&["ediscussion", "ediscussion", "e-consultation"]),
            );
            let start = e.date.plus(-rng.range(30, 60));
            raw(out, "start", start);
            raw(out, "end", start.plus(rng.range(10, 28)));
            list(
                out,
                "moderators",
                &plan.slugs(EXPERTS, rng.range(1, 2) as usize, rng),
            );
            raw(out, "participants", rng.range(8, 400));
            list(
                out,
                "contributor_countries",
                &tax.pick("countries", rng.range(2, 6), rng),
            );
            list(out, "levels", &tax.pick("levels", rng.range(0, 2), rng));
            text(
                out,
                "status",
                rng.word(&["summarised", "summarised", "closed", "open"]),
            );
            if let Some(r) = plan.pick(LIBRARY, rng).filter(|_| rng.chance(0.5)) {
                text(out, "summary_report", &r.slug);
            }
            let recs: Vec<String> = (0..rng.range(2, 4)).map(|_| summary(rng)).collect();
            list(out, "recommendations", &recs);
        }
        REPLIES => replies(out, e, plan, tax, rng),
        _ => events(out, e, plan, tax, rng),
    }
    out.push_str("+++\n\n");
    file
}

fn experts(out: &mut String, e: &Entry, tax: &Tax, rng: &mut Rng) {
    text(out, "name", &e.title);
    text(out, "job_title", rng.word(JOB_TITLES));
    text(out, "organisation", organisation(rng));
    text(out, "country", tax.one("countries", rng));
    list(
        out,
        "languages",
        &tax.pick("languages", rng.range(1, 2), rng),
    );
    list(out, "expertise", &tax.pick("topics", rng.range(1, 3), rng));
    list(
        out,
        "countries",
        &tax.pick("countries", rng.range(0, 3), rng),
    );
    let contact = *rng.pick(&[
        "via-facilitator",
        "via-facilitator",
        "via-facilitator",
        "email",
        "form",
    ]);
    text(out, "contact", contact);
    if contact == "email" {
        text(out, "email", format!("{}@example.org", e.slug));
    }
    if rng.chance(0.3) {
        text(
            out,
            "website",
            format!("https://example.org/people/{}", e.slug),
        );
    }
    if rng.chance(0.2) {
        text(out, "orcid", orcid(rng));
    }
    raw(out, "consent_date", e.date.plus(-rng.range(0, 90)));
}

fn replies(out: &mut String, e: &Entry, plan: &Plan, tax: &Tax, rng: &mut Rng) {
    text(
        out,
        "number",
        format!("CR-{}-{:03}", e.date.year(), e.number),
    );
    let mut query = String::new();
    sentence(rng, &mut query);
    query.pop();
    query.push_str(". Does anyone have experience with this?");
    let asker = match rng.chance(0.3) {
        true => "anonymous = true".to_string(),
        false => format!(
            "asker_name = {}, asker_organisation = {}, asker_country = {}",
            q(&name(rng)),
            q(&organisation(rng)),
            q(&tax.one("countries", rng))
        ),
    };
    let asked = e.date.plus(-rng.range(20, 60));
    raw(
        out,
        "query",
        format_args!("{{ text = {}, {asker}, date = {asked} }}", q(&query)),
    );
    text(
        out,
        "query_type",
        rng.word(&["experiences", "advice", "referrals", "comparative"]),
    );
    list(
        out,
        "compiled_by",
        &plan.slugs(EXPERTS, rng.range(1, 2) as usize, rng),
    );
    raw(out, "issue_date", e.date);
    let mut respondents: Vec<String> = Vec::new();
    for _ in 0..rng.range(2, 6) {
        match plan.pick(EXPERTS, rng).filter(|_| rng.chance(0.5)) {
            Some(x) => respondents.push(format!("{{ expert = {} }}", q(&x.slug))),
            None => respondents.push(format!(
                "{{ name = {}, organisation = {}, country = {} }}",
                q(&name(rng)),
                q(&organisation(rng)),
                q(&tax.one("countries", rng))
            )),
        }
    }
    raw(
        out,
        "respondents",
        format_args!("[{}]", respondents.join(", ")),
    );
    list(
        out,
        "countries",
        &tax.pick("countries", rng.range(0, 4), rng),
    );
    list(out, "levels", &tax.pick("levels", rng.range(0, 2), rng));
    list(
        out,
        "cites",
        &plan.slugs(LIBRARY, rng.range(0, 4) as usize, rng),
    );
    let related = plan.qualified(
        &[REPLIES, DISCUSSIONS, CASE_STUDIES],
        rng.range(0, 3) as usize,
        rng,
    );
    list(out, "related", &related);
}

fn events(out: &mut String, e: &Entry, plan: &Plan, tax: &Tax, rng: &mut Rng) {
    let kind = *rng.pick(&[
        "webinar",
        "webinar",
        "workshop",
        "conference",
        "meeting",
        "training",
    ]);
    text(out, "event_type", kind);
    let (zone, offset) = *rng.pick(ZONES);
    let day = e.date.plus(rng.range(14, 90));
    let (hour, minute) = (rng.range(8, 16), *rng.pick(&[0, 0, 30]));
    raw(out, "start", datetime(day, hour, minute, offset));
    match kind {
        "conference" => raw(
            out,
            "end",
            datetime(day.plus(rng.range(1, 3)), 17, 0, offset),
        ),
        _ => raw(
            out,
            "end",
            datetime(day, hour + rng.range(1, 3), minute, offset),
        ),
    }
    text(out, "timezone", zone);
    let attendance = rng.word(&["online", "online", "in-person", "mixed"]);
    text(out, "attendance", attendance);
    if attendance != "online" {
        let (city, venue, country) = *rng.pick(CITIES);
        let country = tax.or_any("countries", country, rng);
        let location = format!(
            "{{ venue = {}, city = {}, country = {} }}",
            q(venue),
            q(city),
            q(&country)
        );
        raw(out, "location", location);
    }
    if attendance != "in-person" {
        text(
            out,
            "online_url",
            format!("https://meet.example.org/{}", e.slug),
        );
    }
    if rng.chance(0.5) {
        text(
            out,
            "registration_url",
            format!("https://example.org/register/{}", e.slug),
        );
    }
    text(out, "organiser", rng.word(ORGANISATIONS));
    list(
        out,
        "speakers",
        &plan.slugs(EXPERTS, rng.range(1, 4) as usize, rng),
    );
    let status = [
        "scheduled",
        "scheduled",
        "scheduled",
        "postponed",
        "cancelled",
        "moved-online",
    ];
    text(out, "event_status", rng.word(&status));
    let outputs = plan.qualified(
        &[LIBRARY, REPLIES, DISCUSSIONS],
        rng.range(0, 2) as usize,
        rng,
    );
    list(out, "outputs", &outputs);
}
