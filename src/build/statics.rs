//! The files a build writes beside the pages: static files (the site's,
//! the theme folder's, the built-in theme's), the browser editor's and the
//! code stylesheet.

use std::path::Path;

use crate::core::diagnostics::Diagnostic;
use crate::output::Staging;
use crate::site;
use crate::theme::SYNTAX_CSS;

/// Writes the static files, the browser editor's (`editor`, named within
/// `/admin/`) and the code stylesheet; returns how many static files
/// were written.
pub fn write_static_files(
    staging: &Staging,
    statics: &crate::theme::StaticFiles,
    editor: &[(String, Vec<u8>)],
    syntax_css: &str,
) -> std::io::Result<usize> {
    let copied = staging.copy_files(&statics.on_disk())?;
    for (rel, bytes) in statics.built_in() {
        staging.write(rel, bytes)?;
    }
    for (name, bytes) in editor {
        staging.write(&format!("{}/{name}", crate::cms::ADMIN_DIR), bytes)?;
    }
    staging.write(SYNTAX_CSS.trim_start_matches('/'), syntax_css.as_bytes())?;
    Ok(copied + statics.built_in().count())
}

/// The browser editor's files for `/admin/` when `[cms] build = true`
/// (the plan's check has made sure the site has no file of its own there).
pub fn editor_files(root: &Path, site: &site::Site) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    if !site.config.cms.as_ref().is_some_and(|cms| cms.build) {
        return Ok(Vec::new());
    }
    crate::cms::generate_with(root, &site.config, &site.taxonomies)
}
