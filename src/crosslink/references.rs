//! Citations: every reference id an article cites resolved against `articles/references.toml`,
//! numbered in the order the page shows them, and for each source the articles that cite it.

use crate::diagnostic::{Diagnostic, Kind, did_you_mean};
use crate::load::references::{REFERENCES_FILE, is_placeholder};
use crate::load::{Article, IdRef, Registry};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Who cites what.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferenceIndex {
    /// Per article (parallel to `Site::articles`): the ids it cites in number order, so the
    /// first is `[1]`: inline citations in body order, then those only in the front matter.
    /// Placeholders (`todo`) are left out.
    pub per_article: Vec<Vec<String>>,
    /// For every source in the registry (id order): the articles citing it, in title order.
    pub cited_by: BTreeMap<String, Vec<usize>>,
}

/// The ids `article` cites, in number order, placeholders left out.
pub(crate) fn numbered(article: &Article) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for r in article.citations.iter().chain(&article.references) {
        if !is_placeholder(&r.id) && !order.contains(&r.id) {
            order.push(r.id.clone());
        }
    }
    order
}

/// Resolves every article's citations; an id missing from the registry is an error. Articles
/// are read in parallel; each id is found once in a hash map of the registry's ids, whose order
/// (the registry's) `cited_by` keeps.
pub(crate) fn index(
    articles: &[Arc<Article>],
    registry: &Registry,
    has_registry: bool,
    title_rank: &[usize],
    problems: &mut Vec<Diagnostic>,
) -> ReferenceIndex {
    let position: HashMap<&str, usize> = (registry.keys().enumerate())
        .map(|(n, id)| (id.as_str(), n))
        .collect();
    let read: Vec<(Vec<String>, Vec<Diagnostic>)> = articles
        .par_iter()
        .map(|article| {
            let cited = article.citations.iter().chain(&article.references);
            let unknown: Vec<Diagnostic> = cited
                .filter(|r| !is_placeholder(&r.id) && !position.contains_key(r.id.as_str()))
                .map(|r| unknown(article, r, registry, has_registry))
                .collect();
            (numbered(article), unknown)
        })
        .collect();
    let mut citing: Vec<Vec<usize>> = vec![Vec::new(); registry.len()];
    let mut per_article = Vec::with_capacity(articles.len());
    for (i, (ids, unknown)) in read.into_iter().enumerate() {
        problems.extend(unknown);
        for id in &ids {
            if let Some(&n) = position.get(id.as_str()) {
                citing[n].push(i);
            }
        }
        per_article.push(ids);
    }
    let mut index = ReferenceIndex {
        per_article,
        cited_by: registry.keys().cloned().zip(citing).collect(),
    };
    sort_by_title(&mut index, title_rank);
    index
}

/// Puts every source's articles in title order again (after titles changed).
pub(crate) fn sort_by_title(index: &mut ReferenceIndex, title_rank: &[usize]) {
    for list in index.cited_by.values_mut() {
        list.sort_by_key(|&a| title_rank[a]);
    }
}

fn unknown(article: &Article, r: &IdRef, registry: &Registry, has_registry: bool) -> Diagnostic {
    let d = Diagnostic::error(
        Kind::UnknownReference,
        &article.source,
        format!("unknown reference `{}`", r.id),
    )
    .at(r.line, r.column);
    if !has_registry {
        return d.hint(format!(
            "there is no {REFERENCES_FILE}: add the source there as `[{}]` with its `title`, `publisher`, `url`, `date` and `kind`",
            r.id
        ));
    }
    match did_you_mean(&r.id, registry.keys().map(String::as_str)) {
        Some(close) => d.hint(format!("did you mean `{close}`?")),
        None => d.hint(format!(
            "add the source to {REFERENCES_FILE} as `[{}]`, or cite one of the ids listed there",
            r.id
        )),
    }
}
