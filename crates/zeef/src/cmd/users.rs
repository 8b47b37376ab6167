//! `zeef users add NAME`: writes a user of the web application, with an argon2 hash of the
//! password read from stdin (when it is not a terminal) or asked for twice.

use crate::cli::{UsersAction, UsersArgs};
use anyhow::{Context, Result, bail};
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;
use zeef_lists::DataDir;

pub fn run(data: &DataDir, a: UsersArgs) -> Result<ExitCode> {
    match a.action {
        UsersAction::Add(add) => {
            let path = add.users.unwrap_or_else(|| data.root().join("users"));
            zeef_web::users::check_name(&add.name).map_err(anyhow::Error::msg)?;
            let password = read_password(&add.name)?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
            let replaced = zeef_web::users::add(&path, &add.name, &password)?;
            let did = if replaced {
                "Changed the password of"
            } else {
                "Added"
            };
            eprintln!(
                "{did} {} in {}. Serve with: zeef serve --users {}",
                add.name,
                path.display(),
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The first line of stdin, or, at a terminal, the password typed twice without echo.
fn read_password(name: &str) -> Result<String> {
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from stdin")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = rpassword::prompt_password(format!("Password for {name}: "))?;
    let again = rpassword::prompt_password("The same again: ")?;
    if first != again {
        bail!("the two passwords differ; nothing was written");
    }
    Ok(first)
}
