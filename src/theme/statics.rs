//! The static files of a site: the built-in theme's (when the site uses
//! it), then the theme folder's `static/`, then the site's own over them,
//! gathered once per build with the symbolic links among them judged (see
//! `core::paths::links`) and every name checked as an output path.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::builtin_theme::{files_under, shown};
use crate::core::diagnostics::Diagnostic;
use crate::core::paths::Fence;
use crate::core::paths::names::check_output_file;
use crate::core::text::relative;

/// The files copied from `static/` folders, and what is wrong with others.
#[derive(Debug, Default, Clone)]
pub struct StaticFiles {
    /// Output path to the file copied there: the theme's static files, then
    /// the site's own over them. Hidden files and folders are left out.
    pub files: BTreeMap<String, StaticSource>,
    /// Where each output path comes from, from the site root, for messages.
    pub origins: BTreeMap<String, String>,
    /// Warnings for links not followed; errors for names that cannot be
    /// published and folders that cannot be read.
    pub problems: Vec<Diagnostic>,
}

/// Where a static file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticSource {
    /// A file of the site (its `static/` or its theme folder's).
    File(PathBuf),
    /// A file of the built-in theme, which has no path on disk.
    BuiltIn(&'static [u8]),
}

impl StaticSource {
    pub fn read(&self) -> std::io::Result<Cow<'static, [u8]>> {
        match self {
            StaticSource::File(path) => std::fs::read(path).map(Cow::Owned),
            StaticSource::BuiltIn(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }
}

impl StaticFiles {
    /// The files on disk, output path to source file: copied, not read.
    pub fn on_disk(&self) -> BTreeMap<String, PathBuf> {
        (self.files.iter())
            .filter_map(|(rel, source)| match source {
                StaticSource::File(path) => Some((rel.clone(), path.clone())),
                StaticSource::BuiltIn(_) => None,
            })
            .collect()
    }

    /// The built-in theme's files the site does not override, output path to bytes.
    pub fn built_in(&self) -> impl Iterator<Item = (&str, &'static [u8])> + '_ {
        (self.files.iter()).filter_map(|(rel, source)| match source {
            StaticSource::BuiltIn(bytes) => Some((rel.as_str(), *bytes)),
            StaticSource::File(_) => None,
        })
    }

    /// Leaves out the theme's files under `folder` (`offline/`), keeping
    /// the site's own: the files of a feature the site turned off.
    pub fn without_theme_folder(mut self, folder: &str) -> Self {
        let theirs: Vec<String> = (self.origins.iter())
            .filter(|(rel, from)| rel.starts_with(folder) && !from.starts_with("static/"))
            .map(|(rel, _)| rel.clone())
            .collect();
        for rel in theirs {
            self.files.remove(&rel);
            self.origins.remove(&rel);
        }
        self
    }

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
    for (rel, bytes) in files_under(theme, "static") {
        (found.origins).insert(rel.to_string(), shown(&format!("static/{rel}")));
        (found.files).insert(rel.to_string(), StaticSource::BuiltIn(bytes));
    }
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
            found
                .files
                .insert(rel, StaticSource::File(item.into_path()));
        }
    }
    found
}
