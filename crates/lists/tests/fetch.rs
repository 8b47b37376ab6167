//! Downloads against a server on 127.0.0.1: retries, conditional requests, limits, timeouts.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use zeef_lists::fetch::{FetchOptions, Fetched, Fetcher, Validators};

fn quick() -> FetchOptions {
    FetchOptions {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(2),
        retries: 2,
        backoff: Duration::from_millis(10),
        max_bytes: 1000,
    }
}

fn no_progress() -> impl FnMut(u64, Option<u64>) {
    |_, _| {}
}

#[test]
fn retries_server_errors_then_succeeds() {
    let hits = AtomicUsize::new(0);
    let srv = support::serve(move |_| {
        if hits.fetch_add(1, Ordering::SeqCst) < 2 {
            Some((503, vec![], b"busy".to_vec()))
        } else {
            Some((
                200,
                vec![("ETag".into(), "\"v1\"".into())],
                b"hello".to_vec(),
            ))
        }
    });
    let f = Fetcher::new(quick());
    let got = f
        .get(&format!("{}/x", srv.base), None, &mut no_progress())
        .unwrap();
    match got {
        Fetched::Body { data, validators } => {
            assert_eq!(data, b"hello");
            assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
        }
        other => panic!("expected a body, got {other:?}"),
    }
    assert_eq!(srv.log.lock().unwrap().len(), 3);
}

#[test]
fn gives_up_after_retries_and_names_the_url() {
    let srv = support::serve(|_| Some((500, vec![], vec![])));
    let f = Fetcher::new(quick());
    let url = format!("{}/sdn.csv", srv.base);
    let err = f.get(&url, None, &mut no_progress()).unwrap_err();
    assert!(err.to_string().contains(&url), "{err}");
    assert!(err.to_string().contains("HTTP 500"), "{err}");
    assert_eq!(srv.log.lock().unwrap().len(), 3, "one try and two retries");
}

#[test]
fn client_errors_are_not_retried() {
    let srv = support::serve(|_| Some((403, vec![], vec![])));
    let err = Fetcher::new(quick())
        .get(&format!("{}/x", srv.base), None, &mut no_progress())
        .unwrap_err();
    assert!(err.to_string().contains("HTTP 403"));
    assert_eq!(srv.log.lock().unwrap().len(), 1);
}

#[test]
fn conditional_request_gets_not_modified() {
    let srv = support::serve(|req| match req.header("If-None-Match") {
        Some("\"v1\"") => Some((304, vec![], vec![])),
        _ => Some((
            200,
            vec![("ETag".into(), "\"v1\"".into())],
            b"data".to_vec(),
        )),
    });
    let f = Fetcher::new(quick());
    let cached = Validators {
        etag: Some("\"v1\"".into()),
        last_modified: None,
    };
    let got = f
        .get(
            &format!("{}/x", srv.base),
            Some(&cached),
            &mut no_progress(),
        )
        .unwrap();
    assert!(matches!(got, Fetched::NotModified), "{got:?}");
}

#[test]
fn not_found_is_reported_as_such() {
    let srv = support::serve(|_| Some((404, vec![], vec![])));
    let got = Fetcher::new(quick())
        .get(&format!("{}/x", srv.base), None, &mut no_progress())
        .unwrap();
    assert!(matches!(got, Fetched::NotFound));
}

#[test]
fn size_limit_is_enforced() {
    let srv = support::serve(|_| Some((200, vec![], vec![b'a'; 5000])));
    let err = Fetcher::new(quick())
        .get(&format!("{}/x", srv.base), None, &mut no_progress())
        .unwrap_err();
    assert!(err.to_string().contains("over the limit"), "{err}");
}

#[test]
fn truncated_body_is_an_error() {
    // Announces 500 bytes, sends 10, hangs up.
    let srv = support::serve(|_| {
        Some((
            200,
            vec![("Content-Length".into(), "500".into())],
            vec![b'a'; 10],
        ))
    });
    let err = Fetcher::new(quick())
        .get(&format!("{}/x", srv.base), None, &mut no_progress())
        .unwrap_err();
    assert!(err.to_string().contains("broke off"), "{err}");
}

#[test]
fn hanging_server_times_out() {
    let srv = support::serve(|_| {
        std::thread::sleep(Duration::from_secs(5));
        None
    });
    let mut opts = quick();
    opts.retries = 0;
    opts.timeout = Duration::from_millis(300);
    let started = std::time::Instant::now();
    let err = Fetcher::new(opts)
        .get(&format!("{}/x", srv.base), None, &mut no_progress())
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        err.to_string().to_lowercase().contains("timeout") || err.to_string().contains("timed out"),
        "{err}"
    );
}

#[test]
fn progress_is_reported() {
    let srv = support::serve(|_| Some((200, vec![], vec![b'x'; 900])));
    let mut seen = Vec::new();
    Fetcher::new(quick())
        .get(&format!("{}/x", srv.base), None, &mut |done, total| {
            seen.push((done, total))
        })
        .unwrap();
    assert_eq!(seen.last(), Some(&(900, Some(900))));
}

/// A loopback port nothing listens on: bound, then released.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[test]
fn connection_refused_ends_the_fetch_at_once() {
    let f = Fetcher::new(FetchOptions {
        retries: 5,
        backoff: Duration::from_secs(30),
        ..quick()
    });
    let url = format!("http://127.0.0.1:{}/sdn.xml", closed_port());
    let err = f.get(&url, None, &mut no_progress()).unwrap_err();
    assert!(err.unreachable, "{err}");
    assert!(err.to_string().contains("connection refused"), "{err}");
    assert!(err.to_string().contains("after 1 try"), "{err}");
}

#[test]
fn an_unresolvable_name_ends_the_fetch_at_once() {
    let f = Fetcher::new(FetchOptions {
        retries: 5,
        backoff: Duration::from_secs(30),
        ..quick()
    });
    // `.invalid` never resolves (RFC 2606): no query leaves the machine with an answer.
    let err = f
        .get("http://nonexistent.invalid/x.xml", None, &mut no_progress())
        .unwrap_err();
    assert!(err.unreachable, "{err}");
    assert!(err.to_string().contains("not resolved"), "{err}");
    assert!(err.to_string().contains("after 1 try"), "{err}");
}

#[test]
fn server_errors_are_not_called_unreachable() {
    let srv = support::serve(|_| Some((503, vec![], vec![])));
    let err = Fetcher::new(quick())
        .get(&format!("{}/x", srv.base), None, &mut no_progress())
        .unwrap_err();
    assert!(!err.unreachable, "{err}");
    assert_eq!(srv.log.lock().unwrap().len(), 3, "5xx is still retried");
}

#[test]
fn probe_tells_answering_servers_from_unreachable_ones() {
    let srv = support::serve(|_| Some((404, vec![], vec![])));
    let urls = vec![
        format!("{}/x", srv.base),
        format!("http://127.0.0.1:{}/x", closed_port()),
        "http://nonexistent.invalid/x".to_string(),
    ];
    let got = zeef_lists::fetch::probe(&urls, Duration::from_secs(2));
    assert!(got[0].is_ok(), "{got:?}");
    assert!(got[1].as_ref().unwrap_err().contains("refused"), "{got:?}");
    assert!(
        got[2].as_ref().unwrap_err().contains("not resolved"),
        "{got:?}"
    );
}
