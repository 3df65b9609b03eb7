//! Compiles the default theme, `themes/hub/` (its `templates/`, `static/`
//! and `i18n/` folders), into the binary: writes `$OUT_DIR/builtin_theme.rs`, a sorted
//! list of `(path, include_bytes!(file))`, which `src/theme/builtin_theme.rs`
//! includes. Likewise for what `calabash init` writes (`src/init/files.rs`):
//! the starter hub (`src/init/starter/`, hidden files included: `.github/`,
//! `.gitignore`), its sample entries (`src/init/sample/`) and the
//! vocabularies, which are this repository's own (`content/_taxonomies/`).
//! A build script rather than an embedding crate: Cargo reruns it when a
//! file is added to or removed from these folders, which a macro cannot ask
//! for on stable Rust, and it needs no dependency.

use std::path::{Path, PathBuf};

const THEME: &str = "themes/hub";
const PARTS: [&str; 3] = ["templates", "static", "i18n"];

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by Cargo"));
    let theme = manifest.join(THEME);
    let mut files = Vec::new();
    for part in PARTS {
        println!("cargo:rerun-if-changed={THEME}/{part}");
        collect(&theme, &theme.join(part), false, &mut files);
    }
    write_list("builtin_theme.rs", files);
    for (name, folder, base) in INIT_FILES {
        println!("cargo:rerun-if-changed={folder}");
        let mut files = Vec::new();
        collect(
            &manifest.join(base),
            &manifest.join(folder),
            true,
            &mut files,
        );
        write_list(name, files);
    }
}

/// What `calabash init` embeds: the generated file's name, the folder it
/// holds and the folder its paths are relative to.
const INIT_FILES: [(&str, &str, &str); 3] = [
    ("init_starter.rs", "src/init/starter", "src/init/starter"),
    ("init_sample.rs", "src/init/sample", "src/init/sample"),
    ("init_vocabularies.rs", "content/_taxonomies", "."),
];

/// Writes `$OUT_DIR/<name>`: the files as a sorted slice of
/// `(path, include_bytes!(file))`.
fn write_list(name: &str, mut files: Vec<(String, String)>) {
    files.sort();
    let mut code = String::from("&[\n");
    for (rel, path) in &files {
        code.push_str(&format!("    ({rel:?}, include_bytes!({path:?})),\n"));
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by Cargo"));
    std::fs::write(out.join(name), code).expect("OUT_DIR is writable");
}

/// Every file under `dir`, as its `/`-separated path from `base` and its
/// absolute path; hidden files and folders are left out unless `hidden`
/// (a theme's are left out, as the theme folders of a site are read).
fn collect(base: &Path, dir: &Path, hidden: bool, files: &mut Vec<(String, String)>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()));
    for entry in entries {
        let entry = entry.expect("a readable folder entry");
        let path = entry.path();
        if !hidden && entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(base, &path, hidden, files);
        } else {
            let rel = path.strip_prefix(base).expect("under the base folder");
            let rel = rel.to_str().expect("embedded file names are UTF-8");
            let absolute = path.to_str().expect("the crate's path is UTF-8");
            files.push((rel.replace('\\', "/"), absolute.to_string()));
        }
    }
}
