//! zeef on NATS JetStream, against a real `nats-server -js` (each test starts its own on a
//! free loopback port, with its own store; nothing is mocked): replicas that swap to a newly
//! published snapshot and keep serving while NATS is down, a distributed batch that loses a
//! worker to SIGKILL and still writes what a local batch writes, and a poison message that
//! goes to the dead letters without blocking the queue. Where `nats-server` is not installed
//! the tests skip with a notice, unless ZEEF_REQUIRE_NATS is set (CI sets it).

mod common;

use common::{ok, zeef};
use serde_json::Value;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `nats-server -js` of the test's own, stopped when dropped.
struct NatsServer {
    child: Child,
    port: u16,
    store: PathBuf,
}

impl NatsServer {
    fn start(store: &Path) -> Option<NatsServer> {
        let port = free_port();
        let child = match Command::new("nats-server")
            .args(["-a", "127.0.0.1", "-p", &port.to_string(), "-js", "-sd"])
            .arg(store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => {
                assert!(
                    std::env::var_os("ZEEF_REQUIRE_NATS").is_none(),
                    "nats-server cannot be started ({e}) but ZEEF_REQUIRE_NATS is set"
                );
                eprintln!("skipped: nats-server is not installed ({e})");
                return None;
            }
        };
        let server = NatsServer {
            child,
            port,
            store: store.to_path_buf(),
        };
        server.wait_up();
        Some(server)
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    fn wait_up(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "nats-server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts it again on the same port and store.
    fn restart(&mut self) {
        self.stop();
        self.child = Command::new("nats-server")
            .args([
                "-a",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-js",
                "-sd",
            ])
            .arg(&self.store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server starts again");
        self.wait_up();
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A process killed when dropped (replicas, workers).
struct Background(Child);

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn spawn(data: &Path, args: &[&str], log: &Path) -> Background {
    let log = std::fs::File::create(log).unwrap();
    Background(
        common::command(data, args)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("zeef starts"),
    )
}

/// Writes one fictional FtM source: `<mirror>/<source>/entities.ftm.json`.
fn write_source(mirror: &Path, source: &str, lines: &[String]) {
    let dir = mirror.join(source);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("entities.ftm.json"), lines.join("\n") + "\n").unwrap();
}

fn person(id: &str, name: &str, born: &str) -> String {
    format!(
        r#"{{"id":"{id}","schema":"Person","properties":{{"name":["{name}"],"birthDate":["{born}"]}}}}"#
    )
}

/// Publishes fictional source `alpha` holding `people` from data directory `tmp/data`
/// (its mirror `tmp/mirror`); returns the data directory.
fn publish_alpha(tmp: &Path, url: &str, people: &[String]) -> PathBuf {
    let data = tmp.join("data");
    let mirror = tmp.join("mirror");
    write_source(&mirror, "alpha", people);
    let m = mirror.to_str().unwrap();
    ok(zeef(
        &data,
        &["update", "--from", m, "--force", "--publish", url],
    ));
    data
}

/// `GET http://127.0.0.1:PORT/PATH` over a plain socket: status and body.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n")?.1;
    // Chunked bodies: the JSON object lies between the first `{` and the last `}`.
    let body = match (body.find('{'), body.rfind('}')) {
        (Some(a), Some(b)) if a < b => body[a..=b].to_string(),
        _ => body.to_string(),
    };
    Some((status, body))
}

fn readyz(port: u16) -> Option<Value> {
    let (status, body) = get(port, "/readyz")?;
    (status == 200).then(|| serde_json::from_str(&body).ok())?
}

/// Waits until the replica on `port` serves `snapshot`; fails after `secs`.
fn wait_serving(port: u16, snapshot: &str, secs: u64, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if readyz(port).is_some_and(|r| r["snapshot"] == snapshot) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the replica on port {port} does not serve {snapshot}: {:?}\n{}",
            readyz(port),
            std::fs::read_to_string(log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn current(data: &Path) -> String {
    std::fs::read_to_string(data.join("CURRENT"))
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn replicas_swap_to_a_published_snapshot_and_keep_serving_while_nats_is_down() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(mut nats) = NatsServer::start(&tmp.path().join("nats")) else {
        return;
    };
    let url = nats.url();
    let data = tmp.path().join("data");
    let mirror = tmp.path().join("mirror");
    write_source(
        &mirror,
        "alpha",
        &[
            person("a1", "Bartholomew Quillfeather", "1955"),
            person("a2", "Evander Moonstrike", "1970-01-09"),
        ],
    );
    let m = mirror.to_str().unwrap();
    ok(zeef(&data, &["update", "--from", m, "--publish", &url]));
    let first = current(&data);

    let ports = [free_port(), free_port()];
    let mut replicas = Vec::new();
    for (i, port) in ports.iter().enumerate() {
        let listen = format!("127.0.0.1:{port}");
        let log = tmp.path().join(format!("replica{i}.log"));
        // Each replica has a data directory of its own, empty: all it serves comes from NATS.
        let own = tmp.path().join(format!("replica{i}"));
        replicas.push(spawn(
            &own,
            &["serve", "--listen", &listen, "--nats", &url],
            &log,
        ));
        wait_serving(*port, &first, 60, &log);
    }
    let ready = readyz(ports[0]).unwrap();
    assert_eq!(ready["nats"]["connected"], true, "{ready}");
    assert_eq!(ready["nats"]["published"], first.as_str(), "{ready}");

    // A new snapshot (one listing added) reaches both replicas.
    write_source(
        &mirror,
        "alpha",
        &[
            person("a1", "Bartholomew Quillfeather", "1955"),
            person("a2", "Evander Moonstrike", "1970-01-09"),
            person("a3", "Philippa Underhay", "1948"),
        ],
    );
    ok(zeef(&data, &["update", "--from", m, "--publish", &url]));
    let second = current(&data);
    assert_ne!(first, second);
    for (i, port) in ports.iter().enumerate() {
        let log = tmp.path().join(format!("replica{i}.log"));
        wait_serving(*port, &second, 60, &log);
        let ready = readyz(*port).unwrap();
        assert_eq!(ready["entities"], 3, "{ready}");
        let (status, body) = get(*port, "/entities/alpha-a3").unwrap();
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("Philippa Underhay"), "{body}");
    }
    let metrics = get(ports[1], "/metrics").unwrap().1;
    assert!(metrics.contains("zeef_nats_connected 1"), "{metrics}");

    // NATS goes away: the replicas keep serving the snapshot they have, and say so.
    nats.stop();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = readyz(ports[0]).expect("still ready without NATS");
        assert_eq!(ready["snapshot"], second.as_str());
        if ready["nats"]["connected"] == false {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never reported disconnected: {ready}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // Back, it catches up with what is published next.
    nats.restart();
    write_source(
        &mirror,
        "alpha",
        &[person("a1", "Bartholomew Quillfeather", "1955")],
    );
    ok(zeef(
        &data,
        &["update", "--from", m, "--force", "--publish", &url],
    ));
    let third = current(&data);
    wait_serving(ports[0], &third, 60, &tmp.path().join("replica0.log"));
    drop(replicas);
}

/// The first `rows` rows of the shared multi-script negatives, or None (with a notice)
/// where the shared data is absent.
fn negatives(rows: usize, to: &Path) -> Option<()> {
    let shared = zeef_lists::shared::dir()?;
    let text =
        std::fs::read_to_string(shared.join("eval-dev/screening/negatives_global_dev.csv")).ok()?;
    let head: Vec<&str> = text.lines().take(rows + 1).collect();
    std::fs::write(to, head.join("\n") + "\n").unwrap();
    Some(())
}

#[test]
fn a_distributed_batch_with_a_worker_killed_writes_what_a_local_batch_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("subjects.csv");
    let (Some(lists), Some(())) = (
        zeef_lists::shared::dir().map(|s| s.join("data/lists")),
        negatives(3000, &input),
    ) else {
        eprintln!("skipped: no shared lists and negatives (set ZEEF_SHARED)");
        return;
    };
    let Some(nats) = NatsServer::start(&tmp.path().join("nats")) else {
        return;
    };
    let url = nats.url();
    let data = tmp.path().join("data");
    ok(zeef(
        &data,
        &[
            "update",
            "--from",
            lists.to_str().unwrap(),
            "--publish",
            &url,
        ],
    ));
    let local = tmp.path().join("local.jsonl");
    let input_s = input.to_str().unwrap();
    ok(zeef(
        &data,
        &[
            "batch",
            "--input",
            input_s,
            "--output",
            local.to_str().unwrap(),
        ],
    ));

    let worker = |i: usize| {
        let own = tmp.path().join(format!("worker{i}"));
        let log = tmp.path().join(format!("worker{i}.log"));
        let name = format!("w{i}");
        spawn(&own, &["worker", "--nats", &url, "--name", &name], &log)
    };
    let mut first = worker(0);
    let out = tmp.path().join("distributed.jsonl");
    let coordinator = Command::new(env!("CARGO_BIN_EXE_zeef"))
        .env("ZEEF_OFFLINE", "1")
        .args(["batch", "--input", input_s, "--output"])
        .arg(&out)
        .args(["--nats", &url, "--chunk-rows", "50"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Worker 0 takes the first chunk, then downloads the snapshot and builds its index
    // (a second or more); worker 1 starts meanwhile, and worker 0 is killed with the chunk
    // in hand.
    let deadline = Instant::now() + Duration::from_secs(120);
    let log0 = tmp.path().join("worker0.log");
    while !std::fs::read_to_string(&log0)
        .unwrap_or_default()
        .contains("chunk 0 of job")
    {
        assert!(Instant::now() < deadline, "worker 0 took no chunk");
        std::thread::sleep(Duration::from_millis(10));
    }
    let _second = worker(1);
    let pid = first.0.id().to_string();
    let status = Command::new("kill").args(["-KILL", &pid]).status().unwrap();
    assert!(status.success());
    let _ = first.0.wait();
    let done = coordinator.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    assert!(stderr.contains("3000 rows screened"), "{stderr}");
    let local = std::fs::read(&local).unwrap();
    let distributed = std::fs::read(&out).unwrap();
    assert_eq!(
        local.iter().filter(|&&b| b == b'\n').count(),
        3000,
        "one line per row"
    );
    assert!(
        local == distributed,
        "the distributed output differs from the local one:\n{stderr}"
    );
    // The chunk the killed worker held was screened again by the other one.
    let survivor = std::fs::read_to_string(tmp.path().join("worker1.log")).unwrap();
    assert!(
        survivor.contains("delivered 2 times"),
        "{survivor}\n{stderr}"
    );
    let letters: Value = serde_json::from_str(&ok(zeef(
        &data,
        &["dead-letters", "--nats", &url, "--json"],
    )))
    .unwrap();
    assert_eq!(letters, serde_json::json!([]));
}

#[test]
fn a_poison_message_goes_to_the_dead_letters_and_the_queue_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(nats) = NatsServer::start(&tmp.path().join("nats")) else {
        return;
    };
    let url = nats.url();
    let data = publish_alpha(
        tmp.path(),
        &url,
        &[person("a1", "Bartholomew Quillfeather", "1955")],
    );
    let _worker = spawn(
        &tmp.path().join("worker"),
        &["worker", "--nats", &url],
        &tmp.path().join("worker.log"),
    );
    // A message on the work queue that is not a chunk, as another system might send.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let n = zeef_nats::Nats::connect(&url).await.unwrap();
        n.work_stream().await.unwrap();
        n.js.publish(
            zeef_nats::batch::work_subject("other"),
            "{not a chunk".into(),
        )
        .await
        .unwrap()
        .await
        .unwrap();
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let letters = loop {
        let letters: Value = serde_json::from_str(&ok(zeef(
            &data,
            &["dead-letters", "--nats", &url, "--json"],
        )))
        .unwrap();
        if letters.as_array().is_some_and(|l| !l.is_empty()) {
            break letters;
        }
        assert!(
            Instant::now() < deadline,
            "no dead letter: {}",
            std::fs::read_to_string(tmp.path().join("worker.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let letter = &letters[0];
    assert_eq!(letter["subject"], "zeef.dead.work", "{letter}");
    assert_eq!(letter["origin_subject"], "zeef.work.other", "{letter}");
    assert_eq!(letter["payload"], "{not a chunk", "{letter}");
    assert!(
        letter["reason"]
            .as_str()
            .unwrap()
            .starts_with("malformed chunk"),
        "{letter}"
    );
    // The queue is not blocked: a batch behind the poison message is screened.
    let input = tmp.path().join("subjects.csv");
    std::fs::write(
        &input,
        "full_name\nBartholomew Quillfeather\nNobody Atall\n",
    )
    .unwrap();
    let out = ok(zeef(
        &data,
        &["batch", "--input", input.to_str().unwrap(), "--nats", &url],
    ));
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0]["results"][0]["record_id"], "alpha-a1",
        "{}",
        lines[0]
    );
}

#[test]
fn an_unreachable_nats_is_named_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let url = format!("nats://127.0.0.1:{}", free_port());
    let mirror = tmp.path().join("mirror");
    write_source(
        &mirror,
        "alpha",
        &[person("a1", "Bartholomew Quillfeather", "1955")],
    );
    let out = zeef(
        &data,
        &[
            "update",
            "--from",
            mirror.to_str().unwrap(),
            "--publish",
            &url,
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains(&format!("cannot reach NATS at {url}")),
        "{stderr}"
    );
    // Nothing was updated.
    assert!(!data.join("CURRENT").exists());
    let input = tmp.path().join("subjects.csv");
    std::fs::write(&input, "full_name\nBartholomew Quillfeather\n").unwrap();
    let out = zeef(
        &data,
        &["batch", "--input", input.to_str().unwrap(), "--nats", &url],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("cannot reach NATS"), "{stderr}");
}

#[test]
fn watch_screens_what_changed_against_the_subjects_and_publishes_the_alerts() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(nats) = NatsServer::start(&tmp.path().join("nats")) else {
        return;
    };
    let url = nats.url();
    let data = tmp.path().join("data");
    let mirror = tmp.path().join("mirror");
    let m = mirror.to_str().unwrap();
    let publish = |people: &[String]| {
        write_source(&mirror, "alpha", people);
        ok(zeef(
            &data,
            &["update", "--from", m, "--force", "--publish", &url],
        ));
        current(&data)
    };
    let quillfeather = person("a1", "Bartholomew Quillfeather", "1955");
    let moonstrike = person("a2", "Evander Moonstrike", "1970-01-09");
    let underhay = person("a3", "Philippa Underhay", "1948");
    let first = publish(&[quillfeather.clone(), moonstrike.clone()]);
    // Moonstrike is delisted, Underhay listed.
    let second = publish(&[quillfeather.clone(), underhay.clone()]);
    let subjects = tmp.path().join("customers.csv");
    std::fs::write(
        &subjects,
        "id,full_name,date_of_birth\nc1,Philippa Underhay,1948\nc2,Evander Moonstrike,1970-01-09\nc3,Ordinary Person,1990\nc4,Филиппа Андерхей,1948\n",
    )
    .unwrap();
    let s = subjects.to_str().unwrap();
    let watch_data = tmp.path().join("watcher");
    let out = tmp.path().join("alerts.jsonl");
    let o = out.to_str().unwrap();
    ok(zeef(
        &watch_data,
        &[
            "watch",
            "--subjects",
            s,
            "--nats",
            &url,
            "--since",
            &first,
            "--once",
            "--output",
            o,
        ],
    ));
    let events: Vec<Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let seen: std::collections::BTreeSet<(String, String, String)> = events
        .iter()
        .map(|e| {
            assert_eq!(e["snapshot"], second.as_str(), "{e}");
            assert_eq!(e["previous_snapshot"], first.as_str(), "{e}");
            (
                e["subject_id"].as_str().unwrap().to_string(),
                e["entity_id"].as_str().unwrap().to_string(),
                e["change"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // The same alert changes `zeef rescreen` finds by screening every subject forward.
    let forward = ok(zeef(
        &data,
        &["rescreen", "--input", s, "--since", &first, "--by-record"],
    ));
    let expected: std::collections::BTreeSet<(String, String, String)> = forward
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["entity_id"].as_str().unwrap().to_string(),
                e["change"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(seen, expected);
    for want in [
        ("c1", "alpha-a3", "new_alert"),
        ("c2", "alpha-a2", "alert_gone"),
    ] {
        let want = (want.0.to_string(), want.1.to_string(), want.2.to_string());
        assert!(seen.contains(&want), "{want:?} not in {seen:?}");
    }
    assert!(!seen.iter().any(|s| s.0 == "c3"), "{seen:?}");

    // The alerts are on the stream, one message each.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let on_stream = rt.block_on(async {
        let n = zeef_nats::Nats::connect(&url).await.unwrap();
        let mut s = n.alerts_stream().await.unwrap();
        s.info().await.unwrap().state.messages
    });
    assert_eq!(on_stream as usize, events.len());

    // Running, it handles each new snapshot from where it stopped: Moonstrike listed again.
    let log = tmp.path().join("watch.log");
    let _watch = spawn(
        &watch_data,
        &["watch", "--subjects", s, "--nats", &url, "--output", o],
        &log,
    );
    std::thread::sleep(Duration::from_millis(500));
    let third = publish(&[quillfeather, underhay, moonstrike]);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let text = std::fs::read_to_string(&out).unwrap();
        if let Some(line) = text.lines().find(|l| l.contains(&third)) {
            let e: Value = serde_json::from_str(line).unwrap();
            assert_eq!(e["subject_id"], "c2", "{e}");
            assert_eq!(e["change"], "new_alert", "{e}");
            assert_eq!(e["previous_snapshot"], second.as_str(), "{e}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no alert for {third}: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_recorded_distributed_batch_records_every_row_as_a_local_one_does() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(nats) = NatsServer::start(&tmp.path().join("nats")) else {
        return;
    };
    let url = nats.url();
    let data = publish_alpha(
        tmp.path(),
        &url,
        &[
            person("a1", "Bartholomew Quillfeather", "1955"),
            person("a2", "Evander Moonstrike", "1970-01-09"),
        ],
    );
    let input = tmp.path().join("subjects.csv");
    let mut rows = String::from("full_name,date_of_birth\n");
    for i in 0..120 {
        let name = match i % 3 {
            0 => "Bartholomew Quillfeather",
            1 => "Evander Moonstryke",
            _ => "Ordinary Person",
        };
        rows.push_str(&format!("{name},19{:02}\n", 40 + i % 50));
    }
    std::fs::write(&input, rows).unwrap();
    let input_s = input.to_str().unwrap();
    let (local_db, shared_db) = (
        tmp.path().join("local.sqlite"),
        tmp.path().join("shared.sqlite"),
    );
    let local = ok(zeef(
        &data,
        &[
            "batch",
            "--input",
            input_s,
            "--record",
            "--database",
            local_db.to_str().unwrap(),
        ],
    ));

    // A worker without an audit store cannot take a recorded job: the coordinator says why.
    let bare = spawn(
        &tmp.path().join("bare"),
        &["worker", "--nats", &url],
        &tmp.path().join("bare.log"),
    );
    let refused = zeef(
        &data,
        &[
            "batch",
            "--input",
            input_s,
            "--record",
            "--nats",
            &url,
            "--chunk-rows",
            "50",
        ],
    );
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "{stderr}");
    assert!(
        stderr.contains("this worker has no audit store"),
        "{stderr}"
    );
    drop(bare);

    let _worker = spawn(
        &tmp.path().join("recording"),
        &[
            "worker",
            "--nats",
            &url,
            "--database",
            shared_db.to_str().unwrap(),
        ],
        &tmp.path().join("recording.log"),
    );
    let distributed = ok(zeef(
        &data,
        &[
            "batch",
            "--input",
            input_s,
            "--record",
            "--nats",
            &url,
            "--chunk-rows",
            "50",
        ],
    ));
    assert_eq!(local, distributed);
    assert!(
        distributed.contains("\"subject_id\":\"subjects.csv:row-1\""),
        "{distributed}"
    );
    let verified = ok(zeef(
        &data,
        &["audit", "verify", "--database", shared_db.to_str().unwrap()],
    ));
    assert!(verified.contains("120 screening records"), "{verified}");
}
