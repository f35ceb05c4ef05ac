//! The full-text search index, made at build time and split into small files so that a query
//! downloads only the part it needs, at any site size. Every word of every article is indexed.
//!
//! Words are tokenized, trimmed, stop-word filtered and Porter-stemmed by elasticlunr-rs's English
//! pipeline; the browser runs the same pipeline on queries with the vendored elasticlunr.js (the
//! only part of that library it uses). Each distinct word is stemmed once per thread (a cache),
//! not at every occurrence.
//!
//! Each (term, document) posting carries a weight computed here from the whole site, so the
//! browser only adds numbers: for every field the term is in, the field's boost (title and other
//! names above symptoms, description and body, see `BOOSTS`) times the square root of its
//! occurrences divided by the square root of the field's length, all times the term's inverse
//! document frequency. A very common term keeps its `MAX_POSTINGS` best documents.
//!
//! The files, under `search/` (see `shards.rs` for their layout):
//!
//! ```text
//! search/index.js   the manifest: document count and the first term of every shard
//! search/<n>.js     shard n: its terms' postings, alias entries (other spellings), and what to
//!                   show for each term's best `TOP_DOCS` documents
//! search/d<n>.js    documents n * DOC_CHUNK ..: what to show, for results a shard does not cover
//! ```
//!
//! Each file is a script calling a function on the global `healthkbSearch` that
//! `static/site.js` defines, so it loads with a plain `<script src>`: over http, under a subpath,
//! from disk (`file://`, where fetching is not allowed) and under `script-src 'self'`. Articles
//! and symptom pages are both documents, so a search for another name ("paresthesia",
//! "cobalamin") finds the page that uses it.

mod shards;
pub mod spelling;

use crate::crosslink::Site;
use elasticlunr::Language;
use elasticlunr::lang::English;
use elasticlunr::pipeline::Pipeline;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// The folder of the generated files, relative to the output folder.
pub const DIR: &str = "search";

/// The manifest, the one search file whose name does not depend on the site's words.
pub const MANIFEST_FILE: &str = "search/index.js";

/// The global the files call (defined by `static/site.js`).
pub const GLOBAL: &str = "healthkbSearch";

/// Indexed fields, in the order documents give them.
pub const FIELDS: [&str; 5] = ["title", "aliases", "symptoms", "description", "body"];

/// Each field's weight: a title word or another name counts far more than a body word.
pub const BOOSTS: [f32; 5] = [10.0, 8.0, 5.0, 2.0, 1.0];

/// Most postings kept for one term (its best documents): a word on half of 100,000 articles would
/// otherwise be a shard of its own larger than a reader should download for one word.
pub const MAX_POSTINGS: usize = 2_000;

/// Documents per term whose display data (title, URL, kind, description) its shard carries: a
/// one-word query shows its results with no further download.
pub const TOP_DOCS: usize = 10;

/// Documents per display chunk (`search/d<n>.js`).
pub const DOC_CHUNK: usize = 64;

/// Weights are written as integers: the weight times this, rounded, at least 1.
const WEIGHT_SCALE: f32 = 50.0;

/// What a search result shows: URL from the site root, title, kind ("A" article, "S" symptom
/// page) and description.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct DocView<'a>(&'a str, &'a str, &'static str, Cow<'a, str>);

/// One document's text, field by field, before tokenizing.
struct Doc<'a> {
    view: DocView<'a>,
    fields: [Cow<'a, str>; 5],
}

/// One term's postings over the whole site: (document, weight) in document order.
#[derive(Debug, Default, PartialEq)]
pub struct Term {
    pub postings: Vec<(u32, u32)>,
    /// The best `TOP_DOCS` documents, best first.
    pub top: Vec<u32>,
}

/// Builds every search file as (output path, text); see the module documentation. Documents
/// are tokenized in parallel and merged in document order, and shards are cut from terms in
/// term order, so the files are the same whatever the number of threads.
pub fn index_files(site: &Site, symptom_urls: &[String]) -> Vec<(String, String)> {
    let docs = documents(site, symptom_urls);
    let tokenized: Vec<Tokens> = docs
        .par_iter()
        .map_init(Stemmer::new, |stemmer, doc| stemmer.document(doc))
        .collect();
    let mut aliases: BTreeSet<(String, String)> = BTreeSet::new();
    for doc in &tokenized {
        aliases.extend(doc.aliases.iter().cloned());
    }
    let terms = weigh(tokenized, docs.len());
    let views: Vec<DocView> = docs.into_iter().map(|d| d.view).collect();
    shards::files(terms, &aliases, &views)
}

/// The postings of every term, weighted with the term's inverse document frequency, capped at
/// `MAX_POSTINGS`, in term order.
fn weigh(tokenized: Vec<Tokens>, documents: usize) -> Vec<(String, Term)> {
    let mut by_term: HashMap<String, Vec<(u32, f32)>> = HashMap::new();
    for (number, doc) in tokenized.into_iter().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        for (term, weight) in doc.terms {
            by_term.entry(term).or_default().push((number, weight));
        }
    }
    let mut terms: Vec<(String, Vec<(u32, f32)>)> = by_term.into_iter().collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    terms
        .into_par_iter()
        .map(|(term, postings)| {
            let idf = (1.0 + documents as f32 / postings.len() as f32).ln();
            (term, term_postings(postings, idf))
        })
        .collect()
}

/// One term's postings: weights scaled to integers, the best `MAX_POSTINGS` kept (ties to the
/// earlier document), back in document order.
fn term_postings(postings: Vec<(u32, f32)>, idf: f32) -> Term {
    let mut scaled: Vec<(u32, u32)> = postings
        .into_iter()
        .map(|(doc, w)| (doc, ((w * idf * WEIGHT_SCALE).round() as u32).max(1)))
        .collect();
    scaled.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scaled.truncate(MAX_POSTINGS);
    let top = scaled.iter().take(TOP_DOCS).map(|p| p.0).collect();
    scaled.sort_by_key(|p| p.0);
    Term {
        postings: scaled,
        top,
    }
}

/// Every article, then every symptom page, with the text of each field.
fn documents<'a>(site: &'a Site, symptom_urls: &'a [String]) -> Vec<Doc<'a>> {
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
                    front.title.as_str().into(),
                    front.aliases.join(" ").into(),
                    symptoms.into(),
                    description.clone(),
                    crate::markdown::plain_text(&article.body).into(),
                ],
                view: DocView(&article.url, &front.title, "A", description),
            }
        })
        .collect();
    docs.extend(
        site.symptoms
            .iter()
            .zip(symptom_urls)
            .map(|(symptom, url)| Doc {
                view: DocView(url, &symptom.name, "S", symptom.description.as_str().into()),
                fields: [
                    symptom.name.as_str().into(),
                    symptom.aka.join(" ").into(),
                    "".into(),
                    symptom.description.as_str().into(),
                    "".into(),
                ],
            }),
    );
    docs
}

/// One document's terms with their weights before the inverse document frequency, and the
/// (other spelling's term, indexed term) pairs its words give.
struct Tokens {
    terms: Vec<(String, f32)>,
    aliases: Vec<(String, String)>,
}

/// elasticlunr-rs's English tokenizer and pipeline, with the term of every word seen (`None` for
/// a stop word), so each distinct word is stemmed once per thread.
struct Stemmer {
    pipeline: Pipeline,
    /// Every word seen, with the number of its term in `terms`.
    cache: HashMap<String, Option<usize>>,
    terms: Vec<String>,
    numbers: HashMap<String, usize>,
}

impl Stemmer {
    fn new() -> Stemmer {
        Stemmer {
            pipeline: English::new().make_pipeline(),
            cache: HashMap::new(),
            terms: Vec::new(),
            numbers: HashMap::new(),
        }
    }

    /// The term `pipeline` makes of one lowercase word, or `None` for a stop word.
    fn stem(pipeline: &Pipeline, word: &str) -> Option<String> {
        pipeline.run(vec![word.to_string()]).pop()
    }

    /// Tokenizes every field of `doc` as `elasticlunr::Index::add_doc` does (split at white space
    /// and hyphens, lowercased) and weighs each term (see the module documentation).
    fn document(&mut self, doc: &Doc<'_>) -> Tokens {
        let mut counts: HashMap<usize, [u32; 5]> = HashMap::new();
        let mut lengths = [0u32; 5];
        let mut aliases = Vec::new();
        let mut word = String::new();
        for (field, text) in doc.fields.iter().enumerate() {
            for token in text.split(|c: char| c.is_whitespace() || c == '-') {
                if token.is_empty() {
                    continue;
                }
                word.clear();
                word.extend(token.chars().flat_map(char::to_lowercase));
                if !self.cache.contains_key(word.as_str()) {
                    let term = Self::stem(&self.pipeline, &word);
                    if let Some(term) = &term
                        && let Some(other) = spelling::american(&word)
                        && let Some(other) = Self::stem(&self.pipeline, &other)
                        && &other != term
                    {
                        aliases.push((other, term.clone()));
                    }
                    let number = term.map(|term| match self.numbers.get(&term) {
                        Some(&number) => number,
                        None => {
                            self.terms.push(term.clone());
                            self.numbers.insert(term, self.terms.len() - 1);
                            self.terms.len() - 1
                        }
                    });
                    self.cache.insert(word.clone(), number);
                }
                if let Some(&Some(term)) = self.cache.get(word.as_str()) {
                    counts.entry(term).or_default()[field] += 1;
                    lengths[field] += 1;
                }
            }
        }
        let mut terms: Vec<(String, f32)> = counts
            .into_iter()
            .map(|(term, count)| {
                let weight = (0..5)
                    .filter(|&f| count[f] > 0)
                    .map(|f| BOOSTS[f] * (count[f] as f32).sqrt() / (lengths[f] as f32).sqrt())
                    .sum();
                (self.terms[term].clone(), weight)
            })
            .collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        Tokens { terms, aliases }
    }
}

/// Writes `value` as a script calling `window.GLOBAL.FUNCTION(value)`, with a trailing newline.
/// JSON is valid JavaScript; `<`, `>` and `&` are escaped anyway so the text stays inert wherever
/// it ends up.
pub fn call<T: Serialize>(function: &str, value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    format!(
        "window.{GLOBAL}.{function}({});\n",
        super::jsonld::escape_for_script(&json)
    )
}

/// Writes `value` as a script assigning it to a global: `window.NAME = JSON;` with a trailing
/// newline, escaped like `call`.
pub fn script<T: Serialize>(global: &str, value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    format!(
        "window.{global} = {};\n",
        super::jsonld::escape_for_script(&json)
    )
}

#[cfg(test)]
mod tests;
