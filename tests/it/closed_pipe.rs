//! Every command that prints exits quietly when its reader goes away
//! (`calabash search flood --json | head -c 10`): no panic, no message, the
//! exit code it would have had anyway (1 for a check that found errors),
//! and the work done (a build is written, a new entry is created). The
//! same when standard error is closed.

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};

use crate::support;

/// The sample hub, built (for `search`), in a temporary folder.
fn built_hub(tmp: &Path) -> PathBuf {
    let root = tmp.join("hub");
    support::files::copy_sample_hub(&root);
    support::cli::build(&root, &root.join("public"), None);
    root
}

/// The hub with one mistake, for a check that fails.
fn broken_hub(tmp: &Path) -> PathBuf {
    let root = tmp.join("broken");
    support::files::copy_sample_hub(&root);
    std::fs::write(
        root.join("content/library/broken.md"),
        "Émile forgot the front matter.\n",
    )
    .unwrap();
    root
}

/// Runs calabash with standard output (or error) a pipe nobody reads: its
/// reading end is closed before the command starts, so every write fails.
fn run_with_closed(stream: &str, args: &[&str]) -> (ExitStatus, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut command = support::cli::command();
    command
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null());
    let output = if stream == "stdout" {
        command.stdout(writer).stderr(Stdio::piped()).output()
    } else {
        command.stderr(writer).stdout(Stdio::piped()).output()
    }
    .expect("calabash runs");
    let other = if stream == "stdout" {
        output.stderr
    } else {
        output.stdout
    };
    (output.status, String::from_utf8_lossy(&other).into_owned())
}

fn assert_quiet(status: ExitStatus, shown: &str, expected: i32, what: &str) {
    assert_eq!(status.code(), Some(expected), "{what}: {status:?}\n{shown}");
    for word in ["panicked", "Broken pipe", "os error"] {
        assert!(!shown.contains(word), "{what}: {shown}");
    }
}

#[test]
fn commands_exit_quietly_when_standard_output_is_closed() {
    let tmp = tempfile::tempdir().unwrap();
    let hub = built_hub(tmp.path());
    let broken = broken_hub(tmp.path());
    let (hub_arg, broken_arg) = (hub.to_str().unwrap(), broken.to_str().unwrap());
    let out_dir = tmp.path().join("rebuilt");
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (
            vec![
                "search",
                "hurricane",
                "--json",
                "--limit",
                "50",
                "--root",
                hub_arg,
            ],
            0,
        ),
        (
            vec!["search", "school", "--limit", "50", "--root", hub_arg],
            0,
        ),
        (vec!["search", "zzzzqqq", "--root", hub_arg], 0),
        (vec!["check", "--root", hub_arg], 0),
        (vec!["check", "--root", broken_arg], 1),
        (vec!["check", "--format", "json", "--root", broken_arg], 1),
        (vec!["check", "--format", "github", "--root", broken_arg], 1),
        (vec!["schema", "--root", hub_arg], 0),
        (
            vec![
                "build",
                "--root",
                hub_arg,
                "--output",
                out_dir.to_str().unwrap(),
            ],
            0,
        ),
        // Last: the new entry is left for its author to fill in.
        (
            vec!["new", "library", "A closed pipe", "--root", hub_arg],
            0,
        ),
        (vec!["--version"], 0),
    ];
    for (args, code) in &cases {
        let (status, stderr) = run_with_closed("stdout", args);
        assert_quiet(status, &stderr, *code, &args.join(" "));
    }
    assert!(
        hub.join("content/library/a-closed-pipe.md").is_file(),
        "the entry was created"
    );
    assert!(out_dir.join("index.html").is_file(), "the site was built");
}

#[test]
fn commands_exit_quietly_when_standard_error_is_closed() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = broken_hub(tmp.path());
    let broken_arg = broken.to_str().unwrap();
    let out_dir = tmp.path().join("out");
    for (args, code) in [
        (vec!["check", "--root", broken_arg], 1),
        (
            vec![
                "build",
                "--root",
                broken_arg,
                "--output",
                out_dir.to_str().unwrap(),
            ],
            1,
        ),
        (vec!["search", "x", "--root", broken_arg], 1),
        (
            vec!["new", "no-such-collection", "X", "--root", broken_arg],
            1,
        ),
    ] {
        let (status, stdout) = run_with_closed("stderr", &args);
        assert_quiet(status, &stdout, code, &args.join(" "));
    }
}
