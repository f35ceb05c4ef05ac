//! Watching the site's sources: `site.toml` (through the site folder, watched alone) and
//! `articles/`, `templates/` and `static/` (recursively), with events debounced
//! (notify-debouncer-full) so that an editor's burst of writes, renames and deletes arrives as
//! one batch of paths.

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
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(25);

/// Paths that changed together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Batch {
    /// Absolute paths touched (created, written, removed, renamed from or to).
    pub paths: Vec<PathBuf>,
    /// Events may have been missed: everything must be read again.
    pub rescan: bool,
}

impl Batch {
    /// Adds a later batch to this one.
    pub(crate) fn merge(&mut self, other: Batch) {
        self.paths.extend(other.paths);
        self.rescan |= other.rescan;
    }
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

/// A running watch on a site folder.
pub(crate) struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    /// The source folders watched, with the identity (device, inode) of the folder watched.
    watched: Vec<(PathBuf, (u64, u64))>,
}

impl Watcher {
    /// Starts watching the site at `root` (canonical); batches are sent to `batches`.
    pub(crate) fn start(root: &Path, batches: Sender<Batch>) -> Result<Watcher, Diagnostic> {
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let batch = match result {
                Ok(events) => Batch {
                    rescan: events.iter().any(|e| e.need_rescan()),
                    paths: events
                        .into_iter()
                        .filter(|e| changes_something(&e.event.kind))
                        .flat_map(|e| e.event.paths)
                        .collect(),
                },
                Err(_) => Batch {
                    paths: Vec::new(),
                    rescan: true,
                },
            };
            let _ = batches.send(batch);
        })
        .map_err(|e| watch_error(root, &e))?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        watcher
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, &e))?;
        watcher.refresh(&Batch {
            paths: Vec::new(),
            rescan: true,
        });
        Ok(watcher)
    }

    /// Watches the source folders again where a batch shows they appeared, went away or were
    /// replaced by another folder of the same name.
    pub(crate) fn refresh(&mut self, batch: &Batch) {
        for dir in [ARTICLES_DIR, TEMPLATES_DIR, STATIC_DIR] {
            let path = self.root.join(dir);
            if !batch.rescan && !batch.paths.contains(&path) {
                continue;
            }
            let now = identity(&path);
            let before = self.watched.iter().find(|(p, _)| p == &path).map(|w| w.1);
            if now == before {
                continue;
            }
            if before.is_some() {
                let _ = self.debouncer.unwatch(&path);
                self.watched.retain(|(p, _)| p != &path);
            }
            if let Some(id) = now
                && self
                    .debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.watched.push((path, id));
            }
        }
    }

    /// True if `path` is one the site is made from (as opposed to, say, `public/` or `target/`,
    /// which share the watched site folder).
    pub(crate) fn is_source(root: &Path, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(root) else {
            return false;
        };
        rel == Path::new(CONFIG_FILE)
            || [ARTICLES_DIR, TEMPLATES_DIR, STATIC_DIR]
                .iter()
                .any(|dir| rel.starts_with(dir))
    }
}

/// The (device, inode) of a folder, if it is one.
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_dir())
        .map(|m| (m.dev(), m.ino()))
}

fn watch_error(root: &Path, e: &notify::Error) -> Diagnostic {
    Diagnostic::error(
        Kind::Read,
        root,
        format!("cannot watch the site folder for changes: {e}"),
    )
    .hint("on Linux, raise fs.inotify.max_user_watches, or close other programs that watch many files")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_source_paths_count() {
        let root = Path::new("/site");
        assert!(Watcher::is_source(root, Path::new("/site/site.toml")));
        assert!(Watcher::is_source(root, Path::new("/site/articles/a.md")));
        assert!(Watcher::is_source(root, Path::new("/site/static")));
        assert!(!Watcher::is_source(root, Path::new("/site/public/a.html")));
        assert!(!Watcher::is_source(root, Path::new("/site/target/x")));
        assert!(!Watcher::is_source(root, Path::new("/elsewhere/site.toml")));
    }

    #[test]
    fn batches_merge() {
        let mut a = Batch {
            paths: vec!["/a".into()],
            rescan: false,
        };
        a.merge(Batch {
            paths: vec!["/b".into()],
            rescan: true,
        });
        assert_eq!(a.paths.len(), 2);
        assert!(a.rescan);
    }
}
