//! `check`: quality warnings with file and line, `--strict`, `--format json`, thresholds from
//! `site.toml`, `--external` against a local server, and progress output for long builds.

mod harness;

use harness::Site;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The basic fixture with articles that break every quality rule.
fn weak_site() -> Site {
    let site = Site::fixture("basic");
    let hard = "Intervertebral musculoskeletal degeneration necessitates comprehensive \
                multidisciplinary rehabilitation incorporating physiotherapeutic interventions. ";
    site.write(
        "articles/weak.md",
        format!(
            "+++\ntitle = \"Weak\"\ndescription = \"D.\"\nupdated = 2026-11-01\nnext_review = 2001-01-01\n+++\n{}\n",
            hard.repeat(3)
        ),
    );
    let long_sentence = "the pain can spread ".repeat(9);
    let long_paragraph = "Rest helps. Walk a bit. ".repeat(28);
    site.write(
        "articles/wordy.md",
        format!(
            "+++\ntitle = \"Wordy\"\ndescription = \"D.\"\nupdated = 2026-11-01\nsymptoms = [\"tingling\"]\n+++\n\
             Short. Then {long_sentence}end.\n\n{long_paragraph}\n"
        ),
    );
    site
}

/// The reference-quality warnings the real site has until the content team re-sources it: its
/// five seed sources are consumer pages without URLs, three without a publisher or a date, one
/// older than five years. Nothing else may be reported.
const SEED_SOURCE_WARNINGS: [&str; 5] = [
    "only-consumer-sources",
    "missing-url",
    "placeholder-publisher",
    "undated-source",
    "old-source",
];

#[test]
fn the_real_site_passes_a_strict_check() {
    let site = Site::real();
    let run = site.run(&["check", "--strict", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let diagnostics = report["diagnostics"].as_array().expect("a list");
    let other: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| !SEED_SOURCE_WARNINGS.contains(&d["kind"].as_str().unwrap_or_default()))
        .collect();
    assert!(other.is_empty(), "{other:#?}");
    assert!(
        diagnostics.iter().all(|d| {
            let file = d["file"].as_str().unwrap_or_default();
            file == "articles/references.toml" || d["kind"] == "only-consumer-sources"
        }),
        "{diagnostics:#?}"
    );
    let problems: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with("progress: "))
        .collect();
    assert!(problems.is_empty(), "{}", run.stderr);
}

#[test]
fn warnings_name_the_file_and_line_and_do_not_fail_the_check() {
    let site = weak_site();
    let run = site.run(&["check"]);
    run.expect_code(0)
        .expect_error(
            "articles/weak.md:7: warning: the article reads at US school grade",
            "",
        )
        .expect_error(
            "articles/weak.md:5: warning: the review was due on 2001-01-01",
            "",
        )
        .expect_error(
            "articles/weak.md:1: warning: the article cites no sources",
            "",
        )
        .expect_error(
            "articles/weak.md:1: warning: no other article links here",
            "",
        )
        .expect_error(
            "articles/wordy.md:7:8: warning: a sentence of 38 words",
            "limit is 30",
        )
        .expect_error(
            "articles/wordy.md:9:1: warning: a paragraph of 140 words",
            "limit is 120",
        )
        .expect_error(
            "articles/symptoms.toml:18: warning: symptom `saddle-numbness`",
            "only one",
        )
        .expect_error(
            "articles/tingling.md:1: warning: the article cites no sources",
            "",
        );
    assert!(run.stdout.contains(": no errors, "), "{}", run.stdout);
    assert!(!site.exists("public"));
}

#[test]
fn strict_turns_warnings_into_errors() {
    let site = weak_site();
    let run = site.run(&["check", "--strict"]);
    run.expect_code(1)
        .expect_error("articles/weak.md:5: error: the review was due", "");
    assert!(
        run.stderr.contains("errors found; nothing was written"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_gives_the_same_report() {
    let site = weak_site();
    let text = site.run(&["check"]);
    let json = site.run(&["check", "--format", "json"]);
    json.expect_code(0);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    let diagnostics = report["diagnostics"].as_array().expect("a list");
    let text_lines = text
        .stderr
        .lines()
        .filter(|l| l.contains(": warning: "))
        .count();
    assert_eq!(diagnostics.len(), text_lines);
    assert_eq!(report["warnings"], diagnostics.len());
    assert_eq!(
        (report["ok"].as_bool(), report["errors"].as_u64()),
        (Some(true), Some(0))
    );
    let overdue = diagnostics
        .iter()
        .find(|d| d["kind"] == "review-overdue")
        .expect("an overdue review");
    assert_eq!(overdue["file"], "articles/weak.md");
    assert_eq!(overdue["line"], 5);
    assert_eq!(overdue["severity"], "warning");
    for kind in [
        "reading-level",
        "no-sources",
        "orphan",
        "rare-symptom",
        "long-sentence",
        "long-paragraph",
    ] {
        assert!(diagnostics.iter().any(|d| d["kind"] == kind), "no {kind}");
    }
    let strict = site.run(&["check", "--strict", "--format", "json"]);
    strict.expect_code(1);
    let strict: serde_json::Value = serde_json::from_str(&strict.stdout).expect("valid JSON");
    assert_eq!(strict["errors"], diagnostics.len());
    assert_eq!(
        json.stdout,
        site.run(&["check", "--format", "json"]).stdout,
        "deterministic"
    );
}

#[test]
fn limits_come_from_site_toml() {
    let site = weak_site();
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        format!(
            "{config}max_reading_grade = 100\nmax_sentence_words = 50\nmax_paragraph_words = 200\n"
        ),
    );
    let run = site.run(&["check"]);
    run.expect_code(0);
    for gone in [
        "reads at US school grade",
        "a sentence of",
        "a paragraph of",
    ] {
        assert!(!run.stderr.contains(gone), "{gone}: {}", run.stderr);
    }
    site.write(
        "site.toml",
        format!("{config}max_reading_grade = \"high\"\n"),
    );
    site.run(&["check"])
        .expect_code(1)
        .expect_error("site.toml:", "");
}

/// A local web server answering by path, counting requests and the most at once.
struct Web {
    port: u16,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    most_at_once: Arc<AtomicUsize>,
}

fn web() -> Web {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let hits = Arc::new(Mutex::new(HashMap::new()));
    let most_at_once = Arc::new(AtomicUsize::new(0));
    let now = Arc::new(AtomicUsize::new(0));
    let (h, m) = (hits.clone(), most_at_once.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(200).flatten() {
            let (hits, most, now) = (h.clone(), m.clone(), now.clone());
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut first = String::new();
                let _ = reader.read_line(&mut first);
                let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
                // A timed-out request lingers here after the client gave up on it: not counted.
                let counted = path != "/slow";
                if counted {
                    let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(at_once, Ordering::SeqCst);
                }
                let n = {
                    let mut hits = hits.lock().unwrap_or_else(|e| e.into_inner());
                    let n = hits.entry(path.clone()).or_insert(0);
                    *n += 1;
                    *n
                };
                std::thread::sleep(Duration::from_millis(50));
                let status = match (path.as_str(), n) {
                    ("/gone", _) => "404 Not Found",
                    ("/flaky", 1) => "503 Service Unavailable",
                    ("/slow", _) => {
                        std::thread::sleep(Duration::from_secs(3));
                        "200 OK"
                    }
                    _ => "200 OK",
                };
                if counted {
                    now.fetch_sub(1, Ordering::SeqCst);
                }
                let _ = (&stream).write_all(
                    format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .as_bytes(),
                );
            });
        }
    });
    Web {
        port,
        hits,
        most_at_once,
    }
}

#[test]
fn external_links_are_checked_with_retries_timeouts_a_host_limit_and_a_skip_list() {
    let server = web();
    let site = Site::fixture("basic");
    let base = format!("http://127.0.0.1:{}", server.port);
    site.write(
        "articles/links.md",
        format!(
            "+++\ntitle = \"Links\"\ndescription = \"D.\"\nupdated = 2026-11-01\nsymptoms = [\"tingling\"]\n\
             references = [\"gone\"]\n+++\n\
             [ok]({base}/ok) and [flaky]({base}/flaky).\n\n[gone]({base}/gone) and [slow]({base}/slow#x).\n\n\
             [skipped]({base}/private/page)\n"
        ),
    );
    let registry = site.read("articles/references.toml");
    site.write(
        "articles/references.toml",
        format!("{registry}\n[gone]\ntitle = \"S\"\npublisher = \"P\"\nurl = \"{base}/gone\"\ndate = 2026-01-01\nkind = \"study\"\n"),
    );
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{config}[external_links]\nskip = [\"{base}/private/\", \"www.nhs.uk\", \"example.org\"]\ntimeout_seconds = 1\nretries = 1\nper_host = 1\n"),
    );
    site.run(&["check"]).expect_code(0);
    assert!(
        server.hits.lock().expect("hits").is_empty(),
        "no requests without --external"
    );
    let run = site.run(&["check", "--external"]);
    run.expect_code(0)
        .expect_error(
            "articles/links.md:10:1: warning:",
            "/gone`: the server answered HTTP 404",
        )
        .expect_error(
            "articles/references.toml:11:7: warning:",
            "/gone`: the server answered HTTP 404",
        )
        .expect_error("articles/links.md:10:", "/slow`: no answer in time");
    assert!(
        !run.stderr.contains("/ok`") && !run.stderr.contains("/flaky`"),
        "{}",
        run.stderr
    );
    let hits = server.hits.lock().expect("hits").clone();
    assert_eq!(hits.get("/flaky"), Some(&2), "retried once: {hits:?}");
    assert_eq!(
        hits.get("/slow"),
        Some(&2),
        "a timeout is retried: {hits:?}"
    );
    assert_eq!(
        hits.get("/gone"),
        Some(&1),
        "a 404 is not retried, and asked once: {hits:?}"
    );
    assert!(!hits.contains_key("/private/page"), "skipped: {hits:?}");
    assert_eq!(
        server.most_at_once.load(Ordering::SeqCst),
        1,
        "per_host = 1"
    );
    site.run(&["check", "--external", "--strict"])
        .expect_code(1);
}

#[test]
fn long_builds_report_progress_as_plain_lines_when_not_on_a_terminal() {
    let site = Site::fixture("basic");
    let run = site.run_env(&["build"], &[("HEALTHKB_PROGRESS_DELAY_MS", "0")]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("progress: rendering pages: "),
        "{}",
        run.stderr
    );
    let quiet = site.run(&["build"]);
    assert!(
        quiet.stderr.is_empty(),
        "a quick build shows no progress: {}",
        quiet.stderr
    );
}

/// The basic fixture with one of each clinical-safety problem.
fn unsafe_site() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "articles/care.toml",
        "[bladder]\nlevel = \"urgent\"\ntext = \"you cannot control when you pee or poo\"\nsymptoms = [\"saddle-numbness\"]\n\n[fever]\nlevel = \"urgent\"\ntext = \"you have a fever with back pain\"\n",
    );
    site.write(
        "articles/back-spasm.md",
        "+++\ntitle = \"Back spasm\"\ndescription = \"What a back spasm is.\"\nsymptoms = [\"back-pain\", \"numbness\"]\nupdated = 2026-11-20\n[care]\nurgent = [\"bladder\", \"you have a fever with a back pain\", \"call 911 if it spreads\"]\n+++\nCall 999 now, or {{emergency}}, not `911`. See [tingling](tingling.md).\n",
    );
    site
}

#[test]
fn clinical_safety_warnings_name_their_kind_file_line_and_column() {
    let site = unsafe_site();
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let found: Vec<(String, String, u64, u64)> = report["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap_or_default().to_string(),
                d["file"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected = [
        ("near-duplicate-care", "articles/back-spasm.md", 7, 22),
        ("plain-emergency-number", "articles/back-spasm.md", 7, 65),
        ("plain-emergency-number", "articles/back-spasm.md", 9, 6),
        ("care-below-symptom", "articles/care.toml", 4, 13),
        ("no-care-advice", "articles/conditions/b12.md", 4, 13),
        ("no-emergency-advice", "articles/conditions/b12.md", 4, 25),
        ("emergency-sign-missing", "articles/symptoms.toml", 18, 0),
        ("no-care-advice", "articles/tingling.md", 4, 13),
    ];
    for (kind, file, line, column) in expected {
        assert!(
            found.contains(&(kind.into(), file.into(), line, column)),
            "no {kind} at {file}:{line}:{column} in {found:?}"
        );
    }
    let safety = |k: &str| expected.iter().any(|e| e.0 == k);
    assert_eq!(
        found.iter().filter(|f| safety(&f.0)).count(),
        expected.len(),
        "nothing else: `911` in code is not a plain number; {found:?}"
    );
    let text = site.run(&["check"]);
    text.expect_error(
        "articles/back-spasm.md:7:22: warning: this advice nearly repeats the shared care entry `fever`",
        "",
    )
    .expect_error(
        "articles/care.toml:4:13: warning: care entry `bladder` is urgent advice, but its symptom `saddle-numbness` is emergency",
        "",
    );
    site.run(&["check", "--strict"]).expect_code(1);
}

#[test]
fn hidden_files_in_static_are_named_as_not_copied_and_well_known_is_copied() {
    let site = Site::fixture("basic");
    site.write("static/.htaccess", "ErrorDocument 404 /404.html");
    site.write("static/img/.DS_Store", "x");
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:a@example.org",
    );
    let run = site.run(&["check"]);
    run.expect_code(0);
    for path in ["static/.htaccess", "static/img/.DS_Store"] {
        assert!(
            run.stderr
                .contains(&format!("{path}: warning: this hidden file is not copied")),
            "{path}: {}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("static/.well-known/security.txt:"),
        "{}",
        run.stderr
    );
    site.run(&["build"]).expect_code(0);
    assert!(site.exists("public/.well-known/security.txt"));
    assert!(!site.exists("public/.htaccess"));
}

/// Warnings are placed where TOML reads the key, from what loading kept: not at text that only
/// looks like a key (inside a multi-line string), and also at a quoted, indented key, in a file
/// with a byte-order mark and CRLF line ends; a vocabulary entry written as an inline table has
/// its line too.
#[test]
fn warnings_are_placed_at_keys_as_toml_reads_them() {
    let site = Site::fixture("basic");
    site.write(
        "articles/late.md",
        "+++\ntitle = \"Late\"\ndescription = \"\"\"\nreviewed = 2001-01-01 is text here\n\"\"\"\nupdated = 2026-11-01\nreviewed = 2020-01-01\nreviewed_by = [\"jane-doe\"]\n+++\nSee [the spasm](back-spasm.md).\n",
    );
    site.write(
        "articles/quoted.md",
        "\u{feff}+++\r\ntitle = \"Quoted\"\r\ndescription = \"D.\"\r\nupdated = 2026-11-01\r\n  \"next_review\" = 2001-01-01\r\n+++\r\nSee [the spasm](back-spasm.md).\r\n",
    );
    let vocabulary = site.read("articles/symptoms.toml");
    site.write(
        "articles/symptoms.toml",
        format!("lonely = {{ name = \"Lonely\" }}\n\n{vocabulary}"),
    );
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let place = |kind: &str, file: &str, message: &str| {
        report["diagnostics"]
            .as_array()
            .expect("a list")
            .iter()
            .find(|d| {
                d["kind"] == kind
                    && d["file"] == file
                    && d["message"].as_str().unwrap_or_default().contains(message)
            })
            .map(|d| d["line"].as_u64())
    };
    assert_eq!(
        place("review-overdue", "articles/late.md", "2023-01-01"),
        Some(Some(7)),
        "{report:#}"
    );
    assert_eq!(
        place("review-overdue", "articles/quoted.md", "2001-01-01"),
        Some(Some(5)),
        "{report:#}"
    );
    assert_eq!(
        place("rare-symptom", "articles/symptoms.toml", "`lonely`"),
        Some(Some(1)),
        "{report:#}"
    );
}
