//! Helpers for the tests that check the built sample hub from the outside:
//! build a site with the compiled `calabash` binary, walk its output, and
//! run the Node tools of `tests/package.json` (installed into
//! `tests/node_modules` on first use) with a time limit.

#![allow(dead_code)] // each test binary uses a different part of this module

pub mod browser;
pub mod calendar;
pub mod serve;
pub mod server;

#[path = "../common/copy_tree.rs"]
mod copy_tree;
pub use copy_tree::copy_tree;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The repository: the sample hub's site.toml, content/ and themes/hub.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the site at `root` into `output` with the compiled binary.
pub fn build(root: &Path, output: &Path, base_url: Option<&str>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_calabash"));
    cmd.args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output);
    if let Some(url) = base_url {
        cmd.args(["--base-url", url]);
    }
    let out = cmd.output().expect("run calabash");
    assert!(
        out.status.success(),
        "calabash build of {} failed:\n{}{}",
        root.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The sample hub built into `<tmp>/site`.
pub fn build_sample_hub(tmp: &Path) -> PathBuf {
    let site = tmp.join("site");
    build(&repo(), &site, None);
    site
}

/// `tests/fixtures/injection/payload.txt`: the text that tries to run script.
pub fn payload() -> String {
    let path = repo().join("tests/fixtures/injection/payload.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .trim_end()
        .to_string()
}

/// Assembles the injection fixture in `<tmp>/src` (see its README): the
/// repository's site.toml with the payload as title and description, its
/// taxonomies plus a payload term, the fixture's content, the real theme.
pub fn injection_site(tmp: &Path) -> PathBuf {
    let root = tmp.join("src");
    let fixture = repo().join("tests/fixtures/injection");
    let mut config: toml::Table = std::fs::read_to_string(repo().join("site.toml"))
        .unwrap()
        .parse()
        .unwrap();
    config.insert("title".into(), payload().into());
    config.insert("description".into(), payload().into());
    let markdown = config
        .entry("markdown")
        .or_insert_with(|| toml::Table::new().into());
    markdown
        .as_table_mut()
        .unwrap()
        .insert("trust_html".into(), false.into());
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("site.toml"), toml::to_string(&config).unwrap()).unwrap();
    copy_tree(
        &repo().join("content/_taxonomies"),
        &root.join("content/_taxonomies"),
    );
    let topics = root.join("content/_taxonomies/topics.toml");
    let extra = std::fs::read_to_string(fixture.join("topics-append.toml")).unwrap();
    let text = std::fs::read_to_string(&topics).unwrap() + &extra;
    std::fs::write(&topics, text).unwrap();
    copy_tree(&fixture.join("content"), &root.join("content"));
    copy_tree(&repo().join("themes/hub"), &root.join("themes/hub"));
    root
}

/// Every file under `dir` whose name ends with `suffix`, sorted.
pub fn files_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("readable output").into_path())
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(suffix))
        .collect();
    found.sort();
    found
}

/// The URL path of an output file: `<site>/library/x/index.html` → `/library/x/`.
pub fn url_path(site: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(site)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    match rel.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{rel}"),
    }
}

/// True for the small pages Calabash writes for `aliases` (a meta refresh).
pub fn is_redirect(html: &str) -> bool {
    html.contains("http-equiv=\"refresh\"")
}

/// The front matter of a content file, parsed.
pub fn front_matter(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text
        .strip_prefix("+++\n")
        .expect("front matter opens with +++");
    let end = rest.find("\n+++").expect("front matter closes with +++");
    rest[..end]
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The published (non-draft) entries of a collection: `(slug, front matter)`.
pub fn entries(collection: &str) -> Vec<(String, toml::Table)> {
    let mut found = Vec::new();
    for path in files_ending(&repo().join("content").join(collection), ".md") {
        let fm = front_matter(&path);
        if fm.get("draft").and_then(|d| d.as_bool()) == Some(true) {
            continue;
        }
        let slug = path.file_stem().unwrap().to_string_lossy().to_string();
        found.push((slug, fm));
    }
    found
}

/// Makes sure `tests/node_modules` has what tests/package.json pins
/// (`npm ci --prefix tests` on first use). A missing npm is a failure.
pub fn node_tools() {
    static READY: OnceLock<()> = OnceLock::new();
    READY.get_or_init(|| {
        let modules = repo().join("tests/node_modules");
        let wanted = ["puppeteer-core", "axe-core", "ical.js", "vnu-jar"];
        if wanted
            .iter()
            .all(|m| modules.join(m).join("package.json").exists())
        {
            return;
        }
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(repo().join("tests"))
            .status()
            .expect("npm is needed to install the test tools (npm ci --prefix tests)");
        assert!(status.success(), "npm ci --prefix tests failed");
    });
}

/// Fails with a clear message when Debian's Chromium is not installed: in CI
/// (`CI=true`) and locally alike, a missing browser is a failure, not a skip.
pub fn require_chromium() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "no browser at {CHROMIUM}: install chromium (apt-get install chromium){}",
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            "; .ci/run should have installed it"
        } else {
            ""
        }
    );
}

/// What a Node script printed, once it exited.
pub struct NodeRun {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl NodeRun {
    /// The JSON document the script printed as its last stdout line.
    pub fn json(&self) -> serde_json::Value {
        assert!(
            self.success,
            "the node script failed:\n{}\n{}",
            self.stderr, self.stdout
        );
        let line = self.stdout.lines().last().unwrap_or_default();
        serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("no JSON from the node script ({e}):\n{}", self.stdout))
    }
}

/// Runs `node <script> <args>` from the repository, killing it after `limit`.
pub fn run_node(script: &str, args: &[String], limit: Duration) -> NodeRun {
    node_tools();
    let mut child = Command::new("node")
        .arg(repo().join(script))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node is needed (it comes with npm)");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = r.read_to_string(&mut s);
            s
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            // SIGTERM first, so the script can kill its browser; then SIGKILL.
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            std::thread::sleep(Duration::from_secs(3));
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = out.join().unwrap();
    let mut stderr = err.join().unwrap();
    if status.is_none() {
        stderr.push_str(&format!("\n(killed after {} s)", limit.as_secs()));
    }
    NodeRun {
        success: status.is_some_and(|s| s.success()),
        stdout,
        stderr,
    }
}

/// The `<script type="application/ld+json">` blocks of an HTML page, as
/// written (up to the first `</script`, as a browser reads them).
pub fn json_ld_blocks(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut blocks = Vec::new();
    let mut at = 0;
    while let Some(open) = lower[at..].find("<script").map(|i| i + at) {
        let Some(tag_end) = lower[open..].find('>').map(|i| i + open) else {
            break;
        };
        let tag = &lower[open..tag_end];
        let body_end = lower[tag_end..]
            .find("</script")
            .map_or(lower.len(), |i| i + tag_end);
        if tag.contains("application/ld+json") {
            blocks.push(html[tag_end + 1..body_end].to_string());
        }
        at = body_end.max(tag_end + 1);
    }
    blocks
}

/// The top-level nodes of a JSON-LD document (an object, an array, or an
/// object with `@graph`).
pub fn json_ld_nodes(doc: &serde_json::Value) -> Vec<&serde_json::Value> {
    match doc {
        serde_json::Value::Array(items) => items.iter().collect(),
        serde_json::Value::Object(map) => match map.get("@graph") {
            Some(serde_json::Value::Array(items)) => items.iter().collect(),
            _ => vec![doc],
        },
        _ => Vec::new(),
    }
}

/// The `@type` values of a JSON-LD node (a string or a list of strings).
pub fn json_ld_types(node: &serde_json::Value) -> Vec<String> {
    match node.get("@type") {
        Some(serde_json::Value::String(t)) => vec![t.clone()],
        Some(serde_json::Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}
