//! Downloads of list files over HTTP(S): timeouts, retries with back-off, conditional
//! requests (ETag / Last-Modified) and a size limit. Tested against a server on 127.0.0.1.

use std::io::Read;
use std::time::Duration;

/// How downloads behave.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Longest a whole download may take.
    pub timeout: Duration,
    /// Tries after the first one, for connection errors, 429 and 5xx answers.
    pub retries: u32,
    /// Wait before the first retry; doubles each time.
    pub backoff: Duration,
    /// Largest file accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(20),
            timeout: Duration::from_secs(600),
            retries: 3,
            backoff: Duration::from_secs(2),
            max_bytes: 512 * 1024 * 1024,
        }
    }
}

/// What a previous download said about a file, for a conditional request.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// The result of a download.
#[derive(Debug)]
pub enum Fetched {
    /// The server sent the file.
    Body {
        data: Vec<u8>,
        validators: Validators,
    },
    /// The server said the file has not changed since the validators given (HTTP 304).
    NotModified,
    /// The server has no such file (HTTP 404 or 410).
    NotFound,
}

/// A download that failed, naming the address.
#[derive(Debug, Clone, thiserror::Error)]
#[error("GET {url}: {message}")]
pub struct FetchError {
    pub url: String,
    pub message: String,
    /// The publisher could not be reached at all (name not resolved, connection refused, no
    /// route): not retried, as trying again at once does not help.
    pub unreachable: bool,
}

/// Why one try failed.
enum TryError {
    /// Worth trying again (timeouts, 429, 5xx, a broken-off download).
    Transient(String),
    /// The host cannot be reached: name resolution failed, or nothing listens there.
    Unreachable(String),
    /// Final for another reason (4xx, over the size limit).
    Final(String),
}

/// Downloads files, reusing connections.
pub struct Fetcher {
    agent: ureq::Agent,
    opts: FetchOptions,
}

impl Fetcher {
    pub fn new(opts: FetchOptions) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(opts.connect_timeout))
            .timeout_global(Some(opts.timeout))
            .http_status_as_error(false)
            .user_agent(concat!(
                "zeef/",
                env!("CARGO_PKG_VERSION"),
                " (sanctions screening)"
            ))
            .build();
        Fetcher {
            agent: config.into(),
            opts,
        }
    }

    /// Downloads `url`, sending `cached` validators for a conditional request. `progress` is
    /// called with (bytes so far, total if known).
    pub fn get(
        &self,
        url: &str,
        cached: Option<&Validators>,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<Fetched, FetchError> {
        let mut wait = self.opts.backoff;
        let mut attempt = 0;
        loop {
            let (message, retryable, unreachable) = match self.try_get(url, cached, progress) {
                Ok(f) => return Ok(f),
                Err(TryError::Transient(m)) => (m, true, false),
                Err(TryError::Unreachable(m)) => (m, false, true),
                Err(TryError::Final(m)) => (m, false, false),
            };
            if !retryable || attempt >= self.opts.retries {
                let tries = attempt + 1;
                return Err(FetchError {
                    url: url.to_string(),
                    message: format!(
                        "{message} (after {tries} tr{})",
                        if tries == 1 { "y" } else { "ies" }
                    ),
                    unreachable,
                });
            }
            attempt += 1;
            std::thread::sleep(wait);
            wait *= 2;
        }
    }

    /// One try. The error says whether trying again may help.
    fn try_get(
        &self,
        url: &str,
        cached: Option<&Validators>,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<Fetched, TryError> {
        let mut req = self.agent.get(url);
        if let Some(v) = cached {
            if let Some(etag) = &v.etag {
                req = req.header("If-None-Match", etag);
            }
            if let Some(lm) = &v.last_modified {
                req = req.header("If-Modified-Since", lm);
            }
        }
        let mut resp = req.call().map_err(classify)?;
        let status = resp.status().as_u16();
        match status {
            200 => {}
            304 => return Ok(Fetched::NotModified),
            404 | 410 => return Ok(Fetched::NotFound),
            429 | 500..=599 => {
                return Err(TryError::Transient(format!(
                    "server answered HTTP {status}"
                )));
            }
            _ => return Err(TryError::Final(format!("server answered HTTP {status}"))),
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let total: Option<u64> = header("content-length").and_then(|v| v.parse().ok());
        if let Some(t) = total.filter(|&t| t > self.opts.max_bytes) {
            return Err(TryError::Final(format!(
                "file is {t} bytes, over the limit of {} bytes",
                self.opts.max_bytes
            )));
        }
        let mut reader = resp
            .body_mut()
            .with_config()
            .limit(self.opts.max_bytes.saturating_add(1))
            .reader();
        let mut data = Vec::with_capacity(total.unwrap_or(1 << 20).min(1 << 28) as usize);
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = reader.read(&mut buf).map_err(|e| {
                TryError::Transient(format!(
                    "download broke off after {} bytes: {e}",
                    data.len()
                ))
            })?;
            if n == 0 {
                break;
            }
            data.extend_from_slice(&buf[..n]);
            if data.len() as u64 > self.opts.max_bytes {
                return Err(TryError::Final(format!(
                    "file is over the limit of {} bytes",
                    self.opts.max_bytes
                )));
            }
            progress(data.len() as u64, total);
        }
        if let Some(t) = total.filter(|&t| t != data.len() as u64) {
            return Err(TryError::Transient(format!(
                "download broke off: got {} of {t} bytes",
                data.len()
            )));
        }
        Ok(Fetched::Body { data, validators })
    }
}

/// Checks, all at once, whether each address's server answers at all (any HTTP status
/// counts), within `timeout`. Used to find out quickly whether there is a network before a
/// long download; goes through the same proxy settings as downloads.
pub fn probe(urls: &[String], timeout: Duration) -> Vec<Result<(), String>> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .build();
    let agent: ureq::Agent = config.into();
    std::thread::scope(|scope| {
        let handles: Vec<_> = urls
            .iter()
            .map(|u| {
                let agent = agent.clone();
                scope.spawn(move || match agent.head(u).call() {
                    Ok(_) => Ok(()),
                    Err(e) => Err(match classify(e) {
                        TryError::Transient(m) | TryError::Unreachable(m) | TryError::Final(m) => m,
                    }),
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err("probe failed".to_string())))
            .collect()
    })
}

/// Sorts a failed request: a host that cannot be reached (its name does not resolve, it
/// refuses the connection, there is no route to it) is final; timeouts and other I/O errors
/// may pass.
fn classify(e: ureq::Error) -> TryError {
    use std::io::ErrorKind;
    match &e {
        ureq::Error::HostNotFound => {
            TryError::Unreachable("host name not resolved (no network, or no DNS)".to_string())
        }
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => {
                TryError::Unreachable(format!("connection refused ({io})"))
            }
            ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable => {
                TryError::Unreachable(format!("no route to the host ({io})"))
            }
            _ if is_name_resolution(io) => TryError::Unreachable(format!(
                "host name not resolved, no network or no DNS ({io})"
            )),
            _ => TryError::Transient(e.to_string()),
        },
        ureq::Error::Timeout(_) | ureq::Error::ConnectionFailed => {
            TryError::Transient(e.to_string())
        }
        _ => TryError::Final(e.to_string()),
    }
}

/// The system resolver's failure, which std reports as an uncategorised I/O error.
fn is_name_resolution(io: &std::io::Error) -> bool {
    let text = io.to_string().to_ascii_lowercase();
    [
        "failed to lookup address",
        "name or service not known",
        "name resolution",
        "nodename nor servname",
        "no address associated",
        "no such host",
    ]
    .iter()
    .any(|m| text.contains(m))
}
