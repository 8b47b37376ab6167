//! Signed-in sessions, held in memory: a random token in an HttpOnly, SameSite=Strict cookie
//! names the user and the CSRF token of their forms, until the session expires or they sign
//! out. A restart signs everyone out.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, header};
use ring::rand::{SecureRandom, SystemRandom};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "zeef_session";
/// The cookie holding the CSRF token of a visitor without a session (the sign-in form, and
/// every form where no sign-in is configured).
pub const CSRF_COOKIE: &str = "zeef_csrf";

/// One signed-in user.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: String,
    /// What every form sent while signed in must carry back.
    pub csrf: String,
    pub expires: Instant,
}

/// The sessions of one server.
#[derive(Debug)]
pub struct Sessions {
    ttl: Duration,
    live: Mutex<HashMap<String, Session>>,
}

/// 32 random bytes as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The system's random source does not fail on a working system; should it, the token
    // is still unique per call through the time mixed in below.
    if SystemRandom::new().fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes[..16].copy_from_slice(&nanos.to_le_bytes());
    }
    hex::encode(bytes)
}

impl Sessions {
    pub fn new(ttl: Duration) -> Sessions {
        Sessions {
            ttl,
            live: Mutex::new(HashMap::new()),
        }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// Starts a session for `user`: its token (the cookie's value) and the session.
    pub fn start(&self, user: &str) -> (String, Session) {
        let token = random_token();
        let session = Session {
            user: user.to_string(),
            csrf: random_token(),
            expires: Instant::now() + self.ttl,
        };
        if let Ok(mut live) = self.live.lock() {
            let now = Instant::now();
            live.retain(|_, s| s.expires > now);
            live.insert(token.clone(), session.clone());
        }
        (token, session)
    }

    /// The live session of `token`; None for an unknown or expired one (which is dropped).
    pub fn get(&self, token: &str) -> Option<Session> {
        let mut live = self.live.lock().ok()?;
        match live.get(token) {
            Some(s) if s.expires > Instant::now() => Some(s.clone()),
            Some(_) => {
                live.remove(token);
                None
            }
            None => None,
        }
    }

    /// Ends the session of `token`.
    pub fn end(&self, token: &str) {
        if let Ok(mut live) = self.live.lock() {
            live.remove(token);
        }
    }
}

/// The value of cookie `name` in a request's headers.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, for the application's paths only;
/// `max_age` None removes the cookie.
pub fn set_cookie(name: &str, value: &str, max_age: Option<Duration>) -> String {
    let age = max_age.map_or(0, |d| d.as_secs());
    format!("{name}={value}; Path=/ui; HttpOnly; SameSite=Strict; Max-Age={age}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn sessions_expire_and_end() {
        let s = Sessions::new(Duration::from_millis(30));
        let (token, session) = s.start("alice");
        assert_eq!(s.get(&token).unwrap().user, "alice");
        assert_ne!(session.csrf, token);
        assert!(s.get("forged").is_none());
        std::thread::sleep(Duration::from_millis(40));
        assert!(s.get(&token).is_none(), "expired");
        let s = Sessions::new(Duration::from_secs(60));
        let (token, _) = s.start("bob");
        s.end(&token);
        assert!(s.get(&token).is_none(), "signed out");
    }

    #[test]
    fn cookies_are_read_by_name_and_set_strict() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; zeef_session=abc; b=2"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
        let set = set_cookie(SESSION_COOKIE, "abc", Some(Duration::from_secs(60)));
        assert!(
            set.contains("HttpOnly")
                && set.contains("SameSite=Strict")
                && set.contains("Max-Age=60")
        );
    }
}
