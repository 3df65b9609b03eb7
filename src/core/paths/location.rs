//! Which folder a build may replace. A build swaps its output folder out
//! whole (see `output`), so the folder named by `--output` is resolved
//! fully (`..` and symbolic links) and refused when it is, holds or lies in
//! the site's own files; an existing folder is replaced only when Calabash
//! wrote it, which the `MARKER` file inside it records.
//!
//! A folder built by a version of Calabash that wrote no marker is refused
//! like any other: Calabash cannot tell it from a folder of someone's own
//! files. The error says to delete it once; every build after that marks it.

use std::path::{Component, Path, PathBuf};

use super::links::{Fence, Verdict};
use super::resolve::resolve;
use crate::core::diagnostics::Diagnostic;

/// The file that marks a folder as written by Calabash. Hidden, so static
/// hosts and the site's own files never clash with it.
pub const MARKER: &str = ".calabash-output";

/// What the marker says to whoever opens it.
pub const MARKER_TEXT: &str = "This folder is written by Calabash (calabash build or calabash serve).\n\
Every build replaces it whole: keep no other files here.\n";

/// Folders of a site root that hold its sources or its tools' data: no
/// output folder may be, hold or lie inside one of them, wherever a link
/// puts them. Other hidden folders (`.github`) are refused besides these.
const PROTECTED: [&str; 8] = [
    "content",
    "static",
    "themes",
    "templates",
    "src",
    "site.toml",
    ".git",
    ".calabash",
];

/// The preview's own folder inside the root, the one exception to the
/// hidden folders: `calabash serve` writes there by default.
pub const PREVIEW_DIR: [&str; 2] = [".calabash", "serve"];

/// Who writes the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    Build,
    Preview,
}

/// An output folder that passed the checks, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFolder(pub PathBuf);

impl OutputFolder {
    pub fn path(&self) -> &Path {
        &self.0
    }
}

/// Checks that `output` may be replaced by a build of the site in `root`
/// (or written by the preview), and returns it resolved.
pub fn check(root: &Path, output: &Path, writer: Writer) -> Result<OutputFolder, Diagnostic> {
    let shown = output.display().to_string();
    let refuse = |why: String, hint: &str| {
        Err(Diagnostic::error(
            &shown,
            format!("refusing to write the site into {shown}: {why}"),
        )
        .hint(hint))
    };
    let own_folder = "choose a folder of its own for the output, like public/ in the site's folder";
    let (root, out) = match (resolve(root), resolve(output)) {
        (Ok(root), Ok(out)) => (root, out),
        (_, Err(err)) | (Err(err), _) => {
            return refuse(format!("the path cannot be resolved ({err})"), own_folder);
        }
    };
    let preview_dir = resolve(&PREVIEW_DIR.iter().fold(root.clone(), |p, n| p.join(n))).ok();
    let is_preview_dir = writer == Writer::Preview && preview_dir.as_ref() == Some(&out);
    if root.starts_with(&out) {
        return refuse("it is the site's folder, or holds it".into(), own_folder);
    }
    for name in PROTECTED {
        let Ok(protected) = resolve(&root.join(name)) else {
            continue;
        };
        let own = is_preview_dir && name == PREVIEW_DIR[0];
        if !own && (out.starts_with(&protected) || protected.starts_with(&out)) {
            return refuse(
                format!("it is, holds or lies inside the site's {name}"),
                own_folder,
            );
        }
    }
    if let Ok(inside) = out.strip_prefix(&root)
        && let Some(Component::Normal(first)) = inside.components().next()
        && first.to_string_lossy().starts_with('.')
        && !is_preview_dir
    {
        return refuse(
            format!(
                "{} is a hidden folder of the site, kept by git or another tool",
                first.to_string_lossy()
            ),
            own_folder,
        );
    }
    if out.join("site.toml").exists() {
        return refuse("it holds another site (a site.toml)".into(), own_folder);
    }
    match std::fs::symlink_metadata(&out) {
        Ok(meta) if !meta.is_dir() => {
            return refuse("it is a file, not a folder".into(), own_folder);
        }
        Ok(_) if !is_preview_dir && !written_by_calabash(&out) => {
            return refuse(
                format!("it holds files that Calabash did not write (it has no {MARKER} file)"),
                "Calabash replaces its output folder whole. Choose a new or empty folder with --output; \
                 if this folder was built by an earlier version of Calabash, delete it once and build again",
            );
        }
        _ => {}
    }
    Ok(OutputFolder(out))
}

/// The site's own tool folder, `.calabash` (the search index, the preview,
/// the link cache), must not be a link out of the site: a build writes there.
pub fn check_tool_folder(root: &Path) -> Result<(), Diagnostic> {
    let folder = root.join(PREVIEW_DIR[0]);
    if !std::fs::symlink_metadata(&folder).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(());
    }
    match Fence::new(root, &[]).judge(&folder) {
        Verdict::Follow => Ok(()),
        Verdict::Refuse(why) => Err(Diagnostic::error(
            PREVIEW_DIR[0],
            format!("{} is a symbolic link that {why}: Calabash keeps its search index there and writes nowhere outside the site", PREVIEW_DIR[0]),
        )
        .hint("remove the link: Calabash creates the folder itself")),
    }
}

/// Whether `dir` is empty or holds the marker (a plain file, not a link).
pub fn written_by_calabash(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
        || std::fs::read_dir(dir).is_ok_and(|mut items| items.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolving_follows_dots_and_links_then_appends_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(base.join("site/content")).unwrap();
        std::fs::create_dir_all(base.join("elsewhere")).unwrap();
        let site = base.join("site");
        assert_eq!(
            resolve(&site.join("public/../content")).unwrap(),
            site.join("content")
        );
        assert_eq!(
            resolve(&site.join("a/b/../../content/x")).unwrap(),
            site.join("content/x")
        );
        assert_eq!(
            resolve(&site.join("./public/.")).unwrap(),
            site.join("public")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(site.join("content"), site.join("link")).unwrap();
            assert_eq!(
                resolve(&site.join("link/new")).unwrap(),
                site.join("content/new")
            );
            std::os::unix::fs::symlink(base.join("elsewhere"), site.join("out")).unwrap();
            assert_eq!(resolve(&site.join("out/../site")).unwrap(), site);
            std::os::unix::fs::symlink(base.join("missing"), site.join("dangling")).unwrap();
            assert!(resolve(&site.join("dangling")).is_err());
        }
    }
}
