//! Data for the symptom finder on the home page (`finder-data.js`): every article (title,
//! description, URL) and, for every symptom, its urgency and the articles that cover it.
//!
//! The home page lists the symptoms as checkboxes (their `value` is the slug); `static/finder.js`
//! reads this file to rank articles by how many ticked symptoms each covers.

use crate::crosslink::Site;
use crate::load::Level;
use serde::Serialize;
use std::collections::BTreeMap;

/// The generated file, relative to the output folder.
pub const DATA_FILE: &str = "finder-data.js";

/// The global the data file assigns (read by `static/finder.js`).
pub const GLOBAL: &str = "healthkbFinder";

#[derive(Serialize)]
struct ArticleData<'a> {
    /// Title.
    t: &'a str,
    /// Description, with local services filled in.
    d: std::borrow::Cow<'a, str>,
    /// URL from the site root.
    u: &'a str,
}

#[derive(Serialize)]
struct SymptomData<'a> {
    /// Name.
    n: &'a str,
    /// Urgency.
    l: Level,
    /// Indexes into `articles`, in title order.
    a: Vec<usize>,
}

#[derive(Serialize)]
struct FinderData<'a> {
    articles: Vec<ArticleData<'a>>,
    symptoms: BTreeMap<&'a str, SymptomData<'a>>,
}

/// Builds `finder-data.js` as `window.healthkbFinder = {...};`. Articles are listed in title
/// order, so ties in the ranking fall back to alphabetical order.
pub fn data_script(site: &Site) -> String {
    let mut position = vec![0; site.articles.len()];
    let articles = site
        .by_title
        .iter()
        .enumerate()
        .filter_map(|(place, &i)| {
            let article = site.articles.get(i)?;
            if let Some(slot) = position.get_mut(i) {
                *slot = place;
            }
            Some(ArticleData {
                t: &article.front.title,
                d: crate::placeholder::fill(&site.config, &article.front.description),
                u: &article.url,
            })
        })
        .collect();
    let symptoms = site
        .symptoms
        .iter()
        .map(|s| {
            let mut covered: Vec<usize> = s
                .articles
                .iter()
                .filter_map(|&a| position.get(a).copied())
                .collect();
            covered.sort_unstable();
            (
                s.slug.as_str(),
                SymptomData {
                    n: &s.name,
                    l: s.level,
                    a: covered,
                },
            )
        })
        .collect();
    super::search::script(GLOBAL, &FinderData { articles, symptoms })
}
