//! The theme: the templates (the site's over the theme folder's over the
//! built-in ones, with the filters themes may use), the static files, the
//! default theme compiled into the binary and the record of its ejected
//! copies, and the stylesheet of highlighted code.

pub mod builtin_theme;
pub mod code_style;
pub mod ejected;
pub mod encode;
pub mod i18n;
pub mod missing;
pub mod statics;
pub mod templates;
pub mod uses;

use std::path::Path;

use crate::config::Config;
use crate::core::diagnostics::Diagnostics;

pub use code_style::SYNTAX_CSS;
pub use statics::{StaticFiles, StaticSource, static_files};
pub use templates::TemplateOrigins;

/// The parsed templates, where each came from, the interface strings and
/// the code stylesheet.
pub struct Theme {
    pub tera: tera::Tera,
    pub origins: TemplateOrigins,
    pub strings: i18n::Strings,
    pub syntax_css: String,
}

/// Loads the theme's and the site's templates, translation files and the
/// code stylesheet.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
    let loaded = templates::load(root, config);
    let strings = i18n::load(root, config);
    let (tera, origins, strings) = match (loaded, strings) {
        (Ok((tera, origins)), Ok(strings)) => (tera, origins, strings),
        (templates, strings) => {
            let mut problems = templates.err().unwrap_or_default();
            problems.extend(strings.err().unwrap_or_default());
            return Err(Diagnostics::from(problems));
        }
    };
    Ok(Theme {
        tera,
        origins,
        strings,
        syntax_css: code_style::syntax_stylesheet(config)?,
    })
}
