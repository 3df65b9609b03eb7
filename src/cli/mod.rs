//! The command line: runs the command its arguments (`args`) name, prints
//! what it found and gives the exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

mod args;
mod content;
mod digest;
mod init;
mod search;
mod theme;

pub use args::{
    BuildArgs, CheckArgs, Cli, CmsArgs, Command, DigestArgs, EjectArgs, FormsArgs, InitArgs,
    NewArgs, SchemaArgs, SearchArgs, ServeArgs, ShowArgs, SiteArgs, ThemeCommand,
};

use crate::build::{self, BuildOptions};
use crate::core::console::{self, err_line, out_line};
use crate::report::print_diagnostics;

pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Command::Build(args) => run_build(&args),
        Command::Serve(args) => run_serve(&args),
        Command::Check(args) => content::run_check(&args),
        Command::Search(args) => search::run_search(&args),
        Command::New(args) => content::run_new(&args),
        Command::Schema(args) => content::run_schema(&args),
        Command::Init(args) => init::run_init(&args),
        Command::Forms(args) => content::run_forms(&args),
        Command::Cms(args) => content::run_cms(&args),
        Command::Theme(ThemeCommand::Eject(args)) => theme::run_eject(&args),
        Command::Theme(ThemeCommand::Show(args)) => theme::run_show(&args),
        Command::Digest(args) => digest::run_digest(&args),
    };
    if console::failed() {
        ExitCode::FAILURE
    } else {
        code
    }
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
            err_line(&format!("error: {message}"));
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
            out_line(&report.summary());
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems);
            let errors = problems.error_count();
            err_line(&format!(
                "Build failed: {} {} found; the previous output was left untouched.",
                errors,
                if errors == 1 { "error" } else { "errors" }
            ));
            ExitCode::FAILURE
        }
    }
}
