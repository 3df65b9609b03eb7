//! `calabash schema`: the sample hub's content model as JSON Schema. Spot
//! checks of what each field type becomes, then every entry of the sample
//! hub validated against its collection's schema by an independent
//! validator (boon, with format assertions), and broken entries rejected.

use std::path::Path;
use std::process::Output;

use calabash::core::translation::split_stem;
use serde_json::{Value, json};

use crate::support;
use crate::support::repo;

fn calabash(args: &[&str]) -> Output {
    let out = support::cli::calabash(args);
    assert_ne!(out.status.code(), Some(101));
    out
}

/// The schemas of the sample hub, as printed.
fn schemas() -> Value {
    let out = calabash(&["schema", "--root", repo().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on standard output")
}

fn collection_names() -> Vec<String> {
    let config = calabash::config::load(&repo(), None).unwrap();
    config.collections.iter().map(|c| c.name.clone()).collect()
}

#[test]
fn one_schema_per_collection_of_the_sample_hub() {
    let all = schemas();
    let names: Vec<&String> = all.as_object().unwrap().keys().collect();
    let mut expected = collection_names();
    expected.sort();
    assert_eq!(names, expected.iter().collect::<Vec<_>>());
    for (name, schema) in all.as_object().unwrap() {
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        assert_eq!(schema["type"], "object", "{name}");
        assert_eq!(schema["additionalProperties"], false, "{name}");
        for common in ["title", "summary", "date", "draft", "tags", "aliases"] {
            assert!(schema["properties"][common].is_object(), "{name}.{common}");
        }
    }
}

#[test]
fn field_types_become_json_schema_types() {
    let all = schemas();
    let case = &all["case-studies"];
    let props = &case["properties"];
    let required: Vec<&str> = case["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        [
            "title",
            "summary",
            "date",
            "organisation",
            "countries",
            "levels",
            "status"
        ]
    );
    assert_eq!(
        props["status"]["enum"],
        json!(["ongoing", "completed", "discontinued"])
    );
    assert_eq!(props["date"]["format"], "date");
    assert_eq!(props["title"]["minLength"], 1);
    assert_eq!(props["featured"]["type"], "boolean");
    assert_eq!(props["featured"]["default"], false);
    assert_eq!(props["featured"]["description"], "Show on the home page");
    // Terms: the taxonomy's ids; required lists need an item.
    assert_eq!(props["countries"]["type"], "array");
    assert_eq!(props["countries"]["minItems"], 1);
    let countries = props["countries"]["items"]["enum"].as_array().unwrap();
    assert!(countries.contains(&json!("JM")), "{countries:?}");
    assert_eq!(
        props["levels"]["items"]["enum"],
        json!([
            "early-childhood",
            "primary",
            "secondary",
            "tvet",
            "tertiary",
            "adult-lifelong",
            "teacher-education",
            "system-wide"
        ])
    );
    // Objects nest, with their own required fields and nothing else.
    let period = &props["period"];
    assert_eq!(period["type"], "object");
    assert_eq!(period["additionalProperties"], false);
    assert_eq!(period["required"], json!(["start"]));
    assert_eq!(period["properties"]["start"]["type"], "integer");
    // References: slugs of the target collection.
    let contacts = &props["contacts"];
    assert!(
        contacts["description"]
            .as_str()
            .unwrap()
            .contains("`experts`"),
        "{contacts}"
    );
    assert!(
        contacts["items"]["pattern"]
            .as_str()
            .unwrap()
            .contains("experts")
    );

    let events = &all["events"]["properties"];
    assert_eq!(events["start"]["format"], "date-time");
    assert_eq!(events["online_url"]["format"], "uri");
    assert_eq!(
        all["discussions"]["properties"]["participants"]["type"],
        "integer"
    );
    assert_eq!(all["experts"]["properties"]["email"]["format"], "email");
    assert_eq!(all["experts"]["properties"]["country"]["title"], "Based in");
    assert_eq!(
        all["replies"]["properties"]["query_type"]["title"],
        "Type of query"
    );
    assert_eq!(all["library"]["properties"]["access"]["default"], "open");
    assert_eq!(
        all["library"]["anyOf"],
        json!([{ "required": ["url"] }, { "required": ["file"] }])
    );
    // contact defaults to via-facilitator, so only contact = "email" counts.
    assert_eq!(
        all["experts"]["allOf"],
        json!([{
            "if": { "properties": { "contact": { "const": "email" } }, "required": ["contact"] },
            "then": { "required": ["email"] }
        }])
    );
    assert_eq!(all["pages"]["properties"]["weight"]["type"], "integer");
}

#[test]
fn output_writes_one_file_per_collection() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("schemas");
    let out = calabash(&[
        "schema",
        "--root",
        repo().to_str().unwrap(),
        "--output",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let all = schemas();
    for name in collection_names() {
        let path = out_dir.join(format!("{name}.schema.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let schema: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(schema, all[&name], "{name}");
    }
    assert_eq!(
        std::fs::read_dir(&out_dir).unwrap().count(),
        collection_names().len()
    );
}

/// Every collection's schema, compiled by an independent validator.
struct Validator {
    schemas: boon::Schemas,
    index: std::collections::HashMap<String, boon::SchemaIndex>,
}

impl Validator {
    fn new(all: &Value) -> Self {
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        let mut schemas = boon::Schemas::new();
        let mut index = std::collections::HashMap::new();
        for (name, schema) in all.as_object().unwrap() {
            let url = format!("https://hub.example.org/schemas/{name}.schema.json");
            compiler.add_resource(&url, schema.clone()).unwrap();
            let compiled = compiler
                .compile(&url, &mut schemas)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            index.insert(name.clone(), compiled);
        }
        Validator { schemas, index }
    }

    fn check(&self, collection: &str, front_matter: &Value) -> Result<(), String> {
        self.schemas
            .validate(front_matter, self.index[collection])
            .map_err(|e| format!("{e:#}"))
    }
}

/// An entry's front matter as JSON: TOML dates become strings.
fn front_matter(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let inner = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++"))
        .map(|(fm, _)| fm)
        .unwrap_or_else(|| panic!("{} has no front matter", path.display()));
    let table: toml::Table = toml::from_str(inner).unwrap();
    calabash::schema_export::toml_to_json(&toml::Value::Table(table))
}

#[test]
fn every_entry_of_the_sample_hub_is_valid_against_its_schema() {
    let validator = Validator::new(&schemas());
    let mut checked = 0;
    for name in collection_names() {
        let folder = repo().join("content").join(&name);
        for item in walkdir::WalkDir::new(folder) {
            let item = item.unwrap();
            if item.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            // The schemas describe originals: a translation writes only
            // what it translates (`calabash check` checks it).
            let stem = item.path().file_stem().unwrap().to_string_lossy();
            if split_stem(&stem).1.is_some() {
                continue;
            }
            let json = front_matter(item.path());
            if let Err(e) = validator.check(&name, &json) {
                panic!("{} is invalid: {e}", item.path().display());
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} entries");
}

fn case_study() -> Value {
    front_matter(&repo().join("content/case-studies/whatsapp-parents.md"))
}

#[test]
fn broken_entries_are_invalid() {
    let validator = Validator::new(&schemas());
    let broken: Vec<(&str, &str, Value)> = vec![
        (
            "case-studies",
            "unknown status",
            json!({ "status": "paused" }),
        ),
        ("case-studies", "unknown field", json!({ "colour": "red" })),
        ("case-studies", "no country", json!({ "countries": [] })),
        (
            "case-studies",
            "not a term",
            json!({ "countries": ["Jamaica"] }),
        ),
        (
            "case-studies",
            "not a date",
            json!({ "date": "14 March 2025" }),
        ),
        ("case-studies", "blank", json!({ "organisation": "" })),
        (
            "case-studies",
            "quoted year",
            json!({ "period": { "start": "2019" } }),
        ),
        (
            "case-studies",
            "nested unknown",
            json!({ "period": { "start": 2019, "to": 2020 } }),
        ),
        (
            "case-studies",
            "not a slug",
            json!({ "contacts": ["Marcia Campbell"] }),
        ),
        (
            "case-studies",
            "wrong collection",
            json!({ "contacts": ["library/marcia-campbell"] }),
        ),
        ("case-studies", "not a bool", json!({ "featured": "yes" })),
        (
            "case-studies",
            "bad language",
            json!({ "lang": "english language" }),
        ),
    ];
    for (collection, what, change) in broken {
        let mut entry = case_study();
        for (k, v) in change.as_object().unwrap() {
            entry[k] = v.clone();
        }
        assert!(
            validator.check(collection, &entry).is_err(),
            "{what}: {entry}"
        );
    }
    let mut entry = case_study();
    entry.as_object_mut().unwrap().remove("organisation");
    assert!(
        validator.check("case-studies", &entry).is_err(),
        "missing organisation"
    );

    let library = front_matter(&repo().join("content/library/commonwealth-of-learning.md"));
    let mut no_link = library.clone();
    no_link.as_object_mut().unwrap().remove("url");
    no_link.as_object_mut().unwrap().remove("file");
    assert!(validator.check("library", &no_link).is_err(), "{no_link}");
    let mut not_web = library.clone();
    not_web["url"] = json!("www.example.org");
    assert!(validator.check("library", &not_web).is_err(), "{not_web}");

    let expert = front_matter(&repo().join("content/experts/marcia-campbell.md"));
    let mut by_email = expert.clone();
    by_email["contact"] = json!("email");
    by_email.as_object_mut().unwrap().remove("email");
    assert!(validator.check("experts", &by_email).is_err(), "{by_email}");
    by_email["email"] = json!("marcia at example.org");
    assert!(validator.check("experts", &by_email).is_err(), "{by_email}");
    by_email["email"] = json!("marcia@example.org");
    validator.check("experts", &by_email).unwrap();
    let mut by_default = expert.clone();
    by_default.as_object_mut().unwrap().remove("contact");
    by_default.as_object_mut().unwrap().remove("email");
    validator.check("experts", &by_default).unwrap();

    let event = front_matter(&repo().join("content/events/sba-moderation-workshop.md"));
    let mut date_only = event.clone();
    date_only["start"] = json!("2025-06-12");
    assert!(
        validator.check("events", &date_only).is_err(),
        "{date_only}"
    );
}

#[test]
fn schema_help_describes_its_options() {
    let out = calabash(&["schema", "--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for part in ["--root <DIR>", "--output <DIR>", "JSON Schema"] {
        assert!(text.contains(part), "{part} missing from:\n{text}");
    }
}

#[test]
fn a_site_without_configuration_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = calabash(&["schema", "--root", dir.path().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("site.toml"), "{err}");
}
