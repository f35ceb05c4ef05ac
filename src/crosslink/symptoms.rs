//! The symptom index: every symptom with the articles tagged with it, and the symptoms that most
//! often share an article with it ("often seen with").

use crate::diagnostic::{Diagnostic, Kind, did_you_mean};
use crate::load::vocabulary::is_slug;
use crate::load::{Article, Level, SymptomRef, Vocabulary};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// How many "often seen with" symptoms a symptom page shows.
pub(crate) const SEEN_WITH_LIMIT: usize = 5;

/// A symptom and the articles about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symptom {
    /// URL slug, e.g. `back-tingling`.
    pub slug: String,
    /// Plain name.
    pub name: String,
    /// Other names.
    pub aka: Vec<String>,
    /// One or two sentences (may be empty without a vocabulary).
    pub description: String,
    /// How urgent it is.
    pub level: Level,
    /// The line of its definition in `articles/symptoms.toml`; `None` when the site has no
    /// vocabulary (then the symptom exists because articles use it).
    pub line: Option<usize>,
    /// Indexes of the articles tagged with it, in title order.
    pub articles: Vec<usize>,
    /// Symptoms that share articles with this one: (symptom index, shared article count), most
    /// shared first, at most `SEEN_WITH_LIMIT`.
    pub seen_with: Vec<(usize, usize)>,
}

/// `back-tingling` -> `Back tingling`: a name for a symptom that has no vocabulary entry.
pub(crate) fn name_from_slug(slug: &str) -> String {
    let spaced = slug.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Which terms an index is of: how articles name them, and how to report a wrong one.
pub(crate) struct Terms<'a> {
    /// The terms an article names, with their places.
    pub of: &'a dyn Fn(&Article) -> &[SymptomRef],
    /// The kind of an unknown or repeated term.
    pub kind: Kind,
    /// What a term is called in messages: `symptom`, or `term of \`treatments\``.
    pub noun: &'a str,
    /// The term file, for the hint.
    pub file: &'a str,
}

/// Builds the symptom list (in slug order) and each article's symptom indexes.
/// `title_rank[i]` is article `i`'s place in title order; `taxonomy` is the taxonomy of
/// articles the vocabulary is the term file of.
pub(crate) fn index(
    articles: &[Arc<Article>],
    vocabulary: Option<&Vocabulary>,
    taxonomy: &crate::config::Taxonomy,
    title_rank: &[usize],
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Symptom>, Vec<Vec<usize>>) {
    let noun = taxonomy.noun();
    let terms = Terms {
        of: &symptoms_of,
        kind: Kind::UnknownSymptom,
        noun: &noun,
        file: &taxonomy.terms,
    };
    index_terms(articles, vocabulary, &terms, title_rank, problems)
}

/// The symptoms an article names.
fn symptoms_of(article: &Article) -> &[SymptomRef] {
    &article.symptoms
}

/// `index` for any taxonomy of articles: its terms (in slug order) with their articles, and each
/// article's term indexes.
pub(crate) fn index_terms(
    articles: &[Arc<Article>],
    vocabulary: Option<&Vocabulary>,
    terms: &Terms<'_>,
    title_rank: &[usize],
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Symptom>, Vec<Vec<usize>>) {
    let defs = definitions(articles, vocabulary, terms.of);
    let position: HashMap<&str, usize> = defs.keys().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut symptoms: Vec<Symptom> = defs
        .iter()
        .map(|(slug, def)| Symptom {
            slug: slug.to_string(),
            name: def.map_or_else(|| name_from_slug(slug), |d| d.name.clone()),
            aka: def.map(|d| d.aka.clone()).unwrap_or_default(),
            description: def.map(|d| d.description.clone()).unwrap_or_default(),
            level: def.map(|d| d.level).unwrap_or_default(),
            line: def.map(|d| d.line),
            articles: Vec::new(),
            seen_with: Vec::new(),
        })
        .collect();
    let mut per_article = Vec::with_capacity(articles.len());
    for (i, article) in articles.iter().enumerate() {
        let named = (terms.of)(article);
        let mut mine: Vec<usize> = Vec::with_capacity(named.len());
        for s in named {
            match position.get(s.slug.as_str()) {
                Some(&p) if mine.contains(&p) => problems.push(
                    Diagnostic::error(
                        terms.kind,
                        &article.source,
                        format!("{} `{}` is listed twice", terms.noun, s.slug),
                    )
                    .at(s.line, s.column)
                    .hint("remove the second one"),
                ),
                Some(&p) => mine.push(p),
                None => problems.push(unknown(article, s, &defs, vocabulary.is_some(), terms)),
            }
        }
        for &p in &mine {
            symptoms[p].articles.push(i);
        }
        mine.sort_unstable();
        per_article.push(mine);
    }
    for symptom in &mut symptoms {
        symptom.articles.sort_by_key(|&a| title_rank[a]);
    }
    let seen_with: Vec<_> = (0..symptoms.len())
        .into_par_iter()
        .map(|s| often_seen_with(s, &symptoms, &per_article))
        .collect();
    for (symptom, seen) in symptoms.iter_mut().zip(seen_with) {
        symptom.seen_with = seen;
    }
    (symptoms, per_article)
}

/// Every symptom slug the site knows: the vocabulary if there is one, else every valid slug used.
fn definitions<'a>(
    articles: &'a [Arc<Article>],
    vocabulary: Option<&'a Vocabulary>,
    of: &dyn Fn(&Article) -> &[SymptomRef],
) -> BTreeMap<&'a str, Option<&'a crate::load::SymptomDef>> {
    match vocabulary {
        Some(v) => v
            .iter()
            .map(|(slug, def)| (slug.as_str(), Some(def)))
            .collect(),
        None => articles
            .iter()
            .flat_map(|a| of(a))
            .filter(|s| is_slug(&s.slug))
            .map(|s| (s.slug.as_str(), None))
            .collect(),
    }
}

fn unknown(
    article: &Article,
    s: &crate::load::SymptomRef,
    defs: &BTreeMap<&str, Option<&crate::load::SymptomDef>>,
    has_vocabulary: bool,
    terms: &Terms<'_>,
) -> Diagnostic {
    let noun = terms.noun;
    let d = Diagnostic::error(
        terms.kind,
        &article.source,
        format!("unknown {noun} `{}`", s.slug),
    )
    .at(s.line, s.column);
    if !has_vocabulary {
        return d.hint(format!(
            "{noun} slugs use lower-case letters, digits and hyphens, for example `{}`",
            crate::markdown::slugify(&s.slug).replace('_', "-")
        ));
    }
    match did_you_mean(&s.slug, defs.keys().copied()) {
        Some(close) => d.hint(format!("did you mean `{close}`?")),
        None => d.hint(format!(
            "add it to {}, or use one of the {noun}s listed there",
            terms.file
        )),
    }
}

/// The symptoms sharing the most articles with symptom `s`; ties go to the lower index (slug order).
fn often_seen_with(
    s: usize,
    symptoms: &[Symptom],
    per_article: &[Vec<usize>],
) -> Vec<(usize, usize)> {
    let mut counts = vec![0usize; symptoms.len()];
    for &a in &symptoms[s].articles {
        for &other in &per_article[a] {
            counts[other] += 1;
        }
    }
    let mut ranked: Vec<(usize, usize)> = (counts.into_iter().enumerate())
        .filter(|&(other, count)| other != s && count > 0)
        .collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(SEEN_WITH_LIMIT);
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_slugs_without_a_vocabulary() {
        assert_eq!(name_from_slug("back-tingling"), "Back tingling");
        assert_eq!(name_from_slug(""), "");
    }

    #[test]
    fn often_seen_with_counts_shared_articles() {
        let symptom = |articles: Vec<usize>| Symptom {
            slug: String::new(),
            name: String::new(),
            aka: vec![],
            description: String::new(),
            level: Level::Routine,
            articles,
            seen_with: vec![],
            line: None,
        };
        // articles: 0 has {0,1,2}, 1 has {0,2}, 2 has {0,1}, 3 has {1}
        let per_article = vec![vec![0, 1, 2], vec![0, 2], vec![0, 1], vec![1]];
        let symptoms = vec![
            symptom(vec![0, 1, 2]),
            symptom(vec![0, 2, 3]),
            symptom(vec![0, 1]),
        ];
        assert_eq!(
            often_seen_with(0, &symptoms, &per_article),
            vec![(1, 2), (2, 2)]
        );
        assert_eq!(
            often_seen_with(1, &symptoms, &per_article),
            vec![(0, 2), (2, 1)]
        );
    }
}
