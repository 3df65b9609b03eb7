//! The static search client stems queries with JavaScript ports of the
//! Snowball stemmers (`themes/hub/static/search/stem-*.js`); they must stem
//! every word exactly like tantivy's `Stemmer` filter does when the index is
//! built. This runs the node test `tests/js/stemmers.test.mjs`, which
//! compares both on some 57,000 words with each language, against
//! `examples/stem-words.rs` built here with the same profile as the tests.
//! A missing node is a failure, never a skip.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds the `stem-words` example and returns its path, as cargo reports it.
fn stem_words(root: &Path) -> PathBuf {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(root).args([
        "build",
        "--example",
        "stem-words",
        "--message-format=json-render-diagnostics",
    ]);
    if !cfg!(debug_assertions) {
        cmd.arg("--release");
    }
    let out = cmd.output().expect("cannot run cargo");
    assert!(
        out.status.success(),
        "cargo build --example stem-words failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "stem-words")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .expect("cargo did not report the stem-words executable")
}

#[test]
fn javascript_stemmers_match_tantivy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = stem_words(root);
    let out = Command::new("node")
        .current_dir(root)
        .args(["--test", "tests/js/stemmers.test.mjs"])
        .env("CALABASH_STEM_WORDS", &bin)
        .output()
        .unwrap_or_else(|e| {
            panic!("node is needed to test the JavaScript stemmers and could not be run: {e}")
        });
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "node --test tests/js/stemmers.test.mjs failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("# fail 0") && !stdout.contains("# pass 0"),
        "unexpected node output:\n{stdout}"
    );
    for line in stdout
        .lines()
        .filter(|l| l.starts_with("# words:") || l.contains(" mismatches"))
    {
        eprintln!("{line}");
    }
}
