//! `calabash new`: starts an entry of a collection from the collection's
//! schema in `site.toml`. The file is named after the title, transliterated
//! to ASCII (or as `--slug` says); a name the collection already has is
//! refused, never replaced or silently changed. See `template` for what the
//! new file contains.

mod context;
mod naming;
mod template;
mod values;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil;

pub use values::toml_string;

use crate::config::{self, CONFIG_FILE, Config};
use crate::core::diagnostics::{Diagnostic, did_you_mean};
use crate::core::text::relative;
use crate::load::CONTENT_DIR;
use crate::load::taxonomy;
pub use crate::render::context::Starters;
use naming::{check_free, chosen_slug, existing_slugs, reserved_slugs, title_slug};

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
    let text = with_context(root, &config, &slugs, today, |cx| {
        template::entry_text(collection, title, cx)
    });
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

/// What `calabash new` writes for entries of the site at `root`: the text
/// of one of `collection` titled `title` comes from `text(collection, title)`.
fn with_context<T>(
    root: &Path,
    config: &Config,
    slugs: &std::collections::HashMap<String, Vec<String>>,
    today: civil::Date,
    text: impl FnOnce(&context::Context<'_>) -> T,
) -> T {
    let mut ignored = Vec::new();
    let taxonomies = taxonomy::load(root, config, &mut ignored);
    let files = site_files(root, config);
    let context = context::Context {
        taxonomies: &taxonomies,
        slugs,
        today,
        language: &config.language,
        files: &files,
    };
    text(&context)
}

/// The title a new entry of `collection` starts with when it is begun from
/// the site's "Add" link, before its contributor names it.
pub fn starter_title(collection: &config::CollectionConfig) -> String {
    format!("New {}", collection.singular.to_lowercase())
}

/// For each collection (not the free pages): the file name and the text
/// `calabash new <collection> "<starter title>"` would write today, for the
/// site's "Add" links.
pub fn starters(root: &Path, config: &Config, today: civil::Date) -> Starters {
    let slugs = existing_slugs(root, config);
    with_context(root, config, &slugs, today, |cx| {
        (config.collections.iter())
            .filter(|c| !c.is_pages())
            .filter_map(|c| {
                let title = starter_title(c);
                let slug = title_slug(&title).ok()?;
                let text = template::entry_text(c, &title, cx);
                Some((c.name.clone(), (format!("{slug}.md"), text)))
            })
            .collect()
    })
}

/// `starters` dated on the day of the build time `now`, in UTC, so that a
/// build's output does not depend on where it runs.
pub fn starters_at(root: &Path, config: &Config, now: jiff::Timestamp) -> Starters {
    starters(root, config, now.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// Site paths of the files under `static/`, sorted, for examples.
fn site_files(root: &Path, config: &Config) -> Vec<String> {
    let fence = crate::core::paths::Fence::new(root, &[]);
    let mut files: Vec<String> = crate::theme::static_files(root, &config.theme, &fence)
        .files
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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

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
        let context = context::Context {
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
