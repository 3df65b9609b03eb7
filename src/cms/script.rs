//! The editor's script when the hub serves it itself: the file `[cms]
//! script` names in the site's repository (`node_modules/decap-cms/dist/
//! decap-cms.js` once `npm install decap-cms` ran), with the files beside
//! it that it loads on demand (`<n>.decap-cms.js` chunks and `.wasm`
//! modules), all copied into `/admin/`.

use std::path::Path;

use crate::config::CONFIG_FILE;
use crate::core::diagnostics::Diagnostic;
use crate::core::paths::Fence;

/// The script and the files it loads: name in `/admin/` and bytes.
pub fn local_files(
    root: &Path,
    path: &str,
    (line, column): (usize, usize),
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let fence = Fence::new(root, &[]);
    let missing = |why: String| {
        Diagnostic::error(CONFIG_FILE, format!("[cms] script `{path}` {why}"))
            .at_line(line, column)
            .hint("install the editor (npm install decap-cms) so that the file exists, or remove `script` to load the pinned version from unpkg.com")
    };
    if let Some(problem) = fence.check_file(path) {
        return Err(missing(problem.message));
    }
    let main =
        std::fs::read(root.join(path)).map_err(|err| missing(format!("cannot be read: {err}")))?;
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    let mut files = vec![(name.clone(), main)];
    let dir = root.join(path).parent().map(Path::to_path_buf);
    let Some(Ok(entries)) = dir.as_ref().map(std::fs::read_dir) else {
        return Ok(files);
    };
    let chunk_suffix = format!(".{name}");
    let mut beside: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(&chunk_suffix) || n.ends_with(".wasm"))
        .collect();
    beside.sort();
    for file in beside {
        let rel = match path.rsplit_once('/') {
            Some((folder, _)) => format!("{folder}/{file}"),
            None => file.clone(),
        };
        if fence.check_file(&rel).is_some() {
            continue;
        }
        let bytes = std::fs::read(root.join(&rel))
            .map_err(|err| missing(format!("is beside {rel}, which cannot be read: {err}")))?;
        files.push((file, bytes));
    }
    Ok(files)
}
