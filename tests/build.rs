//! Builds fixture sites with the real program and checks the files it writes.

mod harness;

use harness::{Site, hrefs_of_class};

fn built() -> Site {
    let site = Site::fixture("basic");
    site.run(&["build"]).expect_code(0);
    site
}

#[test]
fn builds_every_page_kind_and_reports_what_it_did() {
    let site = Site::fixture("basic");
    let run = site.run(&["build"]);
    run.expect_code(0);
    let line = run.stdout.trim();
    assert!(
        line.starts_with("built 3 articles, 4 symptom pages, 21 pages in all in "),
        "{line}"
    );
    assert!(line.ends_with(" ms -> public/"), "{line}");
    for page in [
        "public/index.html",
        "public/back-spasm/index.html",
        "public/tingling/index.html",
        "public/conditions/b12/index.html",
        "public/symptoms/index.html",
        "public/symptoms/back-pain/index.html",
        "public/symptoms/saddle-numbness/index.html",
        "public/regions/buttocks-hips/index.html",
        "public/a-z/index.html",
        "public/emergency/index.html",
        "public/references/index.html",
        "public/404.html",
        "public/img/spine.svg",
        "public/style.css",
    ] {
        assert!(site.exists(page), "{page} missing");
    }
    assert!(
        !site.exists("public/draft-note/index.html"),
        "drafts are left out by default"
    );
    assert!(
        !site.exists("public/sitemap.xml"),
        "no sitemap without base_url"
    );
}

#[test]
fn links_are_rewritten_relative_to_each_page() {
    let site = built();
    let spasm = site.read("public/back-spasm/index.html");
    assert!(
        spasm.contains("<a href=\"../conditions/b12/#tests\">B12</a>"),
        "{spasm}"
    );
    assert!(spasm.contains("<a href=\"../tingling/\">tingling</a>"));
    assert!(spasm.contains("<a href=\"../img/spine.svg\">diagram</a>"));
    assert!(spasm.contains("<a href=\"#what-it-feels-like\">the top</a>"));
    assert!(spasm.contains("<a href=\"https://www.nhs.uk/\">NHS</a>"));
    assert!(spasm.contains("<link rel=\"stylesheet\" href=\"../style.css\">"));
    let b12 = site.read("public/conditions/b12/index.html");
    assert!(
        b12.contains("<a href=\"../../tingling/\">tingling</a>"),
        "{b12}"
    );
    assert!(b12.contains("<a href=\"../../\">Home</a>"));
    let home = site.read("public/index.html");
    assert_eq!(
        hrefs_of_class(&home, "article"),
        ["back-spasm/", "tingling/", "conditions/b12/"],
        "home lists articles by title with links from the root"
    );
}

#[test]
fn headings_get_unique_ids_and_a_table_of_contents() {
    let site = built();
    let spasm = site.read("public/back-spasm/index.html");
    assert!(spasm.contains("<h2 id=\"what-it-feels-like\">"));
    assert!(spasm.contains("<h2 id=\"what-it-feels-like-1\">"));
    assert_eq!(
        hrefs_of_class(&spasm, "toc"),
        ["#what-it-feels-like", "#what-it-feels-like-1"]
    );
    assert!(
        spasm.contains("<div class=\"callout callout-warning\" role=\"note\">"),
        "alerts become callouts"
    );
}

#[test]
fn articles_show_symptoms_related_backlinks_care_sources_and_dates() {
    let site = built();
    let spasm = site.read("public/back-spasm/index.html");
    assert_eq!(
        hrefs_of_class(&spasm, "symptom"),
        ["../symptoms/back-pain/", "../symptoms/numbness/"]
    );
    assert_eq!(hrefs_of_class(&spasm, "related"), ["../tingling/"]);
    assert_eq!(hrefs_of_class(&spasm, "backlink"), ["../tingling/"]);
    assert!(
        spasm.contains(
            "<li class=\"care-emergency\">Call <a href=\"tel:112\">112</a>: you cannot control your bladder</li>"
        )
    );
    assert!(
        spasm.contains("<li class=\"source\" id=\"ref-source-page\">1 Source page Publisher https://example.org/source <a class=\"back\" href=\"#cite-source-page-1\">back</a></li>"),
        "{spasm}"
    );
    assert!(spasm.contains("<p class=\"updated\">2026-11-20|November 20, 2026</p>"));
    assert!(
        !spasm.contains("class=\"reviewed\""),
        "no review date is shown when none happened"
    );
    let tingling = site.read("public/tingling/index.html");
    assert!(
        tingling
            .contains("<p class=\"reviewed\">Jane Doe, MBBS, FRCGP 2026-01-10 next 2029-01-10</p>"),
        "the reviewer comes from reviewers.toml, next review defaults to 3 years"
    );
    assert!(spasm.contains("<p class=\"not-reviewed\">Not yet reviewed by a clinician</p>"));
    // tingling shares two symptoms with back-spasm but only one (rarer) with b12
    assert_eq!(
        hrefs_of_class(&tingling, "related"),
        ["../back-spasm/", "../conditions/b12/"]
    );
    assert_eq!(
        hrefs_of_class(&tingling, "backlink"),
        ["../back-spasm/", "../conditions/b12/"]
    );
}

#[test]
fn symptom_pages_list_articles_and_often_seen_with() {
    let site = built();
    let numbness = site.read("public/symptoms/numbness/index.html");
    assert_eq!(
        hrefs_of_class(&numbness, "article"),
        ["../../back-spasm/", "../../tingling/"]
    );
    assert!(
        numbness
            .contains("<a class=\"seen-with\" href=\"../../symptoms/back-pain/\">Back pain 2</a>"),
        "{numbness}"
    );
    assert!(
        numbness
            .contains("<a class=\"seen-with\" href=\"../../symptoms/tingling/\">Tingling 1</a>")
    );
    assert!(numbness.contains("<span class=\"aka\">loss of feeling</span>"));
    let saddle = site.read("public/symptoms/saddle-numbness/index.html");
    assert!(saddle.contains("<p class=\"level\">emergency</p>"));
    let index = site.read("public/symptoms/index.html");
    assert!(
        index.contains(">Back pain (2)</a>") && index.contains(">Tingling (2)</a>"),
        "{index}"
    );
}

#[test]
fn region_pages_list_the_symptoms_felt_there_and_their_articles() {
    let site = built();
    // back-pain is felt in the middle and lower back, tingling in the legs (symptoms.toml).
    let lower = site.read("public/regions/lower-back/index.html");
    assert!(lower.contains("<h1>Lower back</h1>"), "{lower}");
    assert_eq!(
        hrefs_of_class(&lower, "symptom"),
        ["../../symptoms/back-pain/"]
    );
    assert_eq!(
        hrefs_of_class(&lower, "article"),
        ["../../back-spasm/", "../../tingling/"]
    );
    let legs = site.read("public/regions/legs/index.html");
    assert_eq!(
        hrefs_of_class(&legs, "symptom"),
        ["../../symptoms/tingling/"]
    );
    assert_eq!(
        hrefs_of_class(&legs, "article"),
        ["../../tingling/", "../../conditions/b12/"]
    );
    // Every region has a page, top to bottom, even one no symptom names yet.
    assert_eq!(
        hrefs_of_class(&legs, "region"),
        [
            "../../regions/neck/",
            "../../regions/upper-back/",
            "../../regions/middle-back/",
            "../../regions/lower-back/",
            "../../regions/buttocks-hips/",
            "../../regions/arms-hands/",
            "../../regions/legs/",
            "../../regions/feet/",
        ]
    );
    assert!(legs.contains(">Lower back (1)</a>") && legs.contains(">Neck (0)</a>"));
    let neck = site.read("public/regions/neck/index.html");
    assert!(hrefs_of_class(&neck, "symptom").is_empty());
}

#[test]
fn a_to_z_lists_titles_symptoms_and_other_names() {
    let site = built();
    let az = site.read("public/a-z/index.html");
    let labels: Vec<&str> = az
        .lines()
        .filter(|l| l.starts_with("<a class=\"entry\""))
        .map(|l| &l[l.find('>').map_or(0, |i| i + 1)..l.len() - 4])
        .collect();
    assert_eq!(
        labels,
        [
            "Arms and hands",
            "back cramp see Back spasm",
            "Back pain",
            "Back spasm",
            "backache see Back pain",
            "Buttocks and hips",
            "cobalamin deficiency see Vitamin B12 deficiency",
            "Feet",
            "Legs",
            "loss of feeling see Numbness",
            "Lower back",
            "Middle back",
            "Neck",
            "Numbness",
            "paresthesia see Tingling",
            "pins and needles see Tingling",
            "Saddle numbness",
            "Tingling",
            "Tingling in the back",
            "Upper back",
            "Vitamin B12 deficiency",
        ]
    );
    assert!(
        az.contains("href=\"../regions/lower-back/\">Lower back</a>"),
        "{az}"
    );
    assert!(az.contains("data-letter=\"C\" href=\"../conditions/b12/\">cobalamin deficiency"));
}

#[test]
fn emergency_page_gathers_items_and_emergency_symptoms() {
    let site = built();
    let page = site.read("public/emergency/index.html");
    assert!(page.contains(
        "<a class=\"symptom\" href=\"../symptoms/saddle-numbness/\">Saddle numbness</a>"
    ));
    assert!(page.contains("<li class=\"item\">you cannot control your bladder <a href=\"../back-spasm/\">Back spasm</a></li>"));
    let home = site.read("public/index.html");
    assert_eq!(
        hrefs_of_class(&home, "emergency"),
        ["symptoms/saddle-numbness/"]
    );
}

#[test]
fn drafts_are_built_on_request() {
    let site = Site::fixture("basic");
    let run = site.run(&["build", "--drafts"]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("built 4 articles"), "{}", run.stdout);
    assert!(site.exists("public/draft-note/index.html"));
}

#[test]
fn local_builds_link_to_index_files() {
    let site = Site::fixture("basic");
    site.run(&["build", "--local", "--out", "local"])
        .expect_code(0);
    let b12 = site.read("local/conditions/b12/index.html");
    assert!(
        b12.contains("<a href=\"../../tingling/index.html\">tingling</a>"),
        "{b12}"
    );
    assert!(b12.contains("<a href=\"../../index.html\">Home</a>"));
}

#[test]
fn base_url_adds_canonical_sitemap_robots_and_feed() {
    let site = Site::fixture("basic");
    site.run(&["build", "--base-url", "https://example.org/guide"])
        .expect_code(0);
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<url><loc>https://example.org/guide/back-spasm/</loc><lastmod>2026-11-20</lastmod></url>"), "{sitemap}");
    assert!(sitemap.contains("<loc>https://example.org/guide/symptoms/numbness/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/guide/regions/lower-back/</loc>"));
    assert!(
        !sitemap.contains("404"),
        "the 404 page is not in the sitemap"
    );
    assert!(
        site.read("public/robots.txt")
            .contains("Sitemap: https://example.org/guide/sitemap.xml")
    );
    let feed = site.read("public/feed.xml");
    let first = feed
        .find("<title>Back spasm</title>")
        .expect("newest in feed");
    let second = feed
        .find("<title>Vitamin B12 deficiency</title>")
        .expect("second in feed");
    assert!(first < second, "most recently updated first");
    let notfound = site.read("public/404.html");
    assert!(
        notfound.contains("href=\"/guide/symptoms/\""),
        "404 links work at any depth: {notfound}"
    );
    assert!(
        site.read("public/back-spasm/index.html")
            .contains("href=\"../symptoms/\""),
        "pages stay relative"
    );
}

#[test]
fn check_renders_everything_but_writes_nothing() {
    let site = Site::fixture("basic");
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stdout.starts_with("checked 3 articles"),
        "{}",
        run.stdout
    );
    assert!(!site.exists("public"));
    site.write(
        "templates/symptom.html",
        "{% extends \"base.html\" %}{% block content %}{{ nope }}{% endblock content %}",
    );
    site.run(&["check"])
        .expect_code(1)
        .expect_error("templates/symptom.html:1:", "");
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let site = Site::fixture("basic");
    site.run_env(
        &["build", "--base-url", "https://x.org/", "--out", "one"],
        &[("RAYON_NUM_THREADS", "1")],
    )
    .expect_code(0);
    site.run_env(
        &["build", "--base-url", "https://x.org/", "--out", "two"],
        &[("RAYON_NUM_THREADS", "4")],
    )
    .expect_code(0);
    let (one, two) = (site.snapshot("one"), site.snapshot("two"));
    assert!(one.len() > 10);
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(two[path] == *bytes, "{path} differs between builds");
    }
}

#[test]
fn a_symptom_vocabulary_is_optional() {
    let site = Site::fixture("basic");
    site.remove("articles/symptoms.toml");
    site.run(&["build"]).expect_code(0);
    let page = site.read("public/symptoms/saddle-numbness/index.html");
    assert!(
        page.contains("<h1>Saddle numbness</h1>"),
        "names come from slugs"
    );
    assert!(page.contains("<p class=\"level\">routine</p>"));
}

#[test]
fn the_same_program_builds_a_second_site_with_root() {
    let site = Site::fixture("basic");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = elsewhere.path().join("out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_healthkb"))
        .current_dir(elsewhere.path())
        .args([
            "--root",
            site.root.to_str().expect("utf-8 path"),
            "build",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("run");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.join("conditions/b12/index.html").exists());
}

/// The basic fixture with shared care advice, articles naming it by id and in their own words,
/// and local services with characters that mean something in Markdown and HTML.
fn with_shared_care() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "site.toml",
        "title = \"Fixture Guide\"\ndescription = \"A small site for tests.\"\nemergency_number = \"112\"\n[urgent_service]\nname = \"A&E *now* <b>\"\nphone = \"0800 11 22\"\n[routine_service]\nname = \"a GP\"\n",
    );
    site.write(
        "articles/care.toml",
        "[bladder]\nlevel = \"emergency\"\ntext = \"you cannot control when you pee or poo: call {{emergency}}\"\ngroup = \"Nerves at the base of the spine\"\nsymptoms = [\"saddle-numbness\"]\n\n[fever]\nlevel = \"urgent\"\ntext = \"you have a fever and cannot reach {{routine}}\"\nsymptoms = [\"saddle-numbness\", \"back-pain\"]\n\n[faint]\nlevel = \"emergency\"\ntext = \"you faint\"\n",
    );
    site.write(
        "articles/back-spasm.md",
        "+++\ntitle = \"Back spasm\"\ndescription = \"Call {{emergency}} & ask {{urgent}}.\"\nsymptoms = [\"back-pain\", \"numbness\"]\nupdated = 2026-11-20\n[care]\nemergency = [\"bladder\", \"You cannot stand up.\"]\nurgent = [\"fever\"]\nroutine = [\"it lasts two weeks\"]\n+++\nAsk {{urgent}} or `{{urgent}}`, see [tingling](tingling.md).\n",
    );
    site.write(
        "articles/conditions/b12.md",
        "+++\ntitle = \"Vitamin B12 deficiency\"\ndescription = \"Low B12 and your nerves.\"\nsymptoms = [\"tingling\", \"saddle-numbness\"]\nupdated = 2026-11-19\n[care]\nemergency = [\"bladder\", \"you cannot  stand up\"]\n+++\nLow B12 can cause [tingling](../tingling.md).\n",
    );
    site.run(&["build"]).expect_code(0);
    site
}

#[test]
fn care_cards_symptom_pages_and_the_emergency_page_share_one_wording() {
    let site = with_shared_care();
    let spasm = site.read("public/back-spasm/index.html");
    assert!(spasm.contains("<li class=\"care-emergency\">Call <a href=\"tel:112\">112</a>: you cannot control when you pee or poo: call 112</li>"), "{spasm}");
    assert!(spasm.contains(
        "<li class=\"care-emergency\">Call <a href=\"tel:112\">112</a>: You cannot stand up.</li>"
    ));
    assert!(
        spasm.contains("<li class=\"care-urgent\">you have a fever and cannot reach a GP</li>")
    );
    assert!(spasm.contains("<li class=\"care-routine\">See a GP: it lasts two weeks</li>"));
    let symptom = site.read("public/symptoms/saddle-numbness/index.html");
    assert!(symptom.contains(
        "<li class=\"care-emergency\">you cannot control when you pee or poo: call 112</li>"
    ));
    assert!(
        symptom.contains("<li class=\"care-urgent\">you have a fever and cannot reach a GP</li>")
    );
    let back = site.read("public/symptoms/back-pain/index.html");
    assert!(!back.contains("care-emergency") && back.contains("care-urgent"));

    let emergency = site.read("public/emergency/index.html");
    let groups: Vec<&str> = emergency.matches("<h2 class=\"group\">").collect();
    assert_eq!(
        groups.len(),
        2,
        "one named group, then the others: {emergency}"
    );
    assert!(emergency.contains("<h2 class=\"group\">Nerves at the base of the spine</h2>\n<li class=\"item\">you cannot control when you pee or poo: call 112 <a href=\"../back-spasm/\">Back spasm</a> <a href=\"../conditions/b12/\">Vitamin B12 deficiency</a></li>"), "{emergency}");
    assert_eq!(
        emergency.matches("you cannot control when you pee").count(),
        1
    );
    assert!(
        emergency.contains("<li class=\"item\">you faint</li>"),
        "listed by no article, shown once"
    );
    assert_eq!(
        emergency
            .to_lowercase()
            .matches("you cannot stand up")
            .count(),
        1,
        "free text said twice is shown once"
    );
    assert!(emergency.contains("You cannot stand up. <a href=\"../back-spasm/\">Back spasm</a> <a href=\"../conditions/b12/\">Vitamin B12 deficiency</a>"));
}

#[test]
fn placeholders_become_the_local_services_without_becoming_markup() {
    let site = with_shared_care();
    let spasm = site.read("public/back-spasm/index.html");
    assert!(
        spasm.contains("<p>Ask A&amp;E *now* &lt;b&gt; or <code>{{urgent}}</code>, see"),
        "{spasm}"
    );
    assert!(spasm.contains(
        "<meta name=\"description\" content=\"Call 112 &amp; ask A&amp;E *now* &lt;b&gt;.\">"
    ));
    let home = site.read("public/index.html");
    assert!(!home.contains("{{"), "{home}");
    let search_files = std::fs::read_dir(site.root.join("public/search"))
        .expect("search folder")
        .map(|e| e.expect("entry").path())
        .collect::<Vec<_>>();
    let search_text: String = search_files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("search file"))
        .collect();
    for (file, text) in [
        ("public/search/*.js", search_text),
        ("public/finder/a/0.js", site.read("public/finder/a/0.js")),
    ] {
        assert!(
            text.contains("Call 112 \\u0026 ask A\\u0026E *now* \\u003cb\\u003e."),
            "{file}: {text}"
        );
        assert!(!text.contains("{{emergency}}"), "{file}");
    }
}

/// The `id` of every start tag in `html`, as a browser's tokenizer reads them.
fn ids_in(html: &str) -> Vec<String> {
    use html5ever::tokenizer::{
        BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::RefCell;
    #[derive(Default)]
    struct Ids(RefCell<Vec<String>>);
    impl TokenSink for Ids {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(Tag {
                kind: TagKind::StartTag,
                attrs,
                ..
            }) = token
            {
                for a in attrs.iter().filter(|a| &*a.name.local == "id") {
                    self.0.borrow_mut().push(a.value.to_string());
                }
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Ids::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

#[test]
fn every_id_on_every_page_is_unique_whatever_the_headings_are_called() {
    let site = Site::real();
    let page = site.read("articles/acute-vs-chronic-back-pain.md");
    site.write(
        "articles/acute-vs-chronic-back-pain.md",
        format!(
            "{page}\n## Main\n\n## Care emergency\n\n## Search results\n\n## Page toc\n\n## A\n\nNote[^a] and [^Fn-a].\n\n[^a]: One.\n\n[^fn-a]: Two.\n\n## Fn a\n\n## Ref nice-ng59\n\n## Cite nice-ng59 1\n"
        ),
    );
    site.run(&["build"]).expect_code(0);
    let mut pages = 0;
    for (path, bytes) in site.snapshot("public") {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let ids = ids_in(&String::from_utf8_lossy(&bytes));
        let mut seen = std::collections::HashSet::new();
        for id in &ids {
            assert!(seen.insert(id), "`{id}` twice in {path}: {ids:?}");
        }
    }
    assert!(pages > 10, "{pages}");
    let html = site.read("public/acute-vs-chronic-back-pain/index.html");
    assert!(html.contains("<h2 id=\"main-1\">Main</h2>"), "{html}");
    assert!(
        html.contains("aria-labelledby=\"care-emergency\""),
        "{html}"
    );
}
