//! `calabash forms`: the issue forms written from the schema pass GitHub's
//! issue-form schema (check-jsonschema, installed by `.ci/run` into
//! `tests/.venv`); each form's fields follow its collection's schema and
//! follow it when it changes; `--check` fails when the files on disk drift;
//! the repository's own forms are up to date.

use std::path::{Path, PathBuf};
use std::process::Command;

use calabash::config::{self, CollectionConfig, Config};
use calabash::core::schema::{FieldDef, FieldType};
use calabash::forms::{FORMS_DIR, NOT_ASKED, element_id};
use calabash::load::taxonomy;
use serde_json::Value;

use crate::support;
use crate::support::cli::{calabash_on, stderr, stdout};
use crate::support::hub::sample_hub;

/// A program of the tests' Python environment; its absence fails the test.
fn venv_program(name: &str) -> PathBuf {
    let path = support::repo().join("tests/.venv/bin").join(name);
    assert!(
        path.is_file(),
        "{} is missing: run .ci/run, or python3 -m venv tests/.venv && tests/.venv/bin/pip install check-jsonschema==0.39.0",
        path.display()
    );
    path
}

/// Runs check-jsonschema with GitHub's schema of issue forms (or of the
/// forms' config.yml) on `files`.
fn validate(files: &[PathBuf]) {
    for file in files {
        let schema = if file.ends_with("config.yml") {
            "vendor.github-issue-config"
        } else {
            "vendor.github-issue-forms"
        };
        let out = Command::new(venv_program("check-jsonschema"))
            .args(["--builtin-schema", schema])
            .arg(file)
            .output()
            .expect("check-jsonschema runs");
        assert!(
            out.status.success(),
            "{} fails GitHub's schema:\n{}{}",
            file.display(),
            stdout(&out),
            stderr(&out)
        );
    }
}

/// A YAML file read by an independent YAML parser (ruamel.yaml, which
/// check-jsonschema brings), as JSON.
fn read_yaml(file: &Path) -> Value {
    let script = "import json, sys\nfrom ruamel.yaml import YAML\nprint(json.dumps(YAML(typ='safe').load(open(sys.argv[1], encoding='utf-8'))))";
    let out = Command::new(venv_program("python"))
        .args(["-c", script])
        .arg(file)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}: {}", file.display(), stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn write_forms(root: &Path) -> Vec<PathBuf> {
    let out = calabash_on(root, &["forms"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(FORMS_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn generated_forms_pass_githubs_schema() {
    let hub = sample_hub();
    std::fs::remove_dir_all(hub.root.join(".github")).ok();
    let files = write_forms(&hub.root);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "case-studies.yml",
            "config.yml",
            "experts.yml",
            "library.yml",
            "replies.yml"
        ]
    );
    validate(&files);
}

#[test]
fn the_repositorys_forms_are_up_to_date() {
    let out = calabash_on(&support::repo(), &["forms", "--check"]);
    assert!(
        out.status.success(),
        "run `calabash forms` and commit:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn forms_check_finds_every_kind_of_drift() {
    let hub = sample_hub();
    write_forms(&hub.root);
    let dir = hub.root.join(FORMS_DIR);
    let own = dir.join("bug.yml");
    std::fs::write(&own, "name: Bug\n").unwrap();
    let check = || calabash_on(&hub.root, &["forms", "--check"]);
    assert!(
        check().status.success(),
        "a hub's own form is not drift: {}",
        stdout(&check())
    );

    std::fs::write(dir.join("library.yml"), "edited by hand\n").unwrap();
    std::fs::remove_file(dir.join("replies.yml")).unwrap();
    // A form for a collection no longer open to proposals.
    let site = std::fs::read_to_string(hub.root.join("site.toml")).unwrap();
    std::fs::write(
        hub.root.join("site.toml"),
        strip_table(&site, "[collections.experts.form]"),
    )
    .unwrap();
    let out = check();
    let text = stdout(&out) + &stderr(&out);
    assert!(!out.status.success());
    for (file, says) in [
        ("library.yml", "differs"),
        ("replies.yml", "missing"),
        ("experts.yml", "no longer open to proposals"),
    ] {
        assert!(
            text.lines().any(|l| l.contains(file) && l.contains(says)),
            "{file} should be reported as {says}:\n{text}"
        );
    }
    write_forms(&hub.root);
    assert!(check().status.success(), "{}", stdout(&check()));
    assert!(
        !dir.join("experts.yml").exists(),
        "the stale form is removed"
    );
    assert!(own.exists(), "the hub's own form is left alone");
}

/// `text` without the TOML table starting at the line `header`.
fn strip_table(text: &str, header: &str) -> String {
    let start = text.find(header).unwrap();
    let end = text[start + header.len()..]
        .find("\n[")
        .map_or(text.len(), |i| start + header.len() + i + 1);
    format!("{}{}", &text[..start], &text[end..])
}

/// The form's body elements by id.
fn elements(form: &Value) -> Vec<(String, Value)> {
    form["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| Some((e["id"].as_str()?.to_string(), e.clone())))
        .collect()
}

/// Checks the element asking for the field at `path`, and those of its
/// nested fields; returns the ids it checked.
fn expect_field(
    form: &[(String, Value)],
    path: &[&str],
    def: &FieldDef,
    labels: &dyn Fn(&FieldDef) -> Vec<String>,
    required: bool,
) -> Vec<String> {
    if def.kind == FieldType::Object && !def.list {
        return (def.fields.iter())
            .flat_map(|(n, d)| {
                expect_field(
                    form,
                    &[path, &[n.as_str()]].concat(),
                    d,
                    labels,
                    required && def.required,
                )
            })
            .collect();
    }
    let id = element_id(path);
    let element = &form
        .iter()
        .find(|(i, _)| *i == id)
        .unwrap_or_else(|| panic!("no element {id}"))
        .1;
    let kind = element["type"].as_str().unwrap();
    let terms = if def.kind == FieldType::Term {
        labels(def)
    } else {
        Vec::new()
    };
    let want = match def.kind {
        FieldType::Enum => "dropdown",
        FieldType::Term if terms.is_empty() => "input",
        FieldType::Term => "dropdown",
        FieldType::Bool if !def.list => "checkboxes",
        FieldType::Text | FieldType::File | FieldType::Object => "textarea",
        _ if def.list => "textarea",
        _ => "input",
    };
    assert_eq!(kind, want, "{id}: {element}");
    let attributes = &element["attributes"];
    if want == "dropdown" {
        let options: Vec<String> = serde_json::from_value(attributes["options"].clone()).unwrap();
        let expected = if def.kind == FieldType::Enum {
            def.values.clone()
        } else {
            terms
        };
        assert_eq!(options, expected, "{id}");
        assert_eq!(
            attributes["multiple"].as_bool().unwrap_or(false),
            def.list,
            "{id}"
        );
    }
    if matches!(def.kind, FieldType::Date) {
        assert_eq!(attributes["placeholder"], "YYYY-MM-DD", "{id}");
    }
    if let Some(description) = &def.description {
        assert!(
            attributes["description"]
                .as_str()
                .unwrap_or_default()
                .contains(description.as_str()),
            "{id}"
        );
    }
    let is_required = element["validations"]["required"]
        .as_bool()
        .unwrap_or(false);
    assert_eq!(
        is_required,
        required && def.required && def.kind != FieldType::Bool,
        "{id}: {element}"
    );
    vec![id]
}

/// Every form of the site at `root` asks for exactly the fields its
/// collection's schema says, each as its type says.
fn assert_forms_follow_schema(root: &Path) -> Config {
    let config = config::load(root, None).unwrap();
    let mut problems = Vec::new();
    let taxonomies = taxonomy::load(root, &config, &mut problems);
    let labels = |def: &FieldDef| -> Vec<String> {
        let t = taxonomies.get(def.taxonomy.as_deref().unwrap()).unwrap();
        t.terms.iter().map(|t| t.label.clone()).collect()
    };
    let open: Vec<&CollectionConfig> = config
        .collections
        .iter()
        .filter(|c| c.form.is_some())
        .collect();
    assert!(!open.is_empty());
    for collection in open {
        let form = read_yaml(
            &root
                .join(FORMS_DIR)
                .join(format!("{}.yml", collection.name)),
        );
        assert_eq!(
            form["labels"],
            serde_json::json!(["proposal", collection.name])
        );
        let found = elements(&form);
        let asked: Vec<&String> = match &collection.form.as_ref().unwrap().fields {
            Some(fields) => fields.iter().collect(),
            None => collection
                .fields
                .keys()
                .filter(|n| !NOT_ASKED.contains(&n.as_str()))
                .collect(),
        };
        let mut ids: Vec<String> = asked
            .iter()
            .flat_map(|name| {
                expect_field(
                    &found,
                    &[name.as_str()],
                    &collection.fields[*name],
                    &labels,
                    true,
                )
            })
            .collect();
        ids.push("body".into());
        if collection.form.as_ref().unwrap().consent.is_some() {
            ids.push("consent".into());
            let consent = &found.iter().find(|(i, _)| i == "consent").unwrap().1;
            assert_eq!(
                consent["attributes"]["options"][0]["required"], true,
                "consent must be required"
            );
        }
        let all: Vec<String> = found.iter().map(|(i, _)| i.clone()).collect();
        assert_eq!(
            all, ids,
            "{}: the form asks for these fields, in this order",
            collection.name
        );
    }
    config
}

#[test]
fn each_form_follows_its_collections_schema() {
    let hub = sample_hub();
    write_forms(&hub.root);
    assert_forms_follow_schema(&hub.root);
}

#[test]
fn a_changed_schema_changes_the_forms() {
    let hub = sample_hub();
    let site_path = hub.root.join("site.toml");
    let site = std::fs::read_to_string(&site_path).unwrap();
    // A new required enum field asked for; `scale` gone from the schema and
    // the form; the collection's default list of fields for the library.
    let changed = site
        .replace(
            "scale = { type = \"enum\", values = [\"classroom\", \"school\", \"district\", \"national\", \"regional\"] }\n",
            "funding = { type = \"enum\", values = [\"public\", \"private\", \"donor\"], required = true, description = \"Who paid for it\" }\n",
        )
        .replace("\"status\", \"scale\", \"evidence\"", "\"status\", \"funding\", \"evidence\"")
        .replace(
            "fields = [\"title\", \"summary\", \"resource_type\", \"url\", \"file\", \"creators\", \"publisher\", \"license\", \"access\", \"countries\", \"levels\", \"audiences\", \"topics\"]\n",
            "",
        );
    assert_ne!(changed, site);
    std::fs::write(&site_path, changed).unwrap();
    // A vocabulary changed: a term added, one removed.
    let levels_path = hub.root.join("content/_taxonomies/levels.toml");
    let levels = std::fs::read_to_string(&levels_path).unwrap();
    let without_tvet = remove_term(&levels, "tvet");
    std::fs::write(
        &levels_path,
        format!("{without_tvet}\n[[terms]]\nid = \"doctoral\"\nlabel = \"Doctoral studies\"\n"),
    )
    .unwrap();

    let files = write_forms(&hub.root);
    validate(&files);
    assert_forms_follow_schema(&hub.root);
    let case = read_yaml(&hub.root.join(FORMS_DIR).join("case-studies.yml"));
    let found = elements(&case);
    let funding = &found
        .iter()
        .find(|(i, _)| i == "funding")
        .expect("the new field is asked")
        .1;
    assert_eq!(funding["validations"]["required"], true);
    assert_eq!(
        funding["attributes"]["options"],
        serde_json::json!(["public", "private", "donor"])
    );
    assert!(
        !found.iter().any(|(i, _)| i == "scale"),
        "the removed field is gone"
    );
    let levels = &found.iter().find(|(i, _)| i == "levels").unwrap().1["attributes"]["options"];
    let levels: Vec<&str> = levels
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        levels.contains(&"Doctoral studies")
            && !levels
                .iter()
                .any(|l| l.contains("TVET") || l.contains("Technical")),
        "{levels:?}"
    );
    // The library's form now asks for every field but the team's.
    let library = read_yaml(&hub.root.join(FORMS_DIR).join("library.yml"));
    let ids: Vec<String> = elements(&library).into_iter().map(|(i, _)| i).collect();
    assert!(
        ids.contains(&"recommended_by".to_string()) && !ids.contains(&"draft".to_string()),
        "{ids:?}"
    );
}

/// A vocabulary file without the `[[terms]]` table of `id`.
fn remove_term(text: &str, id: &str) -> String {
    text.split("[[terms]]")
        .filter(|block| !block.contains(&format!("id = \"{id}\"")))
        .collect::<Vec<_>>()
        .join("[[terms]]")
}
