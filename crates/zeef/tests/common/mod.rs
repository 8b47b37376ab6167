//! Running the built `zeef` binary in CLI tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `zeef --data DATA ARGS...`, offline: a first run never touches the network (tests
/// use loopback only), and address overrides of the machine running the tests do not apply.
pub fn zeef(data: &Path, args: &[&str]) -> Output {
    command(data, args).output().expect("zeef runs")
}

/// The command [`zeef`] runs, to run otherwise (in the background, with other input).
pub fn command(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zeef"));
    c.env("ZEEF_OFFLINE", "1")
        .env(
            "ZEEF_SOURCES_CONFIG",
            data.with_extension("no-sources.toml"),
        )
        .arg("--data")
        .arg(data)
        .args(args);
    c
}

/// Stdout of a run that must have succeeded; otherwise fails showing what zeef said.
pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "zeef failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}
