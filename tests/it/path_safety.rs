//! No build writes a byte outside its output folder, whatever `site.toml`,
//! front matter, vocabularies and file names say: a battery of hostile
//! values for every setting that makes an output path, each built in a
//! site inside a sandbox folder whose every file outside the output (and
//! its staging and spare siblings, and the search index kept beside the
//! site) is compared before and after. Each hostile value must fail the
//! build with a problem naming the file that holds it, located, with a hint.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support;
use crate::support::site::{TestSite, toml_string};

/// Values meant to escape the output folder, to name something the build
/// or the preview owns, or to collide with another file on macOS or Windows.
const HOSTILE_PATHS: &[&str] = &[
    "/../../../x/",
    "../../x",
    "/a/../../../x/",
    "/x/..",
    "/./x/",
    "/%2e%2e/%2e%2e/x/",
    "/%2E%2E/x/",
    "/.%2e/x/",
    "/%252e%252e/%252e%252e/x/",
    "/%25252e%25252e/x/",
    "/x%2f..%2f..%2fy/",
    "/x%2F%2E%2E%2Fy/",
    "/%5c..%5cx/",
    "/x\\..\\y/",
    "/a//b/",
    "//evil.example/",
    "/.git/",
    "/%2egit/hooks/",
    "/.well-known/",
    "/__calabash/",
    "/__CALABASH/x/",
    "/search/index/",
    "/x\u{0}y/",
    "/x\ny/",
    "/x%00y/",
    "/x%0ay/",
    "/con/",
    "/NUL/",
    "/com1.html/",
    "/a:b/",
    "/a%3ab/",
    "/a*b/",
    "/x./",
    "/x%20/",
    "/a?b/",
    "/a#b/",
    "/%zz/",
    "/%c0%ae%c0%ae/",
];

/// The files of `dir` that a build must leave alone: all but the output
/// folder, its staging and spare folders, and the search index.
fn outside_output(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let owned = |rel: &str| {
        rel == "site/public"
            || rel.starts_with("site/public/")
            || rel.starts_with("site/.public.calabash-")
            || rel == "site/.calabash"
            || rel.starts_with("site/.calabash/")
    };
    support::files::tree(dir, owned)
}

/// Every file of a built site has a safe path.
fn only_safe_names(output: &Path) -> Result<(), String> {
    for item in walkdir::WalkDir::new(output).min_depth(1) {
        let item = item.unwrap();
        let rel = item
            .path()
            .strip_prefix(output)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
        let search_index = rel.starts_with(calabash::search::export::FOLDER);
        if item.file_type().is_file() && rel != calabash::core::paths::MARKER && !search_index {
            calabash::core::paths::names::check_output_file(&rel).map_err(|_| rel)?;
        }
    }
    Ok(())
}

fn entry(extra: &str) -> String {
    format!(
        "+++\ntitle = \"Hostile\"\nsummary = \"A value meant to escape.\"\ndate = 2025-02-01\nstatus = \"ongoing\"\n{extra}\n+++\n\nText.\n"
    )
}

/// One way of putting a hostile value into a site, and the file that holds it.
struct Setting {
    name: &'static str,
    apply: fn(&TestSite, &str),
    holder: fn(&str) -> String,
    /// Whether the holder's problem must carry a line number.
    located: bool,
    /// Whether every hostile value is an error; otherwise it may be made
    /// safe (term ids and filter values become slugs), and the build must
    /// then write only safe names.
    must_fail: bool,
}

fn with_site_toml(site: &TestSite, after: &str, insert: &str) {
    let text = site.read_source("site.toml");
    assert!(text.contains(after));
    site.write(
        "site.toml",
        &text.replacen(after, &format!("{after}\n{insert}"), 1),
    );
}

const SETTINGS: &[Setting] = &[
    Setting {
        name: "term id",
        apply: |site, value| {
            let text = site.read_source("content/_taxonomies/topics.toml");
            let term = format!(
                "\n[[terms]]\nid = {}\nlabel = \"Hostile\"\n",
                toml_string(value)
            );
            site.write("content/_taxonomies/topics.toml", &(text + &term));
            let topics = format!("topics = [{}]", toml_string(value));
            site.write("content/notes/hostile.md", &entry(&topics));
        },
        holder: |_| "content/_taxonomies/topics.toml".into(),
        located: true,
        must_fail: false,
    },
    Setting {
        name: "filter value",
        apply: |site, value| {
            let quoted = toml_string(value);
            with_site_toml(site, "title = \"Notes\"", "filters = [\"kind\"]");
            with_site_toml(
                site,
                "attachment = { type = \"file\" }",
                &format!("kind = {{ type = \"enum\", values = [{quoted}] }}"),
            );
            site.write(
                "content/notes/hostile.md",
                &entry(&format!("kind = {quoted}")),
            );
        },
        holder: |_| "site.toml".into(),
        located: false,
        must_fail: false,
    },
    Setting {
        name: "collection url",
        apply: |site, value| {
            with_site_toml(
                site,
                "title = \"Notes\"",
                &format!("url = {}", toml_string(value)),
            )
        },
        holder: |_| "site.toml".into(),
        located: true,
        must_fail: true,
    },
    Setting {
        name: "taxonomy url",
        apply: |site, value| {
            with_site_toml(
                site,
                "title = \"Topics\"",
                &format!("url = {}", toml_string(value)),
            )
        },
        holder: |_| "site.toml".into(),
        located: true,
        must_fail: true,
    },
    Setting {
        name: "alias",
        apply: |site, value| {
            let aliases = format!("aliases = [{}]", toml_string(value));
            site.write("content/notes/hostile.md", &entry(&aliases));
        },
        holder: |_| "content/notes/hostile.md".into(),
        located: true,
        must_fail: true,
    },
    Setting {
        name: "filter field name",
        apply: |site, value| {
            let key = toml_string(value);
            with_site_toml(site, "title = \"Notes\"", &format!("filters = [{key}]"));
            with_site_toml(
                site,
                "attachment = { type = \"file\" }",
                &format!("{key} = {{ type = \"enum\", values = [\"a\"] }}"),
            );
            site.write(
                "content/notes/hostile.md",
                &entry(&format!("{key} = \"a\"")),
            );
        },
        holder: |_| "site.toml".into(),
        located: true,
        must_fail: true,
    },
];

/// Builds the base site with `value` applied, and checks the outcome.
fn attempt(setting: &Setting, value: &str) -> Result<(), String> {
    let site = TestSite::fixture("errors/base");
    let sandbox = site.root.parent().unwrap().to_path_buf();
    site.write("../neighbour/keep.txt", "a neighbour's file");
    (setting.apply)(&site, value);
    let before = outside_output(&sandbox);
    let result = site.build();
    let after = outside_output(&sandbox);
    let what = format!("{} {value:?}", setting.name);
    if before != after {
        let changed: Vec<&String> = after
            .keys()
            .filter(|k| before.get(*k) != after.get(*k))
            .collect();
        return Err(format!(
            "{what}: files outside the output changed: {changed:?}"
        ));
    }
    let problems = match result {
        Ok(_) if setting.must_fail => return Err(format!("{what}: the build succeeded")),
        Ok(_) => {
            return only_safe_names(&site.output()).map_err(|bad| format!("{what}: wrote {bad}"));
        }
        Err(problems) => problems,
    };
    let holder = (setting.holder)(value);
    let named = problems
        .iter()
        .find(|d| d.path == holder && d.hint.is_some() && (!setting.located || d.line > 0));
    if named.is_none() {
        let headlines = support::site::headlines(&problems);
        return Err(format!(
            "{what}: no located problem in {holder} with a hint: {headlines:#?}"
        ));
    }
    Ok(())
}

#[test]
fn hostile_values_of_every_path_setting_never_write_outside_the_output() {
    let mut failures = Vec::new();
    for setting in SETTINGS {
        for value in HOSTILE_PATHS {
            // A TOML key cannot hold a line break: that site.toml is
            // malformed before any path is made.
            if setting.name == "filter field name" && value.contains('\n') {
                continue;
            }
            if let Err(failure) = attempt(setting, value) {
                failures.push(failure);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// File names that become output paths: entry and page slugs, static files
/// of the site and of the theme.
const HOSTILE_FILE_NAMES: &[&str] = &[
    "con",
    "CON",
    "nul.txt",
    "a:b",
    "a*b",
    "a\\b",
    "tab\tname",
    "x.",
    "x ",
    "%2e%2e",
    "__calabash/live.js",
    "search/index/words",
];

#[test]
fn hostile_file_names_never_write_outside_the_output() {
    let mut failures = Vec::new();
    // Where each name goes; the problem must name that very file.
    let places = [
        ("entry", "content/notes/{}.md"),
        ("page", "content/pages/{}.md"),
        ("static file", "static/{}"),
        ("theme static file", "themes/test/static/{}"),
    ];
    for (place, pattern) in places {
        for name in HOSTILE_FILE_NAMES {
            // Entry files sit directly in their collection's folder.
            if (place == "entry" || place == "page") && name.contains('/') {
                continue;
            }
            let site = TestSite::fixture("errors/base");
            let sandbox = site.root.parent().unwrap().to_path_buf();
            let file = pattern.replace("{}", name);
            site.write(&file, &entry(""));
            let before = outside_output(&sandbox);
            let result = site.build();
            let what = format!("{place} {name:?}");
            if outside_output(&sandbox) != before {
                failures.push(format!("{what}: files outside the output changed"));
            }
            match result {
                Ok(_) => failures.push(format!("{what}: the build succeeded")),
                Err(problems) if !problems.iter().any(|d| d.path == file && d.hint.is_some()) => {
                    failures.push(format!(
                        "{what}: {:#?}",
                        support::site::headlines(&problems)
                    ));
                }
                Err(_) => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
