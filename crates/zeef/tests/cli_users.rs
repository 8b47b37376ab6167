//! `zeef users add`: a web user written with an argon2 hash of the password read from stdin.

use std::io::Write;
use std::process::{Command, Stdio};

fn add(
    data: &std::path::Path,
    file: &std::path::Path,
    name: &str,
    password: &str,
) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zeef"))
        .args([
            "--data",
            data.to_str().unwrap(),
            "users",
            "add",
            name,
            "--users",
        ])
        .arg(file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn users_add_writes_an_argon2_hash_that_signs_in() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users");
    let out = add(dir.path(), &file, "anna.lind", "correct horse");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("anna.lind:$argon2id$"), "{text}");
    assert!(!text.contains("correct horse"));
    let users = zeef_web::Users::load(&file).unwrap();
    assert!(users.verify("anna.lind", "correct horse").is_some());

    let out = add(dir.path(), &file, "bob", "short");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("at least 8 characters"), "{err}");
    let out = add(dir.path(), &file, "two words", "correct horse");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("user name \"two words\""));
    assert_eq!(
        zeef_web::Users::load(&file).unwrap().len(),
        1,
        "nothing written"
    );
}
