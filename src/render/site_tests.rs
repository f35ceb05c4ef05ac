//! Rendering tests over the real site in this repository (its articles, templates and settings):
//! the generated search files and finder data, and what the templates put on the pages.

use super::{PageKind, RenderOptions, Renderer, finder, pages, search, templates};
use crate::crosslink::{self, Site};
use crate::{config, load};
use serde_json::Value;
use std::path::Path;

fn real_site(base_url: Option<&str>) -> (Site, templates::Templates) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = config::SiteConfig::load(root).expect("site.toml loads");
    config.base_url = base_url.map(String::from);
    let (loaded, problems) = load::load(root, config, false);
    let tera = templates::compile(&loaded.templates, &loaded.translations, &loaded.config)
        .expect("templates compile");
    let site = crosslink::cross_link(loaded, problems).expect("the real site cross-links");
    (site, tera)
}

/// The real site and its generated files (search index, finder data, ...), without `base_url`.
fn real_extra_files() -> (Site, Vec<(String, String)>) {
    let (site, tera) = real_site(None);
    let files = Renderer::new(&site, tera, RenderOptions::default()).extra_files(&pages(&site));
    (site, files)
}

/// The JSON argument of a generated `window.healthkbSearch.FUNCTION(JSON);` script.
/// `site`'s home page, rendered.
fn home_html(site: &Site, tera: templates::Templates) -> String {
    let renderer = Renderer::new(site, tera, RenderOptions::default());
    let home = pages(site)
        .into_iter()
        .find(|p| p.kind == PageKind::Home)
        .expect("home");
    renderer.render(&home).expect("renders")
}

fn called(script: &str, function: &str) -> Value {
    let json = script
        .strip_prefix(&format!("window.{}.{function}(", search::GLOBAL))
        .and_then(|rest| rest.strip_suffix(");\n"))
        .expect("a single call");
    serde_json::from_str(json).expect("valid JSON")
}

/// The text of the generated file `name`.
fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("{name} is generated"))
}

#[test]
fn search_files_and_finder_data_are_always_written_and_the_xml_files_only_with_base_url() {
    // The files written, and the names the renderer announces before writing them: every file
    // but the search shards, which live in the search folder beside the
    // announced manifest.
    let names_of = |base_url: Option<&str>| {
        let (site, tera) = real_site(base_url);
        let renderer = Renderer::new(&site, tera, RenderOptions::default());
        let written: Vec<String> = renderer
            .extra_files(&pages(&site))
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| name == search::MANIFEST_FILE || !name.starts_with("search/"))
            .collect();
        (written, renderer.extra_file_names())
    };
    let (names, announced) = names_of(None);
    let (site, _) = real_site(None);
    let finder_files = finder::file_names(&site);
    assert_eq!(finder_files[0], finder::INDEX_FILE);
    assert!(finder_files.iter().all(|f| f.starts_with("finder/")));
    assert_eq!(names[0], search::MANIFEST_FILE);
    assert_eq!(names[1..], finder_files);
    assert_eq!(names, announced);

    let (names, announced) = names_of(Some("https://example.org/guide/"));
    let xml = names.len() - 3;
    assert_eq!(names[1..xml], finder_files);
    assert_eq!(names[xml..], ["sitemap.xml", "robots.txt", "feed.xml"]);
    assert_eq!(names, announced);
}

#[test]
fn search_index_lists_every_page_and_indexes_other_names_and_body_words() {
    let (site, files) = real_extra_files();
    let manifest = called(file(&files, search::MANIFEST_FILE), "manifest");
    let count = site.articles.len() + site.symptoms.len();
    assert_eq!(manifest["n"], count);
    assert_eq!(manifest["top"], search::TOP_DOCS);
    // This guide's term pages are symptoms: a result says "Symptom" (`kinds` in the manifest).
    assert_eq!(manifest["kinds"]["A"], "Article");
    assert_eq!(manifest["kinds"]["S"], "Symptom");
    // What to show for each page, from the shards (each carries its terms' best pages): on this
    // site every page is among some term's best.
    let mut shown: std::collections::BTreeMap<usize, Value> = std::collections::BTreeMap::new();
    for (name, text) in &files {
        if name.starts_with("search/") && name != search::MANIFEST_FILE {
            let shard = called(text, "shard");
            for (n, view) in shard["d"].as_object().expect("display data") {
                shown.insert(n.parse().expect("a document number"), view.clone());
            }
        }
    }
    assert_eq!(
        shown.keys().copied().collect::<Vec<_>>(),
        (0..count).collect::<Vec<_>>()
    );
    let docs: Vec<Value> = shown.into_values().collect();
    let number = |url: &str| {
        docs.iter()
            .position(|d| d[0] == url)
            .unwrap_or_else(|| panic!("{url} is a document"))
    };
    let b12 = number("vitamin-b12-deficiency/");
    assert_eq!(docs[b12][1], "Vitamin B12 deficiency");
    assert_eq!(docs[b12][2], "A");
    assert_eq!(docs[number("symptoms/back-tingling/")][2], "S");

    let keys: Vec<&str> = manifest["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(keys[0], "");
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys ascend");
    let shard_of = |term: &str| {
        let n = keys
            .iter()
            .rposition(|k| *k <= term)
            .expect("the first key is empty");
        let shard = called(file(&files, &format!("search/{n}.js")), "shard");
        assert_eq!(shard["n"], n);
        shard
    };
    // A term's postings: (document, weight) pairs, documents as gaps.
    let postings = |term: &str| -> Vec<(usize, u64)> {
        let flat = shard_of(term)["t"][term]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut doc = 0;
        flat.chunks(2)
            .map(|pair| {
                doc += pair[0].as_u64().expect("a gap") as usize;
                (doc, pair[1].as_u64().expect("a weight"))
            })
            .collect()
    };
    let weight = |term: &str, url: &str| {
        let n = number(url);
        postings(term).iter().find(|p| p.0 == n).map(|p| p.1)
    };
    let title = weight("paresthesia", "tingling-in-the-back/").expect("other name");
    assert!(weight("cobalamin", "vitamin-b12-deficiency/").is_some());
    assert!(weight("paresthesia", "symptoms/back-tingling/").is_some());
    let body = weight("gallston", "back-spasm/").expect("stemmed body words");
    assert!(title > body, "another name weighs more than a body word");
    assert!(weight("sciatica", "pinched-nerve-and-sciatica/").is_some());
    assert!(weight("gallston", "symptoms/back-tingling/").is_none());
    // Every word of a long article is indexed, the last as well as the first.
    assert!(weight("sciatica", "sciatica/").is_some());

    // The shard of a term carries what to show for its best documents.
    let shard = shard_of("cobalamin");
    assert_eq!(shard["d"][b12.to_string()][1], "Vitamin B12 deficiency");
    // Other spellings point at the indexed term, both ways when both are indexed.
    assert_eq!(
        shard_of("anemia")["a"]["anemia"],
        serde_json::json!(["anaemia"])
    );
    assert_eq!(
        shard_of("anaemia")["a"]["anaemia"],
        serde_json::json!(["anemia"])
    );
    assert_eq!(
        shard_of("hematologist")["a"]["hematologist"],
        serde_json::json!(["haematologist"])
    );
}

#[test]
fn finder_parts_match_the_symptom_index() {
    let (site, files) = real_extra_files();
    let files: Vec<(String, String)> = files
        .into_iter()
        .filter(|(path, _)| path.starts_with("finder/"))
        .collect();
    let mut titles = Vec::new();
    for (path, script) in &files {
        if path.starts_with("finder/a/") {
            let (_, entries) = finder::tests::registered(script);
            titles.extend(entries.as_array().expect("entries").clone());
        }
    }
    assert_eq!(titles.len(), site.articles.len());
    let parts = finder::tests::decoded(&files);
    assert_eq!(parts.len(), site.symptoms.len());
    for symptom in site.symptoms.iter() {
        let mut found: Vec<&str> = parts[&symptom.slug]
            .concat()
            .iter()
            .filter_map(|&i| titles.get(i)?[0].as_str())
            .collect();
        let mut expected: Vec<&str> = symptom
            .articles
            .iter()
            .map(|&a| site.articles[a].front.title.as_str())
            .collect();
        found.sort_unstable();
        expected.sort_unstable();
        assert_eq!(found, expected, "{}", symptom.slug);
    }
}

#[test]
fn article_pages_carry_csp_care_cards_and_structured_data_matching_the_page() {
    let (site, tera) = real_site(Some("https://example.org/guide/"));
    let renderer = Renderer::new(&site, tera, RenderOptions::default());
    let all = pages(&site);
    let page = all
        .iter()
        .find(|p| p.url == "back-spasm/")
        .expect("the back spasm article");
    assert!(matches!(page.kind, PageKind::Article(_)));
    let html = renderer.render(page).expect("renders");
    assert_eq!(renderer.render(page).expect("renders again"), html);
    assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'\">"));
    assert!(!html.contains(" style=\"") && !html.contains("<style"));
    assert!(html.contains("<span class=\"care-label\">Emergency<span class=\"visually-hidden\">:</span></span> Call <a href=\"tel:911\">911</a> now if:</h2>"));
    assert!(html.contains("Get urgent help today if:</h2>"));
    assert!(html.contains("See your doctor if:</h2>"));
    assert!(html.contains(
        "Ask your doctor for an urgent appointment, or contact an urgent care center.</p>"
    ));
    assert!(html.contains(
        "Printed from: <span data-print-address>https://example.org/guide/back-spasm/</span>"
    ));

    let open = "<script type=\"application/ld+json\">";
    assert_eq!(html.matches(open).count(), 1);
    let start = html.find(open).expect("JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").expect("closed");
    let data: Value = serde_json::from_str(&html[start..end]).expect("valid JSON-LD");
    assert_eq!(data["@type"], "MedicalWebPage");
    assert_eq!(data["name"], "Back spasm");
    assert_eq!(data["url"], "https://example.org/guide/back-spasm/");
    let article = site
        .articles
        .iter()
        .find(|a| a.url == "back-spasm/")
        .expect("loaded");
    let updated = article.front.updated.to_string();
    assert_eq!(data["dateModified"], updated.as_str());
    let shown = format!("Page last updated: <time datetime=\"{updated}\">");
    assert!(html.contains(&shown), "dateModified is the date shown");
    assert!(data.get("lastReviewed").is_none(), "no review is claimed");
    let signs = data["about"]["signOrSymptom"].as_array().expect("symptoms");
    for sign in signs {
        let url = sign["url"].as_str().unwrap_or_default();
        let relative = url.replace("https://example.org/guide/", "../");
        assert!(
            html.contains(&format!("href=\"{relative}\"")),
            "{url} is linked on the page"
        );
    }
}

#[test]
fn the_home_page_has_the_finder_form_and_its_fallback() {
    let (site, tera) = real_site(None);
    let html = home_html(&site, tera);
    assert!(html.contains("<form class=\"finder-form\""));
    assert!(html.contains("data-finder-fallback"));
    assert_eq!(
        html.matches("type=\"checkbox\" id=\"finder-").count(),
        site.symptoms.len()
    );
    assert!(html.contains("<legend>Signs that need help now</legend>"));
    assert!(html.contains("<script src=\"finder/index.js\" defer></script>"));
    assert!(html.contains("role=\"status\" aria-live=\"polite\""));
}

#[test]
fn the_real_site_fits_each_list_on_one_page_and_shows_no_pagination() {
    let (site, tera) = real_site(None);
    let all = pages(&site);
    let paged = all.iter().filter(|p| {
        matches!(
            p.kind,
            PageKind::AToZ(1..) | PageKind::References(1..) | PageKind::Symptom(_, 1..)
        )
    });
    assert_eq!(
        paged.count(),
        0,
        "no list of the real site needs a second page"
    );
    let renderer = Renderer::new(&site, tera, RenderOptions::default());
    for page in &all {
        let html = renderer.render(page).expect("renders");
        assert!(
            !html.contains("class=\"pagination") && !html.contains("rel=\"next\""),
            "{}: no pagination",
            page.url
        );
    }
    // Every article is on the home page, since they fit within the bound.
    let home = all.iter().find(|p| p.kind == PageKind::Home).expect("home");
    let html = renderer.render(home).expect("renders");
    assert!(site.articles.len() <= super::pages::HOME_ARTICLE_LIMIT);
    assert_eq!(
        html.matches("<li class=\"card\">").count(),
        site.articles.len()
    );
    // The A to Z's letters link within the page, as before pagination.
    let az = all
        .iter()
        .find(|p| p.kind == PageKind::AToZ(0))
        .expect("A to Z");
    let html = renderer.render(az).expect("renders");
    assert!(html.contains("<li><a href=\"#letter-b\">B</a></li>"));
}

#[test]
fn lists_show_each_article_description_with_local_services_filled_in() {
    let (mut site, tera) = real_site(None);
    let marked = "Marked: call {{emergency}} now.";
    let mut article = (*site.articles[0]).clone();
    article.front.description = marked.to_string();
    site.articles[0] = std::sync::Arc::new(article);
    let html = home_html(&site, tera);
    let filled = format!("Marked: call {} now.", site.config.emergency_number);
    assert!(html.contains(&filled), "the filled description is listed");
    assert!(!html.contains("Marked: call {{"), "no placeholder is left");
}
