//! Patching the site in memory when only entry bodies changed: the
//! common case while writing, which must not wait for the whole site to be
//! loaded again. Front matter, hence every list, term and summary, stays;
//! so does the git history, which is read again with the whole site.

use std::sync::Arc;

use super::state::Session;
use crate::core::diagnostics::Diagnostics;
use crate::core::model::{EntryId, Source};
use crate::render::fingerprint::SourceHashes;
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
            let id = site.entry_of_file(file)?;
            let text = std::fs::read_to_string(self.root.join(file)).ok()?;
            let old = site.entry(id);
            let parts = crate::load::front_matter::split(&text).ok()?;
            let old_text = old.source.text();
            let old_front = &old_text[..old.body.start];
            if parts.body.start != old.body.start || text[..parts.body.start] != *old_front {
                return None;
            }
            replaced.push((id, text));
        }
        let previous: Vec<_> = replaced
            .into_iter()
            .map(|(id, text)| {
                let old = site.entry(id);
                let path = old.source.path.clone();
                let body_range = old.body.start..text.len();
                let rendered = crate::markdown::render(
                    &text[body_range.clone()],
                    body_range.start,
                    &site.config,
                );
                let (entry, body) = site.entry_and_body_mut(id);
                let old_source =
                    std::mem::replace(&mut entry.source, Arc::new(Source::new(path, text)));
                entry.body = body_range;
                let old_rendered = std::mem::replace(body, rendered);
                built.sources[id] = SourceHashes::of(entry);
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
                let (entry, body) = site.entry_and_body_mut(id);
                entry.body = entry.body.start..source.text().len();
                entry.source = source;
                *body = rendered;
                built.sources[id] = SourceHashes::of(entry);
            }
            return Some(Err(problems));
        }
        for (id, _, before) in &previous {
            update_body_backlinks(
                &mut site.backlinks,
                &site.entries,
                *id,
                before,
                &site.rendered[id.index()],
            );
        }
        Some(Ok(()))
    }
}
