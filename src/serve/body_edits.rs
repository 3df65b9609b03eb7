//! Patching the site in memory when only entry bodies changed: the
//! common case while writing, which must not wait for the whole site to be
//! loaded again. Front matter, hence every list, term and summary, stays;
//! so does the git history, which is read again with the whole site.

use std::sync::Arc;

use super::state::Session;
use crate::core::diagnostics::Diagnostics;
use crate::core::model::{EntryId, Source};
use crate::serve::fingerprint::SourceHashes;
use crate::validate::backlinks::update_body_backlinks;
use crate::validate::links::check_links_touching;
use crate::validate::lookup::Unbuilt;

impl Session {
    /// Replaces the bodies of the entries in `files` when nothing but their
    /// bodies changed; `None` when that is not the case, and the site must
    /// be loaded again.
    pub(super) fn with_new_bodies(&mut self, files: &[String]) -> Option<Result<(), Diagnostics>> {
        let built = self.built.as_mut()?;
        let site = &mut built.site;
        let mut replaced: Vec<(EntryId, String)> = Vec::new();
        for file in files {
            let id = site.entries.iter().position(|e| &e.source.path == file)?;
            let text = std::fs::read_to_string(self.root.join(file)).ok()?;
            let old = &site.entries[id];
            let parts = crate::load::front_matter::split(&text).ok()?;
            let old_front = &old.source.text[..old.body.start];
            if parts.body.start != old.body.start || text[..parts.body.start] != *old_front {
                return None;
            }
            replaced.push((id, text));
        }
        let previous: Vec<_> = replaced
            .into_iter()
            .map(|(id, text)| {
                let entry = &mut site.entries[id];
                let path = entry.source.path.clone();
                let old_source =
                    std::mem::replace(&mut entry.source, Arc::new(Source { path, text }));
                entry.body = entry.body.start..entry.source.text.len();
                let rendered =
                    crate::markdown::render(entry.body_text(), entry.body.start, &site.config);
                let old_rendered = std::mem::replace(&mut site.rendered[id], rendered);
                built.sources[id] = SourceHashes::of(&site.entries[id]);
                (id, old_source, old_rendered)
            })
            .collect();
        let changed: Vec<EntryId> = previous.iter().map(|(id, _, _)| *id).collect();
        let mut problems = Vec::new();
        check_links_touching(
            &site.entries,
            &site.rendered,
            &Unbuilt {
                drafts: &site.drafts,
                unreadable: &[],
            },
            &site.config,
            &changed,
            &mut problems,
        );
        let problems = Diagnostics::from(problems);
        if problems.has_errors() {
            for (id, source, rendered) in previous {
                site.entries[id].body = site.entries[id].body.start..source.text.len();
                site.entries[id].source = source;
                site.rendered[id] = rendered;
                built.sources[id] = SourceHashes::of(&site.entries[id]);
            }
            return Some(Err(problems));
        }
        for (id, _, before) in &previous {
            update_body_backlinks(
                &mut site.backlinks,
                &site.entries,
                *id,
                before,
                &site.rendered[*id],
            );
        }
        Some(Ok(()))
    }
}
