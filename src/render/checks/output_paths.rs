//! The one check of every file a build writes, before it writes any: each
//! path must be safe (`core::paths::names::check_output_file`), and no two files
//! may be one on disk, where paths that differ only in case or Unicode form
//! name the same file on macOS and Windows, and a file cannot stand where
//! another file needs a folder. Each problem names the setting, entry or
//! file that asked for the path.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::config::CONFIG_FILE;
use crate::core::diagnostics::Diagnostic;
use crate::core::model::EntryId;
use crate::core::paths::names::{check_output_file, collision_key};
use crate::load::taxonomy::TAXONOMY_DIR;
use crate::render::facets::filter_at;
use crate::render::job::{Job, Target};
use crate::render::renderer::Renderer;
use crate::site::Site;

/// What asked for an output file, in the order claims are settled: an
/// earlier kind keeps its path and the later one is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// A file the build always writes, described.
    Build(&'static str),
    Collection(String),
    Taxonomy(String),
    Term {
        taxonomy: String,
        id: String,
    },
    Filter {
        collection: String,
        field: String,
    },
    Entry(EntryId),
    /// A static file; the theme's come first, so that a clash with one of
    /// them is reported at the site's own file.
    Static {
        site_own: bool,
        from: String,
    },
    Alias {
        entry: EntryId,
        from: String,
    },
}

impl Source {
    /// The order in which claims are settled (see `Source`).
    fn rank(&self) -> u8 {
        match self {
            Source::Build(_) => 0,
            Source::Collection(_) => 1,
            Source::Taxonomy(_) => 2,
            Source::Term { .. } => 3,
            Source::Filter { .. } => 4,
            Source::Entry(_) => 5,
            Source::Static { site_own, .. } => 6 + u8::from(*site_own),
            Source::Alias { .. } => 8,
        }
    }

    /// The setting or file behind the path: one mistake there (a `url`)
    /// makes many clashes, of which only the first is reported.
    fn owner(&self) -> String {
        match self {
            Source::Collection(name)
            | Source::Filter {
                collection: name, ..
            } => {
                format!("collection {name}")
            }
            Source::Taxonomy(name) => format!("taxonomy {name}"),
            Source::Entry(id) => format!("entry {id}"),
            Source::Term { taxonomy, id } => format!("term {taxonomy} {id}"),
            Source::Static { from, .. } => format!("static {from}"),
            Source::Alias { entry, from } => format!("alias {entry} {from}"),
            Source::Build(what) => format!("build {what}"),
        }
    }
}

/// Checks every output file: the rendered ones (`jobs`, each writing the
/// file of the same index in `files`), the code stylesheet (`syntax_css`,
/// a site path) and the static files (output path, and the file's path from
/// the site root).
pub fn check_outputs<'s>(
    renderer: &Renderer<'_>,
    (jobs, files): (&[Job], &[String]),
    syntax_css: &str,
    statics: impl Iterator<Item = (&'s str, String)>,
    root: &Path,
) -> Vec<Diagnostic> {
    let site = renderer.site();
    let mut claims: Vec<(Source, &str)> = jobs
        .iter()
        .zip(files)
        .map(|(job, file)| (source_of(renderer, job), file.as_str()))
        .collect();
    claims.push((
        Source::Build("the code stylesheet"),
        syntax_css.trim_start_matches('/'),
    ));
    claims.extend(statics.map(|(file, from)| {
        let site_own = !from.starts_with("themes/");
        (Source::Static { site_own, from }, file)
    }));
    // Stable: within a kind, the plan's order (entries, then their aliases).
    claims.sort_by_key(|(source, _)| source.rank());
    let mut problems = Vec::new();
    let mut files: HashMap<String, usize> = HashMap::new();
    let mut folders: HashMap<String, usize> = HashMap::new();
    let mut reported: HashSet<String> = HashSet::new();
    for (index, (source, file)) in claims.iter().enumerate() {
        if reported.contains(&source.owner()) {
            continue;
        }
        if let Err(unsafe_path) = check_output_file(file) {
            reported.insert(source.owner());
            let message = format!(
                "{} would write /{file}, which is not a safe path: {}",
                describe(site, source),
                unsafe_path.reason
            );
            problems.push(locate(site, root, source, message, unsafe_hint(source)));
            continue;
        }
        let key = collision_key(file);
        let clash = files.get(&key).or_else(|| folders.get(&key)).or_else(|| {
            key.match_indices('/')
                .find_map(|(end, _)| files.get(&key[..end]))
        });
        if let Some(&other) = clash {
            reported.insert(source.owner());
            problems.push(clash_problem(site, root, (source, file), &claims[other]));
            continue;
        }
        files.insert(key.clone(), index);
        for (end, _) in key.match_indices('/') {
            folders.entry(key[..end].to_string()).or_insert(index);
        }
    }
    problems
}

fn source_of(renderer: &Renderer<'_>, job: &Job) -> Source {
    let site = renderer.site();
    match &job.target {
        Target::Home => Source::Build("the home page"),
        Target::NotFound => Source::Build("the page for missing addresses"),
        Target::Search => Source::Build("the search page"),
        Target::Saved => Source::Build("the page of pages saved for offline reading"),
        Target::Feed(None) => Source::Build("the site's feed"),
        Target::Sitemap | Target::SitemapIndex { .. } | Target::SitemapPart(_) => {
            Source::Build("the site map")
        }
        Target::Robots => Source::Build("robots.txt"),
        Target::List {
            collection,
            filter: Some(filter),
            ..
        } => Source::Filter {
            collection: collection.clone(),
            field: filter_at(renderer.facets_of(&job.lang, collection), *filter)
                .map_or(String::new(), |(facet, _)| facet.field.clone()),
        },
        Target::List { collection, .. }
        | Target::Feed(Some(collection))
        | Target::Calendar(collection) => Source::Collection(collection.clone()),
        Target::Entry(id) | Target::EntryCalendar(id) | Target::Referrers { to: id, .. } => {
            Source::Entry(*id)
        }
        Target::Taxonomy(t) => {
            Source::Taxonomy(site.taxonomies.at(*t).map_or("", |t| t.name()).to_string())
        }
        Target::Term { term, .. } => {
            let (taxonomy, term) = site.taxonomies.term_at(*term).unzip();
            Source::Term {
                taxonomy: taxonomy.map_or("", |t| t.name()).to_string(),
                id: term.map_or(String::new(), |term| term.id.clone()),
            }
        }
        Target::Alias { from, to } => Source::Alias {
            entry: *to,
            from: from.clone(),
        },
    }
}

fn describe(site: &Site, source: &Source) -> String {
    match source {
        Source::Build(what) => what.to_string(),
        Source::Collection(name) => format!("collection `{name}`"),
        Source::Taxonomy(name) => format!("taxonomy `{name}`"),
        Source::Filter { collection, field } => {
            format!("the filter pages of field `{field}` of collection `{collection}`")
        }
        Source::Entry(id) => format!("the page of {}", site.entry(*id).source.path),
        Source::Term { taxonomy, id } => format!("term `{id}` of taxonomy `{taxonomy}`"),
        Source::Static { from, .. } => format!("the static file {from}"),
        Source::Alias { from, .. } => format!("alias `{from}`"),
    }
}

fn unsafe_hint(source: &Source) -> &'static str {
    match source {
        Source::Collection(_) | Source::Taxonomy(_) => {
            "give it a `url` of plain names between slashes, like \"/practice/\": letters, digits and - . _ ~"
        }
        Source::Filter { .. } => {
            "filter by fields whose names and values are plain words (letters, digits, - and _)"
        }
        Source::Term { .. } => "give the term an id of letters, digits and hyphens",
        Source::Static { .. } => {
            "rename the file or folder: letters, digits and - . _ ~, not starting with a dot"
        }
        Source::Alias { .. } => {
            "write the old address as a path from the site root with letters, digits and - . _ ~ %, like /old/path/"
        }
        Source::Build(_) | Source::Entry(_) => "rename the file",
    }
}

/// `source` asks for `file`, which `other` (settled earlier) has: on disk,
/// the same file, or a file where a folder must be.
fn clash_problem(
    site: &Site,
    root: &Path,
    (source, file): (&Source, &str),
    (other, other_file): &(Source, &str),
) -> Diagnostic {
    let other_name = match other {
        Source::Entry(id) | Source::Alias { entry: id, .. } => site.entry(*id).source.path.clone(),
        _ => describe(site, other),
    };
    let why = if collision_key(file) == collision_key(other_file) && file != *other_file {
        format!(
            " (/{file} and /{other_file} differ only in case or Unicode form, and are one file on macOS and Windows)"
        )
    } else if collision_key(file) != collision_key(other_file) {
        format!(" (one needs /{file}, the other /{other_file}: a file cannot also be a folder)")
    } else {
        String::new()
    };
    let message = match source {
        Source::Alias { from, .. } => {
            format!("alias `{from}` is already used by {other_name}{why}")
        }
        _ => format!(
            "{} would write /{file}, which {other_name} already writes{why}",
            describe(site, source)
        ),
    };
    let hint = match source {
        Source::Alias { .. } => "remove the alias, or give it a path no other page has",
        Source::Static { .. } => {
            "rename or remove the file: the site has another file at this address"
        }
        Source::Collection(_) | Source::Taxonomy(_) => "give it a `url` no other page has",
        Source::Filter { .. } => "filter by another field, or rename the field",
        Source::Term { .. } => "give the term an id that differs by more than case or accents",
        Source::Entry(_) | Source::Build(_) => "rename the file",
    };
    locate(site, root, source, message, hint)
}

/// The diagnostic, at the place that asked for the path: the `url` line
/// of `site.toml`, the term in its vocabulary, the alias in its entry.
fn locate(site: &Site, root: &Path, source: &Source, message: String, hint: &str) -> Diagnostic {
    let in_file = |rel: &str, find: &dyn Fn(&str) -> Option<std::ops::Range<usize>>| {
        let diagnostic = Diagnostic::error(rel, message.clone()).hint(hint);
        let text = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
        match find(&text) {
            Some(span) => diagnostic.at(&text, span),
            None => diagnostic,
        }
    };
    match source {
        Source::Collection(name) => in_file(CONFIG_FILE, &|text| {
            setting(text, &format!("collections.{name}"), "url")
        }),
        Source::Taxonomy(name) => in_file(CONFIG_FILE, &|text| {
            setting(text, &format!("taxonomies.{name}"), "url")
        }),
        Source::Filter { collection, .. } => in_file(CONFIG_FILE, &|text| {
            setting(text, &format!("collections.{collection}"), "filters")
        }),
        Source::Term { taxonomy, id } => {
            in_file(&format!("{TAXONOMY_DIR}/{taxonomy}.toml"), &|text| {
                find(text, &format!("\"{id}\""))
            })
        }
        Source::Alias { entry, from } => {
            let entry = site.entry(*entry);
            let quoted = format!("\"{from}\"");
            let diagnostic = Diagnostic::error(&entry.source.path, message).hint(hint);
            match find(&entry.source.text(), &quoted) {
                Some(span) => diagnostic.at(&entry.source.text(), span),
                None => diagnostic,
            }
        }
        Source::Entry(id) => Diagnostic::error(&site.entry(*id).source.path, message).hint(hint),
        Source::Static { from, .. } => Diagnostic::error(from, message).hint(hint),
        Source::Build(_) => Diagnostic::error(CONFIG_FILE, message).hint(hint),
    }
}

fn find(text: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    text.find(needle).map(|start| start..start + needle.len())
}

/// Where `key` is set in the `[table]` of `site.toml`, or the table's header.
fn setting(text: &str, table: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let header = find(text, &format!("[{table}]"))?;
    let body_end = text[header.end..]
        .find("\n[")
        .map_or(text.len(), |i| header.end + i);
    let body = &text[header.end..body_end];
    let line = body.match_indices(key).find(|(i, _)| {
        body[..*i].ends_with('\n') && body[i + key.len()..].trim_start().starts_with('=')
    });
    let Some((at, _)) = line else {
        return Some(header);
    };
    // The value: from after `=` to the end of the line.
    let line_start = header.end + at;
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    let value = line.find('=').map_or(0, |eq| eq + 1);
    let value = value + (line.len() - value - line[value..].trim_start().len());
    Some(line_start + value..line_start + line.trim_end().len())
}
