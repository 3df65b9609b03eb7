//! The record of an ejected theme, `themes/hub/.calabash-theme.toml`: for
//! each file `calabash theme eject` copied, the hash of the built-in file it
//! copied and the Calabash version it came with. When a later Calabash ships
//! a different version of that file, `calabash check` says so, naming the
//! copy and how to see what is new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::builtin_theme::{BUILTIN_THEME, content_hash, file};
use crate::core::diagnostics::{Diagnostic, Severity};
use crate::core::paths::Fence;
use crate::core::paths::names::is_plain_relative;

/// The record's file name, inside `themes/hub/` (hidden: no theme file).
pub const RECORD_FILE: &str = ".calabash-theme.toml";

/// This Calabash's version, as written in records.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What was copied from where: theme path (`templates/list.html`) to origin.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EjectRecord {
    #[serde(default)]
    pub files: BTreeMap<String, CopiedFrom>,
}

/// The built-in file a copy was made from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopiedFrom {
    /// `content_hash` of the built-in file as copied.
    pub hash: String,
    /// The version of Calabash that held it.
    pub calabash: String,
}

impl CopiedFrom {
    /// The origin of `bytes`, copied now from this Calabash's built-in theme.
    pub fn now(bytes: &[u8]) -> Self {
        CopiedFrom {
            hash: content_hash(bytes),
            calabash: VERSION.to_string(),
        }
    }
}

/// The record's path from the site root.
pub fn record_path() -> String {
    format!("themes/{BUILTIN_THEME}/{RECORD_FILE}")
}

/// Reads the record of the site in `root`: none when there is no record
/// file, an error naming the file when it cannot be read.
pub fn read_record(root: &Path) -> Result<Option<EjectRecord>, Diagnostic> {
    let shown = record_path();
    let path = root.join(&shown);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    if let Some(problem) = Fence::new(root, &[]).check_file(&shown) {
        return Err(problem);
    }
    let text = std::fs::read_to_string(&path)
        .map_err(|err| Diagnostic::error(&shown, format!("cannot read the record: {err}")))?;
    toml::from_str(&text).map(Some).map_err(|err| {
        let problem = Diagnostic::error(
            &shown,
            format!("the record is not valid: {}", err.message()),
        )
        .hint("`calabash theme eject --force` writes it again (over the copied files)");
        match err.span() {
            Some(span) => problem.at(&text, span),
            None => problem,
        }
    })
}

/// The record as TOML, with a comment saying what it is for.
pub fn record_text(record: &EjectRecord) -> String {
    let quote = |text: &str| toml::Value::String(text.to_string()).to_string();
    let mut text = String::from(
        "# Written by `calabash theme eject`: the built-in file each file of this\n\
         # theme was copied from (its hash, and the Calabash version it came with).\n\
         # `calabash check` tells when a later Calabash has a different version.\n\n\
         [files]\n",
    );
    for (path, from) in &record.files {
        text.push_str(&format!(
            "{} = {{ hash = {}, calabash = {} }}\n",
            quote(path),
            quote(&from.hash),
            quote(&from.calabash)
        ));
    }
    text
}

/// One warning for each ejected file whose built-in original has changed
/// since it was copied (or is gone), for `calabash check`. Nothing for a
/// site that does not use the built-in theme or never ejected it.
pub fn outdated_copies(root: &Path, theme: &str) -> Vec<Diagnostic> {
    if theme != BUILTIN_THEME {
        return Vec::new();
    }
    let record = match read_record(root) {
        Ok(Some(record)) => record,
        Ok(None) => return Vec::new(),
        Err(problem) => return vec![as_warning(problem)],
    };
    let fence = Fence::new(root, &[]);
    let mut warnings = Vec::new();
    for (path, from) in &record.files {
        let copy = format!("themes/{BUILTIN_THEME}/{path}");
        let theme_file = ["templates/", "static/", "i18n/"]
            .iter()
            .any(|part| path.starts_with(part));
        if !theme_file || !is_plain_relative(path) {
            warnings.push(
                Diagnostic::warning(record_path(), format!("`{path}` is not a file of a theme"))
                    .hint("the record names files under templates/, static/ or i18n/; remove this line"),
            );
            continue;
        }
        // A copy the site removed, or a link that is not followed, is not used.
        if !root.join(&copy).is_file() || fence.check_file(&copy).is_some() {
            continue;
        }
        let built_in = file(path);
        if built_in.is_some_and(|bytes| content_hash(bytes) == from.hash) {
            continue;
        }
        let on_disk = std::fs::read(root.join(&copy)).unwrap_or_default();
        let warning = match built_in {
            Some(bytes) if content_hash(&on_disk) == content_hash(bytes) => continue,
            Some(bytes) => changed(
                path,
                &copy,
                from,
                content_hash(&on_disk) == from.hash,
                bytes,
            ),
            None => gone(&copy, from),
        };
        warnings.push(warning);
    }
    warnings
}

/// The warning for a copy whose built-in original has changed.
fn changed(path: &str, copy: &str, from: &CopiedFrom, untouched: bool, new: &[u8]) -> Diagnostic {
    let message = format!(
        "{copy} was copied from an older built-in theme (that of Calabash {}): the built-in \
         {path} has changed since (this is Calabash {VERSION}){}",
        from.calabash,
        if untouched {
            ", and the copy was never changed"
        } else {
            ""
        },
    );
    let hint = if untouched {
        format!(
            "delete {copy} to use the built-in version, or replace it: `calabash theme eject --force {path}`"
        )
    } else {
        format!(
            "see what is new: `calabash theme show {path} | diff -u {copy} -`; carry the changes \
             into your copy, then mark it as up to date by setting its `hash` in {} to \"{}\"",
            record_path(),
            content_hash(new)
        )
    };
    Diagnostic::warning(copy, message).hint(hint)
}

/// The warning for a copy of a file the built-in theme no longer has.
fn gone(copy: &str, from: &CopiedFrom) -> Diagnostic {
    Diagnostic::warning(
        copy,
        format!(
            "{copy} was copied from the built-in theme of Calabash {}, which no longer has this file (Calabash {VERSION})",
            from.calabash
        ),
    )
    .hint(format!(
        "the built-in templates no longer use it: `calabash theme show` lists the built-in files; \
         delete the copy, or remove its line from {}, if nothing of yours uses it",
        record_path()
    ))
}

/// A record that cannot be read only stops the comparison: a warning.
fn as_warning(mut problem: Diagnostic) -> Diagnostic {
    problem.severity = Severity::Warning;
    problem
}
