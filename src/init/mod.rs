//! `calabash init`: writes a hub repository of its own into a folder:
//! `site.toml` with the collections and vocabularies of this repository's
//! sample hub, content (a worked example per collection, or empty
//! collection folders), the free pages, the GitHub workflows that check
//! pull requests and publish the hub with a pinned, checksum-verified
//! Calabash release, the pull request template, README and CONTRIBUTING.
//! The theme stays in the binary. Nothing is written until every file is
//! known to be safe to write.

mod files;
mod folder;
mod options;
mod values;

pub use files::KEEP_FILE;
pub use options::{DEFAULT_TITLE, InitOptions, Initialised, Starting};
pub use values::{CALABASH_REPOSITORY, CALABASH_VERSION};

use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::core::paths::writing::write_file;

/// Writes the new hub into `options.dir` (created when missing). Refuses a
/// folder that is not empty unless `force`; then files of the same name
/// are replaced, and listed as such.
pub fn init(options: &InitOptions) -> Result<Initialised, Diagnostics> {
    let title = options.title.as_deref().unwrap_or(DEFAULT_TITLE);
    let values = values::HubValues::new(title, options.repository.as_deref())?;
    let dir = &options.dir;
    folder::check_folder(dir, options.force).map_err(one)?;
    let site_toml = files::starter_file("site.toml").unwrap_or_default();
    let site_toml = values.fill("site.toml", &String::from_utf8_lossy(site_toml));
    // The filled configuration is read as any build will read it: a value
    // that broke it would be a fault of init, caught before writing.
    let config = crate::config::parse(&site_toml, None)?;
    if config.title != values.title {
        let problem = Diagnostic::error(
            "site.toml",
            "the starter site.toml has no title line to fill in",
        );
        return Err(one(problem));
    }
    let mut files = files::hub_files(&values, options.content, &config);
    files.extend(issue_forms(&config, &files)?);
    files.sort();
    let paths = || files.iter().map(|(path, _)| path.as_str());
    let problems = folder::check_paths(dir, paths());
    if !problems.is_empty() {
        return Err(Diagnostics::from(problems));
    }
    let mut done = Initialised {
        replaced: folder::existing(dir, paths()),
        ..Initialised::default()
    };
    for (path, bytes) in &files {
        write_file(&dir.join(path), bytes)
            .map_err(|err| one(Diagnostic::error(path, format!("cannot write: {err}"))))?;
        done.written.push(path.clone());
    }
    Ok(done)
}

fn one(problem: Diagnostic) -> Diagnostics {
    Diagnostics::from(vec![problem])
}

/// The hub's issue forms, made from its site.toml and the vocabularies about
/// to be written, as `calabash forms` would write them.
fn issue_forms(
    config: &crate::config::Config,
    files: &[(String, Vec<u8>)],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut problems = Vec::new();
    let taxonomies = crate::load::taxonomy::read_with(config, &mut problems, |rel, _| {
        files
            .iter()
            .find(|(path, _)| path == rel)
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    });
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Diagnostics::from(problems));
    }
    let forms = crate::forms::generate_with(config, &taxonomies);
    Ok(forms
        .into_iter()
        .map(|(path, text)| (path, text.into_bytes()))
        .collect())
}
