//! Checks of `site.toml` that need the whole configuration: field types
//! against the declared taxonomies and collections, sort keys, URL clashes.

use crate::core::diagnostics::{Diagnostic, did_you_mean};
use crate::core::schema::{FieldDef, FieldType};

use super::model::{CollectionConfig, TaxonomyConfig};
use super::publishing;
use super::spans::SiteSpans;

/// Checks every collection's fields, sort key and URL.
pub(super) fn check_collections(
    collections: &[CollectionConfig],
    taxonomies: &[TaxonomyConfig],
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let taxonomy_names: Vec<&str> = taxonomies.iter().map(|t| t.name.as_str()).collect();
    let collection_names: Vec<&str> = collections.iter().map(|c| c.name.as_str()).collect();
    for collection in collections {
        publishing::check(collection, spans, problems);
        for field in &collection.filters {
            check_filter_name(&collection.name, field, spans, problems);
        }
        let declared = Declared {
            taxonomies: &taxonomy_names,
            collections: &collection_names,
        };
        for (field, def) in &collection.fields {
            let path = ["collections", collection.name.as_str(), "fields", field];
            check_field(&path, def, &declared, spans, problems);
        }
        let sortable = ["date", "title", "weight"].contains(&collection.sort_by.as_str())
            || collection.fields.get(&collection.sort_by).is_some_and(|d| {
                !d.list
                    && matches!(
                        d.kind,
                        FieldType::Date | FieldType::Datetime | FieldType::String | FieldType::Int
                    )
            });
        if !sortable {
            problems.push(spans.error(
                spans.value(&["collections", &collection.name, "sort_by"]),
                format!("collection `{}` cannot be sorted by `{}`", collection.name, collection.sort_by),
            ).hint("use \"date\", \"title\" or the name of one of its date, datetime, string or int fields"));
        }
    }
    check_url_clashes(collections, taxonomies, spans, problems);
}

/// No two collections or taxonomies share a folder of the output.
fn check_url_clashes(
    collections: &[CollectionConfig],
    taxonomies: &[TaxonomyConfig],
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    // (path, name, the table that declares it)
    let mut paths: Vec<(&str, &str, &str)> = collections
        .iter()
        .filter(|c| !c.is_pages())
        .map(|c| (c.path.as_str(), c.name.as_str(), "collections"))
        .chain(
            taxonomies
                .iter()
                .map(|t| (t.path.as_str(), t.name.as_str(), "taxonomies")),
        )
        .collect();
    // Paths that differ only in case or Unicode form are one folder on
    // macOS and Windows.
    paths.sort_by_cached_key(|(path, name, _)| (crate::core::paths::collision_key(path), *name));
    for pair in paths.windows(2) {
        if crate::core::paths::collision_key(pair[0].0)
            == crate::core::paths::collision_key(pair[1].0)
        {
            let (table, name) = (pair[1].2, pair[1].1);
            let at = spans
                .value(&[table, name, "url"])
                .or_else(|| spans.key(&[table, name]));
            problems.push(
                spans.error(
                    at,
                    if pair[0].0 == pair[1].0 {
                        format!(
                            "`{}` and `{}` both use the URL {}",
                            pair[0].1, pair[1].1, pair[0].0
                        )
                    } else {
                        format!(
                            "`{}` and `{}` use the URLs {} and {}, which differ only in case or Unicode form: one folder on macOS and Windows",
                            pair[0].1, pair[1].1, pair[0].0, pair[1].0
                        )
                    },
                )
                .hint("give each collection and taxonomy its own `url`"),
            );
        }
    }
}

/// The names a field declaration may refer to.
struct Declared<'a> {
    taxonomies: &'a [&'a str],
    collections: &'a [&'a str],
}

/// The field declared at `path` (`collections.<name>.fields.<field>`, with
/// `.fields.<nested>` for each level of an object) and its nested fields.
fn check_field(
    path: &[&str],
    def: &FieldDef,
    declared: &Declared<'_>,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let name = path.last().copied().unwrap_or_default();
    let here = |message: String| spans.error(spans.key(path), message);
    // At the named taxonomy or collection, or at the field when the
    // declaration is a common one (not written in site.toml).
    let naming = |key: &'static str, target: &str, message: String| {
        let setting = [path, &[key]].concat();
        spans.error(
            spans.item(&setting, target).or_else(|| spans.key(path)),
            message,
        )
    };
    match def.kind {
        FieldType::Enum if def.values.is_empty() => {
            problems.push(
                here(format!("enum field `{name}` has no `values`"))
                    .hint("list the allowed values: values = [\"a\", \"b\"]"),
            );
        }
        FieldType::Term => match &def.taxonomy {
            None => problems.push(
                here(format!("term field `{name}` names no `taxonomy`"))
                    .hint("add taxonomy = \"<name>\""),
            ),
            Some(t) if !declared.taxonomies.contains(&t.as_str()) => {
                let mut d = naming(
                    "taxonomy",
                    t,
                    format!("field `{name}` uses taxonomy `{t}`, which is not declared"),
                );
                d = d.hint(
                    did_you_mean(t, declared.taxonomies.iter().copied())
                        .unwrap_or_else(|| format!("declare it as [taxonomies.{t}]")),
                );
                problems.push(d);
            }
            _ => {}
        },
        FieldType::Ref => match &def.collection {
            None => problems.push(
                here(format!("ref field `{name}` names no `collection`"))
                    .hint("add collection = \"<name>\""),
            ),
            Some(targets) => {
                for t in targets.names() {
                    if !declared.collections.contains(&t.as_str()) {
                        let mut d = naming(
                            "collection",
                            t,
                            format!(
                                "field `{name}` refers to collection `{t}`, which is not declared"
                            ),
                        );
                        if let Some(h) = did_you_mean(t, declared.collections.iter().copied()) {
                            d = d.hint(h);
                        }
                        problems.push(d);
                    }
                }
            }
        },
        FieldType::Object if def.fields.is_empty() => {
            problems.push(here(format!(
                "object field `{name}` has no nested `fields`"
            )));
        }
        _ => {}
    }
    for (nested, nested_def) in &def.fields {
        let nested_path = [path, &["fields", nested.as_str()]].concat();
        check_field(&nested_path, nested_def, declared, spans, problems);
    }
}

/// A collection's or taxonomy's site path (`path`, from its `url` or its
/// name) must be a safe path: reported at the `url`, or at the name of its
/// `table` (`["collections", name]`) when it has none.
pub(super) fn check_url(
    path: &str,
    url: Option<&toml::Spanned<String>>,
    what: &str,
    table: &[&str],
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    // As written, but for the slashes at both ends, which may be left out.
    let written = url.map(|url| {
        let raw = url.get_ref();
        let lead = if raw.starts_with('/') { "" } else { "/" };
        let trail = if raw.ends_with('/') { "" } else { "/" };
        format!("{lead}{raw}{trail}")
    });
    let Err(unsafe_path) =
        crate::core::paths::names::check_site_path(written.as_deref().unwrap_or(path))
    else {
        return;
    };
    let message = format!(
        "{what} would have the URL {path}, which is not a safe path: {}",
        unsafe_path.reason
    );
    let at = url.map(toml::Spanned::span).or_else(|| spans.key(table));
    problems.push(spans.error(at, message).hint(
        "give it a `url` of plain names between slashes, like \"/practice/\": letters, digits and - . _ ~",
    ));
}

/// A filter field's name is a folder of the collection's filter pages.
fn check_filter_name(
    collection: &str,
    field: &str,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    if let Err(unsafe_path) = crate::core::paths::names::check_site_path(&format!("/{field}/")) {
        let message = format!(
            "the filter pages of field `{field}` of collection `{collection}` would have an unsafe URL: {}",
            unsafe_path.reason
        );
        // Listed in `filters`, or else a term field filtered by default.
        let at = spans
            .item(&["collections", collection, "filters"], field)
            .or_else(|| spans.key(&["collections", collection, "fields", field]));
        problems.push(
            spans.error(at, message).hint(
                "filter by fields whose names are plain words (letters, digits, - and _), or rename the field",
            ),
        );
    }
}

/// The name of the table at `table` (`["collections", name]`) becomes a
/// folder name.
pub(super) fn check_name(
    table: &[&str],
    what: &str,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let name = table.last().copied().unwrap_or_default();
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-';
    if name.is_empty() || !name.chars().all(allowed) {
        problems.push(
            spans
                .error(
                    spans.key(table),
                    format!(
                        "{what} name `{name}` may only use lower-case letters, digits, `-` and `_`"
                    ),
                )
                .hint("rename it; it becomes a folder name and part of URLs"),
        );
    }
}

/// The hint for an unknown key of site.toml, from the TOML reader's message
/// ("unknown field `colour`, expected one of `title`, `base_url`"): the
/// nearest allowed key and the list of them, without repeating the message.
fn unknown_key_hint(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    let key = first.split('`').nth(1).unwrap_or_default();
    let allowed: Vec<&str> = first
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    if allowed.is_empty() {
        return "remove or rename this key".into();
    }
    let keys = allowed
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match did_you_mean(key, allowed.iter().copied()) {
        Some(suggestion) => format!("{suggestion} the keys allowed here are {keys}"),
        None => format!("remove or rename this key; the keys allowed here are {keys}"),
    }
}

/// The headline of a TOML reader's message; for an unknown key without the
/// list of allowed ones, which the hint gives.
pub fn headline(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    match first.split_once(", expected") {
        Some((unknown, _)) if first.starts_with("unknown field") => unknown.to_string(),
        _ => first.to_string(),
    }
}

/// The hint for a TOML reader's message about site.toml, if there is one.
pub fn reader_hint(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some(unknown_key_hint(message))
    } else if message.contains("missing field") {
        Some("add the missing key".into())
    } else if let Some((_, expected)) = (message.starts_with("invalid type"))
        .then(|| message.lines().next()?.split_once(", expected "))
        .flatten()
    {
        Some(format!(
            "write {expected} here (true and false, numbers and lists without quotes)"
        ))
    } else if message.contains("unknown variant") {
        Some("use one of the field types: string, text, int, float, bool, date, datetime, url, email, enum, term, ref, object".into())
    } else {
        None
    }
}
