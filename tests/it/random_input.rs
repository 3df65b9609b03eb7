//! No input makes `check` or `build` panic: random and adversarial bytes,
//! written as entries, as `site.toml` and as vocabulary files of the sample
//! hub, either build or fail with problems that print in every format. The
//! inputs come from a fixed seed, so a failure can be replayed; the real
//! binary runs on some of them to show the exit code is 0 or 1, never 101.

mod inputs;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use calabash::build::{BuildOptions, build};
use calabash::check::{CheckOptions, check};
use calabash::core::diagnostics::Diagnostic;
use calabash::report::{Format, format};
use calabash::site::SiteOptions;

use crate::support;
use crate::support::site::TestSite;
use inputs::{PIECES, Rng, mutate, random_bytes, variant};

fn files_under(dir: &Path, extension: &str) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == extension))
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    found.sort();
    found
}

/// Every way a problem is printed: for people (plain and coloured), as
/// annotations and as JSON.
fn print_all(problems: &[Diagnostic]) {
    for (how, color) in [
        (Format::Human, false),
        (Format::Human, true),
        (Format::Github, false),
        (Format::Json, false),
    ] {
        let text = format(problems, how, "site/", color);
        assert!(problems.is_empty() || !text.is_empty());
    }
}

/// Checks and builds the site in process: `Ok(true)` when it built,
/// `Err(what)` when something panicked.
fn check_and_build(site: &TestSite, what: &str) -> Result<bool, String> {
    let root = site.root.clone();
    let options = SiteOptions::default();
    let run = catch_unwind(AssertUnwindSafe(|| {
        let report = check(&CheckOptions {
            root: root.clone(),
            site: options.clone(),
            external_links: None,
        });
        print_all(&report.problems.sorted());
        let built = build(&BuildOptions {
            root: root.clone(),
            output: root.join("public"),
            site: options.clone(),
            progress: false,
        });
        match built {
            Ok(_) => true,
            Err(problems) => {
                assert!(problems.has_errors(), "a failed build names an error");
                print_all(&problems.sorted());
                false
            }
        }
    }));
    run.map_err(|_| what.to_string())
}

/// Runs `check_and_build`, noting a panic in `panics`; true when it built.
fn built(site: &TestSite, what: &str, panics: &mut Vec<String>) -> bool {
    check_and_build(site, what).unwrap_or_else(|what| {
        panics.push(what);
        false
    })
}

/// The real binary on the site: exit code 0 or 1, never a panic's 101.
fn assert_binary_exits_cleanly(site: &TestSite, what: &str) {
    for args in [
        vec!["check"],
        vec!["check", "--format", "github"],
        vec!["build"],
    ] {
        let out = support::cli::calabash_on(&site.root, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)) && !stderr.contains("panicked"),
            "{what}: `calabash {}` exited with {:?}:\n{stderr}",
            args.join(" "),
            out.status.code()
        );
    }
}

fn describe(path: &str, bytes: &[u8]) -> String {
    let shown: String = String::from_utf8_lossy(bytes).chars().take(400).collect();
    format!("{path}: {shown:?}")
}

#[test]
fn random_entries_never_panic_check_or_build() {
    let mut rng = Rng(0x00ca_1aba_5001);
    let site = TestSite::sample_hub();
    let entries = files_under(&site.root.join("content"), "md");
    let seeds: Vec<(String, Vec<u8>)> = entries
        .iter()
        .map(|rel| {
            (
                rel.clone(),
                std::fs::read(site.root.join("content").join(rel)).unwrap(),
            )
        })
        .collect();
    let mut panics = Vec::new();
    for round in 0..10 {
        let mut written = Vec::new();
        let mut paths = Vec::new();
        for n in 0..16 {
            let (rel, seed) = rng.pick(&seeds);
            let path = format!("content/{}/fuzz-{n}.md", folder_of(rel));
            let bytes = variant(seed, &mut rng);
            site.write_bytes(&path, &bytes);
            written.push(describe(&path, &bytes));
            paths.push(path);
        }
        // An existing entry changed in place: references to it may break.
        let (rel, seed) = rng.pick(&seeds);
        let edited = mutate(seed, &mut rng);
        site.write_bytes(&format!("content/{rel}"), &edited);
        written.push(describe(rel, &edited));
        built(&site, &written.join("\n"), &mut panics);
        if round % 5 == 0 {
            assert_binary_exits_cleanly(&site, &format!("entries, round {round}"));
        }
        site.write_bytes(&format!("content/{rel}"), seed);
        for path in &paths {
            std::fs::remove_file(site.root.join(path)).ok();
        }
    }
    assert!(panics.is_empty(), "panicked on:\n{}", panics.join("\n\n"));
}

/// One odd piece inserted into one entry at a time: often still a valid
/// site, so the pages, feeds, calendars and index get built from it.
#[test]
fn entries_with_one_odd_piece_never_panic_and_often_build() {
    let mut rng = Rng(0x0dd_9ece);
    let site = TestSite::sample_hub();
    let mut panics = Vec::new();
    let mut builds = 0;
    let rounds = 16;
    for _ in 0..rounds {
        let rel = format!(
            "content/{}",
            rng.pick(&files_under(&site.root.join("content"), "md"))
        );
        let seed = std::fs::read_to_string(site.root.join(&rel)).unwrap();
        // Inside a quoted value or in the body, where most pieces are legal.
        let quotes: Vec<usize> = seed.match_indices("= \"").map(|(i, _)| i + 3).collect();
        let at = match rng.below(2) {
            0 if !quotes.is_empty() => *rng.pick(&quotes),
            _ => seed.len(),
        };
        let mut text = seed.clone();
        let piece: &str = PIECES[rng.below(PIECES.len())];
        text.insert_str(at, piece);
        site.write(&rel, &text);
        builds += usize::from(built(&site, &describe(&rel, text.as_bytes()), &mut panics));
        site.write(&rel, &seed);
    }
    assert!(panics.is_empty(), "panicked on:\n{}", panics.join("\n\n"));
    assert!(
        builds >= rounds / 4,
        "only {builds} of {rounds} sites built"
    );
}

fn folder_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(folder, _)| folder)
}

#[test]
fn random_site_settings_never_panic_check_or_build() {
    let mut rng = Rng(0x5173_7041);
    let site = TestSite::sample_hub();
    let seed = std::fs::read(site.root.join("site.toml")).unwrap();
    let mut panics = Vec::new();
    for round in 0..30 {
        let bytes = if round % 10 == 9 {
            random_bytes(&mut rng)
        } else {
            mutate(&seed, &mut rng)
        };
        site.write_bytes("site.toml", &bytes);
        built(&site, &describe("site.toml", &bytes), &mut panics);
        if round % 10 == 0 {
            assert_binary_exits_cleanly(&site, &format!("site.toml, round {round}"));
        }
    }
    assert!(panics.is_empty(), "panicked on:\n{}", panics.join("\n\n"));
}

#[test]
fn random_vocabularies_never_panic_check_or_build() {
    let mut rng = Rng(0x7a40_0001);
    let site = TestSite::sample_hub();
    let dir = site.root.join("content/_taxonomies");
    let seeds: Vec<(String, Vec<u8>)> = files_under(&dir, "toml")
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            (name, bytes)
        })
        .collect();
    let mut panics = Vec::new();
    for round in 0..24 {
        let (name, seed) = rng.pick(&seeds);
        let path = format!("content/_taxonomies/{name}");
        let bytes = variant(seed, &mut rng);
        site.write_bytes(&path, &bytes);
        built(&site, &describe(&path, &bytes), &mut panics);
        if round % 8 == 0 {
            assert_binary_exits_cleanly(&site, &format!("vocabularies, round {round}"));
        }
        site.write_bytes(&path, seed);
    }
    assert!(panics.is_empty(), "panicked on:\n{}", panics.join("\n\n"));
}

#[test]
fn files_without_front_matter_starting_with_any_character_fail_cleanly() {
    let site = TestSite::sample_hub();
    let firsts = [
        "\u{feff}",
        "É",
        "😀",
        "\u{85}",
        "中",
        "\u{1}",
        "\u{10ffff}",
        "e\u{301}",
    ];
    for (n, first) in firsts.iter().enumerate() {
        site.write(
            &format!("content/library/odd-{n}.md"),
            &format!("{first}text\n"),
        );
    }
    let report = check(&CheckOptions {
        root: site.root.clone(),
        site: SiteOptions::default(),
        external_links: None,
    });
    let problems = report.problems.sorted();
    print_all(&problems);
    for n in 0..firsts.len() {
        let path = format!("content/library/odd-{n}.md");
        let found = problems.iter().find(|d| d.path == path).expect("reported");
        assert_eq!((found.line, found.column), (1, 1), "{}", found.headline());
        assert!(found.render(false).contains("front matter"));
    }
    assert_binary_exits_cleanly(&site, "files without front matter");
}
