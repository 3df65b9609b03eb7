//! `calabash check --external-links`: the outside addresses entries name (in
//! their text and in `url` fields), fetched, and the broken ones reported as
//! warnings at the place each is written.

use std::ops::Range;

use indexmap::IndexMap;

use crate::core::diagnostics::Diagnostic;
use crate::core::model::{Entry, Value};
use crate::core::schema::{FieldDef, FieldType};
use crate::external_links::{self, LinkCheckOptions, LinkStatus};
use crate::site::Site;

/// An outside address and where an entry writes it.
struct OutsideLink<'a> {
    url: String,
    entry: &'a Entry,
    span: Range<usize>,
}

/// Fetches every outside address once and warns about each place that names
/// a broken one.
pub fn check(site: &Site, options: &LinkCheckOptions) -> Vec<Diagnostic> {
    let links = outside_links(site);
    let urls: Vec<String> = links.iter().map(|link| link.url.clone()).collect();
    let results = external_links::check_urls(&urls, options);
    links
        .iter()
        .filter_map(|link| match results.get(&link.url) {
            Some(LinkStatus::Broken(reason)) => Some(
                Diagnostic::warning(
                    &link.entry.source.path,
                    format!("broken outside link {}: {reason}", link.url),
                )
                .at(&link.entry.source.text(), link.span.clone())
                .hint(
                    "open the address in a browser: if the page moved, link to its new \
                     address; if it is gone, link to an archived copy or remove the link",
                ),
            ),
            _ => None,
        })
        .collect()
}

/// Outside addresses in entries' text, then in their `url` fields.
fn outside_links(site: &Site) -> Vec<OutsideLink<'_>> {
    let mut links = Vec::new();
    for (entry, rendered) in site.entries.iter().zip(&site.rendered) {
        for link in &rendered.external {
            links.push(OutsideLink {
                url: link.url.clone(),
                entry,
                span: link.span.clone(),
            });
        }
        if let Some(collection) = site.config.collection(&entry.collection) {
            let mut urls = Vec::new();
            url_values(&entry.fields, &collection.fields, &mut urls);
            for url in urls {
                let quoted = format!("\"{url}\"");
                let start = entry.source.text().find(&quoted).unwrap_or(0);
                links.push(OutsideLink {
                    span: start..start + quoted.len(),
                    url: url.to_string(),
                    entry,
                });
            }
        }
    }
    links
}

/// The values of `url` fields, in objects too.
fn url_values<'a>(
    fields: &'a IndexMap<String, Value>,
    schema: &IndexMap<String, FieldDef>,
    into: &mut Vec<&'a str>,
) {
    for (name, value) in fields {
        let Some(def) = schema.get(name) else {
            continue;
        };
        for item in value.items() {
            match (def.kind, item) {
                (FieldType::Url, Value::Text(url)) => into.push(url),
                (FieldType::Object, Value::Object(nested)) => url_values(nested, &def.fields, into),
                _ => {}
            }
        }
    }
}
