//! The files of a new hub, compiled into the binary by the crate's
//! `build.rs` from readable files of the source tree: the starter hub
//! (`src/init/starter/`: `site.toml`, the free pages, the workflows,
//! README, CONTRIBUTING...), the sample entries (`src/init/sample/`) and
//! the vocabularies and the pull request template, which are this
//! repository's own (`content/_taxonomies/`, `.github/`).

use crate::config::Config;

use super::options::Starting;
use super::values::HubValues;

/// `(path from the hub's folder, bytes)`, sorted by path.
type Files = &'static [(&'static str, &'static [u8])];

const STARTER: Files = include!(concat!(env!("OUT_DIR"), "/init_starter.rs"));
const SAMPLE: Files = include!(concat!(env!("OUT_DIR"), "/init_sample.rs"));
const VOCABULARIES: Files = include!(concat!(env!("OUT_DIR"), "/init_vocabularies.rs"));
/// The sample hub's own files a new hub gets as they are: one copy to keep.
const SHARED: Files = &[(
    ".github/pull_request_template.md",
    include_bytes!("../../.github/pull_request_template.md"),
)];

/// The file each empty collection folder holds, so that git keeps it.
pub const KEEP_FILE: &str = ".gitkeep";

/// The starter file at `path` (`site.toml`), as embedded, placeholders and all.
pub fn starter_file(path: &str) -> Option<&'static [u8]> {
    STARTER.iter().find(|(p, _)| *p == path).map(|(_, b)| *b)
}

/// Every file of the new hub with its values filled in, sorted by path.
/// `config` is the hub's own, read from its filled `site.toml`: an empty
/// hub gets a folder per collection it declares.
pub fn hub_files(
    values: &HubValues,
    starting: Starting,
    config: &Config,
) -> Vec<(String, Vec<u8>)> {
    let as_they_are = |(path, bytes): &(&str, &[u8])| (path.to_string(), bytes.to_vec());
    let mut files: Vec<(String, Vec<u8>)> = STARTER
        .iter()
        .map(|(path, bytes)| (path.to_string(), filled(values, path, bytes)))
        .chain(VOCABULARIES.iter().chain(SHARED).map(as_they_are))
        .collect();
    match starting {
        Starting::Sample => files.extend(SAMPLE.iter().map(as_they_are)),
        Starting::Empty => files.extend(
            config
                .collections
                .iter()
                .filter(|c| !c.is_pages())
                .map(|c| (format!("content/{}/{KEEP_FILE}", c.name), Vec::new())),
        ),
    }
    files.sort();
    files
}

/// The text files of the starter with their placeholders filled in.
fn filled(values: &HubValues, path: &str, bytes: &[u8]) -> Vec<u8> {
    match std::str::from_utf8(bytes) {
        Ok(text) => values.fill(path, text).into_bytes(),
        Err(_) => bytes.to_vec(),
    }
}
