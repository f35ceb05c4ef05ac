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
use std::sync::Arc;
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
}

/// The promise of one build's generated files, kept by the job that makes them; dropping it
/// tells whoever waits that they will never come.
#[derive(Debug)]
pub struct Promise(watch::Sender<Option<Files>>);

impl Default for Extras {
    fn default() -> Self {
        Extras::ready(Vec::new())
    }
}

impl Extras {
    /// Files still to come, with the names they are expected to have.
    pub fn pending(expected: Option<Arc<BTreeSet<String>>>) -> (Extras, Promise) {
        let (sender, ready) = watch::channel(None);
        (Extras { expected, ready }, Promise(sender))
    }

    /// Files made already, from `extra_files`' (path, text) pairs.
    pub fn ready(files: Vec<(String, String)>) -> Extras {
        let (_, ready) = watch::channel(Some(files_of(files)));
        Extras {
            expected: None,
            ready,
        }
    }

    /// The files, if they are ready.
    pub fn now(&self) -> Option<Files> {
        self.ready.borrow().clone()
    }

    /// True if `path` may be one of these files (always true while the names are unknown).
    pub fn may_have(&self, path: &str) -> bool {
        match (self.now(), &self.expected) {
            (Some(files), _) => files.contains_key(path),
            (None, Some(names)) => names.contains(path),
            (None, None) => true,
        }
    }

    /// Waits (at most `limit`) for the files; `None` if they will never come (a newer build
    /// replaced this one) or took too long.
    pub async fn wait(&self, limit: Duration) -> Option<Files> {
        let mut ready = self.ready.clone();
        let waited = tokio::time::timeout(limit, ready.wait_for(Option::is_some)).await;
        waited.ok()?.ok()?.clone()
    }
}

fn files_of(files: Vec<(String, String)>) -> Files {
    Arc::new(
        files
            .into_iter()
            .map(|(p, text)| (p, Bytes::from(text)))
            .collect(),
    )
}

/// The work of generating one build's files.
#[derive(Debug)]
pub struct ExtrasJob {
    site: Arc<Site>,
    templates: Templates,
    pages: Vec<Page>,
    promise: Promise,
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

    /// Generates the files and hands them to whoever waits for them.
    pub fn run(self) -> Files {
        let renderer = Renderer::new(&self.site, self.templates, RenderOptions::default());
        let files = files_of(renderer.extra_files(&self.pages));
        self.promise.0.send_replace(Some(files.clone()));
        files
    }
}
