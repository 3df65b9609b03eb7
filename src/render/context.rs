//! Turns the validated site into the values templates see (documented in
//! docs/templates.md): the `site` variable every template sees, the `page`
//! variable, and the `entry` variable of an entry page.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Value as TeraValue;

use super::backlinks::{backlinks_value, referenced_by};
use super::fields::details_value;
use super::shared::{Shared, collection_value, weight};
use super::values::{object, text};
use crate::core::diagnostics::Diagnostics;
use crate::core::model::{EntryId, Value};
use crate::site::Site;
use crate::theme::i18n::Strings;
use crate::theme::{self, SYNTAX_CSS, Theme};

/// Per collection, the file name and text a new entry starts with (what
/// `calabash new` writes), for the "Add" links of list pages.
pub type Starters = BTreeMap<String, (String, String)>;

/// "Add" links longer than this open the forge's new-file page with the
/// file's name only: forges and browsers refuse much longer addresses.
pub const MAX_ADD_URL: usize = 8_000;

/// The theme, with the `site` variable installed for every template.
pub fn load_theme(root: &Path, site: &Site, starters: &Starters) -> Result<Theme, Diagnostics> {
    let mut theme = theme::load(root, &site.config)?;
    let site_value = site_value(site, (SYNTAX_CSS, &theme.strings), starters);
    theme.tera.global_context().insert_value("site", site_value);
    Ok(theme)
}

/// The `site` variable: `syntax_css` is the code stylesheet's path,
/// `strings` the interface strings, which name the languages.
pub fn site_value(
    site: &Site,
    (syntax_css, strings): (&str, &Strings),
    starters: &Starters,
) -> TeraValue {
    let config = &site.config;
    let languages: Vec<TeraValue> = (config.languages.iter())
        .map(|l| {
            let name = strings.language_name(config, &l.code);
            object([("code", text(&l.code)), ("name", text(&name))])
        })
        .collect();
    let collections: Vec<TeraValue> = config
        .collections
        .iter()
        .filter(|c| !c.is_pages())
        .map(|c| collection_value(site, &c.name))
        .collect();
    let taxonomies: Vec<TeraValue> = site
        .taxonomies
        .iter()
        .map(|t| {
            let terms: Vec<TeraValue> = t
                .terms
                .iter()
                .map(|term| {
                    object([
                        ("id", text(&term.id)),
                        ("label", text(&term.label)),
                        (
                            "url",
                            TeraValue::from(
                                config.url(&format!("{}{}/", t.config.path, term.slug)),
                            ),
                        ),
                        (
                            "parent",
                            term.parent.as_deref().map_or(TeraValue::none(), text),
                        ),
                    ])
                })
                .collect();
            object([
                ("name", text(t.name())),
                ("title", text(&t.config.title)),
                ("singular", text(&t.config.singular)),
                ("url", TeraValue::from(config.url(&t.config.path))),
                ("terms", TeraValue::from(terms)),
            ])
        })
        .collect();
    let mut pages: Vec<EntryId> = site
        .entries_of(crate::config::PAGES)
        .filter(|&id| matches!(site.entry(id).field("menu"), Some(Value::Bool(true))))
        .collect();
    pages.sort_by_key(|&id| (weight(site, id), site.entry(id).title.clone()));
    let menu: Vec<TeraValue> = pages
        .into_iter()
        .map(|id| {
            object([
                ("title", text(&site.entry(id).title)),
                ("url", TeraValue::from(config.url(&site.entry_path(id)))),
            ])
        })
        .collect();
    let value = object([
        ("title", text(&config.title)),
        ("description", text(&config.description)),
        ("base_url", text(&config.base_url)),
        ("language", text(&config.language)),
        ("languages", TeraValue::from(languages)),
        ("repository_url", text(&config.repository_url)),
        ("branch", text(&config.branch)),
        (
            "forge",
            config.forge.as_ref().map_or(TeraValue::none(), |f| {
                object([
                    ("name", text(f.kind.name())),
                    ("title", text(f.kind.title())),
                ])
            }),
        ),
        ("add_entry", add_entry_value(site, starters)),
        ("actions", actions_value(config)),
        ("extra", TeraValue::from_serializable(&config.extra)),
        (
            "generator",
            TeraValue::from(format!("Calabash {}", env!("CARGO_PKG_VERSION"))),
        ),
        ("collections", TeraValue::from(collections)),
        ("taxonomies", TeraValue::from(taxonomies)),
        ("menu", TeraValue::from(menu)),
        ("syntax_css", TeraValue::from(config.url(syntax_css))),
        ("feed_url", TeraValue::from(config.url("/atom.xml"))),
        ("root_url", TeraValue::from(config.url("/"))),
        ("home_url", TeraValue::from(config.url("/"))),
    ]);
    with_offline(config, value)
}

/// `site.manifest_url`, `site.worker_url` and `site.saved_url` (the page of
/// pages saved for offline reading) when the site is readable offline;
/// nothing otherwise, so that templates print nothing of it.
fn with_offline(config: &crate::config::Config, value: TeraValue) -> TeraValue {
    use super::offline::paths::{MANIFEST, SAVED_PAGE, WORKER};
    if config.offline.is_none() {
        return value;
    }
    let mut map = value.as_map().cloned().unwrap_or_default();
    for (key, path) in [
        ("manifest_url", MANIFEST),
        ("worker_url", WORKER),
        ("saved_url", SAVED_PAGE),
    ] {
        map.insert(key.into(), TeraValue::from(config.url(path)));
    }
    TeraValue::from(map)
}

/// `site.actions`: each action set, with `forge`, the forge's name, on
/// those that open an issue form (components see only their arguments).
fn actions_value(config: &crate::config::Config) -> TeraValue {
    let forge = config.forge.as_ref().map_or("", |f| f.kind.title());
    let with_forge = |action: &crate::config::Action| {
        let kind = TeraValue::from_serializable(&action.kind);
        object([
            ("url", TeraValue::from(action.url.as_str())),
            ("kind", kind),
            ("forge", TeraValue::from(forge)),
        ])
    };
    let actions = &config.actions;
    let mut map = tera::Map::new();
    for (key, action) in [
        ("join", &actions.join),
        ("send_query", &actions.send_query),
        ("contact_team", &actions.contact_team),
        ("contact_expert", &actions.contact_expert),
        ("join_discussion", &actions.join_discussion),
    ] {
        if let Some(action) = action {
            map.insert(key.into(), with_forge(action));
        }
    }
    let mut propose = tera::Map::new();
    for (collection, action) in &actions.propose {
        propose.insert(collection.clone().into(), with_forge(action));
    }
    map.insert("propose".into(), TeraValue::from(propose));
    TeraValue::from(map)
}

/// `site.add_entry`: per collection, the forge's page that starts a new
/// entry of it, already holding what `calabash new` writes.
fn add_entry_value(site: &Site, starters: &Starters) -> TeraValue {
    let Some(forge) = &site.config.forge else {
        return TeraValue::from(tera::Map::new());
    };
    let mut links = tera::Map::new();
    for (collection, (file, starter)) in starters {
        let dir = format!("{}/{collection}", crate::load::CONTENT_DIR);
        let mut url = forge.new_url(&dir, file, starter);
        let filled = url.len() <= MAX_ADD_URL;
        if !filled {
            url = forge.new_url(&dir, file, "");
        }
        links.insert(
            collection.clone().into(),
            object([
                ("url", TeraValue::from(url)),
                ("file", TeraValue::from(format!("{dir}/{file}"))),
                ("filled", TeraValue::from(filled)),
            ]),
        );
    }
    TeraValue::from(links)
}

/// What the `page` variable tells of a page.
pub struct PageInfo<'a> {
    /// What the page is, for templates: `home`, `list`, `entry`, `page`,
    /// `taxonomy`, `term`, `404`, `search`.
    pub kind: &'a str,
    /// Its site path, from which its URL and permalink are made.
    pub path: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// The language the page is rendered in: its interface's, `page.lang`.
    pub lang: &'a str,
}

/// The `page` variable. A page is rendered in one language, its
/// interface's; an entry's own language marks its title, summary and body.
pub fn page_value(site: &Site, page: &PageInfo<'_>) -> TeraValue {
    let PageInfo {
        kind,
        path,
        title,
        description,
        lang,
    } = *page;
    object([
        ("kind", text(kind)),
        ("url", TeraValue::from(site.config.url(path))),
        ("permalink", TeraValue::from(site.config.permalink(path))),
        ("title", text(title)),
        ("description", text(description)),
        ("lang", text(lang)),
        (
            "og_type",
            text(if kind == "entry" {
                "article"
            } else {
                "website"
            }),
        ),
    ])
}

/// The `entry` variable of an entry page in `lang`, showing `body`.
pub fn entry_value(shared: &Shared<'_>, id: EntryId, lang: &str, body: &str) -> TeraValue {
    let site = shared.site;
    let entry = site.entry(id);
    let rendered = site.body(id);
    let path = site.entry_path(id);
    let backlinks = backlinks_value(site, id, lang);
    let referenced_by = referenced_by(shared, id, lang);
    let config = &site.config;
    let edit_url = (config.forge.as_ref())
        .map_or_else(String::new, |forge| forge.edit_url(&entry.source.path));
    let schema = &config
        .collection(&entry.collection)
        .expect("entries belong to collections")
        .fields;
    // An entry page sees everything its summary has, and more.
    let mut map = shared
        .summary(id, lang)
        .as_map()
        .cloned()
        .unwrap_or_default();
    let extra = [
        ("permalink", TeraValue::from(config.permalink(&path))),
        ("lang", text(&entry.lang)),
        ("draft", TeraValue::from(entry.draft)),
        (
            "details",
            details_value(shared.links(lang), &entry.fields, schema),
        ),
        ("body", TeraValue::safe_string(body)),
        ("toc", TeraValue::from_serializable(&rendered.toc)),
        ("has_code", TeraValue::from(rendered.has_code)),
        ("backlinks", backlinks),
        ("referenced_by", referenced_by),
        ("edit_url", TeraValue::from(edit_url)),
        (
            "last_updated",
            site.last_updated(id)
                .map_or(TeraValue::none(), |d| TeraValue::from(d.to_string())),
        ),
        (
            "contributors",
            TeraValue::from(site.history_of(id).map_or_else(Vec::new, |h| {
                h.contributors
                    .iter()
                    .map(|c| text(c))
                    .collect::<Vec<TeraValue>>()
            })),
        ),
        (
            "reading_minutes",
            TeraValue::from(rendered.word_count.div_ceil(200).max(1)),
        ),
    ];
    for (key, value) in extra {
        map.insert(key.into(), value);
    }
    TeraValue::from(map)
}
