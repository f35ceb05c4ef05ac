//! The catalogue of bad input: every folder under `tests/fixtures/bad/` is one case.
//!
//! A case folder holds `case.toml` and a `files/` folder laid over a good fixture site:
//!
//! ```toml
//! base = "basic"                 # the fixture to start from
//! remove = ["articles/a.md"]     # files to delete first (optional)
//! args = ["build"]               # command line after --root (optional; default build)
//! exit = 1                       # expected exit code (optional; default 1)
//! [[expect]]                     # every expected diagnostic (at least one for exit 1)
//! kind = "unknown-key"           # the kind's stable name (`Kind::name`, as in `check --format json`)
//! file = "articles/a.md"         # relative to the site root
//! line = 4                       # optional
//! column = 1                     # optional
//! message = "symtoms"            # optional: a piece of the message
//! [[contains]]                   # for cases that must build (exit 0): text a file must have
//! file = "public/a/index.html"
//! text = "&lt;script&gt;"
//! [[absent]]                     # ... and text it must not have
//! file = "public/a/index.html"
//! text = "<script>alert"
//! ```
//!
//! Each case is its own test, named by its folder: `cargo test --release --test errors --
//! broken-link` runs one (`-- --exact broken-link` that one alone, `-- --list` names them all). A
//! new folder is a new test, with no code to edit. This file therefore has its own `main`
//! (libtest-mimic, `harness = false` in Cargo.toml), and its other tests are listed there too.
//!
//! For each case the good site is built first; then the case is applied and built again. The
//! test checks the exit code (never a panic), each expected error's kind and place (through the
//! library) and its `file:line:col: error:` line (through the program), and that the previous
//! output is byte for byte untouched and no temporary folder is left.

mod harness;

use harness::{Site, copy_dir, repo};
use healthkb::BuildOptions;
use healthkb::check::CheckOptions;
use healthkb::diagnostic::{Diagnostic, Kind, Severity, did_you_mean};
use healthkb::progress::Progress;
use libtest_mimic::{Arguments, Failed, Trial};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    base: String,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default = "one")]
    exit: i32,
    #[serde(default)]
    expect: Vec<Expected>,
    #[serde(default)]
    contains: Vec<FileText>,
    #[serde(default)]
    absent: Vec<FileText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileText {
    file: String,
    text: String,
}

fn one() -> i32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    kind: String,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: Option<String>,
}

/// Every folder under `tests/fixtures/bad/`, sorted (one without `case.toml` fails as a case).
fn cases() -> Vec<PathBuf> {
    let dir = repo().join("tests/fixtures/bad");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/bad exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn location(e: &Expected) -> String {
    match (e.line, e.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}: error:", e.file),
        (Some(l), None) => format!("{}:{l}:", e.file),
        _ => format!("{}:", e.file),
    }
}

/// The kind each expected diagnostic names, or what is wrong with a name (an old Debug-style
/// `UnknownKey` gets the kebab-case name to write instead).
fn expected_kinds(expect: &[Expected]) -> Result<Vec<Kind>, String> {
    expect
        .iter()
        .map(|e| {
            Kind::from_name(&e.kind).ok_or_else(|| {
                let names = Kind::ALL.iter().map(|k| k.name());
                let spelled = e.kind.chars().enumerate().fold(String::new(), |mut out, (i, c)| {
                    if c.is_ascii_uppercase() && i > 0 {
                        out.push('-');
                    }
                    out.push(c.to_ascii_lowercase());
                    out
                });
                let close = Kind::from_name(&spelled)
                    .map(Kind::name)
                    .or_else(|| did_you_mean(&e.kind, names));
                match close {
                    Some(name) => format!(
                        "case.toml: `kind = \"{}\"` is not a diagnostic kind; did you mean `{name}`?",
                        e.kind
                    ),
                    None => format!(
                        "case.toml: `kind = \"{}\"` is not a diagnostic kind (the names are in docs/commands.md)",
                        e.kind
                    ),
                }
            })
        })
        .collect()
}

fn run_case(dir: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(dir.join("case.toml"))
        .map_err(|e| format!("{}: {e}", dir.join("case.toml").display()))?;
    let case: Case = toml::from_str(&text).map_err(|e| format!("case.toml: {e}"))?;
    let site = Site::fixture(&case.base);
    site.run(&["build"]).expect_code(0);
    let before = site.snapshot("public");
    for rel in &case.remove {
        site.remove(rel);
    }
    if dir.join("files").exists() {
        copy_dir(&dir.join("files"), &site.root);
    }
    let args: Vec<&str> = if case.args.is_empty() {
        vec!["build"]
    } else {
        case.args.iter().map(String::as_str).collect()
    };
    let run = site.run(&args);
    let mut problems = Vec::new();
    if run.code != Some(case.exit) {
        problems.push(format!("exit code {:?}, expected {}", run.code, case.exit));
    }
    if case.exit == 1 && case.expect.is_empty() {
        problems.push("a failing case must list the errors it expects".into());
    }
    let kinds = expected_kinds(&case.expect)?;
    // Every validation of `build`, through the library, without writing: `check`'s errors.
    let checked = healthkb::check::check(
        &CheckOptions {
            build: BuildOptions {
                root: site.root.clone(),
                ..Default::default()
            },
            ..Default::default()
        },
        &Progress::silent(),
    );
    let diagnostics: Vec<Diagnostic> = checked
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for (e, &kind) in case.expect.iter().zip(&kinds) {
        let matched = diagnostics.iter().any(|d| {
            d.kind == kind
                && d.file == Path::new(&e.file)
                && (e.line.is_none() || d.line == e.line)
                && (e.column.is_none() || d.column == e.column)
                && e.message
                    .as_ref()
                    .is_none_or(|m| d.message.contains(m.as_str()))
        });
        if !matched && args == ["build"] {
            let got: Vec<String> = diagnostics
                .iter()
                .map(|d| format!("[{}] {d}", d.kind))
                .collect();
            problems.push(format!(
                "no {} diagnostic at {}; the library found:\n    {}",
                e.kind,
                location(e),
                got.join("\n    ")
            ));
        }
        let printed = run.stderr.lines().any(|l| l.starts_with(&location(e)));
        if !printed {
            problems.push(format!("stderr has no line starting `{}`", location(e)));
        }
    }
    if case.exit != 0 && site.snapshot("public") != before {
        problems.push("the previous site in public/ was changed".into());
    }
    for c in &case.contains {
        if !site.exists(&c.file) || !site.read(&c.file).contains(&c.text) {
            problems.push(format!("{} does not contain `{}`", c.file, c.text));
        }
    }
    for a in &case.absent {
        if site.exists(&a.file) && site.read(&a.file).contains(&a.text) {
            problems.push(format!("{} contains `{}`", a.file, a.text));
        }
    }
    let leftovers: Vec<String> = std::fs::read_dir(&site.root)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    if !leftovers.is_empty() {
        problems.push(format!("temporary folders left behind: {leftovers:?}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n  stderr:\n{}",
            problems.join("\n  "),
            run.stderr
        ))
    }
}

/// One test per case folder, named by the folder, and the tests below.
fn main() {
    let args = Arguments::from_args();
    let cases = cases();
    let count = cases.len();
    let mut trials = vec![
        Trial::test("the_catalogue_has_at_least_100_cases", move || {
            match count >= 100 {
                true => Ok(()),
                false => Err(format!("tests/fixtures/bad/ has only {count} cases").into()),
            }
        }),
        test(
            "every_problem_is_reported_sorted_by_file_and_line",
            every_problem_is_reported_sorted_by_file_and_line,
        ),
        test("usage_errors_exit_with_2", usage_errors_exit_with_2),
        test(
            "an_existing_folder_not_written_by_the_program_is_never_replaced",
            an_existing_folder_not_written_by_the_program_is_never_replaced,
        ),
    ];
    trials.extend(cases.into_iter().map(|dir| {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Trial::test(name, move || run_case(&dir).map_err(Failed::from))
    }));
    libtest_mimic::run(&args, trials).exit();
}

/// A test written as a plain function that panics on failure, as `#[test]` functions do.
fn test(name: &str, body: fn()) -> Trial {
    Trial::test(name, move || {
        body();
        Ok(())
    })
}

fn every_problem_is_reported_sorted_by_file_and_line() {
    let site = Site::fixture("basic");
    site.write("articles/tingling.md", "+++\ntitle = \"T\"\ndescription = \"D\"\nupdated = 2026-11-20\nsymptoms = [\"numbnes\"]\n+++\n[x](nowhere.md) and [y](conditions/b12.md#nope)\n");
    site.write(
        "articles/back-spasm.md",
        "+++\ntitle = \"B\"\ndescription = \"D\"\nupdated = 2026-11-20\ncolour = 1\n+++\n",
    );
    let run = site.run(&["build"]);
    run.expect_code(1);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(lines.len(), 4, "{}", run.stderr);
    assert!(
        lines[0].starts_with("articles/back-spasm.md:5:1: error: unknown field `colour`"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("articles/tingling.md:5:13: error: unknown symptom `numbnes`"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("articles/tingling.md:7:1: error: `nowhere.md` does not exist"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("articles/tingling.md:7:21: error: there is no heading `#nope`"),
        "{}",
        lines[3]
    );
    assert!(run.stderr.contains("hint: did you mean `numbness`?"));
    assert!(
        run.stderr
            .trim_end()
            .ends_with("4 errors found; nothing was written")
    );
}

fn usage_errors_exit_with_2() {
    let site = Site::fixture("basic");
    site.run(&["build", "--no-such-flag"]).expect_code(2);
    site.run(&["frobnicate"]).expect_code(2);
    site.run(&["build", "--out", "."])
        .expect_code(2)
        .expect_error(".:", "would contain the site's own files");
    site.run(&["build", "--out", "/"]).expect_code(2);
    site.run(&["build", "--out", "articles/out"])
        .expect_code(2)
        .expect_error("articles/out:", "inside the site's `articles/` folder");
    site.run(&["build", "--base-url", "example.org"])
        .expect_code(2)
        .expect_error("--base-url: error:", "is not the address of a site");
    assert!(!site.exists("public"));
}

fn an_existing_folder_not_written_by_the_program_is_never_replaced() {
    let site = Site::fixture("basic");
    site.write("documents/letter.txt", "precious");
    site.run(&["build", "--out", "documents"])
        .expect_code(2)
        .expect_error("documents:", "was not written by this program");
    assert_eq!(site.read("documents/letter.txt"), "precious");
    site.run(&["build", "--out", "fresh"]).expect_code(0);
    site.run(&["build", "--out", "fresh"]).expect_code(0);
}
