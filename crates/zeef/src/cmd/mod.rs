//! One module per command.

pub mod audit;
pub mod batch;
pub mod changes;
pub mod compare;
pub mod dead_letters;
pub mod diff;
pub mod distributed;
pub mod export;
pub mod graph;
pub mod lists;
pub mod ownership;
pub mod report;
pub mod rescreen;
pub mod resolve;
pub mod review;
pub mod scan;
pub mod screen;
pub mod serve;
pub mod show;
pub mod simulate;
pub mod sources;
pub mod update;
pub mod users;
pub mod watch;
pub mod worker;

use crate::cli::{Cli, Command};
use crate::data::data_dir;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(cli: Cli) -> Result<ExitCode> {
    // Simulations read and write no data directory.
    if let Command::Simulate(a) = &cli.command {
        return simulate::run(a);
    }
    crate::data::init(cli.offline, cli.sources_config)?;
    let data = data_dir(cli.data)?;
    match cli.command {
        Command::Update(a) => update::run(&data, a),
        Command::Lists(a) => lists::run(&data, a),
        Command::Sources(a) => sources::run(a.json),
        Command::Snapshots(a) => lists::snapshots(&data, a.json),
        Command::Show(a) => show::run(&data, a),
        Command::Export(a) => export::run(&data, a),
        Command::Screen(a) => screen::run(&data, a),
        Command::Batch(a) => batch::run(&data, a),
        Command::Compare(a) => compare::run(a),
        Command::Review(a) => review::run(&data, a),
        Command::Audit(a) => audit::run(&data, a),
        Command::Report(a) => report::run(&data, a),
        Command::Diff(a) => diff::run(&data, a),
        Command::Changes(a) => changes::run(&data, a),
        Command::Rescreen(a) => rescreen::run(&data, a),
        Command::Scan(a) => scan::run(&data, a),
        Command::Serve(a) => serve::run(&data, a),
        Command::Resolve(a) => resolve::run(&data, a),
        Command::Graph(a) => graph::run(&data, a),
        Command::Ownership(a) => ownership::run(&data, a),
        Command::Users(a) => users::run(&data, a),
        Command::Worker(a) => worker::run(&data, a),
        Command::Watch(a) => watch::run(&data, a),
        Command::DeadLetters(a) => dead_letters::run(a),
        Command::Simulate(a) => simulate::run(&a),
    }
}
