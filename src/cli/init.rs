//! `calabash init`: starts a hub, says briefly what it wrote and what to
//! run next.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use super::args::InitArgs;
use crate::core::console::out_line;
use crate::init::{InitOptions, Initialised, Starting, init};
use crate::report::print_diagnostics;

pub(super) fn run_init(args: &InitArgs) -> ExitCode {
    let options = InitOptions {
        dir: args.dir.clone(),
        content: if args.empty {
            Starting::Empty
        } else {
            Starting::Sample
        },
        title: args.title.clone(),
        repository: args.repository.clone(),
        force: args.force,
    };
    match init(&options) {
        Ok(done) => {
            print_summary(&args.dir, &done);
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems);
            ExitCode::FAILURE
        }
    }
}

fn print_summary(dir: &Path, done: &Initialised) {
    let here = dir == Path::new(".");
    let shown = if here {
        "this folder".to_string()
    } else {
        format!("{}/", dir.display())
    };
    out_line(&format!(
        "Started a hub in {shown} ({} files):",
        done.written.len()
    ));
    // Files at the top, then each folder with its number of files.
    let mut folders: BTreeMap<&str, usize> = BTreeMap::new();
    let mut top = Vec::new();
    for path in &done.written {
        match path.split_once('/') {
            Some((folder, _)) => *folders.entry(folder).or_default() += 1,
            None => top.push(path.as_str()),
        }
    }
    out_line(&format!("  {}", top.join(", ")));
    for (folder, count) in folders {
        out_line(&format!("  {folder}/ ({count} files)"));
    }
    if !done.replaced.is_empty() {
        out_line(&format!(
            "Replaced (the files that were there are gone): {}",
            done.replaced.join(", ")
        ));
    }
    out_line("Next:");
    if here {
        out_line("  calabash check");
    } else {
        out_line(&format!("  cd {}", shell_word(&dir.display().to_string())));
    }
    // History first: pages take their dates and contributors from it.
    out_line("  git init -b main && git add . && git commit -m \"Start the hub\"");
    out_line("  calabash serve      (then open http://127.0.0.1:1111/)");
}

/// `word` as one word for a POSIX shell.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./~".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
