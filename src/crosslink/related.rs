//! "Related articles": ranked by the terms two articles share in every taxonomy that sets
//! `related` (on this guide, the symptoms), a rare shared term counting more than a common one
//! (inverse document frequency), ties broken by title.
//!
//! Candidates come from the term indexes, never from comparing every pair of articles, and very
//! common terms do not bring in candidates (they still add to the score of the others), so the
//! work per article stays bounded however large the site grows.

use super::symptoms::Symptom;
use rayon::prelude::*;
use std::borrow::Cow;

/// How many related articles an article shows.
pub(crate) const RELATED_LIMIT: usize = 5;

/// Terms on more articles than this do not bring in candidates on their own.
pub const CANDIDATE_CAP: usize = 1_000;

/// Related articles for every article, and how many candidate scores were computed in all
/// (a measure of the work done, used by the regression tests).
#[derive(Debug, Clone)]
pub(crate) struct Related {
    /// Per article: up to `RELATED_LIMIT` article indexes, best first.
    pub(crate) lists: Vec<Vec<usize>>,
    /// Total candidates scored across all articles.
    pub(crate) candidates_scored: usize,
}

/// One taxonomy that feeds the ranking: its terms (each with its articles in title order) and
/// each article's term indexes (sorted), parallel to the site's articles.
pub(crate) type Source<'a> = (&'a [Symptom], &'a [Vec<usize>]);

/// The ranking's input over several taxonomies as one: every term's articles, the taxonomies'
/// terms one after the other, and each article's term indexes in that numbering (still sorted).
/// With one taxonomy this is that taxonomy's own index, borrowed.
pub(crate) fn combine<'a>(
    sources: &[Source<'a>],
    articles: usize,
) -> (Vec<&'a [usize]>, Cow<'a, [Vec<usize>]>) {
    let terms = sources
        .iter()
        .flat_map(|(terms, _)| terms.iter().map(|t| t.articles.as_slice()))
        .collect();
    let per_article = match sources {
        [(_, per_article)] => Cow::Borrowed(*per_article),
        _ => {
            let mut merged: Vec<Vec<usize>> = vec![Vec::new(); articles];
            let mut offset = 0;
            for (terms, per_article) in sources {
                for (mine, theirs) in merged.iter_mut().zip(per_article.iter()) {
                    mine.extend(theirs.iter().map(|&t| t + offset));
                }
                offset += terms.len();
            }
            Cow::Owned(merged)
        }
    };
    (terms, per_article)
}

/// Ranks related articles. `terms[t]` holds the articles of term `t` in title order;
/// `per_article[i]` holds article `i`'s term indexes (sorted); `title_rank[i]` is its place in
/// title order.
pub(crate) fn rank(
    terms: &[&[usize]],
    per_article: &[Vec<usize>],
    title_rank: &[usize],
) -> Related {
    let ranker = Ranker::new(terms, per_article, title_rank);
    let ranked: Vec<(Vec<usize>, usize)> = (0..per_article.len())
        .into_par_iter()
        .map_init(
            || Scratch::new(per_article.len()),
            |scratch, article| ranker.one(article, scratch),
        )
        .collect();
    let candidates_scored = ranked.iter().map(|(_, count)| count).sum();
    let lists = ranked.into_iter().map(|(list, _)| list).collect();
    Related {
        lists,
        candidates_scored,
    }
}

/// The last ranking made, with a digest of what it was made from (every term's articles, every
/// article's terms and place in title order), for `serve`, which cross-links the site again on
/// every change: most changes (an article's text) leave all of that as it was.
#[derive(Debug, Default)]
pub(crate) struct Memo(std::sync::Mutex<Option<(u64, Related)>>);

impl Memo {
    /// `rank`, or what it gave for the same inputs last time.
    pub(crate) fn rank(
        &self,
        terms: &[&[usize]],
        per_article: &[Vec<usize>],
        title_rank: &[usize],
    ) -> Related {
        use std::hash::{Hash, Hasher};
        let mut digest = std::hash::DefaultHasher::new();
        (terms, per_article, title_rank).hash(&mut digest);
        let inputs = digest.finish();
        let mut last = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match &*last {
            Some((made_from, related)) if *made_from == inputs => related.clone(),
            _ => {
                let related = rank(terms, per_article, title_rank);
                *last = Some((inputs, related.clone()));
                related
            }
        }
    }
}

/// What ranking needs, computed once for all articles.
struct Ranker<'a> {
    /// Per term: its articles, in title order.
    terms: &'a [&'a [usize]],
    per_article: &'a [Vec<usize>],
    title_rank: &'a [usize],
    /// Per term: the more articles have it, the less sharing it counts.
    weight: Vec<f64>,
    common: CommonSets,
}

impl<'a> Ranker<'a> {
    fn new(
        terms: &'a [&'a [usize]],
        per_article: &'a [Vec<usize>],
        title_rank: &'a [usize],
    ) -> Self {
        let total = per_article.len().max(1) as f64;
        let weight = terms
            .iter()
            .map(|articles| (total / articles.len().max(1) as f64).ln() + 1.0)
            .collect();
        Ranker {
            terms,
            per_article,
            title_rank,
            weight,
            common: CommonSets::new(terms, per_article.len()),
        }
    }

    /// `article`'s related list and how many candidates were scored.
    fn one(&self, article: usize, scratch: &mut Scratch) -> (Vec<usize>, usize) {
        let mine = &self.per_article[article];
        let found = candidates(article, mine, self.terms, &self.weight, scratch);
        let mut top = Top::default();
        for &other in &found {
            let score = scratch.score(other) + self.common.shared_weight(mine, other, &self.weight);
            top.offer(score, other, self.title_rank);
        }
        (top.into_list(), found.len())
    }
}

/// The `RELATED_LIMIT` best candidates offered so far: highest score first, ties by title. Each
/// candidate is compared with the few kept, never sorted with all the others.
#[derive(Default)]
struct Top {
    best: Vec<(f64, usize)>,
}

impl Top {
    /// Keeps `other` if it is among the best so far.
    fn offer(&mut self, score: f64, other: usize, title_rank: &[usize]) {
        let rank = |i: usize| title_rank.get(i).copied().unwrap_or(usize::MAX);
        let before = |a: &(f64, usize), b: &(f64, usize)| {
            b.0.total_cmp(&a.0).then(rank(a.1).cmp(&rank(b.1))) == std::cmp::Ordering::Less
        };
        let candidate = (score, other);
        if self.best.len() == RELATED_LIMIT
            && self
                .best
                .last()
                .is_some_and(|last| !before(&candidate, last))
        {
            return;
        }
        let at = self.best.partition_point(|kept| before(kept, &candidate));
        self.best.insert(at, candidate);
        self.best.truncate(RELATED_LIMIT);
    }

    /// The kept article indexes, best first.
    fn into_list(self) -> Vec<usize> {
        self.best.into_iter().map(|(_, i)| i).collect()
    }
}

/// For every very common term (on more than `CANDIDATE_CAP` articles), its articles as a set of
/// bits: whether a candidate shares it is a lookup in a small array, not a search through the
/// candidate's own term list elsewhere in memory. There are at most (term mentions /
/// `CANDIDATE_CAP`) such terms, each taking one bit per article.
struct CommonSets {
    /// Indexed by term; `None` for terms that are not very common.
    sets: Vec<Option<Vec<u64>>>,
}

impl CommonSets {
    fn new(terms: &[&[usize]], articles: usize) -> Self {
        let sets = terms
            .iter()
            .map(|term| {
                (term.len() > CANDIDATE_CAP).then(|| {
                    let mut bits = vec![0u64; articles.div_ceil(64)];
                    for &a in *term {
                        if let Some(word) = bits.get_mut(a / 64) {
                            *word |= 1 << (a % 64);
                        }
                    }
                    bits
                })
            })
            .collect();
        CommonSets { sets }
    }

    /// The weight of the very common terms in `mine` that article `other` also has, summed in
    /// term order.
    fn shared_weight(&self, mine: &[usize], other: usize, weight: &[f64]) -> f64 {
        mine.iter()
            .filter(|&&s| {
                self.sets
                    .get(s)
                    .and_then(Option::as_ref)
                    .and_then(|bits| bits.get(other / 64))
                    .is_some_and(|word| word & (1 << (other % 64)) != 0)
            })
            .map(|&s| weight[s])
            .sum()
    }
}

/// The candidates of `article`: the articles sharing a not-too-common term with it, or, if all
/// its terms are very common, the first `CANDIDATE_CAP` articles (in title order) of its rarest
/// one. Walking the not-too-common terms' article lists also sums, in `scratch`, the
/// weight each candidate shares through them; `CommonSets` adds the very common ones.
fn candidates(
    article: usize,
    mine: &[usize],
    terms: &[&[usize]],
    weight: &[f64],
    scratch: &mut Scratch,
) -> Vec<usize> {
    scratch.clear();
    let mut found = Vec::new();
    let mut rarest: Option<&[usize]> = None;
    for &s in mine {
        let term = terms[s];
        if term.len() <= CANDIDATE_CAP {
            for &other in term.iter().filter(|&&o| o != article) {
                if scratch.insert(other) {
                    found.push(other);
                }
                scratch.add(other, weight[s]);
            }
        } else if rarest.is_none_or(|r| term.len() < r.len()) {
            rarest = Some(term);
        }
    }
    if found.is_empty()
        && let Some(r) = rarest
    {
        let first = &r[..CANDIDATE_CAP.min(r.len())];
        found.extend(first.iter().filter(|&&o| o != article && scratch.insert(o)));
    }
    found
}

/// One thread's working space for ranking: a mark and a running score per article (no hashing,
/// nothing to clear between articles).
struct Scratch {
    /// `marks[other] == round` when `other` is a candidate of the article being ranked.
    marks: Vec<usize>,
    /// Starts at 1 and grows by one for every article ranked.
    round: usize,
    /// `scores[other]`: the weight of the terms `other` shares, valid while it is marked.
    scores: Vec<f64>,
}

impl Scratch {
    fn new(articles: usize) -> Self {
        Scratch {
            marks: vec![0; articles],
            round: 0,
            scores: vec![0.0; articles],
        }
    }

    /// Starts a new article: no candidates.
    fn clear(&mut self) {
        self.round += 1;
    }

    /// Takes `other` as a candidate (score 0) unless it is one already; true if it was new.
    fn insert(&mut self, other: usize) -> bool {
        match (self.marks.get_mut(other), self.scores.get_mut(other)) {
            (Some(mark), Some(score)) if *mark != self.round => {
                *mark = self.round;
                *score = 0.0;
                true
            }
            _ => false,
        }
    }

    /// Candidate `other`'s score so far.
    fn score(&self, other: usize) -> f64 {
        self.scores.get(other).copied().unwrap_or_default()
    }

    /// Adds `weight` to candidate `other`'s score.
    fn add(&mut self, other: usize, weight: f64) {
        if let Some(score) = self.scores.get_mut(other) {
            *score += weight;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Level;

    /// `count` terms over `per_article`, each with its articles in title order.
    fn symptoms_for(
        per_article: &[Vec<usize>],
        count: usize,
        title_rank: &[usize],
    ) -> Vec<Symptom> {
        (0..count)
            .map(|s| {
                let mut articles: Vec<usize> = (0..per_article.len())
                    .filter(|&a| per_article[a].contains(&s))
                    .collect();
                articles.sort_by_key(|&a| title_rank[a]);
                Symptom {
                    slug: format!("s{s}"),
                    name: String::new(),
                    aka: vec![],
                    description: String::new(),
                    level: Level::Routine,
                    articles,
                    seen_with: vec![],
                    line: None,
                }
            })
            .collect()
    }

    /// `rank` over one taxonomy.
    fn rank_one(symptoms: &[Symptom], per_article: &[Vec<usize>], title_rank: &[usize]) -> Related {
        let (terms, per_article) = combine(&[(symptoms, per_article)], per_article.len());
        rank(&terms, &per_article, title_rank)
    }

    #[test]
    fn rare_shared_symptoms_outrank_common_ones_and_titles_break_ties() {
        // symptom 0 is on every article (common), symptom 1 only on articles 0 and 3.
        let per_article = vec![vec![0, 1], vec![0], vec![0], vec![0, 1]];
        let title_rank = vec![0, 2, 1, 3];
        let symptoms = symptoms_for(&per_article, 2, &title_rank);
        let related = rank_one(&symptoms, &per_article, &title_rank);
        assert_eq!(
            related.lists[0],
            vec![3, 2, 1],
            "rare match first, then by title"
        );
        assert_eq!(related.lists[1], vec![0, 2, 3], "equal scores: title order");
    }

    #[test]
    fn articles_without_shared_symptoms_are_never_candidates() {
        let per_article = vec![vec![0], vec![1], vec![0], vec![]];
        let title_rank = vec![0, 1, 2, 3];
        let symptoms = symptoms_for(&per_article, 2, &title_rank);
        let related = rank_one(&symptoms, &per_article, &title_rank);
        assert_eq!(related.lists, vec![vec![2], vec![], vec![0], vec![]]);
        assert_eq!(related.candidates_scored, 2);
    }

    #[test]
    fn at_most_five_related() {
        let per_article = vec![vec![0]; 9];
        let title_rank: Vec<usize> = (0..9).collect();
        let symptoms = symptoms_for(&per_article, 1, &title_rank);
        let related = rank_one(&symptoms, &per_article, &title_rank);
        assert_eq!(related.lists[0], vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn two_taxonomies_count_as_one_with_their_terms_side_by_side() {
        // Taxonomy A: article 0 shares term 0 with 1 and 2. Taxonomy B: article 0 shares its
        // only term with article 2, which then outranks article 1 (ahead of it by title).
        let title_rank = vec![0, 1, 2, 3];
        let a = vec![vec![0], vec![0], vec![0], vec![]];
        let b = vec![vec![0], vec![], vec![0], vec![0]];
        let (a_terms, b_terms) = (
            symptoms_for(&a, 1, &title_rank),
            symptoms_for(&b, 1, &title_rank),
        );
        assert_eq!(rank_one(&a_terms, &a, &title_rank).lists[0], vec![1, 2]);
        let (terms, per_article) = combine(&[(&a_terms, &a), (&b_terms, &b)], 4);
        assert_eq!(terms, vec![&[0, 1, 2][..], &[0, 2, 3][..]]);
        assert_eq!(
            per_article.as_ref(),
            &[vec![0, 1], vec![0], vec![0, 1], vec![1]]
        );
        let both = rank(&terms, &per_article, &title_rank);
        assert_eq!(both.lists[0], vec![2, 1, 3], "two shared terms first");
        assert_eq!(
            both.lists[3],
            vec![0, 2],
            "through the second taxonomy alone"
        );
        // The same terms in one taxonomy rank the same.
        let one = vec![vec![0, 1], vec![0], vec![0, 1], vec![1]];
        let one_terms = symptoms_for(&one, 2, &title_rank);
        assert_eq!(rank_one(&one_terms, &one, &title_rank).lists, both.lists);
    }

    #[test]
    fn the_memo_ranks_again_when_titles_or_symptoms_change() {
        let memo = Memo::default();
        let ranked = |symptoms: &[Symptom], per_article: &[Vec<usize>], title_rank: &[usize]| {
            let (terms, per_article) = combine(&[(symptoms, per_article)], per_article.len());
            memo.rank(&terms, &per_article, title_rank)
        };
        let per_article = vec![vec![0, 1], vec![0], vec![0], vec![0, 1]];
        let title_rank = vec![0, 2, 1, 3];
        let symptoms = symptoms_for(&per_article, 2, &title_rank);
        let first = ranked(&symptoms, &per_article, &title_rank);
        assert_eq!(first.lists[1], vec![0, 2, 3]);
        assert_eq!(
            ranked(&symptoms, &per_article, &title_rank).lists,
            first.lists
        );
        let retitled = vec![3, 2, 1, 0];
        let symptoms = symptoms_for(&per_article, 2, &retitled);
        let again = ranked(&symptoms, &per_article, &retitled);
        assert_eq!(
            again.lists,
            rank_one(&symptoms, &per_article, &retitled).lists
        );
        assert_eq!(again.lists[1], vec![3, 2, 0], "the new title order");
        let fewer = vec![vec![0, 1], vec![0], vec![1], vec![0, 1]];
        let symptoms = symptoms_for(&fewer, 2, &retitled);
        let changed = ranked(&symptoms, &fewer, &retitled);
        assert_eq!(changed.lists, rank_one(&symptoms, &fewer, &retitled).lists);
        assert_ne!(changed.lists, again.lists);
    }
}
