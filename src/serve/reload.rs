//! What the server shares with the rebuild thread: the current snapshot, the current problems,
//! and the live-reload messages sent to open tabs as server-sent events.
//!
//! Messages (event name, then JSON data):
//! - `hello` on connecting: `{"version", "problems"}`; a tab that saw another version reloads.
//! - `reload`: `{"version", "paths", "all"}`: the output files that changed (`all` when there are
//!   too many to list); a tab reloads when its own page or any non-page file is among them.
//! - `problems`: `{"problems"}`: the content is broken; the tab shows them over the page.
//! - `ok`: `{"version"}`: a rebuild changed nothing visible; any overlay is cleared.

use super::engine::Snapshot;
use crate::check::report::DiagnosticView;
use crate::diagnostic::Diagnostic;
use serde::Serialize;
use std::sync::{Arc, PoisonError, RwLock};
use tokio::sync::broadcast;

/// Where the live-reload script is served.
pub(crate) const SCRIPT_PATH: &str = "/__livereload.js";
/// Where tabs listen for reload events.
pub(crate) const EVENTS_PATH: &str = "/__livereload";
/// The script injected into every HTML page in serve mode.
pub(crate) const SCRIPT: &str = include_str!("livereload.js");
/// The tag injected into HTML pages (an external script, allowed by `script-src 'self'`).
pub(crate) const SCRIPT_TAG: &str = "<script src=\"/__livereload.js\" defer></script>";
/// More changed paths than this are sent as "everything changed".
const MAX_PATHS: usize = 500;

/// One server-sent event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    /// The event name.
    pub event: &'static str,
    /// JSON data.
    pub data: String,
}

#[derive(Serialize)]
struct Hello<'a> {
    version: &'a str,
    problems: &'a [DiagnosticView],
}

#[derive(Serialize)]
struct Reload<'a> {
    version: &'a str,
    paths: &'a [String],
    all: bool,
}

#[derive(Serialize)]
struct Problems<'a> {
    problems: &'a [DiagnosticView],
}

#[derive(Serialize)]
struct Ok<'a> {
    version: &'a str,
}

/// State shared by the server and the rebuild thread.
pub(crate) struct Shared {
    snapshot: RwLock<Option<Arc<Snapshot>>>,
    problems: RwLock<Vec<DiagnosticView>>,
    events: broadcast::Sender<Message>,
    instance: String,
}

impl Shared {
    /// No site yet, no problems.
    pub(crate) fn new() -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            snapshot: RwLock::new(None),
            problems: RwLock::new(Vec::new()),
            events,
            instance: format!("{}", std::process::id()),
        })
    }

    /// The site being served, if it ever built.
    pub(crate) fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.snapshot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// A version string unique to this server and build.
    fn version(&self) -> String {
        let build = self.snapshot().map_or(0, |s| s.version);
        format!("{}-{build}", self.instance)
    }

    /// Listens for messages.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Message> {
        self.events.subscribe()
    }

    /// The first message a tab gets.
    pub(crate) fn hello(&self) -> Message {
        let problems = self.problems.read().unwrap_or_else(PoisonError::into_inner);
        message(
            "hello",
            &Hello {
                version: &self.version(),
                problems: &problems,
            },
        )
    }

    /// Tells tabs to reload whatever page they show.
    pub(crate) fn reload_all(&self) -> Message {
        message(
            "reload",
            &Reload {
                version: &self.version(),
                paths: &[],
                all: true,
            },
        )
    }

    /// Serves a new snapshot, clears the problems and tells the tabs what changed.
    pub(crate) fn publish(&self, snapshot: Arc<Snapshot>, changed: &[String]) {
        *self
            .snapshot
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(snapshot);
        self.problems
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        let version = self.version();
        let message = if changed.is_empty() {
            message("ok", &Ok { version: &version })
        } else {
            let all = changed.len() > MAX_PATHS;
            let paths = if all { &[][..] } else { changed };
            message(
                "reload",
                &Reload {
                    version: &version,
                    paths,
                    all,
                },
            )
        };
        let _ = self.events.send(message);
    }

    /// Keeps the current site and shows `problems` in every tab.
    pub(crate) fn fail(&self, problems: &[Diagnostic]) {
        let views: Vec<DiagnosticView> = problems.iter().map(DiagnosticView::from).collect();
        let message = message("problems", &Problems { problems: &views });
        *self
            .problems
            .write()
            .unwrap_or_else(PoisonError::into_inner) = views;
        let _ = self.events.send(message);
    }
}

fn message<T: Serialize>(event: &'static str, data: &T) -> Message {
    Message {
        event,
        data: serde_json::to_string(data).unwrap_or_else(|_| "{}".into()),
    }
}

/// `html` with the live-reload script tag added before `</head>` (or `</body>`, or at the end).
pub(crate) fn inject(html: &[u8]) -> Vec<u8> {
    let find = |needle: &[u8]| {
        html.windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
    };
    let at = find(b"</head>")
        .or_else(|| find(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_head() {
        let html = inject(b"<html><HEAD><title>t</title></HEAD><body></body></html>");
        let html = String::from_utf8(html).expect("utf-8");
        assert!(
            html.contains(&format!("<title>t</title>{SCRIPT_TAG}</HEAD>")),
            "{html}"
        );
        let bare = String::from_utf8(inject(b"<p>x</p>")).expect("utf-8");
        assert_eq!(bare, format!("<p>x</p>{SCRIPT_TAG}"));
    }

    #[test]
    fn messages_say_what_changed() {
        let shared = Shared::new();
        let mut rx = shared.subscribe();
        shared.publish(Arc::new(Snapshot::default()), &["a/index.html".into()]);
        let m = rx.try_recv().expect("a message");
        assert_eq!(m.event, "reload");
        assert!(
            m.data.contains("\"paths\":[\"a/index.html\"]"),
            "{}",
            m.data
        );
        let problem =
            Diagnostic::error(crate::diagnostic::Kind::BrokenLink, "articles/a.md", "x").at(3, 1);
        shared.fail(&[problem]);
        let m = rx.try_recv().expect("a message");
        assert_eq!(m.event, "problems");
        assert!(shared.hello().data.contains("\"line\":3"));
        shared.publish(Arc::new(Snapshot::default()), &[]);
        assert_eq!(rx.try_recv().expect("a message").event, "ok");
        assert!(shared.hello().data.contains("\"problems\":[]"));
    }
}
