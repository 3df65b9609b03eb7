//! The shapes `site.toml` is read into, strictly: every key it may hold,
//! with its default. `sections` resolves them into the `Config`.

use indexmap::IndexMap;
use serde::Deserialize;

use super::actions::ActionsFile;
use super::cms::CmsFile;
use super::languages::LanguageFile;
use super::model::{
    CalendarConfig, FeedConfig, FormConfig, JsonLdConfig, MarkdownConfig, Translations,
};
use super::offline::OfflineFile;
use super::outline::OutlineSection;
use super::repository::ForgeFile;
use crate::core::schema::FieldDef;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SiteFile {
    pub(super) title: String,
    #[serde(default)]
    pub(super) description: String,
    pub(super) base_url: String,
    #[serde(default = "default_language")]
    pub(super) language: String,
    #[serde(default)]
    pub(super) languages: IndexMap<String, LanguageFile>,
    #[serde(default = "listed")]
    pub(super) list_untranslated: bool,
    #[serde(default = "default_theme")]
    pub(super) theme: String,
    #[serde(default)]
    pub(super) repository_url: String,
    #[serde(default = "default_branch")]
    pub(super) branch: String,
    pub(super) forge: Option<ForgeFile>,
    #[serde(default)]
    pub(super) actions: ActionsFile,
    #[serde(default)]
    pub(super) extra: toml::Table,
    #[serde(default)]
    pub(super) markdown: MarkdownConfig,
    #[serde(default)]
    pub(super) feeds: FeedConfig,
    #[serde(default)]
    pub(super) search: SearchFile,
    #[serde(default)]
    pub(super) taxonomies: IndexMap<String, TaxonomyFile>,
    #[serde(default)]
    pub(super) collections: IndexMap<String, CollectionFile>,
    pub(super) cms: Option<CmsFile>,
    #[serde(default)]
    pub(super) offline: OfflineFile,
}

fn listed() -> bool {
    true
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

/// `[search]`: what the published search index offers readers.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SearchFile {
    pub(super) facets: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TaxonomyFile {
    pub(super) title: String,
    #[serde(default)]
    pub(super) titles: Translations,
    pub(super) singular: Option<String>,
    #[serde(default)]
    pub(super) description: String,
    #[serde(default)]
    pub(super) descriptions: Translations,
    pub(super) url: Option<toml::Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CollectionFile {
    pub(super) title: String,
    #[serde(default)]
    pub(super) titles: Translations,
    pub(super) singular: Option<String>,
    #[serde(default)]
    pub(super) description: String,
    #[serde(default)]
    pub(super) descriptions: Translations,
    pub(super) url: Option<toml::Spanned<String>>,
    #[serde(default = "default_sort")]
    pub(super) sort_by: String,
    #[serde(default = "default_paginate")]
    pub(super) paginate_by: usize,
    #[serde(default)]
    pub(super) require_one_of: Vec<String>,
    #[serde(default)]
    pub(super) recommended: Vec<String>,
    pub(super) filters: Option<Vec<String>>,
    pub(super) calendar: Option<CalendarConfig>,
    pub(super) json_ld: Option<JsonLdConfig>,
    #[serde(default)]
    pub(super) outline: Vec<OutlineSection>,
    pub(super) form: Option<FormConfig>,
    #[serde(default)]
    pub(super) fields: IndexMap<String, FieldDef>,
}

fn default_sort() -> String {
    "date".into()
}
fn default_paginate() -> usize {
    20
}
