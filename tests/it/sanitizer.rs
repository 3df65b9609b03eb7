//! Raw HTML in Markdown bodies, as published: nothing runs, nothing is
//! fetched from another host, nothing takes on the theme's styles or ids,
//! while what Markdown itself makes (table alignment, heading anchors,
//! footnotes, highlighted code) keeps working. A battery of attacks, each
//! checked on the rendered HTML. (tests/raw_html_pages.rs: the same in built
//! pages; tests/base_path.rs: paths from the site root.)

use calabash::config::{self, Config};
use calabash::markdown::{Rendered, render};

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://example.org\"\n\
    [collections.library]\ntitle = \"Library\"\nurl = \"/resources/\"\n";

fn md(body: &str) -> Rendered {
    let config: Config = config::parse(CONFIG, None).expect("valid config");
    render(body, 0, &config)
}

/// `body` with a line of raw HTML before it, so that it is sanitized.
fn sanitized(body: &str) -> String {
    md(&format!("<b>raw</b>\n\n{body}")).html
}

/// The values of every `name="..."` attribute of the tags in `html` (text
/// never holds a `<`: it is escaped).
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.split('<')
        .skip(1)
        .map(|tag| &tag[..tag.find('>').unwrap_or(tag.len())])
        .flat_map(|tag| {
            tag.match_indices(&needle)
                .map(|(at, _)| {
                    let rest = &tag[at + needle.len()..];
                    rest[..rest.find('"').unwrap_or(rest.len())].to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The scheme a browser finds in an attribute value as serialized (entities
/// decoded, tabs and newlines removed, leading spaces and controls ignored),
/// if it has one.
fn scheme_as_a_browser_reads_it(value: &str) -> Option<String> {
    let decoded = value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    let url: String = decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let is_scheme = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    is_scheme.then(|| scheme.to_ascii_lowercase())
}

#[test]
fn styles_are_only_the_alignments_tables_need() {
    let kept = [
        ("text-align: left", "text-align: left"),
        ("text-align:center", "text-align: center"),
        ("TEXT-ALIGN : Right ;", "text-align: right"),
        ("text-align:left;", "text-align: left"),
    ];
    for (style, normalised) in kept {
        let out = sanitized(&format!(
            "<table><tr><td style=\"{style}\">x</td></tr></table>\n"
        ));
        assert_eq!(
            attribute_values(&out, "style"),
            [normalised],
            "{style}: {out}"
        );
    }
    let dropped = [
        "text-align:left;position:fixed;top:0;left:0;width:100%;height:100%;background:url(https://evil.example/x.png)",
        "text-align: left; background: url(//evil.example/a.png)",
        "text-align: justify",
        "text-align: left /**/",
        "text-al\\69gn: left",
        "color: red",
        "position: fixed",
        "",
    ];
    for style in dropped {
        for element in ["td", "th"] {
            let out = sanitized(&format!(
                "<table><tr><{element} style=\"{style}\">x</{element}></tr></table>\n"
            ));
            assert!(!out.contains("style="), "{style}: {out}");
        }
    }
    // Only table cells have a style, even an alignment.
    for element in ["p", "div", "span", "img", "a", "table"] {
        let out = sanitized(&format!(
            "<{element} style=\"text-align: left\">x</{element}>\n"
        ));
        assert!(!out.contains("style="), "{element}: {out}");
    }
    // Markdown tables keep their alignment, with raw HTML beside them or not.
    let table = "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n";
    for out in [md(table).html, sanitized(table)] {
        for align in ["left", "center", "right"] {
            assert!(
                out.contains(&format!("<th style=\"text-align: {align}\">")),
                "{align}: {out}"
            );
            assert!(out.contains(&format!("<td style=\"text-align: {align}\">")));
        }
    }
}

#[test]
fn raw_ids_names_and_the_links_to_them_are_prefixed() {
    let out = sanitized(
        "<div id=\"main\">a</div>\n\n<a name=\"site-search-q\"></a>\n\n\
         <a href=\"#main\">to the raw div</a> <a href=\"#details\">to the heading</a>\n\n\
         <table><tr><th id=\"h1\">H</th></tr><tr><td headers=\"h1 h2\">x</td></tr></table>\n\n\
         ## Details\n\nSee [the div](#main) and [the heading](#details).\n",
    );
    assert_eq!(
        attribute_values(&out, "id"),
        ["user-content-main", "user-content-h1", "details"],
        "{out}"
    );
    assert_eq!(
        attribute_values(&out, "name"),
        ["user-content-site-search-q"]
    );
    assert_eq!(
        attribute_values(&out, "headers"),
        ["user-content-h1 user-content-h2"]
    );
    let hrefs = attribute_values(&out, "href");
    assert_eq!(
        hrefs,
        [
            "#user-content-main",
            "#details",
            "#user-content-main",
            "#details"
        ],
        "{out}"
    );
    // A raw id equal to a heading's does not take the heading's place.
    let out = sanitized("<p id=\"details\">raw</p>\n\n## Details\n");
    assert_eq!(
        attribute_values(&out, "id"),
        ["user-content-details", "details"],
        "{out}"
    );
}

#[test]
fn calabash_anchors_keep_their_ids_when_a_body_is_sanitized() {
    let body = "## Context {#ctx}\n\n## Lessons learned\n\nA claim.[^src]\n\n[^src]: The source.\n";
    for out in [md(body), md(&format!("<i>raw</i>\n\n{body}"))] {
        let ids = attribute_values(&out.html, "id");
        assert_eq!(ids, ["ctx", "lessons-learned", "src"], "{}", out.html);
        assert_eq!(
            attribute_values(&out.html, "href"),
            ["#src"],
            "{}",
            out.html
        );
        assert!(out.anchors.contains("ctx") && out.anchors.contains("lessons-learned"));
        assert!(!out.html.contains("_calabash"), "{}", out.html);
    }
}

#[test]
fn nothing_in_a_body_asks_another_host_for_anything() {
    let attacks = [
        "<img src=\"//evil.example/a.png\" alt=\"a\">",
        "<img src=\"https://evil.example/a.png\" alt=\"a\">",
        "<img src=\"HTTP://evil.example/a.png\">",
        "<img src=\"\\\\evil.example/a.png\">",
        "<img src=\"/\\evil.example/a.png\">",
        "<img src=\" //evil.example/a.png\">",
        "<img srcset=\"https://evil.example/a.png 2x\" src=\"/ok.png\">",
        "<picture><source srcset=\"https://evil.example/a.webp\"><img src=\"/ok.png\"></picture>",
        "<table background=\"https://evil.example/bg.png\"><tr><td>x</td></tr></table>",
        "<body background=\"https://evil.example/bg.png\">",
        "<div style=\"background:url(https://evil.example/a.png)\">x</div>",
        "<style>@import url(https://evil.example/a.css); body{background:url(//evil.example/b.png)}</style>",
        "<link rel=\"stylesheet\" href=\"https://evil.example/a.css\">",
        "<link rel=\"preload\" href=\"https://evil.example/font.woff2\" as=\"font\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        "<base href=\"https://evil.example/\">",
        "<svg><image href=\"https://evil.example/a.png\"/></svg>",
        "<svg><image xlink:href=\"https://evil.example/a.png\"/></svg>",
        "<svg><use href=\"https://evil.example/s.svg#i\"/></svg>",
        "<math><mi xlink:href=\"https://evil.example/\">x</mi></math>",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<object data=\"https://evil.example/a.swf\"></object>",
        "<embed src=\"https://evil.example/a.swf\">",
        "<video src=\"https://evil.example/v.mp4\" poster=\"https://evil.example/p.png\"></video>",
        "<audio src=\"https://evil.example/a.mp3\"></audio>",
        "<form action=\"https://evil.example/\"><button formaction=\"https://evil.example/\">go</button></form>",
        "<input type=\"image\" src=\"https://evil.example/a.png\">",
        "<a href=\"/ok/\" ping=\"https://evil.example/track\">x</a>",
        "<script src=\"https://evil.example/a.js\"></script>",
        "<template><img src=\"https://evil.example/a.png\"></template>",
        "<noscript><img src=\"https://evil.example/a.png\"></noscript>",
    ];
    for attack in attacks {
        let out = md(&format!("{attack}\n\nText.\n"));
        let html = &out.html;
        for attribute in [
            "src",
            "srcset",
            "background",
            "poster",
            "data",
            "action",
            "formaction",
            "ping",
        ] {
            for value in attribute_values(html, attribute) {
                assert!(!value.contains("evil.example"), "{attack}: {html}");
            }
        }
        for element in [
            "<style",
            "<link",
            "<meta",
            "<base",
            "<svg",
            "<math",
            "<iframe",
            "<object",
            "<embed",
            "<video",
            "<audio",
            "<form",
            "<button",
            "<script",
            "<template",
            "<source",
            "<picture",
        ] {
            assert!(!html.contains(element), "{attack}: {html}");
        }
        assert!(!html.contains("url("), "{attack}: {html}");
    }
    // Images on other hosts are reported, so that `check` can warn.
    let out = md(
        "<img src=\"//cdn.example/a.png\" alt=\"Chart\"> <img src=\"/images/ok.png\" alt=\"Ok\">\n",
    );
    let urls: Vec<&str> = out.outside_images.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["//cdn.example/a.png"]);
    assert!(
        out.html.contains("<img src=\"/images/ok.png\" alt=\"Ok\">"),
        "{}",
        out.html
    );
}

#[test]
fn markdown_images_from_other_hosts_become_links() {
    let out = md("![Enrolment chart](https://stats.example/chart.png \"Chart\")\n");
    assert_eq!(
        out.html,
        "<p><a href=\"https://stats.example/chart.png\" title=\"Chart\">Enrolment chart</a></p>\n"
    );
    assert_eq!(out.outside_images.len(), 1);
    assert_eq!(out.outside_images[0].url, "https://stats.example/chart.png");
    // Without alternative text the address is the link's text.
    let out = md("![](//stats.example/chart.png)\n");
    assert_eq!(
        out.html,
        "<p><a href=\"//stats.example/chart.png\">//stats.example/chart.png</a></p>\n"
    );
    assert!(out.images_without_alt.is_empty());
    // Inside a link, it is only text: links do not nest.
    let out = md("[![Logo](https://x.example/logo.png)](https://x.example/)\n");
    assert_eq!(out.html, "<p><a href=\"https://x.example/\">Logo</a></p>\n");
    // Sanitized bodies too.
    let html = sanitized("![Chart](https://stats.example/chart.png)\n");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains(">Chart</a>"), "{html}");
    // Images on the site stay images.
    let out = md("![Map](/images/map.png) ![Plan](plan.png)\n");
    assert!(
        out.html
            .contains("<img src=\"/images/map.png\" alt=\"Map\""),
        "{}",
        out.html
    );
    assert!(
        out.html.contains("<img src=\"plan.png\" alt=\"Plan\""),
        "{}",
        out.html
    );
    assert!(out.outside_images.is_empty());
}

#[test]
fn script_urls_are_dropped_whatever_their_spelling() {
    let urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "java&#10;script:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "&#0000106&#0000097vascript:alert(1)",
        "javascript&#58;alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "livescript:alert(1)",
    ];
    for url in urls {
        let raw = format!(
            "<a href=\"{url}\">a</a> <img src=\"{url}\"> <blockquote cite=\"{url}\">q</blockquote> \
             <q cite=\"{url}\">q</q> <del cite=\"{url}\">d</del>\n"
        );
        let markdown = format!(
            "[m]({}) ![i]({})\n",
            url.replace(' ', ""),
            url.replace(' ', "")
        );
        for body in [raw, markdown.clone(), format!("<b>x</b>\n\n{markdown}")] {
            let html = md(&body).html;
            for attribute in ["href", "src", "cite"] {
                for value in attribute_values(&html, attribute) {
                    let scheme = scheme_as_a_browser_reads_it(&value);
                    assert!(
                        matches!(
                            scheme.as_deref(),
                            None | Some("http" | "https" | "mailto" | "tel")
                        ),
                        "{url:?} gave {attribute}={value:?} ({scheme:?}): {html}"
                    );
                }
            }
            assert!(!html.contains("<script"), "{url:?}: {html}");
        }
    }
}

#[test]
fn event_handlers_and_theme_classes_are_dropped() {
    let out = sanitized(
        "<p onclick=\"x()\" onmouseover=\"x()\" class=\"skip-link site-header\">a</p>\n\n\
         <details open ontoggle=\"x()\"><summary>s</summary>t</details>\n\n\
         <pre class=\"code hl-keyword\"><code>k</code></pre>\n\n```rust\nfn main() {}\n```\n",
    );
    assert!(!out.contains(" on"), "{out}");
    assert!(
        !out.contains("skip-link") && !out.contains("site-header"),
        "{out}"
    );
    assert!(out.contains("<pre class=\"code hl-keyword\">"), "{out}");
    assert!(
        out.contains("<span class=\"hl-"),
        "highlighted code keeps its classes: {out}"
    );
    assert!(
        out.contains("<details><summary>s</summary>t</details>"),
        "{out}"
    );
}
