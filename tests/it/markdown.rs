//! Markdown bodies through the library API: `calabash::markdown::render`
//! with a configuration parsed from a few lines of site.toml.

use calabash::config::{self, Config};
use calabash::markdown::{Rendered, TocItem, render};

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://example.org\"\n\
    [collections.library]\ntitle = \"Library\"\nurl = \"/resources/\"\n";

fn config_with(extra: &str) -> Config {
    config::parse(&format!("{CONFIG}{extra}"), None).expect("valid config")
}

fn md(body: &str) -> Rendered {
    render(body, 0, &config_with(""))
}

fn html(body: &str) -> String {
    md(body).html
}

#[test]
fn tables_with_alignment() {
    let out = html("| Country | Schools |\n|:--|--:|\n| Jamaica | 12 |\n");
    assert!(out.contains("<table>"), "{out}");
    assert!(
        out.contains("<th style=\"text-align: left\">Country</th>"),
        "{out}"
    );
    assert!(
        out.contains("<td style=\"text-align: right\">12</td>"),
        "{out}"
    );
}

#[test]
fn footnotes_link_to_their_definitions() {
    let out = md("A claim.[^src]\n\n[^src]: The source.\n");
    assert!(
        out.html
            .contains("<sup class=\"footnote-reference\"><a href=\"#src\">1</a></sup>"),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains("<div class=\"footnote-definition\" id=\"src\">"),
        "{}",
        out.html
    );
    assert!(
        out.anchors.contains("src"),
        "footnotes are link targets too"
    );
}

#[test]
fn strikethrough_and_task_lists() {
    let out = html("~~old~~ new\n\n- [x] done\n- [ ] to do\n");
    assert!(out.contains("<del>old</del> new"), "{out}");
    // Each checkbox has an accessible name (WCAG 4.1.2).
    assert!(
        out.contains(
            "<li><input type=\"checkbox\" disabled checked aria-label=\"Done\"> done</li>"
        ),
        "{out}"
    );
    assert!(
        out.contains("<li><input type=\"checkbox\" disabled aria-label=\"Not done\"> to do</li>"),
        "{out}"
    );
    // Sanitizing (when the body also has raw HTML) keeps the name.
    let mixed = html("<b>x</b>\n\n- [x] done\n");
    assert!(mixed.contains("aria-label=\"Done\""), "{mixed}");
}

#[test]
fn smart_punctuation_can_be_turned_off() {
    let text = "\"Quoted\" -- it's... --- done\n";
    let out = html(text);
    assert!(out.contains("“Quoted” – it’s… — done"), "{out}");
    let plain = render(
        text,
        0,
        &config_with("[markdown]\nsmart_punctuation = false\n"),
    )
    .html;
    assert!(plain.contains("\"Quoted\" -- it's... --- done"), "{plain}");
}

#[test]
fn heading_ids_are_stable_and_unique() {
    let out = md(
        "## Notes\n\ntext\n\n## Notes\n\n## Notes\n\n## Lessons learned!\n\n## Café & “Ünïcode”\n",
    );
    for expected in [
        "<h2 id=\"notes\">Notes</h2>",
        "<h2 id=\"notes-1\">Notes</h2>",
        "<h2 id=\"notes-2\">Notes</h2>",
        "<h2 id=\"lessons-learned\">Lessons learned!</h2>",
        "<h2 id=\"cafe-unicode\">",
    ] {
        assert!(out.html.contains(expected), "{expected} in {}", out.html);
    }
    // The same text always gives the same ids.
    assert_eq!(
        md("## Notes\n\n## Notes\n").html,
        md("## Notes\n\n## Notes\n").html
    );
    let mut anchors: Vec<&str> = out.anchors.iter().map(String::as_str).collect();
    anchors.sort();
    assert_eq!(
        anchors,
        [
            "cafe-unicode",
            "lessons-learned",
            "notes",
            "notes-1",
            "notes-2"
        ]
    );
}

#[test]
fn explicit_heading_ids() {
    let out = md("## Chapter two {#chapter-2}\n\n## Chapter two\n\n## Again {#chapter-2}\n");
    assert!(
        out.html.contains("<h2 id=\"chapter-2\">Chapter two</h2>"),
        "{}",
        out.html
    );
    assert!(out.html.contains("<h2 id=\"chapter-two\">Chapter two</h2>"));
    assert!(
        out.html.contains("<h2 id=\"chapter-2-1\">Again</h2>"),
        "explicit ids stay unique"
    );
}

#[test]
fn table_of_contents_nests_headings() {
    let toc =
        md("# Top\n\n## Sub A\n\n### Deep\n\n## Sub B\n\n# Second\n\n### Skipped a level\n").toc;
    let item = |level, id: &str, title: &str, children| TocItem {
        level,
        id: id.into(),
        title: title.into(),
        children,
    };
    assert_eq!(
        toc,
        vec![
            item(
                1,
                "top",
                "Top",
                vec![
                    item(2, "sub-a", "Sub A", vec![item(3, "deep", "Deep", vec![])]),
                    item(2, "sub-b", "Sub B", vec![]),
                ]
            ),
            item(
                1,
                "second",
                "Second",
                vec![item(3, "skipped-a-level", "Skipped a level", vec![])]
            ),
        ]
    );
}

#[test]
fn toc_titles_keep_inline_code_text() {
    let toc = md("## Using `calabash build` *well*\n").toc;
    assert_eq!(toc[0].title, "Using calabash build well");
    assert_eq!(toc[0].id, "using-calabash-build-well");
}

#[test]
fn code_is_highlighted_with_classes_not_inline_styles() {
    let out = html("```rust\nfn main() { let x = 1; }\n```\n");
    assert!(
        out.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"),
        "{out}"
    );
    assert!(
        out.contains("<span class=\"hl-storage hl-type hl-function hl-rust\">fn</span>"),
        "{out}"
    );
    assert!(!out.contains("style="), "{out}");
    // Unknown languages are escaped, not highlighted.
    let out = html("```nosuchlang\n<b>&</b>\n```\n");
    assert_eq!(
        out,
        "<pre class=\"code\"><code>&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>\n"
    );
}

#[test]
fn raw_html_is_sanitized() {
    let out = html(
        "<script>alert(1)</script>\n\nText <img src=\"x.png\" onerror=\"alert(1)\"> and \
         <a href=\"javascript:alert(2)\">raw</a> <span class=\"k\" onclick=\"x()\">kept</span>.\n",
    );
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("alert"), "{out}");
    assert!(
        !out.contains("onerror") && !out.contains("onclick"),
        "{out}"
    );
    assert!(!out.contains("javascript:"), "{out}");
    assert!(out.contains("<img src=\"x.png\">"), "{out}");
    // Raw HTML cannot take on the theme's classes.
    assert!(out.contains("<span>kept</span>"), "{out}");
}

#[test]
fn sanitizing_keeps_what_markdown_itself_produces() {
    let out = html(
        "<b>raw</b>\n\n| a |\n|:-:|\n| 1 |\n\n- [x] done\n\nA note.[^1]\n\n[^1]: Here.\n\n## Heading {#h}\n",
    );
    assert!(out.contains("<b>raw</b>"), "{out}");
    assert!(
        out.contains("<th style=\"text-align: center\">a</th>"),
        "{out}"
    );
    assert!(out.contains("type=\"checkbox\""), "{out}");
    assert!(out.contains("id=\"1\""), "{out}");
    assert!(out.contains("<h2 id=\"h\">Heading</h2>"), "{out}");
    let code = html("<b>raw</b>\n\n```rust\nfn main() {}\n```\n");
    assert!(
        code.contains("<pre class=\"code\" data-lang=\"rust\">"),
        "{code}"
    );
    assert!(code.contains("<span class=\"hl-"), "{code}");
}

#[test]
fn trusted_html_is_kept_as_written() {
    let body = "<script>track()</script>\n\n<span onclick=\"go()\">x</span>\n";
    let out = render(body, 0, &config_with("[markdown]\ntrust_html = true\n")).html;
    assert!(out.contains("<script>track()</script>"), "{out}");
    assert!(out.contains("onclick=\"go()\""), "{out}");
}

#[test]
fn links_with_dangerous_schemes_are_neutralised_even_without_raw_html() {
    let out = html(
        "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](data:text/html,x) [d](https://ok.org) [e](mailto:a@b.org) [f](/about/)\n",
    );
    assert!(!out.to_lowercase().contains("javascript:"), "{out}");
    assert!(!out.contains("data:"), "{out}");
    assert!(out.contains("<a href=\"#\">a</a>"), "{out}");
    assert!(out.contains("<a href=\"https://ok.org\">d</a>"), "{out}");
    assert!(out.contains("<a href=\"mailto:a@b.org\">e</a>"), "{out}");
    assert!(out.contains("<a href=\"/about/\">f</a>"), "{out}");
}

#[test]
fn internal_links_become_urls_and_are_recorded() {
    let body = "See [the guide](@/library/guide.md#chapter-2) and [it](@/library/guide.md).\n";
    let out = render(body, 100, &config_with(""));
    assert!(
        out.html
            .contains("<a href=\"/resources/guide/#chapter-2\">the guide</a>"),
        "{}",
        out.html
    );
    assert!(out.html.contains("<a href=\"/resources/guide/\">it</a>"));
    assert_eq!(out.links.len(), 2);
    assert_eq!(out.links[0].collection, "library");
    assert_eq!(out.links[0].slug, "guide");
    assert_eq!(out.links[0].anchor.as_deref(), Some("chapter-2"));
    // Spans are in the file: the body starts at byte 100.
    assert_eq!(
        &body[out.links[0].span.start - 100..out.links[0].span.end - 100],
        "[the guide](@/library/guide.md#chapter-2)"
    );
    assert_eq!(out.links[1].anchor, None);
}

#[test]
fn internal_links_include_the_base_path() {
    let config = config::parse(CONFIG, Some("https://x.org/hub/")).unwrap();
    let out = render("[g](@/library/guide.md#c)\n", 0, &config).html;
    assert!(
        out.contains("<a href=\"/hub/resources/guide/#c\">g</a>"),
        "{out}"
    );
}

#[test]
fn word_count_counts_prose_words() {
    // "Title" + "One two three." = 4 words; reading time is based on it.
    assert_eq!(md("## Title\n\nOne *two* three.\n").word_count, 4);
    assert_eq!(md("").word_count, 0);
}

#[test]
fn bodies_say_whether_they_need_the_syntax_stylesheet() {
    assert!(md("```rust\nfn main() {}\n```\n").has_code);
    assert!(!md("Plain text with `inline code` only.\n").has_code);
}
