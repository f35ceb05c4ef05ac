//! Citations: every reference id an article cites resolved against `articles/references.toml`,
//! numbered in the order the page shows them, and for each source the articles that cite it.

use crate::diagnostic::{Diagnostic, Kind, did_you_mean};
use crate::load::references::{REFERENCES_FILE, is_placeholder};
use crate::load::{Article, IdRef, Registry};
use std::collections::BTreeMap;
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

/// Resolves every article's citations; an id missing from the registry is an error.
pub(crate) fn index(
    articles: &[Arc<Article>],
    registry: &Registry,
    has_registry: bool,
    title_rank: &[usize],
    problems: &mut Vec<Diagnostic>,
) -> ReferenceIndex {
    let mut cited_by: BTreeMap<String, Vec<usize>> =
        registry.keys().map(|id| (id.clone(), Vec::new())).collect();
    let mut per_article = Vec::with_capacity(articles.len());
    for (i, article) in articles.iter().enumerate() {
        for r in article.citations.iter().chain(&article.references) {
            if !is_placeholder(&r.id) && !registry.contains_key(&r.id) {
                problems.push(unknown(article, r, registry, has_registry));
            }
        }
        let ids = numbered(article);
        for id in &ids {
            if let Some(list) = cited_by.get_mut(id) {
                list.push(i);
            }
        }
        per_article.push(ids);
    }
    let mut index = ReferenceIndex {
        per_article,
        cited_by,
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
