//! Ctrl-C (SIGINT), SIGTERM and SIGHUP stop every command at once, whatever it is doing
//! (reading, cross-linking, rendering, writing, checking links, serving), with exit code 128 plus
//! the signal's number (130 for Ctrl-C, 143 for SIGTERM).
//!
//! A watcher thread sees the signal, removes the staging folders still registered here and ends
//! the process. Putting a finished site in place is done under the same lock, so a signal never
//! lands half-way through it: the output folder holds either the previous site or the new one.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// The signal received, or 0.
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// Folders to remove if a signal stops the program (staging folders of a build in progress).
static CLEANUP: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

const SIGHUP: i32 = 1;
const SIGINT: i32 = 2;
const SIGTERM: i32 = 15;

/// Installs the handlers and starts the watcher thread; called once by the program's `main`.
/// (Library users that do not call it keep their own signal handling.)
pub fn install() {
    for signal in [SIGHUP, SIGINT, SIGTERM] {
        // SAFETY: the action only stores into an atomic, which is async-signal-safe.
        let _ = unsafe {
            signal_hook_registry::register(signal, move || {
                let _ = SIGNAL.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
            })
        };
    }
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(|| {
            loop {
                let signal = SIGNAL.load(Ordering::SeqCst);
                if signal != 0 {
                    stop(signal);
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        });
}

/// True once a signal asked the program to stop.
pub fn interrupted() -> bool {
    SIGNAL.load(Ordering::SeqCst) != 0
}

/// Ends the program as the signal watcher would, if a signal has arrived: a command that
/// noticed the signal and returned (serve's loop does) must not exit 0 before the watcher,
/// which polls, gets to it.
pub fn exit_if_stopped() {
    let signal = SIGNAL.load(Ordering::SeqCst);
    if signal != 0 {
        stop(signal);
    }
}

/// Asks the program to stop as a signal would (for tests of the library, which install no
/// handler).
pub fn request(signal: i32) {
    let _ = SIGNAL.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
}

fn cleanup_list() -> MutexGuard<'static, Vec<PathBuf>> {
    CLEANUP.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A folder removed if a signal stops the program while this value lives.
#[derive(Debug)]
pub struct RemoveOnSignal(PathBuf);

impl RemoveOnSignal {
    /// Registers `folder`.
    pub fn new(folder: &Path) -> RemoveOnSignal {
        cleanup_list().push(folder.to_path_buf());
        RemoveOnSignal(folder.to_path_buf())
    }
}

impl Drop for RemoveOnSignal {
    fn drop(&mut self) {
        let mut list = cleanup_list();
        if let Some(i) = list.iter().position(|p| *p == self.0) {
            list.remove(i);
        }
    }
}

/// Runs `step` (putting a site in place) so that no signal stops the program in the middle of
/// it; `None`, without running it, once a signal was received.
pub(crate) fn uninterrupted<T>(step: impl FnOnce() -> T) -> Option<T> {
    let _guard = cleanup_list();
    if interrupted() {
        return None;
    }
    Some(step())
}

/// Removes the registered folders and ends the process with 128 + `signal`.
fn stop(signal: i32) -> ! {
    let list = cleanup_list();
    for folder in list.iter() {
        remove_folder(folder);
    }
    let name = match signal {
        SIGINT => "Ctrl-C (SIGINT)",
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP",
        _ => "a signal",
    };
    let building = match list.is_empty() {
        true => "",
        false => "; the output folder holds a complete site and nothing half-written was left",
    };
    // Said from another thread, waited for only briefly: the main thread may be blocked
    // writing to a pipe nobody reads, holding standard error.
    let message = format!("stopped by {name}{building}");
    let (said, done) = std::sync::mpsc::channel();
    let _ = std::thread::Builder::new().spawn(move || {
        crate::console::error_line(&message);
        let _ = said.send(());
    });
    let _ = done.recv_timeout(Duration::from_millis(200));
    std::process::exit(128 + signal)
}

/// Removes a staging folder while threads may still be writing into it: they stop at the flag,
/// and cannot create the folder itself again, so a few tries are enough.
fn remove_folder(folder: &Path) {
    for _ in 0..300 {
        match crate::write::remove_made_folder(folder) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                std::thread::sleep(Duration::from_millis(10));
            }
            _ => return,
        }
    }
}
