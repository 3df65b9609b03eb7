//! Every entry that passes validation renders with the hub theme, and its
//! page shows what was given. For each collection of the sample hub, two
//! entries are generated from the schema in `site.toml` (so a new field is
//! covered without touching this test): one with only the required fields,
//! one with every field. The site must build, and each given value's text
//! (a term's label, a reference's title, a date, a URL...) must appear in
//! the page's main content.

mod values;

use calabash::config::{CollectionConfig, PAGES};
use toml::Value as Toml;

use crate::support::{html::unescape, site::TestSite};
use values::{Selection, Values, each_optional_field};

/// The main content of a built page, unescaped: what a reader sees of the
/// entry (structured data in the head does not count).
fn main_content(html: &str) -> String {
    let start = html.find("<main").expect("a <main> element");
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |i| start + i);
    unescape(&html[start..end])
}

struct Written {
    collection: String,
    slug: String,
    shown: Vec<Vec<String>>,
    lang: Option<String>,
    alias: Option<String>,
}

fn write_entry(
    site: &TestSite,
    values: &mut Values<'_>,
    c: &CollectionConfig,
    slug: &str,
    selection: &Selection,
) -> Written {
    values.wanted = c
        .fields
        .values()
        .flat_map(|def| def.required_if.clone())
        .collect();
    let (mut table, shown) = values.table(&c.fields, selection, &c.require_one_of);
    let mut lang = None;
    let mut alias = None;
    // Real values where the generated ones would not be valid.
    if table.contains_key("draft") {
        table.insert("draft".into(), Toml::Boolean(false));
    }
    if table.contains_key("lang") {
        table.insert("lang".into(), Toml::String("en-JM".into()));
        lang = Some("en-JM".to_string());
    }
    if table.contains_key("aliases") {
        let old = format!("/old/{}/{slug}/", c.name);
        table.insert(
            "aliases".into(),
            Toml::Array(vec![Toml::String(old.clone())]),
        );
        alias = Some(old);
    }
    for file in table
        .values()
        .filter_map(Toml::as_str)
        .filter(|s| s.starts_with("/documents/"))
    {
        site.write(&format!("static{file}"), "%PDF-1.4\n");
    }
    let front_matter = toml::to_string(&table).unwrap();
    site.write(
        &format!("content/{}/{slug}.md", c.name),
        &format!("+++\n{front_matter}+++\n\nThe body of a generated entry.\n"),
    );
    Written {
        collection: c.name.clone(),
        slug: slug.to_string(),
        shown,
        lang,
        alias,
    }
}

/// Lower-case letters and digits only: "E-discussion" shows "ediscussion".
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[test]
fn entries_with_required_some_or_every_field_render_what_they_were_given() {
    let site = TestSite::sample_hub();
    let loaded = site
        .load()
        .unwrap_or_else(|p| panic!("the sample hub loads: {p:?}"));
    let mut values = Values {
        site: &loaded,
        count: 0,
        wanted: Vec::new(),
    };
    let mut written = Vec::new();
    for c in &loaded.config.collections {
        written.push(write_entry(
            &site,
            &mut values,
            c,
            "only-required",
            &Selection::Required,
        ));
        written.push(write_entry(
            &site,
            &mut values,
            c,
            "every-field",
            &Selection::Every,
        ));
        // One optional field at a time: a template must not assume that
        // one optional field comes with another.
        for one in each_optional_field(&c.fields) {
            let Selection::One(path, _) = &one else {
                continue;
            };
            let slug = format!("only-{}", path.join("-").replace('_', "-"));
            written.push(write_entry(&site, &mut values, c, &slug, &one));
        }
    }
    assert!(
        loaded.config.collections.len() >= 7,
        "every sample collection, pages included"
    );
    assert!(written.len() > 100, "{} entries", written.len());
    site.build_ok();

    let mut missing = Vec::new();
    for w in &written {
        let folder = if w.collection == PAGES {
            w.slug.clone()
        } else {
            let path = &loaded.config.collection(&w.collection).unwrap().path;
            format!("{}{}", path.trim_start_matches('/'), w.slug)
        };
        let html = site.page(&format!("{folder}/index.html"));
        let main = main_content(&html);
        let main_letters = letters(&main);
        for texts in &w.shown {
            let found = texts[1..]
                .iter()
                .any(|t| main.contains(t.as_str()) || main_letters.contains(&letters(t)));
            if !found {
                missing.push(format!("{}/{}: {texts:?}", w.collection, w.slug));
            }
        }
        if let Some(lang) = &w.lang {
            assert!(
                html.contains(&format!("lang=\"{lang}\"")),
                "{folder}: lang {lang}"
            );
        }
        if let Some(alias) = &w.alias {
            assert!(site.exists(&format!("{}index.html", alias.trim_start_matches('/'))));
        }
    }
    assert!(
        missing.is_empty(),
        "values not shown on their pages:\n{}",
        missing.join("\n")
    );
}
