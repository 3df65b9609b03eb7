//! The files of offline reading a build writes once every page is
//! written: they hold what the pages weigh (each collection's list) and a
//! hash of the shell the worker keeps (the stylesheet, the saved-pages
//! pages), so they come last.

use std::collections::HashMap;
use std::sync::Mutex;

use super::collections::collection_lists;
use super::manifest::manifest;
use super::paths::{ICON, MANIFEST, SAVED_PAGE, SCRIPT, WORKER, collection_list};
use super::worker::worker_script;
use crate::core::diagnostics::Diagnostic;
use crate::render::job::{Job, file_for};
use crate::render::renderer::Renderer;
use crate::theme::StaticFiles;

/// What the build wrote, as it writes it: each file's size, and the
/// bytes of the saved-pages pages, which are part of the shell.
#[derive(Default)]
pub struct Written {
    sizes: Mutex<HashMap<String, u64>>,
    shell_pages: Mutex<HashMap<String, Vec<u8>>>,
    /// The output files of the saved-pages pages.
    shell_files: Vec<String>,
}

impl Written {
    /// Ready to record the files of a site readable offline; `None` for
    /// another, whose build records nothing.
    pub fn for_site(r: &Renderer<'_>) -> Option<Written> {
        let site = r.site();
        site.config.offline.as_ref()?;
        let shell_files = (site.config.languages.iter())
            .map(|l| file_for(&site.in_language(&l.code, SAVED_PAGE)))
            .collect();
        Some(Written {
            shell_files,
            ..Written::default()
        })
    }

    pub fn record(&self, file: &str, bytes: &[u8]) {
        let mut sizes = self.sizes.lock().unwrap_or_else(|e| e.into_inner());
        sizes.insert(file.to_string(), bytes.len() as u64);
        if self.shell_files.iter().any(|f| f == file) {
            let mut pages = self.shell_pages.lock().unwrap_or_else(|e| e.into_inner());
            pages.insert(file.to_string(), bytes.to_vec());
        }
    }

    /// `(output file, bytes)` of the manifest, each collection's list and,
    /// last, the worker.
    pub fn files(self, r: &Renderer<'_>, statics: &StaticFiles) -> Vec<(String, Vec<u8>)> {
        let config = &r.site().config;
        let sizes = self.sizes.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut pages = self
            .shell_pages
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let static_bytes = |path: &str| {
            let source = statics.files.get(path.trim_start_matches('/'))?;
            source.read().ok().map(|b| b.into_owned())
        };
        let manifest = manifest(config, static_bytes("/style.css").as_deref()).into_bytes();
        let mut shell: Vec<(String, Vec<u8>)> = ["/style.css", SCRIPT, ICON]
            .into_iter()
            .filter_map(|path| Some((path.to_string(), static_bytes(path)?)))
            .collect();
        shell.push((MANIFEST.to_string(), manifest.clone()));
        for language in &config.languages {
            let path = r.site().in_language(&language.code, SAVED_PAGE);
            if let Some(bytes) = pages.remove(&file_for(&path)) {
                shell.push((path, bytes));
            }
        }
        let mut files = vec![(file_for(MANIFEST), manifest)];
        files.extend(
            (collection_lists(r, &sizes).into_iter()).map(|(file, json)| (file, json.into_bytes())),
        );
        files.push((file_for(WORKER), worker_script(config, &shell).into_bytes()));
        files
    }
}

/// An error when the site has its own file where offline reading writes one.
pub fn clash(r: &Renderer<'_>, jobs: &[Job], statics: &StaticFiles) -> Option<Diagnostic> {
    let site = r.site();
    site.config.offline.as_ref()?;
    let planned: Vec<String> = jobs.iter().map(|job| job.output_file(r)).collect();
    let mut ours = vec![file_for(WORKER), file_for(MANIFEST)];
    for language in &site.config.languages {
        for c in site.config.collections.iter().filter(|c| !c.is_pages()) {
            ours.push(file_for(
                &site.in_language(&language.code, &collection_list(&c.name)),
            ));
        }
    }
    let taken = (planned.iter())
        .chain(statics.files.keys())
        .find(|file| ours.contains(file))?;
    Some(
        Diagnostic::error(
            crate::config::CONFIG_FILE,
            format!("offline reading writes /{taken}, where the site has a file of its own"),
        )
        .hint(
            "rename or move that file, or turn offline reading off with [offline] enabled = false",
        ),
    )
}
