//! Symbolic links in a site's sources. A link is followed only when it
//! leads to somewhere inside the site's folder, and not into one of its
//! hidden folders (`.git`, `.calabash`) or the output folder: a link to
//! `/usr` or to a file outside the site is skipped with one warning naming
//! it, as are links that lead nowhere and links back to a folder they are
//! in (which would never end).

use std::cell::RefCell;
use std::path::{Component, Path, PathBuf};

use crate::core::diagnostics::Diagnostic;
use crate::core::text::relative;

/// The part of the file system a site's sources may come from.
#[derive(Debug, Clone)]
pub struct Fence {
    /// The site's folder as given, for the paths shown in messages.
    root: PathBuf,
    /// The same, canonical, for comparing where links lead.
    real_root: PathBuf,
    /// Folders inside the root that links must not lead into (the output).
    excluded: Vec<PathBuf>,
}

/// Where a symbolic link leads, judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Inside the site: the link may be followed.
    Follow,
    /// Somewhere no source may come from (the message part: "leads to ...").
    Refuse(String),
}

/// What walking a source folder found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Files and folders, links that may be followed resolved (a followed
    /// link's `file_type` is its target's), in file-name order.
    pub entries: Vec<walkdir::DirEntry>,
    /// One for each link not followed.
    pub warnings: Vec<Diagnostic>,
    /// Folders that could not be read.
    pub errors: Vec<walkdir::Error>,
}

impl Fence {
    /// The fence of the site in `root`; links into `excluded` (the output
    /// folder, wherever it is) are not followed either.
    pub fn new(root: &Path, excluded: &[&Path]) -> Self {
        let real = |p: &Path| super::resolve::resolve(p).unwrap_or_else(|_| p.to_path_buf());
        Fence {
            root: root.to_path_buf(),
            real_root: real(root),
            excluded: excluded.iter().map(|p| real(p)).collect(),
        }
    }

    /// Judges the link at `path` (or any path: one that is no link and lies
    /// inside the site is followed too).
    pub fn judge(&self, path: &Path) -> Verdict {
        let Ok(real) = path.canonicalize() else {
            return Verdict::Refuse("leads to nothing (its target does not exist)".into());
        };
        let Ok(inside) = real.strip_prefix(&self.real_root) else {
            return Verdict::Refuse(format!(
                "leads to {}, outside the site's folder",
                real.display()
            ));
        };
        let hidden = inside.components().find_map(|c| match c {
            Component::Normal(name) if name.to_string_lossy().starts_with('.') => {
                Some(name.to_string_lossy().into_owned())
            }
            _ => None,
        });
        if let Some(name) = hidden {
            return Verdict::Refuse(format!("leads into the hidden folder {name}"));
        }
        if self.excluded.iter().any(|e| real.starts_with(e)) {
            return Verdict::Refuse("leads into the output folder".into());
        }
        Verdict::Follow
    }

    /// `None` if the file at `rel` (from the root) may be read: it is no
    /// link, or a link that may be followed; else the error saying why not.
    pub fn check_file(&self, rel: &str) -> Option<Diagnostic> {
        let path = self.root.join(rel);
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        match path.canonicalize() {
            Ok(real) if real == self.real_root.join(rel) => return None,
            Err(_) if !is_link => return None,
            _ => {}
        }
        match self.judge(&path) {
            Verdict::Follow => None,
            Verdict::Refuse(why) => Some(
                Diagnostic::error(
                    rel,
                    format!("{rel} is a symbolic link that {why}: Calabash does not follow it"),
                )
                .hint("put the file itself in the site's folder, in place of the link"),
            ),
        }
    }

    /// Walks `dir` (inside the root) in file-name order, following links
    /// that may be followed. `skip` leaves out entries (and what is under
    /// them) before their links are judged.
    pub fn walk(&self, dir: &Path, skip: impl Fn(&walkdir::DirEntry) -> bool) -> Walked {
        let mut walked = Walked::default();
        // The folder itself, or one above it (`themes/hub`), may be a link.
        if let Verdict::Refuse(why) = self.judge(dir) {
            let link = self.first_link(dir).unwrap_or_else(|| dir.to_path_buf());
            walked.warnings.push(self.not_followed(&link, &why));
            return walked;
        }
        let warnings = RefCell::new(Vec::new());
        let iter = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                if skip(entry) {
                    return false;
                }
                if !entry.path_is_symlink() {
                    return true;
                }
                match self.judge(entry.path()) {
                    Verdict::Follow => true,
                    Verdict::Refuse(why) => {
                        warnings
                            .borrow_mut()
                            .push(self.not_followed(entry.path(), &why));
                        false
                    }
                }
            });
        for item in iter {
            match item {
                Ok(entry) => walked.entries.push(entry),
                Err(err) => match self.link_failure(&err) {
                    Some(warning) => warnings.borrow_mut().push(warning),
                    None => walked.errors.push(err),
                },
            }
        }
        walked.warnings = warnings.into_inner();
        walked
    }

    /// The first symbolic link on the way from the root down to `path`.
    fn first_link(&self, path: &Path) -> Option<PathBuf> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let mut at = self.root.clone();
        rel.components().find_map(|part| {
            at.push(part);
            std::fs::symlink_metadata(&at)
                .is_ok_and(|m| m.file_type().is_symlink())
                .then(|| at.clone())
        })
    }

    /// The warning for a link walkdir could not follow: one that leads
    /// nowhere, or back to a folder it is in.
    fn link_failure(&self, err: &walkdir::Error) -> Option<Diagnostic> {
        let path = err.path()?;
        if err.loop_ancestor().is_some() {
            return Some(self.not_followed(path, "leads back to a folder it is in"));
        }
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        (is_link && path.canonicalize().is_err())
            .then(|| self.not_followed(path, "leads to nothing (its target does not exist)"))
    }

    fn not_followed(&self, path: &Path, why: &str) -> Diagnostic {
        let rel = relative(&self.root, path);
        Diagnostic::warning(&rel, format!("{rel} is a symbolic link that {why}: Calabash skips it"))
            .hint("put the file or folder itself in the site's folder, in place of the link, or remove the link")
    }
}
