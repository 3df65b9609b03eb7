//! The sample hub's HTML passes the Nu Html Checker (vnu.jar, from npm, run
//! with the machine's Java). The checker is installed into tests/node_modules
//! on first use (`npm ci --prefix tests`), so `cargo test` works on a fresh
//! clone; a missing Java or npm is a failure, never a silent skip.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn vnu_jar() -> PathBuf {
    let jar = repo().join("tests/node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(repo().join("tests"))
            .status()
            .expect("npm is needed to install the Nu Html Checker (vnu-jar)");
        assert!(status.success(), "npm ci --prefix tests failed");
    }
    assert!(jar.exists(), "vnu.jar missing after npm ci");
    jar
}

fn build_sample_hub(output: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_calabash"))
        .args(["build", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(output)
        .status()
        .expect("run calabash");
    assert!(status.success(), "the sample hub builds");
}

#[test]
fn sample_hub_html_is_valid() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build_sample_hub(&site);
    let html_files = walk_html(&site);
    assert!(
        html_files.len() > 50,
        "expected the whole hub, found {} pages",
        html_files.len()
    );
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--skip-non-html", "--format", "text"])
        .arg(&site)
        .output()
        .expect("Java is needed to run the Nu Html Checker");
    let report = String::from_utf8_lossy(&output.stderr).to_string()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && !report.contains("error:"),
        "Nu Html Checker found errors:\n{report}"
    );
}

/// A deliberately broken page is caught, so the check above can fail.
#[test]
fn checker_rejects_invalid_html() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.html"),
        "<!doctype html><html lang=en><title>x</title><p><div></p></span>",
    )
    .unwrap();
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "text"])
        .arg(dir.path().join("bad.html"))
        .output()
        .expect("Java is needed to run the Nu Html Checker");
    assert!(!output.status.success(), "vnu accepted broken HTML");
}

fn walk_html(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk_html(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            found.push(path);
        }
    }
    found
}
