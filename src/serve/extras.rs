//! Generated files that depend on the whole site (the search index, the symptom finder's data,
//! and with `base_url` the sitemap, robots.txt and feed). On a large site the search index takes
//! seconds to build, so `serve` builds them after the pages, off the edit-to-reload path, and
//! only once someone asks for one: a snapshot's pages are served at once, and a request for one
//! of these files waits until the files of that same build are ready. Nothing is ever served
//! from a different build.

use crate::crosslink::Site;
use crate::render::templates::Templates;
use crate::render::{Page, RenderOptions, Renderer};
use axum::body::Bytes;
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::watch;

/// Generated files by output path.
pub(crate) type Files = Arc<HashMap<String, Bytes>>;

/// One build's generated files: ready, or on their way.
#[derive(Debug)]
pub struct Extras {
    /// The names the previous build generated, to tell a request for one of them from a 404
    /// without waiting; `None` when unknown.
    expected: Option<Arc<BTreeSet<String>>>,
    ready: watch::Receiver<Option<Files>>,
    wanted: Arc<AtomicBool>,
}

/// The promise of one build's generated files, kept by the job that makes them.
pub struct Promise {
    sender: watch::Sender<Option<Files>>,
    wanted: Arc<AtomicBool>,
}

impl Default for Extras {
    fn default() -> Self {
        let (_, ready) = watch::channel(Some(Files::default()));
        Extras {
            expected: None,
            ready,
            wanted: Arc::default(),
        }
    }
}

impl Extras {
    /// Files still to come, with the names they are expected to have.
    pub fn pending(expected: Option<Arc<BTreeSet<String>>>) -> (Extras, Promise) {
        let (sender, ready) = watch::channel(None);
        let wanted = Arc::new(AtomicBool::new(false));
        let promise = Promise {
            sender,
            wanted: wanted.clone(),
        };
        let extras = Extras {
            expected,
            ready,
            wanted,
        };
        (extras, promise)
    }

    /// Files made already, from `extra_files`' (path, text) pairs.
    pub fn ready(files: Vec<(String, String)>) -> Extras {
        let files: Files = Arc::new(
            files
                .into_iter()
                .map(|(path, text)| (path, Bytes::from(text)))
                .collect(),
        );
        let (_, ready) = watch::channel(Some(files));
        Extras {
            expected: None,
            ready,
            wanted: Arc::default(),
        }
    }

    /// The files, if they are ready.
    pub fn now(&self) -> Option<Files> {
        self.ready.borrow().clone()
    }

    /// The names of the files when ready, else the names expected.
    pub fn names(&self) -> Option<Arc<BTreeSet<String>>> {
        match self.now() {
            Some(files) => Some(Arc::new(files.keys().cloned().collect())),
            None => self.expected.clone(),
        }
    }

    /// True if `path` may be one of these files (always true while the names are unknown).
    pub fn may_have(&self, path: &str) -> bool {
        match self.names() {
            Some(names) => names.contains(path),
            None => true,
        }
    }

    /// Waits (at most `limit`) for the files; `None` if they will never come (a newer build
    /// replaced this one) or took too long.
    pub async fn wait(&self, limit: Duration) -> Option<Files> {
        self.wanted.store(true, Ordering::Relaxed);
        let mut ready = self.ready.clone();
        let waited = tokio::time::timeout(limit, ready.wait_for(Option::is_some)).await;
        match waited {
            Ok(Ok(files)) => files.clone(),
            _ => None,
        }
    }
}

/// The work of generating one build's files.
pub struct ExtrasJob {
    site: Arc<Site>,
    templates: Templates,
    pages: Vec<Page>,
    promise: Promise,
}

impl std::fmt::Debug for ExtrasJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ExtrasJob({} pages)", self.pages.len())
    }
}

impl ExtrasJob {
    /// A job for `site`, rendered with `templates`, keeping `promise`.
    pub fn new(site: Arc<Site>, templates: Templates, pages: Vec<Page>, promise: Promise) -> Self {
        ExtrasJob {
            site,
            templates,
            pages,
            promise,
        }
    }

    /// True once someone asked for one of the files.
    pub fn is_wanted(&self) -> bool {
        self.promise.wanted.load(Ordering::Relaxed)
    }

    /// Generates the files and hands them to whoever waits for them.
    pub fn run(self) -> Files {
        let ExtrasJob {
            site,
            templates,
            pages,
            promise,
        } = self;
        let renderer = Renderer::new(&site, templates, RenderOptions::default());
        let files: Files = Arc::new(
            renderer
                .extra_files(&pages)
                .into_iter()
                .map(|(path, text)| (path, Bytes::from(text)))
                .collect(),
        );
        promise.sender.send_replace(Some(files.clone()));
        files
    }
}

/// Runs jobs on a thread of its own, one at a time, always the newest and only once its files
/// are asked for: a job replaced before it started is dropped (whoever waits for its files is
/// told they will never come, and asks the newer build).
#[derive(Clone)]
pub(crate) struct Worker {
    next: Arc<(Mutex<Option<ExtrasJob>>, Condvar)>,
}

impl Worker {
    /// Starts the worker thread.
    pub(crate) fn start() -> Worker {
        let worker = Worker {
            next: Arc::new((Mutex::new(None), Condvar::new())),
        };
        let next = worker.next.clone();
        let _ = std::thread::Builder::new()
            .name("extras".into())
            .spawn(move || {
                loop {
                    let job = {
                        let (slot, ready) = &*next;
                        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
                        loop {
                            if slot.as_ref().is_some_and(ExtrasJob::is_wanted)
                                && let Some(job) = slot.take()
                            {
                                break job;
                            }
                            // Asking for the files only raises a flag: look again soon.
                            slot = ready
                                .wait_timeout(slot, Duration::from_millis(20))
                                .map_or_else(|e| e.into_inner().0, |(slot, _)| slot);
                        }
                    };
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run()));
                }
            });
        worker
    }

    /// Drops the job not yet started, if any: a rebuild is about to replace it.
    pub(crate) fn cancel_pending(&self) {
        let (slot, _) = &*self.next;
        let stale = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
        // The job holds a whole cross-linked site: freed on another thread, not on the rebuild's.
        if let Some(stale) = stale {
            let _ = std::thread::Builder::new()
                .name("free".into())
                .spawn(move || drop(stale));
        }
    }

    /// Queues `job` in place of any job not yet started.
    pub(crate) fn submit(&self, job: ExtrasJob) {
        let (slot, ready) = &*self.next;
        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(job);
        ready.notify_one();
    }
}
