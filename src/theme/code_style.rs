//! The stylesheet of highlighted code, generated from syntect's themes for
//! the classes `markdown::highlight` marks code with.

use syntect::highlighting::ThemeSet;
use syntect::html::css_for_theme_with_class_style;

use crate::config::{CONFIG_FILE, Config};
use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::highlight::CLASS_STYLE;

/// The site path of the code stylesheet.
pub const SYNTAX_CSS: &str = "/syntax.css";

/// The stylesheet of highlighted code, in the site's light and dark themes.
pub fn syntax_stylesheet(config: &Config) -> Result<String, Diagnostics> {
    let markdown = &config.markdown;
    stylesheet(
        &markdown.highlight_theme,
        markdown.highlight_theme_dark.as_deref(),
    )
    .map_err(|message| {
        Diagnostics::from(vec![
            Diagnostic::error(CONFIG_FILE, message)
                .hint("set [markdown] highlight_theme to one of the listed themes"),
        ])
    })
}

/// The stylesheet for highlighted code: the light theme, and the dark one
/// under `prefers-color-scheme: dark` when given. Unknown names are errors.
pub fn stylesheet(light: &str, dark: Option<&str>) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let css_for = |name: &str| -> Result<String, String> {
        let theme = themes.themes.get(name).ok_or_else(|| {
            let mut names: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
            names.sort();
            format!(
                "unknown highlight theme `{name}`; available: {}",
                names.join(", ")
            )
        })?;
        css_for_theme_with_class_style(theme, CLASS_STYLE).map_err(|e| e.to_string())
    };
    let mut css = css_for(light)?;
    if let Some(dark) = dark {
        css.push_str("\n@media (prefers-color-scheme: dark) {\n");
        css.push_str(&css_for(dark)?);
        css.push_str("}\n");
    }
    Ok(css)
}
