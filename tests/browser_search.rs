//! The search page (themes/hub/templates/search.html with
//! static/search/search-page.js and the static index client
//! static/search/client.js) and the header's search box, in headless
//! Chromium, driven by tests/browser/search.mjs against the sample hub:
//! typing a query shows its known first result and says how many in the
//! live region; ticking a filter (with the keyboard) narrows the results and
//! updates the counts; the address holds the query and filters, and loading
//! it shows the same results; a query past the limits says what to change;
//! "Show more" pages on; the header's box leads
//! to the results; without JavaScript the header links to /search/ and the
//! page says what to do instead. No request to another host, no console
//! error, no axe-core violation with results shown.

mod support;

use serde_json::Value;
use support::browser::{one_browser, run, serve, strings};

/// A word of one entry's title; that entry is its first result (as
/// `calabash search whatsapp` ranks it too).
const QUERY: &str = "whatsapp";
const FIRST: &str = "/practice/whatsapp-parents/";
/// A word in most entries, for more than one page of results.
const BROAD: &str = "education";

fn hrefs(snapshot: &Value) -> Vec<String> {
    snapshot["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| h["href"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The numbers the live region says.
fn numbers(snapshot: &Value) -> Vec<usize> {
    snapshot["live"]
        .as_str()
        .unwrap_or_default()
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// The filter values of a snapshot (shown or folded away, as long as
/// their group is there): `(group, value) -> (count, checked)`.
fn filters(snapshot: &Value) -> std::collections::BTreeMap<(String, String), (u64, bool)> {
    snapshot["filters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                (
                    f["group"].as_str().unwrap_or_default().to_string(),
                    f["value"].as_str().unwrap_or_default().to_string(),
                ),
                (
                    f["count"].as_u64().unwrap_or(u64::MAX),
                    f["checked"] == true,
                ),
            )
        })
        .collect()
}

fn axe_problems(report: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for scheme in ["light", "dark", "narrow"] {
        for v in report["axe"][scheme].as_array().into_iter().flatten() {
            problems.push(format!(
                "axe ({scheme}): {} ({} nodes): {}\n        {}",
                v["id"].as_str().unwrap_or("?"),
                v["count"],
                v["help"].as_str().unwrap_or(""),
                strings(&v["nodes"]).join("\n        ")
            ));
        }
    }
    problems
}

#[test]
fn search_page_finds_filters_and_pages() {
    let _one = one_browser();
    let served = serve(&support::repo());
    assert!(
        served.site.join("search/index.html").is_file(),
        "no /search/ page: is themes/hub/templates/search.html in place?"
    );
    assert!(
        served.site.join("search/index/manifest.json").is_file(),
        "no search index in the built site (search/index/manifest.json)"
    );
    let r = run(
        "search.mjs",
        &served,
        &[QUERY.to_string(), BROAD.to_string()],
        4,
    );

    // Typing: the known first result, the count in the live region, the
    // query in the address, the focus still in the box.
    let typed = &r["typed"];
    let found = hrefs(typed);
    assert_eq!(
        found.first().map(String::as_str),
        Some(FIRST),
        "typing {QUERY:?} puts {FIRST} first: {typed:#}\nconsole warnings: {:?}\nfailed requests: {:?}",
        strings(&r["warnings"]),
        strings(&r["failed"])
    );
    let live = typed["live"].as_str().unwrap_or_default();
    assert!(
        live.contains(QUERY) && numbers(typed).contains(&found.len()),
        "the live region says how many results ({}) for {QUERY:?}: {live:?}",
        found.len()
    );
    assert_eq!(typed["url"], format!("/search/?q={QUERY}"), "address");
    assert!(
        typed["focus"]
            .as_str()
            .is_some_and(|f| f.starts_with("input") && f.contains("[type=search]")),
        "typing keeps the focus in the search box: {}",
        typed["focus"]
    );
    let marked = typed["hits"][0]["marks"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        marked
            .iter()
            .any(|m| m.as_str().is_some_and(|m| m.eq_ignore_ascii_case(QUERY))),
        "the first result's snippet marks {QUERY:?}: {:#}",
        typed["hits"][0]
    );
    assert_eq!(
        r["facetFilesBeforeOpening"],
        serde_json::json!(["f0"]),
        "only the open group's (type's) data is fetched at first"
    );
    assert!(
        r["facetFilesAfterOpening"]
            .as_array()
            .is_some_and(|f| f.len() > 1),
        "opening the other groups fetches theirs: {}",
        r["facetFilesAfterOpening"]
    );
    let before = filters(typed);
    let shown: Vec<&Value> = typed["filters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["visible"] == true && f["count"].as_u64().is_some_and(|n| n > 0))
        .collect();
    assert!(
        shown.iter().any(|f| f["group"] == "collection")
            && shown.iter().any(|f| f["group"] != "collection"),
        "filters by type and by at least one taxonomy, with counts: {:#}",
        typed["filters"]
    );

    // Ticking a type (with the space bar) narrows the results and updates the counts.
    let picked = &r["picked"];
    let value = picked["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no type filter that narrows {QUERY:?}: {before:?}"));
    let label = picked["label"].as_str().unwrap_or_default();
    let count = picked["count"].as_u64().unwrap() as usize;
    let filtered = &r["filtered"];
    let narrowed = hrefs(filtered);
    assert!(
        !narrowed.is_empty() && narrowed.len() < found.len(),
        "ticking {label} narrows {} results to fewer (but some): {filtered:#}",
        found.len()
    );
    assert_eq!(
        narrowed.len(),
        count,
        "{label} said ({count}) before it was ticked"
    );
    assert!(
        numbers(filtered).contains(&count),
        "the live region says {count}: {}",
        filtered["live"]
    );
    for hit in filtered["hits"].as_array().unwrap() {
        assert!(
            hit["meta"].as_str().unwrap_or_default().contains(label),
            "a result outside {label}: {hit}"
        );
    }
    assert_eq!(
        filtered["url"],
        format!("/search/?q={QUERY}&collection={value}"),
        "the address holds the filter"
    );
    assert!(
        filtered["focus"].as_str().is_some_and(
            |f| f.contains("[type=checkbox]") && f.contains(&format!("[value={value}]"))
        ),
        "the ticked box keeps the focus: {}",
        filtered["focus"]
    );
    let after = filters(filtered);
    let key = ("collection".to_string(), value.to_string());
    assert_eq!(after.get(&key), Some(&(count as u64, true)), "{after:?}");
    // Other groups now count only the results of that type.
    let others =
        |m: &std::collections::BTreeMap<(String, String), (u64, bool)>| -> Vec<(String, u64)> {
            m.iter()
                // Values of a closed group show no count (u64::MAX here):
                // their counts are only fetched when the group is opened.
                .filter(|((g, _), (n, _))| g != "collection" && *n != u64::MAX)
                .map(|((g, v), (n, _))| (format!("{g}={v}"), *n))
                .collect()
        };
    assert_ne!(others(&before), others(&after), "the counts change");
    for (name, n) in others(&after) {
        let was = others(&before)
            .into_iter()
            .find(|(b, _)| *b == name)
            .map_or(0, |(_, n)| n);
        assert!(
            n <= was && n as usize <= count,
            "{name}: {n} after ticking {label} (was {was}, {count} results)"
        );
    }

    // The addresses, loaded directly, show the same.
    let direct = &r["direct"];
    assert_eq!(
        hrefs(direct),
        found,
        "/search/?q={QUERY} shows the typed results: {direct:#}"
    );
    assert_eq!(direct["input"], QUERY, "the box holds the query");
    let direct_filtered = &r["directFiltered"];
    assert_eq!(hrefs(direct_filtered), narrowed, "{direct_filtered:#}");
    // Past the query limits (those of `calabash search`): what to change,
    // and no results.
    for (state, says) in [
        (
            "tooMany",
            "The query has 17 different words, and search takes at most 16: leave some out.",
        ),
        (
            "tooLong",
            "The query is longer than 500 characters: shorten it to a few words.",
        ),
    ] {
        let shown = &r[state];
        assert_eq!(shown["live"], says, "{shown:#}");
        assert!(hrefs(shown).is_empty(), "{shown:#}");
    }
    assert_eq!(
        filters(direct_filtered).get(&key),
        Some(&(count as u64, true)),
        "/search/?q={QUERY}&collection={value} ticks {label}"
    );

    // "Show more" adds the next results and takes the focus to them.
    let broad = &r["broad"];
    let first_page = hrefs(broad);
    let total = numbers(broad).into_iter().max().unwrap_or(0);
    assert!(
        total > first_page.len() && broad["more"] == true,
        "{BROAD:?} has more results ({total}) than one page ({}), with a \"Show more\" button: {}",
        first_page.len(),
        broad["live"]
    );
    let more = hrefs(&r["more"]);
    assert!(more.len() > first_page.len(), "Show more adds results");
    assert_eq!(
        &more[..first_page.len()],
        &first_page[..],
        "after the first page"
    );
    let mut distinct = more.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), more.len(), "no result twice: {more:?}");
    assert!(
        r["more"]["focus"]
            .as_str()
            .is_some_and(|f| f.starts_with("a") && f.ends_with(" in ol")),
        "the focus goes to the first new result: {}",
        r["more"]["focus"]
    );

    // The header: a search form with JavaScript, a link without; none on /search/.
    let form = &r["homeHeader"]["form"];
    assert_eq!(
        form["shown"], true,
        "header search form: {:#}",
        r["homeHeader"]
    );
    assert_eq!(form["action"], "/search/");
    assert_eq!(form["method"], "get");
    assert_eq!(form["inputName"], "q");
    assert_eq!(form["labelled"], true, "the header's box has a label");
    assert_eq!(
        r["homeHeader"]["link"]["shown"], false,
        "no link beside the form"
    );
    assert_eq!(
        hrefs(&r["fromHeader"]).first().map(String::as_str),
        Some(FIRST),
        "searching from the header: {:#}",
        r["fromHeader"]
    );
    assert_eq!(r["fromHeader"]["url"], format!("/search/?q={QUERY}"));
    let plain = &r["noJsHeader"];
    assert_eq!(
        plain["link"]["shown"], true,
        "no JS: a Search link: {plain:#}"
    );
    assert_eq!(plain["link"]["href"], "/search/");
    assert_eq!(
        plain["form"]["shown"], false,
        "no JS: no form in the header"
    );
    assert!(
        r["searchPageHeader"]["form"].is_null(),
        "/search/ has its own box, not the header's: {}",
        r["searchPageHeader"]
    );

    // Without JavaScript the page says so and links to the browsing pages.
    let text = r["noJsSearch"]["text"].as_str().unwrap_or_default();
    assert!(text.contains("JavaScript"), "no JS: {text:?}");
    let links = strings(&r["noJsSearch"]["links"]);
    for list in ["/replies/", "/library/", "/topics/", "/countries/"] {
        assert!(
            links.iter().any(|l| l == list),
            "no JS: /search/ links to {list}: {links:?}"
        );
    }

    // Accessible, no sideways scrolling, nothing from elsewhere, no errors.
    let mut problems = axe_problems(&r);
    let width = r["narrow"]["scrollWidth"].as_u64().unwrap_or(u64::MAX);
    if width > 320 {
        problems.push(format!(
            "scrolls sideways at 320 px ({width}): {:?}",
            strings(&r["narrow"]["overflowing"])
        ));
    }
    for e in strings(&r["consoleErrors"]) {
        problems.push(format!("console error: {e}"));
    }
    for e in strings(&r["failed"]) {
        problems.push(format!("failed request: {e}"));
    }
    for e in strings(&r["foreign"]) {
        problems.push(format!("request to another host: {e}"));
    }
    let origin = served.server.origin();
    for req in strings(&r["requests"]) {
        if !req.starts_with(&format!("{origin}/")) && !req.starts_with("data:") {
            problems.push(format!("request to another host: {req}"));
        }
    }
    assert!(
        strings(&r["indexRequests"])
            .iter()
            .any(|u| u == "/search/index/manifest.json"),
        "the page loads the index: {:?}",
        r["indexRequests"]
    );
    assert!(
        problems.is_empty(),
        "{} problem(s) on /search/:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// The same search page, served by `calabash serve` (which adds its live
/// reload script and rebuilds the index itself): the same first result, and
/// nothing failing or fetched from elsewhere.
#[test]
fn search_works_the_same_in_the_preview_server() {
    let _one = one_browser();
    support::require_chromium();
    let preview = support::serve::Serve::sample_hub();
    let args = [
        format!("http://{}", preview.address),
        preview.path(".calabash/serve").display().to_string(),
        support::browser::screenshots()
            .join("serve")
            .display()
            .to_string(),
        QUERY.to_string(),
        BROAD.to_string(),
    ];
    let r = support::run_node(
        "tests/browser/search.mjs",
        &args,
        std::time::Duration::from_secs(240),
    )
    .json();
    assert_eq!(
        hrefs(&r["typed"]).first().map(String::as_str),
        Some(FIRST),
        "typing {QUERY:?} in the preview puts {FIRST} first: {:#}",
        r["typed"]
    );
    for what in ["consoleErrors", "failed", "foreign"] {
        assert!(
            strings(&r[what]).is_empty(),
            "{what} in the preview: {:?}",
            strings(&r[what])
        );
    }
}
