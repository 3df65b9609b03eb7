//! The `calabash` command; everything happens in the library.

use clap::Parser;

// Builds allocate many small values from several threads; mimalloc handles
// that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    calabash::cli::run(calabash::cli::Cli::parse())
}
