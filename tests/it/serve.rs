//! `calabash serve` from the outside: the compiled binary serving a copy of
//! the sample hub on a free port. Entries, templates and static files are
//! edited, added, renamed and deleted, and the served pages follow within a
//! deadline; a broken edit shows the error overlay on the last good pages
//! until it is fixed; open pages hear of changes; the preview search answers
//! from the index; a port in use is reported with a free one.

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use crate::support;
use crate::support::http;
use crate::support::serve::{Serve, append};

const ENTRY: &str = "content/library/early-grade-reading-assessment-guide.md";
const PAGE: &str = "/library/early-grade-reading-assessment-guide/";

#[test]
fn entries_templates_and_static_files_follow_their_edits() {
    let serve = Serve::sample_hub();
    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200);
    assert!(
        page.contains("/__calabash/live.js"),
        "served pages get the live script"
    );

    // An entry's text.
    append(
        &serve.path(ENTRY),
        "\nA paragraph about mangrove schools.\n",
    );
    serve.wait_for(PAGE, "the new paragraph", |s, b| {
        s == 200 && b.contains("mangrove schools")
    });

    // A new entry: its page, and the library list.
    let text = std::fs::read_to_string(serve.path(ENTRY)).unwrap();
    let added = text
        .lines()
        .filter(|l| !l.starts_with("aliases"))
        .map(|l| {
            if l.starts_with("title = ") {
                "title = \"Floating classrooms of the delta\"".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(serve.path("content/library/floating-classrooms.md"), added).unwrap();
    serve.wait_for("/library/floating-classrooms/", "the new entry", |s, b| {
        s == 200 && b.contains("Floating classrooms of the delta")
    });
    serve.wait_for("/library/", "the new entry in the list", |_, b| {
        b.contains("/library/floating-classrooms/")
    });

    // Renamed: the old address is gone, the new one answers.
    std::fs::rename(
        serve.path("content/library/floating-classrooms.md"),
        serve.path("content/library/delta-classrooms.md"),
    )
    .unwrap();
    serve.wait_for("/library/delta-classrooms/", "the renamed entry", |s, _| {
        s == 200
    });
    serve.wait_for(
        "/library/floating-classrooms/",
        "404 at the old address",
        |s, _| s == 404,
    );

    // Deleted.
    std::fs::remove_file(serve.path("content/library/delta-classrooms.md")).unwrap();
    serve.wait_for("/library/delta-classrooms/", "404 once deleted", |s, _| {
        s == 404
    });
    serve.wait_for("/library/", "the list without it", |_, b| {
        !b.contains("delta-classrooms")
    });

    // A template every page uses.
    let base = serve.path("themes/hub/templates/base.html");
    let template = std::fs::read_to_string(&base).unwrap();
    let edited = template.replace(
        "<p class=\"generator\">",
        "<p class=\"generator\">Lovingly: ",
    );
    std::fs::write(&base, edited).unwrap();
    serve.wait_for("/", "the edited footer", |_, b| {
        b.contains("Lovingly: Built with")
    });
    serve.wait_for(PAGE, "the edited footer", |_, b| {
        b.contains("Lovingly: Built with")
    });

    // The hub's own translation file: every page prints its words.
    std::fs::create_dir_all(serve.path("i18n")).unwrap();
    std::fs::write(
        serve.path("i18n/en.toml"),
        "[nav]\nsitemap = \"Map of the hub\"\n",
    )
    .unwrap();
    serve.wait_for(PAGE, "the reworded footer", |_, b| {
        b.contains(">Map of the hub</a>")
    });

    // Static files: added, changed, deleted.
    let note = serve.path("static/notes/hello.txt");
    std::fs::create_dir_all(note.parent().unwrap()).unwrap();
    std::fs::write(&note, "hello").unwrap();
    serve.wait_for("/notes/hello.txt", "the new static file", |s, b| {
        s == 200 && b == "hello"
    });
    std::fs::write(&note, "hello again").unwrap();
    serve.wait_for("/notes/hello.txt", "the changed file", |_, b| {
        b == "hello again"
    });
    std::fs::remove_file(&note).unwrap();
    serve.wait_for("/notes/hello.txt", "404 once deleted", |s, _| s == 404);
    let css = serve.path("themes/hub/static/style.css");
    append(&css, "\n.calabash-test { color: rgb(1, 2, 3); }\n");
    serve.wait_for("/style.css", "the new rule", |_, b| {
        b.contains("rgb(1, 2, 3)")
    });

    // The settings and a vocabulary: every page.
    let config = serve.path("site.toml");
    let settings = std::fs::read_to_string(&config).unwrap();
    let renamed = settings.replacen(
        "title = \"Caribbean Education Knowledge Hub\"",
        "title = \"Island Schools Hub\"",
        1,
    );
    std::fs::write(&config, renamed).unwrap();
    serve.wait_for(PAGE, "the new site title", |_, b| {
        b.contains("Island Schools Hub")
    });
    let topics = serve.path("content/_taxonomies/topics.toml");
    let vocabulary = std::fs::read_to_string(&topics).unwrap();
    let relabelled =
        vocabulary.replace("label = \"Teaching and learning\"", "label = \"Pedagogy\"");
    std::fs::write(&topics, relabelled).unwrap();
    serve.wait_for("/topics/teaching-learning/", "the new label", |_, b| {
        b.contains("Pedagogy")
    });
}

#[test]
fn a_broken_edit_shows_the_overlay_on_the_last_good_pages_until_fixed() {
    let serve = Serve::sample_hub();
    let good = std::fs::read_to_string(serve.path(ENTRY)).unwrap();
    std::fs::write(
        serve.path(ENTRY),
        good.replace("title = \"", "title = = \"") + "\nBroken edit.\n",
    )
    .unwrap();
    for page in [PAGE, "/", "/no-such-page/"] {
        serve.wait_for(page, "the error overlay", |_, b| {
            b.contains("could not be rebuilt") && b.contains(ENTRY)
        });
    }
    let (_, page) = serve.get(PAGE);
    assert!(
        page.contains("Quick checks of reading"),
        "the last good page is still served"
    );
    assert!(!page.contains("Broken edit"));

    std::fs::write(serve.path(ENTRY), good + "\nFixed edit.\n").unwrap();
    serve.wait_for(PAGE, "the fixed page without overlay", |s, b| {
        s == 200 && b.contains("Fixed edit") && !b.contains("could not be rebuilt")
    });
    let (_, home) = serve.get("/");
    assert!(!home.contains("could not be rebuilt"));
}

/// Reads from an event stream until `needle` arrives (or 15 s pass).
fn read_until(stream: &mut TcpStream, needle: &str) -> String {
    let seen = http::read_until(stream, needle, Duration::from_secs(15));
    assert!(
        seen.contains(needle),
        "no {needle:?} on the event stream within 15 s:\n{seen}"
    );
    seen
}

#[test]
fn open_pages_hear_which_pages_changed() {
    let serve = Serve::sample_hub();
    let mut events = TcpStream::connect(&serve.address).unwrap();
    write!(
        events,
        "GET /__calabash/events?page={PAGE} HTTP/1.1\r\nHost: {}\r\n\r\n",
        serve.address
    )
    .unwrap();
    read_until(&mut events, "text/event-stream");
    append(&serve.path(ENTRY), "\nOne more sentence.\n");
    let heard = read_until(&mut events, PAGE);
    assert!(heard.contains("event: change"), "{heard}");
    // The search index follows, and the search page is told to reload.
    read_until(&mut events, "\"/search/\"");
    // A script may be used by any page: every open page reloads.
    append(
        &serve.path("themes/hub/static/directory.js"),
        "\n// edited\n",
    );
    let heard = read_until(&mut events, "/directory.js");
    assert!(
        heard.contains("{\"paths\":[\"/directory.js\"],\"all\":true}"),
        "{heard}"
    );
}

#[test]
fn preview_search_answers_from_the_index_and_follows_edits() {
    let serve = Serve::sample_hub();
    serve.wait_for_index();
    let (status, json) = serve.get("/__calabash/search?q=whatsapp");
    assert_eq!(status, 200, "{json}");
    let results: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        results["hits"][0]["url"], "/practice/whatsapp-parents/",
        "{json}"
    );

    // A query in Spanish stems "lecturas" for the Spanish guide, which has
    // "lectura", and for the Spanish translations about reading; in English
    // the guide would need the word as written, and English pages quoting
    // its title ("lectura", the English stem of "lecturas") are found
    // instead.
    let keys = |lang: &str| {
        let (status, json) = serve.get(&format!("/__calabash/search?q=lecturas&lang={lang}"));
        assert_eq!(status, 200, "{json}");
        let results: serde_json::Value = serde_json::from_str(&json).unwrap();
        let hits = results["hits"].as_array().unwrap().clone();
        hits.iter()
            .map(|h| h["key"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let spanish = keys("es");
    assert_eq!(
        spanish[0], "library/guia-lectura-aulas-bilingues",
        "{spanish:?}"
    );
    assert!(
        spanish[1..].iter().all(|k| k.ends_with(".es")),
        "only Spanish entries: {spanish:?}"
    );
    let english = keys("en");
    assert!(!english.is_empty());
    assert!(!english.contains(&"library/guia-lectura-aulas-bilingues".to_string()));

    append(&serve.path(ENTRY), "\nThe quokkalanterns method.\n");
    serve.wait_for(
        "/__calabash/search?q=quokkalanterns",
        "the new word found",
        |_, b| b.contains(PAGE),
    );
}

#[test]
fn a_port_in_use_is_reported_with_a_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = support::cli::command()
        .args(["serve", "--port", &port, "--root"])
        .arg(support::repo())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains(&format!("port {port} is already in use")),
        "{message}"
    );
    assert!(message.contains("calabash serve --port "), "{message}");
}

#[test]
fn the_preview_listens_on_loopback_unless_told_otherwise() {
    use calabash::cli::{Cli, Command};
    use clap::Parser;
    let parsed = |args: &[&str]| match Cli::try_parse_from(args).unwrap().command {
        Command::Serve(serve) => (serve.bind.to_string(), serve.port),
        other => panic!("not serve: {other:?}"),
    };
    assert_eq!(parsed(&["calabash", "serve"]), ("127.0.0.1".into(), 1111));
    assert_eq!(
        parsed(&["calabash", "serve", "--bind", "0.0.0.0", "--port", "8080"]),
        ("0.0.0.0".into(), 8080)
    );
}
