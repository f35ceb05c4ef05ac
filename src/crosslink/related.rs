//! "Related articles": ranked by the symptoms two articles share, a rare shared symptom counting
//! more than a common one (inverse document frequency), ties broken by title.
//!
//! Candidates come from the symptom index, never from comparing every pair of articles, and very
//! common symptoms do not bring in candidates (they still add to the score of the others), so the
//! work per article stays bounded however large the site grows.

use super::symptoms::Symptom;
use rayon::prelude::*;

/// How many related articles an article shows.
pub const RELATED_LIMIT: usize = 5;

/// Symptoms on more articles than this do not bring in candidates on their own.
pub const CANDIDATE_CAP: usize = 1_000;

/// Related articles for every article, and how many candidate scores were computed in all
/// (a measure of the work done, used by the regression tests).
pub struct Related {
    /// Per article: up to `RELATED_LIMIT` article indexes, best first.
    pub lists: Vec<Vec<usize>>,
    /// Total candidates scored across all articles.
    pub candidates_scored: usize,
}

/// Ranks related articles. `per_article[i]` holds article `i`'s symptom indexes (sorted);
/// `title_rank[i]` is its place in title order.
pub fn rank(symptoms: &[Symptom], per_article: &[Vec<usize>], title_rank: &[usize]) -> Related {
    let total = per_article.len().max(1) as f64;
    let weight: Vec<f64> = symptoms
        .iter()
        .map(|s| (total / s.articles.len().max(1) as f64).ln() + 1.0)
        .collect();
    let flat = Flat::new(per_article);
    let ranked: Vec<(Vec<usize>, usize)> = per_article
        .par_iter()
        .enumerate()
        .map_init(
            || Scratch::new(per_article.len()),
            |scratch, (article, mine)| {
                let scored = scored_candidates(article, mine, symptoms, &weight, &flat, scratch);
                let count = scored.len();
                (best(scored, title_rank), count)
            },
        )
        .collect();
    let candidates_scored = ranked.iter().map(|(_, count)| count).sum();
    let lists = ranked.into_iter().map(|(list, _)| list).collect();
    Related {
        lists,
        candidates_scored,
    }
}

/// The `RELATED_LIMIT` best of the scored candidates: highest score first, ties by title. Only the
/// best few are sorted, not every candidate.
fn best(mut scored: Vec<(f64, usize)>, title_rank: &[usize]) -> Vec<usize> {
    let order = |a: &(f64, usize), b: &(f64, usize)| {
        b.0.total_cmp(&a.0)
            .then(title_rank[a.1].cmp(&title_rank[b.1]))
    };
    if scored.len() > RELATED_LIMIT {
        scored.select_nth_unstable_by(RELATED_LIMIT - 1, order);
        scored.truncate(RELATED_LIMIT);
    }
    scored.sort_unstable_by(order);
    // A fresh small list: collecting in place would keep the whole candidate buffer alive.
    let mut best = Vec::with_capacity(scored.len());
    best.extend(scored.iter().map(|&(_, i)| i));
    best
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

    /// Adds `weight` to candidate `other`'s score.
    fn add(&mut self, other: usize, weight: f64) {
        if let Some(score) = self.scores.get_mut(other) {
            *score += weight;
        }
    }
}

/// The candidates of `article` with their scores. Candidates are the articles sharing a
/// not-too-common symptom with it, or, if all its symptoms are very common, the first
/// `CANDIDATE_CAP` articles (in title order) of its rarest one. A candidate's score is the weight
/// of every symptom it shares with `article`: summed while walking the not-too-common symptoms'
/// article lists, then the very common symptoms looked up in the candidate's own short list.
fn scored_candidates(
    article: usize,
    mine: &[usize],
    symptoms: &[Symptom],
    weight: &[f64],
    flat: &Flat,
    scratch: &mut Scratch,
) -> Vec<(f64, usize)> {
    scratch.clear();
    let mut found = Vec::new();
    let mut common = Vec::new();
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
        } else {
            common.push(s);
            if rarest.is_none_or(|r| symptom.articles.len() < r.articles.len()) {
                rarest = Some(symptom);
            }
        }
    }
    if found.is_empty()
        && let Some(r) = rarest
    {
        let first = &r.articles[..CANDIDATE_CAP.min(r.articles.len())];
        found.extend(first.iter().filter(|&&o| o != article && scratch.insert(o)));
    }
    found
        .into_iter()
        .map(|other| {
            let theirs = flat.get(other);
            let extra: f64 = common
                .iter()
                .filter(|c| theirs.binary_search(c).is_ok())
                .map(|&c| weight[c])
                .sum();
            let score = scratch.scores.get(other).copied().unwrap_or_default();
            (score + extra, other)
        })
        .collect()
}

/// Every article's symptoms in one array, so that scoring thousands of candidates reads memory
/// in one place instead of one allocation per candidate.
struct Flat {
    symptoms: Vec<usize>,
    /// Article `i`'s symptoms are `symptoms[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
}

impl Flat {
    fn new(per_article: &[Vec<usize>]) -> Self {
        let mut starts = Vec::with_capacity(per_article.len() + 1);
        starts.push(0);
        let mut symptoms = Vec::with_capacity(per_article.iter().map(Vec::len).sum());
        for mine in per_article {
            symptoms.extend_from_slice(mine);
            starts.push(symptoms.len());
        }
        Flat { symptoms, starts }
    }

    /// Article `i`'s symptoms (empty for an unknown article).
    fn get(&self, i: usize) -> &[usize] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&start), Some(&end)) => self.symptoms.get(start..end).unwrap_or_default(),
            _ => &[],
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
}
