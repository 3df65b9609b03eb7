//! `calabash new`: starts an entry of a collection from the collection's
//! schema in `site.toml`. The file is named after the title, transliterated
//! to ASCII (or as `--slug` says); a name the collection already has is
//! refused, never replaced or silently changed. See `template` for what the
//! new file contains.

mod template;

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil;

pub use template::toml_string;

use crate::config::{self, CONFIG_FILE, Config};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::{CONTENT_DIR, relative};
use crate::slug;
use crate::taxonomy;

/// Lets tests fix the date written into new entries (`2026-11-23`).
const TODAY_VARIABLE: &str = "CALABASH_TODAY";

/// What `new_entry` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The new file.
    pub path: PathBuf,
    /// The same, relative to the site root with `/` separators.
    pub relative: String,
    pub slug: String,
}

/// Today's local date, or the date in `CALABASH_TODAY` if it holds one.
pub fn today() -> civil::Date {
    std::env::var(TODAY_VARIABLE)
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or_else(|| jiff::Zoned::now().date())
}

/// Writes a new entry of `collection` titled `title` into the site at
/// `root`, dated `today`, named `slug` if given, else after the title.
pub fn new_entry(
    root: &Path,
    collection: &str,
    title: &str,
    slug: Option<&str>,
    today: civil::Date,
) -> Result<Created, Vec<Diagnostic>> {
    let config = config::load(root, None)?;
    let Some(collection) = config.collection(collection) else {
        return Err(vec![unknown_collection(&config, collection)]);
    };
    let title = title.trim();
    if title.is_empty() {
        return Err(vec![
            Diagnostic::error(CONFIG_FILE, "the title of the new entry is empty")
                .hint("write it in quotes after the collection: calabash new library \"A title\""),
        ]);
    }
    let slug = match slug {
        Some(chosen) => chosen_slug(chosen)?,
        None => title_slug(title)?,
    };
    let slugs = existing_slugs(root, &config);
    let folder = root.join(CONTENT_DIR).join(&collection.name);
    let reserved = reserved_slugs(&config, &collection.name);
    let taken = slugs.get(&collection.name).map_or(&[][..], Vec::as_slice);
    check_free(
        &slug,
        taken,
        &reserved,
        &folder,
        root,
        &collection.name,
        title,
    )?;
    let mut ignored = Vec::new();
    let taxonomies = taxonomy::load(root, &config, &mut ignored);
    let files = site_files(root, &config);
    let context = template::Context {
        taxonomies: &taxonomies,
        slugs: &slugs,
        today,
        language: &config.language,
        files: &files,
    };
    let text = template::entry_text(collection, title, &context);
    let path = folder.join(format!("{slug}.md"));
    let rel = relative(root, &path);
    std::fs::create_dir_all(&folder)
        .and_then(|()| write_new(&path, &text))
        .map_err(|err| vec![write_error(&rel, &err)])?;
    Ok(Created {
        path,
        relative: rel,
        slug,
    })
}

/// The file name made from the title.
fn title_slug(title: &str) -> Result<String, Vec<Diagnostic>> {
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
fn chosen_slug(chosen: &str) -> Result<String, Vec<Diagnostic>> {
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

/// Site paths of the files under `static/`, sorted, for examples.
fn site_files(root: &Path, config: &Config) -> Vec<String> {
    let mut files: Vec<String> = crate::validate::outputs::static_files(root, &config.theme)
        .into_keys()
        .map(|file| format!("/{file}"))
        .collect();
    // The site's own documents make better examples than the theme's files.
    let own = |file: &String| {
        root.join("static")
            .join(file.trim_start_matches('/'))
            .is_file()
    };
    files.sort_by_key(|file| (!own(file), file.clone()));
    files
}

/// Creates `path` with `text`, failing if anything is already there.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

fn write_error(rel: &str, err: &std::io::Error) -> Diagnostic {
    if err.kind() == std::io::ErrorKind::AlreadyExists {
        Diagnostic::error(rel, "there is already a file here; it was left as it is")
            .hint("edit that file, or give the new entry another title")
    } else {
        Diagnostic::error(rel, format!("cannot write the new entry: {err}"))
    }
}

fn unknown_collection(config: &Config, name: &str) -> Diagnostic {
    let names: Vec<&str> = config.collections.iter().map(|c| c.name.as_str()).collect();
    let list = format!("the collections are {}", names.join(", "));
    let hint = match did_you_mean(name, names.iter().copied()) {
        Some(suggestion) => format!("{suggestion} {list}"),
        None => list,
    };
    Diagnostic::error(
        CONFIG_FILE,
        format!("there is no collection `{name}` in site.toml"),
    )
    .hint(hint)
}

/// Refuses a slug an entry of the collection already has (ignoring case, in
/// any subfolder), a file already occupies, or a free page may not take.
fn check_free(
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
        template::toml_string(title),
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
fn reserved_slugs(config: &Config, collection: &str) -> HashSet<String> {
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
fn existing_slugs(root: &Path, config: &Config) -> HashMap<String, Vec<String>> {
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
        let refused = check_free(
            "report",
            &taken,
            &none,
            &folder,
            dir.path(),
            "library",
            "Report",
        )
        .unwrap_err();
        assert!(
            refused[0]
                .message
                .contains("already has an entry named `report`")
        );
        let hint = refused[0].hint.as_deref().unwrap();
        assert!(hint.contains("--slug report-3"), "{hint}");
        std::fs::write(folder.join("report-3.md"), "x").unwrap();
        assert_eq!(next_free("report", &taken, &none, &folder), "report-4");
        assert!(
            check_free(
                "report-3",
                &taken,
                &none,
                &folder,
                dir.path(),
                "library",
                "R"
            )
            .is_err()
        );
        assert!(
            check_free(
                "report-4",
                &taken,
                &none,
                &folder,
                dir.path(),
                "library",
                "R"
            )
            .is_ok()
        );
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

    #[test]
    fn write_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entry.md");
        write_new(&path, "first").unwrap();
        let err = write_new(&path, "second").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        let diagnostic = write_error("content/library/entry.md", &err);
        assert!(
            diagnostic.message.contains("already a file"),
            "{diagnostic:?}"
        );
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string("Plain"), "\"Plain\"");
        assert_eq!(
            toml_string("A \"quoted\" \\ back\nslash\u{7}"),
            "\"A \\\"quoted\\\" \\\\ back\\nslash\\u0007\""
        );
        let parsed: toml::Table =
            toml::from_str(&format!("t = {}", toml_string("é \"x\" \\ \t\u{1b}"))).unwrap();
        assert_eq!(parsed["t"].as_str(), Some("é \"x\" \\ \t\u{1b}"));
    }

    #[test]
    fn the_front_matter_is_valid_toml_whatever_the_field_names() {
        let site = "title = \"T\"\nbase_url = \"https://example.org\"\n\
            [collections.notes]\ntitle = \"Notes\"\n\
            [collections.notes.fields]\n\
            \"job title\" = { type = \"string\", required = true }\n\
            \"place\" = { type = \"object\", required = true, fields = { \"city name\" = { type = \"string\", required = true } } }\n";
        let config = config::parse(site, None).unwrap();
        let context = template::Context {
            taxonomies: &taxonomy::Taxonomies::default(),
            slugs: &HashMap::new(),
            today: civil::date(2026, 11, 23),
            language: "en",
            files: &[],
        };
        let notes = config.collection("notes").unwrap();
        let text = template::entry_text(notes, "A \"note\"", &context);
        let front_matter = text
            .strip_prefix("+++\n")
            .and_then(|rest| rest.split_once("\n+++\n"))
            .map(|(fm, _)| fm)
            .unwrap();
        let table: toml::Table = toml::from_str(front_matter).unwrap();
        assert_eq!(table["title"].as_str(), Some("A \"note\""));
        assert_eq!(table["job title"].as_str(), Some(""));
        assert_eq!(table["place"]["city name"].as_str(), Some(""));
        assert_eq!(table["date"].to_string(), "2026-11-23");
    }
}
