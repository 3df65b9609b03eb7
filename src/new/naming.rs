//! The file name of a new entry: made from its title or chosen with
//! `--slug`, and refused when the collection already has it (ignoring case,
//! in any subfolder) or a free page may not take it.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::config::{self, CONFIG_FILE, Config};
use crate::core::diagnostics::Diagnostic;
use crate::core::slug;
use crate::core::text::relative;
use crate::load::CONTENT_DIR;

use super::values::toml_string;

/// The file name made from the title.
pub fn title_slug(title: &str) -> Result<String, Vec<Diagnostic>> {
    let slug = slug::entry_slug(title);
    if slug.is_empty() {
        return Err(vec![
            Diagnostic::error(
                CONFIG_FILE,
                format!("the title \"{title}\" has no letters or digits to name the file after"),
            )
            .hint("use a title with words in it, or choose the file name with --slug; you can change the title in the file afterwards"),
        ]);
    }
    Ok(slug)
}

/// The file name given with `--slug`, which must be a safe slug.
pub fn chosen_slug(chosen: &str) -> Result<String, Vec<Diagnostic>> {
    let chosen = chosen.trim().trim_end_matches(".md");
    if slug::is_safe(chosen) {
        return Ok(chosen.to_string());
    }
    let suggestion = slug::slugify(chosen);
    let hint = if suggestion.is_empty() {
        "use lower-case letters, digits and single hyphens, like --slug annual-report-2025"
            .to_string()
    } else {
        format!("use lower-case letters, digits and single hyphens, like --slug {suggestion}")
    };
    Err(vec![
        Diagnostic::error(
            CONFIG_FILE,
            format!("`{chosen}` cannot be a file name of an entry"),
        )
        .hint(hint),
    ])
}

/// Refuses a slug an entry of the collection already has (ignoring case, in
/// any subfolder), a file already occupies, or a free page may not take.
pub fn check_free(
    slug: &str,
    taken: &[String],
    reserved: &HashSet<String>,
    folder: &Path,
    root: &Path,
    collection: &str,
    title: &str,
) -> Result<(), Vec<Diagnostic>> {
    let lower = slug.to_lowercase();
    let path = folder.join(format!("{slug}.md"));
    let rel = relative(root, &path);
    let another = format!(
        "choose another file name with --slug, like: calabash new {collection} {} --slug {}",
        toml_string(title),
        next_free(slug, taken, reserved, folder)
    );
    if reserved.contains(&lower) {
        return Err(vec![
            Diagnostic::error(
                rel,
                format!("a page named `{slug}` would take the address of a collection or taxonomy"),
            )
            .hint(another),
        ]);
    }
    if taken.iter().any(|t| t.to_lowercase() == lower) || std::fs::symlink_metadata(&path).is_ok() {
        return Err(vec![
            Diagnostic::error(
                rel,
                format!("the collection `{collection}` already has an entry named `{slug}`"),
            )
            .hint(format!("edit that entry, or {another}")),
        ]);
    }
    Ok(())
}

/// `base-2`, `base-3` ... whichever is free: a suggestion for `--slug`.
fn next_free(base: &str, taken: &[String], reserved: &HashSet<String>, folder: &Path) -> String {
    let taken: HashSet<String> = taken.iter().map(|s| s.to_lowercase()).collect();
    (2..10_000)
        .map(|n| format!("{base}-{n}"))
        .find(|slug| {
            !taken.contains(slug)
                && !reserved.contains(slug)
                && std::fs::symlink_metadata(folder.join(format!("{slug}.md"))).is_err()
        })
        .unwrap_or_else(|| format!("{base}-new"))
}

/// Free pages may not take the URL of a collection or a taxonomy.
pub fn reserved_slugs(config: &Config, collection: &str) -> HashSet<String> {
    if collection != config::PAGES {
        return HashSet::new();
    }
    let paths = config
        .collections
        .iter()
        .filter(|c| !c.is_pages())
        .map(|c| c.path.as_str())
        .chain(config.taxonomies.iter().map(|t| t.path.as_str()));
    paths
        .filter_map(|p| {
            let inner = p.trim_matches('/');
            (!inner.is_empty() && !inner.contains('/')).then(|| inner.to_string())
        })
        .collect()
}

/// The slugs of every collection's entries (file names without `.md`, in
/// any subfolder), sorted.
pub fn existing_slugs(root: &Path, config: &Config) -> HashMap<String, Vec<String>> {
    config
        .collections
        .iter()
        .map(|c| {
            let folder = root.join(CONTENT_DIR).join(&c.name);
            let mut slugs: Vec<String> = walkdir::WalkDir::new(folder)
                .into_iter()
                .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy();
                    name.strip_suffix(".md").map(str::to_string)
                })
                .collect();
            slugs.sort();
            (c.name.clone(), slugs)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_slugs_are_refused_with_a_free_one_suggested() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("content/library");
        std::fs::create_dir_all(&folder).unwrap();
        let taken = vec!["Report".to_string(), "report-2".to_string()];
        let none = HashSet::new();
        let check = |slug: &str, title: &str| {
            check_free(slug, &taken, &none, &folder, dir.path(), "library", title)
        };
        let refused = check("report", "Report").unwrap_err();
        assert!(
            refused[0]
                .message
                .contains("already has an entry named `report`")
        );
        let hint = refused[0].hint.as_deref().unwrap();
        assert!(hint.contains("--slug report-3"), "{hint}");
        std::fs::write(folder.join("report-3.md"), "x").unwrap();
        assert_eq!(next_free("report", &taken, &none, &folder), "report-4");
        assert!(check("report-3", "R").is_err());
        assert!(check("report-4", "R").is_ok());
        let reserved = HashSet::from(["library".to_string()]);
        let refused = check_free("library", &[], &reserved, &folder, dir.path(), "pages", "L");
        assert!(
            refused.unwrap_err()[0]
                .message
                .contains("address of a collection")
        );
    }

    #[test]
    fn chosen_slugs_must_be_safe() {
        assert_eq!(chosen_slug("annual-report").unwrap(), "annual-report");
        assert_eq!(chosen_slug("annual-report.md").unwrap(), "annual-report");
        for bad in ["Annual Report", "../x", "a/b", "", "-x", "x--y"] {
            let refused = chosen_slug(bad).unwrap_err();
            assert!(
                refused[0].hint.as_deref().unwrap().contains("--slug"),
                "{bad}"
            );
        }
    }
}
