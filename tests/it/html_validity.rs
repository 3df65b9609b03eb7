//! The sample hub's HTML passes the Nu Html Checker (vnu.jar, from npm, run
//! with the machine's Java). The checker is installed into tests/node_modules
//! on first use (`npm ci --prefix tests`), so `cargo test` works on a fresh
//! clone; a missing Java or npm is a failure, never a silent skip.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::support::cli::build_sample_hub;
use crate::support::files::files_ending;
use crate::support::node::vnu_jar;
use crate::support::report::Report;

/// The checker's errors for `files`, as `file:line: message`. Its JSON
/// report must be there: a checker that did not run is a failure, not a
/// pass.
fn vnu_errors(files: &[PathBuf]) -> Vec<String> {
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "json"])
        .args(files)
        .output()
        .expect("Java is needed to run the Nu Html Checker");
    let report: Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
        panic!(
            "no JSON report from the Nu Html Checker ({e}):\n{}{}",
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout)
        )
    });
    let errors: Vec<String> = report
        .list("messages")
        .iter()
        .map(|m| {
            format!(
                "{}:{}: {}",
                m.text("url"),
                m.get("lastLine").map_or(0, |_| m.number("lastLine")),
                m.text("message")
            )
        })
        .collect();
    assert_eq!(
        output.status.success(),
        errors.is_empty(),
        "the checker's exit status and its report disagree: {report}"
    );
    errors
}

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
