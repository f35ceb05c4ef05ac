//! The full-text search index, made at build time and split into small files so that a query
//! downloads only the part it needs, at any site size. Every word of every article is indexed.
//!
//! Words are tokenized, trimmed, stop-word filtered and Porter-stemmed by elasticlunr-rs's English
//! pipeline; the browser runs the same pipeline on queries with `static/stem.js`, a port of it
//! checked word by word against this one (`tests/stems.tsv`). Each distinct word of the site is
//! stemmed once, not at every occurrence.
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
//! search/index.js   the manifest: document count, the first term of every shard, what a
//!                   result calls each kind of document (`Kinds`), and `"finder": false` on a
//!                   site whose home page has no finder (`Facts`)
//! search/<n>.js     shard n: its terms' postings, alias entries (other spellings), and what to
//!                   show for each term's best `TOP_DOCS` documents
//! ```
//!
//! A query loads one shard per word (and, rarely, the shard of another spelling, or for a word
//! that matches nothing the shard of its term without its first letter), nothing else:
//! the browser ranks the best `TOP_DOCS` documents of each term the query's words match, by
//! their scores over all postings. For one word that is its exact top ten; for several words a
//! page that is among no matching term's best is not shown.
//!
//! Each file is a script calling a function on the global `healthkbSearch` that
//! `static/site.js` defines, so it loads with a plain `<script src>`: over http, under a subpath,
//! from disk (`file://`, where fetching is not allowed) and under `script-src 'self'`. Articles,
//! symptom pages and the term pages of every further taxonomy with `search = true` are all
//! documents, so a search for another name ("paresthesia", "cobalamin", "hydroxocobalamin")
//! finds the page that uses it.

mod shards;
pub(crate) mod spelling;
mod tokens;

use super::Sink;
use crate::crosslink::Site;
use crate::diagnostic::Diagnostic;
use elasticlunr::Language;
use elasticlunr::lang::English;
use elasticlunr::pipeline::Pipeline;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The folder of the generated files, relative to the output folder.
pub(crate) const DIR: &str = "search";

/// The manifest, the one search file whose name does not depend on the site's words.
pub(crate) const MANIFEST_FILE: &str = "search/index.js";

/// The global the files call (defined by `static/site.js`).
pub(crate) const GLOBAL: &str = "healthkbSearch";

/// Each field's weight (fields in the order `Doc::fields` gives them): a title word or another name counts far more than a body word.
pub(crate) const BOOSTS: [f32; 5] = [10.0, 8.0, 5.0, 2.0, 1.0];

/// Most postings kept for one term (its best documents): a word on half of 100,000 articles would
/// otherwise be a shard of its own larger than a reader should download for one word.
pub(crate) const MAX_POSTINGS: usize = 2_000;

/// Documents per term whose display data (title, URL, kind, description) its shard carries,
/// the only documents the browser ranks: a query shows its results with no further download.
pub(crate) const TOP_DOCS: usize = 10;

/// Weights are written as integers: the weight times this, rounded, at least 1.
const WEIGHT_SCALE: f32 = 50.0;

/// What a search result shows: URL from the site root, title, kind ("A" article, "S" a term
/// page of the taxonomy of articles, a further taxonomy's front-matter key for its term pages,
/// e.g. "treatments") and description.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub(crate) struct DocView<'a>(Cow<'a, str>, &'a str, &'a str, Cow<'a, str>);

/// What a search result calls each kind of document, carried in the manifest so the browser
/// shows the site's own word: "Article", the taxonomy of articles' label for its term pages
/// ("Symptom" on this guide, "Condition" on a site of conditions), and each further taxonomy
/// with `search = true` by its front-matter key ("treatments": "Treatment"). A key is lower-case
/// letters and `_` (`config/taxonomy.rs`), so it never clashes with "A" or "S".
#[derive(Serialize, Clone, Debug, PartialEq)]
pub(crate) struct Kinds {
    #[serde(rename = "A")]
    article: String,
    #[serde(rename = "S")]
    term: String,
    #[serde(flatten)]
    further: BTreeMap<String, String>,
}

impl Kinds {
    /// The kinds of `site`'s documents, an article called `article` ("Article", in the site's
    /// language).
    fn of(site: &Site, article: &str) -> Kinds {
        Kinds {
            article: article.to_string(),
            term: site.config.article_taxonomy().label(),
            further: searched_sets(site)
                .map(|set| (set.taxonomy.key.clone(), set.taxonomy.label()))
                .collect(),
        }
    }
}

/// What the manifest says of the site besides its shards.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Facts {
    /// What a result calls each kind of document.
    kinds: Kinds,
    /// Whether the home page has the finder (`static/site.js` offers it only then).
    finder: bool,
}

impl Facts {
    /// The facts of `site`, whose articles are called `article`.
    fn of(site: &Site, article: &str) -> Facts {
        Facts {
            kinds: Kinds::of(site, article),
            finder: site.config.has_finder(),
        }
    }
}

/// The taxonomies of articles after the first whose terms feed search (`search = true`).
fn searched_sets(site: &Site) -> impl Iterator<Item = &crate::crosslink::terms::TermSet> {
    site.term_sets.iter().filter(|set| set.taxonomy.search)
}

/// One document's text, field by field, before tokenizing. An article's body stays Markdown and
/// is made plain text once, a chunk of documents at a time (`WEIGH_CHUNK`), so the plain text of
/// every body is never held at once (about 450 MB at 100,000 articles).
struct Doc<'a> {
    view: DocView<'a>,
    fields: [Cow<'a, str>; 4],
    body: &'a str,
}

impl Doc<'_> {
    /// The body as plain text (empty for a document without one).
    fn plain_body(&self) -> String {
        match self.body.is_empty() {
            true => String::new(),
            false => crate::markdown::plain_text(self.body),
        }
    }

    /// Calls `each` with every field's number and text, in this order: title, aliases, symptoms,
    /// description, and the body, given as plain text (`plain_body`).
    fn each_field(&self, body: &str, mut each: impl FnMut(usize, &str)) {
        for (field, text) in self.fields.iter().enumerate() {
            each(field, text);
        }
        if !body.is_empty() {
            each(4, body);
        }
    }
}

/// One term's postings over the whole site: (document, weight) in document order.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Term {
    pub postings: Vec<(u32, u32)>,
    /// The best `TOP_DOCS` documents, best first.
    pub top: Vec<u32>,
}

/// Builds every search file as (output path, text): the manifest, then the shards in order (see
/// the module documentation). For `serve`, which keeps them; `write_index` hands each to the
/// write step as it is made instead.
pub(crate) fn index_files(
    site: &Site,
    symptom_urls: &[String],
    article: &str,
) -> Vec<(String, String)> {
    let index = weighed_terms(site, symptom_urls);
    let facts = Facts::of(site, article);
    shards::files(
        index.terms,
        &index.aliases,
        &index.first,
        &index.views,
        &facts,
    )
}

/// Makes every search file and hands each to `sink` as soon as it is made, so the index's files
/// (about 200 MB at 100,000 articles) are never all in memory at once. Returns the sink's
/// problems, in file order.
pub(crate) fn write_index(
    site: &Site,
    symptom_urls: &[String],
    article: &str,
    sink: Sink<'_>,
) -> Vec<Diagnostic> {
    let index = weighed_terms(site, symptom_urls);
    let facts = Facts::of(site, article);
    let shards = shards::Shards::cut(
        index.terms,
        &index.aliases,
        &index.first,
        &index.views,
        &facts,
    );
    let (path, text) = shards.manifest();
    let mut problems: Vec<Diagnostic> = sink(&path, text.as_bytes()).err().into_iter().collect();
    problems.par_extend((0..shards.len()).into_par_iter().filter_map(|n| {
        let (path, text) = shards.file(n);
        sink(&path, text.as_bytes()).err()
    }));
    problems
}

/// The index before it is cut into shards.
struct Weighed<'a> {
    /// Every term's postings, in term order.
    terms: Vec<(String, Term)>,
    /// (other spelling's term, indexed term).
    aliases: BTreeSet<(String, String)>,
    /// (term without its first letter, indexed term).
    first: BTreeSet<(String, String)>,
    /// Every document's display data, by document number.
    views: Vec<DocView<'a>>,
}

/// The index's terms, alias entries and documents (see `Weighed`). Documents are tokenized in parallel and merged in document order, and shards are cut from
/// terms in term order, so the files are the same whatever the number of threads. What is no
/// longer needed (the word table, the documents' text) is dropped before the postings are made.
fn weighed_terms<'a>(site: &'a Site, symptom_urls: &'a [String]) -> Weighed<'a> {
    let docs = documents(site, symptom_urls);
    let mut lexicon = Lexicon::new(first_letter(&docs));
    let by_term = by_term(&mut lexicon, &docs);
    let Lexicon {
        terms,
        aliases,
        first,
        ..
    } = lexicon;
    let views: Vec<DocView> = docs.into_iter().map(|d| d.view).collect();
    let terms = postings(terms, by_term, views.len());
    Weighed {
        terms,
        aliases,
        first,
        views,
    }
}

/// Documents weighed at a time: their bodies are made plain text and tokenized, and their
/// (term, weight) lists are moved into the terms' lists before the next ones are read, so the
/// postings of the whole site are held only once (at 100,000 articles both copies were 700 MB).
/// The first chunk is smaller (`FIRST_CHUNK`): nearly all its words are new, and once they are
/// in the lexicon most words of the later chunks are found at their first look-up.
const WEIGH_CHUNK: usize = 4_096;

/// Documents in the first chunk (see `WEIGH_CHUNK`).
const FIRST_CHUNK: usize = 256;

/// The documents in chunks: `FIRST_CHUNK`, then `WEIGH_CHUNK` at a time.
fn chunks<'d, 'a>(docs: &'d [Doc<'a>]) -> impl Iterator<Item = &'d [Doc<'a>]> {
    let (first, rest) = docs.split_at(FIRST_CHUNK.min(docs.len()));
    std::iter::once(first)
        .filter(|first| !first.is_empty())
        .chain(rest.chunks(WEIGH_CHUNK))
}

/// Each term's (document, weight before the inverse document frequency), in document order,
/// by term number. A chunk of documents at a time: they are tokenized in parallel, their new
/// words added to `lexicon`, then they are weighed in parallel and merged in document order.
fn by_term(lexicon: &mut Lexicon, docs: &[Doc<'_>]) -> Vec<Vec<(u32, f32)>> {
    let mut by_term: Vec<Vec<(u32, f32)>> = Vec::new();
    let mut number: u32 = 0;
    for part in chunks(docs) {
        let tokens = lexicon.add(part);
        by_term.resize_with(lexicon.terms.len(), Vec::new);
        let terms = lexicon.terms.len();
        let weighed: Vec<Vec<(u32, f32)>> = tokens
            .par_iter()
            .map_init(|| tokens::Counts::new(terms), |counts, t| t.weigh(counts))
            .collect();
        for doc in weighed {
            for (term, weight) in doc {
                by_term[term as usize].push((number, weight));
            }
            number = number.saturating_add(1);
        }
    }
    by_term
}

/// Every term's postings, weighted with the term's inverse document frequency, capped at
/// `MAX_POSTINGS`, in term order. `by_term` holds each term's (document, weight).
fn postings(
    terms: Vec<String>,
    by_term: Vec<Vec<(u32, f32)>>,
    documents: usize,
) -> Vec<(String, Term)> {
    let mut out: Vec<(String, Term)> = terms
        .into_par_iter()
        .zip(by_term)
        .filter(|(_, postings)| !postings.is_empty())
        .map(|(term, postings)| {
            let idf = (1.0 + documents as f32 / postings.len() as f32).ln();
            (term, term_postings(postings, idf))
        })
        .collect();
    out.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
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
    // The kept postings only: a word on every page would otherwise keep room for all of them
    // until the shards are written.
    scaled.shrink_to_fit();
    let top = scaled.iter().take(TOP_DOCS).map(|p| p.0).collect();
    scaled.sort_by_key(|p| p.0);
    Term {
        postings: scaled,
        top,
    }
}

/// Every article, then every symptom page, then the term pages of every further taxonomy with
/// `search = true`, with the text of each field.
fn documents<'a>(site: &'a Site, symptom_urls: &'a [String]) -> Vec<Doc<'a>> {
    let mut docs: Vec<Doc<'a>> = site
        .articles
        .par_iter()
        .enumerate()
        .map(|(i, article)| {
            let front = &article.front;
            let symptoms = term_names(site, i);
            let description = crate::placeholder::fill(&site.config, &front.description);
            Doc {
                fields: [
                    front.title.as_str().into(),
                    front.aliases.join(" ").into(),
                    symptoms.into(),
                    description.clone(),
                ],
                body: &article.body,
                view: DocView(article.url.as_str().into(), &front.title, "A", description),
            }
        })
        .collect();
    docs.extend(
        site.symptoms
            .iter()
            .zip(symptom_urls)
            .map(|(symptom, url)| Doc {
                view: DocView(
                    url.as_str().into(),
                    &symptom.name,
                    "S",
                    symptom.description.as_str().into(),
                ),
                fields: [
                    symptom.name.as_str().into(),
                    symptom.aka.join(" ").into(),
                    "".into(),
                    symptom.description.as_str().into(),
                ],
                body: "",
            }),
    );
    docs.extend(searched_sets(site).flat_map(term_pages));
    docs
}

/// The term pages of a further taxonomy, as documents of its own kind (its front-matter key):
/// found by their names, other names and descriptions as the first taxonomy's pages are.
fn term_pages(set: &crate::crosslink::terms::TermSet) -> impl Iterator<Item = Doc<'_>> {
    set.terms.iter().map(move |term| Doc {
        view: DocView(
            set.term_url(&term.slug).into(),
            &term.name,
            &set.taxonomy.key,
            term.description.as_str().into(),
        ),
        fields: [
            term.name.as_str().into(),
            term.aka.join(" ").into(),
            "".into(),
            term.description.as_str().into(),
        ],
        body: "",
    })
}

/// The names and other names of article `i`'s terms that search finds it by: its symptoms (the
/// first taxonomy of articles) and its terms in every further taxonomy with `search = true`.
fn term_names(site: &Site, i: usize) -> String {
    let symptoms = site.links.get(i).map(|links| {
        links
            .symptoms
            .iter()
            .filter_map(|&s| site.symptoms.get(s))
            .collect::<Vec<_>>()
    });
    let further = site
        .term_sets
        .iter()
        .filter(|set| set.taxonomy.search)
        .flat_map(|set| {
            set.per_article
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|&t| set.terms.get(t))
        });
    symptoms
        .into_iter()
        .flatten()
        .chain(further)
        .map(|s| format!("{} {}", s.name, s.aka.join(" ")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a text as elasticlunr's tokenizer makes them (split at white space and hyphens,
/// lowercased), without their accents, each written into `buffer` and passed to `each`. ASCII
/// words, nearly all, are lowercased byte by byte. Accents are dropped (the word decomposed,
/// NFD, and its combining marks left out) so that a reader who types "ciatica" finds
/// "ciática", and a word that starts with an accented letter keeps it ("ácido" is "acido", not
/// "cido": the English pipeline trims anything but ASCII letters from a word's ends).
/// `static/stem.js` does the same to a query.
fn words(text: &str, buffer: &mut String, mut each: impl FnMut(&str)) {
    let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd();
    for token in text.split(|c: char| c.is_whitespace() || c == '-') {
        if !token.is_empty() {
            buffer.clear();
            if token.is_ascii() {
                buffer.push_str(token);
                buffer.make_ascii_lowercase();
            } else {
                let lower: String = token.chars().flat_map(char::to_lowercase).collect();
                let marks = '\u{0300}'..='\u{036F}';
                buffer.extend(nfd.normalize(&lower).chars().filter(|c| !marks.contains(c)));
            }
            each(buffer);
        }
    }
}

/// A fast hash (FxHash, as rustc uses) for the index's maps of words and term numbers, which are
/// built from the site's own text and never from a hostile party's choice of keys over the
/// network; SipHash was a tenth of the index's time.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Fast = std::hash::BuildHasherDefault<FxHasher>;

/// Every distinct word of the site with its term, each stemmed once: a chunk of documents at a
/// time, their new words are gathered in parallel, then stemmed in parallel, then looked up
/// while the chunk is weighed.
struct Lexicon {
    /// Word to term number (`None` for a stop word).
    words: HashMap<String, Option<u32>, Fast>,
    /// Terms by number, in the order of the sorted words that first give them.
    terms: Vec<String>,
    /// (other spelling's term, indexed term), from `spelling::american`.
    aliases: BTreeSet<(String, String)>,
    /// (term of a name word without its first letter, the name word's term): see `first_letter`.
    first: BTreeSet<(String, String)>,
    /// Term to term number.
    numbers: HashMap<String, u32, Fast>,
}

/// Shortest title, other-name or symptom word whose first letter a typo may change, drop or
/// add (the browser's `TYPO_FROM`).
pub(crate) const FIRST_LETTER_FROM: usize = 4;

/// For every word of the documents' titles, other names and symptoms of at least
/// `FIRST_LETTER_FROM` letters, (the term of the word without its first letter, the word's
/// term), when they differ: the browser looks up a query word's own term ("hingles" for
/// "shingles") and its term without its first letter ("xciatica"), whose shards its prefix cut
/// would otherwise never load.
fn first_letter(docs: &[Doc<'_>]) -> BTreeSet<(String, String)> {
    let names: BTreeSet<String> = docs
        .par_iter()
        .fold(BTreeSet::new, |mut set, doc| {
            let mut buffer = String::new();
            for text in &doc.fields[..3] {
                words(text, &mut buffer, |word| {
                    if word.chars().count() >= FIRST_LETTER_FROM && !set.contains(word) {
                        set.insert(word.to_string());
                    }
                });
            }
            set
        })
        .reduce(BTreeSet::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    let pipeline = English::new().make_pipeline();
    names
        .iter()
        .filter_map(|word| {
            let term = stem(&pipeline, word)?;
            let rest: String = word.chars().skip(1).collect();
            let key = stem(&pipeline, &rest)?;
            (key != term).then_some((key, term))
        })
        .collect()
}

impl Lexicon {
    /// An empty lexicon, with the documents' first-letter entries (`first_letter`).
    fn new(first: BTreeSet<(String, String)>) -> Lexicon {
        Lexicon {
            words: HashMap::default(),
            terms: Vec::new(),
            aliases: BTreeSet::new(),
            first,
            numbers: HashMap::default(),
        }
    }

    /// Tokenizes `docs` (`tokenize`, each body made plain text there and dropped) and adds the
    /// words the lexicon does not hold yet: gathered in parallel, sorted, stemmed in parallel,
    /// then numbered in order, so the numbers are the same whatever the number of threads.
    /// Returns the documents' tokens, resolved.
    fn add(&mut self, docs: &[Doc<'_>]) -> Vec<tokens::Tokens> {
        let this = &*self;
        let mut tokens: Vec<tokens::Tokens> = docs
            .par_iter()
            .map_init(tokens::Scratch::default, |scratch, doc| {
                this.tokenize(doc, &doc.plain_body(), scratch)
            })
            .collect();
        let distinct: HashSet<&str, Fast> = tokens
            .par_iter()
            .fold(HashSet::default, |mut set: HashSet<&str, Fast>, t| {
                set.extend(t.new.iter().map(String::as_str));
                set
            })
            .reduce(HashSet::default, |a, b| {
                let (mut big, small) = if a.len() < b.len() { (b, a) } else { (a, b) };
                big.extend(small);
                big
            });
        let sorted: Vec<String> = {
            let mut sorted: Vec<&str> = distinct.into_iter().collect();
            sorted.par_sort_unstable();
            sorted.into_iter().map(str::to_string).collect()
        };
        self.number(sorted);
        let this = &*self;
        tokens.par_iter_mut().for_each(|t| t.resolve(this));
        tokens
    }

    /// Stems the new words `sorted` in parallel and numbers their terms in order.
    fn number(&mut self, sorted: Vec<String>) {
        let stemmed: Vec<(Option<String>, Option<String>)> = sorted
            .par_iter()
            .map_init(
                || English::new().make_pipeline(),
                |pipeline, word| {
                    let term = stem(pipeline, word);
                    let other = term.as_ref().and_then(|term| {
                        spelling::american(word)
                            .and_then(|other| stem(pipeline, &other))
                            .filter(|other| other != term)
                    });
                    (term, other)
                },
            )
            .collect();
        self.words.reserve(sorted.len());
        for (word, (term, other)) in sorted.into_iter().zip(stemmed) {
            let number = term.map(|term| {
                if let Some(other) = other {
                    self.aliases.insert((other, term.clone()));
                }
                let terms = &mut self.terms;
                *self.numbers.entry(term).or_insert_with_key(|term| {
                    terms.push(term.clone());
                    u32::try_from(terms.len() - 1).unwrap_or(u32::MAX)
                })
            });
            self.words.insert(word, number);
        }
    }
}

/// The term `pipeline` makes of one lowercase word, or `None` for a stop word.
fn stem(pipeline: &Pipeline, word: &str) -> Option<String> {
    pipeline.run(vec![word.to_string()]).pop()
}

/// Writes `value` as a script calling `window.GLOBAL.FUNCTION(value)`, with a trailing newline.
/// JSON is valid JavaScript; `<`, `>` and `&` are escaped anyway so the text stays inert wherever
/// it ends up.
pub(crate) fn call<T: Serialize>(function: &str, value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    format!(
        "window.{GLOBAL}.{function}({});\n",
        super::jsonld::escape_for_script(&json)
    )
}

/// Writes `value` as a script assigning it to a global: `window.NAME = JSON;` with a trailing
/// newline, escaped like `call`.
pub(crate) fn script<T: Serialize>(global: &str, value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    format!(
        "window.{global} = {};\n",
        super::jsonld::escape_for_script(&json)
    )
}

#[cfg(test)]
mod tests;
