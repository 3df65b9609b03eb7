//! The files of offline reading a build writes once every page is
//! written: they hold what the pages weigh (each collection's list) and a
//! hash of the shell the worker keeps (the stylesheet, the saved-pages
//! pages), so they come last.

use super::collections::collection_lists;
use super::manifest::manifest;
use super::paths::{ICON, MANIFEST, SAVED_PAGE, SCRIPT, WORKER, collection_list};
use super::worker::worker_script;
use crate::core::diagnostics::Diagnostic;
use crate::render::job::file_for;
use crate::render::renderer::Renderer;
use crate::theme::StaticFiles;

/// What the build wrote, as the staging folder recorded it while it wrote
/// the pages: the size of a written file, and the bytes of one (the
/// saved-pages pages are part of the shell). Kept by the writer, so that
/// offline reading adds nothing to the writing of each page.
pub struct Written<'w> {
    pub size: &'w (dyn Fn(&str) -> Option<u64> + Sync),
    pub bytes: &'w (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
}

/// `(output file, bytes)` of the manifest, each collection's list and,
/// last, the worker; none for a site not readable offline.
pub fn files(
    r: &Renderer<'_>,
    statics: &StaticFiles,
    written: Written<'_>,
) -> Vec<(String, Vec<u8>)> {
    let config = &r.site().config;
    if config.offline.is_none() {
        return Vec::new();
    }
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
        if let Some(bytes) = (written.bytes)(&file_for(&path)) {
            shell.push((path, bytes));
        }
    }
    let mut files = vec![(file_for(MANIFEST), manifest)];
    files.extend(
        (collection_lists(r, written.size).into_iter())
            .map(|(file, json)| (file, json.into_bytes())),
    );
    files.push((file_for(WORKER), worker_script(config, &shell).into_bytes()));
    files
}

/// An error when the site has its own file where offline reading writes one.
/// `planned` are the output files of the plan's jobs.
pub fn clash(r: &Renderer<'_>, planned: &[String], statics: &StaticFiles) -> Option<Diagnostic> {
    let site = r.site();
    site.config.offline.as_ref()?;
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
