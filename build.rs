//! Compiles the default theme, `themes/hub/` (its `templates/` and `static/`
//! folders), into the binary: writes `$OUT_DIR/builtin_theme.rs`, a sorted
//! list of `(path, include_bytes!(file))`, which `src/theme/builtin_theme.rs`
//! includes. A build script rather than an embedding crate: Cargo reruns it
//! when a file is added to or removed from these folders, which a macro
//! cannot ask for on stable Rust, and it needs no dependency.

use std::path::{Path, PathBuf};

const THEME: &str = "themes/hub";
const PARTS: [&str; 2] = ["templates", "static"];

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by Cargo"));
    let theme = manifest.join(THEME);
    let mut files = Vec::new();
    for part in PARTS {
        println!("cargo:rerun-if-changed={THEME}/{part}");
        collect(&theme, &theme.join(part), &mut files);
    }
    files.sort();
    let mut code = String::from("&[\n");
    for (rel, path) in &files {
        code.push_str(&format!("    ({rel:?}, include_bytes!({path:?})),\n"));
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by Cargo"));
    std::fs::write(out.join("builtin_theme.rs"), code).expect("OUT_DIR is writable");
}

/// Every file under `dir`, as its `/`-separated path from `theme` and its
/// absolute path; hidden files and folders are left out, as the theme
/// folders of a site are read.
fn collect(theme: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()));
    for entry in entries {
        let entry = entry.expect("a readable folder entry");
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(theme, &path, files);
        } else {
            let rel = path.strip_prefix(theme).expect("under the theme");
            let rel = rel.to_str().expect("theme file names are UTF-8");
            let absolute = path.to_str().expect("the crate's path is UTF-8");
            files.push((rel.replace('\\', "/"), absolute.to_string()));
        }
    }
}
