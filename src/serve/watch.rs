//! Watching the site's sources: `site.toml` (through the site folder, watched alone, so that
//! `public/` or `target/` beside it cost no watches) and `articles/`, `templates/` and `static/`
//! (recursively), with events debounced (notify-debouncer-full) so that an editor's burst of
//! writes, renames and deletes arrives as one batch of paths.

use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Kind};
use crate::load::{ARTICLES_DIR, STATIC_DIR, TEMPLATES_DIR};
use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long the files must stay quiet before a batch of changes is handed on.
const DEBOUNCE: Duration = Duration::from_millis(25);

const SOURCE_DIRS: [&str; 3] = [ARTICLES_DIR, TEMPLATES_DIR, STATIC_DIR];

/// A running watch on a site folder.
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
                // Events may have been missed: every source counts as touched.
                Ok(events) if events.iter().any(|e| e.need_rescan()) => everything.clone(),
                Ok(events) => events
                    .into_iter()
                    .filter(|e| changes_something(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect(),
                Err(_) => everything.clone(),
            };
            let _ = batches.send(batch);
        })
        .map_err(|e| watch_error(root, &e))?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
        };
        watcher
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, &e))?;
        watcher.refresh(&sources(root));
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
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn watch_error(root: &Path, e: &notify::Error) -> Diagnostic {
    Diagnostic::error(
        Kind::Read,
        root,
        format!("cannot watch the site folder for changes: {e}"),
    )
    .hint("on Linux, raise fs.inotify.max_user_watches, or close other programs that watch many files")
}
