//! Which pages a change touches, found by comparing the last good site with the new one.
//!
//! Articles and symptoms are matched by key and slug, never by index, since indexes shift when an
//! article comes or goes. A page is rendered again when its own article changed, when any list on
//! it changed (symptoms, related articles, backlinks, link targets, a symptom's articles or "often
//! seen with"), when the front matter of an article it shows or links to changed, or when its
//! template (or one it uses) changed. Index pages are rendered again when any article's front
//! matter changed. A long list split into pages (the A to Z, a symptom's articles, the
//! references) is rendered again page by page under the same rule as the list, so entries
//! moving between its pages, and pages coming or going, are never missed. Anything not understood (a page kind this module does not know, the
//! configuration or vocabulary changing, the about page coming or going) renders everything.
//!
//! This relies on one fact about the templates: a page shows other articles' front matter and
//! URL, never their body. The engine's tests compare every incremental rebuild with a full build,
//! so a template that starts showing more is caught there.

use super::sources::Changes;
use super::template_deps::Affected;
use crate::crosslink::{Site, Target};
use crate::render::{Page, PageKind};
use std::collections::HashMap;

/// The template each page kind is rendered with, when known.
pub fn template_of(kind: PageKind) -> Option<&'static str> {
    Some(match kind {
        PageKind::Home => "home.html",
        PageKind::Article(_) => "article.html",
        PageKind::Symptom(..) => "symptom.html",
        PageKind::Region(_) => "region.html",
        PageKind::SymptomsIndex => "symptoms.html",
        PageKind::AToZ(_) => "a-z.html",
        PageKind::Emergency => "emergency.html",
        PageKind::References(_) => "references.html",
        PageKind::NotFound => "404.html",
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

/// For each of the new site's `pages`, whether it must be rendered again.
pub fn select(
    old: &Site,
    new: &Site,
    pages: &[Page],
    changes: &Changes,
    templates: &Affected,
) -> Vec<bool> {
    if changes.everything || about_moved(old, new, changes) {
        return vec![true; pages.len()];
    }
    let old_articles: HashMap<&str, usize> = old
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.key.as_str(), i))
        .collect();
    let old_symptoms: HashMap<&str, usize> = old
        .symptoms
        .iter()
        .enumerate()
        .map(|(i, s)| (s.slug.as_str(), i))
        .collect();
    let any_front = !changes.fronts.is_empty();
    pages
        .iter()
        .map(|page| {
            let template = template_of(page.kind).is_none_or(|t| templates.reaches(t));
            template
                || match page.kind {
                    PageKind::Article(i) => {
                        let key = new.articles[i].key.as_str();
                        changes.articles.contains(key)
                            || old_articles.get(key).is_none_or(|&o| {
                                article_stale(&Side(old, o), &Side(new, i), changes)
                            })
                    }
                    PageKind::Symptom(i, _) => old_symptoms
                        .get(new.symptoms[i].slug.as_str())
                        .is_none_or(|&o| symptom_stale(&Side(old, o), &Side(new, i), changes)),
                    PageKind::References(_) => any_front || references_moved(old, new),
                    PageKind::Home
                    | PageKind::Region(_)
                    | PageKind::SymptomsIndex
                    | PageKind::AToZ(_)
                    | PageKind::Emergency
                    | PageKind::NotFound => any_front,
                    #[allow(unreachable_patterns)]
                    _ => true,
                }
        })
        .collect()
}

/// For the fast path ([`super::fast`]), where some articles changed but not their symptoms or
/// addresses, and the site was updated in place: their own pages, the pages whose backlinks or
/// related articles changed and, when a front matter changed, every page that shows it.
pub fn select_fast(
    site: &Site,
    pages: &[Page],
    changes: &Changes,
    lists_changed: &std::collections::BTreeSet<usize>,
) -> Vec<bool> {
    let mut selected = if changes.fronts.is_empty() {
        vec![false; pages.len()]
    } else {
        select(
            site,
            site,
            pages,
            changes,
            &Affected::Roots(Default::default()),
        )
    };
    for (page, selected) in pages.iter().zip(&mut selected) {
        if let PageKind::Article(i) = page.kind {
            *selected |= lists_changed.contains(&i)
                || changes.articles.contains(site.articles[i].key.as_str());
        }
    }
    selected
}

/// Every page links to the about page when there is one: its coming or going changes them all.
fn about_moved(old: &Site, new: &Site, changes: &Changes) -> bool {
    let has = |site: &Site| site.articles.iter().any(|a| a.key == "about.md");
    changes.articles.contains("about.md") && has(old) != has(new)
}

/// True when a source's citing articles differ (by key) between the two sites: an inline
/// citation added to a body changes the references page while no front matter changed.
fn references_moved(old: &Site, new: &Site) -> bool {
    let by_key = |site: &Site| -> Vec<(String, Vec<String>)> {
        site.references
            .cited_by
            .iter()
            .map(|(id, list)| {
                let keys = list.iter().map(|&a| site.articles[a].key.clone()).collect();
                (id.clone(), keys)
            })
            .collect()
    };
    by_key(old) != by_key(new)
}

/// An article or symptom (by index) in one of the two sites.
struct Side<'a>(&'a Site, usize);

/// Where one link leads, by key rather than by index.
#[derive(Debug, PartialEq, Eq)]
enum Leads<'a> {
    Article(&'a str, Option<&'a str>),
    Other(String),
}

/// An article's lists, by key.
#[derive(Debug, PartialEq, Eq)]
struct ArticleLists<'a> {
    symptoms: Vec<&'a str>,
    related: Vec<&'a str>,
    backlinks: Vec<&'a str>,
    targets: Vec<(&'a str, Leads<'a>)>,
}

impl<'a> Side<'a> {
    fn key(&self, article: usize) -> &'a str {
        &self.0.articles[article].key
    }

    fn article_lists(&self) -> ArticleLists<'a> {
        let links = &self.0.links[self.1];
        let keys = |list: &[usize]| list.iter().map(|&a| self.key(a)).collect();
        ArticleLists {
            symptoms: links
                .symptoms
                .iter()
                .map(|&s| self.0.symptoms[s].slug.as_str())
                .collect(),
            related: keys(&links.related),
            backlinks: keys(&links.backlinks),
            targets: links
                .targets
                .iter()
                .map(|(dest, target)| {
                    let leads = match target {
                        Target::Article { index, fragment } => {
                            Leads::Article(self.key(*index), fragment.as_deref())
                        }
                        other => Leads::Other(format!("{other:?}")),
                    };
                    (dest.as_str(), leads)
                })
                .collect(),
        }
    }

    /// Every article this article's page shows or links to.
    fn article_refs(&self) -> impl Iterator<Item = &'a str> + '_ {
        let links = &self.0.links[self.1];
        let linked = links.targets.values().filter_map(|t| match t {
            Target::Article { index, .. } => Some(*index),
            _ => None,
        });
        links
            .related
            .iter()
            .chain(&links.backlinks)
            .copied()
            .chain(linked)
            .map(|a| self.key(a))
    }

    fn symptom_lists(&self) -> (Vec<&'a str>, Vec<(&'a str, usize)>, String) {
        let s = &self.0.symptoms[self.1];
        let articles = s.articles.iter().map(|&a| self.key(a)).collect();
        let seen_with = s
            .seen_with
            .iter()
            .map(|&(other, n)| (self.0.symptoms[other].slug.as_str(), n))
            .collect();
        let own = format!("{:?}", (&s.name, &s.aka, &s.description, s.level));
        (articles, seen_with, own)
    }
}

/// True when the two sides are the same article of the same site (the fast path compares a site
/// updated in place with itself): its lists cannot differ, only what they show.
fn same(old: &Side<'_>, new: &Side<'_>) -> bool {
    std::ptr::eq(old.0, new.0) && old.1 == new.1
}

fn article_stale(old: &Side<'_>, new: &Side<'_>, changes: &Changes) -> bool {
    (!same(old, new) && old.article_lists() != new.article_lists())
        || old
            .article_refs()
            .chain(new.article_refs())
            .any(|k| changes.fronts.contains(k))
}

fn symptom_stale(old: &Side<'_>, new: &Side<'_>, changes: &Changes) -> bool {
    if same(old, new) {
        let articles = &old.0.symptoms[old.1].articles;
        return articles
            .iter()
            .any(|&a| changes.fronts.contains(old.key(a)));
    }
    let (before, after) = (old.symptom_lists(), new.symptom_lists());
    before != after
        || before
            .0
            .iter()
            .chain(&after.0)
            .any(|k| changes.fronts.contains(*k))
}
