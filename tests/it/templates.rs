//! Templates (docs/templates.md): a site's own templates/ folder overrides
//! the theme file by file, the built-in feeds can be overridden, the extra
//! filters work, and template mistakes are located in their file.

use crate::support::site::{TestSite, headlines};

fn site() -> TestSite {
    TestSite::fixture("valid-basic")
}

#[test]
fn site_templates_override_the_theme_one_file_at_a_time() {
    let site = site();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost at sea</h1>{% endblock content %}",
    );
    site.build_ok();
    assert!(site.page("404.html").contains("<h1>Lost at sea</h1>"));
    // Everything else still comes from the theme, including base.html.
    assert!(site.page("404.html").contains("<body class=\"kind-404\">"));
    assert!(site.page("index.html").contains("<h1>Test Hub</h1>"));
}

#[test]
fn collection_specific_entry_templates_are_used_when_present() {
    let site = site();
    site.write(
        "templates/entry-experts.html",
        "EXPERT {{ entry.title }} {{ entry.fields.name }}",
    );
    site.build_ok();
    assert_eq!(
        site.page("experts/marcia-campbell/index.html"),
        "EXPERT Marcia Campbell Marcia Campbell"
    );
    assert!(
        site.page("notes/first-note/index.html")
            .contains("<article class=\"entry\"")
    );
}

#[test]
fn built_in_files_can_be_overridden() {
    let site = site();
    site.write("templates/robots.txt", "User-agent: *\nDisallow: /\n");
    site.build_ok();
    assert_eq!(site.page("robots.txt"), "User-agent: *\nDisallow: /\n");
}

#[test]
fn date_and_urlencode_filters() {
    let site = site();
    site.write(
        "templates/page.html",
        "{{ \"2025-03-04\" | date(format=\"%-d %B %Y\") }}|\
         {{ \"2025-06-12T14:00:00-05:00\" | date(format=\"%H:%M %:z\") }}|\
         {{ \"a b&c/é\" | urlencode }}",
    );
    site.build_ok();
    assert_eq!(
        site.page("about/index.html"),
        "4 March 2025|14:00 -05:00|a%20b%26c%2F%C3%A9"
    );
}

#[test]
fn every_page_gets_the_documented_page_variables() {
    let site = site();
    let probe =
        "{{ page.kind }}|{{ page.url }}|{{ page.permalink }}|{{ page.title }}|{{ page.lang }}";
    for name in [
        "home.html",
        "list.html",
        "entry.html",
        "page.html",
        "taxonomy.html",
        "term.html",
        "404.html",
    ] {
        site.write(&format!("templates/{name}"), probe);
    }
    site.build_with(false, Some("https://x.org/hub")).unwrap();
    let expect = [
        ("index.html", "home|/hub/|https://x.org/hub/|Test Hub|en"),
        (
            "notes/page/2/index.html",
            "list|/hub/notes/page/2/|https://x.org/hub/notes/page/2/|Notes (page 2 of 3)|en",
        ),
        (
            "notes/first-note/index.html",
            "entry|/hub/notes/first-note/|https://x.org/hub/notes/first-note/|First note|en",
        ),
        (
            "about/index.html",
            "page|/hub/about/|https://x.org/hub/about/|About this hub|en",
        ),
        (
            "topics/index.html",
            "taxonomy|/hub/topics/|https://x.org/hub/topics/|Topics|en",
        ),
        (
            "countries/jm/index.html",
            "term|/hub/countries/jm/|https://x.org/hub/countries/jm/|Jamaica|en",
        ),
        (
            "404.html",
            "404|/hub/404.html|https://x.org/hub/404.html|Page not found|en",
        ),
    ];
    for (file, expected) in expect {
        assert_eq!(site.page(file), expected, "{file}");
    }
}

#[test]
fn several_template_mistakes_are_all_reported_with_their_place() {
    let site = site();
    site.write("templates/home.html", "{{ site.title | shout }}");
    site.write("templates/404.html", "ok\n{{ page.title | whisper }}");
    let problems = site.build_err();
    assert_eq!(
        headlines(&problems),
        [
            "templates/404.html:2:17: error: template error: Unknown filter `whisper`",
            "templates/home.html:1:17: error: template error: Unknown filter `shout`",
        ]
    );
    assert!(problems.iter().all(|d| d.hint.is_some()));
}

#[test]
fn a_template_syntax_error_is_located() {
    let site = site();
    site.write("templates/home.html", "<h1>\n{% if site.title %}\n</h1>\n");
    let problems = site.build_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "templates/home.html");
    assert!(problems[0].line >= 2, "{:?}", problems[0]);
}

#[test]
fn a_missing_theme_is_reported() {
    let site = site();
    let config = site
        .read_source("site.toml")
        .replace("theme = \"test\"", "theme = \"nope\"");
    site.write("site.toml", &config);
    let problems = site.build_err();
    let line = config
        .lines()
        .position(|l| l == "theme = \"nope\"")
        .unwrap()
        + 1;
    assert_eq!(
        headlines(&problems),
        [format!(
            "site.toml:{line}:1: error: theme `nope` is neither built in nor a folder of this site (looked for themes/nope/templates/)"
        )]
    );
}

#[test]
fn values_are_html_escaped_in_templates() {
    let site = site();
    let path = "content/notes/fifth-note.md";
    let text = site.read_source(path).replace(
        "title = \"Fifth note\"",
        "title = \"<script>alert(1)</script> & co\"",
    );
    site.write(path, &text);
    site.build_ok();
    let html = site.page("notes/fifth-note/index.html");
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>"),
        "{html}"
    );
}
