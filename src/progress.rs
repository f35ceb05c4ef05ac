//! Progress for long builds: once a build has taken more than a second, a bar (indicatif) on a
//! terminal, and plain lines on standard error when it is not a terminal (a log, CI).
//!
//! Quick builds show nothing. `HEALTHKB_PROGRESS_DELAY_MS` changes the one-second delay (the
//! tests use 0).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::{Duration, Instant};

/// The environment variable that overrides the delay before progress is shown, in milliseconds.
pub const DELAY_VARIABLE: &str = "HEALTHKB_PROGRESS_DELAY_MS";

/// Reports a build's stages and pages; cheap to clone and to call from many threads. The default
/// value shows nothing.
#[derive(Clone, Default)]
pub struct Progress {
    inner: Option<Arc<Inner>>,
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.inner.is_some() {
            "Progress"
        } else {
            "Progress(silent)"
        })
    }
}

struct Inner {
    started: Instant,
    delay: Duration,
    terminal: bool,
    bar: ProgressBar,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    stage: String,
    total: usize,
    done: usize,
    shown: bool,
    finished: bool,
    /// Quarters of the stage already reported as plain lines.
    quarters: usize,
}

impl Progress {
    /// Progress that is never shown.
    pub fn silent() -> Progress {
        Progress::default()
    }

    /// Progress on standard error, shown once the build has run longer than the delay.
    pub fn on_stderr() -> Progress {
        let delay = std::env::var(DELAY_VARIABLE)
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template("{msg:>18} [{bar:40}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        let inner = Arc::new(Inner {
            started: Instant::now(),
            delay,
            terminal: std::io::stderr().is_terminal(),
            bar,
            state: Mutex::new(State::default()),
        });
        let weak = Arc::downgrade(&inner);
        let _ = std::thread::Builder::new()
            .name("progress".into())
            .spawn(move || tick(&weak));
        Progress { inner: Some(inner) }
    }

    /// Starts a stage of `total` steps (0 when it has no count).
    pub(crate) fn stage(&self, name: &str, total: usize) {
        let Some(inner) = &self.inner else { return };
        let mut state = inner.lock();
        state.stage = name.to_string();
        state.total = total;
        state.done = 0;
        state.quarters = 0;
        inner.bar.set_message(name.to_string());
        inner.bar.set_length(total as u64);
        inner.bar.set_position(0);
        if state.shown && !inner.terminal {
            crate::console::error_line(&plain_line(&state));
        }
    }

    /// Counts `n` steps of the current stage as done.
    pub(crate) fn inc(&self, n: usize) {
        let Some(inner) = &self.inner else { return };
        let mut state = inner.lock();
        state.done += n;
        inner.bar.inc(n as u64);
        if state.shown && !inner.terminal && state.total > 0 {
            let quarters = state.done * 4 / state.total;
            if quarters > state.quarters {
                state.quarters = quarters;
                crate::console::error_line(&plain_line(&state));
            }
        }
    }

    /// Ends the progress display (the bar is cleared; the caller prints its own summary).
    pub fn finish(&self) {
        let Some(inner) = &self.inner else { return };
        let mut state = inner.lock();
        state.finished = true;
        inner.bar.finish_and_clear();
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts showing progress, once the delay has passed.
    fn show_if_due(&self) -> bool {
        let mut state = self.lock();
        if state.finished {
            return false;
        }
        if !state.shown && self.started.elapsed() >= self.delay {
            state.shown = true;
            if self.terminal {
                self.bar.set_draw_target(ProgressDrawTarget::stderr());
                self.bar.enable_steady_tick(Duration::from_millis(100));
            } else {
                crate::console::error_line(&plain_line(&state));
            }
        }
        true
    }
}

/// Checks every 50 ms whether progress is due, until the build finishes.
fn tick(inner: &Weak<Inner>) {
    loop {
        match inner.upgrade() {
            Some(inner) if inner.show_if_due() => {}
            _ => return,
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn plain_line(state: &State) -> String {
    let stage = if state.stage.is_empty() {
        "starting"
    } else {
        &state.stage
    };
    if state.total > 0 {
        format!("progress: {stage}: {} of {}", state.done, state.total)
    } else {
        format!("progress: {stage}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silent_progress_ignores_every_call() {
        let p = Progress::silent();
        p.stage("rendering pages", 10);
        p.inc(3);
        p.finish();
        assert!(p.inner.is_none());
    }

    #[test]
    fn plain_lines_count_steps() {
        let state = State {
            stage: "rendering pages".into(),
            total: 8,
            done: 2,
            ..State::default()
        };
        assert_eq!(plain_line(&state), "progress: rendering pages: 2 of 8");
        assert_eq!(plain_line(&State::default()), "progress: starting");
    }
}
