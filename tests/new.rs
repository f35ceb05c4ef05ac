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
    let text = site.read("articles/sciatica-relief.md");
    for key in [
        "title = 'Relief for \"sciatica\"'",
        "description = ",
        "symptoms = []",
        "updated = ",
        "aliases = []",
        "draft = true",
        "[[sources]]",
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
