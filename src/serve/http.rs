//! The preview server (axum on tokio) and what it shares with the rebuild thread: the current
//! snapshot, the current problems and the live-reload events. Nothing is read from disk: a
//! request can only ever name a file of the built site, and paths that try to climb out (`..`,
//! `%2e%2e`, `\`, `//`) are refused outright.
//!
//! Events (server-sent, name then JSON data, always with the `version` of server and build):
//! - `hello` on connecting: `{"problems"}`; a tab that saw another version reloads.
//! - `reload`: `{"paths", "all"}`: the output files that changed (`all` when there are too many
//!   to list); a tab reloads when its own page or any non-page file is among them.
//! - `problems`: `{"problems"}`: the content is broken; the tab shows them over the page.
//! - `ok`: a rebuild changed nothing visible; any overlay is cleared.

use super::engine::{Rebuilt, Snapshot};
use super::extras::{ExtrasJob, Files};
use crate::check::report::DiagnosticView;
use crate::diagnostic::Diagnostic;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;
use serde_json::json;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

/// The tag injected into HTML pages (an external script, allowed by `script-src 'self'`).
const SCRIPT_TAG: &str = "<script src=\"/__livereload.js\" defer></script>";
/// More changed paths than this are sent as "everything changed".
const MAX_PATHS: usize = 500;
/// How long a request waits for a build's generated files (the search index of a large site
/// takes seconds).
const EXTRAS_WAIT: Duration = Duration::from_secs(60);

/// State shared by the server and the rebuild thread.
pub(crate) struct Shared {
    state: Mutex<Current>,
    events: broadcast::Sender<Event>,
}

#[derive(Default)]
struct Current {
    snapshot: Option<Arc<Snapshot>>,
    problems: Vec<DiagnosticView>,
    /// The current snapshot's generated files, still to make: made when first asked for.
    job: Option<ExtrasJob>,
}

impl Shared {
    pub(crate) fn new() -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        let state = Mutex::default();
        Arc::new(Shared { state, events })
    }

    fn lock(&self) -> MutexGuard<'_, Current> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The site being served, if it ever built.
    pub(crate) fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.lock().snapshot.clone()
    }

    /// Serves a new snapshot (its generated files made by `job` when asked for), clears the
    /// problems and tells the tabs what changed.
    pub(crate) fn publish(&self, rebuilt: Rebuilt) {
        let (snapshot, job) = (Some(rebuilt.snapshot), rebuilt.extras);
        let now = Current {
            snapshot,
            problems: Vec::new(),
            job,
        };
        let stale = std::mem::replace(&mut *self.lock(), now);
        // A job never asked for holds a whole cross-linked site: freed on another thread, not
        // on the rebuild's. Whoever waits for its files is told they will never come, and asks
        // the newer build.
        if let Some(job) = stale.job {
            let _ = std::thread::Builder::new()
                .name("free".into())
                .spawn(move || drop(job));
        }
        let changed = &rebuilt.changed;
        let all = changed.len() > MAX_PATHS;
        let paths = if all { &[][..] } else { changed };
        let name = if changed.is_empty() { "ok" } else { "reload" };
        let event = self.event(name, json!({ "paths": paths, "all": all }));
        let _ = self.events.send(event);
    }

    /// Keeps the current site and shows `problems` in every tab.
    pub(crate) fn fail(&self, problems: &[Diagnostic]) {
        let views: Vec<DiagnosticView> = problems.iter().map(DiagnosticView::from).collect();
        let event = self.event("problems", json!({ "problems": views }));
        self.lock().problems = views;
        let _ = self.events.send(event);
    }

    fn reload_all(&self) -> Event {
        self.event("reload", json!({ "paths": [], "all": true }))
    }

    fn hello(&self) -> Event {
        let problems = json!(self.lock().problems);
        self.event("hello", json!({ "problems": problems }))
    }

    /// An event with `data` and the version: unique to this server and build.
    fn event(&self, name: &str, mut data: serde_json::Value) -> Event {
        let build = self.snapshot().map_or(0, |s| s.version);
        data["version"] = json!(format!("{}-{build}", std::process::id()));
        Event::default().event(name).data(data.to_string())
    }
}

/// The routes: events, script, and every other path looked up in the snapshot.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__livereload", get(events))
        .route("/__livereload.js", get(script))
        .fallback(get(file))
        .with_state(shared)
}

/// The output path a raw (still percent-encoded) request path names, or `None` when it must be
/// refused (it climbs out, has `\`, empty segments or bad encoding).
fn request_path(raw: &str) -> Option<String> {
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    let rel = decoded.strip_prefix('/')?;
    let segments: Vec<&str> = rel.split('/').collect();
    let last = segments.len() - 1;
    let bad = segments.iter().enumerate().any(|(i, s)| {
        *s == "." || *s == ".." || (s.is_empty() && i != last) || s.contains(['\\', '\0'])
    });
    match rel {
        _ if bad => None,
        "" => Some("index.html".into()),
        _ if rel.ends_with('/') => Some(format!("{rel}index.html")),
        _ => Some(rel.into()),
    }
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let Some(path) = request_path(uri.path()) else {
        return plain(StatusCode::BAD_REQUEST, "this path is not allowed\n");
    };
    // A build can be replaced while a request waits for its generated files: then the request
    // is answered from the newer build.
    for _ in 0..3 {
        let Some(snapshot) = shared.snapshot() else {
            return page(StatusCode::SERVICE_UNAVAILABLE, NOT_BUILT.as_bytes());
        };
        let pages = &snapshot.files;
        if let Some(bytes) = pages.get(&path) {
            return respond(StatusCode::OK, &path, bytes);
        }
        if !path.ends_with("index.html") && pages.contains_key(&format!("{path}/index.html")) {
            return redirect(&uri);
        }
        let generated = match snapshot.extras.now() {
            Some(files) => files,
            None if snapshot.extras.may_have(&path) => match wait(&shared, &snapshot).await {
                Some(files) => files,
                None => continue,
            },
            None => Files::default(),
        };
        return match (generated.get(&path), pages.get("404.html")) {
            (Some(bytes), _) => respond(StatusCode::OK, &path, bytes),
            (None, Some(bytes)) => respond(StatusCode::NOT_FOUND, "404.html", bytes),
            (None, None) => plain(StatusCode::NOT_FOUND, "not found\n"),
        };
    }
    plain(
        StatusCode::SERVICE_UNAVAILABLE,
        "the site is rebuilding; try again\n",
    )
}

/// The snapshot's generated files, made now if no one has started them; `None` if they will
/// never come (a newer build replaced this one) or took too long.
async fn wait(shared: &Shared, snapshot: &Snapshot) -> Option<Files> {
    if let Some(job) = shared.lock().job.take() {
        tokio::task::spawn_blocking(move || job.run());
    }
    snapshot.extras.wait(EXTRAS_WAIT).await
}

/// A folder asked for without its slash: to the folder, with the query kept.
fn redirect(uri: &Uri) -> Response {
    let to = match uri.query() {
        Some(q) => format!("{}/?{q}", uri.path()),
        None => format!("{}/", uri.path()),
    };
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
}

/// A file response; HTML gets the live-reload script.
fn respond(status: StatusCode, path: &str, bytes: &[u8]) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let essence = mime.essence_str();
    if essence == "text/html" {
        return page(status, bytes);
    }
    let content_type = if mime.type_() == "text" || essence == "application/javascript" {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    };
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CACHE_CONTROL, "no-store".into()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".into()),
    ];
    (status, headers, bytes.to_vec()).into_response()
}

/// An HTML page with the live-reload script added before `</head>` (or `</body>`, or at the end).
fn page(status: StatusCode, html: &[u8]) -> Response {
    let find = |needle: &[u8]| {
        html.windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
    };
    let at = find(b"</head>")
        .or_else(|| find(b"</body>"))
        .unwrap_or(html.len());
    let body = [&html[..at], SCRIPT_TAG.as_bytes(), &html[at..]].concat();
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (status, headers, body).into_response()
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

async fn script() -> Response {
    respond(
        StatusCode::OK,
        "livereload.js",
        include_bytes!("livereload.js"),
    )
}

/// Served before the site ever built: shows the problems and reloads when fixed.
const NOT_BUILT: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title></head><body><h1>The site has not built yet</h1><p>Fix the problems shown in the terminal (and below); this page reloads by itself.</p></body></html>";

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let later = BroadcastStream::new(shared.events.subscribe());
    let hello = tokio_stream::once(shared.hello());
    let stream = hello.chain(later.map(move |e| e.unwrap_or_else(|_| shared.reload_all())));
    Sse::new(stream.map(Ok)).keep_alive(KeepAlive::default())
}
