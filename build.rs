//! Compiles the default theme, `themes/hub/` (its `templates/`, `static/`
//! and `i18n/` folders), into the binary: writes `$OUT_DIR/builtin_theme.rs`, a sorted
//! list of `(path, include_bytes!(file))`, which `src/theme/builtin_theme.rs`
//! includes. Likewise for what `calabash init` writes (`src/init/files.rs`):
//! the starter hub (`src/init/starter/`, hidden files included: `.github/`,
//! `.gitignore`), its sample entries (`src/init/sample/`) and the
//! vocabularies, which are this repository's own (`content/_taxonomies/`).
//! It also names this version of the program by its sources
//! (`CALABASH_SOURCE_HASH`: `src/`, the theme, `Cargo.lock`), which a build's
//! record of the pages it made (`src/build/cache.rs`) is kept under: the
//! same sources render the same pages wherever they are compiled.
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
    source_hash(&manifest);
}

/// Sets `CALABASH_SOURCE_HASH` to a hash of every file of `src/` and of the
/// theme, and of `Cargo.lock` (the versions of the crates that render).
fn source_hash(manifest: &Path) {
    use std::hash::{Hash, Hasher};
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut files = Vec::new();
    collect(manifest, &manifest.join("src"), true, &mut files);
    collect(manifest, &manifest.join(THEME), false, &mut files);
    files.push((
        "Cargo.lock".into(),
        manifest.join("Cargo.lock").display().to_string(),
    ));
    files.sort();
    // SipHash with fixed keys: the same for the same bytes on every machine.
    let mut hasher = std::hash::DefaultHasher::new();
    for (rel, path) in files {
        rel.hash(&mut hasher);
        std::fs::read(&path).unwrap_or_default().hash(&mut hasher);
    }
    println!(
        "cargo:rustc-env=CALABASH_SOURCE_HASH={:016x}",
        hasher.finish()
    );
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
