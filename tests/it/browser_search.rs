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

use serde_json::Value;

use crate::support;
use crate::support::browser::{axe_problems, one_browser, run, serve};
use crate::support::report::Report;

/// A word of one entry's title; that entry is its first result (as
/// `calabash search whatsapp` ranks it too).
const QUERY: &str = "whatsapp";
const FIRST: &str = "/practice/whatsapp-parents/";
/// A word in most entries, for more than one page of results.
const BROAD: &str = "education";

fn hrefs(snapshot: &Value) -> Vec<String> {
    snapshot
        .list("hits")
        .iter()
        .map(|h| h.key("href").as_str().unwrap_or_default().to_string())
        .collect()
}

/// The numbers the live region says.
fn numbers(snapshot: &Value) -> Vec<usize> {
    snapshot
        .key("live")
        .as_str()
        .unwrap_or_default()
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// The filter values of a snapshot (shown or folded away, as long as
/// their group is there): `(group, value) -> (count, checked)`.
fn filters(snapshot: &Value) -> std::collections::BTreeMap<(String, String), (u64, bool)> {
    snapshot
        .list("filters")
        .iter()
        .map(|f| {
            (
                (f.text("group").to_string(), f.text("value").to_string()),
                (
                    f.key("count").as_u64().unwrap_or(u64::MAX),
                    f.flag("checked"),
                ),
            )
        })
        .collect()
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
    let typed = r.key("typed");
    let found = hrefs(typed);
    assert_eq!(
        found.first().map(String::as_str),
        Some(FIRST),
        "typing {QUERY:?} puts {FIRST} first: {typed:#}\nconsole warnings: {:?}\nfailed requests: {:?}",
        r.strings("warnings"),
        r.strings("failed")
    );
    let live = typed.key("live").as_str().unwrap_or_default();
    assert!(
        live.contains(QUERY) && numbers(typed).contains(&found.len()),
        "the live region says how many results ({}) for {QUERY:?}: {live:?}",
        found.len()
    );
    assert_eq!(typed.text("url"), format!("/search/?q={QUERY}"), "address");
    assert!(
        typed
            .key("focus")
            .as_str()
            .is_some_and(|f| f.starts_with("input") && f.contains("[type=search]")),
        "typing keeps the focus in the search box: {}",
        typed.key("focus")
    );
    let marked = typed.list("hits")[0].list("marks");
    assert!(
        marked
            .iter()
            .any(|m| m.as_str().is_some_and(|m| m.eq_ignore_ascii_case(QUERY))),
        "the first result's snippet marks {QUERY:?}: {:#}",
        typed.list("hits")[0]
    );
    // The sample hub has entries in three languages: searching needs each
    // entry's language (the `lang` group, f1) too.
    assert_eq!(
        r.strings("facetFilesBeforeOpening"),
        ["f1", "f0"],
        "only the open groups' (type's and language's) data is fetched at first"
    );
    assert!(
        r.list("facetFilesAfterOpening").len() > 1,
        "opening the other groups fetches theirs: {}",
        r.key("facetFilesAfterOpening")
    );
    let before = filters(typed);
    let shown: Vec<&Value> = typed
        .list("filters")
        .iter()
        .filter(|f| f.flag("visible") && f.key("count").as_u64().is_some_and(|n| n > 0))
        .collect();
    assert!(
        shown.iter().any(|f| f.text("group") == "collection")
            && shown.iter().any(|f| f.text("group") != "collection"),
        "filters by type and by at least one taxonomy, with counts: {:#}",
        typed.key("filters")
    );

    // Ticking a type (with the space bar) narrows the results and updates the counts.
    let picked = r.key("picked");
    assert!(
        !picked.is_null(),
        "no type filter that narrows {QUERY:?}: {before:?}"
    );
    let value = picked.text("value");
    let label = picked.text("label");
    let count = picked.number("count") as usize;
    let filtered = r.key("filtered");
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
        filtered.key("live")
    );
    for hit in filtered.list("hits") {
        assert!(
            hit.key("meta").as_str().unwrap_or_default().contains(label),
            "a result outside {label}: {hit}"
        );
    }
    assert_eq!(
        filtered.text("url"),
        format!("/search/?q={QUERY}&collection={value}"),
        "the address holds the filter"
    );
    assert!(
        filtered.key("focus").as_str().is_some_and(
            |f| f.contains("[type=checkbox]") && f.contains(&format!("[value={value}]"))
        ),
        "the ticked box keeps the focus: {}",
        filtered.key("focus")
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
    let direct = r.key("direct");
    assert_eq!(
        hrefs(direct),
        found,
        "/search/?q={QUERY} shows the typed results: {direct:#}"
    );
    assert_eq!(direct.text("input"), QUERY, "the box holds the query");
    let direct_filtered = r.key("directFiltered");
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
        let shown = r.key(state);
        assert_eq!(shown.text("live"), says, "{shown:#}");
        assert!(hrefs(shown).is_empty(), "{shown:#}");
    }
    assert_eq!(
        filters(direct_filtered).get(&key),
        Some(&(count as u64, true)),
        "/search/?q={QUERY}&collection={value} ticks {label}"
    );

    // "Show more" adds the next results and takes the focus to them.
    let broad = r.key("broad");
    let first_page = hrefs(broad);
    let total = numbers(broad).into_iter().max().unwrap_or(0);
    assert!(
        total > first_page.len() && broad.flag("more"),
        "{BROAD:?} has more results ({total}) than one page ({}), with a \"Show more\" button: {}",
        first_page.len(),
        broad.key("live")
    );
    let more = hrefs(r.key("more"));
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
        r.key("more")
            .key("focus")
            .as_str()
            .is_some_and(|f| f.starts_with("a") && f.ends_with(" in ol")),
        "the focus goes to the first new result: {}",
        r.key("more").key("focus")
    );

    // The header: a search form with JavaScript, a link without; none on /search/.
    let form = r.key("homeHeader").key("form");
    assert!(
        form.flag("shown"),
        "header search form: {:#}",
        r.key("homeHeader")
    );
    assert_eq!(form.text("action"), "/search/");
    assert_eq!(form.text("method"), "get");
    assert_eq!(form.text("inputName"), "q");
    assert!(form.flag("labelled"), "the header's box has a label");
    assert!(
        !r.key("homeHeader").key("link").flag("shown"),
        "no link beside the form"
    );
    assert_eq!(
        hrefs(r.key("fromHeader")).first().map(String::as_str),
        Some(FIRST),
        "searching from the header: {:#}",
        r.key("fromHeader")
    );
    assert_eq!(
        r.key("fromHeader").text("url"),
        format!("/search/?q={QUERY}")
    );
    let plain = r.key("noJsHeader");
    assert!(
        plain.key("link").flag("shown"),
        "no JS: a Search link: {plain:#}"
    );
    assert_eq!(plain.key("link").text("href"), "/search/");
    assert!(
        !plain.key("form").flag("shown"),
        "no JS: no form in the header"
    );
    assert!(
        r.key("searchPageHeader").key("form").is_null(),
        "/search/ has its own box, not the header's: {}",
        r.key("searchPageHeader")
    );

    // Without JavaScript the page says so and links to the browsing pages.
    let text = r.key("noJsSearch").text("text");
    assert!(text.contains("JavaScript"), "no JS: {text:?}");
    let links = r.key("noJsSearch").strings("links");
    for list in ["/replies/", "/library/", "/topics/", "/countries/"] {
        assert!(
            links.iter().any(|l| l == list),
            "no JS: /search/ links to {list}: {links:?}"
        );
    }

    // Accessible, no sideways scrolling, nothing from elsewhere, no errors.
    let mut problems = axe_problems(&r);
    let width = r.key("narrow").number("scrollWidth");
    if width > 320 {
        problems.push(format!(
            "scrolls sideways at 320 px ({width}): {:?}",
            r.key("narrow").strings("overflowing")
        ));
    }
    for e in r.strings("consoleErrors") {
        problems.push(format!("console error: {e}"));
    }
    for e in r.strings("failed") {
        problems.push(format!("failed request: {e}"));
    }
    for e in r.strings("foreign") {
        problems.push(format!("request to another host: {e}"));
    }
    let origin = served.server.origin();
    for req in r.strings("requests") {
        if !req.starts_with(&format!("{origin}/")) && !req.starts_with("data:") {
            problems.push(format!("request to another host: {req}"));
        }
    }
    assert!(
        r.strings("indexRequests")
            .iter()
            .any(|u| u == "/search/index/manifest.json"),
        "the page loads the index: {:?}",
        r.key("indexRequests")
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
    support::node::require_chromium();
    let preview = support::serve::Serve::sample_hub();
    preview.wait_for_index();
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
    let r = support::node::run_node(
        "tests/browser/search.mjs",
        &args,
        std::time::Duration::from_secs(240),
    )
    .json();
    assert_eq!(
        hrefs(r.key("typed")).first().map(String::as_str),
        Some(FIRST),
        "typing {QUERY:?} in the preview puts {FIRST} first: {:#}",
        r.key("typed")
    );
    for what in ["consoleErrors", "failed", "foreign"] {
        assert!(
            r.strings(what).is_empty(),
            "{what} in the preview: {:?}",
            r.strings(what)
        );
    }
}
