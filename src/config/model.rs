//! The resolved site configuration: what every later stage reads of
//! `site.toml`.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;

use super::outline::OutlineSection;
use crate::core::schema::FieldDef;

pub const CONFIG_FILE: &str = "site.toml";
/// The built-in collection of free pages (`content/pages/`).
pub const PAGES: &str = "pages";

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

/// `calendar = { start = "start", end = "end", ... }`: the collection's
/// entries are dated happenings; each gets an `.ics` file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    /// A `datetime` field.
    pub start: String,
    pub end: Option<String>,
    /// A string or object field, written as text.
    pub location: Option<String>,
    /// A `url` field, e.g. where to join online.
    pub url: Option<String>,
    /// An `enum` field whose value `cancelled` marks the event cancelled.
    pub status: Option<String>,
}

/// `json_ld = { type = "Event", properties = { startDate = "start" } }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonLdConfig {
    /// The schema.org type of an entry (`Report`, `Article`, `Person`...).
    #[serde(rename = "type")]
    pub kind: String,
    /// A page type that wraps the item as its `mainEntity` (`ProfilePage`).
    pub page: Option<String>,
    /// schema.org property → the field that supplies it.
    #[serde(default)]
    pub properties: IndexMap<String, PropertySource>,
}

/// A property's field, optionally with its values translated
/// (`{ field = "attendance", map = { online = "https://schema.org/..." } }`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum PropertySource {
    Field(String),
    Mapped {
        field: String,
        map: BTreeMap<String, String>,
    },
}

impl PropertySource {
    pub fn field(&self) -> &str {
        match self {
            PropertySource::Field(f) | PropertySource::Mapped { field: f, .. } => f,
        }
    }
}
