//! Rendering a build's pages, each unless the previous build made it from
//! the same inputs and its bytes are still at hand (`cache`): in the
//! staging folder (the spare, told by the output record) or in the output
//! folder (read, and hashed to be sure).

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::build::cache::{Pages, page_salt};
use crate::core::diagnostics::Diagnostic;
use crate::core::model::PerEntry;
use crate::core::model::content_hash;
use crate::output::{Staging, read_file};
use crate::render::fingerprint::{SourceHashes, Versions, hash_of};
use crate::render::job::{Job, Target};
use crate::render::pages::render_job;
use crate::render::renderer::Renderer;

/// What a build needs to tell which pages it can keep.
pub struct Reuse<'a> {
    staging: &'a Staging,
    /// The output folder, holding the previous build's files.
    output: &'a Path,
    previous: Pages,
    /// `cache::page_salt`.
    salt: u64,
    now: jiff::Timestamp,
    versions: Versions,
    /// Each file made (rendered or kept) and its fingerprint.
    made: Mutex<Vec<(String, u64)>>,
    /// How many files were kept, not rendered.
    kept: Mutex<usize>,
}

impl<'a> Reuse<'a> {
    /// What the last build of the site at `root` recorded, and this
    /// build's fingerprints; `base` is `cache::base_key`, `sources` the
    /// entries' `SourceHashes`.
    pub fn new(
        (staging, output): (&'a Staging, &'a Path),
        (root, base, now): (&Path, u64, jiff::Timestamp),
        (renderer, site_value): (&Renderer<'_>, &tera::Value),
        sources: &PerEntry<SourceHashes>,
    ) -> Self {
        let site = renderer.site();
        Reuse {
            staging,
            output,
            previous: Pages::read(root, output),
            salt: page_salt(site, base, now),
            now,
            versions: Versions::new(renderer, site_value, sources),
            made: Mutex::new(Vec::new()),
            kept: Mutex::new(0),
        }
    }

    /// Renders each of `jobs` that cannot be kept and hands it to `write`;
    /// returns the problems met.
    pub fn render_each(
        &self,
        jobs: &[Job],
        renderer: &Renderer<'_>,
        write: impl Fn(String, String) -> Result<(), Diagnostic> + Sync,
    ) -> Vec<Diagnostic> {
        let done: Vec<(String, u64, Result<bool, Diagnostic>)> = jobs
            .par_iter()
            .map(|job| {
                let file = job.output_file(renderer);
                let print = self.fingerprint(job, renderer);
                let outcome = match self.keep(&file, print) {
                    Ok(true) => Ok(true),
                    Ok(false) => render_job(job, renderer)
                        .and_then(|(file, content)| write(file, content))
                        .map(|()| false),
                    Err(err) => Err(Diagnostic::error(&file, format!("cannot write: {err}"))),
                };
                (file, print, outcome)
            })
            .collect();
        let (mut problems, mut kept) = (Vec::new(), 0);
        let mut made = self.made.lock().expect("no panics while holding the lock");
        for (file, print, outcome) in done {
            match outcome {
                Ok(true) => kept += 1,
                Ok(false) => {}
                Err(problem) => problems.push(problem),
            }
            made.push((file, print));
        }
        *self.kept.lock().expect("no panics while holding the lock") += kept;
        problems
    }

    /// The fingerprint of `job`'s file in this build; a calendar file is
    /// stamped with the build time besides.
    fn fingerprint(&self, job: &Job, renderer: &Renderer<'_>) -> u64 {
        let stamped = matches!(job.target, Target::Calendar(_) | Target::EntryCalendar(_));
        let print = self.versions.of(job, renderer);
        hash_of((self.salt, print, stamped.then_some(self.now)))
    }

    /// Keeps `file` if the previous build made it with fingerprint `print`
    /// and its bytes are still in the staging folder or the output folder.
    fn keep(&self, file: &str, print: u64) -> std::io::Result<bool> {
        let Some(hash) = self.previous.bytes_for(file, print) else {
            return Ok(false);
        };
        if self.staging.keep(file, hash)? {
            return Ok(true);
        }
        match read_file(self.output, file) {
            Some(bytes) if content_hash(&bytes) == hash => {
                self.staging.write(file, &bytes)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Each file made, its fingerprint and the hash of its bytes: the
    /// record for the next build (files whose bytes were not recorded,
    /// where the platform keeps no stamps, are left out).
    /// Returns how many files were kept besides.
    pub fn made(self) -> (Vec<(String, u64, u64)>, usize) {
        let made = self.made.into_inner().unwrap_or_default();
        let made = made
            .into_iter()
            .filter_map(|(file, print)| {
                let hash = self.staging.written_hash(&file)?;
                Some((file, print, hash))
            })
            .collect();
        (made, self.kept.into_inner().unwrap_or_default())
    }
}
