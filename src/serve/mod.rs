//! `serve`: a live preview for editors. Builds the site into memory, serves it on 127.0.0.1,
//! watches the sources, rebuilds on every change with the build's own steps (re-rendering only
//! the pages whose views changed), and reloads open tabs.
//!
//! The parts: [`engine`] (the build's steps into snapshots, reusing what did not change),
//! [`extras`] (the generated files, made off the edit-to-reload path), [`watch`] (debounced
//! file events), [`http`] (the server), [`reload`] (live-reload events and the injected script).
//! The user's output folder is never touched.

pub mod engine;
pub(crate) mod extras;
pub(crate) mod http;
pub(crate) mod reload;
pub(crate) mod watch;

use crate::Failure;
use crate::diagnostic::{Diagnostic, Kind};
use crate::progress::Progress;
use engine::{Engine, Outcome, Rebuilt};
use reload::Shared;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;
use watch::{Batch, Watcher};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on; 127.0.0.1 unless asked otherwise.
    pub host: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            root: PathBuf::from("."),
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            open: false,
            drafts: false,
        }
    }
}

/// Builds, serves and watches the site until interrupted (Ctrl-C). Returns an error only when it
/// cannot start: the port is taken, the folder cannot be opened or watched.
pub fn serve(options: &ServeOptions) -> Result<(), Failure> {
    let listener = bind(options)?;
    let address = listener.local_addr().map_err(|e| usage(&e.to_string()))?;
    let url = format!("http://{address}/");
    let root = options.root.canonicalize().map_err(|e| {
        content(Diagnostic::error(
            Kind::Read,
            &options.root,
            format!("cannot open the site folder: {e}"),
        ))
    })?;
    let mut engine = Engine::new(&root, options.drafts, Some(url.clone())).map_err(content)?;
    let shared = Shared::new();
    let progress = Progress::on_stderr();
    let outcome = engine.rebuild(&progress);
    progress.finish();
    if let Some(job) = report(outcome, &shared) {
        job.run();
    }
    let (sender, batches) = channel();
    let watcher = Watcher::start(&root, sender).map_err(content)?;
    crate::console::out_line(&format!(
        "serving at {url} (watching articles/, templates/, static/ and site.toml; Ctrl-C to stop)"
    ));
    if options.open {
        match no_display() {
            Some(why) => crate::console::error_line(&format!(
                "could not open a browser: {why}; open {url} yourself"
            )),
            None => {
                if let Err(e) = opener::open_browser(&url) {
                    crate::console::error_line(&format!(
                        "could not open a browser ({e}); open {url} yourself"
                    ));
                }
            }
        }
    }
    let rebuild_shared = shared.clone();
    let worker = extras::Worker::start();
    std::thread::Builder::new()
        .name("rebuild".into())
        .spawn(move || {
            let rebuild = Rebuild {
                shared: &rebuild_shared,
                worker,
                root: &root,
            };
            rebuild.run(engine, &batches, watcher);
        })
        .map_err(|e| usage(&format!("cannot start the rebuild thread: {e}")))?;
    run_server(listener, shared)
}

fn bind(options: &ServeOptions) -> Result<TcpListener, Failure> {
    let address = SocketAddr::new(options.host, options.port);
    let listener = TcpListener::bind(address).map_err(|e| {
        let d = Diagnostic::error(
            Kind::Output,
            address.to_string(),
            format!("cannot listen here: {e}"),
        )
        .hint("choose another --port, or leave --port out to use a free one");
        Failure {
            diagnostics: vec![d],
            usage: true,
        }
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| usage(&e.to_string()))?;
    Ok(listener)
}

fn usage(message: &str) -> Failure {
    Failure {
        diagnostics: vec![Diagnostic::error(
            Kind::Output,
            "serve",
            message.to_string(),
        )],
        usage: true,
    }
}

fn content(d: Diagnostic) -> Failure {
    Failure {
        diagnostics: vec![d],
        usage: false,
    }
}

/// Runs the server on a small tokio runtime until Ctrl-C or SIGTERM.
fn run_server(listener: TcpListener, shared: Arc<Shared>) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| usage(&format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| usage(&format!("cannot start the server: {e}")))?;
        let app = http::router(shared);
        tokio::select! {
            result = axum::serve(listener, app) => {
                result.map_err(|e| usage(&format!("the server stopped: {e}")))
            }
            () = interrupted() => Ok(()),
        }
    })
}

/// Resolves once Ctrl-C or SIGTERM was received (the handler set in `main` raises a flag).
async fn interrupted() {
    while !crate::interrupt::interrupted() {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the rebuild thread works with.
struct Rebuild<'a> {
    shared: &'a Shared,
    worker: extras::Worker,
    root: &'a Path,
}

/// How long the files must stay quiet before a failed rebuild is reported: an editor may be
/// half-way through saving (a file truncated before it is written, deleted before it is
/// created again), and the next batch usually fixes it.
const SETTLE: Duration = Duration::from_millis(150);

/// At most this many quick retries before a failure is reported anyway.
const SETTLE_TRIES: usize = 10;

impl Rebuild<'_> {
    /// Applies batches of changes as they come, until the watcher goes away.
    fn run(&self, mut engine: Engine, batches: &Receiver<Batch>, mut watcher: Watcher) {
        while let Ok(batch) = batches.recv() {
            let mut batch = drain(batch, batches);
            let mut failed: Option<Outcome> = None;
            let mut tries = 0;
            let outcome = loop {
                watcher.refresh(&batch);
                batch.paths.retain(|p| Watcher::is_source(self.root, p));
                let outcome = if batch.paths.is_empty() && !batch.rescan {
                    Outcome::Unchanged
                } else {
                    self.worker.cancel_pending();
                    rebuild(&mut engine)
                };
                // Nothing new since a failure: the failure stands.
                let outcome = match (outcome, failed.take()) {
                    (Outcome::Unchanged, Some(failure)) => failure,
                    (outcome, _) => outcome,
                };
                tries += 1;
                if !matches!(outcome, Outcome::Failed(_)) || tries >= SETTLE_TRIES {
                    break outcome;
                }
                match batches.recv_timeout(SETTLE) {
                    Ok(more) => {
                        failed = Some(outcome);
                        batch = drain(more, batches);
                    }
                    Err(_) => break outcome,
                }
            };
            if let Some(job) = report(outcome, self.shared) {
                self.worker.submit(job);
            }
        }
    }
}

/// `first` and every batch already waiting, as one.
fn drain(mut first: Batch, batches: &Receiver<Batch>) -> Batch {
    while let Ok(more) = batches.try_recv() {
        first.merge(more);
    }
    first
}

/// Rebuilds after a batch of changes; an internal failure is reported as a problem and the next
/// rebuild starts from scratch.
fn rebuild(engine: &mut Engine) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        engine.rebuild(&Progress::silent())
    }))
    .unwrap_or_else(|_| {
        engine.reset();
        Outcome::Failed(vec![
            Diagnostic::error(Kind::Read, "serve", "internal error while rebuilding")
                .hint("save the file again; the next rebuild starts from scratch"),
        ])
    })
}

/// Prints what happened and tells the tabs; hands back the generated files still to make.
fn report(outcome: Outcome, shared: &Shared) -> Option<extras::ExtrasJob> {
    match outcome {
        Outcome::Unchanged => None,
        Outcome::Rebuilt(rebuilt) => {
            crate::console::out_line(&rebuilt_line(&rebuilt));
            shared.publish(rebuilt.snapshot.clone(), &rebuilt.changed);
            rebuilt.extras
        }
        Outcome::Failed(problems) => {
            for d in &problems {
                crate::console::error_line(&d.to_string());
            }
            let n = problems.len();
            let serving = if shared.snapshot().is_some() {
                "still serving the last good site"
            } else {
                "nothing to serve until they are fixed"
            };
            crate::console::error_line(&format!(
                "{n} {} found; {serving}",
                if n == 1 { "error" } else { "errors" }
            ));
            shared.fail(&problems);
            None
        }
    }
}

/// Why `--open` cannot show a browser here, when it plainly cannot: on Linux and the BSDs, no
/// graphical session (`DISPLAY` and `WAYLAND_DISPLAY` unset) and no `BROWSER` set. There the
/// system's opener starts, finds no screen and fails without a word.
fn no_display() -> Option<&'static str> {
    let unix_desktop = cfg!(unix) && !cfg!(target_os = "macos");
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    (unix_desktop && !set("DISPLAY") && !set("WAYLAND_DISPLAY") && !set("BROWSER"))
        .then_some("there is no display (DISPLAY and WAYLAND_DISPLAY are not set)")
}

/// `n` with the singular or plural noun.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn rebuilt_line(r: &Rebuilt) -> String {
    let what = if r.full {
        format!("built {}", count(r.pages, "page", "pages"))
    } else {
        format!(
            "rebuilt {} of {}",
            r.rendered,
            count(r.pages, "page", "pages")
        )
    };
    let ms = r.elapsed.as_secs_f64() * 1000.0;
    let changed = count(r.changed.len(), "file", "files");
    let mut line = format!("{what} in {ms:.1} ms, {changed} changed");
    if !r.full && !r.sources.is_empty() {
        let shown: Vec<&str> = r.sources.iter().take(3).map(String::as_str).collect();
        line.push_str(&format!(" ({}", shown.join(", ")));
        if r.sources.len() > 3 {
            line.push_str(&format!(" and {} more", r.sources.len() - 3));
        }
        line.push(')');
    }
    line
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_say_one_file_and_many_files() {
        assert_eq!(count(1, "file", "files"), "1 file");
        assert_eq!(count(65, "file", "files"), "65 files");
        assert_eq!(count(0, "page", "pages"), "0 pages");
    }
}
