//! References, reviews and change logs: the evidence warnings of `check` with their exact kind,
//! file, line and column, and what the real templates show (citations, reference lists, the
//! references page, JSON-LD `citation`, the review line and the change log).

mod harness;

use harness::{Site, repo};
use serde_json::Value;

const REGISTRY: &str = r#"[source-page]
title = "Source page"
publisher = "Publisher"
url = "https://example.org/source"
date = 2026-01-01
kind = "government"

[old-study]
title = "An old study"
publisher = "A journal"
url = "https://example.org/old"
year = 2001
kind = "study"

[old-guideline]
title = "A guideline"
publisher = "NICE"
url = "https://example.org/g"
date = 2001-05-01
kind = "guideline"

[superseded-guideline]
title = "Old guideline"
publisher = "NICE"
url = "https://example.org/sg"
date = 2001-05-01
kind = "guideline"
superseded = true

[blog]
title = "A blog"
publisher = "Unknown"
kind = "consumer"

[book]
title = "A book"
publisher = "TODO: who published it"
date = 2026-01-01
kind = "other"
print_only = true

[never-cited]
title = "Never cited"
publisher = "NHS"
url = "https://www.nhs.uk/x"
date = 2026-01-01
kind = "government"

[old-review]
title = "A systematic review that is still the current version"
publisher = "Cochrane"
url = "https://example.org/review"
date = 2011-06-15
kind = "systematic-review"
"#;

const BACK_SPASM: &str = r#"+++
title = "Back spasm"
description = "What a back spasm is."
symptoms = ["back-pain", "numbness"]
updated = 2026-11-20
aliases = ["back cramp"]
references = ["source-page", "old-study", "old-guideline", "superseded-guideline", "book", "old-review"]
[[changes]]
date = 2099-01-01
summary = "From the future."
[[changes]]
date = 2026-11-25
summary = "After updated."
[[changes]]
date = 2026-11-01
summary = "Fine."
[care]
emergency = ["you cannot control your bladder"]
+++
A spasm is a tight muscle [@source-page]. Low [B12](conditions/b12.md#tests) can cause
[tingling](tingling.md) too.

## What it feels like

Tight.
"#;

/// The basic fixture with sources that break every evidence rule.
fn weak_evidence() -> Site {
    let site = Site::fixture("basic");
    site.write("articles/references.toml", REGISTRY);
    site.write("articles/back-spasm.md", BACK_SPASM);
    site.write(
        "articles/tingling.md",
        "+++\ntitle = \"Tingling in the back\"\ndescription = \"Pins and needles.\"\nsymptoms = [\"tingling\", \"numbness\", \"back-pain\"]\nupdated = 2026-11-18\nreviewed = 2026-01-10\nreviewed_by = [\"jane-doe\"]\nreferences = [\"blog\"]\n+++\nTingling can come with a [spasm](back-spasm.md).\n",
    );
    site.write(
        "articles/conditions/b12.md",
        "+++\ntitle = \"Vitamin B12 deficiency\"\ndescription = \"Low B12.\"\nsymptoms = [\"tingling\", \"saddle-numbness\"]\nupdated = 2026-11-19\naliases = [\"cobalamin deficiency\"]\n+++\nLow B12 can cause [tingling](../tingling.md) [@blog].\n\n## Tests\nA blood test.\n",
    );
    site
}

fn report(site: &Site, args: &[&str]) -> Vec<Value> {
    let run = site.run(args);
    let report: Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    report["diagnostics"].as_array().expect("a list").clone()
}

#[test]
fn evidence_warnings_have_their_kind_file_line_and_column() {
    let site = weak_evidence();
    let found = report(&site, &["check", "--format", "json"]);
    let has = |kind: &str, file: &str, line: u64, column: Option<u64>| {
        found.iter().any(|d| {
            d["kind"] == kind
                && d["file"] == file
                && d["line"] == line
                && column.is_none_or(|c| d["column"] == c)
                && d["severity"] == "warning"
        })
    };
    let refs = "articles/references.toml";
    let expected: [(&str, &str, u64, Option<u64>); 12] = [
        ("old-source", refs, 8, Some(1)),
        ("old-source", refs, 22, Some(1)),
        ("missing-url", refs, 30, Some(1)),
        ("placeholder-publisher", refs, 30, Some(1)),
        ("undated-source", refs, 30, Some(1)),
        ("placeholder-publisher", refs, 35, Some(1)),
        ("uncited-reference", refs, 42, Some(1)),
        ("only-consumer-sources", "articles/tingling.md", 8, Some(1)),
        (
            "only-consumer-sources",
            "articles/conditions/b12.md",
            8,
            Some(47),
        ),
        ("change-date", "articles/back-spasm.md", 9, None),
        ("change-date", "articles/back-spasm.md", 12, None),
        ("no-sources", "articles/draft-note.md", 1, None),
    ];
    for (kind, file, line, column) in &expected[..11] {
        assert!(
            has(kind, file, *line, *column),
            "no {kind} at {file}:{line}: {found:#?}"
        );
    }
    let evidence_kinds = [
        "old-source",
        "missing-url",
        "placeholder-publisher",
        "undated-source",
        "uncited-reference",
        "only-consumer-sources",
        "change-date",
    ];
    let count = found
        .iter()
        .filter(|d| evidence_kinds.contains(&d["kind"].as_str().unwrap_or_default()))
        .count();
    assert_eq!(
        count, 11,
        "nothing else, and not the current guideline: {found:#?}"
    );
    let future = found
        .iter()
        .find(|d| d["kind"] == "change-date" && d["line"] == 9)
        .expect("the future change");
    assert!(
        future["message"]
            .as_str()
            .unwrap_or_default()
            .contains("in the future")
    );
    let strict = site.run(&["check", "--strict"]);
    strict.expect_code(1).expect_error(
        "articles/references.toml:42:1: error: no article cites `never-cited`",
        "",
    );
}

#[test]
fn max_source_age_years_comes_from_site_toml() {
    let site = weak_evidence();
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}max_source_age_years = 100\n"));
    let found = report(&site, &["check", "--format", "json"]);
    assert!(
        !found.iter().any(|d| d["kind"] == "old-source"),
        "{found:#?}"
    );
}

/// The real site with the first version of its back spasm page (from `tests/fixtures/citations/`,
/// citing the five seed pages, whose registry entries are added), given inline citations, a
/// review and a change log.
fn real_with_citations() -> Site {
    let site = Site::real();
    let fixture = repo().join("tests/fixtures/citations");
    let read = |name: &str| std::fs::read_to_string(fixture.join(name)).expect("fixture file");
    let registry = site.read("articles/references.toml");
    site.write(
        "articles/references.toml",
        format!("{registry}\n{}", read("references.toml")),
    );
    let text = read("back-spasm.md");
    let text = text
        .replacen(
            "will not let go.",
            "will not let go [@seed-verywell-back-spasms].",
            1,
        )
        .replacen(
            "Lower back spasms are the most common.",
            "Lower back spasms are the most common [@seed-verywell-back-spasms; @seed-healthgrades-back-spasm].",
            1,
        )
        .replacen(
            "updated = 2026-11-21\n",
            "updated = 2026-11-21\nreviewed = 2026-11-30\nreviewed_by = [\"jane-doe\", \"john-roe\"]\n",
            1,
        )
        .replacen(
            "[care]\n",
            "[[changes]]\ndate = 2026-11-01\nsummary = \"First version.\"\n[[changes]]\ndate = 2026-11-21\nsummary = \"Moved both-leg symptoms to emergency advice.\"\n[care]\n",
            1,
        );
    assert!(
        text.contains("@seed-healthgrades-back-spasm]"),
        "the test edits the article"
    );
    site.write("articles/back-spasm.md", text);
    // The article is another text now: the guide's Spanish translation of it does not apply.
    site.remove("translations/es/back-spasm.md");
    site.write(
        "articles/reviewers.toml",
        "[jane-doe]\nname = \"Jane Doe\"\ncredentials = \"MBBS, FRCGP\"\nrole = \"General practitioner\"\n\n[john-roe]\nname = \"John Roe\"\ncredentials = \"RN\"\nrole = \"Nurse\"\n",
    );
    site.run(&["build", "--base-url", "https://example.org/guide/"])
        .expect_code(0);
    site
}

#[test]
fn inline_citations_number_the_reference_list_and_link_both_ways() {
    let site = real_with_citations();
    let page = site.read("public/back-spasm/index.html");
    assert!(
        page.contains("will not let go <sup class=\"cite\"><a href=\"#ref-seed-verywell-back-spasms\" id=\"cite-seed-verywell-back-spasms-1\" aria-label=\"Reference 1\">[1]</a></sup>."),
        "{page}"
    );
    assert!(page.contains("<a href=\"#ref-seed-verywell-back-spasms\" id=\"cite-seed-verywell-back-spasms-2\" aria-label=\"Reference 1\">[1]</a><a href=\"#ref-seed-healthgrades-back-spasm\" id=\"cite-seed-healthgrades-back-spasm-1\" aria-label=\"Reference 2\">[2]</a></sup>"));
    let list = &page[page
        .find("<ol class=\"references\">")
        .expect("a reference list")..];
    let list = &list[..list.find("</ol>").expect("closed")];
    let order: Vec<&str> = list
        .split("<li id=\"ref-")
        .skip(1)
        .filter_map(|item| item.split('"').next())
        .collect();
    assert_eq!(
        order,
        [
            "seed-verywell-back-spasms",
            "seed-healthgrades-back-spasm",
            "seed-back-spasm-warning-signs",
            "seed-painful-back-spasms"
        ],
        "cited inline first, in text order, then the rest of the front matter"
    );
    assert!(list.contains("What Causes Back Spasms and How to Find Relief. Verywell Health, <time datetime=\"2024-09-21\">2024-09-21</time>."));
    assert!(list.contains("<a class=\"cite-back\" href=\"#cite-seed-verywell-back-spasms-1\" aria-label=\"Back to where reference 1 is cited\">↩</a>"));
    assert_eq!(
        list.matches("cite-back").count(),
        2,
        "only sources cited inline link back"
    );

    let json_ld = page
        .split("application/ld+json\">")
        .nth(1)
        .expect("JSON-LD");
    let json_ld: Value =
        serde_json::from_str(&json_ld[..json_ld.find("</script>").expect("closed")]).expect("JSON");
    let citation = json_ld["citation"].as_array().expect("citation");
    assert_eq!(citation.len(), 4);
    assert_eq!(citation[0]["@type"], "CreativeWork");
    assert_eq!(
        citation[0]["name"],
        "What Causes Back Spasms and How to Find Relief"
    );
    assert_eq!(citation[0]["publisher"]["name"], "Verywell Health");
    assert_eq!(citation[0]["datePublished"], "2024-09-21");
}

#[test]
fn the_review_line_and_change_log_come_only_from_the_front_matter() {
    let site = real_with_citations();
    let page = site.read("public/back-spasm/index.html");
    // Once, in the page history after the text (the top of the page leaves room for the text).
    assert!(page.contains("<li class=\"reviewed-by\">Reviewed by Jane Doe, MBBS, FRCGP and John Roe, RN, on <time datetime=\"2026-11-30\">November 30, 2026</time></li>\n<li>Next review due: <time datetime=\"2029-11-30\">November 30, 2029</time></li>"), "{page}");
    assert_eq!(page.matches("Reviewed by").count(), 1);
    let newest = page.find("Moved both-leg symptoms").expect("a change");
    let oldest = page.find("First version.").expect("a change");
    assert!(newest < oldest, "newest first");
    let other = site.read("public/home-care/index.html");
    assert!(other.contains("Not yet reviewed by a clinician"));
    assert!(!other.contains("Reviewed by"));
}

#[test]
fn the_references_page_lists_every_source_with_the_articles_citing_it() {
    let site = real_with_citations();
    let page = site.read("public/references/index.html");
    assert!(
        page.contains("<h2 id=\"consumer\">Consumer health sites</h2>"),
        "{page}"
    );
    let entry = &page[page
        .find("<li id=\"source-seed-verywell-back-spasms\">")
        .expect("listed")..];
    let entry = &entry[..entry.find("</li>").expect("closed")];
    assert!(
        entry.contains("What Causes Back Spasms and How to Find Relief. Verywell Health"),
        "{entry}"
    );
    assert!(
        entry.contains("<a href=\"../back-spasm/\">Back spasm</a>"),
        "{entry}"
    );
    let guideline = &page[page.find("<li id=\"source-nice-ng59\">").expect("listed")..];
    let guideline = &guideline[..guideline.find("</li>").expect("closed")];
    assert!(
        guideline.contains("<a href=\"../sciatica/\">Sciatica</a>"),
        "{guideline}"
    );
    let registry = site.read("articles/references.toml");
    assert_eq!(
        page.matches("<li id=\"source-").count(),
        registry.lines().filter(|l| l.starts_with('[')).count(),
        "every source once"
    );
    assert!(
        site.read("public/index.html")
            .contains("<a href=\"references/\">References</a>")
    );
    assert!(
        site.read("public/sitemap.xml")
            .contains("https://example.org/guide/references/")
    );
}
