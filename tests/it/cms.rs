//! `calabash cms`: the browser editor's configuration written from the
//! schema. Each field type gets the widget that writes what `check`
//! reads; a change of the schema (a field, an allowed value, a vocabulary
//! term) changes the configuration; the values the editor writes for
//! dates and date-times (quoted strings) pass `check` like TOML's own.

use calabash::core::model::Value as FieldValue;
use serde_json::{Value, json};
use yaml_rust::{Yaml, YamlLoader};

use crate::support::fields::value;
use crate::support::site::TestSite;

/// The `cms/` fixture: `valid-basic/` with a `records` collection holding
/// a field of every type.
pub fn cms_site() -> TestSite {
    TestSite::layered(&["valid-basic", "cms"])
}

/// The files `calabash cms` writes for the site, by name.
pub fn editor_files(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    let config = calabash::config::load(&site.root, None).expect("site.toml loads");
    calabash::cms::generate(&site.root, &config).unwrap_or_else(|p| panic!("{:#?}", p.sorted()))
}

/// `admin/config.yml` of the site, read by a YAML parser.
pub fn configuration(site: &TestSite) -> Value {
    let files = editor_files(site);
    let (_, bytes) = files.iter().find(|(name, _)| name == "config.yml").unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with(calabash::cms::HEADER));
    let docs = YamlLoader::load_from_str(&text).expect("config.yml is YAML");
    to_json(&docs[0])
}

fn to_json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::String(s) => json!(s),
        Yaml::Boolean(b) => json!(b),
        Yaml::Integer(i) => json!(i),
        Yaml::Real(r) => json!(r.parse::<f64>().unwrap()),
        Yaml::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Hash(pairs) => Value::Object(
            (pairs.iter())
                .map(|(k, v)| (k.as_str().unwrap().to_string(), to_json(v)))
                .collect(),
        ),
        other => panic!("unexpected YAML value {other:?}"),
    }
}

pub fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    (config["collections"].as_array().unwrap().iter())
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no collection {name}"))
}

pub fn field<'a>(collection: &'a Value, name: &str) -> &'a Value {
    (collection["fields"].as_array().unwrap().iter())
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {}", collection["name"]))
}

/// The regular expression of a field's `pattern` (JavaScript's syntax is
/// close enough to this crate's for these).
fn pattern_accepts(field: &Value, text: &str) -> bool {
    let regex = field["pattern"][0].as_str().expect("a pattern");
    let out = std::process::Command::new("node")
        .args([
            "-e",
            "process.stdout.write(String(new RegExp(process.argv[1]).test(process.argv[2])))",
        ])
        .args([regex, text])
        .output()
        .expect("node runs");
    String::from_utf8_lossy(&out.stdout) == "true"
}

#[test]
fn each_field_type_gets_the_widget_that_writes_what_check_reads() {
    let config = configuration(&cms_site());
    let records = collection(&config, "records");
    let widget = |name: &str| field(records, name)["widget"].as_str().unwrap().to_string();
    assert_eq!(widget("organisation"), "string");
    assert_eq!(widget("notes"), "text");
    assert_eq!(field(records, "year")["value_type"], "int");
    assert_eq!(field(records, "score")["value_type"], "float");
    assert_eq!(widget("year"), "number");
    assert_eq!(widget("open"), "boolean");
    let started = field(records, "started");
    assert_eq!(
        (
            &started["widget"],
            &started["format"],
            &started["time_format"]
        ),
        (&json!("datetime"), &json!("YYYY-MM-DD"), &json!(false))
    );
    let meeting = field(records, "meeting");
    assert_eq!(meeting["format"], calabash::cms::DATETIME_FORMAT);
    assert_eq!(widget("attachment"), "file");
    for (name, good, bad) in [
        ("link", "https://example.org/page", "example.org/page"),
        ("contact", "name@example.org", "name at example"),
    ] {
        assert_eq!(widget(name), "string");
        assert!(pattern_accepts(field(records, name), good), "{name}");
        assert!(!pattern_accepts(field(records, name), bad), "{name}");
    }
    let status = field(records, "status");
    assert_eq!(
        (&status["widget"], &status["options"], &status["multiple"]),
        (&json!("select"), &json!(["ongoing", "done"]), &json!(false))
    );
    assert_eq!(field(records, "formats")["multiple"], true);
    let country = field(records, "country");
    assert_eq!(country["widget"], "select");
    assert_eq!(
        country["options"],
        json!([{"label": "Jamaica", "value": "JM"}, {"label": "Trinidad and Tobago", "value": "TT"}])
    );
    assert_eq!(field(records, "countries")["multiple"], true);
    for (name, multiple) in [("lead", false), ("team", true)] {
        let reference = field(records, name);
        assert_eq!(reference["widget"], "relation");
        assert_eq!(reference["collection"], "experts");
        assert_eq!(
            reference["value_field"], "{{slug}}",
            "the slug `ref` expects"
        );
        assert_eq!(reference["multiple"], multiple);
    }
    // A reference to several collections is `collection/slug`: no relation.
    let related = field(records, "related");
    assert_eq!(related["widget"], "list");
    assert!(pattern_accepts(&related["field"], "notes/first-note"));
    assert!(pattern_accepts(&related["field"], "records/first-record"));
    assert!(!pattern_accepts(
        &related["field"],
        "experts/marcia-campbell"
    ));
    assert!(related["hint"].as_str().unwrap().contains("notes/"));
    let keywords = field(records, "keywords");
    assert_eq!(
        (&keywords["widget"], &keywords["field"]["widget"]),
        (&json!("list"), &json!("string"))
    );
    let period = field(records, "period");
    assert_eq!(period["widget"], "object");
    // Decap checks the fields of an optional object left empty: a field
    // required inside it is optional there, with a hint.
    assert_eq!(field(period, "start")["required"], false);
    assert!(
        field(period, "start")["hint"]
            .as_str()
            .unwrap()
            .contains("Required once")
    );
    assert_eq!(field(period, "end")["required"], false);
    let people = field(records, "people");
    assert_eq!(people["widget"], "list");
    assert_eq!(
        field(people, "name")["required"],
        true,
        "each item added needs it"
    );
    assert_eq!(field(people, "expert")["widget"], "relation");
}

#[test]
fn required_defaults_and_descriptions_follow_the_schema() {
    let config = configuration(&cms_site());
    let records = collection(&config, "records");
    assert_eq!(field(records, "organisation")["required"], true);
    assert_eq!(
        field(records, "notes")["required"],
        false,
        "Decap's default is required"
    );
    assert_eq!(field(records, "organisation")["hint"], "Who ran it");
    assert_eq!(field(records, "status")["default"], "ongoing");
    assert_eq!(field(records, "open")["default"], true);
    assert_eq!(field(records, "score")["default"], 0.5);
    // What the editor cannot enforce is said where it applies.
    let contact = field(records, "contact");
    assert_eq!(contact["required"], false);
    assert!(
        contact["hint"]
            .as_str()
            .unwrap()
            .contains("Required when Status is \"ongoing\"")
    );
    for name in ["link", "attachment"] {
        let hint = field(records, name)["hint"].as_str().unwrap().to_string();
        assert!(hint.contains("Web page, Attachment"), "{name}: {hint}");
    }
    // The common fields, and the body with the collection's headings.
    for common in [
        "title", "summary", "date", "updated", "draft", "lang", "topics", "tags", "aliases",
    ] {
        field(records, common);
    }
    assert_eq!(field(records, "title")["required"], true);
    assert!(
        field(records, "topics")["hint"]
            .as_str()
            .unwrap()
            .contains("Recommended")
    );
    let body = field(records, "body");
    assert_eq!(body["widget"], "markdown");
    assert_eq!(body["default"], "## Context\n\n## Results");
    assert!(
        body["hint"]
            .as_str()
            .unwrap()
            .contains("Context: Where and when")
    );
}

#[test]
fn collections_backend_and_media_come_from_site_toml() {
    let config = configuration(&cms_site());
    assert_eq!(
        config["backend"],
        json!({"name": "github", "repo": "example/test-hub", "branch": "main"})
    );
    assert_eq!(config["publish_mode"], "editorial_workflow");
    assert_eq!(config["local_backend"], true);
    assert_eq!(config["media_folder"], "static/uploads");
    assert_eq!(config["public_folder"], "/uploads");
    let names: Vec<&str> = (config["collections"].as_array().unwrap().iter())
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["notes", "experts", "records", "pages"]);
    let records = collection(&config, "records");
    for (key, expected) in [
        ("folder", "content/records"),
        ("extension", "md"),
        ("format", "toml-frontmatter"),
        ("slug", "{{slug}}"),
        ("label", "Records"),
        ("label_singular", "Record"),
        ("preview_path", "records/{{slug}}/"),
    ] {
        assert_eq!(records[key], expected, "{key}");
    }
    assert_eq!(records["create"], true);
}

#[test]
fn a_schema_change_changes_the_configuration() {
    let site = cms_site();
    let before = configuration(&site);
    let toml = site.read_source("site.toml");
    let toml = toml
        .replace(
            "values = [\"ongoing\", \"done\"]",
            "values = [\"ongoing\", \"done\", \"paused\"]",
        )
        .replace(
            "organisation = { type = \"string\"",
            "budget = { type = \"float\", description = \"In dollars\" }\norganisation = { type = \"string\"",
        );
    site.write("site.toml", &toml);
    let countries = site.read_source("content/_taxonomies/countries.toml");
    site.write(
        "content/_taxonomies/countries.toml",
        &format!("{countries}\n[[terms]]\nid = \"BB\"\nlabel = \"Barbados\"\n"),
    );
    let after = configuration(&site);
    let (old, new) = (
        collection(&before, "records"),
        collection(&after, "records"),
    );
    assert_eq!(
        field(new, "status")["options"],
        json!(["ongoing", "done", "paused"])
    );
    assert_eq!(field(new, "budget")["value_type"], "float");
    assert_eq!(field(new, "budget")["hint"], "In dollars");
    assert_eq!(
        field(new, "country")["options"].as_array().unwrap().last(),
        Some(&json!({"label": "Barbados", "value": "BB"}))
    );
    // Every collection with a field of that vocabulary follows.
    let experts = collection(&after, "experts");
    assert!(
        field(experts, "country")["options"]
            .to_string()
            .contains("\"BB\"")
    );
    assert_eq!(
        old["fields"].as_array().unwrap().len() + 1,
        new["fields"].as_array().unwrap().len()
    );
}

#[test]
fn dates_written_as_the_editor_writes_them_read_as_toml_dates() {
    // The datetime widget writes strings: `"2025-03-14"`, and with
    // DATETIME_FORMAT `"2025-06-12T14:00:00-05:00"`. `check` reads them
    // as it reads TOML's own dates.
    let date = "started = { type = \"date\" }";
    let quoted = value(date, "started = \"2025-03-14\"", "started");
    assert_eq!(quoted, value(date, "started = 2025-03-14", "started"));
    assert!(matches!(quoted, FieldValue::Date(_)));
    let datetime = "meeting = { type = \"datetime\" }";
    for written in ["2025-06-12T14:00:00-05:00", "2025-06-12T19:00:00Z"] {
        let quoted = value(datetime, &format!("meeting = \"{written}\""), "meeting");
        assert_eq!(
            quoted,
            value(datetime, &format!("meeting = {written}"), "meeting")
        );
        assert!(matches!(quoted, FieldValue::DateTime(..)));
    }
}
