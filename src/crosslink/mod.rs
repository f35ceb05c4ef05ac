//! Step 2, cross-link: connect the loaded articles through their symptoms and links.
//!
//! Builds the symptom index, related articles, backlinks, resolved links, the emergency list and
//! the A to Z, and checks URLs, symptoms, links and anchors. Everything is by index into the
//! article and symptom lists, computed from indexes (symptom -> articles), never from all pairs.

pub(crate) mod a_to_z;
pub(crate) mod approval;
pub(crate) mod care;
pub(crate) mod links;
pub(crate) mod references;
pub(crate) mod regions;
pub(crate) mod related;
pub(crate) mod relink;
pub(crate) mod symptoms;
pub(crate) mod terms;
pub mod translations;

pub use a_to_z::{AzEntry, AzTarget};
pub use care::{EmergencyGroup, EmergencySign};
pub use links::{Target, Targets};
pub use references::ReferenceIndex;
pub use regions::Region;
pub use related::CANDIDATE_CAP;
pub use symptoms::Symptom;

use crate::diagnostic::{Diagnostic, Kind};
use crate::load::{CareBook, Loaded, Registry, Reviewers, StaticFile};
use crate::{config::SiteConfig, load::Article};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// First URL segments the generator uses for its own pages besides the taxonomies' segments.
const BUILT_IN_PAGES: [&str; 3] = ["a-z", "emergency", "references"];

/// First URL segments the generator uses for its own pages: each taxonomy's, then the A to Z's,
/// the emergency page's and the references'.
pub(crate) fn reserved_segments(config: &SiteConfig) -> Vec<&str> {
    let taxonomies = config.taxonomies.iter().map(|t| t.segment.as_str());
    taxonomies.chain(BUILT_IN_PAGES).collect()
}

/// What `serve` keeps from one cross-linking for the next: related articles and resolved links.
#[derive(Debug, Default)]
pub struct Memo {
    related: related::Memo,
    links: links::Memo,
}

/// What cross-linking adds to one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleLinks {
    /// Its symptoms, as indexes into `Site::symptoms`, in slug order.
    pub symptoms: Vec<usize>,
    /// Related articles, best first.
    pub related: Vec<usize>,
    /// Articles whose text links here, in title order.
    pub backlinks: Vec<usize>,
    /// Each link destination written in the article and where it leads.
    pub targets: links::Targets,
}

/// The whole site, cross-linked: plain data for the render step.
#[derive(Debug, Clone)]
pub struct Site {
    /// Site configuration.
    pub config: SiteConfig,
    /// Articles in path order.
    pub articles: Vec<Arc<Article>>,
    /// Cross-links per article, parallel to `articles`.
    pub links: Arc<Vec<ArticleLinks>>,
    /// Article indexes in title order.
    pub by_title: Arc<Vec<usize>>,
    /// Symptoms in slug order.
    pub symptoms: Arc<Vec<Symptom>>,
    /// Body regions, top to bottom (the map taxonomy's order), with their symptoms and articles.
    pub regions: Arc<Vec<Region>>,
    /// The taxonomies of articles after the first, with their terms' articles.
    pub term_sets: Arc<Vec<terms::TermSet>>,
    /// The shared care advice (`articles/care.toml`; empty without one).
    pub care: Arc<CareBook>,
    /// The emergency page's signs, grouped: each emergency entry once, then free text.
    pub emergency: Arc<Vec<EmergencyGroup>>,
    /// The A to Z: articles, symptoms and all their other names, in alphabetical order.
    pub a_to_z: Arc<Vec<AzEntry>>,
    /// Every source in `articles/references.toml` (empty without the file).
    pub registry: Arc<Registry>,
    /// Which article cites which source, numbered.
    pub references: Arc<ReferenceIndex>,
    /// Every reviewer in `articles/reviewers.toml` (empty without the file).
    pub reviewers: Arc<Reviewers>,
    /// Static files, passed through from loading.
    pub static_files: Vec<StaticFile>,
    /// Hidden files and folders under `static/`, not copied (`check` lists them).
    pub hidden_static: Vec<String>,
    /// Candidate scores computed while ranking related articles (a measure of work done).
    pub related_candidates_scored: usize,
}

/// Cross-links the loaded site, or returns every problem found, after the `earlier` ones (from
/// loading), so that all problems are reported together.
pub fn cross_link(loaded: Loaded, earlier: Vec<Diagnostic>) -> Result<Site, Vec<Diagnostic>> {
    cross_link_with(loaded, earlier, None)
}

/// `cross_link`, taking related articles from `memo` when it ranked the same inputs last time
/// (`serve`).
pub(crate) fn cross_link_with(
    loaded: Loaded,
    earlier: Vec<Diagnostic>,
    memo: Option<&Memo>,
) -> Result<Site, Vec<Diagnostic>> {
    let Loaded {
        config,
        articles,
        skipped_drafts,
        unreadable,
        vocabulary,
        regions: region_terms,
        extra_vocabularies,
        references: registry,
        reviewers,
        care: care_book,
        static_files,
        hidden_static,
        elsewhere,
        ..
    } = loaded;
    let mut problems = earlier;
    problems.extend(check_urls(&articles, &reserved_segments(&config)));
    if let Some(about) = &config.about
        && !articles.iter().any(|a| &a.key == about)
        && !skipped_drafts.contains(about)
        && !unreadable.contains(about)
    {
        problems.push(
            config
                .about_error(format!(
                    "`about` names `articles/{about}`, and there is no such article"
                ))
                .hint("write that article, or fix or remove `about` in site.toml"),
        );
    }
    let care_vocabularies = care::Vocabularies {
        first: (config.article_taxonomy(), vocabulary.as_ref()),
        further: config
            .extra_taxonomies()
            .zip(extra_vocabularies.iter().map(Option::as_ref))
            .collect(),
    };
    let care_book = care_book.map(|book| {
        let (book, mut found) = care::resolve_keys(book, &care_vocabularies);
        found.extend(care::check_book(
            &book,
            &care_vocabularies,
            registry.as_ref(),
        ));
        problems.append(&mut found);
        book
    });
    for article in &articles {
        problems.extend(care::check_article(article, care_book.as_ref()));
    }
    let by_title = title_order(&articles);
    let title_rank = rank_of(&by_title);
    let (symptoms, per_article) = symptoms::index(
        &articles,
        vocabulary.as_ref(),
        config.article_taxonomy(),
        &title_rank,
        &mut problems,
    );
    let extra: Vec<crate::config::Taxonomy> = config.extra_taxonomies().cloned().collect();
    let term_sets = terms::index(
        &extra,
        &extra_vocabularies,
        &articles,
        &title_rank,
        &mut problems,
    );
    let regions = regions::index(&region_terms, &symptoms, vocabulary.as_ref(), &title_rank);
    let static_paths: Vec<String> = static_files.iter().map(|f| f.rel.clone()).collect();
    let mut index = links::LinkIndex::new(&articles, &static_paths, &skipped_drafts, &unreadable);
    index.elsewhere = elsewhere
        .iter()
        .map(|(k, u)| (k.as_str(), u.as_str()))
        .collect();
    let targets = resolve_links(&articles, &index, memo.map(|m| &m.links), &mut problems);
    let has_registry = registry.is_some();
    let registry = registry.unwrap_or_default();
    // A registry that did not parse is already reported: the ids cited are not reported again.
    let registry_broken = problems
        .iter()
        .any(|d| d.file == std::path::Path::new(crate::load::references::REFERENCES_FILE));
    let mut citation_problems = Vec::new();
    let references = references::index(
        &articles,
        &registry,
        has_registry,
        &title_rank,
        &mut citation_problems,
    );
    if !registry_broken {
        problems.extend(citation_problems);
    }
    let has_reviewers = reviewers.is_some();
    let reviewers = reviewers.unwrap_or_default();
    problems.extend(approval::unknown_reviewers(
        &articles,
        &reviewers,
        has_reviewers,
    ));
    problems.extend(approval::left_from_new(&articles));
    if !problems.is_empty() {
        return Err(problems);
    }
    let backlinks = backlinks(&targets, &title_rank);
    let related = rank_related(
        &config,
        (symptoms.as_slice(), per_article.as_slice()),
        &term_sets,
        &title_rank,
        memo.map(|m| &m.related),
    );
    let links = per_article
        .into_iter()
        .zip(related.lists)
        .zip(backlinks)
        .zip(targets)
        .map(|(((symptoms, related), backlinks), targets)| ArticleLinks {
            symptoms,
            related,
            backlinks,
            targets,
        })
        .collect();
    let emergency = care::emergency_groups(&articles, care_book.as_ref(), &by_title);
    let a_to_z = a_to_z::entries(&articles, &symptoms, &regions, &term_sets, &config);
    Ok(Site {
        config,
        articles,
        links: Arc::new(links),
        by_title: Arc::new(by_title),
        symptoms: Arc::new(symptoms),
        regions: Arc::new(regions),
        term_sets: Arc::new(term_sets),
        care: Arc::new(care_book.unwrap_or_default()),
        emergency: Arc::new(emergency),
        a_to_z: Arc::new(a_to_z),
        registry: Arc::new(registry),
        references: Arc::new(references),
        reviewers: Arc::new(reviewers),
        static_files,
        hidden_static,
        related_candidates_scored: related.candidates_scored,
    })
}

/// Related articles, ranked by the terms of every taxonomy of articles that sets `related` (the
/// first one's index is `first`, the others' are `term_sets`), from `memo` when it ranked the
/// same inputs last time; no related articles when no taxonomy feeds them.
fn rank_related(
    config: &SiteConfig,
    first: related::Source<'_>,
    term_sets: &[terms::TermSet],
    title_rank: &[usize],
    memo: Option<&related::Memo>,
) -> related::Related {
    let others = term_sets
        .iter()
        .filter(|set| set.taxonomy.related)
        .map(|set| (set.terms.as_slice(), set.per_article.as_slice()));
    let sources: Vec<related::Source<'_>> = config
        .article_taxonomy()
        .related
        .then_some(first)
        .into_iter()
        .chain(others)
        .collect();
    if sources.is_empty() {
        return related::Related {
            lists: vec![Vec::new(); title_rank.len()],
            candidates_scored: 0,
        };
    }
    let (terms, per_article) = related::combine(&sources, title_rank.len());
    match memo {
        Some(memo) => memo.rank(&terms, &per_article, title_rank),
        None => related::rank(&terms, &per_article, title_rank),
    }
}

/// `rank[i]`: article `i`'s place in `order`.
fn rank_of(order: &[usize]) -> Vec<usize> {
    let mut rank = vec![0; order.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// Every article's links resolved, in parallel (those `memo` kept, taken from it); problems are
/// added in article order, so they are the same whatever the number of threads.
fn resolve_links(
    articles: &[Arc<Article>],
    index: &links::LinkIndex<'_>,
    memo: Option<&links::Memo>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<links::Targets> {
    let (files, kept) = match memo {
        Some(memo) => memo.take(articles, index),
        None => (0, vec![None; articles.len()]),
    };
    let resolved: Vec<(links::Targets, Vec<Diagnostic>)> = (articles, kept)
        .into_par_iter()
        .enumerate()
        .map(|(i, (a, kept))| {
            let mut found = Vec::new();
            let targets = kept.unwrap_or_else(|| Arc::new(links::resolve(i, a, index, &mut found)));
            (targets, found)
        })
        .collect();
    let mut targets = Vec::with_capacity(resolved.len());
    let mut clean = Vec::with_capacity(resolved.len());
    for (resolved, found) in resolved {
        clean.push(found.is_empty().then(|| resolved.clone()));
        problems.extend(found);
        targets.push(resolved);
    }
    if let Some(memo) = memo {
        memo.keep(files, articles, clean);
    }
    targets
}

/// Article indexes sorted by title (case-insensitive), then by path.
fn title_order(articles: &[Arc<Article>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    let keys: Vec<String> = articles
        .iter()
        .map(|a| a.front.title.to_lowercase())
        .collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .cmp(&keys[b])
            .then(articles[a].key.cmp(&articles[b].key))
    });
    order
}

/// Two articles on one URL, or an article on a URL the generator uses, are errors.
fn check_urls(articles: &[Arc<Article>], reserved: &[&str]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, &Article> = HashMap::new();
    for article in articles {
        let first_segment = article.url.split('/').next().unwrap_or_default();
        if reserved.contains(&first_segment) {
            problems.push(
                Diagnostic::error(
                    Kind::DuplicateUrl,
                    &article.source,
                    format!("the URL `{}` is used by the site's own pages", article.url),
                )
                .hint(format!(
                    "rename or move the file: `{first_segment}/` is reserved"
                )),
            );
        }
        if let Some(other) = seen.insert(article.url.as_str(), article) {
            problems.push(
                Diagnostic::error(
                    Kind::DuplicateUrl,
                    &article.source,
                    format!(
                        "this article and {} both become the page `{}`",
                        other.source.display(),
                        article.url
                    ),
                )
                .hint("rename one of them; web addresses do not tell upper and lower case apart"),
            );
        }
    }
    problems
}

/// For each article, the articles whose links lead to it (not counting itself), in title order.
fn backlinks(targets: &[links::Targets], title_rank: &[usize]) -> Vec<Vec<usize>> {
    let mut back: Vec<Vec<usize>> = vec![Vec::new(); targets.len()];
    for (from, links) in targets.iter().enumerate() {
        for target in links.values() {
            if let Target::Article { index, .. } = target
                && *index != from
                && back[*index].last() != Some(&from)
            {
                back[*index].push(from);
            }
        }
    }
    for list in &mut back {
        list.sort_by_key(|&a| title_rank[a]);
        list.dedup();
    }
    back
}
