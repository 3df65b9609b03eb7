//! The `calabash` command; everything happens in the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    calabash::cli::run(calabash::cli::Cli::parse())
}
