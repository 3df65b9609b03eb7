//! The command line: parses arguments and runs the matching command.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::check::{self, CheckOptions};
use crate::diagnostics::Diagnostics;
use crate::external_links::LinkCheckOptions;
use crate::report::{self, Format};
use crate::search::query::{COLLECTION_GROUP, SearchOptions};
use crate::site::SiteOptions;

/// Calabash builds the knowledge hub of a community of practice in education
/// (consolidated replies, discussion summaries, case studies, a library, an
/// expert directory and events) from Markdown files into a static site.
#[derive(Debug, Parser)]
#[command(name = "calabash", version, about, long_about = None, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the content and render the site into the output folder.
    ///
    /// The output folder is replaced only when the whole build succeeded; a
    /// failed build prints every problem found and leaves it untouched.
    Build(BuildArgs),
    /// Build the site, serve it for preview and rebuild it as files change.
    ///
    /// Open pages reload by themselves after each save; when a change breaks
    /// the build, they keep the last good version and show what is wrong.
    /// Only what a change affects is rendered again.
    Serve(ServeArgs),
    /// Check the content the way a build does, without writing the site.
    ///
    /// Reports every problem at once, errors (which would fail the build)
    /// apart from warnings, and exits with 1 when there is an error. With
    /// --format github the problems appear inline on a pull request.
    Check(CheckArgs),
    /// Search the index kept by the last build, from a terminal.
    ///
    /// Every word must match (title, summary, text or term labels, in any
    /// supported language's stem); a word that matches nothing is allowed
    /// one typo. Results are ranked by BM25, as on the site's search page.
    Search(SearchArgs),
    /// Start a new entry of a collection, with a comment on every field.
    ///
    /// Writes content/<collection>/<slug>.md, named after the title (in
    /// plain ASCII, made unique within the collection), and prints its path.
    /// The fields to fill in are left empty; optional ones are commented
    /// out. An existing file is never overwritten.
    New(NewArgs),
    /// Print the content model as JSON Schema (draft 2020-12), for editors.
    ///
    /// One schema per collection, describing an entry's front matter: by
    /// default one JSON object on standard output, mapping each collection
    /// to its schema; with --output, one <collection>.schema.json file each.
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The collection of the new entry (its name in site.toml, e.g. library).
    pub collection: String,
    /// The entry's title, in quotes; the file is named after it.
    pub title: String,
    /// The hub's folder, holding site.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The hub's folder, holding site.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Write one <collection>.schema.json per collection into this folder
    /// instead of printing them.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to keep the preview [default: .calabash/serve/ inside the root].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The address to listen on; 0.0.0.0 lets other devices on the network
    /// (a phone, say) open the preview.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port to listen on; when it is taken, the message names a free one.
    #[arg(long, short, value_name = "PORT", default_value_t = 1111)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print the problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also fetch every outside address the content links to, and warn
    /// about those that do not answer (results kept for a week in
    /// .calabash/external-links.json).
    #[arg(long)]
    pub external_links: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to look for.
    pub query: String,
    /// The hub's folder (the index is kept in its .calabash/ folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Only entries of this collection (its name in site.toml, e.g.
    /// library); repeat for entries of any of several collections.
    #[arg(long, value_name = "C")]
    pub collection: Vec<String>,
    /// Only entries with this term, e.g. `topics=inclusion`; repeat to add
    /// filters (terms of one taxonomy are alternatives).
    #[arg(long, value_name = "TAXONOMY=TERM", value_parser = parse_filter)]
    pub filter: Vec<(String, String)>,
    /// Match the last word as the start of a word, as the search page does
    /// while the reader types.
    #[arg(long)]
    pub prefix: bool,
    /// How many results at most.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Print the results as a JSON array (see README: "calabash search --json").
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The hub's folder, holding site.toml, content/ and themes/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Also build entries marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Publish under this address instead of site.toml's `base_url`
    /// (for example a preview deployment).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: public/ inside the root].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

impl SiteArgs {
    fn options(&self) -> SiteOptions {
        SiteOptions {
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            now: None,
        }
    }
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => run_build(&args),
        Command::Serve(args) => run_serve(&args),
        Command::Check(args) => run_check(&args),
        Command::Search(args) => run_search(&args),
        Command::New(args) => run_new(&args),
        Command::Schema(args) => run_schema(&args),
    }
}

fn run_new(args: &NewArgs) -> ExitCode {
    let today = crate::scaffold::today();
    match crate::scaffold::new_entry(&args.root, &args.collection, &args.title, today) {
        Ok(created) => {
            let shown = if args.root == Path::new(".") {
                PathBuf::from(&created.relative)
            } else {
                created.path
            };
            println!("{}", shown.display());
            println!(
                "Fill in the fields marked \"Required\" (left empty), then run calabash check."
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems.into());
            ExitCode::FAILURE
        }
    }
}

fn run_schema(args: &SchemaArgs) -> ExitCode {
    let config = match crate::config::load(&args.root, None) {
        Ok(config) => config,
        Err(problems) => {
            print_diagnostics(&problems.into());
            return ExitCode::FAILURE;
        }
    };
    // Term fields list their vocabularies' ids: a broken vocabulary would
    // make a schema that rejects good entries.
    let mut problems = Vec::new();
    let taxonomies = crate::taxonomy::load(&args.root, &config, &mut problems);
    if problems
        .iter()
        .any(crate::diagnostics::Diagnostic::is_error)
    {
        print_diagnostics(&problems.into());
        return ExitCode::FAILURE;
    }
    let schemas = crate::json_schema::site_schemas(&config, &taxonomies);
    let Some(dir) = &args.output else {
        match serde_json::to_string_pretty(&schemas) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("error: cannot write the schemas as JSON: {err}");
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    };
    match crate::json_schema::write_files(dir, &schemas) {
        Ok(files) => {
            println!("Wrote {} schemas to {}", files.len(), dir.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!(
                "error: cannot write the schemas to {}: {err}",
                dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

fn run_check(args: &CheckArgs) -> ExitCode {
    let report = check::check(&CheckOptions {
        root: args.site.root.clone(),
        site: args.site.options(),
        external_links: args.external_links.then(|| LinkCheckOptions {
            cache: Some(args.site.root.join(".calabash").join("external-links.json")),
            ..LinkCheckOptions::default()
        }),
    });
    let problems = report.problems.sorted();
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let prefix = repository_prefix(&args.site.root);
    print!("{}", report::format(&problems, args.format, &prefix, color));
    if args.format == Format::Human {
        println!("{}", report::summary(&problems, report.entries));
    }
    if problems.iter().any(|d| d.is_error()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The site's folder as a prefix of its files' paths (`site/`), for
/// annotations, which name files from where the command runs.
fn repository_prefix(root: &std::path::Path) -> String {
    let parts: Vec<String> = root
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() || root.is_absolute() {
        String::new()
    } else {
        parts.join("/") + "/"
    }
}

fn run_search(args: &SearchArgs) -> ExitCode {
    let dir = crate::search::index_dir(&args.root);
    if !dir.is_dir() {
        eprintln!(
            "error: no search index in {}\n  = help: run `calabash build` first",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    let mut filters = args.filter.clone();
    for collection in &args.collection {
        filters.push((COLLECTION_GROUP.to_string(), collection.clone()));
    }
    let options = SearchOptions {
        filters,
        limit: args.limit,
        prefix: args.prefix,
    };
    for (group, value) in
        crate::search::query::unmatched_filters(&args.root, &options.filters).unwrap_or_default()
    {
        let hint = if group == COLLECTION_GROUP {
            "use a collection's name from site.toml, like library".to_string()
        } else {
            format!("use a term id from content/_taxonomies/{group}.toml")
        };
        eprintln!("warning: no entry has {group}={value}\n  = help: {hint}");
    }
    let hits = match crate::search::query::search(&args.root, &args.query, &options) {
        Ok(results) => results.hits,
        Err(err) => {
            eprintln!(
                "error: cannot search {}: {err}\n  = help: run `calabash build` to rebuild the index",
                dir.display()
            );
            return ExitCode::FAILURE;
        }
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&hits).unwrap_or_else(|_| "[]".into())
        );
        return ExitCode::SUCCESS;
    }
    if hits.is_empty() {
        println!("No results for \"{}\".", args.query);
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for (n, hit) in hits.iter().enumerate() {
        println!(
            "{:>2}. {}  ({})  {}",
            n + 1,
            hit.title,
            hit.collection,
            hit.url
        );
        println!("    {}", mark(&hit.snippet, &hit.highlights, color));
    }
    ExitCode::SUCCESS
}

fn parse_filter(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((group, value)) if !group.is_empty() && !value.is_empty() => {
            Ok((group.to_string(), value.to_string()))
        }
        _ => Err(format!(
            "`{text}` is not TAXONOMY=TERM, like topics=inclusion"
        )),
    }
}

/// The snippet with matched words marked: bold on a terminal, else [word].
fn mark(snippet: &str, highlights: &[(usize, usize)], color: bool) -> String {
    let (open, close) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(snippet.len() + 8 * highlights.len());
    let mut at = 0;
    for &(start, end) in highlights {
        if start < at || end > snippet.len() {
            continue;
        }
        out.push_str(&snippet[at..start]);
        out.push_str(open);
        out.push_str(&snippet[start..end]);
        out.push_str(close);
        at = end;
    }
    out.push_str(&snippet[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run_serve(args: &ServeArgs) -> ExitCode {
    let root = &args.site.root;
    let options = crate::serve::ServeOptions {
        output: args
            .output
            .clone()
            .unwrap_or_else(|| root.join(".calabash").join("serve")),
        root: root.clone(),
        site: args.site.options(),
        bind: args.bind,
        port: args.port,
    };
    match crate::serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_build(args: &BuildArgs) -> ExitCode {
    let options = BuildOptions {
        output: args
            .output
            .clone()
            .unwrap_or_else(|| args.site.root.join("public")),
        root: args.site.root.clone(),
        site: args.site.options(),
        progress: std::io::stderr().is_terminal(),
    };
    match build::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            println!("{}", report.summary());
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems);
            let errors = problems.error_count();
            eprintln!(
                "Build failed: {} {} found; the previous output was left untouched.",
                errors,
                if errors == 1 { "error" } else { "errors" }
            );
            ExitCode::FAILURE
        }
    }
}

/// Prints problems to standard error, in colour on a terminal.
pub fn print_diagnostics(diagnostics: &Diagnostics) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diagnostics.clone().sorted() {
        eprintln!("{}", d.render(color));
    }
}
