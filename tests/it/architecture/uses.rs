//! Which files each file uses: `use` trees and paths resolved to the file
//! that defines their longest known module prefix.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::code::{Token, is_name, tokenize};
use super::files::SourceFile;

/// Per file, the other files of the crate it uses.
pub(super) fn uses(files: &[SourceFile]) -> BTreeMap<String, BTreeSet<String>> {
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
pub(super) fn file_of(path: &[String], modules: &HashMap<Vec<String>, String>) -> Option<String> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n]).cloned())
}

/// Every absolute path into the crate that a file names.
pub(super) fn crate_paths(file: &SourceFile) -> Vec<Vec<String>> {
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
pub(super) fn use_tree(
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

pub(super) fn skip_use(tokens: &[Token], mut i: usize) -> usize {
    while tokens.get(i).is_some_and(|t| t.text != ";") {
        i += 1;
    }
    i
}

/// The absolute module path of `segments` as written in `module`, or
/// `None` for a path outside the crate.
pub(super) fn absolute(
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
