//! The `[taxonomies.*]` and `[collections.*]` tables of `site.toml`, each
//! resolved into its configuration, with the built-in `pages` collection.

use crate::core::diagnostics::Diagnostic;
use crate::core::schema::{common_fields, page_fields};

use super::checks::{self, check_name};
use super::file::{CollectionFile, TaxonomyFile};
use super::model::{CollectionConfig, PAGES, TaxonomyConfig};
use super::publishing;
use super::spans::SiteSpans;

/// One `[taxonomies.<name>]` table, its URL checked.
pub(super) fn taxonomy(
    name: String,
    t: TaxonomyFile,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) -> TaxonomyConfig {
    let table = ["taxonomies", name.as_str()];
    check_name(&table, "taxonomy", spans, problems);
    let path = section_path(t.url.as_ref().map(|u| u.get_ref().as_str()), &name);
    let what = format!("taxonomy `{name}`");
    checks::check_url(&path, t.url.as_ref(), &what, &table, spans, problems);
    TaxonomyConfig {
        path,
        singular: t.singular.unwrap_or_else(|| t.title.clone()),
        title: t.title,
        description: t.description,
        titles: t.titles,
        descriptions: t.descriptions,
        name,
    }
}

/// One `[collections.<name>]` table, its fields after the common ones and
/// its URL checked; `None` for a table that may not be declared.
pub(super) fn collection(
    name: String,
    c: CollectionFile,
    has_topics: bool,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<CollectionConfig> {
    let table = ["collections", name.as_str()];
    check_name(&table, "collection", spans, problems);
    if name == PAGES {
        problems.push(spans.error(
            spans.key(&table),
            "`pages` is the built-in collection of free pages and cannot be declared".into(),
        ));
        return None;
    }
    let mut fields = common_fields(has_topics, true);
    for (field, def) in c.fields {
        if fields.contains_key(&field) {
            problems.push(spans.error(
                spans.key(&[table[0], table[1], "fields", &field]),
                format!("field `{field}` of collection `{name}` repeats a common field"),
            ).hint("every entry already has title, summary, date, updated, draft, lang, topics, tags and aliases; remove this line"));
            continue;
        }
        fields.insert(field, def);
    }
    for (key, list) in [
        ("require_one_of", &c.require_one_of),
        ("recommended", &c.recommended),
    ] {
        for field in list.iter().filter(|f| !fields.contains_key(*f)) {
            problems.push(spans.error(
                spans.item(&[table[0], table[1], key], field),
                format!("{key} names `{field}`, which collection `{name}` does not have"),
            ));
        }
    }
    let path = section_path(c.url.as_ref().map(|u| u.get_ref().as_str()), &name);
    let what = format!("collection `{name}`");
    checks::check_url(&path, c.url.as_ref(), &what, &table, spans, problems);
    let mut collection = CollectionConfig {
        path,
        singular: c.singular.unwrap_or_else(|| c.title.clone()),
        title: c.title,
        description: c.description,
        titles: c.titles,
        descriptions: c.descriptions,
        sort_by: c.sort_by,
        paginate_by: c.paginate_by.max(1),
        require_one_of: c.require_one_of,
        recommended: c.recommended,
        filters: Vec::new(),
        calendar: c.calendar,
        json_ld: c.json_ld,
        outline: c.outline,
        form: c.form,
        fields,
        name,
    };
    check_form(&collection, spans, problems);
    collection.filters = publishing::filter_fields(c.filters, &collection);
    Some(collection)
}

/// The built-in collection of free pages (`content/pages/`), at the root.
pub(super) fn pages(has_topics: bool) -> CollectionConfig {
    let mut fields = common_fields(has_topics, false);
    fields.extend(page_fields());
    CollectionConfig {
        name: PAGES.into(),
        title: "Pages".into(),
        singular: "Page".into(),
        description: String::new(),
        titles: Default::default(),
        descriptions: Default::default(),
        path: "/".into(),
        sort_by: "weight".into(),
        paginate_by: usize::MAX,
        require_one_of: Vec::new(),
        recommended: Vec::new(),
        filters: Vec::new(),
        calendar: None,
        json_ld: None,
        outline: Vec::new(),
        form: None,
        fields,
    }
}

/// The fields a collection's issue form asks for are fields it has.
fn check_form(
    collection: &CollectionConfig,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(fields) = collection.form.as_ref().and_then(|f| f.fields.as_ref()) else {
        return;
    };
    let path = ["collections", collection.name.as_str(), "form", "fields"];
    for field in fields
        .iter()
        .filter(|f| !collection.fields.contains_key(*f))
    {
        let mut d = spans.error(
            spans.item(&path, field),
            format!(
                "form.fields names `{field}`, which collection `{}` does not have",
                collection.name
            ),
        );
        if let Some(hint) = crate::core::diagnostics::did_you_mean(
            field,
            collection.fields.keys().map(String::as_str),
        ) {
            d = d.hint(hint);
        }
        problems.push(d);
    }
}

/// `/name/` unless `url` says otherwise; always with slashes at both ends.
fn section_path(url: Option<&str>, name: &str) -> String {
    let raw = url.unwrap_or(name).trim_matches('/');
    if raw.is_empty() {
        "/".into()
    } else {
        format!("/{raw}/")
    }
}
