//! The parts of a serve session's rebuild that are not pages: the search
//! index installed once rebuilt (apart, since pages must not wait for it),
//! static files, and the sweep of files an earlier session left.

use std::collections::{HashMap, HashSet};

use super::search_update::SearchUpdate;
use super::session::{Outcome, Session};
use crate::core::diagnostics::Diagnostics;
use crate::core::model::EntryId;
use crate::core::text::relative;
use crate::output::{remove_file, replace_file, write_error};
use crate::site::Site;

impl Session {
    /// The site in memory, for `index_site`.
    pub fn site(&self) -> Option<&Site> {
        self.built.as_ref().map(|b| &b.site)
    }

    /// Each entry's similar entries as the renderer wants them: by id.
    pub(super) fn related_ids(&self, site: &Site) -> Vec<Vec<EntryId>> {
        let ids: HashMap<String, EntryId> = (0..site.entries.len())
            .map(|id| (site.entry_key(id), id))
            .collect();
        (0..site.entries.len())
            .map(|id| {
                self.related
                    .get(&site.entry_key(id))
                    .map_or_else(Vec::new, |keys| {
                        keys.iter().filter_map(|k| ids.get(k).copied()).collect()
                    })
            })
            .collect()
    }

    /// Writes a new search index's files, swaps the index in, and renders
    /// the entry pages whose similar entries changed.
    pub fn install_search(&mut self, update: SearchUpdate) -> Result<Outcome, Diagnostics> {
        let new_files: HashSet<String> = update.files.iter().map(|(f, _)| f.clone()).collect();
        let gone: Vec<String> = self
            .search_files
            .iter()
            .filter(|f| !new_files.contains(*f))
            .cloned()
            .collect();
        let mut outcome = self.write(&update.files, &gone)?;
        self.search_files = new_files;
        update
            .fresh
            .commit()
            .map_err(|err| write_error(self.output(), err))?;
        if self.related != update.related {
            self.related = update.related;
            if let Some(built) = &mut self.built {
                built.related = None;
                let pages = self.rebuild(None, false, false, Diagnostics::default())?;
                outcome.files.extend(pages.files);
                outcome.rendered += pages.rendered;
            }
        }
        Ok(outcome)
    }

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
            if replace_file(&self.output, rel, &std::fs::read(source)?)? {
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
