//! The incremental engine behind `serve`, driven in-process: after every kind of edit, the site
//! it keeps in memory is byte for byte the site `build` writes, and it renders fewer pages.

mod engine_support;
mod harness;

use engine_support::{Files, URL, differing, files_of, full_build};
use harness::Site;
use healthkb::progress::Progress;
use healthkb::serve::engine::{Engine, Outcome, Rebuilt};
use std::path::PathBuf;

/// A site copy with an engine kept up to date by hand.
struct Live {
    site: Site,
    root: PathBuf,
    engine: Engine,
}

impl Live {
    fn start(site: Site) -> (Live, Files) {
        let root = site.root.canonicalize().expect("root");
        let (files, _) = full_build(&root);
        let mut engine = Engine::new(&root, false, Some(URL.into())).expect("engine");
        assert!(matches!(
            engine.rebuild(&Progress::silent()),
            Outcome::Rebuilt(_)
        ));
        (Live { site, root, engine }, files)
    }

    /// The paths under the site, absolute, as the watcher reports them.
    fn touched(&self, paths: &[&str]) -> Vec<PathBuf> {
        paths.iter().map(|p| self.root.join(p)).collect()
    }

    /// Rebuilds after a change to `paths` (named to the engine as the watcher names them) and
    /// checks the result against a full build.
    fn change(&mut self, paths: &[&str]) -> Rebuilt {
        let touched = self.touched(paths);
        match self
            .engine
            .rebuild_after(&Progress::silent(), Some(&touched))
        {
            Outcome::Rebuilt(mut r) => {
                let (expected, pages) = full_build(&self.root);
                assert_eq!(r.pages, pages);
                let got = files_of(&mut r);
                let differ = differing(&expected, &got);
                assert!(
                    differ.is_empty(),
                    "incremental differs from full in {differ:?} after {paths:?}"
                );
                *r
            }
            other => panic!("expected a rebuild after {paths:?}, got {other:?}"),
        }
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.site.read(rel);
        assert!(text.contains(from), "{rel} has no `{from}`");
        self.site.write(rel, text.replacen(from, to, 1));
    }
}

fn basic_with_base_url() -> Site {
    let site = Site::fixture("basic");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{config}base_url = \"https://example.org/guide/\"\n"),
    );
    site
}

#[test]
fn the_first_build_is_the_build_command_s_output() {
    let (live, files) = Live::start(basic_with_base_url());
    live.site.run(&["build", "--base-url", URL]).expect_code(0);
    let mut built = live.site.snapshot("public");
    built.remove(healthkb::write::MARKER);
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        files.keys().collect::<Vec<_>>()
    );
    assert!(built == files, "serve's files differ from build's");
}

#[test]
fn article_edits_render_only_the_pages_they_touch() {
    let (mut live, _) = Live::start(basic_with_base_url());
    live.edit("articles/tingling.md", "Many.", "Many, and some rare ones.");
    let r = live.change(&["articles/tingling.md"]);
    assert!(
        !r.full && r.rendered < r.pages,
        "{} of {}",
        r.rendered,
        r.pages
    );
    assert!(r.changed.contains(&"tingling/index.html".to_string()));
    live.edit("articles/conditions/b12.md", "title = \"", "title = \"Low ");
    live.change(&["articles/conditions/b12.md"]);
    live.edit(
        "articles/back-spasm.md",
        "symptoms = [",
        "symptoms = [\"saddle-numbness\", ",
    );
    live.change(&["articles/back-spasm.md"]);
    live.site.write("articles/new-one.md", "+++\ntitle = \"New one\"\ndescription = \"D.\"\nupdated = 2026-11-01\nsymptoms = [\"tingling\"]\n+++\nSee [tingling](tingling.md#causes).\n");
    let r = live.change(&["articles/new-one.md"]);
    assert!(r.changed.contains(&"new-one/index.html".to_string()));
    // Saving the same bytes again changes nothing.
    live.site
        .write("articles/new-one.md", live.site.read("articles/new-one.md"));
    assert!(matches!(
        live.engine.rebuild(&Progress::silent()),
        Outcome::Unchanged
    ));
}

#[test]
fn body_edits_match_a_full_build() {
    let (mut live, _) = Live::start(basic_with_base_url());
    // A new link: the target's backlinks change.
    live.edit(
        "articles/conditions/b12.md",
        "A blood test.",
        "A blood test. See [spasm](../back-spasm.md).",
    );
    let r = live.change(&["articles/conditions/b12.md"]);
    assert!(
        r.changed.contains(&"back-spasm/index.html".to_string()),
        "{:?}",
        r.changed
    );
    // A link removed again.
    live.edit(
        "articles/conditions/b12.md",
        " See [spasm](../back-spasm.md).",
        "",
    );
    live.change(&["articles/conditions/b12.md"]);
    // A description: pages listing the article change too.
    live.edit(
        "articles/tingling.md",
        "Pins and needles in the back.",
        "Pins and needles.",
    );
    live.change(&["articles/tingling.md"]);
    // A heading that another article links to goes away: an error, then fixed.
    live.edit("articles/conditions/b12.md", "## Tests", "## Blood tests");
    match live.engine.rebuild(&Progress::silent()) {
        Outcome::Failed(problems) => assert!(
            problems
                .iter()
                .any(|d| d.file.ends_with("back-spasm.md") && d.message.contains("#tests")),
            "{problems:?}"
        ),
        other => panic!("expected the broken anchor, got {other:?}"),
    }
    live.edit(
        "articles/back-spasm.md",
        "b12.md#tests",
        "b12.md#blood-tests",
    );
    live.change(&["articles/back-spasm.md"]);
    // A title, other names and emergency signs re-sort lists.
    live.edit(
        "articles/tingling.md",
        "title = \"Tingling",
        "title = \"Back tingling",
    );
    let r = live.change(&["articles/tingling.md"]);
    assert!(r.changed.contains(&"a-z/index.html".to_string()));
    live.edit(
        "articles/conditions/b12.md",
        "aliases = [",
        "aliases = [\"anaemia\", ",
    );
    live.change(&["articles/conditions/b12.md"]);
    // New symptoms change the symptom index.
    live.edit(
        "articles/back-spasm.md",
        "symptoms = [",
        "symptoms = [\"tingling\", ",
    );
    live.change(&["articles/back-spasm.md"]);
}

/// Eight articles with one symptom each, all the same: related articles tie, and titles decide.
fn eight_tied_articles() -> Site {
    let site = Site::fixture("basic");
    for name in ["a", "b", "c", "d", "e", "f", "g", "h"] {
        site.write(
            &format!("articles/tied-{name}.md"),
            format!(
                "+++\ntitle = \"{} tied\"\ndescription = \"D.\"\nupdated = 2026-11-01\nsymptoms = [\"numbness\"]\n+++\nText.\n",
                name.to_uppercase()
            ),
        );
    }
    site
}

#[test]
fn a_retitled_article_leaves_related_lists_it_no_longer_makes() {
    let (mut live, files) = Live::start(eight_tied_articles());
    let page = |files: &Files, rel: &str| String::from_utf8_lossy(&files[rel]).into_owned();
    assert!(page(&files, "tied-h/index.html").contains("A tied"));
    // "A tied" becomes "Z tied": it falls out of the other articles' five related, by title.
    live.edit("articles/tied-a.md", "title = \"A tied", "title = \"Z tied");
    let mut r = live.change(&["articles/tied-a.md"]);
    let after = files_of(&mut r);
    let h = page(&after, "tied-h/index.html");
    assert!(!h.contains("A tied") && !h.contains("Z tied"), "{h}");
    assert!(r.changed.contains(&"tied-h/index.html".to_string()));
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_until_fixed() {
    let (mut live, _) = Live::start(basic_with_base_url());
    let before = live.engine.snapshot().expect("built");
    live.site.remove("articles/back-spasm.md");
    match live.engine.rebuild(&Progress::silent()) {
        Outcome::Failed(problems) => {
            let p = problems
                .iter()
                .find(|d| d.file.ends_with("tingling.md"))
                .expect("the broken link");
            assert_eq!(p.line, Some(9));
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    assert!(std::sync::Arc::ptr_eq(
        &before,
        &live.engine.snapshot().expect("kept")
    ));
    live.edit("articles/tingling.md", "[spasm](back-spasm.md)", "spasm");
    let r = live.change(&["articles/tingling.md"]);
    assert!(
        r.changed.contains(&"back-spasm/index.html".to_string()),
        "the removed page is gone"
    );
}

#[test]
fn renames_folders_templates_static_files_and_the_vocabulary() {
    let (mut live, _) = Live::start(basic_with_base_url());
    std::fs::rename(
        live.root.join("articles/tingling.md"),
        live.root.join("articles/tingles.md"),
    )
    .expect("rename");
    live.edit("articles/back-spasm.md", "tingling.md", "tingles.md");
    live.edit(
        "articles/conditions/b12.md",
        "../tingling.md",
        "../tingles.md",
    );
    live.change(&[
        "articles/tingling.md",
        "articles/tingles.md",
        "articles/back-spasm.md",
        "articles/conditions/b12.md",
    ]);
    std::fs::rename(
        live.root.join("articles/conditions"),
        live.root.join("articles/topics"),
    )
    .expect("rename");
    let text = live.site.read("articles/back-spasm.md");
    live.site.write(
        "articles/back-spasm.md",
        text.replace("conditions/", "topics/"),
    );
    let r = live.change(&[
        "articles/conditions",
        "articles/topics",
        "articles/back-spasm.md",
    ]);
    assert!(r.changed.contains(&"topics/b12/index.html".to_string()));
    live.edit(
        "templates/symptom.html",
        "{% block content %}",
        "{% block content %}<p>new</p>",
    );
    // Any template may include any other: a template change renders every page again.
    assert!(live.change(&["templates/symptom.html"]).full);
    live.edit(
        "templates/region.html",
        "{% block content %}",
        "{% block content %}<p>new</p>",
    );
    live.change(&["templates/region.html"]);
    live.site.write("static/extra.txt", "hello");
    let r = live.change(&["static/extra.txt"]);
    assert_eq!(r.rendered, 0);
    assert_eq!(r.changed, vec!["extra.txt".to_string()]);
    live.edit(
        "articles/symptoms.toml",
        "name = \"Numbness\"",
        "name = \"Loss of feeling\"",
    );
    // A symptom renamed: its pages and the pages that list it, not every page.
    let r = live.change(&["articles/symptoms.toml"]);
    assert!(!r.full && r.rendered > 0, "{} of {}", r.rendered, r.pages);
    live.edit("site.toml", "Fixture Guide", "Fixture Guide 2");
    assert!(live.change(&["site.toml"]).full);
}

#[test]
fn the_real_site_stays_identical_to_a_full_build() {
    let (mut live, _) = Live::start(Site::real());
    live.edit(
        "articles/back-spasm.md",
        "\n## ",
        "\nOne more plain sentence.\n\n## ",
    );
    let r = live.change(&["articles/back-spasm.md"]);
    assert!(r.rendered < r.pages / 2, "{} of {}", r.rendered, r.pages);
    live.edit("articles/about.md", "title = \"", "title = \"All ");
    live.change(&["articles/about.md"]);
    live.edit(
        "articles/home-care.md",
        "symptoms = [",
        "symptoms = [\"neck-pain\", ",
    );
    live.change(&["articles/home-care.md"]);
    // Shared care advice: the file itself, an article's care list and a placeholder in a body.
    live.edit(
        "articles/care.toml",
        "you cannot feel pee passing",
        "you cannot feel yourself peeing",
    );
    live.change(&["articles/care.toml"]);
    live.edit(
        "articles/home-care.md",
        "\"ces-bladder\", \"ces-saddle-numbness\", ",
        "\"ces-bladder\", ",
    );
    live.change(&["articles/home-care.md"]);
    live.edit(
        "articles/back-spasm.md",
        "{{emergency}}",
        "{{emergency}} or {{urgent}}",
    );
    live.change(&["articles/back-spasm.md"]);
}

/// The translations file is a source like a template: an edit to its text shows on every page
/// at once, a broken one (a key the templates use taken away) fails and keeps the last good
/// site, and putting it back builds again; each result is the full build's.
#[test]
fn translations_edits_match_a_full_build() {
    let (mut live, _) = Live::start(Site::real());
    let ftl = "i18n/en.ftl";
    live.edit(ftl, "= Skip to main content", "= Skip to the article");
    let r = live.change(&[ftl]);
    assert_eq!(r.rendered, r.pages, "every page has the skip link");
    assert!(
        r.sources.iter().any(|s| s.contains("en.ftl")),
        "{:?}",
        r.sources
    );
    assert!(
        live.page("sciatica/index.html")
            .contains(">Skip to the article<")
    );
    let text = live.site.read(ftl);
    let line = "nav-emergency = Emergency signs\n";
    assert!(text.contains(line), "{ftl} has no `{line}`");
    live.site.write(ftl, text.replacen(line, "", 1));
    let problems = live.fails(&[ftl]);
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("nav-emergency")),
        "{problems:?}"
    );
    assert!(
        live.page("sciatica/index.html")
            .contains(">Skip to the article<")
    );
    live.site.write(ftl, text);
    live.change(&[ftl]);
}

#[test]
fn a_two_language_site_matches_a_full_build_as_originals_and_translations_change() {
    let (mut live, _) = Live::start(Site::fixture("languages"));
    let (original, translation) = ("articles/back-spasm.md", "translations/es/back-spasm.md");
    // A body edit of the original makes its translation stale: the Spanish page says so.
    live.edit(
        original,
        "A spasm is a tight muscle",
        "A spasm is a tight, sore muscle",
    );
    live.change(&[original]);
    assert!(
        live.page("es/back-spasm/index.html")
            .contains("<p class=\"translation stale\">")
    );
    // Edits of the translation, of the Spanish vocabulary and of the Spanish interface text.
    live.edit(
        translation,
        "Un espasmo es un músculo tenso",
        "Un espasmo es un músculo tenso y dolorido",
    );
    live.change(&[translation]);
    assert!(
        live.page("es/back-spasm/index.html")
            .contains("tenso y dolorido")
    );
    live.edit(
        "translations/es/symptoms.toml",
        "\"Dolor de espalda\"",
        "\"Dolor en la espalda\"",
    );
    live.change(&["translations/es/symptoms.toml"]);
    live.edit(
        "i18n/es.ftl",
        "= esta página aún no está en español",
        "= esta página no está en español",
    );
    live.change(&["i18n/es.ftl"]);
    assert!(
        live.page("tingling/index.html")
            .contains("(esta página no está en español)")
    );
    // A new translation: the English page's switcher now leads to it.
    let tingling = live.site.read("articles/tingling.md");
    let version = {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(tingling.as_bytes());
        digest
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let spanish = tingling
        .replacen(
            "\n+++\n",
            &format!("\n[translation]\nof = \"tingling.md\"\nversion = \"{version}\"\n+++\n"),
            1,
        )
        .replace(
            "title = \"Tingling in the back\"",
            "title = \"Hormigueo en la espalda\"",
        );
    assert!(spanish.contains("Hormigueo"), "{spanish}");
    live.site.write("translations/es/tingling.md", spanish);
    live.change(&["translations/es/tingling.md"]);
    assert!(
        live.page("tingling/index.html")
            .contains("href=\"../es/tingling/\" lang=\"es\">Español</a>")
    );
    // A translation that changes advice fails, as the build does; the fix recovers.
    let good = live.site.read(translation);
    live.site.write(
        translation,
        good.replace(
            "symptoms = [\"back-pain\", \"numbness\"]",
            "symptoms = [\"back-pain\"]",
        ),
    );
    let problems = live.fails(&[translation]);
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("differs from the original")),
        "{problems:?}"
    );
    live.site.write(translation, good);
    live.change(&[translation]);
}

#[test]
fn a_body_edit_with_an_unknown_placeholder_fails() {
    let (mut live, _) = Live::start(basic_with_base_url());
    live.edit("articles/tingling.md", "Many.", "Call {{emergncy}}.");
    match live.engine.rebuild(&Progress::silent()) {
        Outcome::Failed(problems) => {
            let p = problems
                .iter()
                .find(|d| d.kind == healthkb::diagnostic::Kind::UnknownPlaceholder)
                .expect("the unknown placeholder");
            assert_eq!((p.line, p.column), (Some(12), Some(6)));
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    live.edit("articles/tingling.md", "{{emergncy}}", "{{emergency}}");
    let r = live.change(&["articles/tingling.md"]);
    assert!(r.changed.contains(&"tingling/index.html".to_string()));
}

#[test]
fn citations_the_registry_and_reviewers_stay_identical_to_a_full_build() {
    let (mut live, _) = Live::start(basic_with_base_url());
    // A new inline citation in a body: the references page lists one more citing article,
    // while no front matter changed.
    live.edit(
        "articles/conditions/b12.md",
        "A blood test.",
        "A blood test [@source-page].",
    );
    let r = live.change(&["articles/conditions/b12.md"]);
    assert!(
        r.changed.contains(&"references/index.html".to_string()),
        "{:?}",
        r.changed
    );
    // A body edit that keeps the citations: the references page untouched.
    live.edit(
        "articles/conditions/b12.md",
        "A blood test",
        "One blood test",
    );
    let r = live.change(&["articles/conditions/b12.md"]);
    assert!(!r.changed.contains(&"references/index.html".to_string()));
    // A retitled article: the references page lists it by its new title.
    live.edit(
        "articles/conditions/b12.md",
        "title = \"Vitamin",
        "title = \"About vitamin",
    );
    let r = live.change(&["articles/conditions/b12.md"]);
    assert!(r.changed.contains(&"references/index.html".to_string()));
    // An article that cited nothing starts citing: the references page did not show it, and
    // lists it now.
    live.edit("articles/tingling.md", "Many.", "Many [@source-page].");
    let r = live.change(&["articles/tingling.md"]);
    assert!(r.changed.contains(&"references/index.html".to_string()));
    live.edit("articles/tingling.md", "Many [@source-page].", "Many.");
    live.change(&["articles/tingling.md"]);
    // The registry and the reviewers are data files: everything is rendered again.
    live.edit("articles/references.toml", "Source page", "The source page");
    live.change(&["articles/references.toml"]);
    live.edit("articles/reviewers.toml", "Jane Doe", "Jane Q. Doe");
    live.change(&["articles/reviewers.toml"]);
    // An unknown reviewer in an edit fails, then the fix builds again.
    live.edit("articles/tingling.md", "\"jane-doe\"", "\"jane-do\"");
    match live.engine.rebuild(&Progress::silent()) {
        Outcome::Failed(problems) => assert!(
            problems.iter().any(|d| d.message.contains("jane-do")),
            "{problems:?}"
        ),
        other => panic!("expected the unknown reviewer, got {other:?}"),
    }
    live.edit("articles/tingling.md", "\"jane-do\"", "\"jane-doe\"");
    live.change(&["articles/tingling.md"]);
}

/// The basic fixture with `page_size = 10` and `extra` more articles about tingling, so that the
/// A to Z and the tingling page take several pages.
fn paged_basic(extra: usize) -> Site {
    let site = basic_with_base_url();
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}page_size = 10\n"));
    for n in 0..extra {
        site.write(
            &format!("articles/extra-{n:02}.md"),
            format!("+++\ntitle = \"Extra {n:02}\"\ndescription = \"About extra {n:02}.\"\nupdated = 2026-10-{:02}\nsymptoms = [\"tingling\"]\naliases = [\"Other {n:02}\"]\n+++\nSee [tingling](tingling.md).\n", 1 + n % 28),
        );
    }
    site
}

#[test]
fn paginated_lists_match_a_full_build_as_articles_come_go_and_are_retitled() {
    let (mut live, files) = Live::start(paged_basic(24));
    for page in [
        "a-z/page/2/index.html",
        "symptoms/tingling/page/3/index.html",
    ] {
        assert!(files.contains_key(page), "{page}");
    }
    // A new article near the start of the alphabet moves every later entry on by one.
    live.site.write("articles/aaa-new.md", "+++\ntitle = \"Aaa new\"\ndescription = \"D.\"\nupdated = 2026-11-01\nsymptoms = [\"tingling\"]\n+++\nSee [tingling](tingling.md).\n");
    let r = live.change(&["articles/aaa-new.md"]);
    assert!(!r.full, "{} of {}", r.rendered, r.pages);
    for page in [
        "a-z/page/2/index.html",
        "symptoms/tingling/page/2/index.html",
    ] {
        assert!(
            r.changed.contains(&page.to_string()),
            "{page}: {:?}",
            r.changed
        );
    }
    // Retitled to the other end of the alphabet: it moves from the first page to the last.
    live.edit(
        "articles/aaa-new.md",
        "title = \"Aaa new",
        "title = \"Zzz new",
    );
    live.change(&["articles/aaa-new.md"]);
    // Articles removed: the tingling page's last page goes.
    let gone: Vec<String> = (0..7)
        .map(|n| format!("articles/extra-{n:02}.md"))
        .collect();
    for path in &gone {
        live.site.remove(path);
    }
    let paths: Vec<&str> = gone.iter().map(String::as_str).collect();
    let r = live.change(&paths);
    assert!(
        r.changed
            .contains(&"symptoms/tingling/page/3/index.html".to_string())
            && !r
                .snapshot
                .files
                .contains_key("symptoms/tingling/page/3/index.html"),
        "{:?}",
        r.changed
    );
    // A body edit leaves the lists alone.
    live.edit("articles/extra-10.md", "See [", "Also see [");
    live.change(&["articles/extra-10.md"]);
    // Another page size: the lists' pages change, and pages that do not show them stay.
    live.edit("site.toml", "page_size = 10", "page_size = 20");
    live.change(&["site.toml"]);
}

impl Live {
    /// Rebuilds after a change to `paths` (named as the watcher names them), which must fail;
    /// returns the problems.
    fn fails(&mut self, paths: &[&str]) -> Vec<healthkb::diagnostic::Diagnostic> {
        let touched = self.touched(paths);
        match self
            .engine
            .rebuild_after(&Progress::silent(), Some(&touched))
        {
            Outcome::Failed(problems) => problems,
            other => panic!("expected a failure after {paths:?}, got {other:?}"),
        }
    }

    /// The page at `output` in the engine's last good site.
    fn page(&self, output: &str) -> String {
        let snapshot = self.engine.snapshot().expect("built");
        let bytes = snapshot.files.get(output).expect("the page");
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// With the watcher's paths the engine reads the articles they name and no other file: an
/// edit to a file it is not told of shows only once that file is named (or the whole site is
/// loaded).
#[test]
fn only_the_articles_the_watcher_names_are_read_again() {
    let (mut live, _) = Live::start(basic_with_base_url());
    live.edit("articles/tingling.md", "Many.", "Many, told.");
    live.edit("articles/back-spasm.md", "too.", "too, untold.");
    let touched = live.touched(&["articles/tingling.md"]);
    let r = match live
        .engine
        .rebuild_after(&Progress::silent(), Some(&touched))
    {
        Outcome::Rebuilt(r) => r,
        other => panic!("expected a rebuild, got {other:?}"),
    };
    assert_eq!(r.sources, vec!["articles/tingling.md".to_string()]);
    assert!(live.page("tingling/index.html").contains("Many, told."));
    assert!(!live.page("back-spasm/index.html").contains("untold"));
    let r = live.change(&["articles/back-spasm.md"]);
    assert_eq!(r.changed, vec!["back-spasm/index.html".to_string()]);
    // A front-matter edit named alone is loaded with the whole site, as a build loads it.
    live.edit(
        "articles/tingling.md",
        "title = \"Tingling",
        "title = \"Back tingling",
    );
    let r = live.change(&["articles/tingling.md"]);
    assert!(r.changed.contains(&"a-z/index.html".to_string()));
}

/// Editors save in several ways: in place, by writing a temporary file and renaming it over
/// the article, or (vim) by moving the article to a backup, writing it anew and removing the
/// backup, after a test file. Each is the edited article alone, and matches a build.
#[test]
fn atomic_saves_and_backup_files_are_the_article_edited() {
    let (mut live, _) = Live::start(basic_with_base_url());
    let text = live.site.read("articles/tingling.md");
    live.site.write(
        "articles/.tingling.md.tmp",
        text.replace("Many.", "Many, saved by rename."),
    );
    std::fs::rename(
        live.root.join("articles/.tingling.md.tmp"),
        live.root.join("articles/tingling.md"),
    )
    .expect("rename");
    let r = live.change(&["articles/.tingling.md.tmp", "articles/tingling.md"]);
    assert_eq!(r.changed, vec!["tingling/index.html".to_string()]);
    live.site.write("articles/4913", "");
    live.site.remove("articles/4913");
    std::fs::rename(
        live.root.join("articles/tingling.md"),
        live.root.join("articles/tingling.md~"),
    )
    .expect("rename");
    let text = live.site.read("articles/tingling.md~");
    live.site
        .write("articles/tingling.md", text.replace("rename.", "vim."));
    live.site.remove("articles/tingling.md~");
    let r = live.change(&[
        "articles/4913",
        "articles/tingling.md~",
        "articles/tingling.md",
    ]);
    assert_eq!(r.changed, vec!["tingling/index.html".to_string()]);
    // A file that stays is something new: the whole site is loaded (a notes file is no page).
    live.site.write("articles/notes.txt", "to do");
    live.site
        .write("articles/tingling.md", text.replace("rename.", "notes."));
    live.change(&["articles/notes.txt", "articles/tingling.md"]);
}

/// A body edit the watcher names that breaks a link, an anchor another article links to, or
/// cites an unknown source fails as the build fails, and the fix builds again.
#[test]
fn named_body_edits_that_break_the_site_fail_as_build_fails() {
    let (mut live, _) = Live::start(basic_with_base_url());
    let cases = [
        (
            "articles/tingling.md",
            "Many.",
            "Many [gone](gone.md).",
            "gone.md",
        ),
        (
            "articles/tingling.md",
            "Many.",
            "Many [@no-such-source].",
            "no-such-source",
        ),
        (
            "articles/conditions/b12.md",
            "## Tests",
            "## Blood tests",
            "#tests",
        ),
    ];
    for (path, from, to, named) in cases {
        live.edit(path, from, to);
        let problems = live.fails(&[path]);
        assert!(
            problems.iter().any(|d| d.message.contains(named)),
            "{named}: {problems:?}"
        );
        assert!(std::panic::catch_unwind(|| full_build(&live.root)).is_err());
        live.edit(path, to, from);
        live.change(&[path]);
    }
}

/// One random edit, as an editor would make it.
#[derive(Debug, Clone)]
enum Edit {
    /// A sentence added to an article's body (with nothing more, a link to another article, or
    /// a citation).
    Body(usize, usize, usize),
    /// An article's title.
    Title(usize, usize),
    /// An article's other names.
    Aliases(usize, usize),
    /// An article's symptoms: which of the vocabulary's, as bits.
    Symptoms(usize, u8),
    /// A new article (or a new version of it), with symptoms as bits and a link.
    New(usize, u8, usize),
    /// A generated article deleted.
    Delete(usize),
    /// A template changed.
    Template(usize, usize),
    /// A static file changed or added.
    Static(usize, usize),
    /// A symptom renamed or given another name in `symptoms.toml`, or one added.
    Vocabulary(usize, usize),
    /// A body region (the map taxonomy's term file, `regions.toml`) relabelled, redrawn, or a
    /// new one added.
    Regions(usize, usize),
}

/// The articles the edits touch: the fixture's, then generated ones.
const ARTICLES: [&str; 3] = [
    "articles/tingling.md",
    "articles/back-spasm.md",
    "articles/conditions/b12.md",
];
const SLUGS: [&str; 4] = ["back-pain", "numbness", "tingling", "saddle-numbness"];

fn edit_strategy() -> impl proptest::strategy::Strategy<Value = Edit> {
    use proptest::prelude::*;
    prop_oneof![
        (0..5usize, 0..50usize, 0..3usize).prop_map(|(a, n, l)| Edit::Body(a, n, l)),
        (0..5usize, 0..30usize).prop_map(|(a, n)| Edit::Title(a, n)),
        (0..5usize, 0..30usize).prop_map(|(a, n)| Edit::Aliases(a, n)),
        (0..5usize, any::<u8>()).prop_map(|(a, s)| Edit::Symptoms(a, s)),
        (0..2usize, any::<u8>(), 0..3usize).prop_map(|(n, s, l)| Edit::New(n, s, l)),
        (0..2usize).prop_map(Edit::Delete),
        (0..3usize, 0..30usize).prop_map(|(t, n)| Edit::Template(t, n)),
        (0..2usize, 0..30usize).prop_map(|(f, n)| Edit::Static(f, n)),
        (0..4usize, 0..30usize).prop_map(|(s, n)| Edit::Vocabulary(s, n)),
        (0..3usize, 0..30usize).prop_map(|(r, n)| Edit::Regions(r, n)),
    ]
}

/// The article edits `a` reaches: a fixture article, or a generated one if it exists.
fn article_path(live: &Live, a: usize) -> Option<String> {
    let path = match ARTICLES.get(a) {
        Some(p) => p.to_string(),
        None => format!("articles/gen-{}.md", a - ARTICLES.len()),
    };
    live.root.join(&path).exists().then_some(path)
}

/// The symptoms in `bits`, as a front-matter list.
fn symptom_list(bits: u8) -> String {
    let chosen: Vec<String> = SLUGS
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, s)| format!("\"{s}\""))
        .collect();
    format!("symptoms = [{}]", chosen.join(", "))
}

/// `text` with the front-matter line starting `key =` replaced by `line` (added if missing).
fn set_front(text: &str, key: &str, line: &str) -> String {
    let prefix = format!("{key} = ");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let end = lines
        .iter()
        .skip(1)
        .position(|l| l == "+++")
        .map_or(1, |p| p + 1);
    match lines[..end].iter().position(|l| l.starts_with(&prefix)) {
        Some(i) => lines[i] = line.to_string(),
        None => lines.insert(2, line.to_string()),
    }
    lines.join("\n") + "\n"
}

impl Live {
    /// Makes the edit; returns the files it wrote or removed.
    fn apply_edit(&self, edit: &Edit) -> Vec<PathBuf> {
        let touched = self.edited(edit).into_iter();
        touched.map(|p| self.root.join(p)).collect()
    }

    fn edited(&self, edit: &Edit) -> Option<String> {
        let front = |a: usize, key: &str, line: String| {
            let path = article_path(self, a)?;
            let text = set_front(&self.site.read(&path), key, &line);
            self.site.write(&path, text);
            Some(path)
        };
        match *edit {
            Edit::Body(a, n, also) => {
                let path = article_path(self, a)?;
                let to = [
                    "",
                    " See [tingling](/tingling/).",
                    " A source [@source-page].",
                ][also];
                let text = self.site.read(&path);
                self.site
                    .write(&path, format!("{text}\nSentence {n}.{to}\n"));
                Some(path)
            }
            Edit::Title(a, n) => front(a, "title", format!("title = \"Title {n}\"")),
            Edit::Aliases(a, n) => front(a, "aliases", format!("aliases = [\"other {n}\"]")),
            Edit::Symptoms(a, bits) => front(a, "symptoms", symptom_list(bits)),
            Edit::New(n, bits, link) => {
                let target = ["tingling.md", "back-spasm.md", "conditions/b12.md"][link];
                let path = format!("articles/gen-{n}.md");
                self.site.write(
                    &path,
                    format!("+++\ntitle = \"Generated {n}\"\ndescription = \"About {n}.\"\nupdated = 2026-10-0{}\n{}\n+++\nSee [this]({target}).\n", 1 + n, symptom_list(bits)),
                );
                Some(path)
            }
            Edit::Delete(n) => {
                let path = format!("articles/gen-{n}.md");
                if self.root.join(&path).exists() {
                    self.site.remove(&path);
                }
                Some(path)
            }
            Edit::Template(t, n) => {
                let name = [
                    "templates/base.html",
                    "templates/article.html",
                    "templates/symptom.html",
                ][t];
                let text = self.site.read(name);
                self.site.write(name, format!("{text}<!-- edit {n} -->\n"));
                Some(name.to_string())
            }
            Edit::Static(f, n) => {
                let name = ["static/style.css", "static/new.txt"][f];
                self.site.write(name, format!("/* edit {n} */\n"));
                Some(name.to_string())
            }
            Edit::Vocabulary(s, n) => {
                let text = self.site.read("articles/symptoms.toml");
                let text = match s {
                    0 => text.replacen(
                        "name = \"Numbness\"",
                        &format!("name = \"Numbness {n}\""),
                        1,
                    ),
                    1 => text.replacen(
                        "aka = [\"backache\"",
                        &format!("aka = [\"backache {n}\""),
                        1,
                    ),
                    2 => text.replacen(
                        "description = \"A prickling feeling.\"",
                        &format!("description = \"Prickling {n}.\""),
                        1,
                    ),
                    _ => format!(
                        "{text}\n[new-{n}]\nname = \"New {n}\"\ndescription = \"New symptom {n}.\"\n"
                    ),
                };
                self.site.write("articles/symptoms.toml", text);
                Some("articles/symptoms.toml".into())
            }
            Edit::Regions(r, n) => {
                let text = self.site.read("articles/regions.toml");
                let text = match r {
                    0 => text.replacen("label = \"Legs\"", &format!("label = \"Legs {n}\""), 1),
                    1 => text.replacen(
                        "label_at = [184, 56]",
                        &format!("label_at = [184, {}]", 56 + n),
                        1,
                    ),
                    _ => format!(
                        "{text}\n[part-{n}]\nlabel = \"Part {n}\"\norder = {}\nshape = \"M0 0 Z\"\nleader = [0, 0, 1, 1]\nlabel_at = [2, 2]\n",
                        20 + n
                    ),
                };
                self.site.write("articles/regions.toml", text);
                Some("articles/regions.toml".into())
            }
        }
    }

    /// Rebuilds (told the files `touched` names, as the watcher tells it, or else loading the
    /// whole site) and checks the engine's site against `build`'s: the same bytes when both
    /// succeed, and both failing together.
    fn check_against_build(&mut self, edits: &[Edit], touched: Option<&[PathBuf]>) {
        let outcome = self.engine.rebuild_after(&Progress::silent(), touched);
        let built = std::panic::catch_unwind(|| full_build(&self.root));
        let got = match outcome {
            Outcome::Rebuilt(mut r) => files_of(&mut r),
            Outcome::Unchanged => {
                let snapshot = self.engine.snapshot().expect("built before");
                let generated = snapshot.extras.now().expect("generated files are ready");
                snapshot
                    .files
                    .iter()
                    .chain(generated.iter())
                    .map(|(k, v)| (k.clone(), v.to_vec()))
                    .collect()
            }
            Outcome::Failed(problems) => {
                assert!(
                    built.is_err(),
                    "serve failed but build did not, after {edits:?}: {problems:?}"
                );
                return;
            }
        };
        let (expected, _) =
            built.unwrap_or_else(|_| panic!("build failed but serve did not, after {edits:?}"));
        let differ = differing(&expected, &got);
        assert!(
            differ.is_empty(),
            "serve differs from build in {differ:?} after {edits:?}"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, ..Default::default() })]

    /// Random sequences of edits: after each, serve's site is byte for byte `build`'s.
    #[test]
    fn after_any_edits_serve_s_site_is_build_s(
        edits in proptest::collection::vec(edit_strategy(), 1..8),
        base_url in proptest::bool::ANY,
        watched in proptest::bool::ANY,
    ) {
        let site = if base_url { basic_with_base_url() } else { Site::fixture("basic") };
        let (mut live, _) = Live::start(site);
        for (i, edit) in edits.iter().enumerate() {
            let touched = live.apply_edit(edit);
            live.check_against_build(&edits[..=i], watched.then_some(touched.as_slice()));
        }
    }
}

/// Files a build refuses make serve fail with the same problems, and it recovers when they go:
/// a symlink out of the site, bytes that are not UTF-8, a half-saved (empty) article, a named
/// pipe, a static file linking out.
#[test]
fn hostile_files_fail_as_build_fails_and_serve_recovers() {
    let (mut live, _) = Live::start(basic_with_base_url());
    let fifo = live.root.join("articles/pipe.md");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    type Make = Box<dyn Fn(&Live)>;
    let cases: Vec<(&str, Make)> = vec![
        (
            "articles/out.md",
            Box::new(|l: &Live| {
                std::os::unix::fs::symlink("/etc/hostname", l.root.join("articles/out.md"))
                    .expect("symlink");
            }),
        ),
        (
            "articles/latin1.md",
            Box::new(|l: &Live| {
                l.site
                    .write("articles/latin1.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n");
            }),
        ),
        (
            "articles/tingling.md",
            Box::new(|l: &Live| {
                l.site.write("articles/tingling.md", "");
            }),
        ),
        (
            "static/out.txt",
            Box::new(|l: &Live| {
                std::os::unix::fs::symlink("/etc/hostname", l.root.join("static/out.txt"))
                    .expect("symlink");
            }),
        ),
    ];
    if made_fifo {
        live.check_against_build(&[], None);
        std::fs::remove_file(&fifo).expect("remove the pipe");
        live.check_against_build(&[], None);
    }
    let tingling = live.site.read("articles/tingling.md");
    for (path, make) in &cases {
        make(&live);
        let problems = match live.engine.rebuild(&Progress::silent()) {
            Outcome::Failed(problems) => problems,
            other => panic!("{path}: expected a failure, got {other:?}"),
        };
        assert!(
            problems.iter().any(|d| d.file.ends_with(path)),
            "{path}: {problems:?}"
        );
        let built = std::panic::catch_unwind(|| full_build(&live.root));
        assert!(built.is_err(), "{path}: build succeeded");
        match *path {
            "articles/tingling.md" => {
                live.site.write(path, &tingling);
            }
            _ => {
                std::fs::remove_file(live.root.join(path)).expect("remove");
            }
        }
        live.check_against_build(&[], None);
    }
}
