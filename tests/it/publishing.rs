//! Publishing beyond a collection's own pages: filter pages per field value,
//! calendar files for dated entries (and upcoming versus past), and
//! schema.org JSON-LD. Uses tests/fixtures/publishing (meetings in 2025 and
//! 2030, so "upcoming" holds until 2030).

use crate::support;
use crate::support::{
    html::links_with_class,
    site::{TestSite, headlines},
};

fn built() -> TestSite {
    let site = TestSite::fixture("publishing");
    site.build_ok();
    site
}

fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD block")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn each_filter_value_gets_a_page_listing_only_its_entries() {
    let site = built();
    let online = site.page("meetings/format/online/index.html");
    assert!(
        online.contains("data-name=\"format\" data-value=\"online\""),
        "{online}"
    );
    assert!(online.contains("Future webinar"));
    assert!(!online.contains("Past workshop") && !online.contains("Cancelled meeting"));
    // Term values use the term's URL segment; both meetings in TT are listed.
    let tt = site.page("meetings/countries/tt/index.html");
    assert!(tt.contains("Future webinar") && tt.contains("Cancelled meeting"));
    assert!(!tt.contains(">Past workshop<"));
    assert!(
        tt.contains("href=\"/hub/meetings/\">all</a>"),
        "clear link keeps the base path"
    );
}

#[test]
fn list_pages_link_every_facet_value_with_its_count() {
    let site = built();
    let list = site.page("meetings/index.html");
    for expected in [
        "href=\"/hub/meetings/format/online/\">Format=Online (1)",
        "href=\"/hub/meetings/format/in-person/\">Format=In person (2)",
        "href=\"/hub/meetings/countries/jm/\">Countries=Jamaica (2)",
        "href=\"/hub/meetings/countries/tt/\">Countries=Trinidad and Tobago (2)",
    ] {
        assert!(list.contains(expected), "missing {expected} in {list}");
    }
    let filtered = site.page("meetings/format/online/index.html");
    assert!(filtered.contains(
        "class=\"facet current\" data-facet=\"format\" href=\"/hub/meetings/format/online/\""
    ));
}

#[test]
fn a_calendar_list_shows_upcoming_apart_from_past_entries() {
    let site = built();
    let list = site.page("meetings/index.html");
    let upcoming: Vec<String> = links_with_class(&list, "upcoming")
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        upcoming,
        ["Cancelled meeting", "Future webinar"],
        "soonest first"
    );
    let listed = &list[list.find("<ul class=\"entries\">").unwrap()..];
    assert!(
        listed.contains("Past workshop") && !listed.contains("Future webinar"),
        "{listed}"
    );
    let future = site.page("meetings/future-webinar/index.html");
    assert!(
        future.contains("data-upcoming=\"true\" href=\"/hub/meetings/future-webinar/event.ics\"")
    );
    let past = site.page("meetings/past-workshop/index.html");
    assert!(past.contains("data-upcoming=\"false\""));
}

#[test]
fn calendar_files_are_valid_icalendar_in_utc() {
    let site = built();
    let ics = site.page("meetings/past-workshop/event.ics");
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{ics}"
    );
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.lines().all(|l| l.len() <= 75));
    // 09:00 at UTC-5 is 14:00 UTC.
    assert!(ics.contains("DTSTART:20250201T140000Z\r\n"), "{ics}");
    assert!(ics.contains("DTEND:20250201T170000Z\r\n"));
    assert!(ics.contains("SUMMARY:Past workshop\r\n"));
    assert!(ics.contains("Held in Kingston\\, with a comma\\; and a semicolon."));
    assert!(ics.contains("LOCATION:Kingston\\, Jamaica\r\n"));
    assert!(ics.contains("UID:meetings-past-workshop@example.org\r\n"));
    let all = site.page("meetings/calendar.ics");
    assert_eq!(all.matches("BEGIN:VEVENT").count(), 3);
    // Long lines are folded: a CRLF and a space continue a line.
    let all = all.replace("\r\n ", "");
    assert!(all.contains("SUMMARY:Cancelled meeting\r\nDESCRIPTION:Called off.\\n\\nhttps://example.org/hub/meetings/cancelled-meeting/\r\nURL:https://example.org/hub/meetings/cancelled-meeting/\r\nSTATUS:CANCELLED\r\n"), "{all}");
    assert!(
        !site.exists("people/calendar.ics"),
        "only calendar collections get one"
    );
}

#[test]
fn entry_pages_carry_json_ld_of_their_declared_type() {
    let site = built();
    let event = json_ld(&site.page("meetings/future-webinar/index.html"));
    assert_eq!(event["@context"], "https://schema.org");
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["startDate"], "2030-06-12T14:00:00-05:00");
    assert_eq!(
        event["eventAttendanceMode"],
        "https://schema.org/OnlineEventAttendanceMode"
    );
    assert_eq!(
        event["url"],
        "https://example.org/hub/meetings/future-webinar/"
    );
    let workshop = json_ld(&site.page("meetings/past-workshop/index.html"));
    assert_eq!(workshop["performer"][0]["@type"], "Person");
    assert_eq!(
        workshop["performer"][0]["url"],
        "https://example.org/hub/people/ann-lee/"
    );
    let person = json_ld(&site.page("people/ann-lee/index.html"));
    assert_eq!(person["@type"], "ProfilePage");
    assert_eq!(person["mainEntity"]["@type"], "Person");
    assert_eq!(person["mainEntity"]["name"], "Ann Lee");
    let home = json_ld(&site.page("index.html"));
    assert_eq!(home["@type"], "WebSite");
    let list = json_ld(&site.page("meetings/index.html"));
    assert_eq!(list["@type"], "CollectionPage");
}

#[test]
fn json_ld_cannot_break_out_of_its_script_element_nor_leak_emails() {
    let site = built();
    let html = site.page("people/ann-lee/index.html");
    let block = &html[html.find("application/ld+json").unwrap()..];
    let block = &block[..block.find("</script>").unwrap()];
    assert!(
        !block.contains("<script") && !block.contains("</"),
        "{block}"
    );
    assert_eq!(
        json_ld(&html)["mainEntity"]["description"],
        "Speaker </script><script>alert(1)</script>"
    );
    assert!(!html.contains("ann@example.org"));
    assert!(html.contains("og:type\" content=\"article\""));
}

#[test]
fn filters_must_name_term_or_enum_fields() {
    let site = TestSite::fixture("publishing");
    let config = site.read_source("site.toml").replace(
        "filters = [\"format\", \"countries\"]",
        "filters = [\"start\"]",
    );
    site.write("site.toml", &config);
    let problems = headlines(&site.build_err());
    assert_eq!(
        problems,
        [
            "site.toml:14:12: error: filters `start` of collection `meetings` must be a term or enum field"
        ]
    );
}

#[test]
fn source_date_epoch_sets_the_build_time_for_what_is_upcoming() {
    let site = TestSite::fixture("publishing");
    // 2031-01-01: every meeting of the fixture is in the past.
    let out = support::cli::command()
        .args(["build", "--root"])
        .arg(&site.root)
        .env("SOURCE_DATE_EPOCH", "1924992000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = site.page("meetings/index.html");
    assert!(links_with_class(&list, "upcoming").is_empty(), "{list}");
    assert!(
        site.page("meetings/future-webinar/index.html")
            .contains("data-upcoming=\"false\"")
    );
    assert!(
        site.page("meetings/calendar.ics")
            .contains("DTSTAMP:20310101T000000Z")
    );
}

#[test]
fn built_pages_count_html_pages_only_not_calendars_feeds_or_redirects() {
    let site = TestSite::fixture("publishing");
    let path = "content/people/ann-lee.md";
    let text = site
        .read_source(path)
        .replace("date = ", "aliases = [\"/old/ann/\"]\ndate = ");
    site.write(path, &text);
    let report = site.build_ok();
    let mut by_kind: std::collections::BTreeMap<&str, usize> = Default::default();
    for item in walkdir::WalkDir::new(site.output()) {
        let item = item.unwrap();
        let name = item.file_name().to_string_lossy().to_string();
        let kind = match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("html")
                if std::fs::read_to_string(item.path())
                    .unwrap()
                    .contains("http-equiv=\"refresh\"") =>
            {
                "redirect"
            }
            Some("html") => "page",
            Some("ics") => "calendar",
            Some("xml") => "feed or sitemap",
            Some("txt") => "robots",
            _ => continue,
        };
        *by_kind.entry(kind).or_default() += 1;
    }
    // Every kind of file that is not a page is there, to be left out.
    assert_eq!(by_kind["redirect"], 1, "{by_kind:?}");
    assert_eq!(by_kind["calendar"], 4, "three events and the collection's");
    assert!(by_kind["feed or sitemap"] >= 3, "{by_kind:?}");
    assert_eq!(by_kind["robots"], 1, "{by_kind:?}");
    assert_eq!(report.pages, by_kind["page"], "{by_kind:?}");
    let summary = report.summary();
    let expected = format!("Built {} pages from 2 collections in ", by_kind["page"]);
    assert!(summary.starts_with(&expected), "{summary}");
}
