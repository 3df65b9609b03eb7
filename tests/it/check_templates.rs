//! `calabash check` renders every page of a hub's own templates (and of the
//! built-in templates that use one of them), so a template that fails on
//! one entry's data alone is reported with its file, whichever entry it is;
//! pages of built-in templates only are rendered one of each kind.

use std::process::Output;

use crate::support::cli::{check, stdout};
use crate::support::site::TestSite;

/// The built-in theme's file at `path` (`templates/entry.html`).
fn built_in(path: &str) -> String {
    let bytes = calabash::theme::builtin_theme::file(path).expect("a built-in file");
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Whether `out` is a failed check reporting an error in `file`.
fn reports(out: &Output, file: &str) -> bool {
    out.status.code() == Some(1) && stdout(out).contains(&format!("{file}:"))
}

const NOTES: [&str; 5] = [
    "First note",
    "Second note",
    "Third note",
    "Fourth note",
    "Fifth note",
];

#[test]
fn a_hub_template_failing_on_one_entry_alone_is_reported_whichever_entry_it_is() {
    let site = TestSite::fixture("one-language");
    assert_eq!(check(&site.root, &[]).status.code(), Some(0));
    let entry = built_in("templates/entry.html");
    let anchor = "{%- set f = entry.fields %}";
    assert!(
        entry.contains(anchor),
        "the built-in entry template changed"
    );
    for title in NOTES {
        let failing = format!(
            "{anchor}{{% if entry.title == \"{title}\" %}}{{{{ entry.title | round }}}}{{% endif %}}"
        );
        site.write("templates/entry.html", &entry.replace(anchor, &failing));
        let out = check(&site.root, &[]);
        assert!(
            reports(&out, "templates/entry.html"),
            "{title}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn a_hub_component_that_built_in_templates_call_is_checked_on_every_page() {
    let site = TestSite::fixture("one-language");
    let links = built_in("templates/partials/links.html");
    let anchor = "{%- for x in list -%}";
    assert!(links.contains(anchor), "the built-in links partial changed");
    // Terms of one or two entries each.
    for term in ["JM", "TT", "literacy"] {
        let failing =
            format!("{anchor}{{% if x.id == \"{term}\" %}}{{{{ x.label | round }}}}{{% endif %}}");
        site.write(
            "templates/partials/links.html",
            &links.replacen(anchor, &failing, 1),
        );
        let out = check(&site.root, &[]);
        let file = "templates/partials/links.html";
        assert!(reports(&out, file), "{term}: {}", stdout(&out));
        assert!(site.build().is_err(), "{term}: the build fails on it too");
    }
}
