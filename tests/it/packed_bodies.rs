//! Rendered bodies wait for their entry pages packed (compressed): what
//! comes out of the pack is byte for byte the HTML the body was rendered
//! as, whatever it holds, and the built entry page shows exactly that.

use calabash::config;
use calabash::markdown::render;
use calabash::site::{SiteOptions, load_site};

use crate::support::{cli, repo};

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://example.org\"\n\
    [collections.library]\ntitle = \"Library\"\nurl = \"/resources/\"\n";

/// Bodies with what the renderer changes most: highlighted code, footnotes,
/// heading anchors (repeated titles too), tables, raw HTML, links to
/// entries, text in several scripts, nothing at all, and a body far larger
/// than any compression window.
fn bodies() -> Vec<String> {
    let mut bodies = vec![
        String::new(),
        "```rust\nfn main() { println!(\"<hi> & bye\"); }\n```\n\n```python\nprint('x')\n```\n"
            .to_string(),
        "A claim.[^src] Another.[^2]\n\n[^src]: The source.\n[^2]: Second.\n".to_string(),
        "# Title\n\n## Part\n\n## Part\n\n### Écoles du Pays\n\n## Part {#own-id}\n".to_string(),
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] to do\n\n~~old~~ \"new\"\n"
            .to_string(),
        "<div class=\"x\" onclick=\"steal()\">raw <script>bad()</script></div>\n\n<b>bold</b>\n"
            .to_string(),
        "See [the guide](@/library/guide.md#part) and [away](https://example.com/a?b=c&d).\n"
            .to_string(),
        "Ñandú, школа, 学校, مدرسة, स्कूल, 🏫🌍 — “quotes” … end\n".to_string(),
    ];
    let mut long = String::new();
    for i in 0..3_000 {
        long.push_str(&format!(
            "## Section {i}\n\nParagraph {i} of a long body, «{i}».\n\n"
        ));
    }
    bodies.push(long);
    bodies
}

#[test]
fn a_packed_body_unpacks_to_the_html_it_was_rendered_as() {
    let config = config::parse(CONFIG, None).expect("valid config");
    for body in bodies() {
        let rendered = render(&body, 0, &config);
        let mut packed = rendered.clone();
        packed.pack();
        assert!(packed.html.is_empty(), "the full HTML is let go");
        assert_eq!(packed.body_html(), rendered.html, "body:\n{body}");
        packed.pack();
        assert_eq!(packed.body_html(), rendered.html, "packed twice:\n{body}");
        assert_eq!(rendered.body_html(), rendered.html, "unpacked");
        assert_eq!(packed.toc, rendered.toc);
        assert_eq!(packed.anchors, rendered.anchors);
        assert_eq!(packed.word_count, rendered.word_count);
        assert_eq!(packed.has_code, rendered.has_code);
    }
}

#[test]
fn a_body_taken_for_its_page_is_let_go_of_once_packed() {
    let config = config::parse(CONFIG, None).expect("valid config");
    for body in bodies() {
        let rendered = render(&body, 0, &config);
        // Unpacked (the preview, `check`), it stays.
        assert_eq!(rendered.take_body_html(), rendered.html);
        assert_eq!(rendered.body_html(), rendered.html);
        let mut packed = rendered.clone();
        packed.pack();
        let copy = packed.clone();
        assert_eq!(packed.take_body_html(), rendered.html, "body:\n{body}");
        assert_eq!(packed.body_html(), "", "let go of");
        assert_eq!(packed.take_body_html(), "");
        assert_eq!(copy.body_html(), rendered.html, "a copy keeps its own");
        assert_eq!(packed.toc, rendered.toc, "the rest stays");
    }
}

#[test]
fn entry_pages_show_each_body_as_rendered_from_its_file() {
    let (site, _) = load_site(&repo(), &SiteOptions::default()).expect("the sample hub loads");
    let tmp = tempfile::tempdir().unwrap();
    let out = cli::build_sample_hub(tmp.path());
    let mut with_code = 0;
    for (id, entry) in site.entries_with_ids() {
        let fresh = render(&entry.body_text(), entry.body.start, &site.config);
        assert_eq!(
            site.body(id).body_html(),
            fresh.html,
            "{}",
            entry.source.path
        );
        let page = out
            .join(site.entry_path(id).trim_start_matches('/'))
            .join("index.html");
        let page = std::fs::read_to_string(&page).expect("every entry has a page");
        assert!(page.contains(&fresh.html), "{}", entry.source.path);
        with_code += usize::from(fresh.has_code);
    }
    assert!(with_code > 0, "the sample hub has highlighted code");
}
