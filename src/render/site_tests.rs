//! Rendering tests over the real site in this repository (its articles, templates and settings):
//! the generated search index and finder data, and what the templates put on the pages.

use super::{PageKind, RenderOptions, Renderer, finder, pages, search, templates};
use crate::crosslink::{self, Site};
use crate::{config, load};
use serde_json::Value;
use std::path::Path;

fn real_site(base_url: Option<&str>) -> (Site, tera::Tera) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = config::SiteConfig::load(root).expect("site.toml loads");
    config.base_url = base_url.map(String::from);
    let (loaded, problems) = load::load(root, config, false);
    let tera = templates::compile(&loaded.templates).expect("templates compile");
    let site = crosslink::cross_link(loaded, problems).expect("the real site cross-links");
    (site, tera)
}

/// The real site and its generated files (search index, finder data, ...), without `base_url`.
fn real_extra_files() -> (Site, Vec<(String, String)>) {
    let (site, tera) = real_site(None);
    let files = Renderer::new(&site, tera, RenderOptions::default()).extra_files(&pages(&site));
    (site, files)
}

/// The JSON a generated `window.NAME = JSON;` script assigns.
fn assigned(script: &str, global: &str) -> Value {
    let json = script
        .strip_prefix(&format!("window.{global} = "))
        .and_then(|rest| rest.strip_suffix(";\n"))
        .expect("a single assignment");
    serde_json::from_str(json).expect("valid JSON")
}

#[test]
fn search_index_and_finder_data_are_always_written_and_the_xml_files_only_with_base_url() {
    // The files written, and the names the renderer announces before writing them.
    let names_of = |base_url: Option<&str>| {
        let (site, tera) = real_site(base_url);
        let renderer = Renderer::new(&site, tera, RenderOptions::default());
        let written: Vec<String> = renderer
            .extra_files(&pages(&site))
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        (written, renderer.extra_file_names())
    };
    let (names, announced) = names_of(None);
    let (site, _) = real_site(None);
    let finder_files = finder::file_names(&site);
    assert_eq!(finder_files[0], finder::INDEX_FILE);
    assert!(finder_files.iter().all(|f| f.starts_with("finder/")));
    assert_eq!(names[0], search::INDEX_FILE);
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
    let data = assigned(&files[0].1, search::GLOBAL);
    let docs = data["docs"].as_array().expect("docs");
    assert_eq!(docs.len(), site.articles.len() + site.symptoms.len());
    assert_eq!(data["lengths"].as_array().map(Vec::len), Some(docs.len()));
    let number = |url: &str| {
        docs.iter()
            .position(|d| d["u"] == url)
            .unwrap_or_else(|| panic!("{url} is a document"))
    };
    assert_eq!(
        docs[number("vitamin-b12-deficiency/")]["t"],
        "Vitamin B12 deficiency"
    );
    assert_eq!(docs[number("symptoms/back-tingling/")]["k"], "Symptom");

    let has = |field: &str, token: &str, url: &str| {
        let mut doc = -1_i64;
        let gaps = data["index"][field][token].as_array().cloned();
        gaps.unwrap_or_default().iter().any(|gap| {
            doc += gap.as_i64().expect("a number");
            usize::try_from(doc).ok() == Some(number(url))
        })
    };
    assert!(has("aliases", "paresthesia", "tingling-in-the-back/"));
    assert!(has("aliases", "cobalamin", "vitamin-b12-deficiency/"));
    assert!(has("aliases", "paresthesia", "symptoms/back-tingling/"));
    assert!(has("body", "gallston", "back-spasm/"), "stemmed body words");
    assert!(has("symptoms", "sciatica", "pinched-nerve-and-sciatica/"));
    assert!(!has("body", "gallston", "symptoms/back-tingling/"));
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
    for symptom in &site.symptoms {
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
    let renderer = Renderer::new(&site, tera, RenderOptions::default());
    let home = pages(&site)
        .into_iter()
        .find(|p| p.kind == PageKind::Home)
        .expect("home");
    let html = renderer.render(&home).expect("renders");
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
