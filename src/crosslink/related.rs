//! "Related articles": ranked by the symptoms two articles share, a rare shared symptom counting
//! more than a common one (inverse document frequency), ties broken by title.
//!
//! Candidates come from the symptom index, never from comparing every pair of articles, and very
//! common symptoms do not bring in candidates (they still add to the score of the others), so the
//! work per article stays bounded however large the site grows.

use super::symptoms::Symptom;
use rayon::prelude::*;

/// How many related articles an article shows.
pub(crate) const RELATED_LIMIT: usize = 5;

/// Symptoms on more articles than this do not bring in candidates on their own.
pub const CANDIDATE_CAP: usize = 1_000;

/// Related articles for every article, and how many candidate scores were computed in all
/// (a measure of the work done, used by the regression tests).
#[derive(Debug, Clone)]
pub(crate) struct Related {
    /// Per article: up to `RELATED_LIMIT` article indexes, best first.
    pub lists: Vec<Vec<usize>>,
    /// Total candidates scored across all articles.
    pub candidates_scored: usize,
}

/// Ranks related articles. `per_article[i]` holds article `i`'s symptom indexes (sorted);
/// `title_rank[i]` is its place in title order.
pub(crate) fn rank(
    symptoms: &[Symptom],
    per_article: &[Vec<usize>],
    title_rank: &[usize],
) -> Related {
    let ranker = Ranker::new(symptoms, per_article, title_rank);
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

/// The last ranking made, with a digest of what it was made from (every symptom's articles,
/// every article's symptoms and place in title order), for `serve`, which cross-links the site
/// again on every change: most changes (an article's text) leave all of that as it was.
#[derive(Debug, Default)]
pub(crate) struct Memo(std::sync::Mutex<Option<(u64, Related)>>);

impl Memo {
    /// `rank`, or what it gave for the same inputs last time.
    pub(crate) fn rank(
        &self,
        symptoms: &[Symptom],
        per_article: &[Vec<usize>],
        title_rank: &[usize],
    ) -> Related {
        use std::hash::{Hash, Hasher};
        let mut digest = std::hash::DefaultHasher::new();
        for s in symptoms {
            s.articles.hash(&mut digest);
        }
        (per_article, title_rank).hash(&mut digest);
        let inputs = digest.finish();
        let mut last = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match &*last {
            Some((made_from, related)) if *made_from == inputs => related.clone(),
            _ => {
                let related = rank(symptoms, per_article, title_rank);
                *last = Some((inputs, related.clone()));
                related
            }
        }
    }
}

/// What ranking needs, computed once for all articles.
struct Ranker<'a> {
    symptoms: &'a [Symptom],
    per_article: &'a [Vec<usize>],
    title_rank: &'a [usize],
    /// Per symptom: the more articles have it, the less sharing it counts.
    weight: Vec<f64>,
    common: CommonSets,
}

impl<'a> Ranker<'a> {
    fn new(
        symptoms: &'a [Symptom],
        per_article: &'a [Vec<usize>],
        title_rank: &'a [usize],
    ) -> Self {
        let total = per_article.len().max(1) as f64;
        let weight = symptoms
            .iter()
            .map(|s| (total / s.articles.len().max(1) as f64).ln() + 1.0)
            .collect();
        Ranker {
            symptoms,
            per_article,
            title_rank,
            weight,
            common: CommonSets::new(symptoms, per_article.len()),
        }
    }

    /// `article`'s related list and how many candidates were scored.
    fn one(&self, article: usize, scratch: &mut Scratch) -> (Vec<usize>, usize) {
        let mine = &self.per_article[article];
        let found = candidates(article, mine, self.symptoms, &self.weight, scratch);
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

/// For every very common symptom (on more than `CANDIDATE_CAP` articles), its articles as a set of
/// bits: whether a candidate shares it is a lookup in a small array, not a search through the
/// candidate's own symptom list elsewhere in memory. There are at most (symptom mentions /
/// `CANDIDATE_CAP`) such symptoms, each taking one bit per article.
struct CommonSets {
    /// Indexed by symptom; `None` for symptoms that are not very common.
    sets: Vec<Option<Vec<u64>>>,
}

impl CommonSets {
    fn new(symptoms: &[Symptom], articles: usize) -> Self {
        let sets = symptoms
            .iter()
            .map(|s| {
                (s.articles.len() > CANDIDATE_CAP).then(|| {
                    let mut bits = vec![0u64; articles.div_ceil(64)];
                    for &a in &s.articles {
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

    /// The weight of the very common symptoms in `mine` that article `other` also has, summed in
    /// symptom order.
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

/// The candidates of `article`: the articles sharing a not-too-common symptom with it, or, if
/// all its symptoms are very common, the first `CANDIDATE_CAP` articles (in title order) of its
/// rarest one. Walking the not-too-common symptoms' article lists also sums, in `scratch`, the
/// weight each candidate shares through them; `CommonSets` adds the very common ones.
fn candidates(
    article: usize,
    mine: &[usize],
    symptoms: &[Symptom],
    weight: &[f64],
    scratch: &mut Scratch,
) -> Vec<usize> {
    scratch.clear();
    let mut found = Vec::new();
    let mut rarest: Option<&Symptom> = None;
    for &s in mine {
        let symptom = &symptoms[s];
        if symptom.articles.len() <= CANDIDATE_CAP {
            for &other in symptom.articles.iter().filter(|&&o| o != article) {
                if scratch.insert(other) {
                    found.push(other);
                }
                scratch.add(other, weight[s]);
            }
        } else if rarest.is_none_or(|r| symptom.articles.len() < r.articles.len()) {
            rarest = Some(symptom);
        }
    }
    if found.is_empty()
        && let Some(r) = rarest
    {
        let first = &r.articles[..CANDIDATE_CAP.min(r.articles.len())];
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
    /// `scores[other]`: the weight of the symptoms `other` shares, valid while it is marked.
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

    #[test]
    fn rare_shared_symptoms_outrank_common_ones_and_titles_break_ties() {
        // symptom 0 is on every article (common), symptom 1 only on articles 0 and 3.
        let per_article = vec![vec![0, 1], vec![0], vec![0], vec![0, 1]];
        let title_rank = vec![0, 2, 1, 3];
        let symptoms = symptoms_for(&per_article, 2, &title_rank);
        let related = rank(&symptoms, &per_article, &title_rank);
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
        let related = rank(&symptoms, &per_article, &title_rank);
        assert_eq!(related.lists, vec![vec![2], vec![], vec![0], vec![]]);
        assert_eq!(related.candidates_scored, 2);
    }

    #[test]
    fn at_most_five_related() {
        let per_article = vec![vec![0]; 9];
        let title_rank: Vec<usize> = (0..9).collect();
        let symptoms = symptoms_for(&per_article, 1, &title_rank);
        let related = rank(&symptoms, &per_article, &title_rank);
        assert_eq!(related.lists[0], vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn the_memo_ranks_again_when_titles_or_symptoms_change() {
        let memo = Memo::default();
        let per_article = vec![vec![0, 1], vec![0], vec![0], vec![0, 1]];
        let title_rank = vec![0, 2, 1, 3];
        let symptoms = symptoms_for(&per_article, 2, &title_rank);
        let first = memo.rank(&symptoms, &per_article, &title_rank);
        assert_eq!(first.lists[1], vec![0, 2, 3]);
        assert_eq!(
            memo.rank(&symptoms, &per_article, &title_rank).lists,
            first.lists
        );
        let retitled = vec![3, 2, 1, 0];
        let symptoms = symptoms_for(&per_article, 2, &retitled);
        let again = memo.rank(&symptoms, &per_article, &retitled);
        assert_eq!(again.lists, rank(&symptoms, &per_article, &retitled).lists);
        assert_eq!(again.lists[1], vec![3, 2, 0], "the new title order");
        let fewer = vec![vec![0, 1], vec![0], vec![1], vec![0, 1]];
        let symptoms = symptoms_for(&fewer, 2, &retitled);
        let changed = memo.rank(&symptoms, &fewer, &retitled);
        assert_eq!(changed.lists, rank(&symptoms, &fewer, &retitled).lists);
        assert_ne!(changed.lists, again.lists);
    }
}
