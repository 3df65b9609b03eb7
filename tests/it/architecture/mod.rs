//! Holds the source to the map of docs/architecture.md: no two files of
//! `src/` use each other (directly or round a loop), no file uses the
//! module it is part of (its folder's `mod.rs`), no module uses one of a later stage (the
//! table of the doc, read from the doc itself), every file says what it is
//! for, no function runs past 100 lines and no file past 400 (its tests
//! aside).
//!
//! The source is read as text: comments, strings and `#[cfg(test)]` items are
//! blanked out, then every `use` tree and every path starting with `crate`,
//! `super`, `self` or a name bound to a module of the crate is resolved to
//! the file that defines its longest known module prefix.

mod code;
mod cycles;
mod files;
mod stages;
mod uses;

use std::collections::HashMap;
use std::path::Path;

use code::{blank_comments_and_literals, blank_test_items, functions, lines_besides_tests};
use cycles::cycles;
use files::{SourceFile, module_path, read_crate, read_tests_only_files, root};
use stages::Stages;
use uses::uses;

const LONGEST_FUNCTION: usize = 100;
const LONGEST_FILE: usize = 400;

#[test]
fn no_two_files_use_each_other() {
    let crate_files = read_crate();
    let graph = uses(&crate_files);
    let loops = cycles(&graph);
    assert!(
        loops.is_empty(),
        "files of src/ that use each other, directly or round a loop \
         (children never use items of their parent's mod.rs; move shared \
         items into a file of their own):\n{}",
        loops.join("\n")
    );
}

#[test]
fn no_file_uses_the_module_above_it() {
    let crate_files = read_crate();
    let module_of: HashMap<&str, &[String]> = crate_files
        .iter()
        .map(|f| (f.name.as_str(), f.module.as_slice()))
        .collect();
    let mut problems = Vec::new();
    for (from, targets) in uses(&crate_files) {
        for to in targets {
            let (user, used) = (module_of[from.as_str()], module_of[to.as_str()]);
            if !used.is_empty() && used.len() < user.len() && user.starts_with(used) {
                problems.push(format!(
                    "{from} uses {to}, the module it is part of: items shared by the files \
                     of a folder live in a file of their own, which mod.rs may re-export"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_module_uses_a_later_stage() {
    let crate_files = read_crate();
    let stages = Stages::from_doc(&root().join("docs/architecture.md"));
    let mut problems = Vec::new();
    for file in &crate_files {
        let Some(top) = file.module.first() else {
            continue;
        };
        if stages.layer(top).is_none() {
            problems.push(format!(
                "{}: module `{top}` is in no layer of the table in docs/architecture.md",
                file.name
            ));
        }
    }
    let by_name: HashMap<&str, &SourceFile> =
        crate_files.iter().map(|f| (f.name.as_str(), f)).collect();
    for (from, targets) in uses(&crate_files) {
        for to in targets {
            let (user, used) = (by_name[from.as_str()], by_name[to.as_str()]);
            if let (Some(a), Some(b)) = (user.module.first(), used.module.first())
                && let Some(why) = stages.forbids(a, b)
            {
                problems.push(format!("{from} uses {to}: {why}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn functions_and_files_stay_short() {
    let mut problems = Vec::new();
    for file in read_crate().iter().chain(&read_tests_only_files()) {
        for (name, line, length) in functions(&file.code) {
            if length > LONGEST_FUNCTION {
                problems.push(format!(
                    "{}:{line}: fn {name} has {length} lines (at most {LONGEST_FUNCTION})",
                    file.name
                ));
            }
        }
        if file.test_only {
            continue;
        }
        let lines = lines_besides_tests(&file.code);
        if lines > LONGEST_FILE {
            problems.push(format!(
                "{}: {lines} lines besides its tests (at most {LONGEST_FILE})",
                file.name
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_file_says_what_it_is_for() {
    let missing: Vec<String> = read_crate()
        .iter()
        .chain(&read_tests_only_files())
        .filter(|f| !f.text.trim_start().starts_with("//!"))
        .map(|f| format!("{} does not start with a `//!` comment", f.name))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The reader itself, on a small crate: every way of naming another file
/// is found, and nothing in comments, strings or tests is.
#[test]
fn the_reader_finds_every_kind_of_use() {
    let file = |name: &str, text: &str| {
        let relative = Path::new(name.strip_prefix("src/").unwrap());
        let code = blank_comments_and_literals(text);
        SourceFile {
            name: name.to_string(),
            module: module_path(relative),
            text: text.to_string(),
            without_tests: blank_test_items(&code),
            code,
            test_only: false,
        }
    };
    let files = [
        file(
            "src/lib.rs",
            "pub mod a;\npub mod c;\npub mod d;\npub mod e;\n",
        ),
        file(
            "src/a/mod.rs",
            "mod b;\nmod f;\npub use b::Thing;\nfn g() { f::go(); }\n",
        ),
        file("src/a/b.rs", "use super::{f, Other};\npub struct Thing;\n"),
        file(
            "src/a/f.rs",
            "pub fn go() { self::inner(); crate::c::run(); }\n",
        ),
        file(
            "src/c.rs",
            "use crate::a::{self as x};\n\
             pub fn run() { let _ = \"crate::d::no\"; /* crate::d::no */ x::b::Thing; }\n\
             #[cfg(test)]\nmod tests { use crate::e::Never; }\n",
        ),
        file("src/d.rs", "// crate::e::no\nfn h() -> char { '{' }\n"),
        file(
            "src/e.rs",
            "use crate::d as dee;\nfn k() { dee::h(); r#\"crate::a\"#; }\n",
        ),
    ];
    let graph = uses(&files);
    let edges = |from: &str| -> Vec<&str> { graph[from].iter().map(String::as_str).collect() };
    assert_eq!(edges("src/a/mod.rs"), ["src/a/b.rs", "src/a/f.rs"]);
    assert_eq!(edges("src/a/b.rs"), ["src/a/f.rs", "src/a/mod.rs"]);
    assert_eq!(edges("src/a/f.rs"), ["src/c.rs"]);
    assert_eq!(edges("src/c.rs"), ["src/a/b.rs", "src/a/mod.rs"]);
    assert!(edges("src/d.rs").is_empty());
    assert_eq!(edges("src/e.rs"), ["src/d.rs"]);
    let loops = cycles(&graph);
    assert_eq!(
        loops,
        [
            "  src/a/b.rs → src/a/f.rs → src/c.rs → src/a/b.rs",
            "  src/a/b.rs → src/a/mod.rs → src/a/b.rs",
        ]
    );
    let text = "fn a() {\n    if x { '}' } else { \"}\" }\n}\nfn b();\nfn c(f: fn(u8)) {}\n";
    let lengths = functions(&blank_comments_and_literals(text));
    assert_eq!(lengths, [("a".to_string(), 1, 3), ("c".to_string(), 5, 1)]);
}
