//! A tiny HTTP/1.1 server on 127.0.0.1 for download tests: no network beyond loopback.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// A request as the handler sees it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the handler answers: status, extra headers, body. `None` hangs up without answering.
pub type Response = Option<(u16, Vec<(String, String)>, Vec<u8>)>;

/// A running server; requests it saw are kept in `log`.
pub struct Server {
    pub base: String,
    pub log: Arc<Mutex<Vec<Request>>>,
}

pub fn serve<F>(handler: F) -> Server
where
    F: Fn(&Request) -> Response + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let log = Arc::new(Mutex::new(Vec::new()));
    let log2 = log.clone();
    let handler = Arc::new(handler);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let handler = handler.clone();
            let log = log2.clone();
            thread::spawn(move || handle(stream, &*handler, &log));
        }
    });
    Server { base, log }
}

fn handle(
    mut stream: TcpStream,
    handler: &dyn Fn(&Request) -> Response,
    log: &Mutex<Vec<Request>>,
) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.trim().split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let req = Request { path, headers };
    log.lock().expect("log").push(req.clone());
    let Some((status, extra, body)) = handler(&req) else {
        return;
    };
    let mut head = format!("HTTP/1.1 {status} X\r\nConnection: close\r\n");
    if !extra
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}
