//! The sample hub's HTML passes the Nu Html Checker (vnu.jar, from npm, run
//! with the machine's Java). The checker is installed into tests/node_modules
//! on first use (`npm ci --prefix tests`), so `cargo test` works on a fresh
//! clone; a missing Java or npm is a failure, never a silent skip.

use crate::support::cli::build_sample_hub;
use crate::support::files::files_ending;
use crate::support::node::vnu_errors;

#[test]
fn sample_hub_html_is_valid() {
    let out = tempfile::tempdir().unwrap();
    let site = build_sample_hub(out.path());
    let html_files = files_ending(&site, ".html");
    assert!(
        html_files.len() > 50,
        "expected the whole hub, found {} pages",
        html_files.len()
    );
    let errors = vnu_errors(&html_files);
    assert!(
        errors.is_empty(),
        "Nu Html Checker found errors:\n{}",
        errors.join("\n")
    );
}

/// A deliberately broken page is caught, so the check above can fail.
#[test]
fn checker_rejects_invalid_html() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!doctype html><html lang=en><title>x</title><p><div></p></span>",
    )
    .unwrap();
    let errors = vnu_errors(&[bad]);
    assert!(!errors.is_empty(), "vnu accepted broken HTML");
    assert!(
        errors.iter().all(|e| e.contains("bad.html:")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("Stray end tag “span”")),
        "the stray </span> is named: {errors:#?}"
    );
}
