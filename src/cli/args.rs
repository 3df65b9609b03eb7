//! The command line's arguments: each command and its options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::digest::DigestFormat;
use crate::report::Format;
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
    /// Every word must match (title, summary, text or term labels), stemmed
    /// in the query's language (--lang) in entries written in it, as written
    /// in the others; a word that matches nothing is allowed one typo.
    /// Results are ranked by BM25, as on the site's search page.
    Search(SearchArgs),
    /// Start a new entry of a collection, with a comment on every field.
    ///
    /// Writes content/<collection>/<slug>.md, named after the title (in
    /// plain ASCII) or as --slug says, and prints its path. The fields to
    /// fill in are left empty; optional ones are commented out with an
    /// example value that works once uncommented. A name the collection
    /// already has is refused: an existing file is never overwritten.
    New(NewArgs),
    /// Print the content model as JSON Schema (draft 2020-12), for editors.
    ///
    /// One schema per collection, describing an entry's front matter: by
    /// default one JSON object on standard output, mapping each collection
    /// to its schema; with --output, one <collection>.schema.json file each.
    Schema(SchemaArgs),
    /// Start a hub repository of your own in DIR (by default this folder).
    ///
    /// Writes site.toml (the six collections and the vocabularies of the
    /// sample hub), content/ (with --sample, the default: one worked example
    /// per collection, marked as such; with --empty: empty collection
    /// folders), the free pages, .github/ (workflows that check pull
    /// requests and publish on GitHub Pages with this version of Calabash,
    /// downloaded and checksum-verified; a pull request template),
    /// README.md, CONTRIBUTING.md and .gitignore. The theme stays built in.
    /// A folder that is not empty is refused unless --force.
    Init(InitArgs),
    /// Write the issue forms members propose entries with, from the schema.
    ///
    /// One .github/ISSUE_TEMPLATE/<collection>.yml per collection with a
    /// `form` table in site.toml, and config.yml. With --check nothing is
    /// written: exits with 1 when the files differ from what would be
    /// written (for CI).
    Forms(FormsArgs),
    /// Write the browser editor (Decap CMS) for the hub, from the schema.
    ///
    /// admin/index.html, the page that loads the editor, and
    /// admin/config.yml, its configuration: one collection per collection
    /// of site.toml with a field for each of its fields, saving to the
    /// repository of site.toml (each change a pull request). Without
    /// --output, into admin/ of the site the last `calabash build` wrote
    /// to public/; with `[cms] build = true` in site.toml every build
    /// writes /admin/ itself.
    Cms(CmsArgs),
    /// Work with the built-in theme: copy it into the site to change it,
    /// or show its files.
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Write a newsletter of the entries published or updated in a period,
    /// for the hub's mailing group.
    ///
    /// Entries are grouped by collection, each with its title, summary,
    /// whether it is new or updated, when, and a link to its page on the
    /// published site. New and updated are told by git's history where the
    /// hub is in git (the commit that added an entry's file, later commits),
    /// else by each entry's `date` and `updated`. Drafts and entries with
    /// errors are left out, and so are entries removed in the period.
    /// Writes to standard output unless --output.
    Digest(DigestArgs),
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Copy the built-in theme into themes/hub/ to customise it.
    ///
    /// Files in themes/hub/ (and in the site's templates/ and static/)
    /// override the built-in ones one by one: keep only those you change,
    /// and the others follow Calabash's updates. Existing files are left
    /// alone unless --force. What each copy came from is recorded in
    /// themes/hub/.calabash-theme.toml, so that `calabash check` can tell
    /// when a later Calabash changes the original.
    Eject(EjectArgs),
    /// Print a file of the built-in theme, or list its files.
    ///
    /// For example `calabash theme show templates/list.html | diff -u
    /// themes/hub/templates/list.html -` shows how a copy differs from the
    /// built-in version.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct DigestArgs {
    /// The first day of the period, YYYY-MM-DD (included).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub since: jiff::civil::Date,
    /// The last day of the period, YYYY-MM-DD (included) [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub until: Option<jiff::civil::Date>,
    /// html: an email (inline styles, no scripts or images); text: its
    /// plain-text alternative; markdown: for an issue or a web page.
    #[arg(long, value_enum, default_value_t = DigestFormat::Html)]
    pub format: DigestFormat,
    /// The language of the digest, one the hub publishes (default: the
    /// hub's `language`): its interface words, and each entry's version in
    /// it where there is one.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// The hub's folder, holding site.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Link to the site at this address instead of site.toml's `base_url`.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Write the digest to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EjectArgs {
    /// Only these files (e.g. templates/list.html); all of them by default.
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
    /// The hub's folder; the theme goes into its themes/hub/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Only the templates: the static files (style.css, scripts) stay built in.
    #[arg(long)]
    pub templates_only: bool,
    /// Replace files that already exist (changes made to them are lost).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new hub's folder, created when missing.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Start with one worked example per collection (the default).
    #[arg(long, conflicts_with = "empty")]
    pub sample: bool,
    /// Start with empty collections: only the folders and the free pages.
    #[arg(long)]
    pub empty: bool,
    /// The hub's title [default: "Our Knowledge Hub"].
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// The hub's repository, e.g. https://github.com/your-organisation/your-hub:
    /// entries link to their file there ("Edit this page").
    #[arg(long, value_name = "URL")]
    pub repository: Option<String>,
    /// Write into a folder that is not empty: files of the same name are
    /// replaced (and listed), other files are left alone.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The file to print (e.g. templates/list.html); without it, the list
    /// of the built-in theme's files.
    #[arg(value_name = "FILE")]
    pub file: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The collection of the new entry (its name in site.toml, e.g. library).
    pub collection: String,
    /// The entry's title, in quotes; the file is named after it.
    pub title: String,
    /// The file name (without .md) when it should not be made from the
    /// title, e.g. because an entry already has that name.
    #[arg(long, value_name = "SLUG")]
    pub slug: Option<String>,
    /// The hub's folder, holding site.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct FormsArgs {
    /// The hub's folder, holding site.toml; the forms go into its .github/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Write nothing; fail when the forms on disk are not up to date.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct CmsArgs {
    /// The hub's folder, holding site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Write the editor's files into this folder instead of public/admin/.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
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
    /// The words to look for (at most 16 different words and 500
    /// characters, as on the search page).
    pub query: String,
    /// The hub's folder (the index is kept in its .calabash/ folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Only entries of this collection (its name in site.toml, e.g.
    /// library); repeat for entries of any of several collections.
    #[arg(long, value_name = "C")]
    pub collection: Vec<String>,
    /// Only entries with this term, e.g. `topics=inclusion`, or in this
    /// language, `lang=es`; repeat to add filters (terms of one taxonomy
    /// are alternatives).
    #[arg(long, value_name = "TAXONOMY=TERM", value_parser = parse_filter)]
    pub filter: Vec<(String, String)>,
    /// Match the last word as the start of a word, as the search page does
    /// while the reader types.
    #[arg(long)]
    pub prefix: bool,
    /// The language the words are in, e.g. es (default: the site's
    /// `language`). They are stemmed in it for entries written in it
    /// ("lectura" finds "lecturas"), and match entries in other languages
    /// only as written, as on that language's search page.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Only entries written in the --lang language (the site's language
    /// without --lang); the same as --filter lang=LANG.
    #[arg(long)]
    pub only_lang: bool,
    /// How many results at most (1 or more).
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = parse_limit)]
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
    pub fn options(&self) -> SiteOptions {
        SiteOptions {
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            now: None,
            release_sources: false,
        }
    }
}

/// `--since`, `--until`: a day written `YYYY-MM-DD`, as front matter writes dates.
fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let day = well_formed
        .then(|| text.parse::<jiff::civil::Date>().ok())
        .flatten();
    day.ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD, like 2025-03-14"))
}

/// `--limit`: a number of results, at least one (a search for none is
/// surely a mistake).
fn parse_limit(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("0 would show no result; give 1 or more".into()),
        Ok(limit) => Ok(limit),
        Err(_) => Err(format!("`{text}` is not a whole number")),
    }
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
