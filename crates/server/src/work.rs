//! CPU-heavy work (screening, serialising large answers) runs on a pool of its own, never on
//! the async threads that accept connections and answer `/healthz` and `/readyz`. Each piece
//! of work carries a [`Ticket`]: the request's concurrency permit, its deadline and a flag set
//! when the request is abandoned (timed out, client gone, server stopping). The work checks
//! the ticket as it goes and stops early; the permit is released only when the work has
//! really stopped, so abandoned requests never pile up behind a freed slot.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use tokio::sync::OwnedSemaphorePermit;

use crate::error::ApiError;

/// One heavy request's right to run: held by the request and by its work on the pool.
#[derive(Debug)]
pub struct Ticket {
    deadline: Instant,
    abandoned: AtomicBool,
    /// Released when the last holder (request or work) lets go of the ticket.
    _permit: Option<OwnedSemaphorePermit>,
}

impl Ticket {
    pub fn new(deadline: Instant, permit: Option<OwnedSemaphorePermit>) -> Ticket {
        Ticket {
            deadline,
            abandoned: AtomicBool::new(false),
            _permit: permit,
        }
    }

    /// True once the request timed out or was abandoned: the work should stop.
    pub fn should_stop(&self) -> bool {
        self.abandoned.load(Ordering::Relaxed) || Instant::now() >= self.deadline
    }

    /// Tells the work to stop (the request will not read its answer).
    pub fn abandon(&self) {
        self.abandoned.store(true, Ordering::Relaxed);
    }
}

/// Abandons the ticket when dropped: the request's future ends (answered, timed out, or
/// dropped because the client went away) and whatever still runs for it stops.
pub struct AbandonOnDrop(pub Arc<Ticket>);

impl Drop for AbandonOnDrop {
    fn drop(&mut self) {
        self.0.abandon();
    }
}

/// What a job on the pool returns when its ticket told it to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

/// The pool screening runs on: one thread per core, at lower scheduling priority than the
/// async threads, so that probes and new connections are served however busy it is.
pub struct Pool {
    pool: rayon::ThreadPool,
    /// Jobs that stopped (or never started) because their ticket told them to.
    stopped: Arc<AtomicU64>,
}

impl Pool {
    pub fn new() -> Pool {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("zeef-work-{i}"))
            .start_handler(|_| lower_priority())
            .build()
            // Only fails when no thread can be started: then nothing can be served.
            .unwrap_or_else(|e| panic!("cannot start the screening threads: {e}"));
        Pool {
            pool,
            stopped: Arc::new(AtomicU64::new(0)),
        }
    }

    /// How many jobs stopped early (or never started) because their request timed out or
    /// was abandoned.
    pub fn stopped(&self) -> u64 {
        self.stopped.load(Ordering::Relaxed)
    }

    /// Runs `job` on the pool with `ticket` and waits for its answer. The ticket travels
    /// with the job (so its permit is held until the job ends); a job that starts after the
    /// request was abandoned does not run at all.
    pub async fn run<T: Send + 'static>(
        &self,
        ticket: Arc<Ticket>,
        job: impl FnOnce(&Ticket) -> Result<T, Stopped> + Send + 'static,
    ) -> Result<T, ApiError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let stopped = self.stopped.clone();
        self.pool.spawn_fifo(move || {
            let out = if ticket.should_stop() {
                Err(Stopped)
            } else {
                job(&ticket)
            };
            if out.is_err() {
                stopped.fetch_add(1, Ordering::Relaxed);
            }
            // The permit goes back before the answer: a client that retries at once finds it.
            drop(ticket);
            let _ = tx.send(out);
        });
        match rx.await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(Stopped)) => Err(timed_out()),
            Err(_) => Err(ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "The screening stopped unexpectedly.",
            )),
        }
    }
}

impl Default for Pool {
    fn default() -> Self {
        Pool::new()
    }
}

/// `value` as JSON (serialised on the pool: a large batch answer takes milliseconds).
pub fn to_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    // Serialising these types (strings, numbers, maps with string keys) cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// A 200 answer with a JSON body made by [`to_json`].
pub fn json_response(body: Vec<u8>) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Marks the answer of work that stopped at its deadline, for the guard to answer with the
/// time limit's message (and count it).
#[derive(Debug, Clone, Copy)]
pub struct TimedOut;

/// The answer when work stopped at its deadline or was abandoned.
pub fn timed_out() -> ApiError {
    ApiError {
        timed_out: true,
        ..ApiError::unavailable("Request took longer than allowed.", 1)
    }
}

/// Lowers the calling thread's scheduling priority (Linux: niceness is per thread).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)] // a system call on plain integers: nothing to fault
    // SAFETY: setpriority only reads its integer arguments; `0` names the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_ticket_stops_at_its_deadline_or_when_abandoned() {
        let t = Ticket::new(Instant::now() + Duration::from_secs(60), None);
        assert!(!t.should_stop());
        drop(AbandonOnDrop(Arc::new(Ticket::new(
            Instant::now() + Duration::from_secs(60),
            None,
        ))));
        let shared = Arc::new(t);
        drop(AbandonOnDrop(shared.clone()));
        assert!(shared.should_stop());
        assert!(Ticket::new(Instant::now(), None).should_stop());
    }

    #[tokio::test]
    async fn the_pool_skips_abandoned_work_and_holds_the_permit_until_it_ends() {
        let pool = Arc::new(Pool::new());
        let permits = Arc::new(tokio::sync::Semaphore::new(1));
        let permit = permits.clone().try_acquire_owned().ok();
        let ticket = Arc::new(Ticket::new(
            Instant::now() + Duration::from_secs(60),
            permit,
        ));
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        let waiting = tokio::spawn({
            let pool = pool.clone();
            let ticket = ticket.clone();
            async move {
                pool.run(ticket, move |t| {
                    let _ = go_rx.recv();
                    if t.should_stop() { Err(Stopped) } else { Ok(1) }
                })
                .await
            }
        });
        drop(ticket);
        // The job still runs: its ticket, and so the permit, is still held.
        tokio::task::yield_now().await;
        assert_eq!(permits.available_permits(), 0);
        let _ = go_tx.send(());
        assert_eq!(waiting.await.ok().and_then(Result::ok), Some(1));
        assert_eq!(permits.available_permits(), 1);

        let abandoned = Arc::new(Ticket::new(Instant::now() + Duration::from_secs(60), None));
        abandoned.abandon();
        let r = pool
            .run(abandoned, |_| -> Result<u8, Stopped> { unreachable!() })
            .await;
        assert_eq!(r.err().map(|e| e.status.as_u16()), Some(503));
    }
}
