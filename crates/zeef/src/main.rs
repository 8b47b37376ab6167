//! `zeef`: the command-line front door. It parses arguments and wires the library crates
//! together; the work itself lives in `zeef-lists`, `zeef-matching` and friends.

mod cli;
mod cmd;
mod data;
mod output;
mod recording;
mod resolved;

use clap::Parser;
use std::process::ExitCode;

// mimalloc: glibc's malloc and free took a fifth of a batch run's CPU (perf), most of it
// in the many small strings of name analysis, explanations and audit records.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cmd::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
