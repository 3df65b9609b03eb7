//! The browser editor's configuration passes Decap CMS's own validation
//! (`validateConfig` of decap-cms-core, with the schemas of the widgets
//! Decap registers, run in Node: `tests/js/cms/validate-config.mjs`), for
//! the sample hub and for a fixture with a field of every type; and the
//! pinned script is the npm package's, byte for byte.

use std::path::PathBuf;
use std::time::Duration;

use crate::cms::{cms_site, editor_files};
use crate::support::node::run_node;
use crate::support::repo;
use crate::support::site::TestSite;

/// Writes each site's `config.yml` into a temporary folder and runs Decap's
/// validation on them; returns each file's error, if any.
fn decap_errors(sites: &[&TestSite]) -> Vec<(PathBuf, serde_json::Value)> {
    let tmp = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, site) in sites.iter().enumerate() {
        let (_, bytes) = editor_files(site)
            .into_iter()
            .find(|(name, _)| name == "config.yml")
            .unwrap();
        let file = tmp.path().join(format!("config-{i}.yml"));
        std::fs::write(&file, bytes).unwrap();
        files.push(file);
    }
    let args: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let results = run_node(
        "tests/js/cms/validate-config.mjs",
        &args,
        Duration::from_secs(120),
    )
    .json();
    files
        .into_iter()
        .map(|f| {
            let error = results[f.display().to_string()].clone();
            (f, error)
        })
        .collect()
}

#[test]
fn generated_configurations_pass_decaps_own_validation() {
    let sample = TestSite::sample_hub();
    let fixture = cms_site();
    for (file, error) in decap_errors(&[&sample, &fixture]) {
        assert!(
            error.is_null(),
            "{} fails Decap's validation:\n{}",
            file.display(),
            error.as_str().unwrap_or_default()
        );
    }
}

#[test]
fn decaps_validation_fails_a_configuration_it_cannot_load() {
    // The validation is real: a select without options, a number whose
    // value_type is not a string, a collection without a folder fail it.
    let site = cms_site();
    let (_, bytes) = editor_files(&site)
        .into_iter()
        .find(|(n, _)| n == "config.yml")
        .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let broken = [
        text.replacen("        options:", "        choices:", 1),
        text.replacen("value_type: \"int\"", "value_type: 5", 1),
        text.replacen("    folder: \"content/notes\"\n", "", 1),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let mut args = Vec::new();
    for (i, broken) in broken.iter().enumerate() {
        assert_ne!(broken, &text, "the change was made");
        let file = tmp.path().join(format!("broken-{i}.yml"));
        std::fs::write(&file, broken).unwrap();
        args.push(file.display().to_string());
    }
    let results = run_node(
        "tests/js/cms/validate-config.mjs",
        &args,
        Duration::from_secs(120),
    )
    .json();
    for (file, expected) in args.iter().zip(["options", "value_type", "folder"]) {
        let error = results[file]
            .as_str()
            .unwrap_or_else(|| panic!("{file} passed"));
        assert!(error.contains(expected), "{file}: {error}");
    }
}

#[test]
fn the_pinned_script_is_the_npm_packages_file() {
    let file = repo().join("tests/node_modules/decap-cms/dist/decap-cms.js");
    let out = run_node(
        "tests/js/cms/sri.mjs",
        &[file.display().to_string()],
        Duration::from_secs(60),
    )
    .json();
    assert_eq!(out["version"], calabash::config::DECAP_VERSION);
    assert_eq!(
        out["hashes"][file.display().to_string()],
        calabash::config::DEFAULT_INTEGRITY
    );
    assert_eq!(
        calabash::config::DEFAULT_SCRIPT,
        format!(
            "https://unpkg.com/decap-cms@{}/dist/decap-cms.js",
            calabash::config::DECAP_VERSION
        )
    );
}
