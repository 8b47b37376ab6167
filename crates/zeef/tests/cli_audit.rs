//! The audit trail as a user works with it: `zeef screen/batch --record`, `zeef review`,
//! `zeef audit`, `zeef report`, on small fictional lists loaded with `zeef update --from`,
//! each test run once on SQLite and once on PostgreSQL.
//!
//! PostgreSQL: `ZEEF_TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`),
//! a fresh schema per test (dropped afterwards); unreachable PostgreSQL fails the test unless
//! `ZEEF_SKIP_POSTGRES=1`.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use zeef_audit::AuditStore;

const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/test";

/// The fictional watchlist: source `watch`.
const WATCH: &str = r#"{"id":"w-1","schema":"Person","properties":{"name":["Ivor Quentin Blackwater"],"birthDate":["1961-04-03"]},"datasets":["watch"]}
{"id":"w-2","schema":"Organization","properties":{"name":["Larkspur Maritime Holdings"]},"datasets":["watch"]}
{"id":"w-3","schema":"Person","properties":{"name":["Odalys Fenwick-Marr"],"alias":["Odalys Marr"]},"datasets":["watch"]}
"#;

enum Backend {
    Sqlite,
    Postgres,
}

/// A data directory with the watchlist loaded, and an audit store of its own.
struct Env {
    tmp: tempfile::TempDir,
    data: PathBuf,
    mirror: PathBuf,
    /// PostgreSQL: (server URL, schema); SQLite: the default `<data>/audit.sqlite`.
    pg: Option<(String, String)>,
}

fn unique_name(prefix: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}_{}_{nanos}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

impl Env {
    /// `None` only for PostgreSQL with `ZEEF_SKIP_POSTGRES=1`.
    fn new(backend: Backend) -> Option<Env> {
        let pg = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => {
                if std::env::var("ZEEF_SKIP_POSTGRES").is_ok_and(|v| v == "1") {
                    eprintln!("ZEEF_SKIP_POSTGRES=1: PostgreSQL test skipped");
                    return None;
                }
                let url =
                    std::env::var("ZEEF_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_PG.into());
                let schema = unique_name("zeef_cli");
                // Creates the schema (and tables) the CLI then works in via `search_path`.
                if let Err(e) = AuditStore::open_postgres_in_schema(&url, &schema) {
                    panic!(
                        "PostgreSQL is not reachable at {url} ({e}). Start it, point \
                         ZEEF_TEST_DATABASE_URL at a server, or set ZEEF_SKIP_POSTGRES=1."
                    );
                }
                Some((url, schema))
            }
        };
        let tmp = tempfile::tempdir().expect("temp dir");
        let mirror = tmp.path().join("mirror");
        std::fs::create_dir_all(mirror.join("watch")).expect("mirror dir");
        std::fs::write(mirror.join("watch/entities.ftm.json"), WATCH).expect("watchlist");
        let env = Env {
            data: tmp.path().join("data"),
            mirror,
            tmp,
            pg,
        };
        env.ok(&["update", "--from", &env.mirror.display().to_string()]);
        Some(env)
    }

    /// The URL the CLI gets in `ZEEF_DATABASE_URL` (PostgreSQL only).
    fn database_url(&self) -> Option<String> {
        self.pg.as_ref().map(|(url, schema)| {
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}options=-csearch_path%3D{schema}")
        })
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_zeef"));
        c.arg("--data").arg(&self.data).args(args);
        match self.database_url() {
            Some(url) => c.env("ZEEF_DATABASE_URL", url),
            None => c.env_remove("ZEEF_DATABASE_URL"),
        };
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("zeef runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "zeef {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    fn json(&self, args: &[&str]) -> Value {
        let text = self.ok(args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}\n{text}"))
    }

    /// The store, opened behind the CLI's back.
    fn store(&self) -> AuditStore {
        match &self.pg {
            Some((url, schema)) => AuditStore::open_postgres_in_schema(url, schema),
            None => AuditStore::open_sqlite(&self.data.join("audit.sqlite")),
        }
        .expect("open the audit store")
    }

    /// Runs raw SQL on the store's database.
    fn tamper(&self, sql: &str) {
        match &self.pg {
            Some((url, schema)) => {
                let mut c = ::postgres::Client::connect(url, ::postgres::NoTls).expect("connect");
                c.batch_execute(&format!("SET search_path TO \"{schema}\"; {sql}"))
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
            }
            None => {
                let c = rusqlite::Connection::open(self.data.join("audit.sqlite")).expect("open");
                c.execute_batch(sql)
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
            }
        }
    }

    /// Rewrites the watchlist and loads it as a newer snapshot.
    fn update_watchlist(&self, text: &str) {
        self.update_list("watch", text);
    }

    /// Writes list `source` of the mirror (a new one, or over the old) and loads the mirror
    /// as a newer snapshot.
    fn update_list(&self, source: &str, text: &str) {
        let dir = self.mirror.join(source);
        std::fs::create_dir_all(&dir).expect("mirror dir");
        std::fs::write(dir.join("entities.ftm.json"), text).expect("list");
        // Snapshot ids have one-second resolution.
        std::thread::sleep(Duration::from_millis(1100));
        self.ok(&["update", "--from", &self.mirror.display().to_string()]);
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some((url, schema)) = &self.pg
            && let Ok(mut c) = ::postgres::Client::connect(url, ::postgres::NoTls)
        {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
        }
    }
}

macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { let Some(e) = super::Env::new(super::Backend::Sqlite) else { return }; super::$name(&e); } )*
        }
        mod postgres {
            $( #[test] fn $name() { let Some(e) = super::Env::new(super::Backend::Postgres) else { return }; super::$name(&e); } )*
        }
    };
}

on_both_stores!(
    false_positive_is_suppressed_until_the_listed_entity_changes,
    false_positive_on_a_resolved_entity_covers_its_listings,
    verify_names_the_edited_record,
    sigkill_during_recorded_batch_loses_nothing_acknowledged,
    report_on_a_partner_file,
    recorded_rescreen_files_every_subject,
);

fn screen_json(e: &Env, subject: &str) -> Value {
    e.json(&[
        "screen",
        "Ivor Blackwater",
        "--birth-date",
        "1961",
        "--record",
        "--subject-id",
        subject,
        "--json",
    ])
}

fn result<'a>(v: &'a Value, entity: &str) -> &'a Value {
    v["results"]
        .as_array()
        // A result names its resolved entity; the listed record is its `record_id`.
        .and_then(|r| {
            r.iter()
                .find(|x| x["record_id"] == entity || x["id"] == entity)
        })
        .unwrap_or_else(|| panic!("{entity} in {v:#}"))
}

fn false_positive_is_suppressed_until_the_listed_entity_changes(e: &Env) {
    let first = screen_json(e, "C-100");
    assert_eq!(first["alerts"], 1, "{first:#}");
    assert!(result(&first, "watch-w-1").get("suppressed").is_none());
    let open: Value = e.json(&["review", "--json"]);
    assert_eq!(open.as_array().map(Vec::len), Some(1), "{open:#}");
    assert_eq!(open[0]["subject_id"], "C-100");
    assert_eq!(open[0]["entity_id"], "watch-w-1");
    assert_eq!(open[0]["reason"]["state"], "undecided");

    // A decision on something never screened is refused, naming it.
    let bad = e.run(&[
        "review",
        "decide",
        "--subject",
        "C-999",
        "--entity",
        "watch-w-1",
        "--decision",
        "false-positive",
        "--reviewer",
        "alice",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("C-999"));

    let decided = e.ok(&[
        "review",
        "decide",
        "--subject",
        "C-100",
        "--entity",
        "watch-w-1",
        "--decision",
        "false-positive",
        "--reviewer",
        "alice",
        "--note",
        "born 1990, other person",
    ]);
    assert!(decided.contains("entry #2"), "{decided}");
    assert_eq!(e.json(&["review", "--json"]), serde_json::json!([]));

    // Re-screened: still a match by score, but suppressed and not counted as an alert.
    let again = screen_json(e, "C-100");
    let w1 = result(&again, "watch-w-1");
    assert_eq!(w1["match"], true);
    assert_eq!(w1["suppressed"]["decision"], "false-positive");
    assert_eq!(w1["suppressed"]["reviewer"], "alice");
    assert!(
        w1["suppressed"]["decided_at"]
            .as_str()
            .is_some_and(|d| d.len() > 10)
    );
    assert_eq!(again["alerts"], 0);
    let table = e.ok(&[
        "screen",
        "Ivor Blackwater",
        "--birth-date",
        "1961",
        "--subject-id",
        "C-100",
    ]);
    assert!(
        table.contains("(suppressed: false positive by alice on 20"),
        "{table}"
    );
    // Another subject with the same name is not covered by C-100's decision.
    assert_eq!(screen_json(e, "C-200")["alerts"], 1);

    // A newer list where the listed person gained an alias: the alert returns, saying why.
    e.update_watchlist(&WATCH.replace(
        r#""birthDate":["1961-04-03"]"#,
        r#""birthDate":["1961-04-03"],"alias":["Ivo Q. Blackwater"]"#,
    ));
    let returned = screen_json(e, "C-100");
    let w1 = result(&returned, "watch-w-1");
    assert!(w1.get("suppressed").is_none(), "{w1:#}");
    assert_eq!(
        w1["returned"],
        serde_json::json!(["listed entity gained alias \"Ivo Q. Blackwater\""])
    );
    assert_eq!(w1["previous_decision"]["reviewer"], "alice");
    assert_eq!(returned["alerts"], 1);
    let table = e.ok(&["review"]);
    assert!(
        table.contains("C-100") && table.contains("returned"),
        "{table}"
    );
    assert!(
        table.contains("gained alias \"Ivo Q. Blackwater\""),
        "{table}"
    );
    let ok = e.ok(&["audit", "verify"]);
    assert!(
        ok.contains("OK: 5 entries (4 screening records, 1 decisions"),
        "{ok}"
    );
    // Screened against the first snapshot and then the one with the new alias.
    assert!(
        ok.contains("The records name 2 list snapshot block(s)"),
        "{ok}"
    );
}

/// A decision on a resolved entity covers the listings it had: a re-run, and screening by
/// record, stay suppressed; a listing on another list that joins the entity later re-opens
/// the alert, naming it.
fn false_positive_on_a_resolved_entity_covers_its_listings(e: &Env) {
    let first = screen_json(e, "C-300");
    let r = result(&first, "watch-w-1");
    let canonical = r["id"].as_str().expect("an id").to_string();
    assert!(canonical.starts_with("zeef-"), "{r:#}");
    assert_eq!(r["referents"], serde_json::json!(["watch-w-1"]));
    // Decided by its canonical id, as `zeef screen` shows it.
    e.ok(&[
        "review",
        "decide",
        "--subject",
        "C-300",
        "--entity",
        &canonical,
        "--decision",
        "false-positive",
        "--reviewer",
        "alice",
    ]);
    let decisions = e.store().decisions("C-300").expect("decisions");
    assert_eq!(decisions.len(), 1);
    let d = &decisions[0].decision;
    assert_eq!(
        (d.entity_id.as_str(), d.resolved_id.as_deref()),
        ("watch-w-1", Some(canonical.as_str()))
    );
    assert_eq!(d.referents, ["watch-w-1"]);

    // (a) The same lists again: suppressed.
    let again = screen_json(e, "C-300");
    assert_eq!(again["alerts"], 0, "{again:#}");
    assert_eq!(
        result(&again, "watch-w-1")["suppressed"]["reviewer"],
        "alice"
    );
    // (c) By record: the listing it covered is suppressed too.
    let by_record = |e: &Env| {
        e.json(&[
            "screen",
            "Ivor Blackwater",
            "--birth-date",
            "1961",
            "--subject-id",
            "C-300",
            "--by-record",
            "--json",
        ])
    };
    let v = by_record(e);
    assert_eq!(v["alerts"], 0, "{v:#}");
    assert!(result(&v, "watch-w-1")["suppressed"].is_object(), "{v:#}");

    // (b) Another list names the same person: the listing joins the entity (same id), and
    // the alert re-opens, saying which listing is new.
    e.update_list(
        "beta",
        r#"{"id":"b-2","schema":"Person","properties":{"name":["Ivor Quentin Blackwater"],"birthDate":["1961-04-03"]},"datasets":["beta"]}
"#,
    );
    let joined = screen_json(e, "C-300");
    let r = result(&joined, &canonical);
    assert_eq!(
        r["id"],
        canonical.as_str(),
        "the entity keeps its id: {r:#}"
    );
    assert_eq!(r["referents"], serde_json::json!(["beta-b-2", "watch-w-1"]));
    assert!(r.get("suppressed").is_none(), "{r:#}");
    assert_eq!(
        r["returned"],
        serde_json::json!(["listed entity gained listings \"beta-b-2\""])
    );
    assert_eq!(r["previous_decision"]["reviewer"], "alice");
    assert_eq!(joined["alerts"], 1);
    let open: Value = e.json(&["review", "--json"]);
    let c300: Vec<&Value> = open
        .as_array()
        .expect("alerts")
        .iter()
        .filter(|o| o["subject_id"] == "C-300")
        .collect();
    assert_eq!(c300.len(), 1, "{open:#}");
    assert_eq!(c300[0]["reason"]["state"], "returned");
    // By record, the listing decided stays suppressed and the new one alerts.
    let v = by_record(e);
    assert_eq!(v["alerts"], 1, "{v:#}");
    assert!(result(&v, "watch-w-1")["suppressed"].is_object(), "{v:#}");
    let b2 = result(&v, "beta-b-2");
    assert_eq!(b2["match"], true, "{v:#}");
    assert!(b2.get("suppressed").is_none(), "{v:#}");

    // Deciding the grown entity covers the new listing as well.
    e.ok(&[
        "review",
        "decide",
        "--subject",
        "C-300",
        "--entity",
        &canonical,
        "--decision",
        "false-positive",
        "--reviewer",
        "bob",
    ]);
    assert_eq!(screen_json(e, "C-300")["alerts"], 0);
    assert_eq!(by_record(e)["alerts"], 0);
}

fn verify_names_the_edited_record(e: &Env) {
    for id in ["C-1", "C-2", "C-3"] {
        screen_json(e, id);
    }
    let head = e.ok(&["audit", "head"]);
    assert!(head.starts_with("3 "), "{head}");
    let head_file = e.tmp.path().join("head.txt");
    std::fs::write(&head_file, &head).expect("write head");
    let head_json = e.json(&["audit", "head", "--json"]);
    assert_eq!(head_json["seq"], 3);
    e.ok(&[
        "audit",
        "verify",
        "--head-file",
        &head_file.display().to_string(),
    ]);

    // Someone changes the score of the second screening in the database (the score as
    // stored, whatever the matching gives today).
    let score = e
        .store()
        .latest_record("C-2")
        .expect("read the store")
        .and_then(|r| r.record.candidates.first().map(|c| c.score))
        .expect("a candidate");
    let stored = format!("\"score\":{},", serde_json::json!(score));
    e.tamper(&format!(
        "UPDATE zeef_audit_entries SET public_json = replace(public_json, '{stored}', '\"score\":0.1,') WHERE seq = 2"
    ));
    let out = e.run(&["audit", "verify"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("entry #2 (record) was changed"), "{err}");
    let broke = e.json_failing(&["audit", "verify", "--json"]);
    assert_eq!(broke["break"]["seq"], 2);
    assert_eq!(broke["break"]["how"], "changed");

    // Put back, then the newest entry removed: only the written-down head can tell.
    e.tamper(&format!(
        "UPDATE zeef_audit_entries SET public_json = replace(public_json, '\"score\":0.1,', '{stored}') WHERE seq = 2"
    ));
    e.ok(&["audit", "verify"]);

    // The list versions live once per run in a snapshot block the records name by hash:
    // someone rewrites the watchlist's sha256 there.
    let sha = e.json(&["lists", "--json"])[0]["sha256"]
        .as_str()
        .expect("sha")
        .to_string();
    e.tamper(&format!(
        "UPDATE zeef_audit_contexts SET json = replace(json, '{sha}', '{}')",
        "0".repeat(64)
    ));
    let out = e.run(&["audit", "verify"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("snapshot block") && err.contains("first named by entry #1,"),
        "{err}"
    );
    let broke = e.json_failing(&["audit", "verify", "--json"]);
    let block = broke["break"]["snapshot_block"]
        .as_str()
        .expect("block named");
    assert!(err.contains(block), "{err}");
    e.tamper(&format!(
        "UPDATE zeef_audit_contexts SET json = replace(json, '{}', '{sha}')",
        "0".repeat(64)
    ));
    e.ok(&["audit", "verify"]);
    e.tamper("DELETE FROM zeef_audit_entries WHERE seq = 3");
    e.ok(&["audit", "verify"]);
    let out = e.run(&[
        "audit",
        "verify",
        "--head-file",
        &head_file.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("entry #3 was removed"));
}

impl Env {
    /// JSON printed by a command that exits with a failure code.
    fn json_failing(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        serde_json::from_slice(&out.stdout).unwrap_or_else(|err| panic!("{args:?}: {err}"))
    }
}

/// xorshift64*: kill timing, seeded from the clock (printed for replay).
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

/// A CSV of `n` fictional subjects with ids `<prefix>-<i>`; every seventh is close to a
/// listed name so that records carry candidates.
fn partner_csv(path: &Path, prefix: &str, n: usize) {
    const FIRST: &[&str] = &[
        "Amarante", "Bertil", "Cosima", "Dagny", "Evander", "Fulvia", "Gideon",
    ];
    const LAST: &[&str] = &[
        "Quillfeather",
        "Rosswell",
        "Stanbury",
        "Tregarth",
        "Ulverton",
        "Vantongeren",
    ];
    let mut text = String::from("id,full_name,date_of_birth,country\n");
    for i in 0..n {
        let name = match i % 7 {
            0 => "Ivor Blackwater".to_string(),
            3 => "Larkspur Maritime Holdings Ltd".to_string(),
            _ => format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / 7) % LAST.len()]),
        };
        text.push_str(&format!("{prefix}-{i},{name},19{:02},nl\n", 40 + i % 50));
    }
    std::fs::write(path, text).expect("write CSV");
}

/// Runs a recorded batch into `out`, killed with SIGKILL after `delay` (`None`: to the end).
fn recorded_batch(e: &Env, input: &Path, out: &Path, delay: Option<Duration>) {
    let file = std::fs::File::create(out).expect("output file");
    let mut child = e
        .command(&["batch", "--input", &input.display().to_string(), "--record"])
        .stdout(Stdio::from(file))
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn zeef batch");
    match delay {
        Some(d) => {
            std::thread::sleep(d);
            child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix.
            let _ = child.wait();
        }
        None => assert!(child.wait().expect("wait").success()),
    }
}

/// The rows a batch output acknowledged: subject id -> listed entity ids found, for every
/// complete line.
fn acknowledged(out: &Path) -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(out).expect("read output");
    let complete = match text.rfind('\n') {
        Some(i) => &text[..=i],
        None => "",
    };
    complete
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap_or_else(|err| panic!("{err}: {line}"));
            let found = v["results"]
                .as_array()
                .map(|r| {
                    r.iter()
                        .filter_map(|x| {
                            let record = x.get("record_id").unwrap_or(&x["id"]);
                            record.as_str().map(String::from)
                        })
                        .collect()
                })
                .unwrap_or_default();
            (
                v["subject_id"].as_str().expect("subject_id").to_string(),
                found,
            )
        })
        .collect()
}

fn sigkill_during_recorded_batch_loses_nothing_acknowledged(e: &Env) {
    const ROWS: usize = 10_000;
    const KILLS: usize = 50;
    let input = e.tmp.path().join("partners.csv");
    let out = e.tmp.path().join("out.jsonl");
    // Full runs tell how long a run takes, so kills land anywhere in it: the quickest of
    // three, since the first run of a fresh store is slower than the ones after it.
    let mut full = Duration::MAX;
    for run in 0..3 {
        partner_csv(&input, &format!("full{run}"), ROWS);
        let started = Instant::now();
        recorded_batch(e, &input, &out, None);
        full = full.min(started.elapsed());
        assert_eq!(acknowledged(&out).len(), ROWS);
    }
    eprintln!("a full recorded batch of {ROWS} rows takes {full:?}");
    let mut rng = Rng::seeded();
    // Runs killed before any row was output, part-way, and after the last row.
    let (mut none, mut partial, mut total_acked) = (0, 0, 0);
    let store = e.store();
    let mut span = full.as_micros() as u64;
    for run in 0..KILLS {
        let prefix = format!("k{run}");
        partner_csv(&input, &prefix, ROWS);
        // Anywhere from a quarter of a run (start-up and the first chunks) to its end.
        let delay = Duration::from_micros(span / 4 + rng.below(span * 3 / 4 + 1));
        recorded_batch(e, &input, &out, Some(delay));
        let acked = acknowledged(&out);
        match acked.len() {
            // Killed before the first output: runs are slower than measured (a busy
            // machine), aim later, up to four times the measured run.
            0 => {
                none += 1;
                span = (span * 11 / 10).min(full.as_micros() as u64 * 4);
            }
            n if n < ROWS => partial += 1,
            // The run finished before the kill: runs are quicker than measured, aim earlier.
            _ => span = span * 9 / 10,
        }
        total_acked += acked.len();
        let verify = e.run(&["audit", "verify"]);
        assert!(
            verify.status.success(),
            "run {run} (killed after {delay:?}): {}",
            String::from_utf8_lossy(&verify.stderr)
        );
        for (subject, found) in &acked {
            assert!(subject.starts_with(&prefix), "{subject}");
            let record = store
                .latest_record(subject)
                .expect("read the store")
                .unwrap_or_else(|| panic!("run {run}: {subject} was output but is not recorded"));
            let recorded: Vec<&str> = record
                .record
                .candidates
                .iter()
                .map(|c| c.entity_id.as_str())
                .collect();
            assert_eq!(recorded, *found, "run {run}: {subject}");
        }
    }
    eprintln!(
        "{KILLS} kills: {none} before the first output, {partial} part-way; {total_acked} acknowledged rows, all recorded"
    );
    assert!(
        partial >= KILLS / 4,
        "kills should land part-way ({partial} of {KILLS})"
    );
    let _ = std::io::stderr().flush();
}

fn report_on_a_partner_file(e: &Env) {
    let partners = e.tmp.path().join("partners.csv");
    std::fs::write(
        &partners,
        "id,full_name,date_of_birth,country\n\
         P-1,Ivor Blackwater,1961,nl\n\
         P-<2>,Marguerite Oddly,1975,be\n\
         ,Larkspur Maritime Holdings,,\n",
    )
    .expect("partners");
    let lines = e.ok(&[
        "batch",
        "--input",
        &partners.display().to_string(),
        "--record",
    ]);
    assert_eq!(lines.lines().count(), 3);
    e.ok(&[
        "review",
        "decide",
        "--subject",
        "P-1",
        "--entity",
        "watch-w-1",
        "--decision",
        "false-positive",
        "--reviewer",
        "bob.reviewer",
        "--note",
        "Passport shows 1990 birth",
    ]);
    e.ok(&[
        "review",
        "decide",
        "--subject",
        "partners.csv:row-3",
        "--entity",
        "watch-w-2",
        "--decision",
        "match",
        "--reviewer",
        "carol",
        "--note",
        "Same company, same address",
    ]);
    let html_path = e.tmp.path().join("report.html");
    let path = |p: &Path| p.display().to_string();
    e.ok(&[
        "report",
        "--subjects",
        &path(&partners),
        "--format",
        "html",
        "--output",
        &path(&html_path),
    ]);
    let html = std::fs::read_to_string(&html_path).expect("report written");
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"));
    for needle in [
        "P-1",
        "P-&lt;2&gt;",
        "partners.csv:row-3",
        "watch-w-1",
        "Ivor Quentin Blackwater",
        "watch-w-2",
        "Larkspur Maritime Holdings",
        "bob.reviewer",
        "Passport shows 1990 birth",
        "carol",
        "false-positive",
        zeef_screening::ALGORITHM,
    ] {
        assert!(html.contains(needle), "report lacks {needle:?}");
    }
    let manifest_sha = e.json(&["lists", "--json"])[0]["sha256"]
        .as_str()
        .expect("sha")
        .to_string();
    assert!(
        html.contains(&manifest_sha),
        "the list version screened against is named"
    );
    assert!(!html.contains("P-<2>"), "subject ids are escaped");

    let json = e.json(&["report", "--subjects", &path(&partners), "--format", "json"]);
    assert_eq!(json["summary"]["subjects_screened"], 3);
    assert_eq!(json["summary"]["alerts"], 2);
    assert_eq!(json["summary"]["open"], 0);
    let md = e.ok(&[
        "report",
        "--subjects",
        &path(&partners),
        "--format",
        "md",
        "--from",
        "2000-01-01",
    ]);
    assert!(
        md.contains("## Subject P-1") && md.contains("bob.reviewer"),
        "{md}"
    );
    // A period before anything was screened has no screenings (decisions come after --to).
    let empty = e.json(&[
        "report",
        "--subjects",
        &path(&partners),
        "--format",
        "json",
        "--to",
        "2001-01-01",
    ]);
    assert_eq!(empty["summary"]["screenings"], 0);

    // Purge: personal data goes, the chain still verifies and the report still lists entries.
    let purged = e.ok(&["audit", "purge", "--before", "2999-01-01"]);
    assert!(
        purged.contains("Purged the personal data of 5 entries"),
        "{purged}"
    );
    let ok = e.ok(&["audit", "verify"]);
    assert!(ok.contains("5 purged"), "{ok}");
    let after = e.json(&["report", "--subjects", &path(&partners), "--format", "json"]);
    assert_eq!(after["summary"]["screenings"], 3);
    assert!(
        !serde_json::to_string(&after)
            .unwrap_or_default()
            .contains("Passport shows")
    );

    if e.pg.is_none() {
        render_in_chromium(&html_path);
    }
}

/// The current snapshot's id.
fn current_snapshot(e: &Env) -> String {
    let all = e.json(&["snapshots", "--json"]);
    all.as_array()
        .and_then(|a| a.iter().find(|s| s["current"] == true))
        .and_then(|s| s["id"].as_str())
        .expect("a current snapshot")
        .to_string()
}

fn recorded_rescreen_files_every_subject(e: &Env) {
    let partners = e.tmp.path().join("rescreen.csv");
    std::fs::write(
        &partners,
        "id,full_name,date_of_birth,country\n\
         R-1,Ivor Blackwater,1961,nl\n\
         R-2,Quentin Harrowgate,1980,be\n\
         R-3,Perpetua Ashdown-Vale,1975,gb\n",
    )
    .expect("partners");
    let input = partners.display().to_string();
    e.ok(&["batch", "--input", &input, "--record"]);
    let first = current_snapshot(e);
    e.ok(&[
        "review",
        "decide",
        "--subject",
        "R-1",
        "--entity",
        "watch-w-1",
        "--decision",
        "false-positive",
        "--reviewer",
        "dana",
    ]);
    // The newer list adds a person R-3 resembles, and shortens the name R-1 was cleared
    // against (the alert changes, and the decision no longer covers it).
    e.update_watchlist(&format!(
        "{}{}\n",
        WATCH.replace("Ivor Quentin Blackwater", "Ivor Blackwater"),
        r#"{"id":"w-4","schema":"Person","properties":{"name":["Perpetua Ashdown-Vale"],"birthDate":["1975-06-01"]},"datasets":["watch"]}"#
    ));
    let second = current_snapshot(e);
    assert_ne!(first, second);

    let out = e.ok(&[
        "rescreen", "--input", &input, "--since", "previous", "--record",
    ]);
    let events: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|err| panic!("{err}: {l}")))
        .collect();
    assert_eq!(events.len(), 2, "{out}");
    let event = |subject: &str| {
        events
            .iter()
            .find(|v| v["subject_id"] == subject)
            .unwrap_or_else(|| panic!("an event naming the record of {subject}: {out}"))
    };
    assert_eq!(event("R-3")["change"], "new_alert");
    assert_eq!(event("R-3")["entity_id"], "watch-w-4");
    let changed = event("R-1");
    assert_eq!(changed["change"], "alert_changed", "{changed:#}");
    assert_eq!(changed["entity_id"], "watch-w-1");
    assert_eq!(
        changed["previous_decision"]["reviewer"], "dana",
        "{changed:#}"
    );
    assert!(
        changed["returned"]
            .as_array()
            .is_some_and(|c| !c.is_empty()),
        "{changed:#}"
    );

    // Every subject has a second record, against the whole new snapshot.
    let store = e.store();
    for (subject, alerts) in [
        ("R-1", vec!["watch-w-1"]),
        ("R-2", vec![]),
        ("R-3", vec!["watch-w-4"]),
    ] {
        let records = store.records(subject).expect("read the store");
        assert_eq!(records.len(), 2, "{subject}");
        assert_eq!(records[0].record.snapshot.id, first, "{subject}");
        let latest = &records[1].record;
        assert_eq!(latest.snapshot.id, second, "{subject}");
        assert_eq!(latest.snapshot.sources.len(), 1);
        let found: Vec<&str> = latest.matches().map(|c| c.entity_id.as_str()).collect();
        assert_eq!(
            found, alerts,
            "{subject}: an unchanged entity's alert stands"
        );
        assert!(latest.candidates.iter().all(|c| !c.explanation.is_null()));
    }
    // The standing alert and the new one both wait for a reviewer.
    let open: Value = e.json(&["review", "--json"]);
    let mut pairs: Vec<(String, String)> = open
        .as_array()
        .expect("alerts")
        .iter()
        .map(|a| {
            (
                a["subject_id"].as_str().unwrap_or_default().to_string(),
                a["entity_id"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("R-1".to_string(), "watch-w-1".to_string()),
            ("R-3".to_string(), "watch-w-4".to_string())
        ]
    );
    let ok = e.ok(&["audit", "verify"]);
    assert!(
        ok.contains("OK: 7 entries (6 screening records, 1 decisions"),
        "{ok}"
    );
    // Two list versions: two snapshot blocks, each stored once.
    let verified = e.json(&["audit", "verify", "--json"]);
    assert_eq!(verified["verified"]["snapshot_blocks"], 2, "{verified:#}");
}

/// Renders the report in headless Chromium (CI installs it; a notice where it is absent).
fn render_in_chromium(html: &Path) {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!("notice: /usr/bin/chromium not found; the HTML report was not rendered");
        return;
    }
    let shot = html.with_extension("png");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--window-size=1200,1400",
        ])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn chromium");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish rendering within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    assert!(
        png.len() > 20_000,
        "a rendered page, not a blank one ({} bytes)",
        png.len()
    );
    if let Ok(keep) = std::env::var("ZEEF_KEEP_REPORT") {
        let _ = std::fs::copy(&shot, keep);
    }
}

#[test]
fn without_a_store_review_says_where_it_looked() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = Command::new(env!("CARGO_BIN_EXE_zeef"))
        .arg("--data")
        .arg(tmp.path())
        .env_remove("ZEEF_DATABASE_URL")
        .args(["audit", "verify"])
        .output()
        .expect("zeef runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no audit store at") && err.contains("audit.sqlite"),
        "{err}"
    );
}
