//! `healthkb serve`, driven as a real process on a copy of a fixture site: it serves on loopback,
//! rebuilds and reloads on every way an editor saves, shows broken edits without dropping the last
//! good site, refuses paths outside the site, and survives a load test.

mod harness;
mod serve_support;

use harness::Site;
use serve_support::{DEADLINE, Server};
use std::time::{Duration, Instant};

const TAG: &str = "<script src=\"/__livereload.js\" defer></script>";

fn started() -> (Site, Server) {
    let site = Site::fixture("basic");
    let server = Server::start(&site.root, &[]);
    (site, server)
}

/// A small article with no links in or out.
fn article(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndescription = \"D.\"\nupdated = 2026-11-01\nsymptoms = [\"tingling\"]\n+++\n{body}\n"
    )
}

#[test]
fn serves_the_site_on_loopback_with_the_reload_script() {
    let (site, server) = started();
    assert!(
        server.address.starts_with("127.0.0.1:"),
        "{}",
        server.address
    );
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers.contains("text/html; charset=utf-8"),
        "{}",
        home.headers
    );
    assert!(
        home.body.contains(&format!("{TAG}</head>")),
        "{}",
        home.body
    );
    let script = server.get("/__livereload.js");
    assert_eq!(script.status, 200);
    assert!(script.body.contains("new EventSource(\"/__livereload\")"));
    assert!(
        script.body.contains("textContent"),
        "the overlay is built with textContent"
    );
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(!css.body.contains(TAG));
    let folder = server.get("/tingling");
    assert_eq!(folder.status, 301);
    assert!(
        folder.headers.contains("location: /tingling/"),
        "{}",
        folder.headers
    );
    let query = server.get("/tingling?q=1");
    assert!(
        query.headers.contains("location: /tingling/?q=1"),
        "the query is kept: {}",
        query.headers
    );
    assert_eq!(server.get("/conditions/b12/").status, 200);
    let missing = server.get("/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains(TAG), "the 404 page reloads too");
    assert_eq!(server.raw("POST / HTTP/1.0\r\n\r\n").status, 405);
    assert!(
        !site.exists("public"),
        "serve never writes the output folder"
    );
}

#[test]
fn an_edit_sends_a_reload_and_the_new_page_is_served() {
    let (site, server) = started();
    let events = server.events();
    events.expect("hello", "\"problems\":[]");
    let text = site
        .read("articles/tingling.md")
        .replace("Many.", "Many, edited qqzzk.")
        .replace("Pins and needles in the back.", "Pins and needles, qqzzk.");
    site.write("articles/tingling.md", text);
    let data = events.expect("reload", "tingling/index.html");
    assert!(!data.contains("\"all\":true"), "{data}");
    let page = server.get("/tingling/");
    assert!(page.body.contains("Many, edited qqzzk."), "{}", page.body);
    // The search index is made after the pages, from the same build: its manifest, and the
    // shard (a small index is one) holding the edited description.
    assert_eq!(server.get("/search/index.js").status, 200);
    let index = server.get("/search/0.js");
    assert_eq!(index.status, 200);
    assert!(
        index.body.contains("Pins and needles, qqzzk."),
        "the search index is of the new build"
    );
    let line = server.next_line();
    assert!(
        line.starts_with("rebuilt ") && line.contains("articles/tingling.md"),
        "{line}"
    );
    assert!(line.contains(" changed (articles/tingling.md)"), "{line}");
    // "N file changed" for one, "N files changed" for more.
    let changed = line.split(" ms, ").nth(1).unwrap_or_default();
    let (n, noun) = changed.split_once(' ').unwrap_or_default();
    let plural = if n == "1" { "file " } else { "files " };
    assert!(noun.starts_with(plural), "{line}");
}

#[test]
fn every_way_an_editor_saves_is_picked_up() {
    let (site, server) = started();
    let events = server.events();
    events.expect("hello", "");
    let has = |text: &'static str| move |r: &serve_support::Response| r.body.contains(text);

    // Atomic save: write a temporary file, rename it over the article.
    site.write(
        "articles/.tingling.md.swp",
        article("Tingling", "Saved atomically."),
    );
    std::fs::rename(
        site.root.join("articles/.tingling.md.swp"),
        site.root.join("articles/tingling.md"),
    )
    .expect("rename over");
    server.wait_for(
        "/tingling/",
        "show the atomic save",
        has("Saved atomically."),
    );
    events.expect("reload", "tingling/index.html");

    // A burst of writes: the last one wins.
    for i in 0..8 {
        site.write(
            "articles/tingling.md",
            article("Tingling", &format!("Burst write {i}.")),
        );
    }
    server.wait_for("/tingling/", "show the last write", has("Burst write 7."));

    // Delete and recreate.
    site.remove("articles/tingling.md");
    site.write("articles/tingling.md", article("Tingling", "Recreated."));
    server.wait_for("/tingling/", "show the recreated file", has("Recreated."));

    // A new file, then renamed.
    site.write("articles/extra.md", article("Extra page", "Brand new."));
    events.expect("reload", "extra/index.html");
    server.wait_for("/extra/", "appear", has("Brand new."));
    std::fs::rename(
        site.root.join("articles/extra.md"),
        site.root.join("articles/renamed.md"),
    )
    .expect("rename");
    server.wait_for("/renamed/", "appear after the rename", has("Brand new."));
    server.wait_for("/extra/", "go away after the rename", |r| r.status == 404);

    // A new folder with an article, and a static file.
    site.write(
        "articles/topic/deep.md",
        article("Deep page", "In a folder."),
    );
    server.wait_for("/topic/deep/", "appear", has("In a folder."));
    site.write("static/notes.txt", "plain notes");
    server.wait_for("/notes.txt", "appear", has("plain notes"));
    let stderr = server.stderr_text();
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn a_broken_edit_shows_the_problem_and_keeps_the_old_page() {
    let (site, server) = started();
    let events = server.events();
    events.expect("hello", "");
    let good = site.read("articles/tingling.md");
    site.write(
        "articles/tingling.md",
        good.replace("(back-spasm.md)", "(back-spasn.md)")
            .replace("Many.", "Broken."),
    );
    let data = events.expect("problems", "articles/tingling.md");
    assert!(data.contains("\"line\":9"), "{data}");
    assert!(
        data.contains("back-spasm.md"),
        "the hint is sent too: {data}"
    );
    let page = server.get("/tingling/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Many.") && !page.body.contains("Broken."));
    let late = server.events();
    late.expect("hello", "articles/tingling.md");
    let started = Instant::now();
    while !server.stderr_text().contains("articles/tingling.md:9:") {
        assert!(started.elapsed() < DEADLINE, "no error in the terminal");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        server
            .stderr_text()
            .contains("still serving the last good site")
    );
    site.write("articles/tingling.md", good.replace("Many.", "Fixed."));
    events.expect("reload", "tingling/index.html");
    assert!(server.get("/tingling/").body.contains("Fixed."));
    server.events().expect("hello", "\"problems\":[]");
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_s_search_index() {
    let (site, server) = started();
    let events = server.events();
    events.expect("hello", "");
    let good = site
        .read("articles/tingling.md")
        .replace("Pins and needles in the back.", "Pins and needles, qqzzk.");
    site.write("articles/tingling.md", &good);
    events.expect("reload", "tingling/index.html");
    // The search index of that build was never asked for, and the next edit breaks the site.
    site.write(
        "articles/tingling.md",
        good.replace("(back-spasm.md)", "(back-spasn.md)"),
    );
    events.expect("problems", "articles/tingling.md");
    let manifest = server.get("/search/index.js");
    assert_eq!(manifest.status, 200, "{}", manifest.body);
    let index = server.get("/search/0.js");
    assert_eq!(index.status, 200);
    assert!(index.body.contains("Pins and needles, qqzzk."));
}

#[test]
fn paths_outside_the_site_are_refused() {
    let (site, server) = started();
    for path in [
        "/../site.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "/static/../../site.toml",
        "//etc/passwd",
        "/..\\..\\site.toml",
        "/%5c..%5csite.toml",
        "/tingling/..",
        "/./index.html",
        "/tingling//index.html",
        "/index%00.html",
        "/%ff",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
    }
    let absolute = server.raw(&format!(
        "GET http://{}/../../etc/passwd HTTP/1.0\r\n\r\n",
        server.address
    ));
    assert_eq!(absolute.status, 400);
    // Decoded once only: a literal "%2e%2e" folder is looked up, and is not there.
    for path in [
        "/%252e%252e/site.toml",
        "/etc/passwd",
        "/site.toml",
        "/articles/tingling.md",
        "/templates/base.html",
    ] {
        assert_eq!(server.get(path).status, 404, "{path}");
    }
    // A symlink out of the site is refused; the last good site stays.
    let outside = tempfile::tempdir().expect("temporary folder");
    std::fs::write(outside.path().join("secret.txt"), "top secret").expect("write");
    let events = server.events();
    events.expect("hello", "");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root.join("static/secret.txt"),
    )
    .expect("symlink");
    events.expect("problems", "static/secret.txt");
    let r = server.get("/secret.txt");
    assert_eq!(r.status, 404);
    assert!(!r.body.contains("top secret"));
}

#[test]
fn survives_a_load_test_while_the_site_changes() {
    let (site, server) = started();
    let paths = [
        "/",
        "/tingling/",
        "/style.css",
        "/symptoms/",
        "/a-z/",
        "/no-such-page/",
    ];
    let expected: Vec<u16> = paths.iter().map(|p| server.get(p).status).collect();
    let deadline = Instant::now() + Duration::from_secs(60);
    let failures = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for worker in 0..8 {
            let (server, failures, done, paths, expected) =
                (&server, &failures, &done, &paths, &expected);
            scope.spawn(move || {
                for i in 0..150 {
                    if Instant::now() > deadline {
                        return;
                    }
                    let k = (worker + i) % paths.len();
                    let r = server.get(paths[k]);
                    let complete =
                        !r.headers.contains("text/html") || r.body.trim_end().ends_with("</html>");
                    if r.status != expected[k] || !complete {
                        failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
        scope.spawn(|| {
            for i in 0..10 {
                site.write(
                    "articles/tingling.md",
                    article("Tingling", &format!("Under load {i}.")),
                );
                std::thread::sleep(Duration::from_millis(60));
            }
        });
    });
    assert_eq!(failures.into_inner(), 0);
    assert_eq!(
        done.into_inner(),
        8 * 150,
        "every request answered before the deadline"
    );
}

#[test]
fn an_idle_server_stays_idle() {
    let (_site, server) = started();
    server.get("/");
    std::thread::sleep(Duration::from_millis(300));
    let before = server.cpu_ticks();
    std::thread::sleep(Duration::from_secs(2));
    let used = server.cpu_ticks() - before;
    // Clock ticks are 10 ms: a server that rebuilds or rescans in a loop uses far more.
    assert!(used <= 10, "{used} ticks of CPU in 2 s of idling");
}

#[test]
fn a_port_in_use_is_a_usage_error() {
    let site = Site::fixture("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port().to_string();
    site.run(&["serve", "--port", &port])
        .expect_code(2)
        .expect_error("127.0.0.1:", "cannot listen here");
}

/// `serve --open` on a machine with no display (a server, a container, SSH) cannot open a
/// browser; it must say so and name the address to open, not stay silent.
#[test]
fn open_without_a_display_says_so_and_names_the_address() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let site = Site::fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_healthkb"))
        .arg("--root")
        .arg(&site.root)
        .args(["serve", "--port", "0", "--open"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("BROWSER")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start healthkb serve");
    let err = child.stderr.take().expect("stderr");
    let (lines, said) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                return;
            }
        }
    });
    let started = Instant::now();
    let line = loop {
        let line = said
            .recv_timeout(DEADLINE.saturating_sub(started.elapsed()))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("serve --open with no display said nothing on stderr")
            });
        if line.contains("could not open a browser") {
            break line;
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.contains("there is no display"), "{line}");
    assert!(line.contains("open http://127.0.0.1:"), "{line}");
}
