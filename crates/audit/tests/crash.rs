//! Durability under SIGKILL: a child process appends batches and prints each acknowledged
//! record; it is killed at random points, and every acknowledged record must still be there
//! and the chain must still verify.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::TestStore;

/// xorshift64*: enough randomness for kill timing, seeded per run (printed for replay).
struct Rng(u64);

impl Rng {
    fn seeded() -> Self {
        let seed = std::env::var("ZEEF_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
            });
        eprintln!("crash test seed: {seed} (set ZEEF_CRASH_SEED to replay)");
        Rng(seed | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// One run of the writer, killed after `delay` (counted from its first acknowledgement when
/// `after_first_ack`). Returns the acknowledged (seq, subject id) pairs.
fn run_and_kill(t: &TestStore, delay: Duration, after_first_ack: bool) -> Vec<(i64, String)> {
    let (location, schema) = t.location();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zeef-audit-writer"));
    cmd.arg(&location)
        .args(["--batch", "25"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if let Some(schema) = schema {
        cmd.args(["--schema", &schema]);
    }
    let mut child = cmd.spawn().expect("spawn zeef-audit-writer");
    let stdout = child.stdout.take().expect("child stdout");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let mut parts = line.split_whitespace();
            let (Some("ack"), Some(seq), Some(subject)) =
                (parts.next(), parts.next(), parts.next())
            else {
                panic!("unexpected writer output {line:?}");
            };
            let seq: i64 = seq.parse().expect("numeric seq");
            if tx.send((seq, subject.to_owned())).is_err() {
                break;
            }
        }
    });
    let mut acked = Vec::new();
    if after_first_ack {
        let first = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("writer acknowledged nothing within 30 s");
        acked.push(first);
    }
    std::thread::sleep(delay);
    child.kill().expect("SIGKILL the writer"); // Child::kill sends SIGKILL on Unix.
    let status = child.wait().expect("reap the writer");
    assert!(
        !status.success(),
        "the writer was killed, not finished: {status:?}"
    );
    reader.join().expect("reader thread");
    acked.extend(rx.try_iter());
    acked
}

fn crash_many_times(t: &TestStore, iterations: usize) {
    let mut rng = Rng::seeded();
    let mut all_acked = 0usize;
    let started = Instant::now();
    for i in 0..iterations {
        let delay = Duration::from_millis(rng.below(120));
        let acked = run_and_kill(t, delay, i % 3 != 0);
        let verified = t
            .store
            .verify()
            .unwrap_or_else(|e| panic!("iteration {i}: chain broken after SIGKILL: {e}"));
        for (seq, subject) in &acked {
            let found = t.store.latest_record(subject).expect("read back");
            assert_eq!(
                found.map(|r| r.seq),
                Some(*seq),
                "iteration {i}: acknowledged record {subject} (#{seq}) is missing after SIGKILL"
            );
        }
        let head = verified.head.map(|h| h.seq).unwrap_or(0);
        assert!(acked.iter().all(|(seq, _)| *seq <= head));
        all_acked += acked.len();
    }
    let v = t.store.verify().expect("final verify");
    eprintln!(
        "{iterations} SIGKILLs in {:.1} s: {all_acked} acknowledged records, {} entries in the chain, all present",
        started.elapsed().as_secs_f64(),
        v.entries
    );
    assert!(
        all_acked > 0,
        "the writer never got to acknowledge anything"
    );
    assert!(v.entries as usize >= all_acked);
}

#[test]
fn sqlite_survives_50_sigkills() {
    crash_many_times(&TestStore::sqlite(), 50);
}

#[test]
fn postgres_survives_15_sigkills() {
    let Some(t) = TestStore::postgres() else {
        return;
    };
    crash_many_times(&t, 15);
}
