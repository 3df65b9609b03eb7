//! The command line: parses arguments and runs the matching command.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::diagnostics::Diagnostics;
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
        }
    }
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => run_build(&args),
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
