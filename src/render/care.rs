//! Care advice on pages: an article's care cards, a symptom page's shared advice and the
//! emergency page's grouped signs, all from the same `care.toml` entries, so a sign reads the
//! same everywhere; local services are filled into every text.

use super::views::{CareItemView, CareView, EmergencyGroupView, EmergencySignView};
use super::{Linker, Renderer};
use crate::load::CareEntry;
use crate::load::article::is_care_id;
use crate::markdown::slugify;
use crate::placeholder::fill;

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

    fn entry_item(&self, entry: &'a CareEntry) -> CareItemView<'a> {
        CareItemView {
            text: fill(&self.site.config, &entry.text),
            id: Some(&entry.id),
        }
    }

    /// The emergency page's groups of signs, each sign with its symptoms and articles.
    pub(super) fn emergency_groups(&self, linker: &Linker<'_>) -> Vec<EmergencyGroupView<'a>> {
        let site = self.site;
        let symptom_index = |slug: &str| site.symptoms.iter().position(|s| s.slug == slug);
        site.emergency
            .iter()
            .map(|group| EmergencyGroupView {
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
                            articles: sign
                                .articles
                                .iter()
                                .map(|&a| linker.article_ref(site, a))
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect()
    }
}
