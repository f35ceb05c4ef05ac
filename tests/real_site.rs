//! The repository's own knowledge base: it builds without errors and meets the content standards
//! a program can check (counts, front matter, links, symptom use, copying, reading level).

mod harness;

use harness::{Site, repo};
use healthkb::load::{self, Article};
use std::collections::{BTreeMap, BTreeSet};

/// The highest Flesch-Kincaid grade an article may have. The guide is written for a worried
/// reader in pain; health-literacy guidance (NIH, AMA) asks for patient material at a US grade 6
/// to 8, and the project's standard is "grade 8 or lower".
const MAX_GRADE: f64 = 8.0;

/// Pages that are about the guide, not about health: they need no symptoms or care lists.
const NON_MEDICAL: [&str; 1] = ["about.md"];

/// The text a reader sees in a Markdown body: its text and code, without link addresses.
fn plain_text(body: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    Parser::new(body)
        .filter_map(|event| match event {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The repository's site, loaded by the build's first step.
fn loaded() -> load::Loaded {
    let config = healthkb::config::SiteConfig::load(&repo()).expect("site.toml is valid");
    let (loaded, problems) = load::load(&repo(), config, false);
    assert!(problems.is_empty(), "{problems:?}");
    loaded
}

fn articles() -> (Vec<std::sync::Arc<Article>>, load::Vocabulary) {
    let loaded = loaded();
    (
        loaded.articles,
        loaded.vocabulary.expect("articles/symptoms.toml exists"),
    )
}

#[test]
fn the_real_site_builds_without_errors() {
    let site = Site::real();
    // Progress lines start after a second, which a busy machine can take: not warnings.
    let run = site.run_env(&["build"], &[("HEALTHKB_PROGRESS_DELAY_MS", "600000")]);
    run.expect_code(0);
    assert!(
        run.stderr.is_empty(),
        "no warnings expected: {}",
        run.stderr
    );
    assert!(site.exists("public/vitamin-b12-deficiency/index.html"));
    assert!(site.exists("public/emergency/index.html"));
}

#[test]
fn there_are_thirty_to_forty_five_articles_and_twenty_five_to_forty_symptoms() {
    let (articles, vocabulary) = articles();
    assert!(
        (30..=45).contains(&articles.len()),
        "{} articles",
        articles.len()
    );
    assert!(
        (25..=40).contains(&vocabulary.len()),
        "{} symptoms",
        vocabulary.len()
    );
    for (slug, symptom) in &vocabulary {
        assert!(
            !symptom.description.trim().is_empty(),
            "symptom {slug} needs a description"
        );
    }
}

#[test]
fn every_health_article_has_complete_front_matter() {
    let (articles, _) = articles();
    for a in articles
        .iter()
        .filter(|a| !NON_MEDICAL.contains(&a.key.as_str()))
    {
        let f = &a.front;
        let name = &a.key;
        assert!(
            f.description.chars().count() < 160,
            "{name}: description over 160 characters"
        );
        assert!(f.symptoms.len() >= 2, "{name}: needs at least 2 symptoms");
        assert!(!a.references.is_empty(), "{name}: cites no sources");
        assert!(!f.care.is_empty(), "{name}: has no care lists");
        assert!(
            f.reviewed.is_none(),
            "{name}: no clinical review has taken place; do not claim one"
        );
        assert!(!f.draft, "{name}: is a draft");
    }
}

#[test]
fn articles_are_cross_linked_with_no_orphans() {
    let (articles, _) = articles();
    let keys: BTreeSet<&str> = articles.iter().map(|a| a.key.as_str()).collect();
    let mut linked_from: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for a in &articles {
        let targets: BTreeSet<&str> = a
            .outline
            .links
            .iter()
            .filter_map(|l| l.dest.split('#').next())
            .filter(|d| keys.contains(d) && *d != a.key)
            .collect();
        assert!(
            targets.len() >= 2,
            "{} links to {} other articles; needs 2",
            a.key,
            targets.len()
        );
        for t in targets {
            linked_from.entry(t).or_default().insert(&a.key);
        }
    }
    for key in &keys {
        assert!(
            linked_from.contains_key(key),
            "{key} is an orphan: no article links to it"
        );
    }
}

#[test]
fn every_symptom_is_used_by_at_least_two_articles() {
    let (articles, vocabulary) = articles();
    for slug in vocabulary.keys() {
        let users = articles
            .iter()
            .filter(|a| a.symptoms.iter().any(|s| &s.slug == slug))
            .count();
        assert!(users >= 2, "symptom {slug} is used by {users} article(s)");
    }
}

#[test]
fn emergency_signs_are_stated_where_they_apply() {
    let (articles, _) = articles();
    let emergency = articles
        .iter()
        .find(|a| a.key == "emergency-back-symptoms.md")
        .expect("emergency article");
    assert!(emergency.body.to_lowercase().contains("cauda equina"));
    for a in &articles {
        let text = a.body.to_lowercase();
        if text.contains("bladder") && !NON_MEDICAL.contains(&a.key.as_str()) {
            assert!(
                !a.front.care.emergency.is_empty(),
                "{} mentions bladder problems but has no emergency care list",
                a.key
            );
        }
    }
}

#[test]
fn reading_level_is_grade_eight_or_lower() {
    let (articles, _) = articles();
    let mut report = Vec::new();
    for a in &articles {
        let r = healthkb::check::readability(&a.body);
        report.push(format!(
            "{:<40} grade {:>4.1}  {:>4} words  longest sentence {:>2} words",
            a.key, r.grade, r.words, r.longest_sentence
        ));
    }
    println!(
        "Flesch-Kincaid grade per article (limit {MAX_GRADE}):\n{}",
        report.join("\n")
    );
    for a in &articles {
        let r = healthkb::check::readability(&a.body);
        assert!(
            r.grade <= MAX_GRADE,
            "{}: grade {:.1} is above {MAX_GRADE}",
            a.key,
            r.grade
        );
        assert!(
            r.longest_sentence <= 30,
            "{}: a sentence has {} words",
            a.key,
            r.longest_sentence
        );
    }
}

#[test]
fn no_sentence_is_copied_from_the_sources() {
    let shared = repo().join("../shared");
    let tool = shared.join("tools/copycheck.py");
    if !tool.exists() {
        // A check that cannot run must not pass: it fails, unless the skip is asked for by name
        // (tests/run.sh then prints the skip in its summary line).
        assert!(
            std::env::var_os("HEALTHKB_SKIP_COPYCHECK").is_some(),
            "the copy check cannot run: {} is missing (the shared folder sits beside the \
             repository, with tools/ and sources/). Put it there, or skip this check with \
             HEALTHKB_SKIP_COPYCHECK=1",
            tool.display()
        );
        eprintln!("copycheck skipped (HEALTHKB_SKIP_COPYCHECK is set)");
        return;
    }
    // The articles and their translations (whose sources are the same pages, and the Spanish
    // pages they cite beside them).
    for folder in ["articles", "translations/es"] {
        let output = std::process::Command::new("python3")
            .arg(&tool)
            .arg(repo().join(folder))
            .arg(shared.join("sources"))
            .output()
            .expect("python3 runs copycheck");
        let stdout = String::from_utf8_lossy(&output.stdout);
        println!("{folder}: {stdout}");
        assert!(
            output.status.success(),
            "copycheck found copied text in {folder}:\n{stdout}"
        );
        assert!(stdout.contains(" 0 copied runs"), "{folder}: {stdout}");
        for line in stdout.lines().filter(|l| l.contains(": warning: ")) {
            let quote = line.split('"').nth(1).unwrap_or_default();
            let registry = loaded()
                .references
                .expect("articles/references.toml exists");
            let is_a_source_title = registry.values().any(|r| words(&r.title).contains(quote));
            assert!(
                is_a_source_title,
                "a close run outside a cited source title: {line}"
            );
        }
    }
}

/// Lower-case words separated by single spaces, as copycheck compares them.
fn words(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn hostile_text_is_escaped_everywhere_with_the_real_templates() {
    let site = Site::real();
    let hostile = r#"</script><script>alert(1)</script> \" onmouseover=\"alert(2)"#;
    site.write(
        "articles/hostile.md",
        format!(
            "+++\ntitle = \"{hostile}\"\ndescription = \"{hostile}\"\nsymptoms = [\"back-pain\", \"back-spasm\"]\nupdated = 2026-11-21\naliases = [\"{hostile}\"]\nreferences = [\"hostile\"]\n[care]\nemergency = [\"{hostile}\"]\n+++\n[back](back-spasm.md) and [more](about.md)\n\n<script>alert(3)</script>\n"
        ),
    );
    let registry = site.read("articles/references.toml");
    site.write(
        "articles/references.toml",
        format!("{registry}\n[hostile]\ntitle = \"{hostile}\"\npublisher = \"{hostile}\"\nurl = \"https://example.org/a\\\"><script>alert(4)</script>\"\nkind = \"other\"\n"),
    );
    site.run(&["build", "--base-url", "https://example.org/guide/"])
        .expect_code(0);
    for page in [
        "public/hostile/index.html",
        "public/references/index.html",
        "public/index.html",
        "public/a-z/index.html",
        "public/emergency/index.html",
        "public/symptoms/back-pain/index.html",
    ] {
        let html = site.read(page);
        assert!(
            !html.contains("<script>alert"),
            "{page} lets a script through"
        );
        assert!(
            !html.contains("\" onmouseover=\"alert"),
            "{page} lets an attribute through"
        );
    }
    let article = site.read("public/hostile/index.html");
    let json_ld = article
        .split("application/ld+json\">")
        .nth(1)
        .expect("JSON-LD present");
    let json_ld = &json_ld[..json_ld.find("</script>").expect("closed")];
    assert!(json_ld.contains("\\u003c/script\\u003e"), "{json_ld}");
    assert!(article.contains("http-equiv=\"Content-Security-Policy\""));
    for file in [
        "public/search/index.js",
        "public/search/0.js",
        "public/finder/index.js",
        "public/finder/a/0.js",
        "public/feed.xml",
        "public/sitemap.xml",
    ] {
        assert!(
            !site.read(file).contains("</script>"),
            "{file} could close a script element"
        );
    }
}

/// Every file under `dir`, as (path from `dir`, text); binary files are skipped.
fn text_files(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                files.push((rel, text));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_real_site_built_with_other_local_services_names_only_those() {
    let site = Site::real();
    let config = site.read("site.toml");
    let uk = config.replace(
        "emergency_number = \"911\"",
        "emergency_number = \"999\"\ncontact = \"editors@example.org\"",
    );
    assert_ne!(uk, config, "site.toml sets the emergency number");
    site.write(
        "site.toml",
        format!("{uk}\n[urgent_service]\nname = \"NHS 111\"\nphone = \"111\"\nurl = \"https://111.nhs.uk/\"\n\n[routine_service]\nname = \"a GP\"\n"),
    );
    site.run(&["build", "--base-url", "https://example.org/guide/"])
        .expect_code(0);
    let files = text_files(&site.root.join("public"));
    assert!(files.len() > 60, "{} files", files.len());
    for (file, text) in &files {
        // A search shard's numbers (document gaps, weights) may be 911; its words may not.
        let shard = file.starts_with("search/") && !file.starts_with("search/d");
        let says_911 = if shard {
            text.contains("\"911")
        } else {
            text.contains("911")
        };
        assert!(!says_911, "{file} still says 911");
        assert!(
            !text.to_lowercase().contains("urgent care"),
            "{file} still says urgent care"
        );
        assert!(!text.contains("{{"), "{file} has a placeholder left");
        if file.ends_with(".html") {
            let asks = match file.starts_with("es/") {
                true => "Informe de un error o haga una pregunta:",
                false => "Report an error or ask a question:",
            };
            assert!(
                text.contains(&format!("<p class=\"contact\">{asks} <a href=\"mailto:editors@example.org\">editors@example.org</a></p>")),
                "{file} has no contact line"
            );
        }
    }
    let emergency = site.read("public/emergency/index.html");
    assert!(emergency.contains("Call <a href=\"tel:999\">999</a> now if:</h2>"));
    let spasm = site.read("public/back-spasm/index.html");
    assert!(spasm.contains("Call <a href=\"tel:999\">999</a> now if:</h2>"));
    assert!(spasm.contains("Ask a GP for an urgent appointment, or contact NHS 111 (call <a href=\"tel:111\">111</a>) or go to <a href=\"https://111.nhs.uk/\">its website</a>.</p>"));
    assert!(spasm.contains("See a GP if:</h2>"));
    assert!(
        spasm.contains("an emergency call to 999."),
        "the body says the number"
    );
}

#[test]
fn the_emergency_page_says_each_sign_once_and_care_advice_is_mostly_shared() {
    let site = Site::real();
    site.run(&["build"]).expect_code(0);
    let emergency = site.read("public/emergency/index.html");
    let main = &emergency[emergency.find("<main").expect("main")..];
    let signs: Vec<&str> = main
        .split("<li>")
        .skip(1)
        .filter_map(|li| li.split(['\n', '<']).next())
        .filter(|t| !t.is_empty())
        .collect();
    assert!((8..=20).contains(&signs.len()), "{signs:?}");
    let unique: BTreeSet<String> = signs.iter().map(|s| s.to_lowercase()).collect();
    assert_eq!(unique.len(), signs.len(), "a sign is repeated: {signs:?}");
    for sign in [
        "both legs",
        "serious accident",
        "chest pain",
        "when you wipe",
    ] {
        assert!(main.contains(sign), "the emergency page lacks `{sign}`");
    }
    let (articles, _) = articles();
    let items: Vec<_> = articles.iter().flat_map(|a| &a.care).collect();
    let shared = items.iter().filter(|i| i.is_id()).count();
    assert!(
        shared * 100 >= items.len() * 85,
        "only {shared} of {} care items are shared entries",
        items.len()
    );
}

#[test]
fn every_reference_has_a_url_and_most_are_guideline_grade() {
    let registry = loaded()
        .references
        .expect("articles/references.toml exists");
    let with_url = registry
        .values()
        .filter(|r| r.url.is_some() || r.print_only)
        .count();
    assert_eq!(
        with_url,
        registry.len(),
        "every reference has a URL or is print only"
    );
    let grade = registry
        .values()
        .filter(|r| {
            matches!(
                r.kind,
                healthkb::load::SourceKind::Guideline
                    | healthkb::load::SourceKind::Government
                    | healthkb::load::SourceKind::SystematicReview
            )
        })
        .count();
    assert!(
        grade * 100 >= registry.len() * 70,
        "{grade} of {} references are guideline-grade",
        registry.len()
    );
}

#[test]
fn no_article_writes_an_emergency_number_or_a_us_only_service() {
    let (articles, _) = articles();
    for a in &articles {
        let text = plain_text(&a.body);
        for word in text.split(|c: char| !c.is_ascii_digit()) {
            assert!(
                !["911", "999", "112"].contains(&word),
                "{}: writes the emergency number {word}; use {{{{emergency}}}}",
                a.key
            );
        }
        assert!(
            !text.to_lowercase().contains("urgent care clinic"),
            "{}: says `urgent care clinic`; use {{{{urgent}}}}",
            a.key
        );
    }
}

/// Where the care cards sit in a built article page: the offset of `<div class="care-cards">`
/// and of a heading, so a test can say which comes first.
fn offsets(html: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            html.find(n)
                .unwrap_or_else(|| panic!("`{n}` not in the page"))
        })
        .collect()
}

#[test]
fn care_cards_follow_the_opening_section_unless_a_care_marker_places_them() {
    let site = Site::real();
    site.run(&["build"]).expect_code(0);
    let page = site.read("public/back-spasm/index.html");
    let at = offsets(
        &page,
        &["<div class=\"care-cards\">", "id=\"what-a-back-spasm-is\""],
    );
    assert!(
        at[0] < at[1],
        "by default the cards come before the first heading"
    );

    let source = site.read("articles/back-spasm.md");
    let marked = source.replacen(
        "## When to get help\n",
        "## When to get help\n\n{{care}}\n",
        1,
    );
    assert_ne!(
        marked, source,
        "the article has a `When to get help` section"
    );
    site.write("articles/back-spasm.md", marked);
    site.run(&["build"]).expect_code(0);
    let page = site.read("public/back-spasm/index.html");
    let at = offsets(
        &page,
        &["id=\"when-to-get-help\"", "<div class=\"care-cards\">"],
    );
    assert!(at[0] < at[1], "the marker moves the cards to its section");
    assert!(!page.contains("{{care}}"), "the marker itself is not shown");
    assert_eq!(page.matches("<div class=\"care-cards\">").count(), 1);
}
