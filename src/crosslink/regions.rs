//! Body regions (neck, upper back, ... legs): each with the symptoms felt there (from the
//! vocabulary's `regions` field) and the articles about those symptoms, by index.

use super::symptoms::Symptom;
use crate::load::Vocabulary;
use crate::load::vocabulary::REGIONS;

/// A body region and what is felt there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// URL slug, e.g. `lower-back`.
    pub slug: &'static str,
    /// Plain name, e.g. `Lower back`.
    pub name: &'static str,
    /// Indexes of the symptoms felt there, in slug order.
    pub symptoms: Vec<usize>,
    /// Indexes of the articles about those symptoms, each once, in title order.
    pub articles: Vec<usize>,
}

/// Every region in `REGIONS` order (top to bottom), whether or not any symptom names it, so the
/// back map is whole; none at all when no symptom names a region (the site has no map).
/// `title_rank[i]` is article `i`'s place in title order.
pub fn index(
    symptoms: &[Symptom],
    vocabulary: Option<&Vocabulary>,
    title_rank: &[usize],
) -> Vec<Region> {
    let regions: Vec<Region> = REGIONS
        .iter()
        .map(|&(slug, name)| {
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
            let mut articles: Vec<usize> = felt_here
                .iter()
                .flat_map(|&s| symptoms[s].articles.iter().copied())
                .collect();
            articles.sort_unstable_by_key(|&a| title_rank[a]);
            articles.dedup();
            Region {
                slug,
                name,
                symptoms: felt_here,
                articles,
            }
        })
        .collect();
    if regions.iter().all(|r| r.symptoms.is_empty()) {
        return Vec::new();
    }
    regions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symptom(slug: &str, articles: Vec<usize>) -> Symptom {
        Symptom {
            slug: slug.into(),
            name: slug.into(),
            aka: Vec::new(),
            description: String::new(),
            level: Default::default(),
            articles,
            seen_with: Vec::new(),
        }
    }

    #[test]
    fn regions_collect_their_symptoms_and_each_article_once_in_title_order() {
        let vocabulary = crate::load::vocabulary::parse(
            "[a]\nname = \"A\"\nregions = [\"neck\", \"legs\"]\n[b]\nname = \"B\"\nregions = [\"legs\"]\n[c]\nname = \"C\"\n",
        )
        .expect("vocabulary");
        let symptoms = vec![
            symptom("a", vec![0, 2]),
            symptom("b", vec![2, 1]),
            symptom("c", vec![0]),
        ];
        // Title order: article 2, then 1, then 0.
        let regions = index(&symptoms, Some(&vocabulary), &[2, 1, 0]);
        assert_eq!(regions.len(), REGIONS.len());
        assert_eq!(regions[0].slug, "neck");
        assert_eq!(regions[0].symptoms, vec![0]);
        assert_eq!(regions[0].articles, vec![2, 0]);
        let legs = regions.iter().find(|r| r.slug == "legs").expect("legs");
        assert_eq!(legs.symptoms, vec![0, 1]);
        assert_eq!(legs.articles, vec![2, 1, 0]);
        let upper = regions
            .iter()
            .find(|r| r.slug == "upper-back")
            .expect("upper");
        assert!(upper.symptoms.is_empty() && upper.articles.is_empty());
    }

    #[test]
    fn a_site_that_names_no_region_has_no_regions() {
        assert!(index(&[symptom("a", vec![0])], None, &[0]).is_empty());
        let vocabulary = crate::load::vocabulary::parse("[a]\nname = \"A\"\nregions = []\n")
            .expect("vocabulary");
        assert!(index(&[symptom("a", vec![0])], Some(&vocabulary), &[0]).is_empty());
    }
}
