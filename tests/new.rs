//! `new <slug>`: a complete draft article that builds, never an overwrite, only clean slugs.

mod harness;

use harness::Site;

#[test]
fn new_writes_a_draft_with_complete_front_matter_and_sections() {
    let site = Site::fixture("basic");
    let run = site.run(&[
        "new",
        "sciatica-relief",
        "--title",
        "Relief for \"sciatica\"",
    ]);
    run.expect_code(0);
    assert!(
        run.stdout
            .starts_with("created articles/sciatica-relief.md"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("preview it with `cargo run --release -- serve --drafts`"),
        "the command it suggests is the one README's set-up gives: {}",
        run.stdout
    );
    let text = site.read("articles/sciatica-relief.md");
    for key in [
        "title = 'Relief for \"sciatica\"'",
        "description = ",
        "symptoms = []",
        "updated = ",
        "aliases = []",
        "draft = true",
        "references = []",
        "# reviewed_by = ",
        "[[changes]]",
        "summary = \"First version.\"",
        "[care]",
        "emergency = []",
        "urgent = []",
        "routine = []",
    ] {
        assert!(text.contains(key), "no `{key}` in:\n{text}");
    }
    for heading in healthkb::scaffold::SECTIONS {
        assert!(
            text.contains(&format!("\n## {heading}\n")),
            "no heading {heading}"
        );
    }
    site.run(&["build"]).expect_code(0);
    assert!(
        !site.exists("public/sciatica-relief/index.html"),
        "a draft is not published"
    );
    site.run(&["build", "--drafts"]).expect_code(0);
    let page = site.read("public/sciatica-relief/index.html");
    assert!(page.contains("Relief for &quot;sciatica&quot;"), "{page}");
    assert!(
        page.contains("[citation needed]"),
        "the placeholder citation shows in a draft"
    );
}

/// The test: a page made by `new`, published with one symptom added, as a new user
/// would. Everything `new` left is an error at its line, without `--strict`.
#[test]
fn a_page_published_as_new_left_it_is_refused() {
    let site = Site::fixture("basic");
    site.run(&["new", "sciatica"]).expect_code(0);
    let text = site.read("articles/sciatica.md");
    let published = text
        .replace("draft = true", "draft = false")
        .replace("symptoms = []", "symptoms = [\"back-pain\"]");
    site.write("articles/sciatica.md", &published);
    let line_of = |needle: &str| {
        published
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("no `{needle}`"))
    };
    let body_todo = line_of("TODO: start with");
    let placeholder = line_of("like this [@todo]");
    let column = published
        .lines()
        .nth(placeholder - 1)
        .and_then(|l| l.find("@todo"))
        .map(|c| c + 1);
    let run = site.run(&["check"]);
    run.expect_code(1)
        .expect_error(&format!("articles/sciatica.md:{}:1: error: the description still says TODO", line_of("description =")), "")
        .expect_error(&format!("articles/sciatica.md:{body_todo}:1: error: a TODO marker is left in the text"), "")
        .expect_error(&format!("articles/sciatica.md:{placeholder}:{}: error: `todo` is a placeholder, not a source", column.unwrap_or(0)), "")
        .expect_error(&format!("articles/sciatica.md:{}:1: error: a TODO marker", line_of("## What it is") + 2), "");
    let report: serde_json::Value =
        serde_json::from_str(&site.run(&["check", "--format", "json"]).stdout).expect("JSON");
    let left = report["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| d["kind"] == "left-from-new" && d["severity"] == "error")
        .count();
    assert_eq!(
        left, 8,
        "description, 6 TODO markers in the body, the [@todo] citation"
    );
    site.run(&["build"]).expect_code(1);
    assert!(!site.exists("public/sciatica/index.html"));
}

#[test]
fn new_never_overwrites() {
    let site = Site::fixture("basic");
    let before = site.read("articles/tingling.md");
    site.run(&["new", "tingling"]).expect_code(1).expect_error(
        "articles/tingling.md: error: this article already exists",
        "",
    );
    assert_eq!(site.read("articles/tingling.md"), before);
    site.run(&["new", "Tingling"]).expect_code(2);
    site.write("articles/Mixed-Case.md", "x");
    site.run(&["new", "mixed-case"])
        .expect_code(1)
        .expect_error(
            "articles/Mixed-Case.md: error: this article already exists",
            "",
        );
}

#[test]
fn new_accepts_folders_and_refuses_bad_slugs() {
    let site = Site::fixture("basic");
    site.run(&["new", "conditions/spinal-stenosis"])
        .expect_code(0);
    let text = site.read("articles/conditions/spinal-stenosis.md");
    assert!(text.contains("title = \"Spinal stenosis\""), "{text}");
    for bad in [
        "Back Pain",
        "../escape",
        "a//b",
        "/abs",
        "under_score",
        "symptoms/x",
        "emergency",
        "-x",
        "",
    ] {
        let run = site.run(&["new", bad]);
        run.expect_code(2);
        assert!(run.stderr.contains("error:"), "{bad}: {}", run.stderr);
    }
    assert!(!site.exists("escape.md"));
    site.run(&["new", "ok-title", "--title", "  "])
        .expect_code(2);
    let elsewhere = tempfile::tempdir().expect("temporary folder");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_healthkb"))
        .arg("--root")
        .arg(elsewhere.path())
        .args(["new", "x"])
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(2), "not a site folder");
}

/// Hostile titles: each is either refused as bad usage or gives an article that builds as a
/// draft, with the title shown as written.
#[test]
fn new_with_any_title_writes_an_article_that_builds_or_refuses_it() {
    let long = "w".repeat(5000);
    let titles = [
        ("Say \"hi\" \\ now", true),
        ("'''", true),
        ("\"\"\"", true),
        ("+++", true),
        ("a\n+++\nb", false),
        ("line\nbreak", false),
        ("tab\there", false),
        ("esc\u{1b}[31m", false),
        ("right\u{202e}left", false),
        ("{{emergency}}", false),
        ("x = 1", true),
        ("[[changes]]", true),
        ("<script>alert(1)</script>", true),
        ("🙂 emoji", true),
        (long.as_str(), true),
    ];
    for (i, (title, accepted)) in titles.iter().enumerate() {
        let site = Site::fixture("basic");
        let slug = format!("t{i}");
        let run = site.run(&["new", &slug, "--title", title]);
        if !accepted {
            run.expect_code(2).expect_error("--title: error:", "");
            assert!(!site.exists(&format!("articles/{slug}.md")), "{title:?}");
            continue;
        }
        run.expect_code(0);
        site.run(&["build", "--drafts"]).expect_code(0);
        assert!(
            site.exists(&format!("public/{slug}/index.html")),
            "{title:?}"
        );
    }
}

#[test]
fn new_accepts_unusual_slugs_that_build() {
    let site = Site::fixture("basic");
    for slug in ["index", "404", "0", "a/b/c/d", "conditions/index", "img"] {
        site.run(&["new", slug]).expect_code(0);
    }
    site.run(&["build", "--drafts"]).expect_code(0);
    site.write("static/taken/index.html", "x");
    site.run(&["new", "taken"])
        .expect_code(1)
        .expect_error("static/taken/index.html: error:", "takes the address");
    site.run(&["build", "--drafts"]).expect_code(0);
}

#[test]
fn new_refuses_folders_that_differ_only_in_case() {
    let site = Site::fixture("basic");
    site.write("articles/Guides/first.md", "x");
    site.run(&["new", "guides/second"])
        .expect_code(1)
        .expect_error("articles/Guides: error:", "only in letter case");
    assert!(!site.exists("articles/guides"));
}

#[test]
fn new_does_not_write_through_a_symlink_out_of_the_site() {
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().expect("temporary folder");
    let moved = outside.path().join("articles");
    std::fs::rename(site.root.join("articles"), &moved).expect("move");
    std::os::unix::fs::symlink(&moved, site.root.join("articles")).expect("symlink");
    site.run(&["new", "sneaky"])
        .expect_code(1)
        .expect_error("articles/sneaky.md: error:", "outside the site folder");
    assert!(!moved.join("sneaky.md").exists());
}

/// Every slug `new` suggests in a hint is one it accepts.
#[test]
fn new_suggests_only_slugs_it_accepts() {
    let site = Site::fixture("basic");
    let long = "a".repeat(300);
    for bad in [
        long.as_str(),
        "Symptoms/Back Pain",
        "under_score",
        "___",
        "Émergency",
        "a//b",
        "x-",
        "A-Z",
    ] {
        let run = site.run(&["new", bad]);
        run.expect_code(2);
        let suggestion = run
            .stderr
            .split("for example `")
            .nth(1)
            .and_then(|rest| rest.split('`').next())
            .unwrap_or_else(|| panic!("no suggestion for {bad:?}: {}", run.stderr));
        site.run(&["new", suggestion]).expect_code(0);
        std::fs::remove_file(site.root.join(format!("articles/{suggestion}.md"))).expect("remove");
    }
}

#[test]
fn new_says_when_a_file_is_where_articles_should_be() {
    let site = Site::fixture("basic");
    std::fs::remove_dir_all(site.root.join("articles")).expect("remove");
    site.write("articles", "a file");
    site.run(&["new", "fresh"])
        .expect_code(1)
        .expect_error("articles: error:", "should be a folder");
    assert_eq!(site.read("articles"), "a file");
}

#[test]
fn serve_help_states_the_port_default_once() {
    let run = Site::fixture("basic").run(&["serve", "--help"]);
    run.expect_code(0);
    let port = run
        .stdout
        .lines()
        .skip_while(|l| !l.contains("--port"))
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(port.contains("a free port is chosen and printed"), "{port}");
    assert!(!port.contains("[default: 0]"), "{port}");
}
