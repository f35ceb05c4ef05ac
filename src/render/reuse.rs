//! What `serve` keeps of the last build's views. Each view records, while it is made, which
//! articles it read and whether it read the site's lists of articles (through [`note`]); a page
//! keeps its fingerprint without its view being made again when none of what it read changed
//! (an article: its parsed file and its cross-links; the lists: title order, each term's and
//! region's articles, the A to Z, the emergency signs' articles, each source's citing articles)
//! and nothing else of the site did (terms, sources, care advice, configuration, templates).

use super::paging::Lists;
use super::{Page, PageKind, View};
use crate::crosslink::terms::TermSet;
use crate::crosslink::{Region, Site, Symptom};
use crate::diagnostic::Diagnostic;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

/// What a view reads, as [`note`] records it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Read<'s> {
    /// Article `i` (its file, its cross-links and the sources it cites).
    Article(usize),
    /// Every article.
    Articles,
    /// The lists of symptom `i` (of the taxonomy of articles): its articles, and the symptoms
    /// seen with it.
    Symptom(usize),
    /// The articles citing source `id`.
    Citing(&'s str),
    /// The site's lists of articles (every symptom's and source's included).
    Lists,
}

/// What a view read: the articles and symptoms, sorted (`None`: all of them), and whether the
/// lists.
#[derive(Debug, Clone)]
struct Reads {
    articles: Option<Vec<usize>>,
    symptoms: Vec<usize>,
    sources: Vec<String>,
    lists: bool,
}

thread_local! {
    /// What the view being made on this thread read, if it is being recorded.
    static READS: RefCell<Option<Reads>> = const { RefCell::new(None) };
}

/// Records that the view being made reads `read`.
pub(crate) fn note(read: Read<'_>) {
    READS.with_borrow_mut(|reads| {
        let Some(reads) = reads else { return };
        match (read, &mut reads.articles) {
            (Read::Article(i), Some(list)) => list.push(i),
            (Read::Article(_), None) => {}
            (Read::Articles, articles) => *articles = None,
            (Read::Symptom(i), _) => reads.symptoms.push(i),
            (Read::Citing(id), _) => reads.sources.push(id.to_string()),
            (Read::Lists, _) => reads.lists = true,
        }
    });
}

/// `make()`, with what it read.
fn recording<T>(make: impl FnOnce() -> T) -> (T, Option<Reads>) {
    let fresh = Reads {
        articles: Some(Vec::new()),
        symptoms: Vec::new(),
        sources: Vec::new(),
        lists: false,
    };
    let outer = READS.replace(Some(fresh));
    let made = make();
    let reads = READS.replace(outer).map(|mut reads| {
        if let Some(list) = &mut reads.articles {
            list.sort_unstable();
            list.dedup();
        }
        reads.symptoms.sort_unstable();
        reads.symptoms.dedup();
        reads.sources.sort_unstable();
        reads.sources.dedup();
        reads
    });
    (made, reads)
}

/// A page's view as it was made: the page, its fingerprint, and what it read.
#[derive(Debug, Clone)]
struct Made {
    kind: PageKind,
    print: u64,
    reads: Option<Reads>,
}

/// The fingerprints of the pages being served and what their views read, with the site they
/// were made from.
#[derive(Debug, Default)]
pub struct ViewMemo {
    /// The site the kept views were made from, and the digest of its configuration and templates.
    made_from: Option<(Arc<Site>, u64)>,
    /// The order of that site's paginated lists, if it was worked out.
    lists: Option<Arc<Lists>>,
    kept: HashMap<String, Made>,
    /// What the rebuild under way made; kept only if it succeeds ([`ViewMemo::commit`]).
    next: Mutex<HashMap<String, Made>>,
}

impl ViewMemo {
    /// Whether the page at `output` is served with fingerprint `print`.
    pub(crate) fn served(&self, output: &str, print: u64) -> bool {
        self.kept.get(output).is_some_and(|m| m.print == print)
    }

    /// Makes these pages' views the ones served, from `site` under `salt` (with the order of
    /// its paginated lists, if worked out).
    pub(crate) fn commit(
        &mut self,
        site: Arc<Site>,
        salt: u64,
        pages: &[Page],
        lists: Option<Arc<Lists>>,
    ) {
        self.lists = lists;
        let next = std::mem::take(self.next.get_mut().unwrap_or_else(PoisonError::into_inner));
        let outputs: std::collections::HashSet<&str> =
            pages.iter().map(|p| p.output.as_str()).collect();
        self.kept.retain(|path, _| outputs.contains(path.as_str()));
        self.kept.extend(next);
        // The site before is freed off the edit-to-reload path.
        crate::free_in_background(self.made_from.replace((site, salt)));
    }

    /// For `site` under `salt`, what changed since the kept views were made, or `None` when
    /// none of them can be kept.
    fn changes(&self, site: &Site, salt: u64) -> Option<Changes> {
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
        let (old_links, new_links) = (&old.links, &site.links);
        let links_same = Arc::ptr_eq(old_links, new_links);
        let links = (old_links.iter().zip(new_links.iter())).map(|(a, b)| links_same || a == b);
        let (old_refs, new_refs) = (&old.references, &site.references);
        let refs_same = Arc::ptr_eq(old_refs, new_refs);
        let cites = (old_refs.per_article.iter()).zip(&new_refs.per_article);
        let links = links
            .zip(cites)
            .map(|(l, (a, b))| l && (refs_same || a == b));
        let symptoms_same = Arc::ptr_eq(&old.symptoms, &site.symptoms);
        let symptoms = old.symptoms.iter().zip(site.symptoms.iter());
        let symptoms: Vec<bool> = symptoms
            .map(|(a, b)| !symptoms_same && term_lists(a) != term_lists(b))
            .collect();
        let articles: Vec<bool> = articles.zip(links).map(|(a, l)| !(a && l)).collect();
        let citing = match refs_same {
            true => HashSet::new(),
            false => citing_changes(old, site),
        };
        Some(Changes {
            any_article: articles.contains(&true),
            lists: !same_lists(old, site) || symptoms.contains(&true) || !citing.is_empty(),
            articles,
            citing,
            symptoms,
        })
    }
}

/// Which articles and symptoms' lists changed, by index, and whether any list did.
struct Changes {
    articles: Vec<bool>,
    /// Whether any article changed.
    any_article: bool,
    symptoms: Vec<bool>,
    /// The sources whose citing articles changed.
    citing: HashSet<String>,
    /// Whether any of the site's lists changed (the symptoms' and the sources' included).
    lists: bool,
}

/// A renderer's view of the memo: what changed since its views were made.
pub(crate) struct Reuse<'a> {
    memo: &'a ViewMemo,
    site: &'a Site,
    changed: Option<Changes>,
}

impl<'a> Reuse<'a> {
    /// The memo's reuse for `site`, whose configuration and templates digest as `salt`.
    pub(crate) fn new(memo: &'a ViewMemo, site: &'a Site, salt: u64) -> Self {
        let changed = memo.changes(site, salt);
        Reuse {
            memo,
            site,
            changed,
        }
    }

    /// The order of the paginated lists kept from the site the views were made from, when
    /// this site's lists and sources are that site's.
    pub(crate) fn lists(&self) -> Option<Arc<Lists>> {
        let (old, _) = self.memo.made_from.as_ref()?;
        let site = self.site;
        let same =
            Arc::ptr_eq(&old.a_to_z, &site.a_to_z) && Arc::ptr_eq(&old.registry, &site.registry);
        (same && old.config.page_size == site.config.page_size).then(|| self.memo.lists.clone())?
    }

    /// The kept fingerprint of `page`, when nothing its view read has changed.
    pub(crate) fn kept(&self, page: &Page) -> Option<u64> {
        let changed = self.changed.as_ref()?;
        let made = self.memo.kept.get(&page.output)?;
        let reads = made.reads.as_ref()?;
        let article = |i: usize| changed.articles.get(i).copied().unwrap_or(true);
        let symptom = |i: &usize| changed.symptoms.get(*i).copied().unwrap_or(true);
        let read_changed = (reads.lists && changed.lists)
            || reads.symptoms.iter().any(symptom)
            || reads.sources.iter().any(|id| changed.citing.contains(id))
            || match &reads.articles {
                Some(list) => list.iter().any(|&i| article(i)),
                None => changed.any_article,
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
            let mut next = (self.memo.next.lock()).unwrap_or_else(PoisonError::into_inner);
            next.insert(page.output.clone(), made);
        }
        made
    }
}

/// Whether the two sites have the same articles (by file) and the same everything else a view
/// can read besides the articles, their cross-links and the lists (the configuration aside,
/// which the salt covers). Every field is named, so that a new one is not forgotten.
fn same_besides_articles(a: &Site, b: &Site) -> bool {
    let Site {
        config: _,
        articles,
        links: _,
        by_title: _,
        symptoms,
        regions,
        term_sets,
        care,
        emergency: _,
        a_to_z: _,
        registry,
        references: _,
        reviewers,
        static_files: _,
        hidden_static: _,
        related_candidates_scored: _,
    } = a;
    articles.len() == b.articles.len()
        && articles
            .iter()
            .zip(&b.articles)
            .all(|(x, y)| Arc::ptr_eq(x, y) || x.key == y.key)
        && (Arc::ptr_eq(symptoms, &b.symptoms)
            || symptoms.iter().map(term).eq(b.symptoms.iter().map(term)))
        && (Arc::ptr_eq(regions, &b.regions)
            || regions.iter().map(region).eq(b.regions.iter().map(region)))
        && (Arc::ptr_eq(term_sets, &b.term_sets)
            || term_sets
                .iter()
                .map(term_set)
                .eq(b.term_sets.iter().map(term_set)))
        && same(care, &b.care)
        && same(registry, &b.registry)
        && same(reviewers, &b.reviewers)
}

/// Whether two shared values are the same: the same one, or equal.
fn same<T: PartialEq>(a: &Arc<T>, b: &Arc<T>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

/// Whether the two sites' lists of articles besides the symptoms' own are the same.
fn same_lists(a: &Site, b: &Site) -> bool {
    let shared = Arc::ptr_eq(&a.by_title, &b.by_title)
        && Arc::ptr_eq(&a.term_sets, &b.term_sets)
        && Arc::ptr_eq(&a.regions, &b.regions)
        && Arc::ptr_eq(&a.emergency, &b.emergency)
        && Arc::ptr_eq(&a.a_to_z, &b.a_to_z);
    shared || lists(a) == lists(b)
}

/// The site's lists of articles besides the symptoms' own.
fn lists(s: &Site) -> impl PartialEq + '_ {
    let terms = s.term_sets.iter().flat_map(|t| &t.terms);
    let terms: Vec<_> = terms.map(term_lists).collect();
    let regions: Vec<_> = s
        .regions
        .iter()
        .map(|r| (&r.articles, r.article_count))
        .collect();
    let rest = (&s.emergency, &s.a_to_z);
    (&s.by_title, terms, regions, rest)
}

/// A taxonomy's terms as views show them outside the lists.
fn term_set(t: &TermSet) -> impl PartialEq + '_ {
    let terms: Vec<_> = t.terms.iter().map(term).collect();
    (&t.taxonomy, &t.per_article, terms)
}

/// The sources whose citing articles differ (the two sites have the same sources).
fn citing_changes(a: &Site, b: &Site) -> HashSet<String> {
    let pairs = a.references.cited_by.iter().zip(&b.references.cited_by);
    let differ = pairs.filter(|((id, x), (other, y))| id != other || x != y);
    differ
        .flat_map(|((id, _), (other, _))| [id.clone(), other.clone()])
        .collect()
}

/// A symptom or term as views show it outside the lists.
fn term(s: &Symptom) -> impl PartialEq + '_ {
    let Symptom {
        slug,
        name,
        aka,
        description,
        level,
        line,
        articles: _,
        seen_with: _,
    } = s;
    (slug, name, aka, description, *level, *line)
}

/// A symptom's or term's lists: its articles and the symptoms seen with it.
fn term_lists(s: &Symptom) -> (&Vec<usize>, &Vec<(usize, usize)>) {
    (&s.articles, &s.seen_with)
}

/// A region as views show it outside the lists.
fn region(r: &Region) -> impl PartialEq + '_ {
    let Region {
        slug,
        name,
        map,
        symptoms,
        articles: _,
        article_count: _,
    } = r;
    (slug, name, map, symptoms)
}
