//! `site.toml`: the one configuration file of a hub. Parsed strictly (unknown
//! keys and wrong types are errors with line numbers) and resolved into the
//! plain `Config` the rest of the pipeline reads.

use std::path::Path;

use crate::core::diagnostics::Diagnostic;

mod actions;
mod checks;
mod cms;
mod file;
pub mod forge;
mod languages;
mod model;
mod offline;
pub mod outline;
pub mod publishing;
mod repository;
mod sections;
mod spans;
mod texts;

pub use forge::{Forge, ForgeKind};
pub use model::{
    Action, ActionKind, Actions, CONFIG_FILE, CalendarConfig, CmsConfig, CmsScript,
    CollectionConfig, Config, DECAP_VERSION, DEFAULT_INTEGRITY, DEFAULT_SCRIPT, FeedConfig,
    FormConfig, JsonLdConfig, Language, MarkdownConfig, OfflineConfig, PAGES, PropertySource,
    TaxonomyConfig, Translations,
};
pub use outline::OutlineSection;

use file::SiteFile;
use spans::SiteSpans;

/// Reads and resolves `site.toml` in `root`. `base_url` overrides the file's.
pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    if let Some(problem) = crate::core::paths::Fence::new(root, &[]).check_file(CONFIG_FILE) {
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
    let file: SiteFile = toml::from_str(text).map_err(|err| vec![read_error(text, &err)])?;
    let spans = SiteSpans::parse(text);
    let mut problems = crate::core::toml_characters::check_file(CONFIG_FILE, text);

    // A base URL given on the command line is not written in the file.
    let base_url_span = (base_url.is_none())
        .then(|| spans.value(&["base_url"]))
        .flatten();
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
                spans.error(base_url_span, format!("base_url `{base_url}` is not an http(s) URL"))
                    .hint("write the address the site will be published at, like \"https://hub.example.org\""),
            );
            String::new()
        }
    };

    let taxonomies: Vec<TaxonomyConfig> = (file.taxonomies.into_iter())
        .map(|(name, t)| sections::taxonomy(name, t, &spans, &mut problems))
        .collect();
    let has_topics = taxonomies.iter().any(|t| t.name == "topics");
    let mut collections: Vec<CollectionConfig> = (file.collections.into_iter())
        .filter_map(|(name, c)| sections::collection(name, c, has_topics, &spans, &mut problems))
        .collect();
    collections.push(sections::pages(has_topics));

    checks::check_collections(&collections, &taxonomies, &spans, &mut problems);
    let search_facets = search_facets(file.search.facets, &taxonomies, &spans, &mut problems);
    let forge = repository::resolve(
        &file.repository_url,
        &file.branch,
        file.forge,
        &spans,
        &mut problems,
    );
    let actions = actions::resolve(
        file.actions,
        forge.as_ref(),
        &collections,
        &base_path,
        &spans,
        &mut problems,
    );
    let cms = cms::resolve(file.cms, forge.as_ref(), &spans, &mut problems);
    let languages = languages::resolve(&file.language, &file.languages, &spans, &mut problems);
    let (titles, descriptions, warnings) = texts::resolve(
        (&file.languages, &file.language),
        (&file.title, &file.description),
        (&taxonomies, &collections),
        &languages,
        &spans,
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Config {
        title: file.title,
        description: file.description,
        titles,
        descriptions,
        warnings,
        base_url,
        base_path,
        language: file.language,
        languages,
        list_untranslated: file.list_untranslated,
        theme: file.theme,
        repository_url: file.repository_url.trim_end_matches('/').to_string(),
        branch: file.branch,
        forge,
        actions,
        extra: file.extra,
        markdown: file.markdown,
        feeds: file.feeds,
        search_facets,
        taxonomies,
        collections,
        cms,
        offline: offline::resolve(file.offline),
    })
}

/// What the TOML reader found wrong with `site.toml`: an unknown key, a
/// missing one, a value of another type.
fn read_error(text: &str, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim().to_string();
    let mut diagnostic = Diagnostic::error(CONFIG_FILE, checks::headline(&message));
    if let Some(span) = err.span() {
        diagnostic = diagnostic.at(text, span);
    }
    if let Some(hint) = checks::reader_hint(&message) {
        diagnostic = diagnostic.hint(hint);
    }
    diagnostic
}

/// `[search] facets`: taxonomies readers filter search results by; every
/// taxonomy unless the hub lists some.
fn search_facets(
    facets: Option<Vec<String>>,
    taxonomies: &[TaxonomyConfig],
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    match facets {
        Some(names) => {
            for name in &names {
                if !taxonomies.iter().any(|t| &t.name == name) {
                    problems.push(
                        spans
                            .error(
                                spans.item(&["search", "facets"], name),
                                format!("[search] facets names `{name}`, which is not a taxonomy"),
                            )
                            .hint("list taxonomies declared under [taxonomies], like \"topics\""),
                    );
                }
            }
            names
        }
        None => taxonomies.iter().map(|t| t.name.clone()).collect(),
    }
}

#[cfg(test)]
mod tests;
