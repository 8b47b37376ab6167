//! Running the built `zeef` binary in CLI tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `zeef --data DATA ARGS...`.
pub fn zeef(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zeef"))
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("zeef runs")
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
