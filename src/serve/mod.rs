//! `serve`: a live preview for editors. Builds the site into memory, serves it on 127.0.0.1,
//! watches the sources, rebuilds on every change with the build's own steps (re-rendering only
//! the pages whose views changed), and reloads open tabs.
//!
//! The parts: [`engine`] (the build's steps into snapshots, reusing what did not change),
//! [`extras`] (the generated files, made off the edit-to-reload path), [`http`] (the server,
//! the live-reload events and what it shares with the rebuild thread); here, the watcher and
//! the rebuild loop.
//! The user's output folder is never touched.

pub mod engine;
pub(crate) mod extras;
pub(crate) mod http;

use crate::Failure;
use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Kind};
use crate::load::{ARTICLES_DIR, STATIC_DIR, TEMPLATES_DIR};
use crate::progress::Progress;
use engine::{Engine, Outcome, Rebuilt};
use http::Shared;
use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;
use tokio::net::TcpListener;

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

/// Builds, serves and watches the site until interrupted (Ctrl-C). Returns an error only when it
/// cannot start: the port is taken, the folder cannot be opened or watched.
pub fn serve(options: &ServeOptions) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| usage(format!("cannot start the server: {e}")))?;
    let address = SocketAddr::new(options.host, options.port);
    let listener = runtime.block_on(TcpListener::bind(address)).map_err(|e| {
        let d = Diagnostic::error(
            Kind::Output,
            address.to_string(),
            format!("cannot listen here: {e}"),
        );
        let hint = "choose another --port, or leave --port out to use a free one";
        Failure {
            diagnostics: vec![d.hint(hint)],
            usage: true,
        }
    })?;
    let url = format!("http://{}/", listener.local_addr().map_err(usage)?);
    let root = options.root.canonicalize().map_err(|e| {
        let d = Diagnostic::error(
            Kind::Read,
            &options.root,
            format!("cannot open the site folder: {e}"),
        );
        Failure::content(vec![d])
    })?;
    let content = |d| Failure::content(vec![d]);
    let mut engine = Engine::new(&root, options.drafts, Some(url.clone())).map_err(content)?;
    let shared = Shared::new();
    let progress = Progress::on_stderr();
    let outcome = engine.rebuild(&progress);
    progress.finish();
    report(outcome, &shared);
    let (sender, batches) = channel();
    let watcher = Watcher::start(&root, sender).map_err(content)?;
    crate::console::out_line(&format!(
        "serving at {url} (watching articles/, translations/, templates/, i18n/, static/ and site.toml; Ctrl-C to stop)"
    ));
    if options.open {
        open_browser(&url);
    }
    let rebuild_shared = shared.clone();
    std::thread::Builder::new()
        .name("rebuild".into())
        .spawn(move || rebuild_loop(&rebuild_shared, engine, &batches, watcher))
        .map_err(|e| usage(format!("cannot start the rebuild thread: {e}")))?;
    runtime.block_on(async move {
        tokio::select! {
            result = axum::serve(listener, http::router(shared)) => {
                result.map_err(|e| usage(format!("the server stopped: {e}")))
            }
            () = interrupted() => Ok(()),
        }
    })
}

/// Opens `url` in the default browser, or says why not. On Linux and the BSDs without a
/// graphical session (`DISPLAY` and `WAYLAND_DISPLAY` unset) and no `BROWSER` set, the system's
/// opener starts, finds no screen and fails without a word: there, say so at once.
fn open_browser(url: &str) {
    let unix_desktop = cfg!(unix) && !cfg!(target_os = "macos");
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let why = if unix_desktop && !set("DISPLAY") && !set("WAYLAND_DISPLAY") && !set("BROWSER") {
        ": there is no display (DISPLAY and WAYLAND_DISPLAY are not set);".to_string()
    } else {
        match opener::open_browser(url) {
            Ok(()) => return,
            Err(e) => format!(" ({e});"),
        }
    };
    crate::console::error_line(&format!(
        "could not open a browser{why} open {url} yourself"
    ));
}

fn usage(message: impl ToString) -> Failure {
    let d = Diagnostic::error(Kind::Output, "serve", message.to_string());
    Failure {
        diagnostics: vec![d],
        usage: true,
    }
}

/// Resolves once Ctrl-C or SIGTERM was received (the handler set in `main` raises a flag).
async fn interrupted() {
    while !crate::interrupt::interrupted() {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// How long the files must stay quiet before a failed rebuild is reported: an editor may be
/// half-way through saving (a file truncated before it is written, deleted before it is
/// created again), and the next batch usually fixes it.
const SETTLE: Duration = Duration::from_millis(150);

/// At most this many quick retries before a failure is reported anyway.
const SETTLE_TRIES: usize = 10;

/// Applies batches of changes as they come, until the watcher goes away.
fn rebuild_loop(
    shared: &Shared,
    mut engine: Engine,
    batches: &Receiver<Vec<PathBuf>>,
    mut watcher: Watcher,
) {
    while let Ok(first) = batches.recv() {
        let mut batch = drain(first, batches);
        let mut outcome = Outcome::Unchanged;
        for tries in 1..=SETTLE_TRIES {
            watcher.refresh(&batch);
            batch.retain(|p| watcher.is_source(p));
            if !batch.is_empty() {
                // Nothing new since a failure: the failure stands.
                outcome = match rebuild(&mut engine, &batch) {
                    Outcome::Unchanged => outcome,
                    new => new,
                };
            }
            if !matches!(outcome, Outcome::Failed(_)) || tries == SETTLE_TRIES {
                break;
            }
            match batches.recv_timeout(SETTLE) {
                Ok(more) => batch = drain(more, batches),
                Err(_) => break,
            }
        }
        report(outcome, shared);
    }
}

/// `first` and every batch already waiting, as one.
fn drain(mut first: Vec<PathBuf>, batches: &Receiver<Vec<PathBuf>>) -> Vec<PathBuf> {
    first.extend(batches.try_iter().flatten());
    first
}

/// Rebuilds after a batch of changes to the files `touched` names; an internal failure is
/// reported as a problem and the next rebuild starts from scratch.
fn rebuild(engine: &mut Engine, touched: &[PathBuf]) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        engine.rebuild_after(&Progress::silent(), Some(touched))
    }))
    .unwrap_or_else(|_| {
        engine.reset();
        Outcome::Failed(vec![
            Diagnostic::error(Kind::Read, "serve", "internal error while rebuilding")
                .hint("save the file again; the next rebuild starts from scratch"),
        ])
    })
}

/// Prints what happened and tells the tabs.
fn report(outcome: Outcome, shared: &Shared) {
    match outcome {
        Outcome::Unchanged => {}
        Outcome::Rebuilt(rebuilt) => {
            crate::console::out_line(&rebuilt_line(&rebuilt));
            shared.publish(*rebuilt);
        }
        Outcome::Failed(problems) => {
            for d in &problems {
                crate::console::error_line(&d.to_string());
            }
            let serving = if shared.snapshot().is_some() {
                "still serving the last good site"
            } else {
                "nothing to serve until they are fixed"
            };
            let errors = count(problems.len(), "error", "errors");
            crate::console::error_line(&format!("{errors} found; {serving}"));
            shared.fail(&problems);
        }
    }
}

/// `n` with the singular or plural noun.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "rebuilt 1 of 65 pages in 3.2 ms, 2 files changed (articles/a.md)".
fn rebuilt_line(r: &Rebuilt) -> String {
    let pages = count(r.pages, "page", "pages");
    let what = match r.full {
        true => format!("built {pages}"),
        false => format!("rebuilt {} of {pages}", r.rendered),
    };
    let ms = r.elapsed.as_secs_f64() * 1000.0;
    let changed = count(r.changed.len(), "file", "files");
    let mut line = format!("{what} in {ms:.1} ms, {changed} changed");
    if !r.full && !r.sources.is_empty() {
        let (shown, more) = r.sources.split_at(r.sources.len().min(3));
        let more = match more.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        line.push_str(&format!(" ({}{more})", shown.join(", ")));
    }
    line
}

/// How long the files must stay quiet before a batch of changes is handed on.
const DEBOUNCE: Duration = Duration::from_millis(25);

const SOURCE_DIRS: [&str; 5] = [
    ARTICLES_DIR,
    TEMPLATES_DIR,
    STATIC_DIR,
    crate::i18n::I18N_DIR,
    crate::config::languages::TRANSLATIONS_DIR,
];

/// A running watch on the site's sources: `site.toml` (through the site folder, watched alone,
/// so that `public/` or `target/` beside it cost no watches) and the source folders
/// (recursively), with events debounced (notify-debouncer-full) so that an editor's burst of
/// writes, renames and deletes arrives as one batch of paths.
pub(crate) struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
}

impl Watcher {
    /// Starts watching the site at `root` (canonical); each batch of paths touched (created,
    /// written, removed, renamed from or to) is sent to `batches`.
    pub(crate) fn start(root: &Path, batches: Sender<Vec<PathBuf>>) -> Result<Watcher, Diagnostic> {
        let everything = sources(root);
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let batch = match result {
                Ok(events) if !events.iter().any(|e| e.need_rescan()) => events
                    .into_iter()
                    .filter(|e| changes_something(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect(),
                // Events may have been missed: every source counts as touched.
                _ => everything.clone(),
            };
            let _ = batches.send(batch);
        });
        let mut debouncer = debouncer.map_err(|e| watch_error(root, &e))?;
        let watched = debouncer.watch(root, RecursiveMode::NonRecursive);
        watched.map_err(|e| watch_error(root, &e))?;
        let root = root.to_path_buf();
        let mut watcher = Watcher { debouncer, root };
        watcher.refresh(&sources(&watcher.root));
        Ok(watcher)
    }

    /// Watches a source folder again when a batch names it: it appeared, went away or was
    /// replaced by another folder of the same name (the watch followed the old one).
    pub(crate) fn refresh(&mut self, batch: &[PathBuf]) {
        for dir in SOURCE_DIRS.map(|d| self.root.join(d)) {
            if batch.contains(&dir) {
                let _ = self.debouncer.unwatch(&dir);
                if dir.is_dir() {
                    let _ = self.debouncer.watch(&dir, RecursiveMode::Recursive);
                }
            }
        }
    }

    /// True if `path` is one the site is made from (as opposed to, say, `public/` or `target/`,
    /// which share the watched site folder).
    pub(crate) fn is_source(&self, path: &Path) -> bool {
        path.strip_prefix(&self.root).is_ok_and(|rel| {
            rel == Path::new(CONFIG_FILE) || SOURCE_DIRS.iter().any(|dir| rel.starts_with(dir))
        })
    }
}

/// `site.toml` and the source folders.
fn sources(root: &Path) -> Vec<PathBuf> {
    let dirs = SOURCE_DIRS.iter().map(|d| root.join(d));
    dirs.chain([root.join(CONFIG_FILE)]).collect()
}

/// True for events that may change what a file holds or whether it exists; false for reads
/// (our own reads of the site would otherwise wake the watcher again and again).
fn changes_something(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(a) if *a != AccessKind::Close(AccessMode::Write))
}

fn watch_error(root: &Path, e: &notify::Error) -> Diagnostic {
    Diagnostic::error(
        Kind::Read,
        root,
        format!("cannot watch the site folder for changes: {e}"),
    )
    .hint("on Linux, raise fs.inotify.max_user_watches, or close other programs that watch many files")
}
