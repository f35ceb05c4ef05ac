//! The full-text search index, made at build time with elasticlunr-rs's tokenizer and English
//! pipeline (trimmer, stop words, Porter stemmer) and searched in the browser by the vendored
//! elasticlunr.js, which runs the same pipeline on queries.
//!
//! elasticlunr's own JSON (a trie of nested objects naming every document's URL in every posting)
//! is some ten times larger than the postings it holds: 40 MB for 10,000 articles, too much for a
//! reader on a phone. The file written here holds the same postings compactly and
//! `static/site.js` feeds them to `elasticlunr.Index` (`addToken`, `addFieldLength`) on first
//! search, so scoring, expansion and boosting are elasticlunr's:
//!
//! ```text
//! window.healthkbSearch = {
//!   "fields": ["title", ...],
//!   "docs":   [{"u": URL, "t": title, "d": description, "k": "Article"|"Symptom"}, ...],
//!   "lengths": [[tokens in each field, in `fields` order], ...],   // one per document
//!   "index":  {"title": {"token": [gap, gap, ...], ...}, ...}
//! };
//! ```
//!
//! A document's reference is its position in `docs`. A token's postings are the gaps between
//! ascending document numbers (the first from 0); a gap of 0 repeats the previous document, one
//! more occurrence of the token in it. The file is a script assigning a global, so it loads with a
//! plain `<script src>`: over http, under a subpath, and from disk (`file://`), where fetching a
//! JSON file is not allowed. Articles and symptom pages are both documents, so a search for
//! another name ("paresthesia", "cobalamin") finds the page that uses it.

use crate::crosslink::Site;
use elasticlunr::Language;
use elasticlunr::lang::English;
use elasticlunr::pipeline::Pipeline;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The generated file, relative to the output folder.
pub const INDEX_FILE: &str = "search-index.js";

/// The global the index file assigns (read by `static/site.js`).
pub const GLOBAL: &str = "healthkbSearch";

/// Indexed fields, in the order documents give them. The browser weights them (see `site.js`).
pub const FIELDS: [&str; 5] = ["title", "aliases", "symptoms", "description", "body"];

/// What a search result shows, by document number.
#[derive(Serialize)]
struct DocView<'a> {
    /// The page's URL from the site root.
    u: &'a str,
    /// Title.
    t: &'a str,
    /// Description, with local services filled in.
    d: std::borrow::Cow<'a, str>,
    /// Kind, shown as a label: "Article" or "Symptom".
    k: &'static str,
}

/// One document's text, field by field, before tokenizing.
struct Doc<'a> {
    view: DocView<'a>,
    fields: [String; 5],
}

/// One document's tokens: for every field, (token, occurrences) in token order, and the field's
/// length in tokens (what elasticlunr normalizes scores by).
struct Tokens {
    fields: [(Vec<(String, u32)>, usize); 5],
}

/// The file the browser loads.
#[derive(Serialize)]
struct SearchFile<'a> {
    fields: [&'static str; 5],
    docs: Vec<DocView<'a>>,
    lengths: Vec<[usize; 5]>,
    index: Index,
}

/// Postings by field and token, in token order (so the file is deterministic).
type Index = BTreeMap<&'static str, BTreeMap<String, Postings>>;

/// One token's postings in one field, written as gaps (see the module documentation).
#[derive(Serialize, Default, Debug, PartialEq)]
#[serde(transparent)]
struct Postings {
    gaps: Vec<usize>,
    /// One more than the last document added (0 before the first).
    #[serde(skip)]
    after: usize,
}

impl Postings {
    /// Adds `count` occurrences in document `number`; documents come in ascending order.
    fn add(&mut self, number: usize, count: u32) {
        self.gaps.push(number + 1 - self.after);
        self.gaps
            .extend(std::iter::repeat_n(0, count.saturating_sub(1) as usize));
        self.after = number + 1;
    }
}

/// Builds `search-index.js` (see the module documentation). Documents are tokenized in parallel
/// and merged in document order, so the file is the same whatever the number of threads.
pub fn index_script(site: &Site, symptom_urls: &[String]) -> String {
    let docs = documents(site, symptom_urls);
    let tokens: Vec<Tokens> = docs
        .par_iter()
        .map_init(
            || {
                let lang = English::new();
                let pipeline = lang.make_pipeline();
                (lang, pipeline)
            },
            |(lang, pipeline), doc| tokenize(lang, pipeline, doc),
        )
        .collect();
    let (index, lengths) = merge(tokens);
    let file = SearchFile {
        fields: FIELDS,
        docs: docs.into_iter().map(|d| d.view).collect(),
        lengths,
        index,
    };
    script(GLOBAL, &file)
}

/// Merges every document's tokens, in document order, into the postings and field lengths.
/// Tokens are gathered in hash maps, then put in token order once.
fn merge(tokens: Vec<Tokens>) -> (Index, Vec<[usize; 5]>) {
    let mut fields: [HashMap<String, Postings>; 5] = Default::default();
    let mut lengths = Vec::with_capacity(tokens.len());
    for (number, doc) in tokens.into_iter().enumerate() {
        let mut length = [0; 5];
        for ((postings, slot), (field_tokens, field_length)) in
            fields.iter_mut().zip(&mut length).zip(doc.fields)
        {
            *slot = field_length;
            for (token, count) in field_tokens {
                postings.entry(token).or_default().add(number, count);
            }
        }
        lengths.push(length);
    }
    let index = FIELDS
        .into_iter()
        .zip(fields)
        .map(|(field, postings)| (field, postings.into_iter().collect()))
        .collect();
    (index, lengths)
}

/// Every article, then every symptom page, with the text of each field.
fn documents<'a>(site: &'a Site, symptom_urls: &'a [String]) -> Vec<Doc<'a>> {
    let body_words = body_word_limit(site.articles.len());
    let mut docs: Vec<Doc<'a>> = site
        .articles
        .par_iter()
        .enumerate()
        .map(|(i, article)| {
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
            let description = crate::placeholder::fill(&site.config, &front.description);
            Doc {
                fields: [
                    front.title.clone(),
                    front.aliases.join(" "),
                    symptoms,
                    description.to_string(),
                    body_words_of(&article.body, body_words),
                ],
                view: DocView {
                    u: &article.url,
                    t: &front.title,
                    d: description,
                    k: "Article",
                },
            }
        })
        .collect();
    docs.extend(
        site.symptoms
            .iter()
            .zip(symptom_urls)
            .map(|(symptom, url)| Doc {
                view: DocView {
                    u: url,
                    t: &symptom.name,
                    d: symptom.description.as_str().into(),
                    k: "Symptom",
                },
                fields: [
                    symptom.name.clone(),
                    symptom.aka.join(" "),
                    String::new(),
                    symptom.description.clone(),
                    String::new(),
                ],
            }),
    );
    docs
}

/// Runs elasticlunr's tokenizer and English pipeline over every field of `doc`, as
/// `elasticlunr::Index::add_doc` does, and counts each token.
fn tokenize(lang: &English, pipeline: &Pipeline, doc: &Doc<'_>) -> Tokens {
    let fields = doc.fields.each_ref().map(|text| {
        let tokens = pipeline.run(lang.tokenize(text));
        let length = tokens.len();
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for token in tokens {
            *counts.entry(token).or_insert(0) += 1;
        }
        (counts.into_iter().collect(), length)
    });
    Tokens { fields }
}

/// Bytes of Markdown read per body word wanted, before falling back to the whole body.
const BYTES_PER_WORD: usize = 32;

/// The first `limit` distinct words of an article body's text. On a large site only the opening
/// is indexed, so only the opening paragraphs are parsed, unless they hold too few words.
fn body_words_of(body: &str, limit: usize) -> String {
    let opening = opening(body, limit.saturating_mul(BYTES_PER_WORD));
    let words = distinct_words(&crate::markdown::plain_text(opening), limit);
    if opening.len() == body.len() || words.split(' ').count() >= limit {
        return words;
    }
    distinct_words(&crate::markdown::plain_text(body), limit)
}

/// The paragraphs of `body` that end within its first `bytes` bytes (at least the first
/// paragraph), or all of it.
fn opening(body: &str, bytes: usize) -> &str {
    if body.len() <= bytes {
        return body;
    }
    let mut end = bytes;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let cut = body[..end]
        .rfind("\n\n")
        .or_else(|| body[end..].find("\n\n").map(|i| end + i));
    cut.map_or(body, |cut| &body[..cut])
}

/// How many (word, article) entries the body field may add to the index in all. The index is
/// one file every reader who searches downloads, so it must stay small however big the site is.
pub const BODY_WORD_BUDGET: usize = 200_000;

/// Fewest distinct body words indexed per article, however large the site.
pub const MIN_BODY_WORDS: usize = 10;

/// Distinct body words indexed per article: every word on a small site (the real guide's articles
/// have fewer than 400 distinct words), the opening words of each article on a large one.
pub fn body_word_limit(articles: usize) -> usize {
    (BODY_WORD_BUDGET / articles.max(1)).max(MIN_BODY_WORDS)
}

/// The first `limit` distinct words of `text` (case-insensitive), in order. A word's repeats add
/// little to a search but a lot to the index's size and build time.
pub fn distinct_words(text: &str, limit: usize) -> String {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = String::with_capacity(text.len().min(limit * 8));
    // One buffer for every word's key; a key is copied only when it is new.
    let mut key = String::new();
    for word in text.split_whitespace() {
        if seen.len() >= limit {
            break;
        }
        key.clear();
        key.extend(
            word.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
        if !key.is_empty() && !seen.contains(key.as_str()) {
            seen.insert(key.clone());
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
    fn only_the_opening_paragraphs_are_read_when_they_hold_enough_words() {
        let body = "One two three.\n\nFour five six.\n\nSeven eight nine.\n";
        assert_eq!(opening(body, 32), "One two three.\n\nFour five six.");
        assert_eq!(opening(body, 20), "One two three.");
        assert_eq!(opening(body, 5), "One two three.");
        assert_eq!(opening(body, 100), body);
        assert_eq!(opening("é".repeat(40).as_str(), 7), "é".repeat(40));
        assert_eq!(body_words_of(body, 2), "One two");
        assert_eq!(
            body_words_of(body, 8),
            "One two three. Four five six. Seven eight",
            "too few words in the opening: the whole body"
        );
    }

    #[test]
    fn script_assigns_a_global_and_cannot_close_a_script_element() {
        let js = script("x", &serde_json::json!({"a": "</script><b>&"}));
        assert_eq!(
            js,
            "window.x = {\"a\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"};\n"
        );
    }

    fn doc(fields: [&str; 5]) -> Doc<'static> {
        Doc {
            view: DocView {
                u: "b12/",
                t: "",
                d: "".into(),
                k: "Article",
            },
            fields: fields.map(String::from),
        }
    }

    #[test]
    fn tokens_are_elasticlunrs_finding_other_names_and_stemmed_body_words() {
        let lang = English::new();
        let pipeline = lang.make_pipeline();
        let tokens = tokenize(
            &lang,
            &pipeline,
            &doc([
                "Vitamin B12",
                "cobalamin deficiency",
                "",
                "",
                "Doctors test, and doctors-in-training test",
            ]),
        );
        let words = |f: usize| -> Vec<(&str, u32)> {
            tokens.fields[f]
                .0
                .iter()
                .map(|(t, c)| (t.as_str(), *c))
                .collect()
        };
        assert_eq!(words(1), [("cobalamin", 1), ("defici", 1)]);
        assert_eq!(
            words(4),
            [("doctor", 2), ("test", 2), ("train", 1)],
            "stemmed, stop words dropped, split at hyphens"
        );
        assert_eq!(tokens.fields[4].1, 5, "field length counts every token");
        assert_eq!(
            serde_json::to_value(&pipeline).expect("names"),
            serde_json::json!(["trimmer", "stopWordFilter", "stemmer"]),
            "the browser's elasticlunr.js runs the same pipeline on queries"
        );
    }

    #[test]
    fn postings_are_gaps_with_zero_for_each_repeat() {
        let one = |token: &str, count| Tokens {
            fields: [
                (vec![(token.to_string(), count)], 1),
                (vec![], 0),
                (vec![], 0),
                (vec![], 0),
                (vec![], 0),
            ],
        };
        let (index, lengths) = merge(vec![one("a", 2), one("b", 1), one("a", 1), one("a", 3)]);
        let json = serde_json::to_value(&index).expect("serializes");
        assert_eq!(json["title"]["a"], serde_json::json!([1, 0, 2, 1, 0, 0]));
        assert_eq!(json["title"]["b"], serde_json::json!([2]));
        assert_eq!(lengths.len(), 4);
        assert_eq!(lengths[0], [1, 0, 0, 0, 0]);
    }
}
