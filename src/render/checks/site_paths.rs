//! Checks that need the list of files a build will write: links and `file`
//! fields must point at a page or file the site has.

use std::collections::HashSet;

use crate::core::diagnostics::{Diagnostic, did_you_mean};
use crate::core::schema::FieldType;
use crate::site::Site;
use crate::theme::{SYNTAX_CSS, StaticFiles};

/// Every file of the site by output path: `files` (those rendered: pages,
/// feeds, redirects), the code stylesheet and static files.
pub fn site_files<'f>(files: &'f [String], statics: &'f StaticFiles) -> HashSet<&'f str> {
    let mut all: HashSet<&str> = files.iter().map(String::as_str).collect();
    all.insert(SYNTAX_CSS.trim_start_matches('/'));
    all.extend(statics.files.keys().map(String::as_str));
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
    for (id, entry) in site.entries_with_ids() {
        // Read (and unpacked) only for a message: most checks find nothing.
        let text = || entry.source.text();
        for link in &site.body(id).site_paths {
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
                .at(&text(), link.span.clone())
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
                let text = text();
                let start = text.find(&quoted).unwrap_or(0);
                problems.push(
                    Diagnostic::error(
                        &entry.source.path,
                        format!("field `{name}`: the site has no file `{path}`"),
                    )
                    .at(&text, start..start + quoted.len())
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
    let path = crate::core::paths::names::decode(path).unwrap_or_else(|| path.to_string());
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
