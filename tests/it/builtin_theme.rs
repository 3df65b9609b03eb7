//! The default theme inside the binary: a hub with no `themes/` folder
//! builds every kind of page, byte for byte as with the repository's
//! `themes/hub/` on disk; the site's own templates and static files (in
//! `templates/`, `static/` or `themes/hub/`) override it one file at a
//! time; messages name a built-in template as such; a theme that is
//! neither built in nor a folder is an error at site.toml's `theme` line;
//! `calabash serve` serves the built-in theme and follows overrides as
//! they are added, edited and removed.

use crate::support::files::{assert_same_files, copy_tree};
use crate::support::repo;
use crate::support::serve::Serve;
use crate::support::site::{TestSite, headlines};

/// Output files of each kind of page of the sample hub, with the built-in
/// theme's static files and the static search index.
const PAGE_KINDS: &[&str] = &[
    "index.html",
    "404.html",
    "sitemap.xml",
    "robots.txt",
    "atom.xml",
    "search/index.html",
    "search/index/manifest.json",
    "style.css",
    "directory.js",
    "search/client.js",
    "search/search-page.js",
    "replies/index.html",
    "discussions/index.html",
    "practice/index.html",
    "library/index.html",
    "experts/index.html",
    "events/index.html",
    "library/atom.xml",
    "topics/index.html",
];

#[test]
fn a_hub_without_themes_builds_every_page_like_the_theme_folder() {
    let on_disk = TestSite::sample_hub().build_snapshot();
    let built_in = TestSite::sample_hub_with_built_in_theme();
    let unnamed = TestSite::sample_hub_with_built_in_theme();
    let config = unnamed.read_source("site.toml");
    assert!(
        config.contains("\ntheme = \"hub\"\n"),
        "the sample names its theme"
    );
    unnamed.write("site.toml", &config.replace("\ntheme = \"hub\"\n", "\n"));
    let built_in = built_in.build_snapshot();
    assert_same_files(&built_in, &on_disk, "built-in theme vs themes/hub/ on disk");
    assert_same_files(
        &unnamed.build_snapshot(),
        &on_disk,
        "no `theme` line vs themes/hub/",
    );
    for file in PAGE_KINDS {
        assert!(
            built_in.contains_key(*file),
            "no {file} with the built-in theme"
        );
    }
    // An entry page of every collection, and a page of every taxonomy term used.
    for collection in [
        "replies",
        "discussions",
        "case-studies",
        "library",
        "experts",
        "events",
    ] {
        let url = match collection {
            "case-studies" => "practice",
            other => other,
        };
        let slug = first_entry(collection);
        let page = format!("{url}/{slug}/index.html");
        assert!(built_in.contains_key(&page), "no entry page {page}");
    }
    assert!(
        built_in.keys().any(|f| f.starts_with("topics/")
            && f.ends_with("/index.html")
            && f != "topics/index.html"),
        "no term page"
    );
    assert_eq!(
        built_in["style.css"],
        repo_file("themes/hub/static/style.css")
    );
}

/// The file name (slug) of one entry of the sample hub's collection.
fn first_entry(collection: &str) -> String {
    let dir = repo().join("content").join(collection);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".md").map(str::to_string))
        .collect();
    names.sort();
    names.into_iter().next().expect("an entry")
}

const OWN_LIST: &str = "{% extends \"base.html\" %}{% block content %}<p id=\"own-list\">Our own list</p>{% endblock content %}";
const OWN_STYLE: &str = "body { color: #123456 }\n";

#[test]
fn site_files_override_the_built_in_theme_one_by_one() {
    let cases = [
        ("templates/list.html", "static/style.css"),
        (
            "themes/hub/templates/list.html",
            "themes/hub/static/style.css",
        ),
        ("templates/list.html", "themes/hub/static/style.css"),
    ];
    let plain = TestSite::sample_hub_with_built_in_theme().build_snapshot();
    for (template, style) in cases {
        let site = TestSite::sample_hub_with_built_in_theme();
        site.write(template, OWN_LIST);
        site.write(style, OWN_STYLE);
        let built = site.build_snapshot();
        let case = format!("{template} and {style}");
        let list = String::from_utf8_lossy(&built["library/index.html"]).into_owned();
        assert!(
            list.contains("<p id=\"own-list\">Our own list</p>"),
            "{case}: {list}"
        );
        // The rest of the layout is still the built-in base template.
        assert!(list.contains("/search/"), "{case}: {list}");
        assert_eq!(built["style.css"], OWN_STYLE.as_bytes(), "{case}");
        for same in ["index.html", "search/client.js", "directory.js", "404.html"] {
            assert_eq!(built[same], plain[same], "{case}: {same} is built in");
        }
        assert!(
            !String::from_utf8_lossy(&built["index.html"]).contains("own-list"),
            "{case}: the home page keeps its own template"
        );
    }
}

#[test]
fn a_site_template_beats_the_theme_folder_which_beats_the_built_in_one() {
    let site = TestSite::sample_hub_with_built_in_theme();
    site.write(
        "themes/hub/templates/list.html",
        &OWN_LIST.replace("Our own list", "Theme folder"),
    );
    site.write(
        "templates/list.html",
        &OWN_LIST.replace("Our own list", "Site folder"),
    );
    site.build_ok();
    let list = site.page("library/index.html");
    assert!(
        list.contains("Site folder") && !list.contains("Theme folder"),
        "{list}"
    );
}

#[test]
fn a_mistake_in_a_built_in_template_names_it_as_built_in() {
    // The site replaces a partial with one that lacks the components the
    // built-in entry templates call: the error is in those templates.
    let site = TestSite::sample_hub_with_built_in_theme();
    site.write("templates/partials/links.html", "<!-- nothing -->\n");
    let problems = site.build_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("(built in) themes/hub/templates/")),
        "{:?}",
        headlines(&problems)
    );
    for problem in &problems {
        assert!(
            !problem.path.starts_with("themes/"),
            "no such file on disk: {}",
            problem.headline()
        );
    }
}

#[test]
fn an_unknown_theme_is_an_error_at_the_theme_line() {
    for (line, with_folder) in [("theme = \"nope\"", false), ("theme    =   'nope'", true)] {
        let site = TestSite::sample_hub_with_built_in_theme();
        let config = site
            .read_source("site.toml")
            .replace("theme = \"hub\"", line);
        site.write("site.toml", &config);
        if with_folder {
            // A folder without templates is no theme.
            site.write("themes/nope/static/style.css", OWN_STYLE);
        }
        let line_no = config.lines().position(|l| l == line).unwrap() + 1;
        let problems = site.build_err();
        assert_eq!(
            headlines(&problems),
            [format!(
                "site.toml:{line_no}:1: error: theme `nope` is neither built in nor a folder of \
                 this site (looked for themes/nope/templates/)"
            )]
        );
        let hint = problems[0].hint.clone().unwrap_or_default();
        assert!(hint.contains("theme = \"hub\""), "{hint}");
        assert!(
            problems[0].render(false).contains(line),
            "{}",
            problems[0].render(false)
        );
    }
}

#[test]
fn another_theme_folder_stands_alone() {
    // A theme of another name does not inherit the built-in theme's files:
    // it brings its templates and the translation files they print.
    let site = TestSite::sample_hub_with_built_in_theme();
    for part in ["templates", "i18n"] {
        copy_tree(
            &repo().join("themes/hub").join(part),
            &site.root.join("themes/own").join(part),
        );
    }
    let config = site
        .read_source("site.toml")
        .replace("theme = \"hub\"", "theme = \"own\"");
    site.write("site.toml", &config);
    site.build_ok();
    assert!(site.exists("library/index.html"));
    assert!(
        !site.exists("style.css"),
        "no built-in static file in another theme"
    );
    assert!(!site.exists("search/client.js"));
}

#[test]
fn serve_uses_the_built_in_theme_and_follows_site_overrides() {
    let serve = Serve::sample_hub_with_built_in_theme();
    let built_in_style = String::from_utf8(repo_file("themes/hub/static/style.css")).unwrap();
    let (status, page) = serve.get("/library/");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("/search/") && !page.contains("own-list"),
        "{page}"
    );
    assert_eq!(serve.get("/style.css"), (200, built_in_style.clone()));

    // Folders the site did not have: templates/ and themes/.
    std::fs::create_dir_all(serve.path("templates")).unwrap();
    std::fs::write(serve.path("templates/list.html"), OWN_LIST).unwrap();
    serve.wait_for("/library/", "the site's list template", |s, b| {
        s == 200 && b.contains("Our own list")
    });
    std::fs::write(
        serve.path("templates/list.html"),
        OWN_LIST.replace("Our own", "Edited"),
    )
    .unwrap();
    serve.wait_for("/library/", "the edited template", |s, b| {
        s == 200 && b.contains("Edited list")
    });
    std::fs::create_dir_all(serve.path("themes/hub/static")).unwrap();
    std::fs::write(serve.path("themes/hub/static/style.css"), OWN_STYLE).unwrap();
    serve.wait_for("/style.css", "the site's stylesheet", |s, b| {
        s == 200 && b == OWN_STYLE
    });

    // Removed: the built-in files are back.
    std::fs::remove_file(serve.path("templates/list.html")).unwrap();
    serve.wait_for("/library/", "the built-in list template", |s, b| {
        s == 200 && !b.contains("Edited list") && b.contains("/library/")
    });
    std::fs::remove_dir_all(serve.path("themes")).unwrap();
    serve.wait_for("/style.css", "the built-in stylesheet", |s, b| {
        s == 200 && b == built_in_style
    });
}

fn repo_file(path: &str) -> Vec<u8> {
    std::fs::read(repo().join(path)).unwrap()
}
