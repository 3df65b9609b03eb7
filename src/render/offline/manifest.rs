//! The web app manifest (`/manifest.webmanifest`): the site's name, its
//! language, where it starts and what it covers (under the base path), its
//! colours, taken from the stylesheet's palette, and its icons.

use serde_json::json;

use super::paths::{ICON, PNG_ICONS};
use crate::config::Config;

/// The theme's colours when the stylesheet names none.
const BRAND: &str = "#0b5640";
const BACKGROUND: &str = "#ffffff";

/// The manifest's text; `stylesheet` is the site's `style.css`, whose
/// first `--brand` and `--bg` colours become the theme and background colours.
pub fn manifest(config: &Config, stylesheet: Option<&[u8]>) -> String {
    let css = stylesheet.map(String::from_utf8_lossy).unwrap_or_default();
    let short_name = (config.offline.as_ref())
        .and_then(|o| o.short_name.clone())
        .unwrap_or_else(|| config.title.clone());
    let mut icons = vec![json!({"src": config.url(ICON), "sizes": "any", "type": "image/svg+xml"})];
    icons.extend(PNG_ICONS.iter().map(
        |(path, sizes)| json!({"src": config.url(path), "sizes": sizes, "type": "image/png"}),
    ));
    let manifest = json!({
        "name": config.title,
        "short_name": short_name,
        "description": config.description,
        "lang": config.language,
        "start_url": config.url("/"),
        "scope": config.url("/"),
        "id": config.url("/"),
        "display": "standalone",
        "theme_color": colour(&css, "--brand").unwrap_or(BRAND),
        "background_color": colour(&css, "--bg").unwrap_or(BACKGROUND),
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"
}

/// The first value of the custom property `name` in `css`, when it is a
/// hex colour (`#0b5640`), the form a manifest may hold for sure.
fn colour<'a>(css: &'a str, name: &str) -> Option<&'a str> {
    let at = css.find(&format!("{name}:"))? + name.len() + 1;
    let value = css[at..].trim_start();
    let end = value.find([';', '}', ' ', '\n']).unwrap_or(value.len());
    let value = &value[..end];
    let hex = value.strip_prefix('#')?;
    (matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::colour;

    #[test]
    fn colours_come_from_the_first_palette() {
        let css = ":root { --bg: #fff; --brand: #0b5640; }\n@media (prefers-color-scheme: dark) { :root { --bg: #131615; } }";
        assert_eq!(colour(css, "--bg"), Some("#fff"));
        assert_eq!(colour(css, "--brand"), Some("#0b5640"));
        assert_eq!(colour(":root { --brand: var(--x); }", "--brand"), None);
        assert_eq!(colour("", "--brand"), None);
    }
}
