//! Data for the symptom finder on the home page, in parts, so that no file grows with the site:
//!
//! - `finder/index.js` (loaded with the page) assigns `window.healthkbFinder`: the number of
//!   articles, how many results to show, the symptom pages' URL prefix, how many parts each
//!   symptom has and how many articles each chunk holds;
//! - `finder/s/<slug>.<k>.js`, part `k` of a symptom (a term of the taxonomy of articles): the
//!   positions (in title order) of the articles tagged with it, gap coded (the first absolute,
//!   then the differences), split so no part exceeds `PART_BYTES`; a term of a further taxonomy
//!   with `finder = true` has its parts at `finder/t/<taxonomy>/<slug>.<k>.js`, and the index
//!   holds its taxonomy's term pages' prefix and parts under `t`;
//! - `finder/a/<k>.js`, chunk `k` of the articles in title order: `[title, URL, description]`,
//!   at most `CHUNK` articles and about `PART_BYTES` each.
//!
//! A part registers itself as `healthkbFinderParts["s/<slug>.<k>"]` (or `"a/<k>"`), so plain
//! `<script src>` elements load it: it works from `file://`, under a subpath and with
//! `script-src 'self'`. The home page lists the terms of every taxonomy that feeds the finder as
//! checkboxes (their `value` is the slug, `data-finder-set` the taxonomy for a further one,
//! emergency signs in their own fieldset); `static/finder.js` loads a term's parts when it is
//! ticked and then the chunks of the results it shows, and ranks articles by how many ticked
//! terms each covers, whatever their taxonomy, then by title.

pub(crate) use super::finder_form::Words;
use crate::crosslink::{Site, Symptom};
use serde::Serialize;
use std::collections::BTreeMap;

/// The index, relative to the output folder (the other files are under `finder/` too).
pub(crate) const INDEX_FILE: &str = "finder/index.js";

/// The global the index assigns (read by `static/finder.js`).
pub(crate) const GLOBAL: &str = "healthkbFinder";

/// The global object the parts and chunks add themselves to.
pub(crate) const PARTS_GLOBAL: &str = "healthkbFinderParts";

/// At most this many articles per chunk.
pub(crate) const CHUNK: usize = 40;

/// A part or chunk stops growing before its text passes this many bytes (uncompressed, so well
/// under 100 KB gzipped).
pub(crate) const PART_BYTES: usize = 60 * 1024;

/// How many results the finder shows; the rest are on the symptom pages.
pub(crate) const TOP: usize = 20;

/// Descriptions in the chunks stop after this many characters.
pub(crate) const DESCRIPTION_CHARS: usize = 300;

/// One article as the finder shows it: title, URL from the site root, description.
pub(crate) type Entry<'a> = (&'a str, &'a str, String);

/// What the finder needs, in plain data: the articles in title order, and for every term of each
/// taxonomy that feeds it (by slug) the positions of its articles in that order, ascending.
pub(crate) struct Source<'a> {
    /// Articles in title order.
    pub articles: Vec<Entry<'a>>,
    /// The taxonomy of articles' terms as (slug, positions), in slug order; none when it does not
    /// feed the finder.
    pub symptoms: Vec<(&'a str, Vec<usize>)>,
    /// The URL segment of the symptom pages (`symptoms`), which the page puts before a slug.
    pub segment: &'a str,
    /// Each further taxonomy with `finder = true`, in `site.toml`'s order.
    pub further: Vec<Further<'a>>,
    /// What the finder calls what the reader ticks.
    pub words: Words,
}

/// A further taxonomy's terms, as the finder uses them.
pub(crate) struct Further<'a> {
    /// The taxonomy's name: its parts are under `finder/t/<name>/`.
    pub name: &'a str,
    /// The URL segment of its term pages.
    pub segment: &'a str,
    /// (slug, positions), in slug order.
    pub terms: Vec<(&'a str, Vec<usize>)>,
}

/// Each of `terms` (slug order) as (slug, the positions of its articles in title order), with
/// `position` the title-order place of each article.
fn positions_of<'a>(terms: &'a [Symptom], position: &[usize]) -> Vec<(&'a str, Vec<usize>)> {
    let mut found: Vec<(&str, Vec<usize>)> = terms
        .iter()
        .map(|s| {
            let mut covered: Vec<usize> = s
                .articles
                .iter()
                .filter_map(|&a| position.get(a).copied())
                .collect();
            covered.sort_unstable();
            covered.dedup();
            (s.slug.as_str(), covered)
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(b.0));
    found
}

impl<'a> Source<'a> {
    /// The finder's data for `site`.
    pub(crate) fn of(site: &'a Site) -> Self {
        let mut position = vec![0; site.articles.len()];
        let articles = site
            .by_title
            .iter()
            .enumerate()
            .filter_map(|(place, &i)| {
                let article = site.articles.get(i)?;
                if let Some(slot) = position.get_mut(i) {
                    *slot = place;
                }
                let description =
                    crate::placeholder::fill(&site.config, &article.front.description);
                Some((
                    article.front.title.as_str(),
                    article.url.as_str(),
                    shorten(&description, DESCRIPTION_CHARS),
                ))
            })
            .collect();
        let first = site.config.article_taxonomy();
        let symptoms = match first.finder {
            true => positions_of(&site.symptoms, &position),
            false => Vec::new(),
        };
        let further = site
            .term_sets
            .iter()
            .filter(|set| set.taxonomy.finder)
            .map(|set| Further {
                name: &set.taxonomy.name,
                segment: &set.taxonomy.segment,
                terms: positions_of(&set.terms, &position),
            })
            .collect();
        Source {
            articles,
            symptoms,
            segment: &first.segment,
            further,
            words: Words::of(&site.config),
        }
    }
}

/// `text` cut after `max` characters, at a space if there is one near, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = match head.rfind(' ') {
                Some(space) if space > cut / 2 => &head[..space],
                _ => head,
            };
            format!("{}…", head.trim_end())
        }
    }
}

/// The index the page loads up front.
#[derive(Serialize)]
struct Index<'a> {
    /// Number of articles.
    n: usize,
    /// Results shown.
    top: usize,
    /// URL prefix of the symptom pages (`symptoms/`).
    p: &'a str,
    /// Number of articles in each chunk, in order.
    a: Vec<usize>,
    /// Number of parts of each symptom, by slug.
    s: BTreeMap<&'a str, usize>,
    /// Each further taxonomy that feeds the finder, by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    t: BTreeMap<&'a str, FurtherIndex<'a>>,
    /// What the finder calls what the reader ticks, unless it is this guide's "symptom".
    #[serde(skip_serializing_if = "Option::is_none")]
    w: Option<&'a Words>,
}

/// A further taxonomy in the index: its term pages' URL prefix and its terms' parts.
#[derive(Serialize)]
struct FurtherIndex<'a> {
    /// URL prefix of its term pages (`treatments/`).
    p: String,
    /// Number of parts of each term, by slug.
    s: BTreeMap<&'a str, usize>,
}

/// Numbers in ascending order as gaps: the first, then the difference from the one before.
pub(crate) fn gaps(numbers: &[usize]) -> Vec<usize> {
    let mut previous = None;
    numbers
        .iter()
        .map(|&n| {
            let gap = previous.map_or(n, |p| n.saturating_sub(p));
            previous = Some(n);
            gap
        })
        .collect()
}

/// The numbers `gaps` coded.
#[cfg(test)]
pub(crate) fn ungap(gaps: &[usize]) -> Vec<usize> {
    let mut sum = 0;
    gaps.iter()
        .map(|&g| {
            sum += g;
            sum
        })
        .collect()
}

/// Decimal digits of `n`.
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// `numbers` (ascending) split into runs whose gap coding stays under `limit` bytes of JSON;
/// each run starts its gaps afresh. No numbers give one empty run.
fn split_by_size(numbers: &[usize], limit: usize) -> Vec<&[usize]> {
    let mut runs = Vec::new();
    let (mut start, mut bytes) = (0, 2);
    for (i, &n) in numbers.iter().enumerate() {
        let gap = match i.checked_sub(1).and_then(|p| numbers.get(p)) {
            Some(&before) if i > start => n.saturating_sub(before),
            _ => n,
        };
        let mut cost = digits(gap) + 1;
        if bytes + cost > limit && i > start {
            runs.extend(numbers.get(start..i));
            start = i;
            cost = digits(n) + 1;
            bytes = 2;
        }
        bytes += cost;
    }
    runs.extend(numbers.get(start..));
    runs
}

/// The length of `entry` as JSON, counted without making the text.
fn json_len(entry: &Entry) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    match serde_json::to_writer(&mut count, entry) {
        Ok(()) => count.0,
        Err(_) => "null".len(),
    }
}

/// How many articles each chunk holds: at most `CHUNK`, and about `PART_BYTES` of JSON text.
fn chunk_sizes(articles: &[Entry]) -> Vec<usize> {
    let mut sizes = Vec::new();
    let (mut count, mut bytes) = (0, 1);
    for entry in articles {
        let len = json_len(entry);
        if count > 0 && (count == CHUNK || bytes + len + 2 > PART_BYTES) {
            sizes.push(count);
            (count, bytes) = (0, 1);
        }
        bytes += len + usize::from(count > 0);
        count += 1;
    }
    if count > 0 {
        sizes.push(count);
    }
    sizes
}

/// The articles split into the chunks `chunk_sizes` gives, as (number of articles, JSON text).
fn chunks(articles: &[Entry]) -> Vec<(usize, String)> {
    let mut rest = articles;
    chunk_sizes(articles)
        .into_iter()
        .map(|size| {
            let (chunk, after) = rest.split_at(size.min(rest.len()));
            rest = after;
            let json = serde_json::to_string(chunk).unwrap_or_else(|_| "[]".to_string());
            (size, json)
        })
        .collect()
}

/// The script that adds `json` to the parts as `key`.
fn part_script(key: &str, json: &str) -> String {
    let key = serde_json::to_string(key).unwrap_or_default();
    format!(
        "(window.{PARTS_GLOBAL} = window.{PARTS_GLOBAL} || {{}})[{key}] = {};\n",
        super::jsonld::escape_for_script(json)
    )
}

/// The parts of `terms` (under `finder/<dir>/`) added to `files`; how many each term has.
fn term_parts<'a>(
    dir: &str,
    terms: &[(&'a str, Vec<usize>)],
    files: &mut Vec<(String, String)>,
) -> BTreeMap<&'a str, usize> {
    let mut parts = BTreeMap::new();
    for (slug, positions) in terms {
        let runs = split_by_size(positions, PART_BYTES);
        parts.insert(*slug, runs.len());
        for (k, run) in runs.iter().enumerate() {
            let key = format!("{dir}/{slug}.{k}");
            let json = serde_json::to_string(&gaps(run)).unwrap_or_default();
            files.push((format!("finder/{key}.js"), part_script(&key, &json)));
        }
    }
    parts
}

/// Where a further taxonomy's parts go under `finder/`.
fn further_dir(name: &str) -> String {
    format!("t/{name}")
}

/// Every finder file as (output path, text): the index, the terms' parts (the taxonomy of
/// articles', then each further taxonomy's) and the article chunks. Deterministic: the same site
/// gives the same files in the same order.
pub(crate) fn files_of(source: &Source) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let parts = term_parts("s", &source.symptoms, &mut files);
    let mut further = BTreeMap::new();
    for set in &source.further {
        let s = term_parts(&further_dir(set.name), &set.terms, &mut files);
        let p = format!("{}/", set.segment);
        further.insert(set.name, FurtherIndex { p, s });
    }
    let mut sizes = Vec::new();
    for (k, (size, json)) in chunks(&source.articles).into_iter().enumerate() {
        let key = format!("a/{k}");
        sizes.push(size);
        files.push((format!("finder/{key}.js"), part_script(&key, &json)));
    }
    // `symptoms/<slug>/`: the page adds the slug and a slash.
    let prefix = format!("{}/", source.segment);
    let index = Index {
        n: source.articles.len(),
        top: TOP,
        p: &prefix,
        a: sizes,
        s: parts,
        t: further,
        w: Some(&source.words).filter(|w| **w != Words::symptoms()),
    };
    files.insert(
        0,
        (
            INDEX_FILE.to_string(),
            super::search::script(GLOBAL, &index),
        ),
    );
    files
}

/// Every finder file of `site` (see `files_of`).
pub(crate) fn files(site: &Site) -> Vec<(String, String)> {
    files_of(&Source::of(site))
}

/// The output paths of `files`, in the same order (see `names_of`).
pub(crate) fn file_names(site: &Site) -> Vec<String> {
    names_of(&Source::of(site))
}

/// The output paths of `files_of(source)`, in the same order, worked out from how the data is
/// cut without making the files' text.
pub(crate) fn names_of(source: &Source) -> Vec<String> {
    let mut names = vec![INDEX_FILE.to_string()];
    let sets = std::iter::once(("s".to_string(), &source.symptoms))
        .chain((source.further.iter()).map(|set| (further_dir(set.name), &set.terms)));
    for (dir, terms) in sets {
        for (slug, positions) in terms {
            let parts = split_by_size(positions, PART_BYTES).len();
            names.extend((0..parts).map(|k| format!("finder/{dir}/{slug}.{k}.js")));
        }
    }
    let chunks = chunk_sizes(&source.articles).len();
    names.extend((0..chunks).map(|k| format!("finder/a/{k}.js")));
    names
}

#[cfg(test)]
#[path = "finder_tests.rs"]
pub(super) mod tests;
