//! `calabash digest`: the newsletter of new and updated entries, printed
//! or written to the file named.

use std::process::ExitCode;

use super::args::DigestArgs;
use crate::core::console::{err_line, out};
use crate::digest::{self, DigestError, DigestOptions};
use crate::history::Period;
use crate::report::print_diagnostics;

pub(super) fn run_digest(args: &DigestArgs) -> ExitCode {
    let until = args.until.unwrap_or_else(crate::new::today);
    if until < args.since {
        err_line(&format!(
            "error: --until {until} is before --since {}\n  = help: the period runs from --since to --until, both included",
            args.since
        ));
        return ExitCode::from(2);
    }
    let options = DigestOptions {
        root: args.root.clone(),
        period: Period {
            since: args.since,
            until,
        },
        format: args.format,
        lang: args.lang.clone(),
        base_url: args.base_url.clone(),
    };
    let written = match digest::digest(&options) {
        Ok(written) => written,
        Err(DigestError::Usage(message, hint)) => {
            err_line(&format!("error: {message}\n  = help: {hint}"));
            return ExitCode::from(2);
        }
        Err(DigestError::Problems(problems)) => {
            print_diagnostics(&problems);
            return ExitCode::FAILURE;
        }
    };
    print_diagnostics(&written.warnings);
    match &args.output {
        None => out(&written.text),
        Some(file) => {
            if let Err(err) = std::fs::write(file, &written.text) {
                err_line(&format!("error: cannot write {}: {err}", file.display()));
                return ExitCode::FAILURE;
            }
        }
    }
    err_line(&format!(
        "Digest from {} to {until}: {} new, {} updated.",
        args.since, written.new, written.updated
    ));
    ExitCode::SUCCESS
}
