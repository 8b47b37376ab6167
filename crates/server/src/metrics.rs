//! Prometheus metrics, kept by hand (a few counters and one histogram per route) and written
//! in the text exposition format at `/metrics`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Latency histogram bucket bounds, seconds.
const BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    /// Count per bucket (not cumulative); the last slot is +Inf.
    buckets: [u64; BUCKETS.len() + 1],
    sum: f64,
    count: u64,
}

/// What the data looks like, for gauges.
#[derive(Default, Clone)]
struct DataInfo {
    snapshot: String,
    entities: u64,
    names: u64,
    build_seconds: f64,
    update_ok: Option<bool>,
    update_kind: String,
    update_finished: String,
    /// The served snapshot's manifest, for per-list ages (computed when rendered).
    manifest: Option<zeef_lists::store::Manifest>,
}

/// All counters of one server.
#[derive(Default)]
pub struct Metrics {
    routes: Mutex<HashMap<String, RouteStats>>,
    data: Mutex<DataInfo>,
    shed: AtomicU64,
    timeouts: AtomicU64,
}

impl Metrics {
    /// Counts one finished request.
    pub fn observe(&self, route: &str, status: u16, elapsed: Duration) {
        let secs = elapsed.as_secs_f64();
        let slot = BUCKETS
            .iter()
            .position(|b| secs <= *b)
            .unwrap_or(BUCKETS.len());
        if let Ok(mut routes) = self.routes.lock() {
            let stats = match routes.get_mut(route) {
                Some(s) => s,
                None => routes.entry(route.to_string()).or_default(),
            };
            *stats.by_status.entry(status).or_insert(0) += 1;
            stats.buckets[slot] += 1;
            stats.sum += secs;
            stats.count += 1;
        }
    }

    pub fn count_shed(&self) {
        self.shed.fetch_add(1, Ordering::Relaxed);
    }

    pub fn count_timeout(&self) {
        self.timeouts.fetch_add(1, Ordering::Relaxed);
    }

    /// The lists now served, for per-list ages (computed when rendered, as they grow daily).
    pub fn set_lists(&self, manifest: &zeef_lists::store::Manifest) {
        if let Ok(mut d) = self.data.lock() {
            d.manifest = Some(manifest.clone());
        }
    }

    /// The data now served: snapshot id, entities, names and seconds its index took to build.
    pub fn set_loaded(&self, snapshot: &str, entities: usize, names: usize, build_seconds: f64) {
        if let Ok(mut d) = self.data.lock() {
            d.snapshot = snapshot.to_string();
            d.entities = entities as u64;
            d.names = names as u64;
            d.build_seconds = build_seconds;
        }
    }

    /// How the last update or reload (`kind`) went, and when it finished.
    pub fn set_update(&self, kind: &str, ok: bool, finished_at: &str) {
        if let Ok(mut d) = self.data.lock() {
            d.update_ok = Some(ok);
            d.update_kind = kind.to_string();
            d.update_finished = finished_at.to_string();
        }
    }

    /// The text exposition of every metric.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP zeef_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE zeef_http_requests_total counter\n");
        let routes = self.routes.lock().map(|r| {
            let mut v: Vec<(String, RouteStatsCopy)> = r
                .iter()
                .map(|(k, s)| (k.clone(), RouteStatsCopy::of(s)))
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        });
        let routes = routes.unwrap_or_default();
        for (route, s) in &routes {
            for (status, n) in &s.by_status {
                let _ = writeln!(
                    out,
                    "zeef_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
        }
        out.push_str("# HELP zeef_http_request_duration_seconds Request latency by route.\n");
        out.push_str("# TYPE zeef_http_request_duration_seconds histogram\n");
        for (route, s) in &routes {
            let r = escape(route);
            let mut cumulative = 0;
            for (i, bound) in BUCKETS.iter().enumerate() {
                cumulative += s.buckets[i];
                let _ = writeln!(
                    out,
                    "zeef_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "zeef_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "zeef_http_request_duration_seconds_sum{{route=\"{r}\"}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "zeef_http_request_duration_seconds_count{{route=\"{r}\"}} {}",
                s.count
            );
        }
        let counter = |out: &mut String, name: &str, help: &str, v: u64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}"
            );
        };
        counter(
            &mut out,
            "zeef_requests_shed_total",
            "Requests refused with 503 because the server was at its concurrency limit.",
            self.shed.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "zeef_requests_timed_out_total",
            "Requests answered 503 because they took longer than the request timeout.",
            self.timeouts.load(Ordering::Relaxed),
        );
        let d = self.data.lock().map(|d| d.clone()).unwrap_or_default();
        let gauge = |out: &mut String, name: &str, help: &str, v: String| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {v}");
        };
        gauge(
            &mut out,
            "zeef_index_entities",
            "Entities in the served index.",
            d.entities.to_string(),
        );
        gauge(
            &mut out,
            "zeef_index_names",
            "Names in the served index.",
            d.names.to_string(),
        );
        gauge(
            &mut out,
            "zeef_index_build_seconds",
            "Seconds the served index took to load and build.",
            d.build_seconds.to_string(),
        );
        let _ = writeln!(
            out,
            "# HELP zeef_index_info The snapshot (data version) being served.\n# TYPE zeef_index_info gauge\nzeef_index_info{{snapshot=\"{}\"}} {}",
            escape(&d.snapshot),
            u8::from(!d.snapshot.is_empty())
        );
        if let Some(m) = &d.manifest {
            render_freshness(&mut out, m);
        }
        let ok = match d.update_ok {
            Some(true) => "1",
            Some(false) => "0",
            None => "-1",
        };
        let _ = writeln!(
            out,
            "# HELP zeef_last_update_success 1 if the last update or reload succeeded, 0 if it failed, -1 if none ran.\n# TYPE zeef_last_update_success gauge\nzeef_last_update_success{{kind=\"{}\",finished_at=\"{}\"}} {ok}",
            escape(&d.update_kind),
            escape(&d.update_finished)
        );
        out
    }
}

/// A per-list gauge: name, help, and its value for one list.
type ListGauge = (
    &'static str,
    &'static str,
    fn(&zeef_lists::freshness::Freshness) -> i64,
);

/// Per-list gauges: age in days, and whether a list is out of date, retired or built in.
fn render_freshness(out: &mut String, m: &zeef_lists::store::Manifest) {
    let lists = zeef_lists::freshness::of_snapshot(m);
    let families: [ListGauge; 4] = [
        (
            "zeef_list_age_days",
            "Days since each served list's own date (else since it was fetched).",
            |f| f.age_days,
        ),
        (
            "zeef_list_stale",
            "1 if a served list is older than its publisher's cadence allows.",
            |f| i64::from(f.stale),
        ),
        (
            "zeef_list_retired",
            "1 if a served list is no longer updated by its publisher.",
            |f| i64::from(f.retired_since.is_some()),
        ),
        (
            "zeef_list_builtin",
            "1 if a served list is the copy built into zeef, not a download.",
            |f| i64::from(f.builtin),
        ),
    ];
    for (name, help, value) in families {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
        for f in &lists {
            let _ = writeln!(
                out,
                "{name}{{source=\"{}\"}} {}",
                escape(&f.source),
                value(f)
            );
        }
    }
}

/// A copy taken under the lock, rendered after it is released.
struct RouteStatsCopy {
    by_status: BTreeMap<u16, u64>,
    buckets: [u64; BUCKETS.len() + 1],
    sum: f64,
    count: u64,
}

impl RouteStatsCopy {
    fn of(s: &RouteStats) -> Self {
        RouteStatsCopy {
            by_status: s.by_status.clone(),
            buckets: s.buckets,
            sum: s.sum,
            count: s.count,
        }
    }
}

/// Escapes a label value (backslash, quote, newline).
pub(crate) fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_is_cumulative_and_counts_statuses() {
        let m = Metrics::default();
        m.observe("/match/{dataset}", 200, Duration::from_micros(300));
        m.observe("/match/{dataset}", 200, Duration::from_millis(3));
        m.observe("/match/{dataset}", 400, Duration::from_secs(20));
        let text = m.render();
        assert!(
            text.contains("zeef_http_requests_total{route=\"/match/{dataset}\",status=\"200\"} 2")
        );
        assert!(
            text.contains("zeef_http_requests_total{route=\"/match/{dataset}\",status=\"400\"} 1")
        );
        assert!(text.contains(
            "zeef_http_request_duration_seconds_bucket{route=\"/match/{dataset}\",le=\"0.0005\"} 1"
        ));
        assert!(text.contains(
            "zeef_http_request_duration_seconds_bucket{route=\"/match/{dataset}\",le=\"0.005\"} 2"
        ));
        assert!(text.contains(
            "zeef_http_request_duration_seconds_bucket{route=\"/match/{dataset}\",le=\"10\"} 2"
        ));
        assert!(text.contains(
            "zeef_http_request_duration_seconds_bucket{route=\"/match/{dataset}\",le=\"+Inf\"} 3"
        ));
        assert!(text.contains("zeef_last_update_success{kind=\"\",finished_at=\"\"} -1"));
    }
}
