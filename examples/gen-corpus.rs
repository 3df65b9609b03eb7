//! Synthetic corpus generator for Calabash: writes a complete, valid hub
//! (site.toml, taxonomies, theme, thousands of entries across all six
//! collections, free pages) to stress-test and benchmark `calabash build`,
//! `check`, `serve` and search on realistic volumes of content.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --entries 10000 DIR
//! ```
//!
//! Options: `--entries N` (default 1000), `--seed N` (default 42; the same
//! seed always gives the same corpus), `--force` (delete DIR first),
//! `--translated PCT` (that percentage of entries also in Spanish, as
//! `<slug>.es.md` beside the original with `lang = "es"`, and
//! `[languages.es]` in site.toml), `--translations-as-entries` (write them
//! as entries of their own, `<slug>-es.md`, for a Calabash without
//! translations), `--shape one-collection` (one expert and every other
//! entry in the library, all with the same few terms, nearly all
//! recommended by that expert; the default, `mixed`, spreads entries over
//! every collection).
//! site.toml, `content/_taxonomies/` and `themes/` are copied from this
//! repository; every generated entry follows the schemas in site.toml and
//! only uses existing terms, refs and heading anchors.

#[path = "gen_corpus/front.rs"]
mod front;
#[path = "gen_corpus/plan.rs"]
mod plan;
#[path = "gen_corpus/prose.rs"]
mod prose;
#[path = "gen_corpus/rng.rs"]
mod rng;
#[path = "gen_corpus/translate.rs"]
pub mod translate;
#[rustfmt::skip]
#[path = "gen_corpus/words.rs"]
mod words;

use front::Tax;
pub use plan::Shape;
use plan::{COLLECTIONS, Entry, Plan};
use rng::{Date, Rng};
use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const USAGE: &str = "usage: gen-corpus [--entries N] [--seed N] [--force] \
    [--translated PCT [--translations-as-entries]] [--shape mixed|one-collection] DIR";

/// Taxonomies the collections of site.toml refer to.
const TAXONOMIES: [&str; 6] = [
    "topics",
    "countries",
    "levels",
    "resource_types",
    "audiences",
    "languages",
];

/// What to generate; tests include this file to write corpora of their own.
pub struct Args {
    pub entries: usize,
    pub seed: u64,
    pub force: bool,
    pub dir: PathBuf,
    /// Percentage of entries also written in Spanish.
    pub translated: u64,
    pub translation_files: translate::Files,
    pub shape: Shape,
}

fn main() {
    if let Err(e) = parse_args().and_then(|args| run(&args)) {
        eprintln!("gen-corpus: {e}");
        std::process::exit(1);
    }
}

fn parse_args() -> Result<Args, String> {
    let (mut entries, mut seed, mut force, mut dir) = (1000, 42, false, None);
    let (mut translated, mut translation_files) = (0, translate::Files::Translations);
    let mut shape = Shape::Mixed;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            let v = args
                .next()
                .ok_or(format!("{name} needs a value\n{USAGE}"))?;
            v.parse::<u64>()
                .map_err(|_| format!("{name} wants a whole number, not {v:?}"))
        };
        match arg.as_str() {
            "--entries" => entries = value("--entries")? as usize,
            "--seed" => seed = value("--seed")?,
            "--force" => force = true,
            "--translated" => translated = value("--translated")?.min(100),
            "--translations-as-entries" => translation_files = translate::Files::Entries,
            "--shape" => {
                let name = args.next().unwrap_or_default();
                shape = Shape::parse(&name)
                    .ok_or(format!("--shape is mixed or one-collection, not {name:?}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}\n{USAGE}")),
            _ if dir.is_some() => return Err(format!("only one DIR, please\n{USAGE}")),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let dir = dir.ok_or(format!("missing DIR\n{USAGE}"))?;
    Ok(Args {
        entries,
        seed,
        force,
        dir,
        translated,
        translation_files,
        shape,
    })
}

fn io<T>(r: std::io::Result<T>, what: &str, path: &Path) -> Result<T, String> {
    r.map_err(|e| format!("cannot {what} {}: {e}", path.display()))
}

/// Writes the corpus `args` describes.
pub fn run(args: &Args) -> Result<(), String> {
    // Check everything that is copied from the repository before touching DIR.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site_src = repo.join("site.toml");
    let site = io(fs::read_to_string(&site_src), "read", &site_src)?;
    let (tax_src, themes) = (repo.join("content/_taxonomies"), repo.join("themes"));
    for (folder, what) in [(&tax_src, "taxonomies"), (&themes, "theme")] {
        if !folder.is_dir() {
            let folder = folder.display();
            return Err(format!(
                "{folder} is missing: the corpus needs the hub's {what}"
            ));
        }
    }
    let tax = load_taxonomies(&tax_src)?;

    let dir = &args.dir;
    prepare_dir(dir, repo, args.force)?;
    let translations =
        args.translated > 0 && args.translation_files == translate::Files::Translations;
    let other = translations.then_some(translate::LANG.0);
    let site = site_toml(&site, args.entries, other);
    write(&dir.join("site.toml"), &site)?;
    copy_dir(&tax_src, &dir.join("content/_taxonomies"))?;
    copy_dir(&themes, &dir.join("themes"))?;

    let plan = Plan::new(args.entries, &mut Rng::new(args.seed), args.shape);
    for (name, _) in COLLECTIONS {
        let d = dir.join("content").join(name);
        io(fs::create_dir_all(&d), "create", &d)?;
    }
    let documents = dir.join("static/documents");
    io(fs::create_dir_all(&documents), "create", &documents)?;
    let mut buf = String::with_capacity(64 * 1024);
    for (i, e) in plan.entries.iter().enumerate() {
        let mut rng = Rng::derive(args.seed, i as u64);
        buf.clear();
        let file = front::front_matter(&mut buf, e, &plan, &tax, &mut rng);
        let front_end = buf.len();
        prose::body(&mut rng, &plan, e, &mut buf);
        let folder = dir.join("content").join(COLLECTIONS[e.coll].0);
        write(&folder.join(format!("{}.md", e.slug)), &buf)?;
        if translate::chosen(args.seed, i, args.translated) {
            let (name, text) = translate::translation(
                &mut rng,
                (&e.slug, &buf[..front_end]),
                (e.words, e.headings.len()),
                args.translation_files,
            );
            write(&folder.join(name), &text)?;
        }
        if let Some(file) = file {
            let pdf = "%PDF-1.4\n% Placeholder document written by gen-corpus.\n%%EOF\n";
            write(&dir.join("static").join(file.trim_start_matches('/')), pdf)?;
        }
    }
    write_pages(dir, &plan, args.seed)?;
    println!("Wrote {} entries to {}", plan.entries.len(), dir.display());
    Ok(())
}

/// Creates `dir`, refusing to touch a non-empty one unless `force`.
fn prepare_dir(dir: &Path, repo: &Path, force: bool) -> Result<(), String> {
    let non_empty = fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if non_empty && !force {
        return Err(format!(
            "{} exists and is not empty; pass --force to delete it and start again",
            dir.display()
        ));
    }
    if dir.exists() {
        let canonical = io(dir.canonicalize(), "resolve", dir)?;
        if repo.canonicalize().is_ok_and(|r| r.starts_with(&canonical)) {
            return Err(format!(
                "refusing to delete {}: it contains this repository",
                dir.display()
            ));
        }
        if !dir.is_dir() {
            return Err(format!("{} exists and is not a folder", dir.display()));
        }
        io(fs::remove_dir_all(dir), "delete", dir)?;
    }
    io(fs::create_dir_all(dir), "create", dir)
}

/// The repository's site.toml with a synthetic title and the corpus base
/// URL, publishing English and `other` (the language of the translations)
/// only: the sample hub's other languages and their texts are left out, so
/// a corpus without translations is a hub of one language.
fn site_toml(site: &str, entries: usize, other: Option<&str>) -> String {
    let kept = |code: &str| code == "en" || Some(code) == other;
    let mut out = String::with_capacity(site.len() + 64);
    let (mut top_level, mut skipping) = (true, false);
    for line in site.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            top_level = false;
            let language = trimmed
                .strip_prefix("[languages.")
                .map(|r| r.trim_end_matches(']'));
            skipping = language.is_some_and(|code| !kept(code));
        }
        if skipping {
            continue;
        }
        let key = line.split('=').next().unwrap_or("").trim();
        match key {
            "title" if top_level => out.push_str(&format!(
                "title = \"Synthetic Education Hub ({entries} entries)\""
            )),
            "base_url" if top_level => out.push_str("base_url = \"https://corpus.example.org\""),
            "titles" | "descriptions" => match other.and_then(|code| text_in(line, code)) {
                Some(text) => out.push_str(&format!(
                    "{key} = {{ {} = {text} }}",
                    other.unwrap_or_default()
                )),
                None => continue,
            },
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The text for `code` in a line `titles = { es = "…", … }`, as TOML.
fn text_in(line: &str, code: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(line).ok()?;
    let texts = table.values().next()?.as_table()?;
    Some(texts.get(code)?.to_string())
}

/// Term ids of every taxonomy file, checking the ones the collections use.
fn load_taxonomies(src: &Path) -> Result<Tax, String> {
    let mut map = HashMap::new();
    for entry in io(fs::read_dir(src), "read", src)? {
        let path = io(entry, "read", src)?.path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let text = io(fs::read_to_string(&path), "read", &path)?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let terms = table
            .get("terms")
            .and_then(|t| t.as_array())
            .map_or(&[][..], |a| a.as_slice());
        let ids = terms
            .iter()
            .filter_map(|t| t.get("id")?.as_str().map(String::from));
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        map.insert(name, ids.collect::<Vec<_>>());
    }
    for name in TAXONOMIES {
        if map.get(name).is_none_or(|ids| ids.is_empty()) {
            return Err(format!(
                "{}/{name}.toml is missing or has no [[terms]] with an id",
                src.display()
            ));
        }
    }
    Ok(Tax(map))
}

fn write_pages(dir: &Path, plan: &Plan, seed: u64) -> Result<(), String> {
    let pages = [
        ("about", "About the hub"),
        ("how-it-works", "How it works"),
        ("join", "Join the community"),
        ("contribute", "Contribute an entry"),
        ("privacy", "Privacy and consent"),
    ];
    let folder = dir.join("content/pages");
    io(fs::create_dir_all(&folder), "create", &folder)?;
    for (weight, (slug, title)) in pages.into_iter().enumerate() {
        let mut rng = Rng::derive(seed ^ 0x5041_4745, weight as u64);
        let length = 150 + (rng.unit() * 400.0) as usize;
        let mut headings: Vec<(usize, String)> = Vec::new();
        for h in rng.distinct(words::HEADINGS.len(), 3) {
            headings.push((2, words::HEADINGS[h].to_string()));
        }
        let (title, slug, date) = (title.to_string(), slug.to_string(), Date(0));
        let page = Entry {
            coll: 0,
            slug,
            title,
            date,
            words: length,
            headings,
            number: 0,
        };
        let mut buf = format!(
            "+++\ntitle = \"{}\"\nsummary = \"{}\"\nweight = {}\nmenu = true\n+++\n\n",
            page.title,
            prose::summary(&mut rng),
            weight + 1
        );
        prose::body(&mut rng, plan, &page, &mut buf);
        write(&folder.join(format!("{}.md", page.slug)), &buf)?;
    }
    Ok(())
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    let mut file = std::io::BufWriter::new(io(fs::File::create(path), "create", path)?);
    io(file.write_all(contents.as_bytes()), "write", path)?;
    io(file.flush(), "write", path)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    io(fs::create_dir_all(to), "create", to)?;
    for entry in io(fs::read_dir(from), "read", from)? {
        let entry = io(entry, "read", from)?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if io(entry.file_type(), "read", &src)?.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            io(fs::copy(&src, &dst), "copy", &src)?;
        }
    }
    Ok(())
}
