//! The full-text search index, built at build time with elasticlunr-rs (as mdBook does) and read in
//! the browser by the vendored elasticlunr.js.
//!
//! The index is written as a script (`search-index.js`) that assigns a global, so it loads with a
//! plain `<script src>`: that works over http, under a subpath, and from disk (`file://`), where
//! fetching a JSON file is not allowed. Articles and symptom pages are both documents, so a search
//! for another name ("paresthesia", "cobalamin") finds the page that uses it.

use crate::crosslink::Site;
use elasticlunr::IndexBuilder;
use serde::Serialize;
use std::collections::BTreeMap;

/// The generated file, relative to the output folder.
pub const INDEX_FILE: &str = "search-index.js";

/// The global the index file assigns (read by `static/search.js`).
pub const GLOBAL: &str = "healthkbSearch";

/// Indexed fields, in the order documents give them. The browser weights them (see `search.js`).
pub const FIELDS: [&str; 5] = ["title", "aliases", "symptoms", "description", "body"];

/// What a search result shows, by document reference (the page's URL from the site root).
#[derive(Serialize)]
struct DocView<'a> {
    /// Title.
    t: &'a str,
    /// Description.
    d: &'a str,
    /// Kind, shown as a label: "Article" or "Symptom".
    k: &'static str,
}

/// The file the browser loads.
#[derive(Serialize)]
struct SearchFile<'a> {
    index: elasticlunr::Index,
    docs: BTreeMap<&'a str, DocView<'a>>,
}

/// One document before indexing.
struct Doc<'a> {
    reference: &'a str,
    fields: [String; 5],
    view: DocView<'a>,
}

/// Builds `search-index.js`: the elasticlunr index plus a title, description and kind for every
/// document, as `window.healthkbSearch = {...};`. Deterministic: the index uses ordered maps.
pub fn index_script(site: &Site, symptom_urls: &[String]) -> String {
    let body_words = body_word_limit(site.articles.len());
    let mut docs: Vec<Doc<'_>> = Vec::new();
    for (i, article) in site.articles.iter().enumerate() {
        let front = &article.front;
        let symptoms = site.links.get(i).map_or_else(String::new, |links| {
            links
                .symptoms
                .iter()
                .filter_map(|&s| site.symptoms.get(s))
                .map(|s| format!("{} {}", s.name, s.aka.join(" ")))
                .collect::<Vec<_>>()
                .join(" ")
        });
        docs.push(Doc {
            reference: &article.url,
            fields: [
                front.title.clone(),
                front.aliases.join(" "),
                symptoms,
                front.description.clone(),
                distinct_words(&crate::markdown::plain_text(&article.body), body_words),
            ],
            view: DocView {
                t: &front.title,
                d: &front.description,
                k: "Article",
            },
        });
    }
    for (symptom, url) in site.symptoms.iter().zip(symptom_urls) {
        docs.push(Doc {
            reference: url,
            fields: [
                symptom.name.clone(),
                symptom.aka.join(" "),
                String::new(),
                symptom.description.clone(),
                String::new(),
            ],
            view: DocView {
                t: &symptom.name,
                d: &symptom.description,
                k: "Symptom",
            },
        });
    }
    let mut index = IndexBuilder::new()
        .save_docs(false)
        .add_fields(FIELDS)
        .build();
    let mut views = BTreeMap::new();
    for doc in docs {
        index.add_doc(doc.reference, &doc.fields);
        views.insert(doc.reference, doc.view);
    }
    script(GLOBAL, &SearchFile { index, docs: views })
}

/// How many (word, article) entries the body field may add to the index in all. The index is
/// one file every reader who searches downloads, so it must stay small however big the site is.
pub const BODY_WORD_BUDGET: usize = 600_000;

/// Fewest distinct body words indexed per article, however large the site.
pub const MIN_BODY_WORDS: usize = 60;

/// Distinct body words indexed per article: every word on a small site (the real guide's articles
/// have fewer than 400 distinct words), the opening words of each article on a large one.
pub fn body_word_limit(articles: usize) -> usize {
    (BODY_WORD_BUDGET / articles.max(1)).max(MIN_BODY_WORDS)
}

/// The first `limit` distinct words of `text` (case-insensitive), in order. A word's repeats add
/// little to a search but a lot to the index's size and build time.
pub fn distinct_words(text: &str, limit: usize) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut out = String::with_capacity(text.len().min(limit * 8));
    for word in text.split_whitespace() {
        if seen.len() >= limit {
            break;
        }
        let key: String = word
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if !key.is_empty() && seen.insert(key) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Writes `value` as a script assigning it to a global: `window.NAME = JSON;` with a trailing
/// newline. JSON is valid JavaScript; `<`, `>` and `&` are escaped anyway so the text stays inert
/// wherever it ends up.
pub fn script<T: Serialize>(global: &str, value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    format!(
        "window.{global} = {};\n",
        super::jsonld::escape_for_script(&json)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_words_are_distinct_and_capped_by_a_site_wide_budget() {
        assert_eq!(
            distinct_words("Pain, pain and PAIN and more", 10),
            "Pain, and more"
        );
        assert_eq!(distinct_words("a b a c d", 2), "a b");
        assert_eq!(body_word_limit(16), BODY_WORD_BUDGET / 16);
        assert_eq!(body_word_limit(100_000), MIN_BODY_WORDS);
    }

    #[test]
    fn script_assigns_a_global_and_cannot_close_a_script_element() {
        let js = script("x", &serde_json::json!({"a": "</script><b>&"}));
        assert_eq!(
            js,
            "window.x = {\"a\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"};\n"
        );
    }

    /// True when the elasticlunr trie for `field` holds `token` for document `doc`.
    fn indexed(index: &serde_json::Value, field: &str, token: &str, doc: &str) -> bool {
        let mut node = &index["index"][field]["root"];
        for c in token.chars() {
            node = &node[c.to_string()];
        }
        node["docs"].get(doc).is_some()
    }

    #[test]
    fn elasticlunr_index_finds_other_names_and_stemmed_body_words() {
        let mut index = IndexBuilder::new()
            .save_docs(false)
            .add_fields(FIELDS)
            .build();
        index.add_doc(
            "b12/",
            [
                "Vitamin B12",
                "cobalamin deficiency",
                "",
                "",
                "Doctors test",
            ],
        );
        let json: serde_json::Value =
            serde_json::from_str(&index.to_json()).expect("the index is JSON");
        assert!(indexed(&json, "aliases", "cobalamin", "b12/"));
        assert!(indexed(&json, "body", "doctor", "b12/"), "stemmed");
        assert!(!indexed(&json, "body", "cobalamin", "b12/"));
        assert_eq!(
            json["pipeline"],
            serde_json::json!(["trimmer", "stopWordFilter", "stemmer"]),
            "the browser's elasticlunr.js runs the same pipeline on queries"
        );
    }
}
