//! The folder a new hub goes into: it must be empty (or missing) unless
//! `--force`, and no file may land outside it, through a symbolic link in
//! it, or replace a folder.

use std::path::Path;

use crate::core::diagnostics::Diagnostic;
use crate::core::paths::Fence;
use crate::core::paths::writing::leaves_the_folder;

/// How many of a folder's entries a refusal names.
const SHOWN: usize = 5;

/// Refuses a `dir` that is a file, or a folder with anything in it (hidden
/// files too: a `.git` folder is someone's work) unless `force`.
pub fn check_folder(dir: &Path, force: bool) -> Result<(), Diagnostic> {
    let shown = dir.display().to_string();
    let Ok(meta) = std::fs::metadata(dir) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Diagnostic::error(shown, "is a file, not a folder")
            .hint("name a new folder, e.g. `calabash init my-hub`"));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|err| Diagnostic::error(&shown, format!("cannot read the folder: {err}")))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() || force {
        return Ok(());
    }
    names.sort();
    let more = names.len().saturating_sub(SHOWN);
    let mut listed = names.into_iter().take(SHOWN).collect::<Vec<_>>().join(", ");
    if more > 0 {
        listed.push_str(&format!(" and {more} more"));
    }
    Err(
        Diagnostic::error(shown, format!("is not empty (it holds {listed})")).hint(
            "name a new folder, e.g. `calabash init my-hub`; or add --force to write the hub \
             into this one, replacing the files of the same name",
        ),
    )
}

/// Problems with writing `paths` into `dir`: a symbolic link on the way
/// that leads out of it, or a folder where a file goes.
pub fn check_paths<'a>(dir: &Path, paths: impl Iterator<Item = &'a str>) -> Vec<Diagnostic> {
    let fence = Fence::new(dir, &[]);
    let mut problems = Vec::new();
    for path in paths {
        if let Some(problem) = leaves_the_folder(dir, &fence, path) {
            problems.push(problem);
        } else if dir.join(path).is_dir() {
            problems.push(
                Diagnostic::error(path, "is a folder: a file of the new hub goes there")
                    .hint("move the folder away, or start the hub in another folder"),
            );
        }
    }
    problems
}

/// Of `paths`, those that exist in `dir` (and would be replaced).
pub fn existing<'a>(dir: &Path, paths: impl Iterator<Item = &'a str>) -> Vec<String> {
    paths
        .filter(|p| std::fs::symlink_metadata(dir.join(p)).is_ok())
        .map(str::to_string)
        .collect()
}
