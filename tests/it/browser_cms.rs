//! The browser editor end to end, in headless Chromium
//! (tests/browser/cms.mjs): the sample hub, in a git repository of its
//! own, built with `[cms]` and the editor's script copied from
//! tests/node_modules (no request leaves the machine); Decap's local
//! backend, decap-server, on 127.0.0.1 in git mode. Through the forms an
//! expert profile and a case study are created (terms, a reference to
//! another entry, dates) and saved, each to its `cms/...` branch by the
//! editorial workflow. The files written there pass `calabash check` as
//! they are, hold no emptied field, and render on the rebuilt site with
//! the title, term and reference link entered.

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::browser::{one_browser, run, serve};
use crate::support::cli::{calabash_on, stderr, stdout};
use crate::support::files::front_matter;
use crate::support::git::{Who, git as git_as, identity};
use crate::support::repo;
use crate::support::report::Report;
use crate::support::site::TestSite;

/// The hub's editor, who commits the hub and whom decap-server commits as.
const EDITOR: Who = ("Hub Editor", "editor@example.org", "2025-03-01T09:00:00Z");

fn git(dir: &Path, args: &[&str]) -> String {
    git_as(dir, EDITOR, args)
}

/// decap-server, stopped (killed) when dropped.
struct DecapServer {
    child: Child,
    port: u16,
}

impl DecapServer {
    /// Starts it on 127.0.0.1 (`BIND_HOST`; it listens on every interface
    /// by default) in git mode on the repository at `dir`.
    fn start(dir: &Path) -> DecapServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("node")
            .arg(repo().join("tests/node_modules/decap-server/dist/index.js"))
            .current_dir(dir)
            .envs(identity(dir, EDITOR))
            .env("MODE", "git")
            .env("GIT_REPO_DIRECTORY", dir)
            .env("BIND_HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .env("LOG_LEVEL", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs decap-server (npm ci --prefix tests installs it)");
        let server = DecapServer { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "decap-server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }
}

impl Drop for DecapServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The sample hub serving its own copy of the editor, committed in a
/// repository of its own.
fn hub_repository() -> TestSite {
    let site = TestSite::sample_hub_with_built_in_theme();
    let dist = repo().join("tests/node_modules/decap-cms/dist");
    let target = site.root.join("node_modules/decap-cms/dist");
    std::fs::create_dir_all(&target).unwrap();
    for file in std::fs::read_dir(&dist).unwrap().map(Result::unwrap) {
        let name = file.file_name().to_string_lossy().to_string();
        if name == "decap-cms.js" || name.ends_with(".decap-cms.js") || name.ends_with(".wasm") {
            std::fs::copy(file.path(), target.join(&name)).unwrap();
        }
    }
    let toml = site.read_source("site.toml");
    let toml = toml.replace(
        "[cms]\nbuild = true\n",
        "[cms]\nbuild = true\nscript = \"node_modules/decap-cms/dist/decap-cms.js\"\n",
    );
    assert!(toml.contains("script = \"node_modules"));
    site.write("site.toml", &toml);
    site.write(".gitignore", "node_modules/\npublic/\n.calabash/\n");
    git(&site.root, &["init", "-q"]);
    git(&site.root, &["add", "-A"]);
    git(&site.root, &["commit", "-q", "-m", "The hub"]);
    site
}

/// Brings the files of every `cms/...` branch into the working tree: what
/// merging the editor's pull requests would do.
fn take_branches(root: &Path) -> Vec<String> {
    let branches = git(
        root,
        &["branch", "--list", "cms/*", "--format=%(refname:short)"],
    );
    let mut files = Vec::new();
    for branch in branches.lines() {
        let changed = git(root, &["diff", "--name-only", &format!("main...{branch}")]);
        for file in changed.lines() {
            let text = git(root, &["show", &format!("{branch}:{file}")]);
            std::fs::write(root.join(file), text).unwrap();
            files.push(file.to_string());
        }
    }
    files.sort();
    files
}

#[test]
fn entries_made_in_the_editor_pass_check_and_render() {
    let _browser = one_browser();
    let site = hub_repository();
    let decap = DecapServer::start(&site.root);
    let served = serve(&site.root);
    assert!(served.site.join("admin/decap-cms.js").is_file());
    let result = run("cms.mjs", &served, &[decap.port.to_string()], 5);
    let error = (result.get("error").and_then(|e| e.as_str())).unwrap_or_default();
    assert!(error.is_empty(), "the editor failed: {error}\n{result:#}");
    assert_eq!(
        result.strings("foreign"),
        Vec::<String>::new(),
        "requests off the machine"
    );
    assert_eq!(result.list("saved").len(), 2, "{result:#}");

    let files = take_branches(&site.root);
    assert_eq!(
        files,
        [
            "content/case-studies/reading-buddies-in-test-town.md",
            "content/experts/dr-test-editor.md"
        ]
    );
    let expert = site.read_source("content/experts/dr-test-editor.md");
    assert!(expert.starts_with("+++\n"), "{expert}");
    assert!(
        !expert.contains("= \"\""),
        "an emptied field was written:\n{expert}"
    );
    assert!(!expert.contains("job_title"), "{expert}");
    let case_study = site.read_source("content/case-studies/reading-buddies-in-test-town.md");
    let fields = front_matter(
        &site
            .root
            .join("content/case-studies/reading-buddies-in-test-town.md"),
    );
    assert_eq!(
        fields["contacts"],
        toml::Value::from(vec!["marcia-campbell"])
    );
    assert_eq!(fields["countries"], toml::Value::from(vec!["JM"]));
    assert_eq!(fields["levels"], toml::Value::from(vec!["primary"]));
    assert_eq!(fields["status"].as_str(), Some("ongoing"));
    // The date widget writes a quoted date, which check reads as a date.
    assert_eq!(fields["date"].to_string().trim_matches('"'), "2025-04-02");
    let out = calabash_on(&site.root, &["check"]);
    assert!(
        out.status.success(),
        "check fails the editor's files:\n{}{}\n{expert}\n{case_study}",
        stdout(&out),
        stderr(&out)
    );
    let rebuilt = site.root.join("public");
    site.build_ok();
    let page =
        std::fs::read_to_string(rebuilt.join("practice/reading-buddies-in-test-town/index.html"))
            .unwrap();
    assert!(page.contains("Reading buddies in Test Town"));
    assert!(page.contains("Jamaica"));
    assert!(
        page.contains("/experts/marcia-campbell/"),
        "no link to the contact"
    );
    let profile =
        std::fs::read_to_string(rebuilt.join("experts/dr-test-editor/index.html")).unwrap();
    assert!(profile.contains("Dr Test Editor"));
    assert!(profile.contains("Assessment"));
}
