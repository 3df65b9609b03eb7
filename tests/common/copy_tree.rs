//! Copying fixture trees, shared by the test helper modules.

use std::path::Path;

/// Copies every file under `from` to `to`, creating folders as needed.
pub fn copy_tree(from: &Path, to: &Path) {
    for item in walkdir::WalkDir::new(from).min_depth(1) {
        let item = item.expect("readable folder");
        let target = to.join(item.path().strip_prefix(from).unwrap());
        if item.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(item.path(), &target).unwrap();
        }
    }
}
