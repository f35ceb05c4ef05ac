//! Each document's words as term numbers, tokenized once: `Lexicon::add` reads a document's
//! fields and looks up each word once, recording a word the lexicon does not hold yet as a
//! placeholder (`NEW`) that `Tokens::resolve` replaces once the chunk's new words are numbered;
//! `Tokens::weigh` then counts the term numbers into a table reused by each thread (`Counts`),
//! with no further hashing.

use super::{BOOSTS, Doc, Fast, Lexicon, words};
use std::collections::HashMap;

/// The bit that marks a placeholder in `Tokens::terms`: the rest is the word's place in
/// `Tokens::new`. Term numbers stay below it (a site would need two billion distinct terms).
const NEW: u32 = 1 << 31;

/// One document's words, field by field (title, aliases, symptoms, description, body), as term
/// numbers; stop words are left out, so a field's length is its number of terms.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Tokens {
    /// The term number of every word, in field order; before `resolve`, a word that the lexicon
    /// did not hold is `NEW` plus its place in `new`.
    terms: Vec<u32>,
    /// Where each field's terms end in `terms`.
    ends: [u32; 5],
    /// The document's words that the lexicon did not hold when it was tokenized, each once.
    pub(super) new: Vec<String>,
}

/// What one thread reuses while it tokenizes documents: the word buffer and the document's new
/// words with their places.
#[derive(Default)]
pub(super) struct Scratch {
    buffer: String,
    new: HashMap<String, u32, Fast>,
}

impl Lexicon {
    /// The words of `doc` (its body given as plain text, `body`) as term numbers, with a
    /// placeholder for each word the lexicon does not hold yet (see `Tokens`).
    pub(super) fn tokenize(&self, doc: &Doc<'_>, body: &str, scratch: &mut Scratch) -> Tokens {
        let Scratch { buffer, new } = scratch;
        let mut tokens = Tokens::default();
        doc.each_field(body, |field, text| {
            words(text, buffer, |word| match self.words.get(word) {
                Some(&Some(term)) => tokens.terms.push(term),
                Some(None) => {}
                None => {
                    let place = match new.get(word) {
                        Some(&place) => place,
                        None => {
                            let place = u32::try_from(new.len()).unwrap_or(NEW - 1);
                            new.insert(word.to_string(), place);
                            place
                        }
                    };
                    tokens.terms.push(NEW | place);
                }
            });
            tokens.ends[field] = end(&tokens.terms);
        });
        // A field that is not given (an empty body) ends where the previous one does.
        for field in 1..5 {
            tokens.ends[field] = tokens.ends[field].max(tokens.ends[field - 1]);
        }
        tokens.new = vec![String::new(); new.len()];
        for (word, place) in new.drain() {
            tokens.new[place as usize] = word;
        }
        tokens
    }
}

/// The length of `terms` as a position in it.
fn end(terms: &[u32]) -> u32 {
    u32::try_from(terms.len()).unwrap_or(u32::MAX)
}

impl Tokens {
    /// Replaces every placeholder with the term of its word in `lexicon`, which now holds every
    /// new word, and leaves out the new stop words (their fields shrink by as many).
    pub(super) fn resolve(&mut self, lexicon: &Lexicon) {
        if self.new.is_empty() {
            return;
        }
        let found: Vec<Option<u32>> = self
            .new
            .iter()
            .map(|word| lexicon.words.get(word).copied().flatten())
            .collect();
        let mut kept = 0;
        let mut start = 0;
        for end in &mut self.ends {
            for i in start..*end as usize {
                let code = self.terms[i];
                let term = match code & NEW {
                    0 => Some(code),
                    _ => found.get((code & !NEW) as usize).copied().flatten(),
                };
                if let Some(term) = term {
                    self.terms[kept] = term;
                    kept += 1;
                }
            }
            start = *end as usize;
            *end = u32::try_from(kept).unwrap_or(u32::MAX);
        }
        self.terms.truncate(kept);
        self.new = Vec::new();
    }

    /// The document's (term number, weight before the inverse document frequency), in term
    /// number order (see the module documentation of `search` for the weight), counted in
    /// `counts`, which holds a row for every term number.
    pub(super) fn weigh(&self, counts: &mut Counts) -> Vec<(u32, f32)> {
        let mut lengths = [0u32; 5];
        let mut start = 0;
        for (field, &end) in self.ends.iter().enumerate() {
            lengths[field] = end - start;
            for &term in &self.terms[start as usize..end as usize] {
                counts.add(term, field);
            }
            start = end;
        }
        counts.touched.sort_unstable();
        let mut weighed = Vec::with_capacity(counts.touched.len());
        for &term in &counts.touched {
            let count = std::mem::take(&mut counts.table[term as usize]);
            let weight = (0..5)
                .filter(|&f| count[f] > 0)
                .map(|f| BOOSTS[f] * (count[f] as f32).sqrt() / (lengths[f] as f32).sqrt())
                .sum();
            weighed.push((term, weight));
        }
        counts.touched.clear();
        weighed
    }
}

/// One thread's table of a document's term counts by field, indexed by term number, and the
/// terms it touched; `Tokens::weigh` leaves it all zero again.
pub(super) struct Counts {
    table: Vec<[u32; 5]>,
    touched: Vec<u32>,
}

impl Counts {
    /// An empty table with a row for each of `terms` term numbers.
    pub(super) fn new(terms: usize) -> Counts {
        Counts {
            table: vec![[0; 5]; terms],
            touched: Vec::new(),
        }
    }

    /// Counts one occurrence of `term` in `field`.
    fn add(&mut self, term: u32, field: usize) {
        let row = &mut self.table[term as usize];
        if *row == [0; 5] {
            self.touched.push(term);
        }
        row[field] += 1;
    }
}
