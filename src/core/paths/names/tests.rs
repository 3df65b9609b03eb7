//! Tests of the output path checks on hostile segments, escapes, reserved
//! folders and names that are one file on macOS and Windows.

use super::*;

/// Segments that must never become a name in the output folder, written as
/// a person could write them in `site.toml` or front matter.
const HOSTILE_SEGMENTS: &[&str] = &[
    ".",
    "..",
    "%2e",
    "%2E",
    "%2e%2e",
    "%2E%2E",
    "%2e%2E",
    ".%2e",
    "%2e.",
    "%252e%252e",
    "%252E%252E",
    "%25252e%25252e",
    "a%2f..",
    "a%2F..",
    "%2f",
    "%252f",
    "%5c",
    "%5C",
    "..%5c..",
    "%00",
    "%0a",
    "%0D",
    "%7f",
    "%c2%85",
    "a%09b",
    ".git",
    "%2egit",
    "%2Egit",
    ".well-known",
    ".calabash-output",
    "con",
    "CON",
    "nul.html",
    "Lpt1",
    "com9.txt",
    "a.",
    "a%20",
    "a%2e",
    "a%3ab",
    "a%3Fb",
    "a%2ab",
    "a%7cb",
    "a%3cb",
    "a%22b",
    "%",
    "%zz",
    "%4",
    "%c0%ae%c0%ae",
];

/// Characters refused in a written path even before decoding.
const HOSTILE_CHARACTERS: &[&str] = &[
    "\\", "\0", "\n", "\r", "\t", "\u{7f}", "\u{85}", "\u{2028}", " ", "?", "#", ":", "*", "|",
    "<", ">", "\"", "'", "&", "+", "=", ";", ",", "@", "$", "!", "(", "[", "{",
];

fn placements(segment: &str) -> Vec<String> {
    vec![
        format!("/{segment}/"),
        format!("/{segment}"),
        format!("/a/{segment}/"),
        format!("/a/{segment}/b/"),
        format!("/a/{segment}"),
    ]
}

#[test]
fn hostile_segments_are_refused_anywhere_in_a_path() {
    let mut passed = Vec::new();
    for segment in HOSTILE_SEGMENTS {
        for path in placements(segment) {
            if check_site_path(&path).is_ok() {
                passed.push(path);
            }
        }
    }
    assert!(passed.is_empty(), "accepted: {passed:#?}");
}

#[test]
fn hostile_characters_are_refused_anywhere_in_a_path() {
    let mut passed = Vec::new();
    for c in HOSTILE_CHARACTERS {
        for segment in [
            c.to_string(),
            format!("a{c}"),
            format!("{c}b"),
            format!("a{c}b"),
        ] {
            for path in placements(&segment) {
                if check_site_path(&path).is_ok() {
                    passed.push(path);
                }
            }
        }
    }
    assert!(passed.is_empty(), "accepted: {passed:#?}");
}

#[test]
fn paths_that_leave_the_root_or_name_another_host_are_refused() {
    for path in [
        "",
        "a/",
        "old/path/",
        "//evil.org/",
        "///",
        "/a//b/",
        "//",
        "\\\\host\\share",
        "C:/x/",
        "/C:/x/",
        "~/x/",
    ] {
        assert!(check_site_path(path).is_err(), "{path:?} was accepted");
    }
}

#[test]
fn plain_paths_pass() {
    for path in [
        "/",
        "/old/path/",
        "/old/page.html",
        "/a_b-c~d%20e/",
        "/caf%C3%A9/",
        "/práctica/",
        "/v1.2/",
        "/a/b/c/d/e/",
        "/100%25/",
        "/console/",
    ] {
        assert_eq!(check_site_path(path), Ok(()), "{path}");
    }
    let long = format!("/{}/", "a".repeat(255));
    assert_eq!(check_site_path(&long), Ok(()));
    let too_long = format!("/{}/", "a".repeat(256));
    assert!(check_site_path(&too_long).is_err());
}

#[test]
fn reasons_say_what_is_wrong() {
    let reason = |path: &str| check_site_path(path).unwrap_err().reason;
    assert_eq!(reason("/../x/"), "it has a `..` segment");
    assert_eq!(reason("/%2e%2E/x/"), "it has a `..` segment once decoded");
    assert_eq!(reason("/a%2fb/"), "it contains `/` once decoded");
    assert_eq!(reason("/a//b/"), "it has an empty segment (`//`)");
    assert_eq!(
        reason("/.git/"),
        "`.git` is a hidden name (starting with `.`)"
    );
    assert_eq!(reason("/a\\b/"), "it contains `\\`");
    assert_eq!(reason("/a\u{1}b/"), "it contains the character U+0001");
}

#[test]
fn output_files_under_the_preview_and_search_folders_are_refused() {
    for rel in [
        "__calabash/index.html",
        "__CALABASH/live.js",
        "__calabash",
        "search/index/words",
        "Search/Index/index.html",
        "search/index",
    ] {
        assert!(check_output_file(rel).is_err(), "{rel}");
    }
    for rel in [
        "search/index.html",
        "search/indexes/index.html",
        "__calabash2/index.html",
        "a/index.html",
        "robots.txt",
    ] {
        assert_eq!(check_output_file(rel), Ok(()), "{rel}");
    }
}

#[test]
fn output_files_are_checked_name_by_name() {
    for rel in [
        "",
        "/abs",
        "a//b",
        "a/../b",
        "./a",
        ".hidden/x",
        "a/.git/config",
        "a\\b",
        "a/b\u{0}",
        "nul/index.html",
    ] {
        assert!(check_output_file(rel).is_err(), "{rel:?}");
    }
}

#[test]
fn collision_keys_fold_case_and_unicode_forms() {
    let same = [
        ("about/index.html", "About/index.html"),
        ("ABOUT/INDEX.HTML", "about/index.html"),
        ("caf\u{e9}/index.html", "cafe\u{301}/index.html"),
        ("CAF\u{c9}/index.html", "cafe\u{301}/index.html"),
        ("\u{fb01}le/index.html", "file/index.html"),
        ("\u{ff21}/index.html", "a/index.html"),
        ("\u{212b}/index.html", "\u{e5}/index.html"),
    ];
    for (a, b) in same {
        assert_eq!(collision_key(a), collision_key(b), "{a} vs {b}");
    }
    assert_ne!(collision_key("a/index.html"), collision_key("b/index.html"));
}

#[test]
fn writers_accept_only_plain_relative_paths() {
    for rel in [
        "index.html",
        "a/b/index.html",
        "search/index/x",
        "caf\u{e9}.css",
    ] {
        assert!(is_plain_relative(rel), "{rel}");
    }
    for rel in [
        "",
        "/etc/passwd",
        "../x",
        "a/../../x",
        "./x",
        "a/./x",
        "a//b",
        "a/",
        "a\\..\\x",
        "a\u{0}b",
        "..",
    ] {
        assert!(!is_plain_relative(rel), "{rel:?}");
    }
}

#[test]
fn decoding_is_strict() {
    assert_eq!(decode("a%20b").as_deref(), Some("a b"));
    assert_eq!(decode("caf%C3%A9").as_deref(), Some("caf\u{e9}"));
    assert_eq!(decode("%"), None);
    assert_eq!(decode("%g1"), None);
    assert_eq!(decode("%ff"), None);
}

#[test]
fn aliases_are_folders_or_html_pages() {
    for good in [
        "/old/path/",
        "/old/path",
        "/old/page.html",
        "/old/PAGE.HTM",
        "/a_b-c~d%20e/",
        "/v1.2/",
    ] {
        assert_eq!(check_alias(good), Ok(()), "{good}");
    }
    for bad in [
        "old/",
        "//evil.org/",
        "/a b/",
        "/x?y",
        "/x#y",
        "/../etc/",
        "/a//b/",
        "/a\\b",
        "/./x",
        "/feed.xml",
        "/atom.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/syntax.css",
        "/old/x.php",
        "/x%2exml",
        "/v1.2",
        "/.git/",
        "/%2e%2e/x/",
        "/%2F%2Fevil.org/",
    ] {
        assert!(check_alias(bad).is_err(), "{bad}");
    }
}
