//! The local user file (`zeef serve --users FILE`, written by `zeef users add NAME`): one user
//! a line, `name:hash`, the hash an argon2id PHC string (`$argon2id$v=19$...`). Blank lines
//! and lines starting with `#` are ignored. Names are what reviews are signed with.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use ring::rand::{SecureRandom, SystemRandom};

/// Longest user name.
pub const MAX_NAME_CHARS: usize = 64;
/// Shortest password `zeef users add` accepts.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// What went wrong reading or writing the user file; each names the file and, where it
/// applies, the line.
#[derive(Debug)]
pub enum UsersError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
    Invalid(String),
}

impl fmt::Display for UsersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsersError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            UsersError::Line {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
            UsersError::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for UsersError {}

/// One user: a name and an argon2 password hash.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    pub name: String,
    hash: String,
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User").field("name", &self.name).finish()
    }
}

/// The users of one file.
#[derive(Debug, Clone, Default)]
pub struct Users {
    users: Vec<User>,
}

/// A user name is 1 to [`MAX_NAME_CHARS`] letters, digits, `.`, `_`, `-` or `@`.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "user name {:?}: expected 1 to {MAX_NAME_CHARS} letters, digits, '.', '_', '-' or '@'",
            zeef_model::clip(name, zeef_model::QUOTED_BYTES)
        ))
    }
}

/// The argon2id hash of `password` with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, UsersError> {
    let mut salt = [0u8; 16];
    SystemRandom::new()
        .fill(&mut salt)
        .map_err(|_| UsersError::Invalid("no random numbers from the system".into()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| UsersError::Invalid(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| UsersError::Invalid(format!("hashing the password: {e}")))
}

impl Users {
    /// Reads a user file's text (`path` only names it in errors).
    pub fn parse(path: &Path, text: &str) -> Result<Users, UsersError> {
        let mut users: Vec<User> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: String| UsersError::Line {
                path: path.to_path_buf(),
                line: i + 1,
                message,
            };
            let (name, hash) = line
                .split_once(':')
                .ok_or_else(|| bad("expected name:argon2-hash".into()))?;
            check_name(name).map_err(bad)?;
            PasswordHash::new(hash).map_err(|e| {
                bad(format!(
                    "the hash of {name:?} is not a password hash ({e}); write users with `zeef users add`"
                ))
            })?;
            if users.iter().any(|u| u.name == name) {
                return Err(bad(format!("user {name:?} appears twice")));
            }
            users.push(User {
                name: name.to_string(),
                hash: hash.to_string(),
            });
        }
        Ok(Users { users })
    }

    /// Reads the user file at `path`.
    pub fn load(path: &Path) -> Result<Users, UsersError> {
        let text = std::fs::read_to_string(path).map_err(|error| UsersError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        Users::parse(path, &text)
    }

    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    /// The user `name` if `password` is theirs. A name nobody has costs a hash as well, so
    /// that the answer's time does not tell which names exist.
    pub fn verify(&self, name: &str, password: &str) -> Option<&User> {
        let user = self.users.iter().find(|u| u.name == name);
        let hash: &str = match user {
            Some(u) => &u.hash,
            None => dummy_hash(),
        };
        let ok = PasswordHash::new(hash).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        });
        user.filter(|_| ok)
    }
}

/// A hash of a random password, verified for names nobody has.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut secret = [0u8; 16];
        let _ = SystemRandom::new().fill(&mut secret);
        hash_password(&hex::encode(secret)).unwrap_or_default()
    })
}

/// Adds `name` with `password` to the file at `path` (created if missing), or replaces their
/// password where the file has them already. The file is rewritten whole, then renamed over
/// the old one, so a crash leaves the old file or the new one.
pub fn add(path: &Path, name: &str, password: &str) -> Result<bool, UsersError> {
    check_name(name).map_err(UsersError::Invalid)?;
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(UsersError::Invalid(format!(
            "the password must have at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    let io = |error| UsersError::Io {
        path: path.to_path_buf(),
        error,
    };
    let old = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(e)),
    };
    Users::parse(path, &old)?;
    let hash = hash_password(password)?;
    let mut replaced = false;
    let mut out = String::new();
    for line in old.lines() {
        if line.trim().split_once(':').is_some_and(|(n, _)| n == name) {
            out.push_str(&format!("{name}:{hash}\n"));
            replaced = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !replaced {
        out.push_str(&format!("{name}:{hash}\n"));
    }
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).map_err(io)?;
    f.write_all(out.as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_users_sign_in_with_their_password_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users");
        assert!(!add(&path, "alice", "correct horse").unwrap());
        add(&path, "bob", "battery staple").unwrap();
        let users = Users::load(&path).unwrap();
        assert_eq!(users.len(), 2);
        assert_eq!(
            users.verify("alice", "correct horse").unwrap().name,
            "alice"
        );
        assert!(users.verify("alice", "battery staple").is_none());
        assert!(users.verify("carol", "correct horse").is_none());
        // A second add replaces the password.
        assert!(add(&path, "alice", "new password").unwrap());
        let users = Users::load(&path).unwrap();
        assert!(users.verify("alice", "correct horse").is_none());
        assert!(users.verify("alice", "new password").is_some());
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("alice:$argon2id$")
        );
    }

    #[test]
    fn bad_files_and_names_are_named() {
        let p = Path::new("users.txt");
        let e = Users::parse(p, "# staff\nalice:nothash\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("users.txt:2: the hash of \"alice\""),
            "{e}"
        );
        let e = Users::parse(p, "alice\n").unwrap_err();
        assert_eq!(e.to_string(), "users.txt:1: expected name:argon2-hash");
        assert!(check_name("a b").is_err() && check_name("").is_err());
        assert!(check_name("anna.lind@example").is_ok());
        let dir = tempfile::tempdir().unwrap();
        let e = add(&dir.path().join("u"), "alice", "short").unwrap_err();
        assert!(e.to_string().contains("at least 8"), "{e}");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text read as a user file is users or an error naming a line, never a panic.
        #[test]
        fn any_text_reads_without_panicking(text in "(?s).{0,400}") {
            if let Err(UsersError::Line { line, .. }) = Users::parse(Path::new("u"), &text) {
                prop_assert!(line >= 1 && line <= text.lines().count());
            }
        }

        #[test]
        fn lines_of_names_and_colons_read_without_panicking(
            lines in proptest::collection::vec("[a-z@.#: $=,0-9+/-]{0,60}", 0..8)
        ) {
            let _ = Users::parse(Path::new("u"), &lines.join("\n"));
        }
    }
}
