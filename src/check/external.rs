//! `check --external`: are the links to other sites (inline links and source URLs) still alive?
//!
//! Each URL is asked once (HEAD, then GET when HEAD is not allowed), with a timeout, a few tries
//! for failures that may pass (timeouts, refused connections, 429 and 5xx answers), no more than
//! `per_host` requests in flight to one host, and a skip list, all from `[external_links]` in
//! `site.toml`. A dead link is a warning at every place it is written.

use crate::config::ExternalLinks;
use crate::crosslink::Site;
use crate::diagnostic::{Diagnostic, Kind};
use crate::load::references::REFERENCES_FILE;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

/// Requests in flight at once, over all hosts.
const WORKERS: usize = 8;

/// Where a URL is written: file, line, column.
type Place = (PathBuf, usize, usize);

/// Checks every external http(s) link of the site; one warning per dead link per place.
pub(crate) fn check(site: &Site) -> Vec<Diagnostic> {
    let settings = &site.config.external_links;
    let places: BTreeMap<String, Vec<Place>> = collect(site)
        .into_iter()
        .filter(|(url, _)| !skipped(url, &settings.skip))
        .collect();
    let urls: Vec<String> = places.keys().cloned().collect();
    let results = check_all(&urls, settings);
    let mut warnings = Vec::new();
    for (url, result) in urls.iter().zip(results) {
        let Err(reason) = result else { continue };
        for (file, line, column) in places.get(url).into_iter().flatten() {
            warnings.push(
                Diagnostic::warning(Kind::ExternalLink, file, format!("`{url}`: {reason}"))
                    .at(*line, *column)
                    .hint("open the link in a browser; update or remove it, or add it to `skip` under [external_links] in site.toml"),
            );
        }
    }
    warnings
}

/// Every http(s) URL in the articles and the reference registry, with the places it is written.
fn collect(site: &Site) -> BTreeMap<String, Vec<Place>> {
    let mut places: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for article in &site.articles {
        for link in &article.outline.links {
            if is_web(&link.dest) {
                let (line, column) = article.body_position(link.offset);
                let url = link.dest.split('#').next().unwrap_or_default().to_string();
                places
                    .entry(url)
                    .or_default()
                    .push((article.source.clone(), line, column));
            }
        }
    }
    for r in site.registry.values() {
        if let (Some(url), Some((line, column))) = (&r.url, r.url_at)
            && is_web(url)
        {
            places
                .entry(url.clone())
                .or_default()
                .push((REFERENCES_FILE.into(), line, column));
        }
    }
    places
}

fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The host of an http(s) URL, lower-cased, without port or user.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    host.to_ascii_lowercase()
}

/// True if `url` matches an entry of the skip list: a URL prefix, or a host and its subdomains.
fn skipped(url: &str, skip: &[String]) -> bool {
    let host = host(url);
    skip.iter().any(|entry| {
        if entry.contains("://") {
            url.starts_with(entry.as_str())
        } else {
            let entry = entry.to_ascii_lowercase();
            host == entry || host.ends_with(&format!(".{entry}"))
        }
    })
}

/// Work shared by the checking threads: queues per host and requests in flight per host.
struct Queue {
    waiting: BTreeMap<String, VecDeque<usize>>,
    in_flight: HashMap<String, usize>,
}

/// Checks `urls` with at most `per_host` requests per host at once; results in `urls` order.
fn check_all(urls: &[String], settings: &ExternalLinks) -> Vec<Result<(), String>> {
    let mut waiting: BTreeMap<String, VecDeque<usize>> = BTreeMap::new();
    for (i, url) in urls.iter().enumerate() {
        waiting.entry(host(url)).or_default().push_back(i);
    }
    let queue = Mutex::new(Queue {
        waiting,
        in_flight: HashMap::new(),
    });
    let ready = Condvar::new();
    let results = Mutex::new(vec![Ok(()); urls.len()]);
    let agent = agent(settings);
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(urls.len()) {
            scope.spawn(|| {
                while let Some((i, host)) = next(&queue, &ready, settings.per_host) {
                    let result = check_one(&agent, &urls[i], settings.retries);
                    results.lock().unwrap_or_else(PoisonError::into_inner)[i] = result;
                    let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(n) = q.in_flight.get_mut(&host) {
                        *n = n.saturating_sub(1);
                    }
                    ready.notify_all();
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// The next URL (index and host) whose host has room, waiting if every host is busy; `None`
/// when there is nothing left.
fn next(queue: &Mutex<Queue>, ready: &Condvar, per_host: usize) -> Option<(usize, String)> {
    let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        q.waiting.retain(|_, urls| !urls.is_empty());
        if q.waiting.is_empty() {
            return None;
        }
        let free = q
            .waiting
            .keys()
            .find(|h| q.in_flight.get(*h).copied().unwrap_or(0) < per_host)
            .cloned();
        if let Some(host) = free {
            let i = q.waiting.get_mut(&host).and_then(VecDeque::pop_front)?;
            *q.in_flight.entry(host.clone()).or_default() += 1;
            return Some((i, host));
        }
        q = ready.wait(q).unwrap_or_else(PoisonError::into_inner);
    }
}

fn agent(settings: &ExternalLinks) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(settings.timeout_seconds)))
        .http_status_as_error(false)
        .user_agent(concat!("healthkb-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// What one request said.
enum Answer {
    Alive,
    Dead(String),
    /// Worth another try.
    Flaky(String),
}

/// Asks for `url` up to `1 + retries` times.
fn check_one(agent: &ureq::Agent, url: &str, retries: u32) -> Result<(), String> {
    let mut last = String::new();
    for attempt in 0..=retries {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(200 * u64::from(attempt)));
        }
        match ask(agent, url) {
            Answer::Alive => return Ok(()),
            Answer::Dead(why) => return Err(why),
            Answer::Flaky(why) => last = why,
        }
    }
    Err(last)
}

fn ask(agent: &ureq::Agent, url: &str) -> Answer {
    let status = match agent.head(url).call() {
        Ok(r) if [405, 501, 403].contains(&r.status().as_u16()) => agent.get(url).call(),
        other => other,
    };
    match status {
        Ok(r) => match r.status().as_u16() {
            code if code < 400 => Answer::Alive,
            code @ (429 | 500..=599) => Answer::Flaky(format!("the server answered HTTP {code}")),
            code => Answer::Dead(format!("the server answered HTTP {code}")),
        },
        Err(ureq::Error::Timeout(_)) => Answer::Flaky("no answer in time".into()),
        Err(ureq::Error::Io(e)) => Answer::Flaky(format!("cannot connect: {e}")),
        Err(ureq::Error::HostNotFound) => Answer::Dead("the host does not exist".into()),
        Err(e) => Answer::Flaky(format!("the request failed: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_found_in_urls() {
        assert_eq!(host("https://Www.Example.org:8443/a?b"), "www.example.org");
        assert_eq!(host("http://user@x.org/"), "x.org");
        assert_eq!(host("http://[::1]:80/"), "::1");
    }

    #[test]
    fn skip_entries_are_prefixes_or_hosts() {
        let skip = vec![
            "example.org".to_string(),
            "https://x.org/private/".to_string(),
        ];
        assert!(skipped("https://example.org/a", &skip));
        assert!(skipped("https://www.example.org/a", &skip));
        assert!(!skipped("https://badexample.org/a", &skip));
        assert!(skipped("https://x.org/private/page", &skip));
        assert!(!skipped("https://x.org/public/page", &skip));
    }
}
