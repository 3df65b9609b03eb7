//! The repository's sample hub copied into a temporary folder, the
//! `calabash` binary run on it, and the placeholders `calabash new` writes:
//! for the tests of `calabash new`.

use std::path::{Path, PathBuf};
use std::process::Output;

use calabash::config::CollectionConfig;
use calabash::core::schema::{FieldDef, FieldType};
use calabash::load::taxonomy::Taxonomies;

use super::cli::{command, stderr, stdout};
use super::files::copy_sample_hub;

pub const TODAY: &str = "2026-11-23";

/// A copy of the repository's sample hub in a temporary folder.
pub struct Hub {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
}

pub fn sample_hub() -> Hub {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path().join("hub");
    std::fs::create_dir_all(&root).unwrap();
    copy_sample_hub(&root);
    Hub { _tmp: tmp, root }
}

/// `calabash <args>` on the day `TODAY`.
pub fn calabash(args: &[&str]) -> Output {
    command()
        .args(args)
        .env("CALABASH_TODAY", TODAY)
        .output()
        .expect("the binary runs")
}

impl Hub {
    pub fn root_arg(&self) -> &str {
        self.root.to_str().expect("UTF-8 temporary path")
    }

    pub fn new_entry(&self, collection: &str, title: &str) -> Output {
        let out = calabash(&["new", collection, title, "--root", self.root_arg()]);
        assert_ne!(out.status.code(), Some(101), "{}", stderr(&out));
        out
    }

    /// `new`, expecting success; returns the path it printed.
    pub fn created(&self, collection: &str, title: &str) -> PathBuf {
        let out = self.new_entry(collection, title);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        let mut lines = text.lines();
        let path = PathBuf::from(lines.next().expect("the path"));
        assert!(
            lines.next().unwrap_or_default().contains("calabash check"),
            "{text}"
        );
        path
    }

    /// `calabash check`: whether it passed, and the headlines of the errors
    /// and of the warnings it reported.
    pub fn check(&self) -> (bool, Vec<String>, Vec<String>) {
        let out = calabash(&["check", "--root", self.root_arg(), "--format", "json"]);
        assert_ne!(out.status.code(), Some(101), "{}", stderr(&out));
        let problems: Vec<serde_json::Value> =
            serde_json::from_slice(&out.stdout).expect("JSON on standard output");
        let (mut errors, mut warnings) = (Vec::new(), Vec::new());
        for p in &problems {
            let located = format!(
                "{}:{}:{}: {}: {}",
                p["file"].as_str().unwrap(),
                p["line"],
                p["column"],
                p["severity"].as_str().unwrap(),
                p["message"].as_str().unwrap()
            );
            if p["severity"] == "error" {
                // Each says what to write there.
                let hint = p["hint"].as_str().unwrap_or_default();
                assert!(hint.contains("write") && hint.contains(" like "), "{p}");
                errors.push(located);
            } else {
                warnings.push(located);
            }
        }
        errors.sort();
        warnings.sort();
        (out.status.success(), errors, warnings)
    }

    pub fn build(&self) {
        let output = self.root.join("public");
        let out = calabash(&[
            "build",
            "--root",
            self.root_arg(),
            "--output",
            output.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

/// A value left for the contributor: `name = ""` or `name = []`.
#[derive(Debug)]
pub struct Placeholder {
    /// 1-based line and column of the value.
    pub line: usize,
    pub column: usize,
    pub name: String,
    /// The `[table]` it is in, if any.
    pub table: Option<String>,
}

/// The placeholders of a new entry's front matter, in order.
pub fn placeholders(text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut table = None;
    for (i, line) in text.lines().enumerate().skip(1) {
        if line == "+++" {
            break;
        }
        if line.starts_with('[') {
            table = Some(line.trim_matches(['[', ']']).to_string());
            continue;
        }
        let Some((name, value)) = line.split_once(" = ") else {
            continue;
        };
        if !line.starts_with('#') && (value == "\"\"" || value == "[]") {
            found.push(Placeholder {
                line: i + 1,
                column: name.len() + 4,
                name: name.to_string(),
                table: table.clone(),
            });
        }
    }
    found
}

/// A value the field's declaration allows, as TOML.
pub fn valid_value(def: &FieldDef, taxonomies: &Taxonomies, root: &Path) -> String {
    let one = match def.kind {
        FieldType::String | FieldType::Text => "\"Filled in\"".to_string(),
        FieldType::Int => "2020".into(),
        FieldType::Float => "1.5".into(),
        FieldType::Bool => "true".into(),
        FieldType::Date => "2025-03-14".into(),
        FieldType::Datetime => "2025-06-12T14:00:00-05:00".into(),
        FieldType::Url => "\"https://example.org/resource\"".into(),
        FieldType::Email => "\"name@example.org\"".into(),
        FieldType::File => "\"/documents/filled-in.pdf\"".into(),
        FieldType::Enum => format!("\"{}\"", def.values[0]),
        FieldType::Term => {
            let taxonomy = taxonomies.get(def.taxonomy.as_deref().unwrap()).unwrap();
            format!("\"{}\"", taxonomy.terms[0].id)
        }
        FieldType::Ref => {
            let target = &def.collection.as_ref().unwrap().names()[0];
            let slug = existing_slug(&root.join("content").join(target));
            format!("\"{target}/{slug}\"")
        }
        FieldType::Object => panic!("objects are written as tables, not placeholders"),
    };
    if def.list { format!("[{one}]") } else { one }
}

pub fn existing_slug(folder: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".md").map(str::to_string))
        .filter(|n| calabash::core::translation::split_stem(n).1.is_none())
        .collect();
    names.sort();
    names.into_iter().next().expect("an entry to refer to")
}

pub fn def_of<'a>(collection: &'a CollectionConfig, p: &Placeholder) -> &'a FieldDef {
    let fields = match &p.table {
        Some(table) => &collection.fields[table.as_str()].fields,
        None => &collection.fields,
    };
    fields
        .get(&p.name)
        .unwrap_or_else(|| panic!("{} has no field {p:?}", collection.name))
}
