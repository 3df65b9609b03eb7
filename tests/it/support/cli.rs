//! The compiled `calabash` binary, run as a user runs it: colours off,
//! every other variable of the environment passed on as it is.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::repo;

/// `calabash` without arguments yet, colours off.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_calabash"));
    command.env("NO_COLOR", "1");
    command
}

/// Runs `calabash <args>` to the end.
pub fn calabash(args: &[&str]) -> Output {
    command().args(args).output().expect("the binary runs")
}

/// Runs `calabash <args> --root <root>` to the end.
pub fn calabash_on(root: &Path, args: &[&str]) -> Output {
    command()
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("the binary runs")
}

/// Runs `calabash check <args>` on the site at `root`.
pub fn check(root: &Path, args: &[&str]) -> Output {
    calabash_on(root, &[&["check"], args].concat())
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A path as an argument; temporary paths are UTF-8.
pub fn path_arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary path")
}

/// Builds the site at `root` into `output` with the compiled binary.
pub fn build(root: &Path, output: &Path, base_url: Option<&str>) {
    let args: Vec<&str> = base_url.map_or_else(Vec::new, |url| vec!["--base-url", url]);
    build_with(root, output, &args, &[]);
}

/// `build`, with `args` besides and `env` set (the binary's test hooks,
/// such as `CALABASH_SITEMAP_URLS`).
pub fn build_with(root: &Path, output: &Path, args: &[&str], env: &[(&str, &str)]) {
    let mut cmd = command();
    cmd.args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .args(args)
        .envs(env.iter().copied());
    let out = cmd.output().expect("run calabash");
    assert!(
        out.status.success(),
        "calabash build of {} failed:\n{}{}",
        root.display(),
        stdout(&out),
        stderr(&out)
    );
}

/// The sample hub built into `<tmp>/site`.
pub fn build_sample_hub(tmp: &Path) -> PathBuf {
    let site = tmp.join("site");
    build(&repo(), &site, None);
    site
}
