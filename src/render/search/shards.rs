//! Cuts the index into shards by term prefix and writes the search files.
//!
//! Terms, and the keys of alias entries, are sorted and grouped by their first letter; a group
//! too big for one shard (`SHARD_BYTES`, counted as the JSON it will be) is grouped again by its
//! second letter, and so on, and neighbouring groups small enough share a shard. A shard is thus
//! a run of whole prefixes: two terms that agree past the prefix their shard was cut at are in
//! the same shard, so the browser finds one-letter typos after that prefix among the terms it has
//! loaded. The manifest lists the first key of every shard (the first shortened to the prefix its
//! cut was made at, the very first to ""), so the browser finds a term's shard by binary search:
//! the last key not after the term.
//!
//! ```text
//! search/index.js  healthkbSearch.manifest({"n": documents, "top": TOP_DOCS, "keys": [...],
//!                    "kinds": {"A": "Article", "S": the taxonomy of articles' label,
//!                              key: label, for each further taxonomy with `search = true`},
//!                    "finder": false})  // only on a site whose home page has no finder
//! search/<n>.js    healthkbSearch.shard({"n": n,
//!                    "t": {term: [gap, weight, gap, weight, ...]},  // documents ascending
//!                    "a": {other spelling: [indexed term, ...]},
//!                    "f": {name's term without its first letter: [indexed term, ...]},  // if any
//!                    "c": {term listed in "f": [gap, weight, ...]},  // its best TOP_DOCS, if any
//!                    "d": {document: [url, title, kind, description]}})  // each term's top docs
//! ```
//!
//! A gap is the difference from the previous document in the list (the first from 0).

use super::{DocView, Facts, Kinds, MANIFEST_FILE, TOP_DOCS, Term, call};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

/// Largest shard wanted, in bytes of JSON before compression (gzip makes it about a third).
pub(super) const SHARD_BYTES: usize = 60_000;

/// One key of the index: a term with its postings, an other spelling with its indexed terms,
/// a name's term without its first letter with the names' terms, or several of these.
struct Entry {
    key: String,
    term: Option<Term>,
    aliases: Vec<String>,
    first: Vec<String>,
    /// Copies of the best `TOP_DOCS` postings of each term in `first`, (term, postings in
    /// document order), so that the shard that lists a name one first-letter typo away can rank
    /// it without loading the name's own shard.
    copies: Vec<(String, Vec<(u32, u32)>)>,
    /// Bytes it adds to its shard (an estimate; display data is counted per term).
    bytes: usize,
}

/// The index cut into shards: the manifest and each shard are made from it one at a time, so
/// each can be written as soon as it is made and never all are held at once.
pub(super) struct Shards<'a> {
    entries: Vec<Entry>,
    /// Each shard's entries and the depth its cut was made at, in key order.
    ranges: Vec<(Range<usize>, usize)>,
    views: &'a [DocView<'a>],
    facts: &'a Facts,
}

impl<'a> Shards<'a> {
    /// Cuts `terms` and the `aliases` into shards whose display data comes from `views`, with
    /// `facts` for the manifest.
    pub(super) fn cut(
        terms: Vec<(String, Term)>,
        aliases: &BTreeSet<(String, String)>,
        first: &BTreeSet<(String, String)>,
        views: &'a [DocView<'a>],
        facts: &'a Facts,
    ) -> Self {
        let view_bytes: Vec<usize> = views
            .iter()
            .map(|v| v.0.len() + v.1.len() + v.3.len() + 16)
            .collect();
        let entries = entries(terms, aliases, first, &view_bytes);
        let mut ranges = Vec::new();
        cut(&entries, 0..entries.len(), 0, &mut ranges);
        Shards {
            entries,
            ranges,
            views,
            facts,
        }
    }

    /// How many shards there are.
    pub(super) fn len(&self) -> usize {
        self.ranges.len()
    }

    /// The manifest, as (output path, text).
    pub(super) fn manifest(&self) -> (String, String) {
        let keys: Vec<String> = self
            .ranges
            .iter()
            .enumerate()
            .map(|(i, (range, depth))| match i {
                0 => String::new(),
                _ => self.entries[range.start]
                    .key
                    .chars()
                    .take(depth + 1)
                    .collect(),
            })
            .collect();
        let manifest = Manifest {
            n: self.views.len(),
            top: TOP_DOCS,
            keys,
            kinds: &self.facts.kinds,
            finder: (!self.facts.finder).then_some(false),
        };
        (MANIFEST_FILE.to_string(), call("manifest", &manifest))
    }

    /// Shard `n` (below `len()`), as (output path, text).
    pub(super) fn file(&self, n: usize) -> (String, String) {
        let entries = self
            .ranges
            .get(n)
            .and_then(|(range, _)| self.entries.get(range.clone()))
            .unwrap_or_default();
        (
            format!("{}/{n}.js", super::DIR),
            call("shard", &shard(n, entries, self.views)),
        )
    }
}

/// Every search file, as (output path, text): the manifest, then the shards in order.
pub(super) fn files(
    terms: Vec<(String, Term)>,
    aliases: &BTreeSet<(String, String)>,
    first: &BTreeSet<(String, String)>,
    views: &[DocView<'_>],
    facts: &Facts,
) -> Vec<(String, String)> {
    let shards = Shards::cut(terms, aliases, first, views, facts);
    let mut files = vec![shards.manifest()];
    files.par_extend((0..shards.len()).into_par_iter().map(|n| shards.file(n)));
    files
}

/// Terms and alias keys in key order. An alias from an other spelling to an indexed term is
/// kept both ways when both spellings are indexed, so either finds both.
fn entries(
    terms: Vec<(String, Term)>,
    aliases: &BTreeSet<(String, String)>,
    first: &BTreeSet<(String, String)>,
    view_bytes: &[usize],
) -> Vec<Entry> {
    let indexed: HashSet<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
    let named: HashSet<&str> = first.iter().map(|(_, term)| term.as_str()).collect();
    let tops: HashMap<String, Vec<(u32, u32)>> = terms
        .iter()
        .filter(|(t, _)| named.contains(t.as_str()))
        .map(|(t, term)| (t.clone(), best_postings(term)))
        .collect();
    // Each key's (other spellings, terms of names one first letter away).
    type Targets = (BTreeSet<String>, BTreeSet<String>);
    let mut targets: BTreeMap<String, Targets> = BTreeMap::new();
    for (other, term) in aliases {
        targets
            .entry(other.clone())
            .or_default()
            .0
            .insert(term.clone());
        if indexed.contains(other.as_str()) {
            targets
                .entry(term.clone())
                .or_default()
                .0
                .insert(other.clone());
        }
    }
    for (key, term) in first
        .iter()
        .filter(|(_, term)| indexed.contains(term.as_str()))
    {
        targets
            .entry(key.clone())
            .or_default()
            .1
            .insert(term.clone());
    }
    let mut targets = targets.into_iter().peekable();
    let mut entries = Vec::with_capacity(terms.len());
    let mut push = |key: String, term: Option<Term>, (aliases, first): Targets| {
        let aliases: Vec<String> = aliases.into_iter().collect();
        let first: Vec<String> = first.into_iter().collect();
        let copies: Vec<(String, Vec<(u32, u32)>)> = first
            .iter()
            .filter_map(|t| tops.get(t).map(|p| (t.clone(), p.clone())))
            .collect();
        let mut bytes = key.len()
            + 6
            + aliases.iter().map(|a| a.len() + 3).sum::<usize>()
            + first.iter().map(|a| a.len() + 3).sum::<usize>();
        for (name, postings) in &copies {
            bytes += name.len() + 6 + postings_bytes(postings);
            bytes += postings
                .iter()
                .map(|&(d, _)| view_bytes.get(d as usize).copied().unwrap_or(0))
                .sum::<usize>();
        }
        if let Some(term) = &term {
            bytes += postings_bytes(&term.postings)
                + term
                    .top
                    .iter()
                    .map(|&d| view_bytes.get(d as usize).copied().unwrap_or(0))
                    .sum::<usize>();
        }
        entries.push(Entry {
            key,
            term,
            aliases,
            first,
            copies,
            bytes,
        });
    };
    for (key, term) in terms {
        while let Some((other, sets)) = targets.next_if(|(other, _)| *other < key) {
            push(other, None, sets);
        }
        let own = targets
            .next_if(|(other, _)| *other == key)
            .map(|(_, sets)| sets)
            .unwrap_or_default();
        push(key, Some(term), own);
    }
    for (other, sets) in targets {
        push(other, None, sets);
    }
    entries
}

/// A term's best `TOP_DOCS` postings (its `top` documents), in document order.
fn best_postings(term: &Term) -> Vec<(u32, u32)> {
    let top: HashSet<u32> = term.top.iter().copied().collect();
    term.postings
        .iter()
        .filter(|(doc, _)| top.contains(doc))
        .copied()
        .collect()
}

/// Bytes of `postings` written gap coded as JSON numbers.
fn postings_bytes(postings: &[(u32, u32)]) -> usize {
    postings.len() * 2
        + postings
            .iter()
            .scan(0, |last, &(doc, w)| {
                let gap = doc - *last;
                *last = doc;
                Some(digits(gap) + digits(w))
            })
            .sum::<usize>()
}

/// `postings` as the flat gap-coded list the shards hold: gap, weight, gap, weight, ...
fn flat(postings: &[(u32, u32)]) -> Vec<u32> {
    let mut last = 0;
    let mut flat = Vec::with_capacity(postings.len() * 2);
    for &(doc, weight) in postings {
        flat.extend([doc - last, weight]);
        last = doc;
    }
    flat
}

/// Decimal digits of `n`.
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Cuts `entries[range]`, whose keys agree on their first `depth` letters, into shards, as
/// (range, depth of the cut) in key order (see the module documentation).
fn cut(entries: &[Entry], range: Range<usize>, depth: usize, out: &mut Vec<(Range<usize>, usize)>) {
    let letter = |i: usize| entries[i].key.chars().nth(depth);
    let mut current: Option<(Range<usize>, usize)> = None;
    let mut start = range.start;
    while start < range.end {
        let mut end = start;
        let mut bytes = 0;
        while end < range.end && letter(end) == letter(start) {
            bytes += entries[end].bytes;
            end += 1;
        }
        if bytes > SHARD_BYTES && end - start > 1 {
            out.extend(current.take().map(|(r, _)| (r, depth)));
            cut(entries, start..end, depth + 1, out);
        } else {
            current = match current.take() {
                Some((r, b)) if b + bytes <= SHARD_BYTES => Some((r.start..end, b + bytes)),
                other => {
                    out.extend(other.map(|(r, _)| (r, depth)));
                    Some((start..end, bytes))
                }
            };
        }
        start = end;
    }
    out.extend(current.map(|(r, _)| (r, depth)));
}

#[derive(Serialize)]
struct Manifest<'a> {
    /// Documents in all.
    n: usize,
    /// Documents per term whose display data its shard carries: the browser ranks only these.
    top: usize,
    /// The first key of every shard.
    keys: Vec<String>,
    /// What a result calls each kind of document.
    kinds: &'a Kinds,
    /// `false` on a site whose home page has no finder, else left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    finder: Option<bool>,
}

#[derive(Serialize)]
struct Shard<'a> {
    n: usize,
    t: BTreeMap<&'a str, Vec<u32>>,
    a: BTreeMap<&'a str, &'a [String]>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    f: BTreeMap<&'a str, &'a [String]>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    c: BTreeMap<&'a str, Vec<u32>>,
    d: BTreeMap<u32, &'a DocView<'a>>,
}

/// Shard `n`, holding `entries`.
fn shard<'a>(n: usize, entries: &'a [Entry], views: &'a [DocView<'a>]) -> Shard<'a> {
    let mut shard = Shard {
        n,
        t: BTreeMap::new(),
        a: BTreeMap::new(),
        f: BTreeMap::new(),
        c: BTreeMap::new(),
        d: BTreeMap::new(),
    };
    for entry in entries {
        if !entry.aliases.is_empty() {
            shard.a.insert(&entry.key, &entry.aliases);
        }
        if !entry.first.is_empty() {
            shard.f.insert(&entry.key, &entry.first);
        }
        for (name, postings) in &entry.copies {
            shard.c.insert(name, flat(postings));
            shard.d.extend(
                postings
                    .iter()
                    .filter_map(|&(doc, _)| views.get(doc as usize).map(|v| (doc, v))),
            );
        }
        let Some(term) = &entry.term else { continue };
        shard.t.insert(&entry.key, flat(&term.postings));
        for &doc in &term.top {
            if let Some(view) = views.get(doc as usize) {
                shard.d.insert(doc, view);
            }
        }
    }
    shard
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            kinds: Kinds {
                article: "Article".to_string(),
                term: "Symptom".into(),
                further: BTreeMap::new(),
            },
            finder: true,
        }
    }

    fn term(docs: usize) -> Term {
        Term {
            postings: (0..docs as u32).map(|d| (d, 7)).collect(),
            top: vec![],
        }
    }

    /// Shards cut from `terms` (name, documents), as the terms of each shard.
    fn shards_of(terms: &[(&str, usize)]) -> (Vec<String>, Vec<Vec<String>>) {
        let terms = terms
            .iter()
            .map(|(name, docs)| (name.to_string(), term(*docs)))
            .collect();
        let views = [DocView("a/".into(), "A", "A", "".into())];
        let files = files(terms, &BTreeSet::new(), &BTreeSet::new(), &views, &facts());
        let parse = |text: &str, function: &str| -> serde_json::Value {
            let prefix = format!("window.healthkbSearch.{function}(");
            let json = text
                .strip_prefix(&prefix)
                .and_then(|t| t.strip_suffix(");\n"))
                .expect("one call");
            serde_json::from_str(json).expect("JSON")
        };
        let manifest = parse(&files[0].1, "manifest");
        let keys = manifest["keys"]
            .as_array()
            .expect("keys")
            .iter()
            .map(|k| k.as_str().expect("a string").to_string())
            .collect();
        let shards = files
            .iter()
            .filter(|(name, _)| name != MANIFEST_FILE)
            .map(|(_, text)| {
                let shard = parse(text, "shard");
                shard["t"]
                    .as_object()
                    .expect("terms")
                    .keys()
                    .cloned()
                    .collect()
            })
            .collect();
        (keys, shards)
    }

    #[test]
    fn a_small_index_is_one_shard() {
        let (keys, shards) = shards_of(&[("back", 3), ("pain", 2)]);
        assert_eq!(keys, [""]);
        assert_eq!(shards, [["back", "pain"]]);
    }

    #[test]
    fn a_prefix_too_big_for_one_shard_is_split_at_its_next_letter() {
        // Each of these terms is about a third of a shard.
        let big = SHARD_BYTES / 3 / 4;
        let (keys, shards) = shards_of(&[
            ("apple", 10),
            ("sa", big),
            ("sciatca", big),
            ("sciatica", big),
            ("spasm", big),
            ("spine", big),
            ("zoster", 10),
        ]);
        assert!(keys.len() > 3, "{keys:?}");
        assert!(
            keys.contains(&"sp".to_string()),
            "s is cut at its second letter: {keys:?}"
        );
        assert!(
            shards
                .iter()
                .any(|s| s.contains(&"sciatca".to_string()) && s.contains(&"sciatica".to_string())),
            "terms that agree past the cut share a shard: {shards:?}"
        );
        // Every term is in the shard of the last key not after it.
        for (n, terms) in shards.iter().enumerate() {
            for t in terms {
                let found = keys.iter().rposition(|k| k.as_str() <= t.as_str());
                assert_eq!(found, Some(n), "{t}");
            }
        }
    }

    #[test]
    fn one_term_larger_than_a_shard_is_a_shard_of_its_own() {
        let (keys, shards) = shards_of(&[("a", 5), ("pain", SHARD_BYTES), ("pale", 5)]);
        assert_eq!(shards.len(), 3, "{keys:?}");
        assert_eq!(shards[1], ["pain"]);
    }

    #[test]
    fn a_first_letter_entry_carries_its_names_best_postings_and_their_pages() {
        // "ciatica" (sciatica without its first letter) is cut into another shard than
        // "sciatica": the shard listing it must rank "sciatica" on its own.
        let big = SHARD_BYTES / 2 / 4;
        let mut sciatica = term(TOP_DOCS + 5);
        sciatica.top = (5..5 + TOP_DOCS as u32).collect();
        let terms = vec![
            ("ciatica-filler".to_string(), term(big)),
            ("m".to_string(), term(big)),
            ("sciatica".to_string(), sciatica),
        ];
        let first = BTreeSet::from([("ciatica".to_string(), "sciatica".to_string())]);
        let views: Vec<DocView> = (0..TOP_DOCS + 5)
            .map(|_| DocView("s/".into(), "S", "A", "".into()))
            .collect();
        let files = files(terms, &BTreeSet::new(), &first, &views, &facts());
        let holder = files
            .iter()
            .find(|(_, text)| text.contains("\"f\":{\"ciatica\":[\"sciatica\"]}"))
            .expect("a shard lists ciatica");
        assert!(
            !holder.1.contains("\"t\":{\"sciatica\""),
            "another shard holds the term"
        );
        let gaps = [
            "5,7", "1,7", "1,7", "1,7", "1,7", "1,7", "1,7", "1,7", "1,7", "1,7",
        ]
        .join(",");
        assert!(
            holder
                .1
                .contains(&format!("\"c\":{{\"sciatica\":[{gaps}]}}")),
            "its best {TOP_DOCS} postings, gap coded: {}",
            holder.1
        );
        assert!(holder.1.contains("\"5\":[\"s/\""), "with their pages");
        assert!(!holder.1.contains("\"4\":[\"s/\""), "and only theirs");
    }

    #[test]
    fn digits_counts_decimal_digits() {
        assert_eq!(
            [0, 9, 10, 99, 100, u32::MAX].map(digits),
            [1, 1, 2, 2, 3, 10]
        );
    }
}
