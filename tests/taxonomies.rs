//! A site whose taxonomies are all configured in `site.toml`, none of them symptoms
//! (`tests/fixtures/taxonomies`: conditions, treatments and body systems): it builds pages per
//! term, lists every term in the A to Z, reports unknown terms with a "did you mean" at their
//! place, checks, and serves incrementally with the same bytes as `build`.

mod engine_support;
mod harness;

use engine_support::{Files, differing, files_of, full_build};
use harness::Site;
use healthkb::progress::Progress;
use healthkb::serve::engine::{Engine, Outcome};
use std::path::Path;

fn built() -> Site {
    let site = Site::fixture("taxonomies");
    site.run(&["build"]).expect_code(0);
    site
}

#[test]
fn every_term_of_every_taxonomy_has_a_page_and_each_taxonomy_an_index() {
    let site = built();
    for page in [
        "conditions/index.html",
        "conditions/anaemia/index.html",
        "conditions/nerve-damage/index.html",
        "conditions/spinal-cord-compression/index.html",
        "treatments/index.html",
        "treatments/b12-injections/index.html",
        "treatments/physiotherapy/index.html",
        "treatments/surgery/index.html",
        "body-systems/blood/index.html",
        "body-systems/nerves/index.html",
        "body-systems/spine/index.html",
    ] {
        assert!(site.exists(&format!("public/{page}")), "no {page}");
    }
    assert!(!site.exists("public/symptoms"), "no symptom pages");
    assert!(!site.exists("public/regions"), "no region pages");
    let physio = site.read("public/treatments/physiotherapy/index.html");
    assert!(physio.contains("<h1>Physiotherapy</h1><p class=\"taxonomy\">Treatments</p>"));
    assert!(physio.contains("<span class=\"aka\">physical therapy</span>"));
    assert!(physio.contains("<a class=\"article\" href=\"../../nerve-damage/\">Nerve damage</a>"));
    assert!(!physio.contains("Vitamin B12 deficiency"), "{physio}");
    let treatments = site.read("public/treatments/index.html");
    assert!(treatments.contains("href=\"../treatments/surgery/\">Surgery (1)</a>"));
    // An article links its terms of every taxonomy.
    let b12 = site.read("public/b12-deficiency/index.html");
    assert!(b12.contains("<a class=\"condition\" href=\"../conditions/anaemia/\">Anaemia</a>"));
    assert!(b12.contains("<p class=\"terms-treatments\"><a href=\"../treatments/\">Treatments</a>: <a class=\"term\" href=\"../treatments/b12-injections/\">B12 injections</a></p>"));
    // The body systems are named by the conditions (`systems = [...]` in conditions.toml), and
    // drawn from their term file.
    let nerves = site.read("public/body-systems/nerves/index.html");
    assert!(nerves.contains("<h1>Nervous system</h1>"));
    assert!(nerves.contains("href=\"../../conditions/spinal-cord-compression/\""));
    let conditions = site.read("public/conditions/index.html");
    assert!(conditions.contains("Nervous system (2)</a><svg><path d=\"M10 30 L20 30 L20 40 Z\"/>"));
    // The about page is the one site.toml names.
    assert!(site.exists("public/about/index.html"));
}

#[test]
fn the_a_to_z_lists_the_terms_of_every_taxonomy_and_their_other_names() {
    let site = built();
    let az = site.read("public/a-z/index.html");
    for entry in [
        "href=\"../conditions/anaemia/\">Anaemia</a>",
        "href=\"../conditions/anaemia/\">low blood count see Anaemia</a>",
        "href=\"../treatments/b12-injections/\">B12 injections</a>",
        "href=\"../treatments/b12-injections/\">hydroxocobalamin see B12 injections</a>",
        "href=\"../treatments/surgery/\">Surgery</a>",
        "href=\"../body-systems/spine/\">Spine</a>",
        "href=\"../body-systems/nerves/\">Nervous system</a>",
    ] {
        assert!(az.contains(entry), "no `{entry}` in the A to Z:\n{az}");
    }
}

#[test]
fn a_taxonomy_without_a_to_z_leaves_its_terms_out_of_it() {
    let site = Site::fixture("taxonomies");
    let config = site.read("site.toml");
    let treatments = config.find("name = \"treatments\"").expect("treatments");
    let (head, tail) = config.split_at(treatments);
    site.write(
        "site.toml",
        format!("{head}{}", tail.replacen("a_to_z = true\n", "", 1)),
    );
    site.run(&["build"]).expect_code(0);
    let az = site.read("public/a-z/index.html");
    assert!(!az.contains("treatments/"), "{az}");
    assert!(az.contains("href=\"../conditions/anaemia/\">Anaemia</a>"));
    assert!(site.exists("public/treatments/surgery/index.html"));
}

#[test]
fn unknown_terms_are_errors_with_a_suggestion_at_their_place() {
    let site = Site::fixture("taxonomies");
    let article = site.read("articles/b12-deficiency.md");
    let article = article
        .replace("\"b12-injections\"", "\"b12-injection\"")
        .replace("\"anaemia\"", "\"anemia\"");
    site.write("articles/b12-deficiency.md", article);
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        run.expect_code(1)
            .expect_error(
                "articles/b12-deficiency.md:4:15: error:",
                "unknown condition `anemia`",
            )
            .expect_error(
                "articles/b12-deficiency.md:5:15: error:",
                "unknown treatment `b12-injection`",
            );
        for hint in ["did you mean `anaemia`?", "did you mean `b12-injections`?"] {
            assert!(run.stderr.contains(hint), "no `{hint}` in {}", run.stderr);
        }
    }
    let options = healthkb::BuildOptions {
        root: site.root.clone(),
        ..Default::default()
    };
    let failure = healthkb::build(&options).expect_err("unknown terms");
    let term = failure
        .diagnostics
        .iter()
        .find(|d| d.kind == healthkb::diagnostic::Kind::UnknownTerm)
        .expect("an unknown-term diagnostic");
    assert_eq!((term.line, term.column), (Some(5), Some(15)));
    // A body system the conditions' term file names but the body systems' does not have.
    let site = Site::fixture("taxonomies");
    let terms = site.read("articles/conditions.toml");
    site.write(
        "articles/conditions.toml",
        terms.replace("systems = [\"blood\"]", "systems = [\"blod\"]"),
    );
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        run.expect_code(1)
            .expect_error("articles/conditions.toml:5:12: error:", "`blod`");
        assert!(
            run.stderr.contains("did you mean `blood`?"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn the_old_keys_are_refused_where_the_site_renamed_them() {
    let site = Site::fixture("taxonomies");
    let article = site.read("articles/nerve-damage.md");
    site.write(
        "articles/nerve-damage.md",
        article.replace("conditions = [", "symptoms = ["),
    );
    site.run(&["build"])
        .expect_code(1)
        .expect_error("articles/nerve-damage.md:4:1: error:", "`conditions`");
    let site = Site::fixture("taxonomies");
    let terms = site.read("articles/conditions.toml");
    site.write(
        "articles/conditions.toml",
        terms.replacen("systems = [", "regions = [", 1),
    );
    site.run(&["build"])
        .expect_code(1)
        .expect_error("articles/conditions.toml:5:1: error:", "`systems`");
}

#[test]
fn check_passes_with_warnings_placed_in_the_configured_term_file() {
    let site = Site::fixture("taxonomies");
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "articles/conditions.toml:1: warning: condition `anaemia` is used by only one article"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("symptoms.toml"), "{}", run.stderr);
}

/// Replaces `from` with `to` in the site's file `rel`, which must hold `from`: an edit that
/// changes nothing would test nothing.
fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} has no `{from}`");
    site.write(rel, text.replace(from, to));
}

/// Rebuilds with `engine` and checks its site is byte for byte `build`'s, after `what`.
fn rebuild_matches_build(engine: &mut Engine, root: &Path, what: &str) -> Files {
    let got = match engine.rebuild(&Progress::silent()) {
        Outcome::Rebuilt(mut r) => files_of(&mut r),
        other => panic!("expected a rebuild after {what}, got {other:?}"),
    };
    let (expected, _) = full_build(root);
    let differ = differing(&expected, &got);
    assert!(
        differ.is_empty(),
        "serve differs from build in {differ:?} after {what}"
    );
    got
}

#[test]
fn serve_follows_term_file_and_article_term_edits_like_build() {
    let site = Site::fixture("taxonomies");
    let root = site.root.canonicalize().expect("root");
    let mut engine = Engine::new(&root, false, None).expect("engine");
    rebuild_matches_build(&mut engine, &root, "the first build");
    // A treatment renamed in its term file.
    edit(
        &site,
        "articles/treatments.toml",
        "name = \"Surgery\"",
        "name = \"An operation\"",
    );
    let files = rebuild_matches_build(&mut engine, &root, "a renamed treatment");
    let page = String::from_utf8_lossy(&files["treatments/surgery/index.html"]).into_owned();
    assert!(page.contains("<h1>An operation</h1>"), "{page}");
    let home = String::from_utf8_lossy(&files["index.html"]).into_owned();
    assert!(
        home.contains("<label for=\"finder-treatments--surgery\">An operation</label>"),
        "the finder offers the treatment by its new name: {home}"
    );
    // A new treatment, and an article naming it.
    site.write(
        "articles/treatments.toml",
        format!(
            "{}\n[rest]\nname = \"Rest\"\n",
            site.read("articles/treatments.toml")
        ),
    );
    rebuild_matches_build(&mut engine, &root, "a new treatment");
    edit(
        &site,
        "articles/b12-deficiency.md",
        "treatments = [\"b12-injections\"]",
        "treatments = [\"b12-injections\", \"rest\"]",
    );
    let files = rebuild_matches_build(&mut engine, &root, "an article's new treatment");
    let rest = String::from_utf8_lossy(&files["treatments/rest/index.html"]).into_owned();
    assert!(rest.contains("Vitamin B12 deficiency"), "{rest}");
    assert!(
        files.contains_key("finder/t/treatments/rest.0.js"),
        "the finder has the new treatment's part"
    );
    // A body system relabelled, and a condition moved to another one.
    edit(
        &site,
        "articles/body-systems.toml",
        "label = \"Blood\"",
        "label = \"Blood and marrow\"",
    );
    rebuild_matches_build(&mut engine, &root, "a relabelled body system");
    edit(
        &site,
        "articles/conditions.toml",
        "systems = [\"blood\"]",
        "systems = [\"blood\", \"spine\"]",
    );
    rebuild_matches_build(&mut engine, &root, "a condition in another body system");
    // The article's conditions.
    edit(
        &site,
        "articles/nerve-damage.md",
        "conditions = [\"nerve-damage\", ",
        "conditions = [\"anaemia\", \"nerve-damage\", ",
    );
    rebuild_matches_build(&mut engine, &root, "an article's new condition");
}

#[test]
fn the_flags_decide_what_the_taxonomy_of_articles_feeds() {
    let on = built();
    let article = on.read("public/b12-deficiency/index.html");
    assert!(
        article.contains("<a class=\"related\" href=\"../nerve-damage/\">"),
        "{article}"
    );
    let emergency = on.read("public/emergency/index.html");
    assert!(
        emergency.contains("conditions/spinal-cord-compression/"),
        "{emergency}"
    );
    let off = Site::fixture("taxonomies");
    let config = off.read("site.toml");
    off.write(
        "site.toml",
        config
            .replacen("related = true\n", "", 1)
            .replacen("emergency = true\n", "", 1),
    );
    off.run(&["build"]).expect_code(0);
    let article = off.read("public/b12-deficiency/index.html");
    assert!(!article.contains("class=\"related\""), "{article}");
    let emergency = off.read("public/emergency/index.html");
    assert!(
        !emergency.contains("conditions/spinal-cord-compression/"),
        "{emergency}"
    );
}

#[test]
fn new_writes_the_site_s_own_taxonomy_keys_and_its_draft_builds() {
    let site = Site::fixture("taxonomies");
    site.run(&["new", "iron-deficiency"]).expect_code(0);
    let text = site.read("articles/iron-deficiency.md");
    assert!(
        text.contains("\nconditions = []")
            && text.contains("# slugs from articles/conditions.toml"),
        "{text}"
    );
    assert!(
        text.contains("\ntreatments = []")
            && text.contains("# slugs from articles/treatments.toml"),
        "{text}"
    );
    assert!(!text.contains("symptoms = ["), "{text}");
    site.run(&["build", "--drafts"]).expect_code(0);
    assert!(site.exists("public/iron-deficiency/index.html"));
}

/// The value a search file (`public/search/*.js`) passes to `healthkbSearch.FUNCTION`.
fn search_json(text: String, function: &str) -> serde_json::Value {
    let prefix = format!("window.healthkbSearch.{function}(");
    let body = text
        .strip_prefix(&prefix)
        .and_then(|t| t.strip_suffix(");\n"))
        .expect("one call");
    serde_json::from_str(body).expect("JSON")
}

/// The pages a one-word query finds on a built site, best first, as the browser's search
/// (`static/site.js`) finds them for a word that is its own term: the manifest's last shard key
/// not after the term, that shard's postings of the term (gap, weight, ...), and the display
/// data of its documents.
fn search_word(site: &Site, term: &str) -> Vec<String> {
    let json = search_json;
    let manifest = json(site.read("public/search/index.js"), "manifest");
    let keys = manifest["keys"].as_array().expect("keys");
    let n = keys
        .iter()
        .rposition(|k| k.as_str().expect("a key") <= term)
        .expect("the first key is empty");
    let shard = json(site.read(&format!("public/search/{n}.js")), "shard");
    let Some(list) = shard["t"][term].as_array() else {
        return Vec::new();
    };
    let numbers: Vec<u64> = list.iter().map(|v| v.as_u64().expect("a number")).collect();
    let mut doc = 0;
    let mut found: Vec<(u64, u64)> = numbers
        .chunks(2)
        .map(|pair| {
            doc += pair[0];
            (doc, pair[1])
        })
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    found
        .iter()
        .map(|(doc, _)| {
            shard["d"][doc.to_string()][0]
                .as_str()
                .expect("a URL")
                .to_string()
        })
        .collect()
}

#[test]
fn search_results_call_term_pages_by_the_taxonomy_of_articles_label() {
    let site = built();
    let manifest = search_json(site.read("public/search/index.js"), "manifest");
    assert_eq!(
        manifest["kinds"],
        serde_json::json!({"A": "Article", "S": "Condition", "treatments": "Treatment"}),
        "the browser shows kinds[kind] on a result"
    );
    // The condition pages are the documents of kind "S": "anaemia" finds its page, so labelled.
    let found = search_word(&site, "anaemia");
    assert!(
        found.contains(&"conditions/anaemia/".to_string()),
        "{found:?}"
    );
    let shards = walk(&site.root.join("public/search"));
    let anaemia = shards
        .iter()
        .filter(|f| !f.ends_with("index.js"))
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .map(|text| search_json(text, "shard"))
        .find_map(|shard| {
            let docs = shard["d"].as_object()?.clone();
            docs.into_values()
                .find(|view| view[0] == "conditions/anaemia/")
        })
        .expect("a shard shows the anaemia page");
    assert_eq!(anaemia[2], "S");
}

#[test]
fn a_further_taxonomy_with_search_finds_articles_by_its_terms_names_and_other_names() {
    let on = built();
    // "hydroxocobalamin" and "therapy" are only in the other names of the treatments
    // `b12-injections` and `physiotherapy`: no article's text has either.
    for article in ["articles/b12-deficiency.md", "articles/nerve-damage.md"] {
        let text = on.read(article).to_lowercase();
        let mut words = text.split(|c: char| !c.is_alphanumeric());
        assert!(!words.any(|w| w == "hydroxocobalamin" || w.starts_with("therap")));
    }
    // The treatment's own page first (the word is one of its other names), then the article.
    assert_eq!(
        search_word(&on, "hydroxocobalamin"),
        ["treatments/b12-injections/", "b12-deficiency/"]
    );
    assert_eq!(
        search_word(&on, "therapi"),
        ["treatments/physiotherapy/", "nerve-damage/"]
    );
    let off = Site::fixture("taxonomies");
    let config = off.read("site.toml");
    let treatments = "index_template = \"treatments.html\"\n";
    let without = config.replacen(&format!("{treatments}search = true\n"), treatments, 1);
    assert_ne!(without, config, "the treatments' search flag is removed");
    off.write("site.toml", without);
    off.run(&["build"]).expect_code(0);
    assert!(search_word(&off, "hydroxocobalamin").is_empty());
    assert!(search_word(&off, "therapi").is_empty());
    assert!(search_word(&off, "surgeri").is_empty(), "no treatment page");
    let manifest = search_json(off.read("public/search/index.js"), "manifest");
    assert_eq!(
        manifest["kinds"],
        serde_json::json!({"A": "Article", "S": "Condition"})
    );
}

/// The display data a built site's shards carry for the page at `url` ([url, title, kind,
/// description]).
fn shown(site: &Site, url: &str) -> Option<serde_json::Value> {
    walk(&site.root.join("public/search"))
        .iter()
        .filter(|f| !f.ends_with("index.js"))
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .map(|text| search_json(text, "shard"))
        .find_map(|shard| {
            let docs = shard["d"].as_object()?.clone();
            docs.into_values().find(|view| view[0] == url)
        })
}

#[test]
fn the_term_pages_of_a_further_taxonomy_with_search_are_results_of_their_own_kind() {
    let site = built();
    // Found by name ("surgery" is in no article's text), other name and description, as the
    // conditions' pages are.
    let article = site.read("articles/nerve-damage.md").to_lowercase();
    let body = article.rsplit("+++").next().expect("a body");
    assert!(!body.contains("surger"), "{body}");
    assert_eq!(
        search_word(&site, "surgeri"),
        ["treatments/surgery/", "nerve-damage/"]
    );
    assert_eq!(
        search_word(&site, "inject"),
        ["treatments/b12-injections/", "b12-deficiency/"]
    );
    assert!(search_word(&site, "hand").contains(&"treatments/physiotherapy/".to_string()));
    let view = shown(&site, "treatments/b12-injections/").expect("shown");
    assert_eq!(
        view,
        serde_json::json!([
            "treatments/b12-injections/",
            "B12 injections",
            "treatments",
            "Vitamin B12 given as an injection."
        ])
    );
    let manifest = search_json(site.read("public/search/index.js"), "manifest");
    assert_eq!(
        manifest["kinds"][view[2].as_str().expect("a kind")],
        "Treatment"
    );
    assert_eq!(manifest["n"], 9, "3 articles, 3 conditions, 3 treatments");
}

/// The JSON-LD of a built page (the fixture's `base.html` writes it in the head).
fn json_ld(site: &Site, page: &str) -> serde_json::Value {
    let html = site.read(page);
    let start = "<script type=\"application/ld+json\">";
    let text = html
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .map(|(json, _)| json)
        .unwrap_or_else(|| panic!("{page} has JSON-LD"));
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn json_ld_mentions_the_conditions_and_treatments_as_defined_terms_not_symptoms() {
    let site = built();
    let b12 = json_ld(&site, "public/b12-deficiency/index.html");
    assert_eq!(b12["@type"], "MedicalWebPage");
    let text = b12.to_string();
    assert!(!text.to_lowercase().contains("symptom"), "{text}");
    let set = serde_json::json!({"@type": "DefinedTermSet", "name": "Conditions"});
    // A further taxonomy's terms are mentioned too, in their own set.
    let treatments = serde_json::json!({"@type": "DefinedTermSet", "name": "Treatments"});
    assert_eq!(
        b12["mentions"],
        serde_json::json!([
            {"@type": "DefinedTerm", "inDefinedTermSet": set, "name": "Anaemia",
             "url": "../conditions/anaemia/"},
            {"@type": "DefinedTerm", "inDefinedTermSet": set, "name": "Nerve damage",
             "url": "../conditions/nerve-damage/"},
            {"@type": "DefinedTerm", "inDefinedTermSet": treatments, "name": "B12 injections",
             "url": "../treatments/b12-injections/"}
        ])
    );
    assert_eq!(b12["about"]["alternateName"][0], "low B12");
    // A taxonomy of articles keyed `symptoms` is the site's symptoms, whatever its name.
    let keyed = Site::fixture("taxonomies");
    edit(
        &keyed,
        "site.toml",
        "key = \"conditions\"",
        "key = \"symptoms\"",
    );
    for article in ["articles/b12-deficiency.md", "articles/nerve-damage.md"] {
        edit(&keyed, article, "\nconditions = [", "\nsymptoms = [");
    }
    keyed.run(&["build"]).expect_code(0);
    let b12 = json_ld(&keyed, "public/b12-deficiency/index.html");
    assert_eq!(b12["about"]["signOrSymptom"][0]["@type"], "MedicalSymptom");
    assert_eq!(b12["about"]["signOrSymptom"][0]["name"], "Anaemia");
    assert_eq!(b12["mentions"].as_array().map(Vec::len), Some(1), "{b12}");
    assert_eq!(b12["mentions"][0]["inDefinedTermSet"], treatments, "{b12}");
}

/// The fixture with `related` and `emergency` on the treatments too, surgery an emergency-level
/// treatment, and an article that shares only a treatment (physiotherapy) with another.
fn treatments_feed_related_and_emergency() -> Site {
    let site = Site::fixture("taxonomies");
    let treatments = "index_template = \"treatments.html\"\n";
    edit(
        &site,
        "site.toml",
        treatments,
        &format!("{treatments}related = true\nemergency = true\n"),
    );
    edit(
        &site,
        "articles/treatments.toml",
        "name = \"Surgery\"",
        "name = \"Surgery\"\nlevel = \"emergency\"",
    );
    site.write(
        "articles/physio-at-home.md",
        "+++\ntitle = \"Physiotherapy at home\"\ndescription = \"Exercises to do at home.\"\n\
         treatments = [\"physiotherapy\"]\nupdated = 2026-11-20\n[care]\n\
         routine = [\"see your GP if it does not help\"]\n+++\nDo the exercises every day.\n",
    );
    site
}

/// The related articles an article page links, in order.
fn related_of(site: &Site, page: &str) -> Vec<String> {
    let html = site.read(&format!("public/{page}/index.html"));
    html.split("<a class=\"related\" href=\"../")
        .skip(1)
        .filter_map(|rest| rest.split('/').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_further_taxonomy_with_related_ranks_articles_by_its_terms_too() {
    let site = treatments_feed_related_and_emergency();
    site.run(&["build"]).expect_code(0);
    // Physiotherapy is all that links these two; the conditions still link the other pair.
    assert_eq!(related_of(&site, "physio-at-home"), ["nerve-damage"]);
    assert_eq!(
        related_of(&site, "nerve-damage"),
        ["physio-at-home", "b12-deficiency"]
    );
    assert_eq!(related_of(&site, "b12-deficiency"), ["nerve-damage"]);
    // With the conditions' `related` off, only shared treatments count.
    edit(
        &site,
        "site.toml",
        "related = true\nfinder = true",
        "finder = true",
    );
    site.run(&["build"]).expect_code(0);
    assert_eq!(related_of(&site, "nerve-damage"), ["physio-at-home"]);
    assert!(related_of(&site, "b12-deficiency").is_empty());
    // And with neither, the new article has no related articles either.
    let plain = Site::fixture("taxonomies");
    plain.write(
        "articles/physio-at-home.md",
        site.read("articles/physio-at-home.md"),
    );
    plain.run(&["build"]).expect_code(0);
    assert!(related_of(&plain, "physio-at-home").is_empty());
    assert_eq!(related_of(&plain, "nerve-damage"), ["b12-deficiency"]);
}

#[test]
fn a_further_taxonomy_with_emergency_puts_its_emergency_terms_on_the_emergency_page() {
    let site = treatments_feed_related_and_emergency();
    site.run(&["build"]).expect_code(0);
    let emergency = site.read("public/emergency/index.html");
    assert!(
        emergency.contains(
            "<a class=\"symptom\" href=\"../conditions/spinal-cord-compression/\">Spinal cord compression</a>\n\
             <a class=\"symptom\" href=\"../treatments/surgery/\">Surgery</a>\n"
        ),
        "{emergency}"
    );
    assert!(!emergency.contains("physiotherapy/"), "{emergency}");
    let home = site.read("public/index.html");
    assert!(
        home.contains("<a class=\"emergency\" href=\"treatments/surgery/\">Surgery</a>"),
        "{home}"
    );
    // `check` warns about an article on an emergency-level treatment without emergency advice,
    // as it does for the conditions.
    edit(
        &site,
        "articles/physio-at-home.md",
        "treatments = [\"physiotherapy\"]",
        "treatments = [\"physiotherapy\", \"surgery\"]",
    );
    let warning =
        "the article is about `surgery`, an emergency sign, but gives no emergency advice";
    let check = site.run(&["check"]);
    check
        .expect_code(0)
        .expect_error("articles/physio-at-home.md:4:32: warning:", warning);
    // Its treatments' pages link to it, so it is no orphan.
    assert!(
        !check
            .stderr
            .contains("physio-at-home.md:1: warning: no other article links here"),
        "{}",
        check.stderr
    );
    // Without the flag, the treatment's level does not bring it onto the page.
    edit(
        &site,
        "site.toml",
        "related = true\nemergency = true\n",
        "related = true\n",
    );
    site.run(&["build"]).expect_code(0);
    let emergency = site.read("public/emergency/index.html");
    assert!(!emergency.contains("treatments/surgery/"), "{emergency}");
    assert!(emergency.contains("conditions/spinal-cord-compression/"));
    let check = site.run(&["check"]);
    assert!(!check.stderr.contains(warning), "{}", check.stderr);
}

#[test]
fn serve_follows_edits_to_a_further_taxonomy_that_feeds_related_and_emergency() {
    let site = treatments_feed_related_and_emergency();
    let root = site.root.canonicalize().expect("root");
    let mut engine = Engine::new(&root, false, None).expect("engine");
    rebuild_matches_build(&mut engine, &root, "the first build");
    edit(
        &site,
        "articles/physio-at-home.md",
        "treatments = [\"physiotherapy\"]",
        "treatments = [\"surgery\"]",
    );
    let files = rebuild_matches_build(&mut engine, &root, "an article's treatment changed");
    let page = String::from_utf8_lossy(&files["physio-at-home/index.html"]).into_owned();
    assert!(
        page.contains("class=\"related\" href=\"../nerve-damage/\""),
        "{page}"
    );
    // A new article sharing the treatment, retitled so it ranks first, then deleted.
    site.write(
        "articles/surgery-recovery.md",
        "+++\ntitle = \"Recovering from surgery\"\ndescription = \"After an operation.\"\n\
         treatments = [\"surgery\"]\nupdated = 2026-11-20\n[care]\n\
         routine = [\"see your GP if it does not heal\"]\n+++\nRest well.\n",
    );
    let files = rebuild_matches_build(&mut engine, &root, "a new article sharing a treatment");
    let page = String::from_utf8_lossy(&files["physio-at-home/index.html"]).into_owned();
    assert!(page.contains("href=\"../surgery-recovery/\""), "{page}");
    edit(
        &site,
        "articles/surgery-recovery.md",
        "title = \"Recovering from surgery\"",
        "title = \"After surgery\"",
    );
    let files = rebuild_matches_build(&mut engine, &root, "the new article retitled");
    let page = String::from_utf8_lossy(&files["physio-at-home/index.html"]).into_owned();
    let (first, second) = (
        page.find("href=\"../surgery-recovery/\"").expect("listed"),
        page.find("href=\"../nerve-damage/\"").expect("listed"),
    );
    assert!(
        first < second,
        "the same score: by title, and A comes first"
    );
    std::fs::remove_file(site.root.join("articles/surgery-recovery.md")).expect("remove");
    rebuild_matches_build(&mut engine, &root, "the new article deleted");
    edit(
        &site,
        "articles/treatments.toml",
        "level = \"emergency\"",
        "level = \"urgent\"",
    );
    let files = rebuild_matches_build(&mut engine, &root, "a treatment no longer an emergency");
    let page = String::from_utf8_lossy(&files["emergency/index.html"]).into_owned();
    assert!(!page.contains("treatments/surgery/"), "{page}");
    edit(&site, "site.toml", "related = true\nemergency = true\n", "");
    let files = rebuild_matches_build(&mut engine, &root, "the treatments' flags removed");
    let page = String::from_utf8_lossy(&files["physio-at-home/index.html"]).into_owned();
    assert!(!page.contains("class=\"related\""), "{page}");
}

/// Every place `text` says "symptom" in any case, apart from the fixture's own `class="symptom"`
/// (its emergency template's only such text; its templates' variables, such as `symptoms`, are
/// not shown) and care.toml's key `symptoms = [...]`, which is named so on any site.
fn symptom_mentions(text: &str) -> Vec<String> {
    let lower = text
        .to_lowercase()
        .replace("class=\"symptom\"", "")
        .replace("`symptoms = [", "");
    lower
        .match_indices("symptom")
        .map(|(at, _)| {
            let around = at.saturating_sub(60)..(at + 60).min(lower.len());
            lower.get(around).unwrap_or("symptom").to_string()
        })
        .collect()
}

#[test]
fn no_page_or_message_of_a_site_without_symptoms_says_symptom() {
    let site = treatments_feed_related_and_emergency();
    let build = site.run(&["build", "--base-url", "https://example.org/guide/"]);
    build.expect_code(0);
    let said = format!("{}{}", build.stdout, build.stderr);
    assert!(said.contains("4 articles, 3 condition pages"), "{said}");
    let check = site.run(&["check"]);
    check.expect_code(0);
    for (what, text) in [("build", &build), ("check", &check)] {
        let said = symptom_mentions(&format!("{}{}", text.stdout, text.stderr));
        assert!(said.is_empty(), "{what} says: {said:?}");
    }
    let public = site.root.join("public");
    let mut pages = 0;
    for file in walk(&public) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        pages += 1;
        let said = symptom_mentions(&text);
        assert!(said.is_empty(), "{} says: {said:?}", file.display());
    }
    assert!(pages > 20, "only {pages} text files");
    let a_to_z = site.read("public/a-z/index.html");
    assert!(
        a_to_z.contains(
            "content=\"Every topic, condition, treatment and body system in Taxonomy Guide"
        )
    );
    let nerves = site.read("public/body-systems/nerves/index.html");
    assert!(nerves.contains("<title>Conditions in the nervous system | Taxonomy Guide</title>"));
    let emergency = site.read("public/emergency/index.html");
    assert!(
        emergency.contains(
            "content=\"Conditions and treatments that need emergency help now: call 112.\""
        )
    );
    // Messages about a term file name its own terms and the map's parts.
    edit(
        &site,
        "articles/conditions.toml",
        "systems = [\"blood\"]",
        "systems = [\"blod\"]",
    );
    site.run(&["build"]).expect_code(1).expect_error(
        "articles/conditions.toml:5:12: error:",
        "unknown body system `blod` in condition `anaemia`",
    );
    edit(
        &site,
        "articles/conditions.toml",
        "systems = [\"blod\"]",
        "sytems = [\"blood\"]",
    );
    let run = site.run(&["build"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "a condition has `name`, and optionally `aka`, `description`, `level` and `systems`"
        ),
        "{}",
        run.stderr
    );
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A finder script of a built site (`index.js`, `t/treatments/surgery.0.js`, `a/0.js`), as the
/// JSON it assigns or registers.
fn finder_json(site: &Site, path: &str) -> serde_json::Value {
    let text = site.read(&format!("public/finder/{path}"));
    let json = match text.strip_prefix("window.healthkbFinder = ") {
        Some(index) => index,
        None => text.split_once("] = ").expect("a part").1,
    };
    let json = json.strip_suffix(";\n").expect("one statement");
    serde_json::from_str(json).expect("JSON")
}

/// The titles of the articles a finder term's parts (`s/anaemia`, `t/treatments/surgery`) give,
/// as the browser reads them: the index's number of parts, each part's gaps added up, each sum
/// a position in the title order of the article chunks.
fn finder_articles(site: &Site, key: &str) -> Vec<String> {
    let index = finder_json(site, "index.js");
    let (group, slug) = match key.strip_prefix("s/") {
        Some(slug) => (&index, slug),
        None => {
            let rest = key.strip_prefix("t/").expect("s/ or t/");
            let (taxonomy, slug) = rest.split_once('/').expect("t/<taxonomy>/<slug>");
            (&index["t"][taxonomy], slug)
        }
    };
    let parts = group["s"][slug].as_u64().expect("a term of the finder");
    let titles: Vec<String> = (0..index["a"].as_array().expect("chunks").len())
        .flat_map(|k| {
            let chunk = finder_json(site, &format!("a/{k}.js"));
            let entries = chunk.as_array().expect("entries").clone();
            entries
                .into_iter()
                .map(|e| e[0].as_str().expect("a title").to_string())
        })
        .collect();
    let mut found = Vec::new();
    for k in 0..parts {
        let mut position = 0;
        for gap in finder_json(site, &format!("{key}.{k}.js"))
            .as_array()
            .expect("gaps")
        {
            position += gap.as_u64().expect("a gap");
            let at = usize::try_from(position).expect("a position");
            found.push(titles[at].clone());
        }
    }
    found
}

#[test]
fn the_finder_offers_the_terms_of_every_taxonomy_with_finder_in_their_own_words() {
    let site = built();
    let index = finder_json(&site, "index.js");
    assert_eq!(index["n"], 3);
    assert_eq!(index["p"], "conditions/");
    let keys = |value: &serde_json::Value| -> Vec<String> {
        value
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(
        keys(&index["s"]),
        ["anaemia", "nerve-damage", "spinal-cord-compression"]
    );
    assert_eq!(keys(&index["t"]), ["treatments"], "not the body systems");
    assert_eq!(index["t"]["treatments"]["p"], "treatments/");
    assert_eq!(
        keys(&index["t"]["treatments"]["s"]),
        ["b12-injections", "physiotherapy", "surgery"]
    );
    assert_eq!(
        index["w"],
        serde_json::json!({
            "one": "condition or treatment",
            "many": "conditions and treatments",
            "page": "condition and treatment"
        })
    );
    assert_eq!(
        finder_articles(&site, "t/treatments/b12-injections"),
        ["Vitamin B12 deficiency"]
    );
    assert_eq!(
        finder_articles(&site, "t/treatments/surgery"),
        ["Nerve damage"]
    );
    assert_eq!(
        finder_articles(&site, "s/nerve-damage"),
        ["Nerve damage", "Vitamin B12 deficiency"]
    );
    assert!(!site.exists("public/finder/t/body-systems"));
    // The home page offers each taxonomy's terms under its own label, each checkbox saying
    // which taxonomy it is of; an emergency sign is in the emergency fieldset.
    let home = site.read("public/index.html");
    for html in [
        "<h2 id=\"finder-title\">Find articles by condition or treatment</h2>",
        "<legend>Conditions</legend>\n<input type=\"checkbox\" id=\"finder-anaemia\" name=\"condition\" value=\"anaemia\"><label for=\"finder-anaemia\">Anaemia</label>",
        "<legend>Treatments</legend>\n<input type=\"checkbox\" id=\"finder-treatments--b12-injections\" name=\"treatment\" value=\"b12-injections\" data-finder-set=\"treatments\"><label for=\"finder-treatments--b12-injections\">B12 injections</label>",
        "<legend>Signs that need help now</legend>\n<input type=\"checkbox\" id=\"finder-spinal-cord-compression\"",
        "No conditions and treatments ticked yet.",
        "<script src=\"finder/index.js\" defer></script>",
    ] {
        assert!(home.contains(html), "no `{html}` in\n{home}");
    }
    assert_eq!(home.matches("type=\"checkbox\"").count(), 6, "{home}");
}

#[test]
fn a_later_taxonomy_alone_may_feed_the_finder_and_without_any_the_home_page_has_none() {
    let site = Site::fixture("taxonomies");
    edit(
        &site,
        "site.toml",
        "related = true\nfinder = true",
        "related = true",
    );
    site.run(&["build"]).expect_code(0);
    let index = finder_json(&site, "index.js");
    assert_eq!(
        index["s"],
        serde_json::json!({}),
        "no condition in the finder"
    );
    assert_eq!(index["w"]["many"], "treatments");
    assert_eq!(
        finder_articles(&site, "t/treatments/physiotherapy"),
        ["Nerve damage"]
    );
    assert!(!site.exists("public/finder/s"));
    let home = site.read("public/index.html");
    assert!(home.contains("<legend>Treatments</legend>"), "{home}");
    assert!(!home.contains("<legend>Conditions</legend>"), "{home}");
    assert!(
        !home.contains("Signs that need help now"),
        "no emergency-level treatment: {home}"
    );
    assert!(home.contains("Find articles by treatment"), "{home}");
    let manifest = search_json(site.read("public/search/index.js"), "manifest");
    assert_eq!(
        manifest.get("finder"),
        None,
        "a site with a finder says nothing"
    );
    // With `finder` on no taxonomy, the site builds and its home page has no finder, and the
    // search manifest says so (site.js then offers no link to it).
    edit(&site, "site.toml", "finder = true\n", "");
    site.run(&["build"]).expect_code(0);
    let home = site.read("public/index.html");
    assert!(!home.contains("id=\"finder\""), "{home}");
    assert!(!home.contains("finder/index.js"), "{home}");
    assert_eq!(finder_json(&site, "index.js")["t"], serde_json::Value::Null);
    let manifest = search_json(site.read("public/search/index.js"), "manifest");
    assert_eq!(manifest["finder"], serde_json::json!(false));
}

/// A `care.toml` for the fixture naming terms of both taxonomies of articles: conditions by the
/// taxonomy's own key and by `symptoms`, treatments by theirs.
const CARE: &str = "\
[cord-squeezed]
level = \"emergency\"
text = \"you cannot control your bladder\"
group = \"Pressure on the spinal cord\"
conditions = [\"spinal-cord-compression\"]
treatments = [\"surgery\"]

[injection-site]
level = \"urgent\"
text = \"the injection site is red and swollen\"
treatments = [\"b12-injections\"]

[tired]
level = \"routine\"
text = \"you feel tired for weeks\"
symptoms = [\"anaemia\"]
";

/// The care section of a built term page of the fixture (its templates show `care`), if any.
fn care_of(site: &Site, page: &str) -> Option<String> {
    let text = site.read(&format!("public/{page}/index.html"));
    let start = text.find("<section class=\"care\">")?;
    let end = text[start..].find("</section>")? + start;
    Some(text[start..end].to_string())
}

#[test]
fn care_advice_names_the_terms_of_any_taxonomy_by_its_key_and_shows_on_their_pages() {
    let site = Site::fixture("taxonomies");
    site.write("articles/care.toml", CARE);
    site.run(&["build"]).expect_code(0);
    let emergency = "<p class=\"care-emergency\">you cannot control your bladder</p>";
    let care = |page: &str| care_of(&site, page).unwrap_or_default();
    assert!(care("treatments/surgery").contains(emergency));
    assert!(
        care("treatments/b12-injections")
            .contains("<p class=\"care-urgent\">the injection site is red and swollen</p>")
    );
    assert_eq!(
        care_of(&site, "treatments/physiotherapy"),
        None,
        "no advice"
    );
    // The taxonomy of articles' key (`conditions`) and `symptoms` both name the conditions.
    assert!(care("conditions/spinal-cord-compression").contains(emergency));
    assert!(care("conditions/anaemia").contains("you feel tired for weeks"));
    assert_eq!(care_of(&site, "conditions/nerve-damage"), None);
    // The emergency page links the shared sign's condition and treatment.
    let page = site.read("public/emergency/index.html");
    assert!(
        page.contains("<li class=\"item\">you cannot control your bladder <a class=\"condition\" href=\"../conditions/spinal-cord-compression/\">Spinal cord compression</a> <a class=\"term\" href=\"../treatments/surgery/\">Surgery</a></li>"),
        "{page}"
    );
    assert!(page.contains("<h2 class=\"group\">Pressure on the spinal cord</h2>"));
    // An article's care cards may use the entries by id, whichever taxonomy they name.
    edit(
        &site,
        "articles/b12-deficiency.md",
        "urgent = [\"your feet go numb\"]",
        "urgent = [\"injection-site\"]",
    );
    site.run(&["check"]).expect_code(0);
}

#[test]
fn care_advice_naming_an_unknown_term_or_key_is_an_error_at_its_place() {
    let site = Site::fixture("taxonomies");
    let bad = CARE
        .replace("[\"surgery\"]", "[\"surgry\"]")
        .replace(
            "[\"spinal-cord-compression\"]",
            "[\"spinal-cord-compresion\"]",
        )
        .replace(
            "symptoms = [\"anaemia\"]",
            "symptoms = [\"anemia\"]\nsystems = [\"blood\"]",
        )
        .replace(
            "treatments = [\"b12-injections\"]",
            "treatments = \"b12-injections\"",
        );
    assert_ne!(bad, CARE);
    site.write("articles/care.toml", bad);
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        run.expect_code(1)
            .expect_error(
                "articles/care.toml:5:15: error:",
                "unknown condition `spinal-cord-compresion`",
            )
            .expect_error(
                "articles/care.toml:6:15: error:",
                "unknown treatment `surgry`",
            )
            .expect_error(
                "articles/care.toml:11:1: error:",
                "`treatments` in care entry `injection-site` is not a list",
            )
            .expect_error(
                "articles/care.toml:16:13: error:",
                "unknown condition `anemia`",
            )
            .expect_error("articles/care.toml:17:1: error:", "unknown key `systems`");
        for hint in [
            "did you mean `spinal-cord-compression`?",
            "did you mean `surgery`?",
            "did you mean `anaemia`?",
            "a care entry has: level, text, group, symptoms, references, conditions, treatments",
        ] {
            assert!(run.stderr.contains(hint), "no `{hint}` in {}", run.stderr);
        }
    }
}

#[test]
fn serve_follows_care_advice_edits_for_further_taxonomies_like_build() {
    let site = Site::fixture("taxonomies");
    site.write("articles/care.toml", CARE);
    let root = site.root.canonicalize().expect("root");
    let mut engine = Engine::new(&root, false, None).expect("engine");
    rebuild_matches_build(&mut engine, &root, "the first build");
    edit(
        &site,
        "articles/care.toml",
        "treatments = [\"surgery\"]",
        "treatments = [\"physiotherapy\"]",
    );
    let files = rebuild_matches_build(&mut engine, &root, "advice moved to another treatment");
    let physio = String::from_utf8_lossy(&files["treatments/physiotherapy/index.html"]);
    assert!(physio.contains("care-emergency"), "{physio}");
    let surgery = String::from_utf8_lossy(&files["treatments/surgery/index.html"]);
    assert!(!surgery.contains("class=\"care\""), "{surgery}");
}

#[test]
fn check_warns_about_care_advice_less_urgent_than_a_treatment_it_names_when_levels_count() {
    let site = treatments_feed_related_and_emergency();
    // Surgery is an emergency-level treatment; the entry naming it is urgent advice. The
    // condition it names (spinal cord compression) is an emergency too.
    let care = CARE.replace("level = \"emergency\"", "level = \"urgent\"");
    site.write("articles/care.toml", &care);
    let run = site.run(&["check"]);
    run.expect_code(0);
    for warning in [
        "articles/care.toml:5:15: warning: care entry `cord-squeezed` is urgent advice, but its condition `spinal-cord-compression` is emergency",
        "articles/care.toml:6:15: warning: care entry `cord-squeezed` is urgent advice, but its treatment `surgery` is emergency",
    ] {
        assert!(
            run.stderr.contains(warning),
            "no `{warning}` in {}",
            run.stderr
        );
    }
    // Without `emergency = true` the treatments' levels do not count.
    let site = Site::fixture("taxonomies");
    edit(
        &site,
        "articles/treatments.toml",
        "name = \"Surgery\"",
        "name = \"Surgery\"\nlevel = \"emergency\"",
    );
    site.write("articles/care.toml", &care);
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        !run.stderr.contains("treatment `surgery` is emergency"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("condition `spinal-cord-compression` is emergency")
    );
}

#[test]
fn check_warns_about_emergency_level_terms_no_emergency_entry_names_in_every_emergency_taxonomy() {
    let site = treatments_feed_related_and_emergency();
    let missing =
        |slug: &str| format!("`{slug}` is an emergency sign, but no emergency care entry names it");
    // No care.toml: the emergency-level condition and treatment are both warned about, each at
    // its line in its own term file, with the key to name it under.
    let run = site.run(&["check"]);
    run.expect_code(0);
    for (place, slug, hint) in [
        (
            "articles/conditions.toml:14",
            "spinal-cord-compression",
            "add `symptoms = [\"spinal-cord-compression\"]` to an emergency entry",
        ),
        (
            "articles/treatments.toml:11",
            "surgery",
            "add `treatments = [\"surgery\"]` to an emergency entry",
        ),
    ] {
        let warning = format!("{place}: warning: {}", missing(slug));
        assert!(
            run.stderr.contains(&warning),
            "no `{warning}` in {}",
            run.stderr
        );
        assert!(run.stderr.contains(hint), "no `{hint}` in {}", run.stderr);
    }
    // An emergency entry naming both silences both.
    site.write("articles/care.toml", CARE);
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        !run.stderr.contains("emergency care entry names it"),
        "{}",
        run.stderr
    );
    // Naming another treatment leaves surgery unnamed again; an urgent entry does not count.
    let elsewhere = CARE.replacen(
        "treatments = [\"surgery\"]",
        "treatments = [\"physiotherapy\"]",
        1,
    );
    let urgent = CARE.replacen(
        "[\"b12-injections\"]",
        "[\"b12-injections\", \"surgery\"]",
        1,
    );
    for care in [&elsewhere, &urgent] {
        assert_ne!(care, CARE);
        let care = care.replacen("treatments = [\"surgery\"]", "", 1);
        site.write("articles/care.toml", &care);
        let run = site.run(&["check"]);
        run.expect_code(0);
        assert!(
            run.stderr.contains(&missing("surgery")),
            "{care}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains(&missing("spinal-cord-compression")),
            "{}",
            run.stderr
        );
    }
    // Without `emergency = true` the treatments' levels do not count.
    edit(
        &site,
        "site.toml",
        "related = true\nemergency = true\n",
        "related = true\n",
    );
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(!run.stderr.contains(&missing("surgery")), "{}", run.stderr);
}
