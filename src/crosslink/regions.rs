//! Body regions (neck, upper back, ... legs), the terms of the map taxonomy: each with the
//! symptoms felt there (from the vocabulary's `regions` field) and the articles that cover the
//! most of them, by index.

use super::symptoms::Symptom;
use crate::load::Vocabulary;
use crate::load::regions::{RegionDef, RegionTerm};
use std::collections::HashMap;

/// How many articles a region page lists: those covering the most of its symptoms. Each symptom's
/// own page lists all of its articles, so a large site's region page stays short.
pub(crate) const REGION_ARTICLE_LIMIT: usize = 20;

/// A body region and what is felt there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// URL slug, e.g. `lower-back`.
    pub slug: String,
    /// Plain name, e.g. `Lower back`.
    pub name: String,
    /// What the back map draws for it.
    pub map: RegionDef,
    /// Indexes of the symptoms felt there, in slug order.
    pub symptoms: Vec<usize>,
    /// Indexes of up to `REGION_ARTICLE_LIMIT` articles about those symptoms: the ones with the
    /// most of them first, then in title order.
    pub articles: Vec<usize>,
    /// How many articles are about any of those symptoms.
    pub article_count: usize,
}

/// Every region of `terms` in map order (top to bottom), whether or not any symptom names it, so
/// the back map is whole; none at all when no symptom names a region (the site has no map).
/// `title_rank[i]` is article `i`'s place in title order.
pub(crate) fn index(
    terms: &[RegionTerm],
    symptoms: &[Symptom],
    vocabulary: Option<&Vocabulary>,
    title_rank: &[usize],
) -> Vec<Region> {
    let regions: Vec<Region> = terms
        .iter()
        .map(|term| {
            let slug = term.slug.as_str();
            let felt_here: Vec<usize> = symptoms
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    vocabulary
                        .and_then(|v| v.get(&s.slug))
                        .is_some_and(|d| d.regions.iter().any(|r| r.get_ref() == slug))
                })
                .map(|(i, _)| i)
                .collect();
            let (articles, article_count) = top_articles(&felt_here, symptoms, title_rank);
            Region {
                slug: term.slug.clone(),
                name: term.def.label.clone(),
                map: term.def.clone(),
                symptoms: felt_here,
                articles,
                article_count,
            }
        })
        .collect();
    if regions.iter().all(|r| r.symptoms.is_empty()) {
        return Vec::new();
    }
    regions
}

/// The articles about any of `felt_here`'s symptoms, those with the most of them first, then by
/// title; at most `REGION_ARTICLE_LIMIT`. Also how many there are in all.
pub(crate) fn top_articles(
    felt_here: &[usize],
    symptoms: &[Symptom],
    title_rank: &[usize],
) -> (Vec<usize>, usize) {
    let mut covered: HashMap<usize, usize> = HashMap::new();
    for &s in felt_here {
        for &a in &symptoms[s].articles {
            *covered.entry(a).or_default() += 1;
        }
    }
    let count = covered.len();
    let mut ranked: Vec<(usize, usize)> = covered.into_iter().collect();
    let key = |&(a, n): &(usize, usize)| (std::cmp::Reverse(n), title_rank[a]);
    if ranked.len() > REGION_ARTICLE_LIMIT {
        ranked.select_nth_unstable_by_key(REGION_ARTICLE_LIMIT - 1, key);
        ranked.truncate(REGION_ARTICLE_LIMIT);
    }
    ranked.sort_unstable_by_key(key);
    (ranked.into_iter().map(|(a, _)| a).collect(), count)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regions of this repository's own site.
    fn terms() -> Vec<RegionTerm> {
        let text = include_str!("../../articles/regions.toml");
        crate::load::regions::parse("articles/regions.toml", text).expect("regions.toml")
    }

    fn vocabulary(text: &str) -> Vocabulary {
        let terms = terms();
        let slugs: Vec<&str> = terms.iter().map(|t| t.slug.as_str()).collect();
        crate::load::vocabulary::parse("articles/symptoms.toml", text, &slugs).expect("vocabulary")
    }

    fn symptom(slug: &str, articles: Vec<usize>) -> Symptom {
        Symptom {
            slug: slug.into(),
            name: slug.into(),
            aka: Vec::new(),
            description: String::new(),
            level: Default::default(),
            articles,
            seen_with: Vec::new(),
            line: None,
        }
    }

    #[test]
    fn regions_collect_their_symptoms_and_each_article_once_most_covered_first() {
        let vocabulary = vocabulary(
            "[a]\nname = \"A\"\nregions = [\"neck\", \"legs\"]\n[b]\nname = \"B\"\nregions = [\"legs\"]\n[c]\nname = \"C\"\n",
        );
        let symptoms = vec![
            symptom("a", vec![0, 2]),
            symptom("b", vec![2, 1]),
            symptom("c", vec![0]),
        ];
        // Title order: article 2, then 1, then 0.
        let regions = index(&terms(), &symptoms, Some(&vocabulary), &[2, 1, 0]);
        assert_eq!(regions.len(), 8);
        assert_eq!(regions[0].slug, "neck");
        assert_eq!(regions[0].symptoms, vec![0]);
        assert_eq!(regions[0].articles, vec![2, 0]);
        let legs = regions.iter().find(|r| r.slug == "legs").expect("legs");
        assert_eq!(legs.symptoms, vec![0, 1]);
        // Article 2 has both of the legs' symptoms; 1 and 0 one each, in title order.
        assert_eq!(legs.articles, vec![2, 1, 0]);
        assert_eq!(legs.article_count, 3);
        let upper = regions
            .iter()
            .find(|r| r.slug == "upper-back")
            .expect("upper");
        assert!(upper.symptoms.is_empty() && upper.articles.is_empty());
    }

    #[test]
    fn a_site_that_names_no_region_has_no_regions() {
        assert!(index(&terms(), &[symptom("a", vec![0])], None, &[0]).is_empty());
        let vocabulary = vocabulary("[a]\nname = \"A\"\nregions = []\n");
        assert!(index(&terms(), &[symptom("a", vec![0])], Some(&vocabulary), &[0]).is_empty());
    }

    #[test]
    fn a_region_lists_at_most_its_limit_with_the_most_covered_first() {
        let many: Vec<usize> = (0..50).collect();
        let symptoms = vec![symptom("a", many), symptom("b", vec![40, 7])];
        let title_rank: Vec<usize> = (0..50).rev().collect();
        let (top, count) = top_articles(&[0, 1], &symptoms, &title_rank);
        assert_eq!(count, 50);
        assert_eq!(top.len(), REGION_ARTICLE_LIMIT);
        assert_eq!(
            &top[..4],
            &[40, 7, 49, 48],
            "both symptoms first, then by title"
        );
    }
}
