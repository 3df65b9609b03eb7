//! schema.org structured data (JSON-LD) for each page, from the
//! collection's `json_ld` table in site.toml. The JSON is escaped so that no
//! content can close the `<script>` element it is written into.

use serde_json::{Map, Value as JsonValue, json};

use crate::config::PropertySource;
use crate::core::model::{EntryId, Value};
use crate::site::Site;
use crate::theme::encode::format_datetime;

/// JSON text safe inside `<script type="application/ld+json">`.
pub fn script_safe(value: &JsonValue) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
    }
    out
}

/// The home page in `lang`: the site as a `WebSite` in that language.
pub fn website(site: &Site, lang: &str) -> JsonValue {
    let config = &site.config;
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config.text_in(&config.title, &config.titles, lang).0,
        "description": config.text_in(&config.description, &config.descriptions, lang).0,
        "url": config.permalink(&site.in_language(lang, "/")),
        "inLanguage": lang,
    })
}

/// A list page: a `CollectionPage` of the site.
pub fn collection_page(
    (site, lang): (&Site, &str),
    title: &str,
    description: &str,
    path: &str,
) -> JsonValue {
    let config = &site.config;
    let hub = config.text_in(&config.title, &config.titles, lang).0;
    json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": title,
        "description": description,
        "url": config.permalink(path),
        "isPartOf": { "@type": "WebSite", "name": hub, "url": config.permalink(&site.in_language(lang, "/")) },
    })
}

/// An entry page, when its collection declares a `json_ld` type.
pub fn entry(site: &Site, id: EntryId) -> Option<JsonValue> {
    let entry = site.entry(id);
    let settings = site
        .config
        .collection(&entry.collection)?
        .json_ld
        .as_ref()?;
    let permalink = site.config.permalink(&site.entry_path(id));
    let mut item = Map::new();
    item.insert("@type".into(), JsonValue::from(settings.kind.as_str()));
    item.insert("name".into(), JsonValue::from(entry.title.as_str()));
    item.insert(
        "description".into(),
        JsonValue::from(entry.summary.as_str()),
    );
    item.insert("url".into(), JsonValue::from(permalink.as_str()));
    item.insert("inLanguage".into(), JsonValue::from(entry.lang.as_str()));
    if let Some(date) = entry.date {
        item.insert("datePublished".into(), JsonValue::from(date.to_string()));
    }
    if let Some(date) = site.last_updated(id) {
        item.insert("dateModified".into(), JsonValue::from(date.to_string()));
    }
    let keywords: Vec<JsonValue> = ["topics", "tags"]
        .iter()
        .filter_map(|f| entry.field(f))
        .flat_map(|v| v.items().iter().map(|item| value(site, item)))
        .collect();
    if !keywords.is_empty() {
        item.insert("keywords".into(), JsonValue::from(keywords));
    }
    for (property, source) in &settings.properties {
        let Some(field) = entry.field(source.field()) else {
            continue;
        };
        let converted = match (source, field) {
            (PropertySource::Mapped { map, .. }, Value::Text(v)) => map
                .get(v)
                .map_or(JsonValue::from(v.as_str()), |m| JsonValue::from(m.as_str())),
            _ => value(site, field),
        };
        if !converted.is_null() {
            item.insert(property.clone(), converted);
        }
    }
    let mut doc = match &settings.page {
        Some(page) => {
            let mut wrapper = Map::new();
            wrapper.insert("@type".into(), JsonValue::from(page.as_str()));
            wrapper.insert("url".into(), JsonValue::from(permalink.as_str()));
            wrapper.insert("mainEntity".into(), JsonValue::Object(item));
            wrapper
        }
        None => item,
    };
    doc.insert("@context".into(), JsonValue::from("https://schema.org"));
    Some(JsonValue::Object(doc))
}

/// A field value as JSON-LD: terms by their label, references as linked
/// things, objects as text. Email addresses are never published.
fn value(site: &Site, v: &Value) -> JsonValue {
    match v {
        Value::Text(s) => JsonValue::from(s.as_str()),
        Value::Int(i) => JsonValue::from(*i),
        Value::Float(f) => JsonValue::from(*f),
        Value::Bool(b) => JsonValue::from(*b),
        Value::Date(d) => JsonValue::from(d.to_string()),
        Value::DateTime(dt, offset) => JsonValue::from(format_datetime(*dt, *offset)),
        Value::Email(_) => JsonValue::Null,
        Value::Term { taxonomy, id } => JsonValue::from(site.taxonomies.label(taxonomy, id)),
        Value::Ref(r) => match r.resolved {
            Some(target) => {
                let e = site.entry(target);
                let kind = site
                    .config
                    .collection(&e.collection)
                    .and_then(|c| c.json_ld.as_ref())
                    .map_or("Thing", |j| j.kind.as_str());
                json!({ "@type": kind, "name": e.title, "url": site.config.permalink(&site.entry_path(target)) })
            }
            None => JsonValue::Null,
        },
        Value::Object(fields) => {
            let parts: Vec<String> = fields
                .values()
                .map(|f| value(site, f))
                .filter_map(|j| match j {
                    JsonValue::String(s) => Some(s),
                    JsonValue::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect();
            if parts.is_empty() {
                JsonValue::Null
            } else {
                JsonValue::from(parts.join(", "))
            }
        }
        Value::List(items) => {
            let values: Vec<JsonValue> = items
                .iter()
                .map(|i| value(site, i))
                .filter(|j| !j.is_null())
                .collect();
            if values.is_empty() {
                JsonValue::Null
            } else {
                JsonValue::from(values)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script_element() {
        let doc = json!({ "name": "</script><script>alert(1)</script> & \u{2028}" });
        let safe = script_safe(&doc);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: JsonValue = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, doc, "escaping keeps the value");
    }
}
