//! Sites built in-process: a fixture site (or one written from strings)
//! copied into a temporary folder together with a theme, built there with
//! the library, and what came out read back.
//!
//! Builds never write into the repository: every site lives in its own
//! temporary folder, and its output goes to `public/` inside it.

use std::path::PathBuf;

use calabash::build::{BuildOptions, BuildReport, build};
use calabash::core::diagnostics::Diagnostic;
use calabash::site::{Site, SiteOptions, load_site};

use super::files::{copy_sample_hub, copy_tree};
use super::{fixtures, repo};

/// The repository's own theme, `themes/hub`.
pub fn hub_theme() -> PathBuf {
    repo().join("themes/hub")
}

/// A site in a temporary folder: `<tmp>/site/` holds site.toml, content/
/// and themes/; builds write to `<tmp>/site/public/`.
pub struct TestSite {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl TestSite {
    /// An empty site folder with the test theme installed as `themes/test`.
    pub fn empty() -> Self {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let root = tmp.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        copy_tree(&fixtures().join("theme"), &root.join("themes/test"));
        TestSite { _tmp: tmp, root }
    }

    /// This site's sources (and git history) in another folder, with no
    /// output and no records of earlier builds.
    pub fn fresh_copy(&self) -> TestSite {
        let copy = TestSite::empty();
        copy_tree(&self.root, &copy.root);
        for made in ["public", ".public.calabash-spare", ".calabash"] {
            let _ = std::fs::remove_dir_all(copy.root.join(made));
        }
        copy
    }

    /// A copy of `tests/fixtures/<name>`, with the test theme.
    pub fn fixture(name: &str) -> Self {
        Self::layered(&[name])
    }

    /// Fixtures copied one over the other, later files replacing earlier ones.
    pub fn layered(names: &[&str]) -> Self {
        let site = Self::empty();
        for name in names {
            let dir = fixtures().join(name);
            assert!(dir.is_dir(), "no fixture {}", dir.display());
            copy_tree(&dir, &site.root);
        }
        site
    }

    /// A site written from `(path, text)` pairs, with the test theme.
    pub fn from_files(files: &[(&str, &str)]) -> Self {
        let site = Self::empty();
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    /// A copy of the repository's sample hub (site.toml, content/,
    /// themes/hub), beside the test theme.
    pub fn sample_hub() -> Self {
        let site = Self::empty();
        copy_sample_hub(&site.root);
        site
    }

    /// A copy of the sample hub (site.toml, content/) with no `themes/`
    /// folder at all: it is built with the theme inside the binary.
    pub fn sample_hub_with_built_in_theme() -> Self {
        let site = Self::sample_hub();
        std::fs::remove_dir_all(site.root.join("themes")).unwrap();
        site
    }

    /// Builds at a fixed time (output depends on it: upcoming events,
    /// feeds' dates) and returns every file written, for comparing builds.
    pub fn build_snapshot(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
        let mut options = self.options(false, None);
        options.site.now = Some(jiff::Timestamp::from_second(1_780_000_000).unwrap());
        if let Err(problems) = build(&options) {
            panic!(
                "build failed:\n{}",
                headlines(&problems.sorted()).join("\n")
            );
        }
        super::files::snapshot(&self.output())
    }

    /// Swaps the test theme for the repository's `themes/hub`.
    pub fn with_hub_theme(self) -> Self {
        copy_tree(&hub_theme(), &self.root.join("themes/hub"));
        let config = self.read_source("site.toml");
        self.write(
            "site.toml",
            &config.replace("theme = \"test\"", "theme = \"hub\""),
        );
        self
    }

    pub fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn read_source(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap()
    }

    pub fn output(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn options(&self, drafts: bool, base_url: Option<&str>) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: self.output(),
            site: SiteOptions {
                drafts,
                base_url: base_url.map(str::to_string),
                now: None,
                release_sources: false,
            },
            progress: false,
        }
    }

    /// Builds with default options; problems come back sorted.
    pub fn build(&self) -> Result<BuildReport, Vec<Diagnostic>> {
        self.build_with(false, None)
    }

    pub fn build_with(
        &self,
        drafts: bool,
        base_url: Option<&str>,
    ) -> Result<BuildReport, Vec<Diagnostic>> {
        build(&self.options(drafts, base_url)).map_err(|d| d.sorted())
    }

    /// Builds and panics with the problems' headlines if the build fails.
    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(problems) => panic!("build failed:\n{}", headlines(&problems).join("\n")),
        }
    }

    /// Builds, expecting failure; returns the sorted problems.
    pub fn build_err(&self) -> Vec<Diagnostic> {
        match self.build() {
            Ok(report) => panic!("build succeeded unexpectedly: {}", report.summary()),
            Err(problems) => problems,
        }
    }

    /// Starts the preview's first build, expecting failure; returns the
    /// problems it shows.
    pub fn preview_err(&self) -> Vec<Diagnostic> {
        let served = self.root.join(".calabash/serve");
        let mut session =
            calabash::serve::session::Session::new(&self.root, &served, SiteOptions::default());
        match session.start() {
            Ok(_) => panic!("the preview built a site with errors"),
            Err(problems) => problems.sorted(),
        }
    }

    /// Loads and validates without rendering (the first half of a build).
    pub fn load(&self) -> Result<Site, Vec<Diagnostic>> {
        load_site(&self.root, &SiteOptions::default())
            .map(|(site, _)| site)
            .map_err(|d| d.sorted())
    }

    /// A built file, as text.
    pub fn page(&self, rel: &str) -> String {
        let path = self.output().join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read built file {rel}: {err}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.output().join(rel).exists()
    }
}

/// The headlines (`path:line:column: error: message`) of some problems.
pub fn headlines(problems: &[Diagnostic]) -> Vec<String> {
    problems.iter().map(Diagnostic::headline).collect()
}

/// A site.toml for small generated sites: a `things` collection with the
/// given field declarations, an `experts` collection to refer to and a
/// `topics` taxonomy (`quality`, `ict-in-education`).
pub fn config_with_fields(fields: &str) -> String {
    format!(
        "title = \"Fields\"\nbase_url = \"https://example.org\"\ntheme = \"test\"\n\n\
         [taxonomies.topics]\ntitle = \"Topics\"\n\n\
         [collections.experts]\ntitle = \"Experts\"\n\n\
         [collections.things]\ntitle = \"Things\"\n[collections.things.fields]\n{fields}\n"
    )
}

pub const TOPICS: &str = "[[terms]]\nid = \"quality\"\nlabel = \"Quality\"\n\n\
    [[terms]]\nid = \"ict-in-education\"\nlabel = \"ICT in education\"\n";

pub const EXPERT: &str = "+++\ntitle = \"Marcia Campbell\"\nsummary = \"Literacy specialist.\"\n\
    date = 2024-09-16\n+++\n\n## Biography\n";

/// A generated site with one `things` entry, `content/things/thing.md`,
/// whose front matter is `front_matter` after the common required fields.
pub fn thing_site(fields: &str, front_matter: &str) -> TestSite {
    let entry = format!(
        "+++\ntitle = \"A thing\"\nsummary = \"About a thing.\"\ndate = 2025-03-14\n{front_matter}\n+++\n\nBody.\n"
    );
    TestSite::from_files(&[
        ("site.toml", &config_with_fields(fields)),
        ("content/_taxonomies/topics.toml", TOPICS),
        ("content/experts/marcia-campbell.md", EXPERT),
        ("content/things/thing.md", &entry),
    ])
}

/// A TOML string (usable as a key too) holding `text`, escaped as TOML needs.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
