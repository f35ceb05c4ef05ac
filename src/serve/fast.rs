//! The fast path for the most common edits: the text, title, other names or emergency signs of
//! existing articles changed, but nothing that shapes the site around them (symptoms, address,
//! draft state).
//!
//! Then the symptom index is what it was, and only the changed articles' links need resolving
//! again (with the links into them, when their headings changed) and the backlinks of what they
//! link to updating; a changed title or other name also re-sorts the lists kept in title order
//! and ranks related articles again ([`crosslink::retitle`]). That takes milliseconds to a few
//! tens of milliseconds where cross-linking a 10,000-article site from scratch takes about a
//! second. Anything else returns `None` and the engine cross-links from scratch.

use super::sources::{Changes, Sources};
use crate::crosslink::{self, Site, Target, links};
use crate::diagnostic::Diagnostic;
use crate::load::Article;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the fast path changed besides the edited articles.
#[derive(Debug, Clone, Default)]
pub struct FastChange {
    /// Articles (by index) whose backlinks or related articles changed: their pages must be
    /// rendered again.
    pub lists_changed: BTreeSet<usize>,
}

/// The edited articles (index in `site`, new text) when every change in `changes` is a
/// body-level edit of an article `site` has; `None` when the change needs a full cross-link.
pub fn edits(site: &Site, sources: &Sources, changes: &Changes) -> Option<Vec<(usize, Article)>> {
    if changes.everything
        || !changes.templates.is_empty()
        || !changes.static_files.is_empty()
        || changes.articles.is_empty()
        || sources.has_problems()
    {
        return None;
    }
    let index: HashMap<&str, usize> = site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.key.as_str(), i))
        .collect();
    let mut edits = Vec::new();
    for key in &changes.articles {
        let new = sources.article(key)?;
        let &i = index.get(key.as_str())?;
        if !same_shape(&site.articles[i], new) {
            return None;
        }
        edits.push((i, new.clone()));
    }
    Some(edits)
}

/// True when the edit leaves the symptom index, every address and the care lists (which the
/// emergency page and `care.toml` checks depend on) as they were.
fn same_shape(old: &Article, new: &Article) -> bool {
    let slugs = |a: &Article| {
        a.symptoms
            .iter()
            .map(|s| s.slug.clone())
            .collect::<Vec<_>>()
    };
    old.url == new.url
        && old.front.draft == new.front.draft
        && slugs(old) == slugs(new)
        && cited(old) == cited(new)
        && ids(&old.reviewed_by) == ids(&new.reviewed_by)
        && new.leftovers.is_empty()
        && old.care == new.care
}

/// Every reference id an article cites, placeholders too, in order: a change may bring an
/// unknown id, or change who cites a source (the references page).
fn cited(a: &Article) -> Vec<&str> {
    a.citations
        .iter()
        .chain(&a.references)
        .map(|r| r.id.as_str())
        .collect()
}

fn ids(list: &[crate::load::IdRef]) -> Vec<&str> {
    list.iter().map(|r| r.id.as_str()).collect()
}

/// True when the edit changes what lists in title order, the A to Z or the emergency list show.
fn reordered(old: &Article, new: &Article) -> bool {
    old.front.title != new.front.title
        || old.front.aliases != new.front.aliases
        || old.front.care.emergency != new.front.care.emergency
}

/// Puts the edited articles into `site`, resolves links again and updates backlinks; on error
/// `site` is left as it was.
pub fn relink(
    site: &mut Site,
    sources: &Sources,
    edits: Vec<(usize, Article)>,
) -> Result<FastChange, Vec<Diagnostic>> {
    let mut resolve: BTreeSet<usize> = BTreeSet::new();
    let mut previous = Vec::with_capacity(edits.len());
    let mut reorder = false;
    let mut retitled = Vec::new();
    for (i, new) in edits {
        reorder |= reordered(&site.articles[i], &new);
        if site.articles[i].front.title != new.front.title {
            retitled.push(i);
        }
        if site.articles[i].outline.headings != new.outline.headings {
            resolve.extend(site.links[i].backlinks.iter().copied());
        }
        resolve.insert(i);
        previous.push((i, std::mem::replace(&mut site.articles[i], new)));
    }
    let resolved = match resolve_links(site, sources, &resolve) {
        Ok(resolved) => resolved,
        Err(problems) => {
            for (i, old) in previous {
                site.articles[i] = old;
            }
            return Err(problems);
        }
    };
    let title_rank = title_rank(site);
    let mut change = FastChange::default();
    for (from, targets) in resolved {
        let before = linked(from, &site.links[from].targets);
        let after = linked(from, &targets);
        for &t in before.difference(&after) {
            site.links[t].backlinks.retain(|&b| b != from);
            change.lists_changed.insert(t);
        }
        for &t in after.difference(&before) {
            let list = &mut site.links[t].backlinks;
            list.push(from);
            list.sort_by_key(|&a| title_rank[a]);
            list.dedup();
            change.lists_changed.insert(t);
        }
        site.links[from].targets = targets;
    }
    if reorder {
        change
            .lists_changed
            .extend(crosslink::retitle(site, &retitled));
    }
    Ok(change)
}

/// New link targets, by article index.
type Resolved = Vec<(usize, BTreeMap<String, Target>)>;

/// Resolves the links of the articles in `which`; every problem, or the new targets.
fn resolve_links(
    site: &Site,
    sources: &Sources,
    which: &BTreeSet<usize>,
) -> Result<Resolved, Vec<Diagnostic>> {
    let static_paths: Vec<String> = site.static_files.iter().map(|f| f.rel.clone()).collect();
    let (drafts, broken) = sources.skipped_keys();
    let index = links::LinkIndex::new(&site.articles, &static_paths, &drafts, &broken);
    let mut problems: Vec<Diagnostic> = which
        .iter()
        .flat_map(|&i| crosslink::care::check_article(&site.articles[i], Some(&site.care)))
        .collect();
    let resolved: Resolved = which
        .iter()
        .map(|&i| {
            (
                i,
                links::resolve(i, &site.articles[i], &index, &mut problems),
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(resolved)
    } else {
        Err(problems)
    }
}

/// Each article's place in title order.
fn title_rank(site: &Site) -> Vec<usize> {
    let mut rank = vec![0; site.articles.len()];
    for (r, &i) in site.by_title.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// The other articles `targets` lead to.
fn linked(from: usize, targets: &BTreeMap<String, Target>) -> BTreeSet<usize> {
    targets
        .values()
        .filter_map(|t| match t {
            Target::Article { index, .. } if *index != from => Some(*index),
            _ => None,
        })
        .collect()
}
