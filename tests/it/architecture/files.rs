//! The source files of the crate, read with what each module path is.

use std::fs;
use std::path::{Path, PathBuf};

use super::code::{blank_comments_and_literals, blank_test_items, declared_test_modules};

pub(super) struct SourceFile {
    /// The path under the crate folder, such as `src/render/plan.rs`.
    pub(super) name: String,
    /// The module path, such as `["render", "plan"]`; empty for lib.rs.
    pub(super) module: Vec<String>,
    pub(super) text: String,
    /// The text with comments and literals blanked out.
    pub(super) code: String,
    /// `code` with `#[cfg(test)]` items blanked out too.
    pub(super) without_tests: String,
    /// A file that holds only tests (declared behind `#[cfg(test)]`).
    pub(super) test_only: bool,
}

pub(super) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of the library (src/main.rs is a separate crate on top).
pub(super) fn read_crate() -> Vec<SourceFile> {
    all_files()
        .into_iter()
        .filter(|f| !f.test_only && f.name != "src/main.rs")
        .collect()
}

pub(super) fn read_tests_only_files() -> Vec<SourceFile> {
    all_files().into_iter().filter(|f| f.test_only).collect()
}

pub(super) fn all_files() -> Vec<SourceFile> {
    let src = root().join("src");
    let mut paths = Vec::new();
    collect_rs(&src, &mut paths);
    let mut files: Vec<SourceFile> = paths
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&src).unwrap();
            let text = fs::read_to_string(&path).unwrap();
            let code = blank_comments_and_literals(&text);
            let without_tests = blank_test_items(&code);
            SourceFile {
                name: format!("src/{}", relative.display()),
                module: module_path(relative),
                text,
                code,
                without_tests,
                test_only: false,
            }
        })
        .collect();
    // A file declared by `#[cfg(test)] mod name;` holds only tests, and so
    // does every file below it.
    let mut test_modules: Vec<Vec<String>> = Vec::new();
    for file in &files {
        for name in declared_test_modules(&file.code) {
            let mut module = file.module.clone();
            module.push(name);
            test_modules.push(module);
        }
    }
    for file in &mut files {
        file.test_only = test_modules.iter().any(|m| file.module.starts_with(m));
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

pub(super) fn collect_rs(folder: &Path, paths: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rs(&path, paths);
        } else if path.extension().is_some_and(|e| e == "rs") {
            paths.push(path);
        }
    }
}

pub(super) fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}
