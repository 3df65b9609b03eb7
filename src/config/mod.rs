//! `site.toml`: the one configuration file of a hub. Parsed strictly (unknown
//! keys and wrong types are errors with line numbers) and resolved into the
//! plain `Config` the rest of the pipeline reads.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;

mod checks;
pub mod outline;
pub mod publishing;
mod sections;

pub use outline::OutlineSection;
pub use publishing::{CalendarConfig, JsonLdConfig, PropertySource};

use crate::schema::FieldDef;
use checks::locate;

pub const CONFIG_FILE: &str = "site.toml";
/// The built-in collection of free pages (`content/pages/`).
pub const PAGES: &str = "pages";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    repository_url: String,
    #[serde(default = "default_branch")]
    branch: String,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    feeds: FeedConfig,
    #[serde(default)]
    search: SearchFile,
    #[serde(default)]
    taxonomies: IndexMap<String, TaxonomyFile>,
    #[serde(default)]
    collections: IndexMap<String, CollectionFile>,
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "hub".into()
}
fn default_branch() -> String {
    "main".into()
}

/// `[markdown]`: how entry bodies are turned into HTML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Raw HTML in Markdown is sanitized unless the site trusts its contributors.
    pub trust_html: bool,
    pub smart_punctuation: bool,
    pub highlight_theme: String,
    pub highlight_theme_dark: Option<String>,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            trust_html: false,
            smart_punctuation: true,
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: None,
        }
    }
}

/// `[feeds]`: Atom feed settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedConfig {
    /// How many of the newest entries a feed carries.
    pub limit: usize,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig { limit: 30 }
    }
}

/// `[search]`: what the published search index offers readers.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchFile {
    facets: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyFile {
    title: String,
    singular: Option<String>,
    #[serde(default)]
    description: String,
    url: Option<toml::Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CollectionFile {
    title: String,
    singular: Option<String>,
    #[serde(default)]
    description: String,
    url: Option<toml::Spanned<String>>,
    #[serde(default = "default_sort")]
    sort_by: String,
    #[serde(default = "default_paginate")]
    paginate_by: usize,
    #[serde(default)]
    require_one_of: Vec<String>,
    #[serde(default)]
    recommended: Vec<String>,
    filters: Option<Vec<String>>,
    calendar: Option<CalendarConfig>,
    json_ld: Option<JsonLdConfig>,
    #[serde(default)]
    outline: Vec<OutlineSection>,
    #[serde(default)]
    fields: IndexMap<String, FieldDef>,
}

fn default_sort() -> String {
    "date".into()
}
fn default_paginate() -> usize {
    20
}

/// The resolved site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Without a trailing slash: `https://hub.example.org` or `https://x.github.io/hub`.
    pub base_url: String,
    /// The path part of `base_url` (`""` or `/hub`), prefixed to every URL.
    pub base_path: String,
    pub language: String,
    pub theme: String,
    pub repository_url: String,
    pub branch: String,
    pub markdown: MarkdownConfig,
    pub feeds: FeedConfig,
    /// Taxonomies readers can filter search results by, besides collection.
    pub search_facets: Vec<String>,
    pub taxonomies: Vec<TaxonomyConfig>,
    /// The declared collections, then the built-in `pages`.
    pub collections: Vec<CollectionConfig>,
}

#[derive(Debug, Clone)]
pub struct TaxonomyConfig {
    pub name: String,
    pub title: String,
    pub singular: String,
    pub description: String,
    /// Site-relative path with slashes at both ends (`/topics/`).
    pub path: String,
}

#[derive(Debug, Clone)]
pub struct CollectionConfig {
    pub name: String,
    pub title: String,
    pub singular: String,
    pub description: String,
    /// Site-relative path with slashes at both ends (`/library/`; `/` for pages).
    pub path: String,
    pub sort_by: String,
    pub paginate_by: usize,
    pub require_one_of: Vec<String>,
    /// Fields an entry should have: `calabash check` warns when one is empty.
    pub recommended: Vec<String>,
    /// Fields with a filter page per value.
    pub filters: Vec<String>,
    pub calendar: Option<CalendarConfig>,
    pub json_ld: Option<JsonLdConfig>,
    /// Headings `calabash new` suggests for a new entry's body.
    pub outline: Vec<OutlineSection>,
    /// Common fields first, then the collection's own.
    pub fields: IndexMap<String, FieldDef>,
}

impl CollectionConfig {
    pub fn is_pages(&self) -> bool {
        self.name == PAGES
    }
}

impl Config {
    pub fn collection(&self, name: &str) -> Option<&CollectionConfig> {
        self.collections.iter().find(|c| c.name == name)
    }

    pub fn taxonomy(&self, name: &str) -> Option<&TaxonomyConfig> {
        self.taxonomies.iter().find(|t| t.name == name)
    }

    /// A site path (`/library/x/`) as a URL path including the base path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// A site path as an absolute URL.
    pub fn permalink(&self, path: &str) -> String {
        let origin_len = self.base_url.len() - self.base_path.len();
        format!("{}{}", &self.base_url[..origin_len], self.url(path))
    }
}

/// Reads and resolves `site.toml` in `root`. `base_url` overrides the file's.
pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    if let Some(problem) = crate::paths::Fence::new(root, &[]).check_file(CONFIG_FILE) {
        return Err(vec![problem]);
    }
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|err| {
        vec![
            Diagnostic::error(
                CONFIG_FILE,
                format!("cannot read the site configuration: {err}"),
            )
            .hint(format!(
                "run calabash in a hub's folder, or pass --root DIR (looked in {})",
                root.display()
            )),
        ]
    })?;
    parse(&text, base_url)
}

/// Parses the text of `site.toml`.
pub fn parse(text: &str, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let file: SiteFile = toml::from_str(text).map_err(|err| {
        let message = err.message().trim().to_string();
        let mut diagnostic = Diagnostic::error(CONFIG_FILE, checks::headline(&message));
        if let Some(span) = err.span() {
            diagnostic = diagnostic.at(text, span);
        }
        if let Some(hint) = checks::reader_hint(&message) {
            diagnostic = diagnostic.hint(hint);
        }
        vec![diagnostic]
    })?;
    let located = |message: String, needle: &str| locate(text, needle, message);
    let mut problems = crate::validate::controls::check_file(CONFIG_FILE, text);

    let base_url = base_url
        .unwrap_or(&file.base_url)
        .trim_end_matches('/')
        .to_string();
    let base_path = match base_url.split_once("://") {
        Some((scheme, rest)) if scheme == "http" || scheme == "https" => rest
            .find('/')
            .map(|i| rest[i..].to_string())
            .unwrap_or_default(),
        _ => {
            problems.push(
                located(format!("base_url `{base_url}` is not an http(s) URL"), "base_url")
                    .hint("write the address the site will be published at, like \"https://hub.example.org\""),
            );
            String::new()
        }
    };

    let taxonomies: Vec<TaxonomyConfig> = (file.taxonomies.into_iter())
        .map(|(name, t)| sections::taxonomy(name, t, text, &mut problems))
        .collect();
    let has_topics = taxonomies.iter().any(|t| t.name == "topics");
    let mut collections: Vec<CollectionConfig> = (file.collections.into_iter())
        .filter_map(|(name, c)| sections::collection(name, c, has_topics, text, &mut problems))
        .collect();
    collections.push(sections::pages(has_topics));

    checks::check_collections(&collections, &taxonomies, text, &mut problems);
    let search_facets = match file.search.facets {
        Some(names) => {
            for name in &names {
                if !taxonomies.iter().any(|t| &t.name == name) {
                    problems.push(
                        located(
                            format!("[search] facets names `{name}`, which is not a taxonomy"),
                            "facets",
                        )
                        .hint("list taxonomies declared under [taxonomies], like \"topics\""),
                    );
                }
            }
            names
        }
        None => taxonomies.iter().map(|t| t.name.clone()).collect(),
    };

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Config {
        title: file.title,
        description: file.description,
        base_url,
        base_path,
        language: file.language,
        theme: file.theme,
        repository_url: file.repository_url.trim_end_matches('/').to_string(),
        branch: file.branch,
        markdown: file.markdown,
        feeds: file.feeds,
        search_facets,
        taxonomies,
        collections,
    })
}

#[cfg(test)]
mod tests;
