//! The static files of a site: the theme's `static/` folder, then the
//! site's own over it, gathered once per build with the symbolic links
//! among them judged (see `core::paths::links`) and every name checked as an
//! output path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::core::diagnostics::Diagnostic;
use crate::core::paths::Fence;
use crate::core::paths::names::check_output_file;
use crate::core::text::relative;

/// The files copied from `static/` folders, and what is wrong with others.
#[derive(Debug, Default, Clone)]
pub struct StaticFiles {
    /// Output path to the file copied there: the theme's static files, then
    /// the site's own over them. Hidden files and folders are left out.
    pub files: BTreeMap<String, PathBuf>,
    /// Where each output path comes from, from the site root, for messages.
    pub origins: BTreeMap<String, String>,
    /// Warnings for links not followed; errors for names that cannot be
    /// published and folders that cannot be read.
    pub problems: Vec<Diagnostic>,
}

impl StaticFiles {
    /// Output path and origin of every file, for `render::checks::output_paths::check_outputs`.
    pub fn claims(&self) -> impl Iterator<Item = (&str, String)> + '_ {
        self.origins
            .iter()
            .map(|(file, from)| (file.as_str(), from.clone()))
    }
}

/// Gathers the static files of the theme and the site, in `root`.
pub fn static_files(root: &Path, theme: &str, fence: &Fence) -> StaticFiles {
    let mut found = StaticFiles::default();
    let theme_static = root.join("themes").join(theme).join("static");
    for dir in [theme_static, root.join("static")] {
        if std::fs::symlink_metadata(&dir).is_err() {
            continue;
        }
        let walked = fence.walk(&dir, |item| {
            item.file_name().to_string_lossy().starts_with('.')
        });
        found.problems.extend(walked.warnings);
        for err in walked.errors {
            let at = err.path().map_or_else(|| dir.clone(), Path::to_path_buf);
            found.problems.push(Diagnostic::error(
                relative(root, &at),
                format!("cannot read: {err}"),
            ));
        }
        for item in walked
            .entries
            .into_iter()
            .filter(|i| i.file_type().is_file())
        {
            let from = relative(root, item.path());
            let Some(rel) = item.path().strip_prefix(&dir).ok().and_then(Path::to_str) else {
                found.problems.push(
                    Diagnostic::error(&from, "the file name is not valid UTF-8 text")
                        .hint("rename the file: letters, digits and - . _ ~"),
                );
                continue;
            };
            let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
            if let Err(unsafe_path) = check_output_file(&rel) {
                found.problems.push(
                    Diagnostic::error(
                        &from,
                        format!("the static file cannot be published as /{rel}: {}", unsafe_path.reason),
                    )
                    .hint("rename the file or folder: letters, digits and - . _ ~, not starting with a dot"),
                );
                continue;
            }
            found.origins.insert(rel.clone(), from);
            found.files.insert(rel, item.into_path());
        }
    }
    found
}
