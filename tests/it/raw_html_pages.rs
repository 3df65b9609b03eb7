//! Raw HTML in built pages: its ids never duplicate the theme's, and the
//! anchors and `@/` links of sanitized bodies are checked as any others.

use crate::support::site::TestSite;

#[test]
fn a_raw_id_never_duplicates_an_id_of_the_theme() {
    let site = TestSite::fixture("valid-basic").with_hub_theme();
    site.write(
        "content/notes/raw-ids.md",
        "+++\ntitle = \"Raw ids\"\nsummary = \"Ids in raw HTML.\"\ndate = 2025-01-01\nstatus = \"open\"\n+++\n\n\
         <div id=\"main\" style=\"position:fixed;top:0\">overlay</div>\n\n\
         <span id=\"toc-heading\">x</span>\n\n## Main\n\nText.\n",
    );
    site.build_ok();
    let page = site.page("notes/raw-ids/index.html");
    for id in ["main", "toc-heading"] {
        let count = page.matches(&format!("id=\"{id}\"")).count();
        assert!(count <= 1, "{id} appears {count} times");
    }
    assert!(page.contains("id=\"user-content-main\""), "{page}");
    assert!(!page.contains("position:fixed"), "{page}");
    // A heading never takes an id of the page around it either.
    assert!(page.contains("<h2 id=\"main-1\">Main</h2>"), "{page}");
}

#[test]
fn anchors_of_sanitized_bodies_are_checked_as_usual() {
    let site = TestSite::fixture("valid-basic");
    site.write(
        "content/notes/with-html.md",
        "+++\ntitle = \"With HTML\"\nsummary = \"Raw HTML and headings.\"\ndate = 2025-01-01\nstatus = \"open\"\n+++\n\n\
         <div id=\"raw\">r</div>\n\n## Findings\n\nText.\n",
    );
    site.write(
        "content/notes/linking.md",
        "+++\ntitle = \"Linking\"\nsummary = \"Links to anchors.\"\ndate = 2025-01-01\nstatus = \"open\"\n+++\n\n\
         [ok](@/notes/with-html.md#findings)\n\n[raw ids are not headings](@/notes/with-html.md#raw)\n\n\
         <p><a href=\"@/notes/with-html.md#findings\">ok in HTML</a> <a href=\"@/notes/nowhere.md\">gone</a></p>\n",
    );
    let problems = site.build_err();
    let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "broken anchor: `content/notes/with-html.md` has no heading `#raw`",
            "broken link: no entry `nowhere` in `notes`"
        ]
    );
    site.write(
        "content/notes/linking.md",
        "+++\ntitle = \"Linking\"\nsummary = \"Links to anchors.\"\ndate = 2025-01-01\nstatus = \"open\"\n+++\n\n\
         [ok](@/notes/with-html.md#findings)\n",
    );
    site.build_ok();
    assert!(
        site.page("notes/linking/index.html")
            .contains("/notes/with-html/#findings")
    );
    assert!(
        site.page("notes/with-html/index.html")
            .contains("id=\"findings\"")
    );
}
