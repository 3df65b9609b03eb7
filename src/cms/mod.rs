//! `calabash cms`: the browser editor at `/admin/` of the site, written
//! from the schema. Decap CMS (its version pinned in `config`) edits the
//! hub's entries through forms and saves them to the repository, each
//! change a pull request; `admin/config.yml` says what each collection's
//! forms hold, `admin/index.html` loads the editor. `build` writes them
//! too when `[cms] build = true`.

mod document;
mod page;
mod script;
mod widgets;

use std::path::{Path, PathBuf};

use crate::config::{CmsScript, Config};
use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::forms::yaml;
use crate::load::taxonomy::{self, Taxonomies};

pub use widgets::DATETIME_FORMAT;

/// The editor's folder in the built site.
pub const ADMIN_DIR: &str = crate::config::CmsConfig::ADMIN_DIR;
/// The first line of `config.yml`.
pub const HEADER: &str = "# Written by `calabash cms` from site.toml and the vocabularies: change those, then build again.\n";

/// Every file of `/admin/`, by its name there, read from the site at `root`.
pub fn generate(root: &Path, config: &Config) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut problems = Vec::new();
    let taxonomies = taxonomy::load(root, config, &mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Diagnostics::from(problems));
    }
    generate_with(root, config, &taxonomies).map_err(|d| Diagnostics::from(vec![d]))
}

/// Every file of `/admin/`, from the configuration and vocabularies; the
/// script too when the site serves its own copy.
pub fn generate_with(
    root: &Path,
    config: &Config,
    taxonomies: &Taxonomies,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    if config.forge.is_none() {
        return Err(Diagnostic::error(
            crate::config::CONFIG_FILE,
            "the editor saves to the hub's repository, and site.toml names none",
        )
        .hint("set repository_url = \"https://github.com/owner/hub\" (and branch) at the top of site.toml"));
    }
    let cms = config.cms.clone().unwrap_or_default();
    let (script_src, script_files) = match &cms.script {
        CmsScript::Remote { url, .. } => (url.clone(), Vec::new()),
        CmsScript::Local { path, line, column } => {
            let files = script::local_files(root, path, (*line, *column))?;
            (files[0].0.clone(), files)
        }
    };
    let source = widgets::Source { config, taxonomies };
    let configuration = yaml::to_string(&document::configuration(&cms, &source));
    let mut files = vec![
        (
            "index.html".to_string(),
            page::index_html(config, &cms.script, &script_src).into_bytes(),
        ),
        (
            "config.yml".to_string(),
            format!("{HEADER}{configuration}").into_bytes(),
        ),
    ];
    files.extend(script_files);
    Ok(files)
}

/// Writes the editor's files into `dir`, creating it; returns them.
pub fn write_into(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        crate::core::paths::writing::write_file(&path, bytes).map_err(|err| {
            Diagnostics::from(vec![Diagnostic::error(
                path.display().to_string(),
                format!("cannot write: {err}"),
            )])
        })?;
        written.push(path);
    }
    Ok(written)
}

/// Where `calabash cms` writes without `--output`: `admin/` of the site
/// the last `calabash build` wrote into `public/`.
pub fn default_folder(root: &Path) -> Result<PathBuf, Diagnostics> {
    let public = root.join("public");
    if !public.join(crate::core::paths::MARKER).is_file() {
        return Err(Diagnostics::from(vec![
            Diagnostic::error(
                "public",
                "there is no built site in public/ to add the editor to",
            )
            .hint("run `calabash build` first, or pass --output DIR to write the editor's two files into DIR; with [cms] build = true in site.toml every build writes /admin/"),
        ]));
    }
    Ok(public.join(ADMIN_DIR))
}
