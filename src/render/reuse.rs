//! What `serve` keeps of the last build's views. Each view records, while it is made, which
//! articles it read (through [`note`]); a page keeps its fingerprint without its view being made
//! again when none of those articles (the parsed file and its cross-links) changed and nothing
//! else of the site did (its term lists, A to Z, sources, configuration and templates).

use super::{Page, PageKind, View};
use crate::crosslink::Site;
use crate::diagnostic::Diagnostic;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The articles a view read, by index: sorted, or `None` for all of them.
type Reads = Option<Vec<usize>>;

thread_local! {
    /// The reads of the view being made on this thread, if they are being recorded.
    static READS: RefCell<Option<Reads>> = const { RefCell::new(None) };
}

/// Records that the view being made reads article `i` (`None`: every article).
pub(crate) fn note(i: Option<usize>) {
    READS.with_borrow_mut(|reads| match (reads, i) {
        (Some(Some(list)), Some(i)) => list.push(i),
        (Some(reads), None) => *reads = None,
        _ => {}
    });
}

/// `make()`, with the articles it read.
fn recording<T>(make: impl FnOnce() -> T) -> (T, Reads) {
    let outer = READS.replace(Some(Some(Vec::new())));
    let made = make();
    let reads = READS.replace(outer).flatten().map(|mut list| {
        list.sort_unstable();
        list.dedup();
        list
    });
    (made, reads)
}

/// A page's view as it was made: the page, its fingerprint, and what it read.
#[derive(Debug, Clone)]
struct Made {
    kind: PageKind,
    print: u64,
    reads: Reads,
}

/// The fingerprints of the pages being served and what their views read, with the site they
/// were made from.
#[derive(Debug, Default)]
pub struct ViewMemo {
    /// The site the kept views were made from, and the digest of its configuration and templates.
    made_from: Option<(Arc<Site>, u64)>,
    kept: HashMap<String, Made>,
    /// What the rebuild under way made; kept only if it succeeds ([`ViewMemo::commit`]).
    next: Mutex<HashMap<String, Made>>,
}

impl ViewMemo {
    /// Whether the page at `output` is served with fingerprint `print`.
    pub(crate) fn served(&self, output: &str, print: u64) -> bool {
        self.kept.get(output).is_some_and(|m| m.print == print)
    }

    /// Makes these pages' views the ones served, from `site` under `salt`.
    pub(crate) fn commit(&mut self, site: Arc<Site>, salt: u64, pages: &[Page]) {
        let next = std::mem::take(self.next.get_mut().unwrap_or_else(PoisonError::into_inner));
        let outputs: std::collections::HashSet<&str> =
            pages.iter().map(|p| p.output.as_str()).collect();
        self.kept.retain(|path, _| outputs.contains(path.as_str()));
        self.kept.extend(next);
        // The site before is freed off the edit-to-reload path.
        crate::free_in_background(self.made_from.replace((site, salt)));
    }

    /// For `site` under `salt`, which articles changed since the kept views were made, or
    /// `None` when none of them can be kept.
    fn changes(&self, site: &Site, salt: u64) -> Option<Vec<bool>> {
        self.next
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        let (old, old_salt) = self.made_from.as_ref()?;
        if *old_salt != salt || !same_besides_articles(old, site) {
            return None;
        }
        let same = |(a, b): (&Arc<_>, &Arc<_>)| Arc::ptr_eq(a, b);
        let articles = old.articles.iter().zip(&site.articles).map(same);
        let links = old.links.iter().zip(&site.links).map(|(a, b)| a == b);
        Some(articles.zip(links).map(|(a, l)| !(a && l)).collect())
    }
}

/// A renderer's view of the memo: what changed since its views were made.
pub(crate) struct Reuse<'a> {
    memo: &'a ViewMemo,
    changed: Option<Vec<bool>>,
}

impl<'a> Reuse<'a> {
    /// The memo's reuse for `site`, whose configuration and templates digest as `salt`.
    pub(crate) fn new(memo: &'a ViewMemo, site: &Site, salt: u64) -> Self {
        let changed = memo.changes(site, salt);
        Reuse { memo, changed }
    }

    /// The kept fingerprint of `page`, when nothing its view read has changed.
    pub(crate) fn kept(&self, page: &Page) -> Option<u64> {
        let changed = self.changed.as_ref()?;
        let made = self.memo.kept.get(&page.output)?;
        let read_changed = match &made.reads {
            Some(list) => list
                .iter()
                .any(|&i| changed.get(i).copied().unwrap_or(true)),
            None => changed.contains(&true),
        };
        (made.kind == page.kind && !read_changed).then_some(made.print)
    }

    /// `make()`, a page's template and view, with what the view read kept for the next build.
    pub(crate) fn record<'v>(
        &self,
        page: &Page,
        make: impl FnOnce() -> Result<(&'v str, View<'v>), Diagnostic>,
    ) -> Result<(&'v str, View<'v>), Diagnostic> {
        let (made, reads) = recording(make);
        if let Ok((_, view)) = &made {
            let made = Made {
                kind: page.kind,
                print: view.print,
                reads,
            };
            let mut next = self
                .memo
                .next
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            next.insert(page.output.clone(), made);
        }
        made
    }
}

/// Whether the two sites have the same articles (by file) and the same everything else a view
/// can read besides the articles and their cross-links (the configuration aside, which the salt
/// covers). Every field is named, so that a new one is not forgotten.
fn same_besides_articles(a: &Site, b: &Site) -> bool {
    let Site {
        config: _,
        articles,
        links: _,
        by_title,
        symptoms,
        regions,
        term_sets,
        care,
        emergency,
        a_to_z,
        registry,
        references,
        reviewers,
        static_files: _,
        hidden_static: _,
        related_candidates_scored: _,
    } = a;
    articles.len() == b.articles.len()
        && articles
            .iter()
            .zip(&b.articles)
            .all(|(x, y)| x.key == y.key)
        && (by_title, symptoms, regions, term_sets)
            == (&b.by_title, &b.symptoms, &b.regions, &b.term_sets)
        && (care, emergency, a_to_z) == (&b.care, &b.emergency, &b.a_to_z)
        && (registry, references, reviewers) == (&b.registry, &b.references, &b.reviewers)
}
