//! Cross-linking again after edits to article bodies alone (`serve`): when an edited article
//! has the same front matter, file and headings as before, the site's lists, symptoms, related
//! articles and A to Z are what they were, and only what its body gives is made again: its
//! links, the backlinks they make and its citations.

use super::links::{LinkIndex, Target, Targets};
use super::{Site, approval, care, rank_of, references};
use crate::load::Article;
use std::collections::BTreeSet;
use std::sync::Arc;

/// `old` with each `(index, article)` of `edited` in place of the article it had at that index,
/// when every one of them differs from the one it replaces in its body alone (see
/// [`body_only`]) and its body is sound; `None` otherwise: cross-link from scratch then, which
/// also reports what is wrong.
pub(crate) fn relink(old: &Site, edited: &[(usize, Arc<Article>)]) -> Option<Site> {
    let mut site = old.clone();
    let mut articles = old.articles.clone();
    for (i, article) in edited {
        body_only(articles.get(*i)?, article).then_some(())?;
        articles[*i] = article.clone();
    }
    let statics: Vec<String> = old.static_files.iter().map(|f| f.rel.clone()).collect();
    let index = LinkIndex::new(&articles, &statics, &[], &[]);
    let rank = rank_of(&site.by_title);
    for (i, article) in edited {
        let mut problems = care::check_article(article, Some(&old.care));
        problems.extend(approval::left_from_new(std::slice::from_ref(article)));
        let targets: Targets = Arc::new(super::links::resolve(*i, article, &index, &mut problems));
        let unknown = (article.citations.iter()).any(|r| {
            !crate::load::references::is_placeholder(&r.id) && !old.registry.contains_key(&r.id)
        });
        if unknown || !problems.is_empty() {
            return None;
        }
        let cited = references::numbered(article);
        if site.references.per_article.get(*i) != Some(&cited) {
            let index = Arc::make_mut(&mut site.references);
            let before = std::mem::replace(&mut index.per_article[*i], cited.clone());
            move_to(&mut index.cited_by, *i, before.iter(), cited.iter(), &rank);
        }
        let before = leads_to(*i, &site.links[*i].targets);
        if site.links[*i].targets != targets {
            let links = Arc::make_mut(&mut site.links);
            let now = leads_to(*i, &targets);
            links[*i].targets = targets;
            let mut back: std::collections::BTreeMap<usize, Vec<usize>> = now
                .union(&before)
                .map(|&t| (t, links[t].backlinks.clone()))
                .collect();
            move_to(&mut back, *i, before.iter(), now.iter(), &rank);
            for (t, list) in back {
                links[t].backlinks = list;
            }
        }
    }
    site.articles = articles;
    Some(site)
}

/// The other articles `targets` lead to.
fn leads_to(from: usize, targets: &Targets) -> BTreeSet<usize> {
    let articles = targets.values().filter_map(|t| match t {
        Target::Article { index, .. } => Some(*index),
        _ => None,
    });
    articles.filter(|&t| t != from).collect()
}

/// Takes article `i` off the lists in `lists` named by `from` and puts it, in title order
/// (`rank`), on those named by `to`; names `lists` lacks are left alone.
fn move_to<'k, K: Ord + 'k>(
    lists: &mut std::collections::BTreeMap<K, Vec<usize>>,
    i: usize,
    from: impl Iterator<Item = &'k K>,
    to: impl Iterator<Item = &'k K>,
    rank: &[usize],
) {
    for key in from {
        if let Some(list) = lists.get_mut(key) {
            list.retain(|&a| a != i);
        }
    }
    for key in to {
        if let Some(list) = lists.get_mut(key) {
            let at = list.partition_point(|&a| rank[a] < rank[i]);
            if list.get(at) != Some(&i) {
                list.insert(at, i);
            }
        }
    }
}

/// Whether `new` differs from `old` only in its body: its text and what is found in it (links,
/// citations, placeholders, text left from `new`), but not its headings' ids, which links from
/// other articles lead to. Every field is named, so that a new one is not forgotten.
fn body_only(old: &Article, new: &Article) -> bool {
    let Article {
        source,
        key,
        url,
        front,
        keys,
        symptoms,
        terms,
        care,
        placeholders: _,
        body: _,
        body_line,
        outline,
        references,
        citations: _,
        reviewed_by,
        change_lines,
        leftovers: _,
        translation_at,
    } = old;
    let named = (
        source,
        key,
        url,
        front,
        keys,
        symptoms,
        terms,
        care,
        translation_at,
    );
    let listed = (body_line, references, reviewed_by, change_lines);
    named
        == (
            &new.source,
            &new.key,
            &new.url,
            &new.front,
            &new.keys,
            &new.symptoms,
            &new.terms,
            &new.care,
            &new.translation_at,
        )
        && listed
            == (
                &new.body_line,
                &new.references,
                &new.reviewed_by,
                &new.change_lines,
            )
        && outline
            .headings
            .iter()
            .map(|h| &h.id)
            .eq(new.outline.headings.iter().map(|h| &h.id))
}
