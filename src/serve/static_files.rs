//! The parts of a serve session's rebuild that are not pages: static files,
//! the browser editor's files, and the sweep of files an earlier session
//! left.

use super::state::{Outcome, Session};
use crate::core::text::relative;
use crate::output::{remove_file, replace_file};

impl Session {
    /// Copies the static files (of `theme` and the site) that changed and
    /// removes those gone; tells of links not followed and names that
    /// cannot be published once.
    pub(super) fn sync_static(
        &mut self,
        theme: &str,
        outcome: &mut Outcome,
    ) -> std::io::Result<()> {
        let fence = crate::core::paths::Fence::new(&self.root, &[&self.output]);
        let found = crate::theme::static_files(&self.root, theme, &fence);
        // Pages cannot tell which scripts or images they use: when one of
        // those changes, every open page reloads. Stylesheets are swapped.
        let mut note = |rel: &String| {
            outcome.assets |= !rel.ends_with(".css");
            outcome.files.insert(rel.clone());
        };
        for (rel, source) in &found.files {
            if replace_file(&self.output, rel, &source.read()?)? {
                note(rel);
            }
        }
        for rel in self.statics.files.keys() {
            if !found.files.contains_key(rel) && !self.fingerprints.contains_key(rel) {
                remove_file(&self.output, rel)?;
                note(rel);
            }
        }
        let told = std::mem::replace(&mut self.statics, found);
        outcome.warnings.extend(
            (self.statics.problems.iter())
                .filter(|d| !told.problems.contains(d))
                .cloned(),
        );
        Ok(())
    }

    /// Writes the browser editor's files at `/admin/` when `[cms] build`
    /// is set, and the web app manifest when the site is readable offline
    /// (those changed), and removes those no longer made. The preview
    /// writes no service worker (`http::answer` serves one that removes
    /// itself) and no lists of pages to save.
    pub(super) fn sync_editor(
        &mut self,
        site: &crate::site::Site,
        outcome: &mut Outcome,
    ) -> Result<(), crate::core::diagnostics::Diagnostics> {
        let files = match &site.config.cms {
            Some(cms) if cms.build => {
                crate::cms::generate_with(&self.root, &site.config, &site.taxonomies)
                    .map_err(|d| crate::core::diagnostics::Diagnostics::from(vec![d]))?
            }
            _ => Vec::new(),
        };
        let mut files: Vec<(String, Vec<u8>)> = (files.into_iter())
            .map(|(name, bytes)| (format!("{}/{name}", crate::cms::ADMIN_DIR), bytes))
            .collect();
        if site.config.offline.is_some() {
            use crate::render::offline::{manifest::manifest, paths::MANIFEST};
            let stylesheet = self
                .statics
                .files
                .get("style.css")
                .and_then(|s| s.read().ok());
            let text = manifest(&site.config, stylesheet.as_deref());
            files.push((
                MANIFEST.trim_start_matches('/').to_string(),
                text.into_bytes(),
            ));
        }
        let io_error = |err| crate::output::write_error(&self.output, err);
        let mut made = std::collections::BTreeSet::new();
        for (rel, bytes) in &files {
            let rel = rel.clone();
            if replace_file(&self.output, &rel, bytes).map_err(io_error)? {
                outcome.files.insert(rel.clone());
            }
            made.insert(rel);
        }
        for rel in self.editor_files.difference(&made) {
            remove_file(&self.output, rel).map_err(io_error)?;
            outcome.files.insert(rel.clone());
        }
        self.editor_files = made;
        Ok(())
    }

    /// Removes every file of the output folder that the site does not make:
    /// left by an earlier session, or by a `calabash build` of other content.
    pub(super) fn sweep(&self) -> std::io::Result<()> {
        let syntax_css = crate::theme::SYNTAX_CSS.trim_start_matches('/');
        let stale: Vec<String> = walkdir::WalkDir::new(&self.output)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|item| item.file_type().is_file() || item.file_type().is_symlink())
            .map(|item| relative(&self.output, item.path()))
            .filter(|rel| {
                rel != syntax_css
                    && rel != crate::core::paths::MARKER
                    && !self.fingerprints.contains_key(rel)
                    && !self.statics.files.contains_key(rel)
                    && !self.search_files.contains(rel)
                    && !self.editor_files.contains(rel)
            })
            .collect();
        for rel in stale {
            remove_file(&self.output, &rel)?;
        }
        Ok(())
    }
}
