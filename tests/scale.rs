//! Regression guards for speed at scale (issue 5) that measure work, never time: on a generated
//! site of 1,500 articles with the real templates, every page is rendered once, related-article
//! ranking only scores articles that share a not-too-common symptom, and the search index stays
//! small. The timings themselves are measured by `benches/compare.sh`.

mod harness;

use harness::Site;
use healthkb::crosslink::CANDIDATE_CAP;
use std::fmt::Write as _;

/// Articles in the generated site: more than `CANDIDATE_CAP`, so a symptom on every article is
/// "very common" and must bring in no candidates.
const ARTICLES: usize = 1_500;

/// Symptoms in the generated vocabulary.
const SYMPTOMS: usize = 60;

/// The symptoms of article `i`: symptom 0 (on every article), and two to four others spread
/// over the vocabulary.
fn symptoms_of(i: usize) -> Vec<usize> {
    let mut mine = vec![0, 1 + i % 20, 21 + (i * 7) % 19, 40 + (i * 13) % 20];
    mine.truncate(2 + i % 3);
    mine.sort_unstable();
    mine.dedup();
    mine
}

/// The real site's templates, static files and settings with `ARTICLES` generated articles.
fn generated_site() -> Site {
    let site = Site::real();
    std::fs::remove_dir_all(site.root.join("articles")).expect("remove the real articles");
    // No about page among the generated articles, and no translations of them: `about` and
    // `languages` are left out.
    let config = site.read("site.toml");
    let mut in_languages = false;
    let config: String = config
        .lines()
        .filter(|l| {
            in_languages |= l.starts_with("languages = [");
            let keep = !in_languages && !l.starts_with("about = ");
            in_languages &= *l != "]";
            keep
        })
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("site.toml", config);
    let mut vocabulary = String::new();
    for s in 0..SYMPTOMS {
        let _ = writeln!(
            vocabulary,
            "[s{s}]\nname = \"Symptom {s}\"\ndescription = \"About symptom {s}.\"\nlevel = \"routine\"\nregions = []\n"
        );
    }
    site.write("articles/symptoms.toml", vocabulary);
    for i in 0..ARTICLES {
        let slugs: Vec<String> = symptoms_of(i).iter().map(|s| format!("\"s{s}\"")).collect();
        let link = (i * 31 + 7) % ARTICLES;
        let text = format!(
            "+++\ntitle = \"Condition {i}\"\ndescription = \"What condition {i} is.\"\n\
             symptoms = [{}]\nupdated = 2026-01-01\n+++\n\
             Condition {i} often eases with rest and gentle movement; word{i} is its own word.\n\n\
             ## Causes\n\nSee [condition {link}](a{link}.md). Strain, posture and lifting.\n",
            slugs.join(", ")
        );
        site.write(&format!("articles/a{i}.md"), text);
    }
    site
}

#[test]
fn a_large_site_renders_each_page_once_and_ranks_related_articles_among_shared_symptoms() {
    let site = generated_site();
    let summary = healthkb::build(&healthkb::BuildOptions {
        root: site.root.clone(),
        out: Some(site.root.join("public")),
        ..Default::default()
    })
    .unwrap_or_else(|f| panic!("the generated site builds: {:?}", f.diagnostics));
    assert_eq!(summary.articles, ARTICLES);
    // Long lists take more than one page (`page_size`, 500 by default): the A to Z's 1,560
    // entries four, and symptom 0 (on every article) three.
    let later_pages = 3 + 2;
    assert_eq!(
        summary.pages,
        ARTICLES + summary.symptom_pages + 6 + later_pages,
        "one render per page: articles, symptoms, home, symptom index, A to Z, emergency, references, 404, and the later pages of long lists"
    );
    for page in ["a-z/page/4/index.html", "symptoms/s0/page/3/index.html"] {
        assert!(site.exists(&format!("public/{page}")), "{page}");
    }

    // Candidates come only from symptoms on at most CANDIDATE_CAP articles; symptom 0 is on
    // every article and brings in none.
    let mut on = vec![0usize; SYMPTOMS];
    for i in 0..ARTICLES {
        for s in symptoms_of(i) {
            on[s] += 1;
        }
    }
    assert!(on[0] > CANDIDATE_CAP);
    let bound: usize = (0..ARTICLES)
        .flat_map(symptoms_of)
        .filter(|&s| on[s] <= CANDIDATE_CAP)
        .map(|s| on[s] - 1)
        .sum();
    assert!(summary.related_candidates_scored > 0);
    assert!(
        summary.related_candidates_scored <= bound,
        "{} candidates scored, more than the {bound} articles sharing a not-too-common symptom",
        summary.related_candidates_scored
    );
    assert!(summary.related_candidates_scored < ARTICLES * ARTICLES / 5);

    // The search index is split so that no file a query loads grows with the site: every shard
    // and display chunk stays small, and every article's own word is in some shard.
    let dir = site.root.join("public/search");
    let mut own_word = false;
    for entry in std::fs::read_dir(&dir).expect("search folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("search file");
        assert!(
            text.len() < 100_000,
            "{} is {} bytes for {ARTICLES} articles",
            path.display(),
            text.len()
        );
        own_word |= text.contains("\"word1499\":[");
    }
    assert!(own_word, "the last article's own word is indexed");
}

/// The benchmark corpus (`benches/gen_corpus.py`, used by `benches/compare.sh` and the serve
/// benchmark) must stay a site the program builds and checks without errors: when a format
/// changes (sources moved to `articles/references.toml`), the generator must follow.
#[test]
fn the_benchmark_corpus_generator_writes_a_site_that_builds() {
    let out = tempfile::tempdir().expect("temporary folder");
    let made = std::process::Command::new("python3")
        .arg(harness::repo().join("benches/gen_corpus.py"))
        .args(["--n", "120", "--out"])
        .arg(out.path().join("corpus"))
        .arg("--repo")
        .arg(harness::repo())
        .output()
        .expect("python3 runs (tests/run.sh installs it)");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let site = out.path().join("corpus/ours");
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_healthkb"))
        .arg("--root")
        .arg(&site)
        .args(["build", "--out"])
        .arg(out.path().join("public"))
        .output()
        .expect("the program runs");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(out.path().join("public/references/index.html").exists());
}
