//! The resolved site configuration: what every later stage reads of
//! `site.toml`.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;

use super::forge::Forge;
use super::outline::OutlineSection;
use crate::core::schema::FieldDef;

/// A text of `site.toml` in the hub's other languages, by language code.
pub type Translations = BTreeMap<String, String>;

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
    /// The hub's title and description in its other languages.
    pub titles: Translations,
    pub descriptions: Translations,
    /// Warnings about `site.toml` (texts without their translations), for
    /// the stage that reports the site's problems.
    pub warnings: Vec<crate::core::diagnostics::Diagnostic>,
    /// Without a trailing slash: `https://hub.example.org` or `https://x.github.io/hub`.
    pub base_url: String,
    /// The path part of `base_url` (`""` or `/hub`), prefixed to every URL.
    pub base_path: String,
    /// The default language's code (`languages[0].code`).
    pub language: String,
    /// The languages the hub publishes, the default first; always one at least.
    pub languages: Vec<Language>,
    /// Whether the lists of a language show the entries not translated into
    /// it (marked with their own language), or leave them out.
    pub list_untranslated: bool,
    pub theme: String,
    pub repository_url: String,
    pub branch: String,
    /// The forge of `repository_url`, for edit and new-file links; none
    /// without a repository.
    pub forge: Option<Forge>,
    /// Where members' actions lead (`[actions]`).
    pub actions: Actions,
    /// `[extra]`: free values for a hub's own templates, as written.
    pub extra: toml::Table,
    pub markdown: MarkdownConfig,
    pub feeds: FeedConfig,
    /// Taxonomies readers can filter search results by, besides collection.
    pub search_facets: Vec<String>,
    pub taxonomies: Vec<TaxonomyConfig>,
    /// The declared collections, then the built-in `pages`.
    pub collections: Vec<CollectionConfig>,
    /// `[cms]`: the browser editor at `/admin/`; none without the table.
    pub cms: Option<CmsConfig>,
    /// `[offline]`: an installable site readable offline; none when the
    /// hub turned it off.
    pub offline: Option<OfflineConfig>,
}

/// `[offline]`: the site's web app manifest, service worker and the pages
/// of offline reading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfflineConfig {
    /// The manifest's `short_name`; the site's title when unset.
    pub short_name: Option<String>,
}

/// The editor's version, pinned: the configuration is written for it and
/// the integrity hash below is of its script.
pub const DECAP_VERSION: &str = "3.16.3";
/// The editor's script as unpkg serves it from the npm package.
pub const DEFAULT_SCRIPT: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";
/// The SHA-384 of `dist/decap-cms.js` of the npm package `decap-cms@3.16.3`.
pub const DEFAULT_INTEGRITY: &str =
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

/// `[cms]`: the browser editor (Decap CMS) written at `/admin/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmsConfig {
    /// Whether `build` (and `serve`) write `/admin/` too.
    pub build: bool,
    pub script: CmsScript,
    /// Where uploaded files are saved, from the repository's root (`static/uploads`).
    pub media_folder: String,
    /// Their path on the site (`/uploads`), what file fields hold.
    pub public_folder: String,
    /// `editorial_workflow` (changes become pull requests) or `simple`.
    pub publish_mode: String,
    /// The OAuth service editors log in through (the backend's `base_url`).
    pub auth_url: Option<String>,
}

impl CmsConfig {
    /// The editor's folder in the built site, which `build = true` keeps
    /// for the editor's files.
    pub const ADMIN_DIR: &'static str = "admin";
}

impl Default for CmsConfig {
    fn default() -> Self {
        CmsConfig {
            build: false,
            script: CmsScript::Remote {
                url: DEFAULT_SCRIPT.into(),
                integrity: DEFAULT_INTEGRITY.into(),
            },
            media_folder: "static/uploads".into(),
            public_folder: "/uploads".into(),
            publish_mode: "editorial_workflow".into(),
            auth_url: None,
        }
    }
}

/// Where the editor's script comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CmsScript {
    /// Another site's address, loaded with its subresource integrity hash.
    Remote { url: String, integrity: String },
    /// A file of the site's repository, copied into `/admin/`; `line` and
    /// `column` are where `site.toml` names it.
    Local {
        path: String,
        line: usize,
        column: usize,
    },
}

/// A language the hub publishes (`[languages.<code>]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// A BCP 47 tag in canonical form: `es`, `pt-BR`.
    pub code: String,
    /// Its name in itself ("Español"); the code when `site.toml` gives
    /// none (the default language without a table), which the theme's
    /// `language.name` replaces where pages show it.
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct TaxonomyConfig {
    pub name: String,
    pub title: String,
    pub singular: String,
    pub description: String,
    /// `title` and `description` in the hub's other languages.
    pub titles: Translations,
    pub descriptions: Translations,
    /// Site-relative path with slashes at both ends (`/topics/`).
    pub path: String,
}

#[derive(Debug, Clone)]
pub struct CollectionConfig {
    pub name: String,
    pub title: String,
    pub singular: String,
    pub description: String,
    /// `title` and `description` in the hub's other languages.
    pub titles: Translations,
    pub descriptions: Translations,
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
    /// The issue form members propose an entry with, if the hub opens the
    /// collection to proposals.
    pub form: Option<FormConfig>,
    /// Common fields first, then the collection's own.
    pub fields: IndexMap<String, FieldDef>,
}

/// `[collections.<name>.form]`: the collection is open to proposals through
/// an issue form, `.github/ISSUE_TEMPLATE/<name>.yml`, written by `calabash forms`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormConfig {
    /// The form's name in the forge's list of forms.
    pub title: Option<String>,
    /// What the form is for, shown under its name.
    pub description: Option<String>,
    /// The fields the form asks for, in order; by default every field a
    /// member can know (not `date`, `updated`, `draft`, `lang`, `aliases`).
    pub fields: Option<Vec<String>>,
    /// A statement the member must tick before sending (consent to be listed).
    pub consent: Option<String>,
}

/// Where each of the members' actions leads; `None` where the hub set nothing.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Actions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub join: Option<Action>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_query: Option<Action>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_team: Option<Action>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_expert: Option<Action>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub join_discussion: Option<Action>,
    /// Per collection name.
    pub propose: IndexMap<String, Action>,
}

/// One action: where it leads and what kind of place that is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Action {
    pub url: String,
    pub kind: ActionKind,
}

/// What opens when a member follows an action, for the link's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// A page elsewhere on the web.
    Web,
    /// The member's e-mail program.
    Email,
    /// A page of the hub itself.
    Page,
    /// An issue form of the hub's repository (an account there is needed).
    IssueForm,
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

    /// More than one language: pages of the others get a language prefix.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// A text of `site.toml` in `lang`: its translation, else the default
    /// language's text with that language's code, for the element that
    /// holds it to say so (`lang="en"`).
    pub fn text_in<'a>(
        &'a self,
        text: &'a str,
        translations: &'a Translations,
        lang: &str,
    ) -> (&'a str, Option<&'a str>) {
        match translations.get(lang) {
            Some(translated) => (translated, None),
            None if lang == self.language || text.is_empty() => (text, None),
            None => (text, Some(&self.language)),
        }
    }

    /// The language with this code, if the hub publishes it.
    pub fn language_named(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
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
