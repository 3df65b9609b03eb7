//! `[cms]` of `site.toml`: each mistake reported at its line with what to
//! do; `build = true` writes `/admin/` and leaves every reader-facing file
//! as it was; a script of the site's repository is copied with the files
//! it loads; `calabash cms` writes where it says.

use crate::cms::cms_site;
use crate::support::cli::{calabash_on, path_arg, stderr, stdout};
use crate::support::files::snapshot;
use crate::support::site::TestSite;

/// The problems `site.toml` with `[cms]` set to `table` has, as
/// `line: message | hint`.
fn problems_of(table: &str) -> Vec<String> {
    let base =
        std::fs::read_to_string(crate::support::fixtures().join("valid-basic/site.toml")).unwrap();
    let text = format!("{base}\n[cms]\n{table}\n");
    let problems = calabash::config::parse(&text, None).expect_err("a mistake");
    problems
        .iter()
        .map(|d| {
            assert_eq!(d.path, "site.toml");
            let line = text.lines().nth(d.line - 1).unwrap_or_default();
            format!(
                "{}: {} | {}",
                line.trim(),
                d.message,
                d.hint.clone().unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn each_bad_setting_is_reported_at_its_line_with_what_to_do() {
    let cases: [(&str, &str, &str); 10] = [
        ("buld = true", "unknown field `buld`", "`build`"),
        ("build = \"yes\"", "invalid type", ""),
        (
            "script = \"http://cdn.example.org/decap-cms.js\"\nintegrity = \"sha384-abc\"",
            "is not an https:// address",
            "https://",
        ),
        (
            "script = \"https://cdn.example.org/decap-cms.js\"",
            "has no integrity hash",
            "integrity = \"sha384-",
        ),
        (
            "script = \"https://cdn.example.org/decap-cms.js\"\nintegrity = \"md5-abc\"",
            "is not a subresource integrity hash",
            "sha384-",
        ),
        (
            "integrity = \"sha384-abc\"",
            "integrity is set but script is not",
            "remove integrity",
        ),
        (
            "script = \"../outside/decap-cms.js\"",
            "neither an https:// address nor a .js file of the site",
            "node_modules/decap-cms/dist/decap-cms.js",
        ),
        (
            "media_folder = \"uploads\"",
            "is not a folder under static/",
            "static/uploads",
        ),
        (
            "publish_mode = \"pull_requests\"",
            "is not one the editor knows",
            "editorial_workflow",
        ),
        (
            "auth_url = \"http://auth.example.org\"",
            "is not an https:// address",
            "OAuth",
        ),
    ];
    for (table, message, hint) in cases {
        let problems = problems_of(table);
        assert_eq!(problems.len(), 1, "{table}: {problems:#?}");
        let problem = &problems[0];
        let (at, rest) = problem.split_once(": ").unwrap();
        let setting = table.lines().next().unwrap();
        let named = setting.split(' ').next().unwrap();
        assert!(
            at.starts_with(named) || table.lines().any(|l| l == at),
            "{table}: reported at `{at}`"
        );
        assert!(rest.contains(message), "{table}: {problem}");
        assert!(
            rest.split(" | ").nth(1).unwrap().contains(hint),
            "{table}: {problem}"
        );
        assert!(!rest.ends_with("| "), "{table}: no hint in {problem}");
    }
}

#[test]
fn an_editor_without_a_repository_is_refused() {
    let site = cms_site();
    let toml = site.read_source("site.toml");
    let toml = toml.replace(
        "repository_url = \"https://github.com/example/test-hub\"\n",
        "",
    );
    site.write("site.toml", &format!("{toml}\n[cms]\nbuild = true\n"));
    let problems = site.build_err();
    let problem = problems
        .iter()
        .find(|d| d.message.contains("[cms]"))
        .expect("reported");
    assert_eq!(
        (problem.path.as_str(), problem.line),
        ("site.toml", toml.lines().count() + 2)
    );
    assert!(problem.hint.as_deref().unwrap().contains("repository_url"));
    // `calabash cms` says so too, without [cms].
    site.write("site.toml", &toml);
    let out = calabash_on(&site.root, &["cms", "--output", "editor"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("repository_url"), "{}", stderr(&out));
}

#[test]
fn building_with_the_editor_adds_admin_and_changes_no_reader_file() {
    let site = cms_site().with_hub_theme();
    let without = site.build_snapshot();
    let toml = site.read_source("site.toml");
    site.write("site.toml", &format!("{toml}\n[cms]\nbuild = true\n"));
    let mut with = site.build_snapshot();
    let admin: Vec<String> = with
        .keys()
        .filter(|k| k.starts_with("admin/"))
        .cloned()
        .collect();
    assert_eq!(admin, ["admin/config.yml", "admin/index.html"]);
    let page = String::from_utf8(with["admin/index.html"].clone()).unwrap();
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(page.contains(&format!(
        "src=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\"",
        calabash::config::DEFAULT_SCRIPT,
        calabash::config::DEFAULT_INTEGRITY
    )));
    assert!(page.contains("CMS.registerPreviewStyle(\"/style.css\")"));
    with.retain(|k, _| !k.starts_with("admin/"));
    // Byte for byte: the sitemap, the search index, feeds and every page.
    crate::support::files::assert_same_files(&without, &with, "reader-facing files");
}

#[test]
fn a_page_of_the_site_at_admin_is_refused_with_the_editor_on() {
    let site = cms_site();
    site.write(
        "content/pages/admin.md",
        "+++\ntitle = \"Admin\"\nsummary = \"Ours.\"\n+++\n",
    );
    let toml = site.read_source("site.toml");
    site.write("site.toml", &format!("{toml}\n[cms]\nbuild = true\n"));
    let problems = site.build_err();
    assert!(
        problems.iter().any(|d| d.message.contains("writes /admin/") && d.message.contains("admin/index.html")),
        "{problems:#?}"
    );
    // `check`, the pull request's gate, says it too.
    let checked = crate::support::cli::check(&site.root, &[]);
    let said = crate::support::cli::stderr(&checked) + &crate::support::cli::stdout(&checked);
    assert!(
        !checked.status.success() && said.contains("writes /admin/"),
        "{said}"
    );
    // So does the preview, which would write the editor over the page.
    let shown = crate::support::site::headlines(&site.preview_err()).join("\n");
    assert!(shown.contains("writes /admin/"), "{shown}");
}

#[test]
fn a_script_of_the_site_is_copied_with_the_files_it_loads() {
    let site = cms_site();
    let dist = "node_modules/decap-cms/dist";
    for (name, text) in [
        ("decap-cms.js", "main"),
        ("103.decap-cms.js", "chunk"),
        ("dd5d.wasm", "module"),
        ("cms.js", "another build"),
        ("decap-cms.js.map", "map"),
    ] {
        site.write(&format!("{dist}/{name}"), text);
    }
    let toml = site.read_source("site.toml");
    site.write(
        "site.toml",
        &format!("{toml}\n[cms]\nbuild = true\nscript = \"{dist}/decap-cms.js\"\n"),
    );
    site.build_ok();
    let mut admin: Vec<String> = snapshot(&site.output().join("admin")).into_keys().collect();
    admin.sort();
    assert_eq!(
        admin,
        [
            "103.decap-cms.js",
            "config.yml",
            "dd5d.wasm",
            "decap-cms.js",
            "index.html"
        ]
    );
    let page = std::fs::read_to_string(site.output().join("admin/index.html")).unwrap();
    assert!(
        page.contains("<script src=\"decap-cms.js\"></script>"),
        "{page}"
    );
    assert!(!page.contains("unpkg.com"));
    // A missing script fails the build, naming the line of site.toml.
    std::fs::remove_file(site.root.join(dist).join("decap-cms.js")).unwrap();
    let problems = site.build_err();
    let line = toml.lines().count() + 4;
    let problem = problems
        .iter()
        .find(|d| d.message.contains("[cms] script"))
        .expect("reported");
    assert_eq!(
        (problem.path.as_str(), problem.line),
        ("site.toml", line),
        "{problem:?}"
    );
    assert!(
        problem
            .hint
            .as_deref()
            .unwrap()
            .contains("npm install decap-cms")
    );
}

#[test]
fn the_cms_command_writes_into_output_or_into_the_built_site() {
    let site = cms_site();
    let out = calabash_on(&site.root, &["cms"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("calabash build"), "{}", stderr(&out));
    let dir = site.root.join("editor");
    let out = calabash_on(&site.root, &["cms", "--output", path_arg(&dir)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Wrote the editor"));
    let mut names: Vec<String> = snapshot(&dir).into_keys().collect();
    names.sort();
    assert_eq!(names, ["config.yml", "index.html"]);
    site.build_ok();
    let out = calabash_on(&site.root, &["cms"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(site.output().join("admin/config.yml")).unwrap(),
        std::fs::read(dir.join("config.yml")).unwrap()
    );
}

#[test]
fn sample_hub_builds_admin_and_keeps_it_out_of_sitemap_and_search() {
    let site = TestSite::sample_hub_with_built_in_theme();
    assert!(
        site.read_source("site.toml")
            .contains("[cms]\nbuild = true")
    );
    site.build_ok();
    let out = site.output();
    assert!(out.join("admin/index.html").is_file());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("/admin/"));
    for file in walkdir::WalkDir::new(&out).into_iter().map(Result::unwrap) {
        let rel = file
            .path()
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if file.file_type().is_file() && !rel.starts_with("admin/") {
            let bytes = std::fs::read(file.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("/admin/") && !text.contains("decap"),
                "{rel} mentions the editor"
            );
        }
    }
}

#[test]
fn serve_writes_the_editor_and_follows_a_vocabulary_change() {
    use std::collections::BTreeSet;
    let site = cms_site();
    let toml = site.read_source("site.toml");
    site.write("site.toml", &format!("{toml}\n[cms]\nbuild = true\n"));
    let served = site.root.join(".calabash/serve");
    let mut session =
        calabash::serve::session::Session::new(&site.root, &served, Default::default());
    session.start().expect("the site builds");
    let config = || std::fs::read_to_string(served.join("admin/config.yml")).unwrap();
    assert!(config().contains("\"Jamaica\""));
    assert!(!config().contains("\"Barbados\""));
    let vocabulary = "content/_taxonomies/countries.toml";
    let text = site.read_source(vocabulary);
    site.write(
        vocabulary,
        &format!("{text}\n[[terms]]\nid = \"BB\"\nlabel = \"Barbados\"\n"),
    );
    let changed: BTreeSet<String> = [vocabulary.to_string()].into();
    let outcome = session.apply(&changed, false).expect("the site builds");
    assert!(outcome.files.contains("admin/config.yml"));
    assert!(config().contains("\"Barbados\""));
    // Turned off: the editor's files go.
    site.write("site.toml", &toml);
    let changed: BTreeSet<String> = ["site.toml".to_string()].into();
    session.apply(&changed, false).expect("the site builds");
    assert!(!served.join("admin/config.yml").exists());
}
