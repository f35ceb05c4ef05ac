//! What pages show of the evidence and its review: an article's numbered reference list and its
//! inline citation marks, its "Reviewed by" line and change log, and the references page that
//! lists every source with the articles citing it.

use super::pages::{ContextResult, Part, home_step};
use super::paging::{self, Anchor};
use super::views::{ArticleRef, Crumb, DateView};
use super::{Linker, Page, Renderer, jsonld};
use crate::date::Date;
use crate::load::references::is_placeholder;
use crate::load::{Reference, SourceKind};
use serde::Serialize;
use std::collections::HashMap;

/// The URL of the references page.
pub(crate) const REFERENCES_URL: &str = "references/";

/// The most citing articles the references page lists under one source; the rest are counted
/// ("and 120 more"), so a source cited by every article does not make its page grow with them.
pub(crate) const CITED_BY_LIMIT: usize = 50;

/// One source, as a reference list or the references page shows it.
#[derive(Serialize)]
pub(crate) struct ReferenceView<'a> {
    /// Its number on the article (1-based); 0 on the references page.
    pub number: usize,
    /// Its id in `references.toml`.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Publisher.
    pub publisher: &'a str,
    /// Web address, if any.
    pub url: Option<&'a str>,
    /// `2024-09-21` or `2024`, if known.
    pub published: Option<String>,
    /// The kind as written (`guideline`, ...).
    pub kind: &'static str,
    /// DOI and its link.
    pub doi: Option<&'a str>,
    /// `https://doi.org/...`.
    pub doi_url: Option<String>,
    /// PubMed id.
    pub pmid: Option<&'a str>,
    /// `https://pubmed.ncbi.nlm.nih.gov/.../`.
    pub pmid_url: Option<String>,
    /// The day an editor last checked it, if recorded.
    pub checked: Option<DateView>,
    /// On an article: the fragment of its first inline citation (`#cite-ID-1`), if cited inline.
    pub back: Option<String>,
}

/// A source on the references page, with the articles citing it.
#[derive(Serialize)]
pub(crate) struct SourceEntry<'a> {
    /// The source.
    #[serde(flatten)]
    pub reference: ReferenceView<'a>,
    /// Articles that cite it, by title (at most `CITED_BY_LIMIT`).
    pub articles: Vec<ArticleRef<'a>>,
    /// How many more cite it than are listed.
    pub more: usize,
}

/// The sources of one kind.
#[derive(Serialize)]
pub(crate) struct SourceGroup<'a> {
    /// The kind as written (`guideline`, ...), also the section's id (`guideline-continued`
    /// on a later page of the references than the one it starts on).
    pub kind: String,
    /// True when its sources started on an earlier page.
    pub continued: bool,
    /// Heading.
    pub label: &'static str,
    /// Its sources, by title.
    pub sources: Vec<SourceEntry<'a>>,
}

/// The references page.
#[derive(Serialize)]
pub(crate) struct ReferencesPage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: super::views::Common<'a>,
    /// Breadcrumb trail.
    pub breadcrumbs: Vec<Crumb>,
    /// The sources on this page grouped by kind; kinds with no source are left out.
    pub groups: Vec<SourceGroup<'a>>,
    /// Every kind with sources, linked to where its list starts, for the table of contents.
    pub kinds: Vec<KindLink>,
    /// Number of sources.
    pub count: usize,
}

/// A kind of source in the references page's table of contents.
#[derive(Serialize)]
pub(crate) struct KindLink {
    /// Heading.
    pub label: &'static str,
    /// Link to its section, on the page where it starts.
    pub href: String,
    /// How many sources of the kind.
    pub count: usize,
}

/// An article's review, only from `reviewed` and `reviewed_by`.
#[derive(Serialize)]
pub(crate) struct ReviewView {
    /// "Jane Doe, MBBS, FRCGP" (several joined with "and").
    pub by: String,
    /// The day of the review.
    pub date: DateView,
    /// When the next review is due.
    pub next: DateView,
}

/// One change log line.
#[derive(Serialize)]
pub(crate) struct ChangeView<'a> {
    /// When.
    pub date: DateView,
    /// What changed.
    pub summary: &'a str,
}

fn reference_view<'a>(
    id: &'a str,
    r: &'a Reference,
    number: usize,
    dates: &crate::date::LongDates,
) -> ReferenceView<'a> {
    ReferenceView {
        number,
        id,
        title: &r.title,
        publisher: &r.publisher,
        url: r.url.as_deref(),
        published: r.published(),
        kind: r.kind.slug(),
        doi: r.doi.as_deref(),
        doi_url: r.doi.as_ref().map(|d| format!("https://doi.org/{d}")),
        pmid: r.pmid.as_deref(),
        pmid_url: r
            .pmid
            .as_ref()
            .map(|p| format!("https://pubmed.ncbi.nlm.nih.gov/{p}/")),
        checked: r.checked.map(|d| DateView::of(d, dates)),
        back: None,
    }
}

/// The marks that replace inline citations, numbering each use: `[N]` links to `#ref-ID`, with
/// the id `cite-ID-U` for its U-th use so that the list can link back to the first.
pub(crate) struct CiteMarks<'s> {
    numbers: HashMap<&'s str, usize>,
    uses: HashMap<String, usize>,
    /// Each link's accessible name, escaped, with `{number}` for its number ("Reference 2").
    label: String,
}

impl<'s> CiteMarks<'s> {
    /// Marks for an article citing `ids` in number order, each link named `label` (the
    /// program's `cite-label` with `{number}` for its number).
    pub(crate) fn new(ids: &'s [String], label: &str) -> Self {
        CiteMarks {
            numbers: ids
                .iter()
                .zip(1..)
                .map(|(id, n)| (id.as_str(), n))
                .collect(),
            uses: HashMap::new(),
            label: super::xml::escape(label),
        }
    }

    /// The HTML for one citation of `ids`.
    pub(crate) fn mark(&mut self, ids: &[&str]) -> Option<String> {
        let mut html = String::from("<sup class=\"cite\">");
        for id in ids {
            if is_placeholder(id) {
                html.push_str("<span class=\"cite-needed\">[citation needed]</span>");
                continue;
            }
            let number = *self.numbers.get(id)?;
            let uses = self.uses.entry(id.to_string()).or_default();
            *uses += 1;
            // Ids are slugs once loading has checked them; escaped anyway, since a body whose
            // HTML is trusted skips the sanitizer.
            let id = super::xml::escape(id);
            let label = self.label.replace("{number}", &number.to_string());
            html.push_str(&format!(
                "<a href=\"#ref-{id}\" id=\"cite-{id}-{uses}\" aria-label=\"{label}\">[{number}]</a>"
            ));
        }
        html.push_str("</sup>");
        Some(html)
    }
}

/// "Jane Doe, MBBS" or "Jane Doe, MBBS and John Roe, RN".
fn names(list: &[String]) -> String {
    match list.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl<'a> Renderer<'a> {
    /// Article `i`'s reference list, in number order.
    pub(super) fn article_references(&self, i: usize) -> Vec<ReferenceView<'a>> {
        let site = self.site;
        let article = &site.articles[i];
        site.references.per_article[i]
            .iter()
            .zip(1..)
            .filter_map(|(id, number)| {
                let (id, r) = site.registry.get_key_value(id)?;
                let mut view = reference_view(id, r, number, &self.dates);
                view.back = article
                    .citations
                    .iter()
                    .any(|c| c.id == *id)
                    .then(|| format!("#cite-{id}-1"));
                Some(view)
            })
            .collect()
    }

    /// Article `i`'s sources for its JSON-LD `citation`.
    pub(super) fn article_citations(&self, i: usize) -> Vec<jsonld::Citation<'a>> {
        let site = self.site;
        site.references.per_article[i]
            .iter()
            .filter_map(|id| site.registry.get(id))
            .map(|r| jsonld::Citation {
                name: &r.title,
                url: r.url.as_deref(),
                publisher: &r.publisher,
                date_published: r.published(),
            })
            .collect()
    }

    /// Article `i`'s review, when it has one (`reviewed` with `reviewed_by`).
    pub(super) fn article_review(&self, i: usize) -> Option<ReviewView> {
        let site = self.site;
        let front = &site.articles[i].front;
        let reviewed = front.reviewed?;
        let by: Vec<String> = front
            .reviewed_by
            .iter()
            .filter_map(|id| site.reviewers.get(id.get_ref()))
            .map(|r| format!("{}, {}", r.name, r.credentials))
            .collect();
        if by.is_empty() {
            return None;
        }
        Some(ReviewView {
            by: names(&by),
            date: DateView::of(reviewed, &self.dates),
            next: DateView::of(
                front.next_review.unwrap_or(reviewed.plus_years(3)),
                &self.dates,
            ),
        })
    }

    /// Article `i`'s change log, newest first.
    pub(super) fn article_changes(&self, i: usize) -> Vec<ChangeView<'a>> {
        let mut changes: Vec<(Date, &'a str)> = self.site.articles[i]
            .front
            .changes
            .iter()
            .map(|c| (*c.date.get_ref(), c.summary.as_str()))
            .collect();
        changes.sort_by_key(|c| std::cmp::Reverse(c.0));
        changes
            .into_iter()
            .map(|(date, summary)| ChangeView {
                date: DateView::of(date, &self.dates),
                summary,
            })
            .collect()
    }

    pub(super) fn references_page(
        &self,
        linker: &Linker<'_>,
        page: &Page,
        part: usize,
    ) -> ContextResult<'a> {
        let site = self.site;
        let order = &self.lists().sources;
        let size = site.config.page_size;
        let part = Part::of(part, order.len(), size);
        let mut steps = vec![home_step(&self.ui)];
        let title = self.ui.program_text("references-title", &[]);
        steps.extend(part.trail_end(&self.ui, &title, REFERENCES_URL));
        let (breadcrumbs, json_ld) = self.trail(linker, &steps);
        let mut common = self.common(
            linker,
            page,
            part.title(&self.ui, &title),
            format!(
                "Every source {} is written from, with the pages that cite it.",
                site.config.title
            ),
        );
        common.json_ld = json_ld;
        common.pagination = part.view(
            linker,
            &self.ui.program_text("pages-of-references", &[]),
            REFERENCES_URL,
        );
        let range = paging::page_range(part.index, order.len(), size);
        let kind_before = order[..range.start]
            .last()
            .and_then(|id| site.registry.get(id))
            .map(|r| r.kind);
        let mut groups: Vec<SourceGroup<'a>> = Vec::new();
        let mut current: Option<SourceKind> = None;
        for id in &order[range] {
            let Some((id, r)) = site.registry.get_key_value(id) else {
                continue;
            };
            let slug = r.kind.slug();
            if current != Some(r.kind) {
                let continued = kind_before == Some(r.kind) && current.is_none();
                current = Some(r.kind);
                groups.push(SourceGroup {
                    kind: if continued {
                        format!("{slug}-continued")
                    } else {
                        slug.to_string()
                    },
                    continued,
                    label: r.kind.label(),
                    sources: Vec::new(),
                });
            }
            super::reuse::note(super::reuse::Read::Citing(id));
            let citing = site.references.cited_by.get(id).map_or(&[][..], |v| &v[..]);
            let shown = &citing[..citing.len().min(CITED_BY_LIMIT)];
            if let Some(group) = groups.last_mut() {
                group.sources.push(SourceEntry {
                    reference: reference_view(id, r, 0, &self.dates),
                    articles: shown.iter().map(|&a| linker.article_ref(site, a)).collect(),
                    more: citing.len() - shown.len(),
                });
            }
        }
        let kinds = SourceKind::ALL
            .iter()
            .filter_map(|&kind| {
                Some(KindLink {
                    label: kind.label(),
                    href: self.anchor_href(linker, Anchor::SourceKind(kind))?,
                    count: self.lists().kind_count(kind),
                })
            })
            .collect();
        self.serialize(ReferencesPage {
            common,
            breadcrumbs,
            count: site.registry.len(),
            groups,
            kinds,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_use_gets_its_own_id_and_the_number_of_its_source() {
        let ids = vec!["a".to_string(), "b".to_string()];
        let mut marks = CiteMarks::new(&ids, "Reference {number}");
        assert_eq!(
            marks.mark(&["b"]).as_deref(),
            Some(
                "<sup class=\"cite\"><a href=\"#ref-b\" id=\"cite-b-1\" aria-label=\"Reference 2\">[2]</a></sup>"
            )
        );
        let again = marks.mark(&["a", "b"]).expect("known");
        assert!(
            again.contains("id=\"cite-a-1\"") && again.contains("id=\"cite-b-2\""),
            "{again}"
        );
        assert!(
            marks
                .mark(&["todo"])
                .expect("placeholder")
                .contains("citation needed")
        );
        assert_eq!(marks.mark(&["unknown"]), None);
        assert_eq!(
            names(&["A, X".into(), "B, Y".into(), "C, Z".into()]),
            "A, X, B, Y and C, Z"
        );
    }
}
