//! The language of pages (WCAG 3.1.1 and 3.1.2): every page is in the
//! interface's language, the site's `language`, whatever its entry's; an
//! entry in another language marks its own title, summary and body with
//! `lang`, wherever they are shown: its page, lists, references, similar
//! entries, feeds and search results.

use std::io::Read;

use crate::support::{files::html_files, site::TestSite};

const SPANISH: &str = "+++\ntitle = \"Manglares en la escuela\"\nsummary = \"Los alumnos plantan manglares.\"\n\
    date = 2031-03-01\nlang = \"es\"\nstatus = \"open\"\n+++\n\n\
    ## Contexto\n\nLos alumnos plantaron manglares mangrove seedlings erosion.\n";
const ENGLISH: &str = "+++\ntitle = \"Mangrove seedlings at school\"\nsummary = \"Pupils plant mangroves.\"\n\
    date = 2031-03-02\nstatus = \"open\"\ncontacts = [\"ana-lopez\"]\n+++\n\n\
    Pupils planted mangrove seedlings against erosion; see [the Spanish note](@/notes/manglares.md).\n";
const EXPERT: &str = "+++\ntitle = \"Ana López\"\nsummary = \"Especialista en educación ambiental.\"\n\
    date = 2025-01-01\nlang = \"es\"\nname = \"Ana López\"\ncountry = \"JM\"\n+++\n\nTrabaja con escuelas.\n";

fn site() -> TestSite {
    let site = TestSite::fixture("valid-basic").with_hub_theme();
    site.write("content/notes/manglares.md", SPANISH);
    site.write("content/notes/mangrove-seedlings.md", ENGLISH);
    site.write("content/experts/ana-lopez.md", EXPERT);
    site.build_ok();
    site
}

/// Every tag of `html` that has a `lang` attribute, with its value.
fn lang_tags(html: &str) -> Vec<(String, String)> {
    html.split('<')
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>')?];
            let at = tag.find(" lang=\"")?;
            let value = &tag[at + 7..];
            let name = tag.split([' ', '\n']).next()?.to_string();
            Some((name, value[..value.find('"')?].to_string()))
        })
        .collect()
}

#[test]
fn every_page_is_in_the_interface_language() {
    let site = site();
    for file in html_files(&site.output()) {
        let page = site.page(&file);
        if page.contains("http-equiv=\"refresh\"") {
            continue; // alias redirects
        }
        assert!(page.contains("<html lang=\"en\">"), "{file}");
    }
}

#[test]
fn an_entry_in_another_language_marks_its_own_content() {
    let site = site();
    let page = site.page("notes/manglares/index.html");
    let marked = lang_tags(&page);
    assert_eq!(
        marked[..4],
        [
            ("html".to_string(), "en".to_string()),
            ("h1".to_string(), "es".to_string()),
            ("p".to_string(), "es".to_string()),
            ("div".to_string(), "es".to_string()),
        ],
        "{page}"
    );
    // Then only links to other entries in Spanish (similar entries).
    assert!(
        marked[4..]
            .iter()
            .all(|(tag, lang)| tag == "a" && lang == "es"),
        "{marked:?}"
    );
    assert!(page.contains("<h1 lang=\"es\">Manglares en la escuela</h1>"));
    assert!(page.contains("<p class=\"lead\" lang=\"es\">Los alumnos plantan manglares.</p>"));
    assert!(page.contains("<div class=\"entry-body\" lang=\"es\">"));
    // The labels around it stay in the interface's language, unmarked.
    assert!(page.contains("Published <time"), "{page}");

    // An entry in the site's language marks nothing but the page.
    let page = site.page("notes/mangrove-seedlings/index.html");
    let marked: Vec<(String, String)> = lang_tags(&page)
        .into_iter()
        .filter(|(tag, _)| tag != "html")
        .collect();
    // Only what names the Spanish entries: the reference, and (if listed) the
    // similar entry.
    assert!(!marked.is_empty(), "{page}");
    assert!(
        marked.iter().all(|(tag, lang)| tag == "a" && lang == "es"),
        "{marked:?}"
    );
    assert!(
        page.contains("<a class=\"ref\" href=\"/experts/ana-lopez/\" lang=\"es\">Ana López</a>"),
        "{page}"
    );
}

#[test]
fn lists_mark_the_titles_and_summaries_of_entries_in_other_languages() {
    let site = site();
    let list = site.page("notes/index.html");
    assert!(
        list.contains("<h3 class=\"card-title\" lang=\"es\"><a href=\"/notes/manglares/\">Manglares en la escuela</a></h3>"),
        "{list}"
    );
    assert!(
        list.contains("<p class=\"card-summary\" lang=\"es\">Los alumnos plantan manglares.</p>")
    );
    assert!(list.contains("<h3 class=\"card-title\"><a href=\"/notes/mangrove-seedlings/\">"));
    // The Spanish entry's page lists what refers to it, in English: unmarked.
    let page = site.page("notes/manglares/index.html");
    assert!(
        page.contains("<a href=\"/notes/mangrove-seedlings/\">Mangrove seedlings at school</a>"),
        "{page}"
    );
    // The expert directory too.
    let directory = site.page("experts/index.html");
    assert!(
        directory.contains("<h3 class=\"card-title\" lang=\"es\"><a href=\"/experts/ana-lopez/\">"),
        "{directory}"
    );
    // Similar entries: the two notes share their telling words.
    let similar = site.page("notes/mangrove-seedlings/index.html");
    let at = similar
        .find("id=\"similar-heading\"")
        .expect("similar entries");
    let section = &similar[at..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(
        section.contains("<a href=\"/notes/manglares/\" lang=\"es\">Manglares en la escuela</a>"),
        "{section}"
    );
}

#[test]
fn feeds_and_search_results_say_each_entry_language() {
    let site = site();
    let feed = site.page("notes/atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let root = doc.root_element();
    let xml = "http://www.w3.org/XML/1998/namespace";
    assert_eq!(root.attribute((xml, "lang")), Some("en"));
    for entry in root.children().filter(|n| n.has_tag_name("entry")) {
        let title = entry
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap();
        let expected = if title == "Manglares en la escuela" {
            "es"
        } else {
            "en"
        };
        assert_eq!(entry.attribute((xml, "lang")), Some(expected), "{title}");
    }

    // Each document of the exported search index ends with its language
    // when it is not the site's.
    let dir = site.output().join("search/index");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let mut rows = Vec::new();
    for (n, block) in manifest["blocks"].as_array().unwrap().iter().enumerate() {
        let name = format!("d{n}-{}.json", block.as_str().unwrap());
        let mut text = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(dir.join(name)).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        let block: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        rows.extend(block);
    }
    let lang_of = |key: &str| {
        rows.iter()
            .find(|row| row[0] == key)
            .map(|row| row[7].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no document {key}"))
    };
    assert_eq!(lang_of("notes/manglares"), "es");
    assert_eq!(lang_of("experts/ana-lopez"), "es");
    assert_eq!(lang_of("notes/mangrove-seedlings"), "");
    assert!(rows.iter().all(|row| row.as_array().unwrap().len() == 8));

    // The search page's script marks such results with it.
    // The search page's script marks such results with it, where it is not
    // the page's.
    let script = site.page("search/search-page.js");
    assert!(
        script.contains("const otherLang = hit.lang && hit.lang !== pageLang ? hit.lang : \"\";")
    );
    assert!(script.contains("if (otherLang) link.lang = otherLang;"));
}
