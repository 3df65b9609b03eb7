//! `calabash digest`: which entries a digest lists and as what, by git's
//! history in a repository scripted day by day (entries added before,
//! inside and after the period, one updated inside it and one after it,
//! one removed inside it, a draft, an entry with a mistake, one never
//! committed) and by front matter without git; the HTML email passes the
//! Nu Html Checker, keeps to what mail programs show (inline styles, no
//! script, no image, absolute links) and stays small; the text version
//! carries every link; `--lang`; and the errors of bad arguments.

use std::path::Path;
use std::process::Output;

use crate::support::cli::{command, stderr, stdout};
use crate::support::git::{Who, commit_all, git};
use crate::support::node::vnu_errors;
use crate::support::site::TestSite;

const MARCH: [&str; 4] = ["--since", "2025-03-01", "--until", "2025-03-31"];
const BASE: &str = "https://example.org/hub/";

const JANUARY: Who = ("Ann", "ann@example.org", "2025-01-15T10:00:00+00:00");
const IN_MARCH: Who = ("Bob", "bob@example.org", "2025-03-10T10:00:00+00:00");
const IN_APRIL: Who = ("Ann", "ann@example.org", "2025-04-05T10:00:00+00:00");

fn digest(root: &Path, args: &[&str]) -> Output {
    command()
        .arg("digest")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("the binary runs")
}

/// The digest's text; the command must have succeeded.
fn digest_ok(root: &Path, args: &[&str]) -> String {
    let out = digest(root, args);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// Each entry of a Markdown digest: its title (unescaped), its link, and
/// what it is with its date, in the order listed.
fn listed(markdown: &str) -> Vec<(String, String, String)> {
    markdown
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("- **[")?;
            let (title, rest) = rest.split_once("](")?;
            let (url, rest) = rest.split_once(")**: ")?;
            let mut unescaped = String::new();
            let mut chars = title.chars();
            while let Some(c) = chars.next() {
                unescaped.push(if c == '\\' { chars.next()? } else { c });
            }
            Some((unescaped, url.to_string(), rest.trim_end().to_string()))
        })
        .collect()
}

fn titles_and_kinds(markdown: &str) -> Vec<(String, String)> {
    listed(markdown)
        .into_iter()
        .map(|(title, _, kind)| (title, kind))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    (expected.iter())
        .map(|(t, k)| (t.to_string(), k.to_string()))
        .collect()
}

/// Takes files out of the site, to put them back later.
fn hold(site: &TestSite, paths: &[&str]) -> Vec<(String, String)> {
    paths
        .iter()
        .map(|path| {
            let text = site.read_source(path);
            std::fs::remove_file(site.root.join(path)).unwrap();
            (path.to_string(), text)
        })
        .collect()
}

fn put_back(site: &TestSite, held: Vec<(String, String)>) {
    for (path, text) in held {
        site.write(&path, &text);
    }
}

/// The fixture committed as its history goes: in January every entry dated
/// before March but those updated later (without their `updated` yet) and
/// one later removed; on 10 March the entries of March, the update of
/// `updated-in`, the removal, an edit of the free page; on 5 April the
/// entry of April and the update of `updated-after`. `uncommitted` is never
/// committed.
fn scripted_history(site: &TestSite) {
    let root = site.root.as_path();
    let march = hold(
        site,
        &[
            "content/notes/inside.md",
            "content/notes/backdated.md",
            "content/notes/draft.md",
            "content/notes/broken.md",
            "content/resources/new-resource.md",
            "content/resources/new-resource.es.md",
        ],
    );
    let april = hold(site, &["content/notes/after.md"]);
    let uncommitted = hold(site, &["content/notes/uncommitted.md"]);
    let updated = hold(
        site,
        &[
            "content/notes/updated-in.md",
            "content/notes/updated-after.md",
        ],
    );
    for (path, text) in &updated {
        site.write(path, &text.replace("updated = ", "# updated = "));
    }
    site.write(
        "content/notes/removed.md",
        "+++\ntitle = \"Removed in the period\"\nsummary = \"Gone.\"\ndate = 2025-01-14\n+++\nGone.\n",
    );
    std::fs::write(root.join(".gitignore"), "public/\n.calabash/\n").unwrap();
    git(root, JANUARY, &["init", "-q"]);
    commit_all(root, JANUARY, "The hub");

    put_back(site, march);
    let (in_march, in_april) = updated.split_at(1);
    put_back(site, in_march.to_vec());
    std::fs::remove_file(root.join("content/notes/removed.md")).unwrap();
    let about = site.read_source("content/pages/about.md");
    site.write("content/pages/about.md", &format!("{about}\nMore.\n"));
    commit_all(root, IN_MARCH, "March");

    put_back(site, april);
    put_back(site, in_april.to_vec());
    commit_all(root, IN_APRIL, "April");
    put_back(site, uncommitted);
}

#[test]
fn in_git_the_first_commit_of_an_entry_in_the_period_makes_it_new_a_later_one_updated() {
    let site = TestSite::fixture("digest");
    scripted_history(&site);
    let markdown = digest_ok(
        &site.root,
        &[&MARCH[..], &["--format", "markdown"]].concat(),
    );
    // By collection in site.toml order, newest first; the uncommitted entry
    // by its date. Not listed: entries added before the period and not
    // changed in it (whatever their date says), after it, updated after it,
    // removed in it; the draft, the entry with a mistake, the free page.
    let expected = [
        ("Not committed yet", "New, 25 March 2025"),
        ("Dated in 2024, committed in March", "New, 10 March 2025"),
        ("Reading *aloud* [at home] & <school>", "New, 10 March 2025"),
        ("Updated in the period", "Updated, 10 March 2025"),
        ("A new resource", "New, 10 March 2025"),
    ];
    assert_eq!(titles_and_kinds(&markdown), pairs(&expected), "{markdown}");
    assert!(markdown.contains("## Notes") && markdown.contains("## Resources"));
    assert!(markdown.find("## Notes") < markdown.find("## Resources"));
    let urls: Vec<String> = listed(&markdown).into_iter().map(|(_, u, _)| u).collect();
    assert_eq!(urls[4], format!("{BASE}resources/new-resource/"));

    // One day: the commit of 10 March alone.
    let one_day = ["--since", "2025-03-10", "--until", "2025-03-10"];
    let markdown = digest_ok(
        &site.root,
        &[&one_day[..], &["--format", "markdown"]].concat(),
    );
    assert_eq!(titles_and_kinds(&markdown), pairs(&expected[1..]));
    // April: the entry added then and the one updated then.
    let april = [
        "--since",
        "2025-04-01",
        "--until",
        "2025-04-30",
        "--format",
        "markdown",
    ];
    let markdown = digest_ok(&site.root, &april);
    let expected = [
        ("After the period", "New, 5 April 2025"),
        ("Updated after the period", "Updated, 5 April 2025"),
    ];
    assert_eq!(titles_and_kinds(&markdown), pairs(&expected), "{markdown}");
}

#[test]
fn without_git_date_makes_an_entry_new_and_updated_makes_it_updated() {
    let site = TestSite::fixture("digest");
    let out = digest(
        &site.root,
        &[&MARCH[..], &["--format", "markdown"]].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = [
        ("Not committed yet", "New, 25 March 2025"),
        ("Dated in March, committed in January", "New, 15 March 2025"),
        ("Updated in the period", "Updated, 10 March 2025"),
        ("Reading *aloud* [at home] & <school>", "New, 8 March 2025"),
        ("A new resource", "New, 5 March 2025"),
    ];
    assert_eq!(titles_and_kinds(&stdout(&out)), pairs(&expected));
    // What was left out, and why, is said on standard error.
    let said = stderr(&out);
    assert!(said.contains("not in a git repository"), "{said}");
    assert!(said.contains("1 entry with errors is left out"), "{said}");
    assert!(said.contains("4 new, 1 updated"), "{said}");
}

#[test]
fn an_empty_period_gives_a_short_nothing_new_digest() {
    let site = TestSite::fixture("digest");
    let empty = ["--since", "2030-01-01", "--until", "2030-01-31"];
    for (format, nothing) in [
        ("html", "Nothing was published or updated"),
        ("text", "Nothing was published or updated"),
        ("markdown", "Nothing was published or updated"),
    ] {
        let text = digest_ok(&site.root, &[&empty[..], &["--format", format]].concat());
        assert!(text.contains(nothing), "{format}: {text}");
        assert!(!text.contains("/hub/notes/"), "{format}: {text}");
        assert!(text.len() < 4_000, "{format}: {} bytes", text.len());
    }
}

/// Every `href` of an HTML text.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().replace("&amp;", "&"))
        .collect()
}

#[test]
fn the_html_email_is_valid_self_contained_and_absolute() {
    let site = TestSite::fixture("digest");
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("march.html");
    let empty = dir.path().join("empty.html");
    let spanish = dir.path().join("march-es.html");
    for (file, args) in [
        (&full, &MARCH[..]),
        (
            &empty,
            &["--since", "2030-01-01", "--until", "2030-01-31"][..],
        ),
        (&spanish, &[&MARCH[..], &["--lang", "es"]].concat()[..]),
    ] {
        let out_arg = file.to_str().unwrap();
        let printed = digest_ok(&site.root, &[args, &["--output", out_arg]].concat());
        assert!(printed.is_empty(), "--output prints nothing: {printed}");
    }
    let files = [full.clone(), empty.clone(), spanish.clone()];
    let errors = vnu_errors(&files);
    assert!(errors.is_empty(), "Nu Html Checker: {errors:#?}");
    for file in &files {
        let html = std::fs::read_to_string(file).unwrap();
        let lower = html.to_lowercase();
        for banned in [
            "<script",
            "<style",
            "<link",
            "<img",
            "<iframe",
            "<form",
            "url(",
            "@import",
            "@font-face",
            " on",
        ] {
            let found = if banned == " on" {
                lower.contains(" onload=")
                    || lower.contains(" onclick=")
                    || lower.contains(" onerror=")
            } else {
                lower.contains(banned)
            };
            assert!(!found, "{}: has {banned}", file.display());
        }
        assert!(lower.contains("style=\""), "inline styles");
        assert!(lower.contains("<html lang=\""), "a lang attribute");
        let links = hrefs(&html);
        assert!(!links.is_empty());
        for link in links {
            assert!(
                link.starts_with(BASE),
                "{}: {link} is not absolute",
                file.display()
            );
        }
    }
    let html = std::fs::read_to_string(&full).unwrap();
    // The preheader, hidden, first in the body.
    let body = html.split_once("<body").unwrap().1;
    let first = body.split_once("</div>").unwrap().0;
    assert!(first.contains("display:none"), "{first}");
    assert!(first.contains("5 new or updated entries"), "{first}");
    // The hub's words are escaped, never markup.
    assert!(html.contains("Reading *aloud* [at home] &amp; &lt;school&gt;"));
    assert!(!html.contains("<school>"));
}

#[test]
fn the_text_version_carries_every_link_of_the_html_version() {
    let site = TestSite::fixture("digest");
    for extra in [&[][..], &["--lang", "es"][..]] {
        let args = |format: &'static str| [&MARCH[..], extra, &["--format", format]].concat();
        let html = digest_ok(&site.root, &args("html"));
        let text = digest_ok(&site.root, &args("text"));
        let markdown = digest_ok(&site.root, &args("markdown"));
        let links = hrefs(&html);
        assert_eq!(links.len(), 6, "five entries and the hub: {links:?}");
        for link in &links {
            assert!(text.contains(link.as_str()), "text lacks {link}:\n{text}");
            assert!(
                markdown.contains(&format!("({link})")),
                "markdown lacks {link}"
            );
        }
        // Plain text holds no markup and no escapes.
        assert!(
            text.contains("Reading *aloud* [at home] & <school>"),
            "{text}"
        );
        assert!(!text.contains("&amp;") && !text.contains("href"));
    }
}

#[test]
fn markdown_shows_the_hubs_words_as_written() {
    let site = TestSite::fixture("digest");
    let markdown = digest_ok(
        &site.root,
        &[&MARCH[..], &["--format", "markdown"]].concat(),
    );
    assert!(
        markdown.contains("[Reading \\*aloud\\* \\[at home\\] \\& \\<school\\>]("),
        "{markdown}"
    );
}

#[test]
fn in_spanish_the_digest_has_spanish_words_and_links_to_spanish_versions() {
    let site = TestSite::fixture("digest");
    let args = [&MARCH[..], &["--lang", "es", "--format", "markdown"]].concat();
    let markdown = digest_ok(&site.root, &args);
    assert!(
        markdown.starts_with("# Novedades de Centro del Resumen"),
        "{markdown}"
    );
    assert!(markdown.contains("## Notas") && markdown.contains("## Recursos"));
    let entries = listed(&markdown);
    let resource = entries
        .iter()
        .find(|(_, url, _)| url.contains("resource"))
        .unwrap();
    assert_eq!(resource.0, "Un recurso nuevo");
    assert_eq!(resource.1, format!("{BASE}es/resources/new-resource/"));
    assert!(resource.2.starts_with("Nueva, "), "{}", resource.2);
    // Entries without a Spanish version link to theirs, in English.
    let updated = entries
        .iter()
        .find(|(t, _, _)| t == "Updated in the period")
        .unwrap();
    assert_eq!(updated.1, format!("{BASE}notes/updated-in/"));
    assert!(updated.2.starts_with("Actualizada, "), "{}", updated.2);
    assert!(
        markdown.contains(&format!("]({BASE}es/)")),
        "the hub's Spanish home"
    );
    assert!(!markdown.contains("What is new") && !markdown.contains(", New"));

    let html = digest_ok(&site.root, &[&MARCH[..], &["--lang", "es"]].concat());
    assert!(html.contains("<html lang=\"es\">"));
    // An entry in English says so, within a Spanish email.
    assert!(html.contains("lang=\"en\""), "{html}");
}

#[test]
fn fifty_entries_make_an_email_well_under_100_kb() {
    let site = TestSite::fixture("digest");
    for n in 0..50 {
        site.write(
            &format!("content/notes/many-{n:02}.md"),
            &format!(
                "+++\ntitle = \"A fairly long title of a consolidated reply, number {n}\"\n\
                 summary = \"{}\"\ndate = 2025-03-{:02}\n+++\nBody.\n",
                "A summary of the kind hubs write, a sentence or two long. ".repeat(3),
                n % 28 + 1
            ),
        );
    }
    let html = digest_ok(&site.root, &MARCH);
    assert_eq!(hrefs(&html).len(), 56);
    assert!(html.len() < 60_000, "{} bytes", html.len());
}

#[test]
fn bad_arguments_are_usage_errors_naming_the_argument_and_the_expected_form() {
    let site = TestSite::fixture("digest");
    let cases: &[(&[&str], &[&str])] = &[
        (&[], &["--since"]),
        (
            &["--since", "2025-3-1"],
            &["--since", "2025-3-1", "YYYY-MM-DD"],
        ),
        (&["--since", "yesterday"], &["--since", "YYYY-MM-DD"]),
        (&["--since", "2025-02-30"], &["--since", "YYYY-MM-DD"]),
        (&["--since", "2025/03/01"], &["--since", "YYYY-MM-DD"]),
        (&["--since", "20250301"], &["--since", "YYYY-MM-DD"]),
        (&["--since", "2025-03-01T00:00"], &["--since", "YYYY-MM-DD"]),
        (&["--since", "２０２５-03-01"], &["--since", "YYYY-MM-DD"]),
        (&["--since", " 2025-03-01"], &["--since", "YYYY-MM-DD"]),
        (
            &["--since", "2025-03-01", "--until", "2025-13-01"],
            &["--until", "YYYY-MM-DD"],
        ),
        (
            &["--since", "2025-03-02", "--until", "2025-03-01"],
            &["--until 2025-03-01 is before --since 2025-03-02"],
        ),
        (
            &["--since", "2025-03-01", "--lang", "de"],
            &["--lang de", "en, es"],
        ),
        (
            &["--since", "2025-03-01", "--format", "pdf"],
            &["--format", "html", "text", "markdown"],
        ),
    ];
    for (args, said) in cases {
        let out = digest(&site.root, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(stdout(&out).is_empty(), "{args:?}");
        for words in *said {
            assert!(err.contains(words), "{args:?}: no {words:?} in {err}");
        }
    }
}

#[test]
fn a_hubs_own_digest_template_replaces_the_built_in_one_and_its_mistakes_are_named() {
    let site = TestSite::fixture("digest");
    site.write(
        "templates/digest/digest.txt",
        "{% for group in groups %}{% for entry in group.entries %}{{ entry.kind }} {{ entry.url }}\n{% endfor %}{% endfor %}",
    );
    let text = digest_ok(&site.root, &[&MARCH[..], &["--format", "text"]].concat());
    assert_eq!(text.lines().count(), 5, "{text}");
    assert!(
        text.starts_with(&format!("new {BASE}notes/uncommitted/\n")),
        "{text}"
    );
    // The other forms stay built in.
    let html = digest_ok(&site.root, &MARCH);
    assert!(html.contains("<!DOCTYPE html>"));

    site.write("templates/digest/digest.txt", "{{ entry.nothing }\n");
    let out = digest(&site.root, &[&MARCH[..], &["--format", "text"]].concat());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("templates/digest/digest.txt:1:"), "{err}");
}
