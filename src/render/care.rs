//! Care advice on pages: an article's care cards, a symptom page's shared advice and the
//! emergency page's grouped signs, all from the same `care.toml` entries, so a sign reads the
//! same everywhere; local services are filled into every text.

use super::views::{ArticleRef, SymptomRef, TermRef};
use super::{Linker, Renderer};
use crate::load::article::is_care_id;
use crate::load::{CareEntry, Level};
use crate::markdown::slugify;
use crate::placeholder::fill;
use serde::Serialize;
use std::borrow::Cow;

/// The HTML the `{{care}}` marker line becomes in a rendered body (a paragraph of its own).
const CARE_MARKER_HTML: &str = "<p>{{care}}</p>";

/// An article body's HTML cut where its care cards go: at the `{{care}}` marker when the editor
/// wrote one (the marker itself is dropped), else after the opening section (before the first
/// level-2 heading that follows some text), else at the end. Returns (before, after).
pub(super) fn split_for_care(html: &str) -> (&str, &str) {
    if let Some(at) = html.find(CARE_MARKER_HTML) {
        let after = &html[at + CARE_MARKER_HTML.len()..];
        return (&html[..at], after.strip_prefix('\n').unwrap_or(after));
    }
    let mut from = 0;
    while let Some(at) = html[from..].find("<h2").map(|i| i + from) {
        if !html[..at].trim().is_empty() {
            return html.split_at(at);
        }
        from = at + 3;
    }
    (html, "")
}

/// One care item as shown: a shared entry's text or the article's own words, with the local
/// services filled in.
#[derive(Serialize)]
pub(crate) struct CareItemView<'a> {
    /// The condition.
    pub text: Cow<'a, str>,
    /// The shared entry's id; `None` for free text.
    pub id: Option<&'a str>,
}

/// The three "when to get help" lists of a care card.
#[derive(Serialize, Default)]
pub(crate) struct CareView<'a> {
    /// Call the emergency number now if ...
    pub emergency: Vec<CareItemView<'a>>,
    /// Get urgent help today if ...
    pub urgent: Vec<CareItemView<'a>>,
    /// See the routine service if ...
    pub routine: Vec<CareItemView<'a>>,
}

impl<'a> CareView<'a> {
    /// True when no list has an item.
    pub(crate) fn is_empty(&self) -> bool {
        self.emergency.is_empty() && self.urgent.is_empty() && self.routine.is_empty()
    }

    /// Adds `item` to the list of `level`.
    pub(crate) fn push(&mut self, level: Level, item: CareItemView<'a>) {
        match level {
            Level::Emergency => self.emergency.push(item),
            Level::Urgent => self.urgent.push(item),
            Level::Routine => self.routine.push(item),
        }
    }
}

/// One sign on the emergency page, with the articles that list it.
#[derive(Serialize)]
pub(crate) struct EmergencySignView<'a> {
    /// The condition, with local services filled in.
    pub text: Cow<'a, str>,
    /// The shared entry's id; `None` for an article's own words.
    pub id: Option<&'a str>,
    /// The symptoms (terms of the taxonomy of articles) the entry belongs to.
    pub symptoms: Vec<SymptomRef<'a>>,
    /// The terms of further taxonomies it belongs to, taxonomy by taxonomy in `site.toml`'s
    /// order, each as `care.toml` lists them.
    pub terms: Vec<TermRef<'a>>,
    /// The articles that list it, by title.
    pub articles: Vec<ArticleRef<'a>>,
}

/// A group of signs on the emergency page.
#[derive(Serialize)]
pub(crate) struct EmergencyGroupView<'a> {
    /// Its heading; `None` for the last group (other signs).
    pub name: Option<&'a str>,
    /// Fragment id of its heading.
    pub id: String,
    /// Its signs.
    pub signs: Vec<EmergencySignView<'a>>,
    /// Its shared signs (entries of `care.toml`), which the page lists.
    pub shared: usize,
    /// The first `EMERGENCY_LIST_LIMIT` articles (by title, each once) that list one of its
    /// shared signs; the symptom pages list them all.
    pub articles: Vec<ArticleRef<'a>>,
    /// How many articles list one of its shared signs in all.
    pub articles_total: usize,
    /// The first `EMERGENCY_LIST_LIMIT` articles (by title, each once) with an emergency sign of
    /// their own words in this group: the page points to them instead of listing signs only one
    /// page needs.
    pub page_only: Vec<ArticleRef<'a>>,
    /// How many such articles there are in all.
    pub page_only_total: usize,
}

/// The most articles the emergency page names in one list, so that it stays short and light on
/// a site of any size (the symptom pages list every article).
pub(super) const EMERGENCY_LIST_LIMIT: usize = 40;

impl<'a> Renderer<'a> {
    /// Article `i`'s care cards: each item is its shared entry's text, or its own words.
    pub(super) fn article_care(&self, i: usize) -> CareView<'a> {
        let site = self.site;
        let mut view = CareView::default();
        for item in &site.articles[i].care {
            let shown = if is_care_id(&item.item) {
                match site.care.get(&item.item) {
                    Some(entry) => self.entry_item(entry),
                    // Reported as an error while cross-linking; never rendered.
                    None => continue,
                }
            } else {
                CareItemView {
                    text: fill(&site.config, &item.item),
                    id: None,
                }
            };
            view.push(item.level, shown);
        }
        view
    }

    /// The shared entries tagged with symptom `i`, by level, in `care.toml` order.
    pub(super) fn symptom_care(&self, i: usize) -> CareView<'a> {
        let site = self.site;
        let slug = &site.symptoms[i].slug;
        let mut view = CareView::default();
        for entry in &site.care.entries {
            if entry.symptoms.iter().any(|s| &s.value == slug) {
                view.push(entry.level, self.entry_item(entry));
            }
        }
        view
    }

    /// The shared entries tagged with term `i` of the site's term set `set` (under the
    /// taxonomy's key in `care.toml`), by level, in `care.toml` order.
    pub(super) fn term_care(&self, set: usize, i: usize) -> CareView<'a> {
        let site = self.site;
        let terms = &site.term_sets[set];
        let slug = &terms.terms[i].slug;
        let mut view = CareView::default();
        for entry in &site.care.entries {
            if entry
                .slugs_of(&terms.taxonomy.key)
                .any(|s| &s.value == slug)
            {
                view.push(entry.level, self.entry_item(entry));
            }
        }
        view
    }

    fn entry_item(&self, entry: &'a CareEntry) -> CareItemView<'a> {
        CareItemView {
            text: fill(&self.site.config, &entry.text),
            id: Some(&entry.id),
        }
    }

    /// The emergency page's groups of signs, each sign with its symptoms and articles.
    pub(super) fn emergency_groups(&self, linker: &Linker<'_>) -> Vec<EmergencyGroupView<'a>> {
        super::reuse::note(super::reuse::Read::Lists);
        let site = self.site;
        let symptom_index = |slug: &str| site.symptoms.iter().position(|s| s.slug == slug);
        let listing = |group: &crate::crosslink::care::EmergencyGroup, shared: bool| {
            let mut seen = vec![false; site.articles.len()];
            let signs = group.signs.iter().filter(|s| s.entry.is_some() == shared);
            for &a in signs.flat_map(|s| &s.articles) {
                seen[a] = true;
            }
            let total = seen.iter().filter(|&&s| s).count();
            let shown = site
                .by_title
                .iter()
                .filter(|&&a| seen[a])
                .take(EMERGENCY_LIST_LIMIT)
                .map(|&a| linker.article_ref(site, a))
                .collect::<Vec<_>>();
            (shown, total)
        };
        site.emergency
            .iter()
            .map(|group| {
                let (articles, articles_total) = listing(group, true);
                let (page_only, page_only_total) = listing(group, false);
                EmergencyGroupView {
                    shared: group.signs.iter().filter(|s| s.entry.is_some()).count(),
                    articles,
                    articles_total,
                    page_only,
                    page_only_total,
                    name: group.name.as_deref(),
                    id: match &group.name {
                        Some(name) => format!("group-{}", slugify(name)),
                        None => "group-other".to_string(),
                    },
                    signs: group
                        .signs
                        .iter()
                        .map(|sign| {
                            let entry = sign.entry.and_then(|e| site.care.entries.get(e));
                            EmergencySignView {
                                text: fill(&site.config, &sign.text),
                                id: entry.map(|e| e.id.as_str()),
                                symptoms: entry
                                    .into_iter()
                                    .flat_map(|e| &e.symptoms)
                                    .filter_map(|s| symptom_index(&s.value))
                                    .map(|s| linker.symptom_ref(site, s))
                                    .collect(),
                                terms: entry
                                    .map(|e| entry_terms(site, linker, e))
                                    .unwrap_or_default(),
                                articles: sign
                                    .articles
                                    .iter()
                                    .map(|&a| linker.article_ref(site, a))
                                    .collect(),
                            }
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

/// Links to the terms of further taxonomies that `entry` belongs to (see
/// `EmergencySignView::terms`).
fn entry_terms<'a>(
    site: &'a crate::crosslink::Site,
    linker: &Linker<'_>,
    entry: &'a CareEntry,
) -> Vec<TermRef<'a>> {
    let mut found = Vec::new();
    for (set, terms) in site.term_sets.iter().enumerate() {
        for slug in entry.slugs_of(&terms.taxonomy.key) {
            if let Some(i) = terms.terms.iter().position(|t| t.slug == slug.value) {
                found.push(linker.term_ref(site, set, i));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::split_for_care;

    #[test]
    fn care_cards_go_at_the_marker_else_after_the_opening_section() {
        let marked = "<p>Intro.</p>\n<h2 id=\"a\">A</h2>\n<p>{{care}}</p>\n<p>More.</p>\n";
        assert_eq!(
            split_for_care(marked),
            ("<p>Intro.</p>\n<h2 id=\"a\">A</h2>\n", "<p>More.</p>\n")
        );
        let opening = "<p>Intro.</p>\n<h2 id=\"a\">A</h2>\n<p>Text.</p>\n";
        assert_eq!(
            split_for_care(opening),
            ("<p>Intro.</p>\n", "<h2 id=\"a\">A</h2>\n<p>Text.</p>\n")
        );
        let headed = "<h2 id=\"a\">A</h2>\n<p>One.</p>\n<h2 id=\"b\">B</h2>\n<p>Two.</p>\n";
        assert_eq!(
            split_for_care(headed),
            (
                "<h2 id=\"a\">A</h2>\n<p>One.</p>\n",
                "<h2 id=\"b\">B</h2>\n<p>Two.</p>\n"
            )
        );
        assert_eq!(split_for_care("<p>Only.</p>\n"), ("<p>Only.</p>\n", ""));
    }
}
