//! Bad input that is made at test time (too big, too deep, symlinks, permissions) and faults while
//! writing: interrupted builds and failed writes must leave the previous site complete and
//! unchanged, with no temporary folders behind.

mod harness;

use harness::Site;
use std::collections::BTreeMap;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLE: &str = "+++\ntitle = \"Deep\"\ndescription = \"D\"\nsymptoms = [\"numbness\"]\nupdated = 2026-11-20\n+++\n";

fn leftovers(site: &Site) -> Vec<String> {
    std::fs::read_dir(&site.root)
        .expect("site folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

#[test]
fn a_fifty_megabyte_article_is_refused_quickly() {
    let site = Site::fixture("basic");
    let mut text = String::from(ARTICLE);
    let paragraph = "Words words words words words words words words words.\n\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(paragraph);
    }
    site.write("articles/huge.md", &text);
    let started = Instant::now();
    site.run(&["build"])
        .expect_code(1)
        .expect_error("articles/huge.md: error: the article is 50 MB", "limit");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn ten_thousand_levels_of_nesting_build_without_crashing() {
    let site = Site::fixture("basic");
    let deep = format!(
        "{ARTICLE}{} quote\n\n{}list\n\n{}ordered\n\n{}a{}\n",
        ">".repeat(10_000),
        "- ".repeat(10_000),
        "1. ".repeat(10_000),
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    site.write("articles/deep.md", deep);
    site.run(&["build"]).expect_code(0);
    assert!(site.read("public/deep/index.html").contains("quote"));
}

#[test]
fn symlinks_out_of_the_site_loops_and_dangling_links_are_refused() {
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("secret.md"), ARTICLE).expect("write");
    let site = Site::fixture("basic");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.root.join("articles/secret.md"),
    )
    .expect("symlink");
    std::os::unix::fs::symlink(outside.path(), site.root.join("articles/elsewhere"))
        .expect("symlink");
    std::os::unix::fs::symlink("..", site.root.join("articles/conditions/loop")).expect("symlink");
    std::os::unix::fs::symlink("missing.md", site.root.join("articles/dangling.md"))
        .expect("symlink");
    site.run(&["build"])
        .expect_code(1)
        .expect_error("articles/secret.md: error:", "outside the site folder")
        .expect_error("articles/elsewhere: error:", "outside the site folder")
        .expect_error("articles/conditions/loop: error:", "loop")
        .expect_error("articles/dangling.md: error:", "points to nothing");
}

#[test]
fn a_term_file_symlinked_out_of_the_site_is_reported_once() {
    let outside = tempfile::tempdir().expect("temp dir");
    let site = Site::fixture("basic");
    let terms = site.root.join("articles/symptoms.toml");
    std::fs::copy(&terms, outside.path().join("symptoms.toml")).expect("copy");
    std::fs::remove_file(&terms).expect("remove");
    std::os::unix::fs::symlink(outside.path().join("symptoms.toml"), &terms).expect("symlink");
    let run = site.run(&["build"]);
    run.expect_code(1);
    let about_it: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("articles/symptoms.toml:"))
        .collect();
    assert_eq!(about_it.len(), 1, "{}", run.stderr);
    assert!(
        about_it[0].contains("outside the site folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_symlink_inside_the_site_is_followed() {
    let site = Site::fixture("basic");
    std::fs::create_dir_all(site.root.join("shared")).expect("folder");
    std::fs::write(site.root.join("shared/linked.md"), ARTICLE).expect("write");
    std::os::unix::fs::symlink(
        site.root.join("shared/linked.md"),
        site.root.join("articles/linked.md"),
    )
    .expect("symlink");
    site.run(&["build"]).expect_code(0);
    assert!(site.exists("public/linked/index.html"));
}

/// Runs the program without the capabilities that let root ignore file permissions, so
/// permission tests mean the same for root (as in CI) as for an editor.
fn run_unprivileged(site: &Site, args: &[&str]) -> harness::Run {
    let output = Command::new("setpriv")
        .args(["--inh-caps=-all", "--bounding-set=-all", "--"])
        .arg(env!("CARGO_BIN_EXE_healthkb"))
        .arg("--root")
        .arg(&site.root)
        .args(args)
        .output()
        .expect("setpriv runs (util-linux)");
    harness::Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn an_unreadable_article_is_reported_by_name() {
    let site = Site::fixture("basic");
    chmod(&site.root.join("articles/tingling.md"), 0o000);
    let run = run_unprivileged(&site, &["check"]);
    chmod(&site.root.join("articles/tingling.md"), 0o644);
    run.expect_code(1).expect_error(
        "articles/tingling.md: error: cannot read the file",
        "ermission denied",
    );
}

#[test]
fn an_output_folder_that_cannot_be_written_is_refused_and_left_alone() {
    let site = Site::fixture("basic");
    site.run(&["build"]).expect_code(0);
    let before = site.snapshot("public");
    chmod(&site.root, 0o555);
    let run = run_unprivileged(&site, &["build"]);
    chmod(&site.root, 0o755);
    run.expect_code(1).expect_error("", "ermission denied");
    assert_eq!(site.snapshot("public"), before);
    assert!(leftovers(&site).is_empty());
}

#[test]
fn a_write_that_fails_half_way_leaves_the_previous_site() {
    let site = Site::fixture("basic");
    site.run(&["build"]).expect_code(0);
    let before = site.snapshot("public");
    // A page bigger than the file size limit makes a write fail part way through the build, as a
    // full disk would.
    site.write(
        "articles/big.md",
        format!("{ARTICLE}{}", "Long text here. ".repeat(40_000)),
    );
    let mut command = Command::new(env!("CARGO_BIN_EXE_healthkb"));
    command.arg("--root").arg(&site.root).arg("build");
    // SAFETY: only async-signal-safe calls (setrlimit, signal) between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc_rlimit(100_000);
            if setrlimit(1, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            signal(25, 1); // SIGXFSZ ignored: the write returns EFBIG instead of killing us
            Ok(())
        });
    }
    let output = command.output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert_eq!(
        site.snapshot("public"),
        before,
        "the previous site is untouched"
    );
    assert!(
        leftovers(&site).is_empty(),
        "temporary folders left: {:?}",
        leftovers(&site)
    );
}

#[repr(C)]
struct RLimit {
    cur: u64,
    max: u64,
}

fn libc_rlimit(bytes: u64) -> RLimit {
    RLimit {
        cur: bytes,
        max: bytes,
    }
}

unsafe extern "C" {
    fn setrlimit(resource: i32, limit: *const RLimit) -> i32;
    fn signal(signum: i32, handler: usize) -> usize;
}

/// A site big enough that a build takes a while, so it can be interrupted at many points.
fn big_site() -> Site {
    let site = Site::fixture("basic");
    let body = "Some text about backs and nerves. ".repeat(150);
    for i in 0..1500 {
        site.write(
            &format!("articles/gen/a{i}.md"),
            format!("+++\ntitle = \"Article {i}\"\ndescription = \"D\"\nsymptoms = [\"numbness\", \"tingling\"]\nupdated = 2026-11-20\n+++\n{body}\n\n## Part\n\n[next](a{}.md)\n", (i + 1) % 1500),
        );
    }
    site
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        2 => "SIGINT",
        15 => "SIGTERM",
        _ => "SIGKILL",
    }
}

#[test]
fn interrupting_a_build_at_any_moment_keeps_a_complete_site() {
    let site = big_site();
    site.run(&["build"]).expect_code(0);
    let old = site.snapshot("public");
    site.write("articles/tingling.md", "+++\ntitle = \"Tingling, changed\"\ndescription = \"D\"\nsymptoms = [\"tingling\"]\nupdated = 2026-11-21\n+++\nNew text.\n");
    let timer = Instant::now();
    site.run(&["build", "--out", "probe"]).expect_code(0);
    let full = timer.elapsed();
    let new = site.snapshot("probe");
    let mut seen = BTreeMap::new();
    for round in 0..18u32 {
        let signal = [2, 15, 9][round as usize % 3];
        let delay = full.mul_f64(f64::from(round % 6) / 5.0 + 0.02);
        let mut child = Command::new(env!("CARGO_BIN_EXE_healthkb"))
            .arg("--root")
            .arg(&site.root)
            .arg("build")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status();
        let status = child.wait().expect("wait");
        assert_ne!(
            status.code(),
            Some(101),
            "panicked on {}",
            signal_name(signal)
        );
        let now = site.snapshot("public");
        let state = if now == old {
            "old"
        } else if now == new {
            "new"
        } else {
            panic!(
                "round {round}: public/ is neither the old nor the new site after {}",
                signal_name(signal)
            );
        };
        *seen.entry(state).or_insert(0) += 1;
        if state == "new" {
            restore(&site, &old);
        }
    }
    println!("after interrupts the site was: {seen:?}");
    assert!(
        seen.get("old").copied().unwrap_or(0) > 0,
        "no interrupt landed before the swap: {seen:?}"
    );
    site.run(&["build"]).expect_code(0);
    assert_eq!(site.snapshot("public"), new, "the next build works");
    assert!(
        leftovers(&site).is_empty(),
        "leftovers after the next build: {:?}",
        leftovers(&site)
    );
}

/// Puts the old site back into public/ after a round whose build completed before the signal.
fn restore(site: &Site, old: &BTreeMap<String, Vec<u8>>) {
    let public = site.root.join("public");
    std::fs::remove_dir_all(&public).expect("clear");
    for (path, bytes) in old {
        let target = public.join(path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("folder");
        std::fs::write(target, bytes).expect("write");
    }
}

fn mkfifo(path: &std::path::Path) {
    let _ = std::fs::remove_file(path);
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Runs the program with a time limit: a build that blocks is killed and the test fails.
fn run_within(site: &Site, args: &[&str], limit: Duration) -> harness::Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_healthkb"))
        .arg("--root")
        .arg(&site.root)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`{}` did not finish in {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    harness::Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn a_named_pipe_in_place_of_any_input_file_is_refused_without_blocking() {
    for file in [
        "site.toml",
        "articles/symptoms.toml",
        "articles/references.toml",
        "articles/reviewers.toml",
        "articles/care.toml",
        "articles/tingling.md",
        "templates/base.html",
        "static/style.css",
    ] {
        let site = Site::fixture("basic");
        site.run(&["build"]).expect_code(0);
        let before = site.snapshot("public");
        mkfifo(&site.root.join(file));
        for command in ["build", "check"] {
            run_within(&site, &[command], Duration::from_secs(10))
                .expect_code(1)
                .expect_error(&format!("{file}: error:"), "named pipe");
        }
        assert_eq!(site.snapshot("public"), before, "{file}");
        assert!(leftovers(&site).is_empty());
    }
}

#[test]
fn a_site_toml_that_links_outside_the_site_is_not_read() {
    let outside = tempfile::tempdir().expect("temp dir");
    let site = Site::fixture("basic");
    std::fs::copy(
        site.root.join("site.toml"),
        outside.path().join("site.toml"),
    )
    .expect("copy");
    std::fs::remove_file(site.root.join("site.toml")).expect("remove");
    std::os::unix::fs::symlink(
        outside.path().join("site.toml"),
        site.root.join("site.toml"),
    )
    .expect("symlink");
    site.run(&["build"])
        .expect_code(1)
        .expect_error("site.toml: error:", "outside the site folder");
    std::fs::remove_file(site.root.join("site.toml")).expect("remove");
    std::fs::copy(
        outside.path().join("site.toml"),
        site.root.join("site.toml"),
    )
    .expect("copy");
    std::fs::remove_file(site.root.join("articles/symptoms.toml")).expect("remove");
    std::os::unix::fs::symlink(
        outside.path().join("site.toml"),
        site.root.join("articles/symptoms.toml"),
    )
    .expect("symlink");
    site.run(&["check"])
        .expect_code(1)
        .expect_error("articles/symptoms.toml: error:", "outside the site folder");
}

#[test]
fn a_file_where_a_source_folder_should_be_is_an_error_and_the_site_is_kept() {
    for dir in ["articles", "templates", "static"] {
        let site = Site::fixture("basic");
        site.run(&["build"]).expect_code(0);
        let before = site.snapshot("public");
        std::fs::remove_dir_all(site.root.join(dir)).expect("remove");
        site.write(dir, "not a folder");
        site.run(&["build"])
            .expect_code(1)
            .expect_error(&format!("{dir}: error:"), "should be a folder");
        assert_eq!(site.snapshot("public"), before);
    }
}

#[test]
fn a_build_removes_only_leftovers_it_provably_made() {
    let site = Site::fixture("basic");
    site.run(&["build"]).expect_code(0);
    // Folders a user made, with names like the program's own.
    site.write(".public.old-backup/t.txt", "thesis");
    site.write(".public.staging-999999999/t.txt", "draft");
    site.write(".public.old-999999998x/t.txt", "notes");
    site.write(".public.staging-/t.txt", "more");
    // A leftover of a killed build: exact name, no such process, and the program's marker.
    let marker = site.read("public/.healthkb-output");
    site.write(".public.staging-999999997/.healthkb-output", &marker);
    site.write(".public.staging-999999997/index.html", "old");
    site.run(&["build"]).expect_code(0);
    assert_eq!(site.read(".public.old-backup/t.txt"), "thesis");
    assert_eq!(site.read(".public.staging-999999999/t.txt"), "draft");
    assert_eq!(site.read(".public.old-999999998x/t.txt"), "notes");
    assert_eq!(site.read(".public.staging-/t.txt"), "more");
    assert!(!site.exists(".public.staging-999999997"));
}

#[test]
fn a_symlinked_output_folder_updates_its_target_and_stays_a_symlink() {
    let target = tempfile::tempdir().expect("temp dir");
    let deployed = target.path().join("site");
    std::fs::create_dir(&deployed).expect("folder");
    let site = Site::fixture("basic");
    std::os::unix::fs::symlink(&deployed, site.root.join("public")).expect("symlink");
    site.run(&["build"]).expect_code(0);
    assert!(site.root.join("public").is_symlink(), "the symlink is kept");
    assert!(deployed.join("index.html").exists(), "the target is filled");
    site.write("articles/tingling.md", "+++\ntitle = \"Tingling, changed\"\ndescription = \"D\"\nsymptoms = [\"tingling\"]\nupdated = 2026-11-21\n+++\nNew text.\n");
    site.run(&["build"]).expect_code(0);
    assert!(site.root.join("public").is_symlink());
    let page = std::fs::read_to_string(deployed.join("tingling/index.html")).expect("page");
    assert!(page.contains("Tingling, changed"), "the target is updated");
    let left: Vec<_> = std::fs::read_dir(target.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "nothing left beside the target: {left:?}");
    // A symlink to nothing is refused with what to do.
    std::fs::remove_file(site.root.join("public")).expect("remove");
    std::os::unix::fs::symlink(target.path().join("gone"), site.root.join("public"))
        .expect("symlink");
    site.run(&["build"])
        .expect_code(1)
        .expect_error("public: error:", "which does not exist");
}

#[test]
fn an_output_folder_with_a_long_name_builds() {
    let site = Site::fixture("basic");
    let name = "p".repeat(250);
    site.run(&["build", "--out", &name]).expect_code(0);
    site.run(&["build", "--out", &name]).expect_code(0);
    assert!(site.exists(&format!("{name}/index.html")));
    let names: Vec<String> = std::fs::read_dir(&site.root)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "leftovers: {names:?}");
}

#[test]
fn an_output_folder_that_is_a_mount_point_gets_a_clear_error() {
    let site = Site::fixture("basic");
    let mount = site.root.join("mnt");
    std::fs::create_dir(&mount).expect("folder");
    if !mount_tmpfs(&mount, "4m", "mount point case") {
        return;
    }
    let run = site.run(&["build", "--out", "mnt"]);
    let inside = site.run(&["build", "--out", "mnt/site"]);
    let _ = Command::new("umount").arg(&mount).status();
    run.expect_code(2)
        .expect_error("mnt: error:", "is a mount point");
    assert!(run.stderr.contains("mnt/site"), "{}", run.stderr);
    inside.expect_code(0);
}

/// Spawns the program with stdout and stderr piped.
fn spawn(site: &Site, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_healthkb"))
        .arg("--root")
        .arg(&site.root)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn")
}

/// Sends `signal` and waits at most `limit` for the program to end; its exit code.
fn stop_within(child: &mut std::process::Child, signal: i32, limit: Duration) -> Option<i32> {
    let _ = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status();
    let sent = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code();
        }
        if sent.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running {limit:?} after signal {signal}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn every_signal_stops_build_and_check_in_every_phase_with_its_exit_code() {
    let site = big_site();
    site.run(&["build"]).expect_code(0);
    let old = site.snapshot("public");
    let timer = Instant::now();
    site.run(&["check"]).expect_code(0);
    let full = timer.elapsed();
    for (round, fraction) in [0.05, 0.3, 0.6].into_iter().enumerate() {
        for command in ["build", "check"] {
            for signal in [2, 15] {
                let mut child = spawn(&site, &[command]);
                std::thread::sleep(full.mul_f64(fraction));
                let code = stop_within(&mut child, signal, Duration::from_secs(3));
                if code == Some(0) {
                    continue; // it finished before the signal
                }
                assert_eq!(
                    code,
                    Some(128 + signal),
                    "{command} round {round}: {}",
                    signal_name(signal)
                );
                assert_eq!(site.snapshot("public"), old, "{command} round {round}");
                assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
            }
        }
    }
}

#[test]
fn a_signal_stops_serve_and_a_hanging_external_link_check() {
    let site = Site::fixture("basic");
    let mut serve = spawn(&site, &["serve"]);
    let stdout = serve.stdout.take().expect("stdout");
    let serving = std::io::BufRead::lines(std::io::BufReader::new(stdout))
        .map_while(Result::ok)
        .any(|l| l.starts_with("serving at"));
    assert!(serving, "serve did not start");
    assert_eq!(
        stop_within(&mut serve, 15, Duration::from_secs(3)),
        Some(143)
    );
    // A server that takes connections and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let _keep = std::thread::spawn(move || {
        let held: Vec<_> = listener.incoming().take(16).collect();
        std::thread::sleep(Duration::from_secs(120));
        drop(held);
    });
    let text = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{text}\n[external_links]\ntimeout_seconds = 600\n"),
    );
    site.write(
        "articles/linked.md",
        format!("{ARTICLE}See [this](http://127.0.0.1:{port}/page).\n"),
    );
    let mut check = spawn(&site, &["check", "--external"]);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        stop_within(&mut check, 2, Duration::from_secs(3)),
        Some(130)
    );
}

#[test]
fn output_errors_are_errors_not_panics() {
    let site = Site::fixture("basic");
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full")
    };
    for args in [&["build"][..], &["check", "--format", "json"], &["check"]] {
        let output = Command::new(env!("CARGO_BIN_EXE_healthkb"))
            .arg("--root")
            .arg(&site.root)
            .args(args)
            .stdout(full())
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write the program's output"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // Standard error on a full disk too: no panic, the build's own exit code.
    site.write("articles/broken.md", "no front matter");
    let output = Command::new(env!("CARGO_BIN_EXE_healthkb"))
        .arg("--root")
        .arg(&site.root)
        .arg("build")
        .stderr(full())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    site.remove("articles/broken.md");
    // A closed pipe (`build | true`): a quiet exit with the build's own code.
    for args in [&["build"][..], &["check", "--format", "json"]] {
        let mut child = spawn(&site, args);
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn control_characters_in_file_names_are_escaped_in_messages() {
    let site = Site::fixture("basic");
    site.write("articles/bad\u{1b}[2Jname\u{7}.md", "no front matter");
    let output = Command::new(env!("CARGO_BIN_EXE_healthkb"))
        .arg("--root")
        .arg(&site.root)
        .arg("build")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !output.stderr.iter().any(|&b| b == 0x1b || b == 0x07),
        "raw control characters reached the terminal"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("articles/bad\\u{1b}[2Jname\\u{7}.md: error:"),
        "{stderr}"
    );
}

#[test]
fn an_output_symlink_loop_is_named_as_a_loop() {
    let site = Site::fixture("basic");
    std::os::unix::fs::symlink("loop-b", site.root.join("loop-a")).expect("symlink");
    std::os::unix::fs::symlink("loop-a", site.root.join("loop-b")).expect("symlink");
    site.run(&["build", "--out", "loop-a"])
        .expect_code(2)
        .expect_error("loop-a: error:", "makes a loop");
}

#[test]
fn a_full_disk_is_reported_at_the_output_path_not_the_staging_folder() {
    let site = Site::fixture("basic");
    let disk = site.root.join("disk");
    std::fs::create_dir(&disk).expect("folder");
    if !mount_tmpfs(&disk, "64k", "full disk case") {
        return;
    }
    std::fs::create_dir(disk.join("www")).expect("folder");
    let run = site.run(&["build", "--out", "disk/www/site"]);
    let left: Vec<_> = std::fs::read_dir(disk.join("www"))
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    let _ = Command::new("umount").arg(&disk).status();
    run.expect_code(1);
    assert!(
        run.stderr.contains("No space left on device"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(".site.staging-"), "{}", run.stderr);
    assert!(left.is_empty(), "left on the full disk: {left:?}");
}

#[test]
fn a_signal_stops_a_check_blocked_on_a_pipe_nobody_reads() {
    let site = big_site();
    // Thousands of warnings, far more than a pipe holds; nobody reads them.
    let mut child = spawn(&site, &["check"]);
    let started = Instant::now();
    let mut blocked = false;
    while started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(200));
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        let stat =
            std::fs::read_to_string(format!("/proc/{}/wchan", child.id())).unwrap_or_default();
        if stat.contains("pipe") {
            blocked = true;
            break;
        }
    }
    assert!(blocked, "the check never filled its pipe");
    assert_eq!(
        stop_within(&mut child, 2, Duration::from_secs(3)),
        Some(130)
    );
}

/// Mounts a small tmpfs at `at` for the cases that need a real mount point or a full disk.
/// Returns false (the case is skipped, and says so) only when `HEALTHKB_SKIP_MOUNT` is set;
/// otherwise a machine that cannot mount fails the test with what is missing. `tests/run.sh`
/// sets the variable, and names the skip in its summary, when this machine cannot mount.
fn mount_tmpfs(at: &Path, size: &str, case: &str) -> bool {
    let mounted = Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            &format!("size={size}"),
            "healthkb-test",
        ])
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if mounted {
        return true;
    }
    assert!(
        std::env::var_os("HEALTHKB_SKIP_MOUNT").is_some(),
        "{case}: cannot mount a tmpfs here (this needs root or CAP_SYS_ADMIN); \
         run as root, or skip the mount cases with HEALTHKB_SKIP_MOUNT=1"
    );
    eprintln!("{case} skipped (HEALTHKB_SKIP_MOUNT is set)");
    false
}
