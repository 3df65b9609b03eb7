//! `calabash theme eject`: copies the built-in theme into the site's
//! `themes/hub/`, where its files override the built-in ones, and records
//! what each copy came from (`theme::ejected`) so that `calabash check` can
//! tell when a later Calabash changes the original. Existing files are
//! only replaced when asked to.

use std::path::PathBuf;

use crate::core::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::core::paths::Fence;
use crate::core::paths::writing::{leaves_the_folder, write_file};
use crate::theme::builtin_theme::{BUILTIN_THEME, FILES};
use crate::theme::ejected::{CopiedFrom, EjectRecord, read_record, record_path, record_text};

#[derive(Debug, Clone)]
pub struct EjectOptions {
    pub root: PathBuf,
    /// Only the templates: static files stay built in.
    pub templates_only: bool,
    /// Replace files that already exist.
    pub force: bool,
    /// Only these files (`templates/list.html`); every file when empty.
    pub only: Vec<String>,
}

/// What an eject wrote: paths from the site root, the record last.
#[derive(Debug, Default)]
pub struct Ejected {
    pub written: Vec<String>,
    pub record: String,
}

/// Copies the chosen files of the built-in theme into `themes/hub/`. Writes
/// nothing when a file exists (without `force`) or cannot be written safely.
pub fn eject(options: &EjectOptions) -> Result<Ejected, Diagnostics> {
    let chosen = chosen_files(options)?;
    let root = &options.root;
    if !root.is_dir() {
        let shown = root.display().to_string();
        return Err(Diagnostics::from(vec![
            Diagnostic::error(shown, "there is no such folder")
                .hint("--root names the hub's folder, the one holding site.toml"),
        ]));
    }
    let fence = Fence::new(root, &[]);
    let mut problems = Vec::new();
    for (path, _) in &chosen {
        let copy = copy_path(path);
        if let Some(problem) = leaves_the_folder(root, &fence, &copy) {
            problems.push(problem);
        } else if !options.force && std::fs::symlink_metadata(root.join(&copy)).is_ok() {
            problems.push(
                Diagnostic::error(&copy, "already exists: `calabash theme eject` leaves it as it is")
                    .hint("add --force to replace it with the built-in version (your changes to it are lost)"),
            );
        }
    }
    let mut record = match read_record(root) {
        Ok(record) => record.unwrap_or_default(),
        Err(_) if options.force => EjectRecord::default(),
        Err(problem) => {
            problems.push(problem);
            EjectRecord::default()
        }
    };
    if !problems.is_empty() {
        return Err(Diagnostics::from(problems));
    }
    let mut ejected = Ejected::default();
    for (path, bytes) in chosen {
        let copy = copy_path(path);
        write_file(&root.join(&copy), bytes).map_err(|err| cannot_write(&copy, &err))?;
        record
            .files
            .insert(path.to_string(), CopiedFrom::now(bytes));
        ejected.written.push(copy);
    }
    ejected.record = record_path();
    write_file(&root.join(&ejected.record), record_text(&record).as_bytes())
        .map_err(|err| cannot_write(&ejected.record, &err))?;
    Ok(ejected)
}

/// The built-in theme's files that `options` ask for.
fn chosen_files(options: &EjectOptions) -> Result<Vec<(&'static str, &'static [u8])>, Diagnostics> {
    let wanted = |path: &str| !options.templates_only || path.starts_with("templates/");
    if options.only.is_empty() {
        return Ok(FILES.iter().copied().filter(|(p, _)| wanted(p)).collect());
    }
    let mut chosen = Vec::new();
    let mut problems = Vec::new();
    for asked in &options.only {
        let path = asked.trim_start_matches(&format!("themes/{BUILTIN_THEME}/"));
        match FILES.iter().find(|(p, _)| *p == path) {
            Some(found) if wanted(path) => chosen.push(*found),
            Some(_) => {}
            None => problems.push(unknown_file(asked)),
        }
    }
    if problems.is_empty() {
        Ok(chosen)
    } else {
        Err(Diagnostics::from(problems))
    }
}

/// The error for a name that is no file of the built-in theme.
pub fn unknown_file(asked: &str) -> Diagnostic {
    let names = FILES.iter().map(|(p, _)| *p);
    let close = did_you_mean(asked, names).map_or(String::new(), |m| format!("{m} "));
    Diagnostic::error(asked, format!("the built-in theme has no file `{asked}`")).hint(format!(
        "{close}`calabash theme show` lists its files (templates/..., static/... and i18n/...)"
    ))
}

/// The built-in file at `path` (`templates/list.html`), for `theme show`.
pub fn built_in_file(path: &str) -> Result<&'static [u8], Diagnostic> {
    let path = path.trim_start_matches(&format!("themes/{BUILTIN_THEME}/"));
    crate::theme::builtin_theme::file(path).ok_or_else(|| unknown_file(path))
}

fn copy_path(path: &str) -> String {
    format!("themes/{BUILTIN_THEME}/{path}")
}

fn cannot_write(copy: &str, err: &std::io::Error) -> Diagnostics {
    Diagnostics::from(vec![Diagnostic::error(
        copy,
        format!("cannot write: {err}"),
    )])
}
