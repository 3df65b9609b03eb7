//! The expert directory (themes/hub/static/directory.js) in headless
//! Chromium, driven by tests/browser/directory.mjs: with JavaScript, the
//! expertise filter narrows the cards and says how many are shown; without
//! it, every expert and the server-rendered facet links are there.

use crate::support;
use crate::support::browser::{one_browser, run, serve};
use crate::support::report::Report;

/// The expert directory filters by expertise with JavaScript, and
/// offers server-rendered facet links without it.
#[test]
fn expert_directory_filter() {
    let _one = one_browser();
    let served = serve(&support::repo());
    let report = run("directory.mjs", &served, &["/experts/".to_string()], 3);
    let experts = support::files::entries("experts").len();
    let js = report.key("js");
    assert!(js.strings("consoleErrors").is_empty(), "{js}");
    assert_eq!(js.strings("all").len(), experts, "all experts listed: {js}");
    assert!(
        js.key("control").is_object(),
        "no filter control (<select>) on /experts/: is themes/hub/static/directory.js in place?"
    );
    let trials = js.list("trials");
    let chosen = trials.last().expect("the control has values to choose");
    let visible = chosen.strings("visible");
    assert!(
        !visible.is_empty() && visible.len() < experts,
        "choosing an expertise shows fewer (but some) experts: {trials:#?}"
    );
    let live = chosen.key("live").as_str().unwrap_or_default();
    let numbers: Vec<usize> = live
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(
        numbers.contains(&visible.len()),
        "the live region says how many are shown ({}): {live:?}",
        visible.len()
    );
    // The same experts as the server-rendered filter page for that value.
    let value = chosen.text("value");
    let facet = served
        .site
        .join(format!("experts/expertise/{value}/index.html"));
    let html = std::fs::read_to_string(&facet)
        .unwrap_or_else(|e| panic!("no filter page {}: {e}", facet.display()));
    let on_facet_page = expert_links(&html, &served.server.origin());
    assert_eq!(
        visible, on_facet_page,
        "the script shows the experts of /experts/expertise/{value}/"
    );
    // `reset` is null when the control has no empty choice to go back to.
    let reset = js.key("reset");
    if !reset.is_null() {
        assert_eq!(reset.strings("visible").len(), experts, "back to all");
    }

    let no_js = report.key("noJs");
    assert_eq!(no_js.strings("visible").len(), experts, "no JS: all shown");
    let facets = no_js.strings("facetLinks");
    for field in ["expertise", "country", "languages"] {
        assert!(
            facets
                .iter()
                .any(|f| f.starts_with(&format!("/experts/{field}/"))),
            "no JS: no facet link for {field} on /experts/: {facets:?}"
        );
    }
    for f in &facets {
        let file = served
            .site
            .join(f.trim_start_matches('/'))
            .join("index.html");
        assert!(file.is_file(), "facet link {f} leads nowhere");
    }
}

/// The distinct `/experts/<slug>/` links inside `<main>` of a page.
fn expert_links(html: &str, origin: &str) -> Vec<String> {
    let main = html.split("<main").nth(1).unwrap_or_default();
    let main = main.split("</main>").next().unwrap_or_default();
    let mut found: Vec<String> = main
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.strip_prefix(origin).unwrap_or(href).to_string())
        .filter(|href| {
            href.strip_prefix("/experts/")
                .and_then(|r| r.strip_suffix('/'))
                .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
        })
        .collect();
    found.sort();
    found.dedup();
    found
}
