//! Watching the site's sources: `site.toml` (through the site folder, watched alone) and
//! `articles/`, `templates/` and `static/` (recursively), with events debounced
//! (notify-debouncer-full) so that an editor's burst of writes, renames and deletes arrives as
//! one batch of paths.

use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Kind};
use crate::load::{ARTICLES_DIR, STATIC_DIR, TEMPLATES_DIR};
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long the files must stay quiet before a batch of changes is handed on.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// Paths that changed together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    /// Absolute paths touched (created, written, removed, renamed from or to).
    pub paths: Vec<PathBuf>,
    /// Events may have been missed: everything must be read again.
    pub rescan: bool,
}

impl Batch {
    /// Adds a later batch to this one.
    pub fn merge(&mut self, other: Batch) {
        self.paths.extend(other.paths);
        self.rescan |= other.rescan;
    }
}

/// A running watch on a site folder.
pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root` (canonical); batches are sent to `batches`.
    pub fn start(root: &Path, batches: Sender<Batch>) -> Result<Watcher, Diagnostic> {
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let batch = match result {
                Ok(events) => Batch {
                    rescan: events.iter().any(|e| e.need_rescan()),
                    paths: events.into_iter().flat_map(|e| e.event.paths).collect(),
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

    /// Watches the source folders again where a batch shows they appeared, came back or moved.
    pub fn refresh(&mut self, batch: &Batch) {
        for dir in [ARTICLES_DIR, TEMPLATES_DIR, STATIC_DIR] {
            let path = self.root.join(dir);
            if !batch.rescan && !batch.paths.contains(&path) {
                continue;
            }
            if self.watched.contains(&path) {
                let _ = self.debouncer.unwatch(&path);
                self.watched.retain(|p| p != &path);
            }
            if path.is_dir()
                && self
                    .debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.watched.push(path);
            }
        }
    }

    /// True if `path` is one the site is made from (as opposed to, say, `public/` or `target/`,
    /// which share the watched site folder).
    pub fn is_source(root: &Path, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(root) else {
            return false;
        };
        rel == Path::new(CONFIG_FILE)
            || [ARTICLES_DIR, TEMPLATES_DIR, STATIC_DIR]
                .iter()
                .any(|dir| rel.starts_with(dir))
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
