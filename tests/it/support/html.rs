//! Reading built HTML as text: attribute values, links, Tera's escaping,
//! redirect pages and JSON-LD blocks.

/// Undoes Tera's HTML escaping, for comparing printed values.
pub fn unescape(html: &str) -> String {
    html.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every value of `attr="..."` in an HTML text.
pub fn attributes(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let start = i + needle.len();
            let end = html[start..].find('"').map_or(html.len(), |j| start + j);
            html[start..end].to_string()
        })
        .collect()
}

/// The `href`s of `<a>` elements with the given class.
pub fn links_with_class(html: &str, class: &str) -> Vec<(String, String)> {
    let needle = format!("<a class=\"{class}\" href=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let start = i + needle.len();
            let end = start + html[start..].find('"').unwrap();
            let text_start = end + html[end..].find('>').unwrap() + 1;
            let text_end = text_start + html[text_start..].find("</a>").unwrap();
            (
                html[start..end].to_string(),
                unescape(&html[text_start..text_end]),
            )
        })
        .collect()
}

/// True for the small pages Calabash writes for `aliases` (a meta refresh).
pub fn is_redirect(html: &str) -> bool {
    html.contains("http-equiv=\"refresh\"")
}

/// The `<script type="application/ld+json">` blocks of an HTML page, as
/// written (up to the first `</script`, as a browser reads them).
pub fn json_ld_blocks(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut blocks = Vec::new();
    let mut at = 0;
    while let Some(open) = lower[at..].find("<script").map(|i| i + at) {
        let Some(tag_end) = lower[open..].find('>').map(|i| i + open) else {
            break;
        };
        let tag = &lower[open..tag_end];
        let body_end = lower[tag_end..]
            .find("</script")
            .map_or(lower.len(), |i| i + tag_end);
        if tag.contains("application/ld+json") {
            blocks.push(html[tag_end + 1..body_end].to_string());
        }
        at = body_end.max(tag_end + 1);
    }
    blocks
}

/// The top-level nodes of a JSON-LD document (an object, an array, or an
/// object with `@graph`).
pub fn json_ld_nodes(doc: &serde_json::Value) -> Vec<&serde_json::Value> {
    match doc {
        serde_json::Value::Array(items) => items.iter().collect(),
        serde_json::Value::Object(map) => match map.get("@graph") {
            Some(serde_json::Value::Array(items)) => items.iter().collect(),
            _ => vec![doc],
        },
        _ => Vec::new(),
    }
}

/// The `@type` values of a JSON-LD node (a string or a list of strings).
pub fn json_ld_types(node: &serde_json::Value) -> Vec<String> {
    match node.get("@type") {
        Some(serde_json::Value::String(t)) => vec![t.clone()],
        Some(serde_json::Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}
