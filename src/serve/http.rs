//! The preview server (axum on tokio): the current snapshot's files, the live-reload script and
//! its event stream. Nothing is read from disk: a request can only ever name a file of the
//! built site, and paths that try to climb out (`..`, `%2e%2e`, `\`, `//`) are refused outright.

use super::reload::{self, Shared};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

/// The routes: events, script, and every other path looked up in the snapshot.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(reload::EVENTS_PATH, get(events))
        .route(reload::SCRIPT_PATH, get(script))
        .fallback(file)
        .with_state(shared)
}

/// What a request path leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// A file of the site, by output path.
    File(String),
    /// A folder asked for without its slash: redirect to this path.
    Redirect(String),
    /// No such file.
    NotFound,
    /// A path that is not allowed (climbs out, has `\`, empty segments or bad encoding).
    Refused,
}

/// Looks up the raw (still percent-encoded) request path among the files `has` knows.
pub(crate) fn lookup(has: &dyn Fn(&str) -> bool, raw_path: &str) -> Lookup {
    let Some(rel) = request_path(raw_path) else {
        return Lookup::Refused;
    };
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    if has(&file) {
        Lookup::File(file)
    } else if !file.ends_with("index.html") && has(&format!("{rel}/index.html")) {
        Lookup::Redirect(format!("{raw_path}/"))
    } else {
        Lookup::NotFound
    }
}

/// The decoded path without its leading `/`, or `None` when it must be refused.
fn request_path(raw: &str) -> Option<String> {
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    let rel = decoded.strip_prefix('/')?;
    if rel.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = rel.split('/').collect();
    let last = segments.len() - 1;
    let bad = segments
        .iter()
        .enumerate()
        .any(|(i, s)| *s == "." || *s == ".." || (s.is_empty() && i != last));
    if bad { None } else { Some(rel.to_string()) }
}

async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD are served\n",
        )
            .into_response();
    }
    // A build can be replaced while a request waits for its generated files: then the request
    // is answered from the newer build.
    for _ in 0..3 {
        let Some(snapshot) = shared.snapshot() else {
            return not_built();
        };
        let pages = &snapshot.files;
        let found = lookup(&|p| pages.contains_key(p), uri.path());
        if found != Lookup::NotFound {
            return answer(found, pages, &uri);
        }
        let generated = match snapshot.extras.now() {
            Some(files) => files,
            None if snapshot.extras.may_have(uri.path().trim_start_matches('/')) => {
                match snapshot.extras.wait(EXTRAS_WAIT).await {
                    Some(files) => files,
                    None => continue,
                }
            }
            None => Default::default(),
        };
        let found = lookup(&|p| generated.contains_key(p), uri.path());
        return match found {
            Lookup::File(_) => answer(found, &generated, &uri),
            _ => answer(Lookup::NotFound, pages, &uri),
        };
    }
    plain(
        StatusCode::SERVICE_UNAVAILABLE,
        "the site is rebuilding; try again\n",
    )
}

/// How long a request waits for a build's generated files (the search index of a large site
/// takes seconds).
const EXTRAS_WAIT: Duration = Duration::from_secs(60);

/// The response for a lookup among `files`.
fn answer(found: Lookup, files: &HashMap<String, Bytes>, uri: &Uri) -> Response {
    match found {
        Lookup::File(path) => match files.get(&path) {
            Some(bytes) => respond(StatusCode::OK, &path, bytes),
            None => plain(StatusCode::NOT_FOUND, "not found\n"),
        },
        Lookup::Redirect(to) => {
            let to = match uri.query() {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            match HeaderValue::from_str(&to) {
                Ok(location) => (
                    StatusCode::MOVED_PERMANENTLY,
                    [(header::LOCATION, location)],
                )
                    .into_response(),
                Err(_) => plain(StatusCode::NOT_FOUND, "not found\n"),
            }
        }
        Lookup::NotFound => match files.get("404.html") {
            Some(bytes) => respond(StatusCode::NOT_FOUND, "404.html", bytes),
            None => plain(StatusCode::NOT_FOUND, "not found\n"),
        },
        Lookup::Refused => plain(StatusCode::BAD_REQUEST, "this path is not allowed\n"),
    }
}

/// A file response; HTML gets the live-reload script.
fn respond(status: StatusCode, path: &str, bytes: &Bytes) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = if mime.type_() == "text" || mime.essence_str() == "application/javascript" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let body = if is_html {
        Body::from(reload::inject(bytes))
    } else {
        Body::from(bytes.clone())
    };
    (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        body,
    )
        .into_response()
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// Served before the site ever built: a page that shows the problems and reloads when fixed.
fn not_built() -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title>{}</head><body><h1>The site has not built yet</h1><p>Fix the problems shown in the terminal (and below); this page reloads by itself.</p></body></html>",
        reload::SCRIPT_TAG
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        reload::SCRIPT,
    )
        .into_response()
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.subscribe();
    let hello = tokio_stream::once(shared.hello());
    let lagging = shared.clone();
    let later =
        BroadcastStream::new(receiver).map(move |m| m.unwrap_or_else(|_| lagging.reload_all()));
    let stream = hello
        .chain(later)
        .map(|m| Ok(Event::default().event(m.event).data(m.data)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> impl Fn(&str) -> bool {
        |p: &str| ["index.html", "a/index.html", "style.css", "404.html"].contains(&p)
    }

    #[test]
    fn paths_map_to_files_and_folders() {
        let f = files();
        assert_eq!(lookup(&f, "/"), Lookup::File("index.html".into()));
        assert_eq!(lookup(&f, "/a/"), Lookup::File("a/index.html".into()));
        assert_eq!(
            lookup(&f, "/a/index.html"),
            Lookup::File("a/index.html".into())
        );
        assert_eq!(lookup(&f, "/a"), Lookup::Redirect("/a/".into()));
        assert_eq!(lookup(&f, "/style%2Ecss"), Lookup::File("style.css".into()));
        assert_eq!(lookup(&f, "/b/"), Lookup::NotFound);
        assert_eq!(lookup(&f, "/%252e%252e/"), Lookup::NotFound);
    }

    #[test]
    fn climbing_out_is_refused() {
        let f = files();
        for path in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2f..%2fsite.toml",
            "/a/..",
            "/./index.html",
            "//etc/passwd",
            "/a//index.html",
            "/..\\..\\etc\\passwd",
            "/%5c..%5cetc",
            "/a%00.html",
            "/%ff",
            "etc/passwd",
        ] {
            assert_eq!(lookup(&f, path), Lookup::Refused, "{path}");
        }
    }
}
