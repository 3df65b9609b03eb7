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

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

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

// ---------------------------------------------------------------- the doc

/// The layers of docs/architecture.md's table and the one-way order of
/// modules within a layer.
struct Stages {
    layers: HashMap<String, usize>,
    /// Per module, its chain and its place in it.
    order: HashMap<String, (usize, usize)>,
}

impl Stages {
    fn from_doc(doc: &Path) -> Stages {
        let text = fs::read_to_string(doc).expect("docs/architecture.md");
        let mut layers = HashMap::new();
        for line in text.lines() {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let Some(number) = cells.get(1).and_then(|c| c.split(' ').next()) else {
                continue;
            };
            let Ok(layer) = number.parse::<usize>() else {
                continue;
            };
            for module in quoted(cells[2]) {
                layers.insert(module, layer);
            }
        }
        assert!(
            layers.len() > 5,
            "docs/architecture.md has no table of layers"
        );
        let paragraph = text
            .split("\n\n")
            .find(|p| p.starts_with("Within a layer"))
            .expect("docs/architecture.md names the order within a layer");
        let chains = paragraph.split_once(':').expect("a list of chains").1;
        let mut order = HashMap::new();
        for (number, chain) in chains.split(';').enumerate() {
            for (place, module) in quoted(chain).into_iter().enumerate() {
                assert!(layers.contains_key(&module), "`{module}` is in no layer");
                order.insert(module, (number, place));
            }
        }
        Stages { layers, order }
    }

    fn layer(&self, module: &str) -> Option<usize> {
        self.layers.get(module).copied()
    }

    /// Why `user` may not use `used`, if it may not.
    fn forbids(&self, user: &str, used: &str) -> Option<String> {
        let (a, b) = (self.layer(user)?, self.layer(used)?);
        if user == used || b < a {
            return None;
        }
        if b > a {
            return Some(format!(
                "`{used}` (layer {b}) is above `{user}` (layer {a})"
            ));
        }
        match (self.order.get(user), self.order.get(used)) {
            (Some(x), Some(y)) if x.0 == y.0 && y.1 < x.1 => None,
            (Some(_), Some(_)) => Some(format!(
                "`{used}` comes after `{user}` in their layer ({a})"
            )),
            _ => Some(format!(
                "no order between `{user}` and `{used}` in layer {a}"
            )),
        }
    }
}

fn quoted(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

// ---------------------------------------------------------------- the files

struct SourceFile {
    /// The path under the crate folder, such as `src/render/plan.rs`.
    name: String,
    /// The module path, such as `["render", "plan"]`; empty for lib.rs.
    module: Vec<String>,
    text: String,
    /// The text with comments and literals blanked out.
    code: String,
    /// `code` with `#[cfg(test)]` items blanked out too.
    without_tests: String,
    /// A file that holds only tests (declared behind `#[cfg(test)]`).
    test_only: bool,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of the library (src/main.rs is a separate crate on top).
fn read_crate() -> Vec<SourceFile> {
    all_files()
        .into_iter()
        .filter(|f| !f.test_only && f.name != "src/main.rs")
        .collect()
}

fn read_tests_only_files() -> Vec<SourceFile> {
    all_files().into_iter().filter(|f| f.test_only).collect()
}

fn all_files() -> Vec<SourceFile> {
    let src = root().join("src");
    let mut paths = Vec::new();
    collect_rs(&src, &mut paths);
    let mut files: Vec<SourceFile> = paths
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&src).unwrap();
            let text = fs::read_to_string(&path).unwrap();
            let code = blank_comments_and_literals(&text);
            let without_tests = blank_test_items(&code);
            SourceFile {
                name: format!("src/{}", relative.display()),
                module: module_path(relative),
                text,
                code,
                without_tests,
                test_only: false,
            }
        })
        .collect();
    // A file declared by `#[cfg(test)] mod name;` holds only tests, and so
    // does every file below it.
    let mut test_modules: Vec<Vec<String>> = Vec::new();
    for file in &files {
        for name in declared_test_modules(&file.code) {
            let mut module = file.module.clone();
            module.push(name);
            test_modules.push(module);
        }
    }
    for file in &mut files {
        file.test_only = test_modules.iter().any(|m| file.module.starts_with(m));
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

fn collect_rs(folder: &Path, paths: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rs(&path, paths);
        } else if path.extension().is_some_and(|e| e == "rs") {
            paths.push(path);
        }
    }
}

fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

// ---------------------------------------------------------------- reading code

/// The text with comments, strings and character literals replaced by
/// spaces (line breaks kept, so lines still count).
fn blank_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, part: &[char]| {
        out.extend(part.iter().map(|&c| if c == '\n' { '\n' } else { ' ' }));
    };
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let previous_is_ident = i > 0 && ident(chars[i - 1]);
        let end = if c == '/' && next == Some('/') {
            (i..chars.len())
                .find(|&j| chars[j] == '\n')
                .unwrap_or(chars.len())
        } else if c == '/' && next == Some('*') {
            block_comment_end(&chars, i)
        } else if c == '"' {
            string_end(&chars, i + 1)
        } else if !previous_is_ident && (c == 'r' || c == 'b') {
            match raw_or_byte_literal_end(&chars, i) {
                Some(end) => end,
                None => i + 1,
            }
        } else if c == '\'' {
            char_literal_end(&chars, i).unwrap_or(i + 1)
        } else {
            i + 1
        };
        if end == i + 1 {
            out.push(c);
        } else {
            blank(&mut out, &chars[i..end]);
        }
        i = end;
    }
    out
}

fn block_comment_end(chars: &[char], start: usize) -> usize {
    let (mut depth, mut i) = (0, start);
    while i < chars.len() {
        if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    chars.len()
}

/// The end of a string whose text starts at `i` (after its quote).
fn string_end(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

/// The end of `r"…"`, `r#"…"#`, `b"…"`, `br"…"` or `b'…'` starting at `i`.
fn raw_or_byte_literal_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if chars[j] == 'b' {
        j += 1;
        match chars.get(j) {
            Some('"') => return Some(string_end(chars, j + 1)),
            Some('\'') => return char_literal_end(chars, j),
            Some('r') => {}
            _ => return None,
        }
    }
    j += 1; // the `r`
    let hashes = chars[j..].iter().take_while(|&&c| c == '#').count();
    if chars.get(j + hashes) != Some(&'"') {
        return None;
    }
    let mut k = j + hashes + 1;
    while k < chars.len() {
        if chars[k] == '"'
            && chars[k + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes
        {
            return Some(k + 1 + hashes);
        }
        k += 1;
    }
    Some(chars.len())
}

/// The end of a character literal at `i`, or `None` for a lifetime.
fn char_literal_end(chars: &[char], i: usize) -> Option<usize> {
    match chars.get(i + 1) {
        Some('\\') => {
            let close = (i + 3..chars.len()).find(|&j| chars[j] == '\'')?;
            Some(close + 1)
        }
        Some(_) if chars.get(i + 2) == Some(&'\'') => Some(i + 3),
        _ => None,
    }
}

/// `code` with every item behind `#[cfg(test)]` blanked out.
fn blank_test_items(code: &str) -> String {
    let mut out: Vec<char> = code.chars().collect();
    for (start, end) in test_items(code) {
        for c in &mut out[start..end] {
            if *c != '\n' {
                *c = ' ';
            }
        }
    }
    out.into_iter().collect()
}

/// The character ranges of the items behind `#[cfg(test)]`.
fn test_items(code: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(found) = find_cfg_test(&chars, from) {
        let (mut depth, mut i) = (0i32, found.1);
        let end = loop {
            let Some(&c) = chars.get(i) else {
                break chars.len();
            };
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' => depth -= 1,
                '}' if depth == 0 => break i, // the end of what holds the item
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break i + 1;
                    }
                }
                ';' | ',' if depth == 0 => break i + 1,
                _ => {}
            }
            i += 1;
        };
        ranges.push((found.0, end));
        from = end;
    }
    ranges
}

/// Where the next `#[cfg(test)]` starts and ends (spaces allowed inside).
fn find_cfg_test(chars: &[char], from: usize) -> Option<(usize, usize)> {
    let wanted: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '#' {
            let (mut j, mut k) = (i, 0);
            while j < chars.len() && k < wanted.len() {
                if chars[j].is_whitespace() {
                    j += 1;
                } else if chars[j] == wanted[k] {
                    j += 1;
                    k += 1;
                } else {
                    break;
                }
            }
            if k == wanted.len() {
                return Some((i, j));
            }
        }
        i += 1;
    }
    None
}

/// The number of lines of a file outside its `#[cfg(test)]` items.
fn lines_besides_tests(code: &str) -> usize {
    let line_of = |at: usize| code.chars().take(at).filter(|&c| c == '\n').count();
    let mut test_lines = BTreeSet::new();
    for (start, end) in test_items(code) {
        test_lines.extend(line_of(start)..=line_of(end));
    }
    code.lines().count() - test_lines.len()
}

/// The names of modules declared `#[cfg(test)] mod name;`.
fn declared_test_modules(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (start, end) in test_items(code) {
        let item: String = code.chars().skip(start).take(end - start).collect();
        let tokens = tokenize(&item);
        for window in tokens.windows(3) {
            if window[0].text == "mod" && window[2].text == ";" {
                names.push(window[1].text.clone());
            }
        }
    }
    names
}

#[derive(Clone, Debug)]
struct Token {
    text: String,
    line: usize,
}

fn tokenize(code: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let mut text: String = chars[start..i].iter().collect();
            // `r#name` is the name `name`.
            if text == "r" && chars.get(i) == Some(&'#') {
                let rest = i + 1;
                let mut j = rest;
                while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                    j += 1;
                }
                text = chars[rest..j].iter().collect();
                i = j;
            }
            tokens.push(Token { text, line });
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push(Token {
                text: "::".into(),
                line,
            });
            i += 2;
        } else {
            tokens.push(Token {
                text: c.to_string(),
                line,
            });
            i += 1;
        }
    }
    tokens
}

fn is_name(token: &Token) -> bool {
    token
        .text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

// ---------------------------------------------------------------- uses

/// Per file, the other files of the crate it uses.
fn uses(files: &[SourceFile]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: HashMap<Vec<String>, String> = files
        .iter()
        .map(|f| (f.module.clone(), f.name.clone()))
        .collect();
    let mut graph = BTreeMap::new();
    for file in files {
        if file.module.is_empty() {
            continue; // lib.rs only declares the modules
        }
        let mut used = BTreeSet::new();
        for path in crate_paths(file) {
            if let Some(target) = file_of(&path, &modules)
                && target != file.name
            {
                used.insert(target);
            }
        }
        graph.insert(file.name.clone(), used);
    }
    graph
}

/// The file that defines the longest known module prefix of `path`.
fn file_of(path: &[String], modules: &HashMap<Vec<String>, String>) -> Option<String> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n]).cloned())
}

/// Every absolute path into the crate that a file names.
fn crate_paths(file: &SourceFile) -> Vec<Vec<String>> {
    let tokens = tokenize(&file.without_tests);
    let mut bindings: HashMap<String, Vec<String>> = HashMap::new();
    // Modules declared here are in scope by their names.
    for window in tokens.windows(3) {
        if window[0].text == "mod" && window[2].text == ";" {
            let mut path = file.module.clone();
            path.push(window[1].text.clone());
            bindings.insert(window[1].text.clone(), path);
        }
    }
    let mut paths = Vec::new();
    // Tokens of `use` declarations, which the scan of paths in code skips.
    let mut in_use = vec![false; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].text == "use" {
            let mut leaves = Vec::new();
            let end = use_tree(&tokens, i + 1, &[], &mut leaves);
            in_use[i..end.min(tokens.len())].fill(true);
            for (segments, binding) in leaves {
                if let Some(path) = absolute(&segments, &file.module, &bindings) {
                    if let Some(name) = binding {
                        bindings.insert(name, path.clone());
                    }
                    paths.push(path);
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    // Paths in code: a name followed by `::`, not itself after `::`.
    for (i, token) in tokens.iter().enumerate() {
        let starts_path = tokens.get(i + 1).is_some_and(|t| t.text == "::")
            && (i == 0 || tokens[i - 1].text != "::");
        if !starts_path || !is_name(token) || in_use[i] {
            continue;
        }
        let mut segments = vec![token.text.clone()];
        let mut j = i + 1;
        while tokens.get(j).is_some_and(|t| t.text == "::")
            && tokens.get(j + 1).is_some_and(is_name)
        {
            segments.push(tokens[j + 1].text.clone());
            j += 2;
        }
        if let Some(path) = absolute(&segments, &file.module, &bindings) {
            paths.push(path);
        }
    }
    paths
}

/// Reads the use tree starting at `i`, pushing each leaf path with the name
/// it binds; returns the index after the tree.
fn use_tree(
    tokens: &[Token],
    mut i: usize,
    prefix: &[String],
    leaves: &mut Vec<(Vec<String>, Option<String>)>,
) -> usize {
    let mut segments = prefix.to_vec();
    if tokens.get(i).is_some_and(|t| t.text == "::") {
        return skip_use(tokens, i); // `use ::extern_crate::…`
    }
    loop {
        let Some(token) = tokens.get(i) else {
            return i;
        };
        match token.text.as_str() {
            "{" => {
                i += 1;
                while tokens.get(i).is_some_and(|t| t.text != "}") {
                    i = use_tree(tokens, i, &segments, leaves);
                    if tokens.get(i).is_some_and(|t| t.text == ",") {
                        i += 1;
                    }
                }
                return i + 1;
            }
            "*" => {
                leaves.push((segments, None));
                return i + 1;
            }
            _ if is_name(token) => {
                segments.push(token.text.clone());
                i += 1;
                if tokens.get(i).is_some_and(|t| t.text == "::") {
                    i += 1;
                    continue;
                }
                let mut binding = Some(token.text.clone());
                if tokens.get(i).is_some_and(|t| t.text == "as") {
                    binding = tokens
                        .get(i + 1)
                        .map(|t| t.text.clone())
                        .filter(|n| n != "_");
                    i += 2;
                }
                if segments.last().is_some_and(|s| s == "self") {
                    segments.pop();
                    if binding.as_deref() == Some("self") {
                        binding = segments.last().cloned();
                    }
                }
                leaves.push((segments, binding));
                return i;
            }
            _ => return i,
        }
    }
}

fn skip_use(tokens: &[Token], mut i: usize) -> usize {
    while tokens.get(i).is_some_and(|t| t.text != ";") {
        i += 1;
    }
    i
}

/// The absolute module path of `segments` as written in `module`, or
/// `None` for a path outside the crate.
fn absolute(
    segments: &[String],
    module: &[String],
    bindings: &HashMap<String, Vec<String>>,
) -> Option<Vec<String>> {
    let first = segments.first()?;
    let (mut path, rest) = match first.as_str() {
        "crate" => (Vec::new(), &segments[1..]),
        "self" => (module.to_vec(), &segments[1..]),
        "super" => {
            let mut path = module.to_vec();
            let mut rest = segments;
            while rest.first().is_some_and(|s| s == "super") {
                path.pop();
                rest = &rest[1..];
            }
            (path, rest)
        }
        name => (bindings.get(name)?.clone(), &segments[1..]),
    };
    path.extend(rest.iter().cloned());
    Some(path)
}

// ---------------------------------------------------------------- cycles

/// The loops among files, each as `a → b → a`: the shortest through each
/// file of every group of files that reach each other.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut loops = BTreeSet::new();
    for group in strongly_connected(graph) {
        if group.len() < 2 {
            continue;
        }
        for start in &group {
            let mut path = shortest_loop(graph, &group, start);
            // Each loop once, from its first file.
            path.pop();
            let first = (0..path.len()).min_by_key(|&i| &path[i]).unwrap();
            path.rotate_left(first);
            path.push(path[0].clone());
            loops.insert(format!("  {}", path.join(" → ")));
        }
    }
    loops.into_iter().collect()
}

fn shortest_loop(
    graph: &BTreeMap<String, BTreeSet<String>>,
    group: &BTreeSet<String>,
    start: &String,
) -> Vec<String> {
    let mut came_from: HashMap<&String, &String> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in &graph[node] {
            if !group.contains(next) {
                continue;
            }
            if next == start {
                let mut back = Vec::new();
                let mut at = node;
                while at != start {
                    back.push(at.clone());
                    at = came_from[at];
                }
                back.push(start.clone());
                back.reverse();
                back.push(start.clone());
                return back;
            }
            if !came_from.contains_key(next) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    vec![start.clone(), start.clone()]
}

/// Tarjan's strongly connected components.
fn strongly_connected(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: HashMap<&'a str, usize>,
        low: HashMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        groups: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(state: &mut State<'a>, node: &'a str) {
        let n = state.index.len();
        state.index.insert(node, n);
        state.low.insert(node, n);
        state.stack.push(node);
        state.on_stack.insert(node);
        for next in state.graph.get(node).into_iter().flatten() {
            let next = next.as_str();
            if !state.index.contains_key(next) {
                visit(state, next);
                let low = state.low[node].min(state.low[next]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(next) {
                let low = state.low[node].min(state.index[next]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut group = BTreeSet::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                group.insert(member.to_string());
                if member == node {
                    break;
                }
            }
            state.groups.push(group);
        }
    }
    let mut state = State {
        graph,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        groups: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.groups
}

// ---------------------------------------------------------------- lengths

/// Every `fn` item with a body: its name, first line and number of lines
/// from its signature to its closing brace.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let tokens = tokenize(code);
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.text != "fn" || !tokens.get(i + 1).is_some_and(is_name) {
            continue;
        }
        let mut depth = 0i32;
        let mut j = i + 2;
        let body = loop {
            let Some(t) = tokens.get(j) else { break None };
            match t.text.as_str() {
                "(" | "[" => depth += 1,
                ")" | "]" => depth -= 1,
                ";" if depth == 0 => break None,
                "{" if depth == 0 => break Some(j),
                _ => {}
            }
            j += 1;
        };
        let Some(open) = body else { continue };
        let mut depth = 0i32;
        for t in &tokens[open..] {
            match t.text.as_str() {
                "{" => depth += 1,
                "}" => {
                    depth -= 1;
                    if depth == 0 {
                        let length = t.line - token.line + 1;
                        found.push((tokens[i + 1].text.clone(), token.line, length));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    found
}
