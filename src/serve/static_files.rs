//! The parts of a serve session's rebuild that are not pages: static files,
//! and the sweep of files an earlier session left.

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
            })
            .collect();
        for rel in stale {
            remove_file(&self.output, &rel)?;
        }
        Ok(())
    }
}
