//! The theme: the templates (the site's over the theme folder's over the
//! built-in ones, with the filters themes may use), the static files, the
//! default theme compiled into the binary and the record of its ejected
//! copies, and the stylesheet of highlighted code.

pub mod builtin_theme;
pub mod code_style;
pub mod ejected;
pub mod encode;
pub mod missing;
pub mod statics;
pub mod templates;

use std::path::Path;

use crate::config::Config;
use crate::core::diagnostics::Diagnostics;

pub use code_style::SYNTAX_CSS;
pub use statics::{StaticFiles, StaticSource, static_files};
pub use templates::TemplateOrigins;

/// The parsed templates, where each came from, and the code stylesheet.
pub struct Theme {
    pub tera: tera::Tera,
    pub origins: TemplateOrigins,
    pub syntax_css: String,
}

/// Loads the theme's and the site's templates and the code stylesheet.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
    let (tera, origins) = templates::load(root, config).map_err(Diagnostics::from)?;
    Ok(Theme {
        tera,
        origins,
        syntax_css: code_style::syntax_stylesheet(config)?,
    })
}
