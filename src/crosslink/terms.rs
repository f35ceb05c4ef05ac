//! The taxonomies of articles after the first (`SiteConfig::extra_taxonomies`): plain term lists,
//! each term with the articles that name it under the taxonomy's front-matter key.

use super::symptoms::{self, Symptom, Terms};
use crate::config::Taxonomy;
use crate::diagnostic::{Diagnostic, Kind};
use crate::load::{Article, SymptomRef, Vocabulary};
use std::sync::Arc;

/// One taxonomy's terms and their articles.
#[derive(Debug, Clone, PartialEq)]
pub struct TermSet {
    /// The taxonomy, as configured.
    pub taxonomy: Taxonomy,
    /// Its terms in slug order, each with its articles in title order (a term is described like
    /// a symptom: name, other names, description).
    pub terms: Vec<Symptom>,
    /// Each article's term indexes, parallel to the site's articles.
    pub per_article: Vec<Vec<usize>>,
}

impl TermSet {
    /// The URL of term `slug`'s page: `<segment>/<slug>/`.
    pub fn term_url(&self, slug: &str) -> String {
        format!("{}/{slug}/", self.taxonomy.segment)
    }

    /// The URL of the page listing every term: `<segment>/`.
    pub fn index_url(&self) -> String {
        format!("{}/", self.taxonomy.segment)
    }

    /// The taxonomy's plain name for headings and breadcrumbs: `body-systems` -> `Body systems`.
    pub fn label(&self) -> String {
        symptoms::name_from_slug(&self.taxonomy.name)
    }
}

/// Forces a closure to the signature `Terms::of` needs (its result borrowed from the article).
fn terms_of<F: Fn(&Article) -> &[SymptomRef]>(f: F) -> F {
    f
}

/// Indexes every extra taxonomy (`taxonomies`, each with its term file's `vocabulary`) over
/// `articles`, reporting unknown and repeated terms, with a "did you mean", in `problems`.
pub(crate) fn index(
    taxonomies: &[Taxonomy],
    vocabularies: &[Option<Vocabulary>],
    articles: &[Arc<Article>],
    title_rank: &[usize],
    problems: &mut Vec<Diagnostic>,
) -> Vec<TermSet> {
    taxonomies
        .iter()
        .zip(vocabularies)
        .map(|(taxonomy, vocabulary)| {
            let key = taxonomy.key.as_str();
            let of = terms_of(move |a: &Article| a.terms.get(key).map_or(&[][..], Vec::as_slice));
            let noun = taxonomy.noun();
            let terms = Terms {
                of: &of,
                kind: Kind::UnknownTerm,
                noun: &noun,
                file: &taxonomy.terms,
            };
            let (terms, per_article) =
                symptoms::index_terms(articles, vocabulary.as_ref(), &terms, title_rank, problems);
            TermSet {
                taxonomy: taxonomy.clone(),
                terms,
                per_article,
            }
        })
        .collect()
}
