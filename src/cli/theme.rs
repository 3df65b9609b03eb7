//! The commands for theme customisers: `theme eject` and `theme show`.

use std::process::ExitCode;

use super::args::{EjectArgs, ShowArgs};
use crate::core::console::{out, out_line};
use crate::eject::{EjectOptions, built_in_file, eject};
use crate::report::print_diagnostics;
use crate::theme::builtin_theme::{BUILTIN_THEME, FILES};

pub(super) fn run_eject(args: &EjectArgs) -> ExitCode {
    let options = EjectOptions {
        root: args.root.clone(),
        templates_only: args.templates_only,
        force: args.force,
        only: args.files.clone(),
    };
    match eject(&options) {
        Ok(ejected) => {
            for file in &ejected.written {
                out_line(&format!("wrote {file}"));
            }
            out_line(&format!("recorded their origin in {}", ejected.record));
            out_line(&format!(
                "{} {} of the built-in theme copied; they now override the built-in ones. \
                 Delete those you do not change, so that they follow Calabash's updates.",
                ejected.written.len(),
                if ejected.written.len() == 1 {
                    "file"
                } else {
                    "files"
                }
            ));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems);
            ExitCode::FAILURE
        }
    }
}

pub(super) fn run_show(args: &ShowArgs) -> ExitCode {
    let Some(path) = &args.file else {
        out_line(&format!(
            "The built-in theme `{BUILTIN_THEME}` (calabash theme show <FILE> prints one):"
        ));
        for (path, _) in FILES {
            out_line(path);
        }
        return ExitCode::SUCCESS;
    };
    match built_in_file(path) {
        Ok(bytes) => {
            out(&String::from_utf8_lossy(bytes));
            ExitCode::SUCCESS
        }
        Err(problem) => {
            print_diagnostics(&vec![problem].into());
            ExitCode::FAILURE
        }
    }
}
