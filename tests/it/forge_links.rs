//! "Suggest an edit" and "Add a ..." links for every forge: GitHub, GitLab,
//! Forgejo (Codeberg), a self-hosted Gitea, and patterns of a hub's own.
//! Each link has its forge's shape, names the right file, and the text an
//! "Add" link carries, percent-decoded, is byte for byte what `calabash new`
//! writes for that collection on the same day.

use std::collections::BTreeMap;

use calabash::config;
use percent_encoding::percent_decode_str;

use crate::support::cli::{command, stderr};
use crate::support::html::unescape;
use crate::support::site::TestSite;

/// The day of `build_snapshot`'s fixed build time (1 780 000 000 s), in UTC.
const BUILD_DAY: &str = "2026-05-28";

struct Forge {
    name: &'static str,
    /// Lines replacing `repository_url = ...` in site.toml.
    settings: &'static str,
    edit_prefix: &'static str,
    /// The new-file page before `content/<collection>`, and its parameters'
    /// names for the file name and the text.
    new_prefix: &'static str,
    filename: &'static str,
    value: &'static str,
}

const FORGES: [Forge; 5] = [
    Forge {
        name: "GitHub",
        settings: "repository_url = \"https://github.com/owner/hub\"\n",
        edit_prefix: "https://github.com/owner/hub/edit/main/",
        new_prefix: "https://github.com/owner/hub/new/main/",
        filename: "filename",
        value: "value",
    },
    Forge {
        name: "GitLab",
        settings: "repository_url = \"https://gitlab.com/group/sub/hub\"\n",
        edit_prefix: "https://gitlab.com/group/sub/hub/-/edit/main/",
        new_prefix: "https://gitlab.com/group/sub/hub/-/new/main/",
        filename: "file_name",
        value: "content",
    },
    Forge {
        name: "Forgejo",
        settings: "repository_url = \"https://codeberg.org/owner/hub\"\n",
        edit_prefix: "https://codeberg.org/owner/hub/_edit/main/",
        new_prefix: "https://codeberg.org/owner/hub/_new/main/",
        filename: "filename",
        value: "value",
    },
    Forge {
        name: "Gitea",
        settings: "repository_url = \"https://git.example.org/hub/site\"\n[forge]\nkind = \"gitea\"\n",
        edit_prefix: "https://git.example.org/hub/site/_edit/main/",
        new_prefix: "https://git.example.org/hub/site/_new/main/",
        filename: "filename",
        value: "value",
    },
    Forge {
        name: "patterns",
        settings: "repository_url = \"https://code.example.org/hub\"\n[forge]\nkind = \"gitlab\"\n\
                   edit_url = \"https://code.example.org/edit?b={branch}&p={path}\"\n\
                   new_url = \"{repository}/create/{branch}/{dir}?name={filename}&text={value}\"\n",
        edit_prefix: "https://code.example.org/edit?b=main&p=",
        new_prefix: "https://code.example.org/hub/create/main/",
        filename: "name",
        value: "text",
    },
];

/// The `href` of the first link whose text starts with `text`.
fn link(html: &str, text: &str) -> Option<String> {
    let at = html.find(&format!("\">{text}"))?;
    let start = html[..at].rfind("href=\"")? + "href=\"".len();
    Some(unescape(&html[start..at]))
}

fn query(url: &str) -> BTreeMap<String, String> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| {
            (
                k.to_string(),
                percent_decode_str(v).decode_utf8().unwrap().into_owned(),
            )
        })
        .collect()
}

/// What `calabash new <collection> "<title>"` writes on `BUILD_DAY`.
fn calabash_new(site: &TestSite, collection: &str, title: &str) -> (String, String) {
    let out = command()
        .args(["new", collection, title, "--root"])
        .arg(&site.root)
        .env("CALABASH_TODAY", BUILD_DAY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let folder = site.root.join("content").join(collection);
    let made = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .max_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap())
        .unwrap();
    let text = std::fs::read_to_string(&made).unwrap();
    std::fs::remove_file(&made).unwrap();
    (
        made.file_name().unwrap().to_string_lossy().into_owned(),
        text,
    )
}

#[test]
fn edit_and_add_links_fit_each_forge() {
    let site = TestSite::sample_hub();
    let original = site.read_source("site.toml");
    let line = original
        .lines()
        .find(|l| l.starts_with("repository_url"))
        .unwrap();
    for forge in &FORGES {
        // Issue forms exist on GitHub and Forgejo/Gitea only: the sample's
        // actions are left out here; they have tests of their own.
        let start = original.find("[actions]").unwrap();
        let end = original.find("[markdown]").unwrap();
        // The repository's line in place; a [forge] table after every
        // top-level key.
        let (url, table) = forge.settings.split_once('\n').unwrap();
        let toml = format!("{}{}\n{table}", &original[..start], &original[end..])
            .replace(&format!("{line}\n"), &format!("{url}\n"));
        site.write("site.toml", &toml);
        site.build_snapshot();
        let config = config::load(&site.root, None).unwrap();
        for collection in config.collections.iter().filter(|c| !c.is_pages()) {
            let list = site.page(&format!(
                "{}index.html",
                collection.path.trim_start_matches('/')
            ));
            let singular = collection.singular.to_lowercase();
            let add = link(&list, &format!("Add a {singular} on"))
                .or_else(|| link(&list, &format!("Add an {singular} on")))
                .unwrap_or_else(|| panic!("{}: no Add link on {}", forge.name, collection.path));
            let dir = format!("content/{}", collection.name);
            assert!(
                add.starts_with(&format!("{}{dir}?", forge.new_prefix)),
                "{}: {add}",
                forge.name
            );
            let params = query(&add);
            let (file, text) = calabash_new(
                &site,
                &collection.name,
                &calabash::new::starter_title(collection),
            );
            assert_eq!(
                params.get(forge.filename),
                Some(&file),
                "{}: {add}",
                forge.name
            );
            assert_eq!(
                params.get(forge.value),
                Some(&text),
                "{}: the Add link of {} carries what `calabash new` writes",
                forge.name,
                collection.name
            );

            // The edit link of an entry of the collection names its file.
            let entry = std::fs::read_dir(site.root.join(&dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    let stem = p.file_stem().unwrap().to_string_lossy();
                    calabash::core::translation::split_stem(&stem).1.is_none()
                })
                .find(|p| std::fs::read_to_string(p).is_ok_and(|t| !t.contains("draft = true")))
                .unwrap();
            let slug = entry.file_stem().unwrap().to_string_lossy().into_owned();
            let page = site.page(&format!(
                "{}{slug}/index.html",
                collection.path.trim_start_matches('/')
            ));
            let edit = link(&page, "Edit this page")
                .unwrap_or_else(|| panic!("{}: no edit link for {slug}", forge.name));
            let rest = edit
                .strip_prefix(forge.edit_prefix)
                .unwrap_or_else(|| panic!("{}: {edit}", forge.name));
            assert_eq!(
                percent_decode_str(rest).decode_utf8().unwrap(),
                format!("{dir}/{slug}.md"),
                "{}",
                forge.name
            );
        }
    }
}

#[test]
fn file_names_are_encoded_in_edit_links() {
    let forge = config::Forge {
        kind: config::ForgeKind::GitHub,
        repository: "https://github.com/o/h".into(),
        branch: "release/2026 ü".into(),
        edit_pattern: config::ForgeKind::GitHub.edit_pattern().into(),
        new_pattern: config::ForgeKind::GitHub.new_pattern().into(),
    };
    for name in ["a b.md", "ça#1?.md", "100%.md", "x&y=z.md", "new\nline.md"] {
        let url = forge.edit_url(&format!("content/notes/{name}"));
        let path = url.strip_prefix("https://github.com/o/h/edit/").unwrap();
        assert!(!path.contains([' ', '#', '?', '\n', '&']), "{url}");
        assert_eq!(
            percent_decode_str(path).decode_utf8().unwrap(),
            format!("release/2026 ü/content/notes/{name}")
        );
    }
    let url = forge.new_url("content/notes", "a&b.md", "x = \"a&b=c#d\"\n+ 100%");
    let params = query(&url);
    assert_eq!(params["filename"], "a&b.md");
    assert_eq!(params["value"], "x = \"a&b=c#d\"\n+ 100%");
}
