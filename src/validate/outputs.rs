//! Checks that need the list of files a build will write: links and `file`
//! fields must point at a page or file the site has. The static files are
//! gathered here, once per build, with the symbolic links among them judged
//! (see `paths::links`); `output_paths` checks every file's path.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::build::SYNTAX_CSS;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::paths::Fence;
use crate::paths::names::check_output_file;
use crate::schema::FieldType;
use crate::site::Site;

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
    /// Output path and origin of every file, for `output_paths::check_outputs`.
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
                crate::load::relative(root, &at),
                format!("cannot read: {err}"),
            ));
        }
        for item in walked
            .entries
            .into_iter()
            .filter(|i| i.file_type().is_file())
        {
            let from = crate::load::relative(root, item.path());
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

/// Every file of the site by output path: `files` (those rendered: pages,
/// feeds, redirects), the code stylesheet and static files.
pub fn site_files(files: &[String], statics: &StaticFiles) -> HashSet<String> {
    let mut all: HashSet<String> = files.iter().cloned().collect();
    all.insert(SYNTAX_CSS.trim_start_matches('/').to_string());
    all.extend(statics.files.keys().cloned());
    all
}

/// Links written as site paths (`/documents/a.pdf`, `/library/`) and the
/// values of `file` fields must name a file of the site.
pub fn check_site_paths<F>(site: &Site, files: &HashSet<F>) -> Vec<Diagnostic>
where
    F: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    let has_file = |file: &str| files.contains(file);
    let mut problems = Vec::new();
    // Only worked out when a link is broken: most checks find none.
    let mut known_paths: Option<Vec<String>> = None;
    let mut suggest = |path: &str| -> Option<String> {
        let known = known_paths.get_or_insert_with(|| {
            files
                .iter()
                .map(|file| match file.borrow().strip_suffix("index.html") {
                    Some(folder) => format!("/{folder}"),
                    None => format!("/{}", file.borrow()),
                })
                .collect()
        });
        did_you_mean(path, known.iter().map(String::as_str))
    };
    for (id, entry) in site.entries.iter().enumerate() {
        let text = &entry.source.text;
        for link in &site.rendered[id].site_paths {
            if resolves(&link.url, &has_file) {
                continue;
            }
            let path = link.url.split(['?', '#']).next().unwrap_or_default();
            let base_path = site.config.base_path.as_str();
            let hint = match path.strip_prefix(base_path) {
                Some(rest)
                    if !base_path.is_empty()
                        && rest.starts_with('/')
                        && resolves(rest, &has_file) =>
                {
                    format!(
                        "write `{rest}`: paths start at the site root, and Calabash puts the \
                         base path `{base_path}` of base_url before them"
                    )
                }
                _ => missing_hint(path, suggest(path)),
            };
            problems.push(
                Diagnostic::error(
                    &entry.source.path,
                    format!("broken link: the site has no page or file `{path}`"),
                )
                .at(text, link.span.clone())
                .hint(hint),
            );
        }
        let Some(collection) = site.config.collection(&entry.collection) else {
            continue;
        };
        for (name, def) in &collection.fields {
            if def.kind != FieldType::File {
                continue;
            }
            let Some(value) = entry.field(name) else {
                continue;
            };
            for path in value.items().iter().filter_map(|v| v.as_text()) {
                if resolves(path, &has_file) {
                    continue;
                }
                let quoted = format!("\"{path}\"");
                let start = text.find(&quoted).unwrap_or(0);
                problems.push(
                    Diagnostic::error(
                        &entry.source.path,
                        format!("field `{name}`: the site has no file `{path}`"),
                    )
                    .at(text, start..start + quoted.len())
                    .hint(missing_hint(path, None)),
                );
            }
        }
    }
    problems
}

/// Whether a site path names a file: `/a/` and `/a` stand for `a/index.html`.
fn resolves(url: &str, has_file: &impl Fn(&str) -> bool) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_start_matches('/');
    let path = crate::paths::names::decode(path).unwrap_or_else(|| path.to_string());
    if path.is_empty() || path.ends_with('/') {
        return has_file(&format!("{path}index.html"));
    }
    has_file(&path) || has_file(&format!("{path}/index.html"))
}

fn missing_hint(path: &str, suggestion: Option<String>) -> String {
    let looks_like_file = path
        .rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'));
    let mut hint = if looks_like_file {
        format!("put the file at static{path}, or correct the path")
    } else {
        "correct the path, or link to an entry with @/collection/slug.md".to_string()
    };
    if let Some(suggestion) = suggestion {
        hint = format!("{suggestion} {hint}");
    }
    hint
}
