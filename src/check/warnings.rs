//! The content-quality warnings of `check`, each placed at a file and line where it applies:
//! reading level, overdue reviews, missing sources, orphan articles, rarely used symptoms, long
//! sentences and long paragraphs.

use super::prose;
use crate::crosslink::Site;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Kind};
use crate::load::Article;
use rayon::prelude::*;

/// Every quality warning for the site as of `today`, placed with what loading kept (the places
/// of front-matter keys and vocabulary entries): no file is read again.
pub(crate) fn warnings(site: &Site, today: Date) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = site
        .articles
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, article)| {
            let mut list = Vec::new();
            list.extend(reading_level(site, article));
            list.extend(review_overdue(article, today));
            list.extend(no_sources(site, i));
            list.extend(orphan(site, i));
            list.extend(long_prose(site, article));
            list
        })
        .collect();
    found.extend(rare_symptoms(site));
    found.extend(hidden_static(site));
    found.extend(super::evidence::warnings(site, today));
    found.extend(super::safety::warnings(site));
    found
}

/// The warnings about an edition in another language: those of each of its articles that do not
/// depend on the language (an overdue review, long sentences and paragraphs). The site-wide ones
/// (sources, symptoms, static files, safety) are the original's, already reported; the reading
/// level is measured by an English formula, so it is not reported on other languages yet.
pub(crate) fn edition_warnings(site: &Site, today: Date) -> Vec<Diagnostic> {
    site.articles
        .par_iter()
        .flat_map_iter(|article| {
            let mut list = Vec::new();
            list.extend(review_overdue(article, today));
            list.extend(long_prose(site, article));
            list
        })
        .collect()
}

/// Hidden files and folders in `static/` are left out of the site; an editor who put
/// `.htaccess` or `_redirects`-like dotfiles there should hear that they are not published.
fn hidden_static(site: &Site) -> Vec<Diagnostic> {
    site.hidden_static
        .iter()
        .map(|path| {
            Diagnostic::warning(
                Kind::HiddenStatic,
                path,
                "this hidden file is not copied into the site (only `static/.well-known/` is)",
            )
            .hint(
                "rename it without the leading dot if the site needs it, or move it out of static/",
            )
        })
        .collect()
}

fn reading_level(site: &Site, article: &Article) -> Option<Diagnostic> {
    let r = crate::quality::readability(&article.body);
    let limit = site.config.max_reading_grade;
    (r.words > 0 && r.grade > limit).then(|| {
        Diagnostic::warning(
            Kind::ReadingLevel,
            &article.source,
            format!(
                "the article reads at US school grade {:.1}; the site's limit is {limit}",
                r.grade
            ),
        )
        .at_line(article.body_line)
        .hint("use shorter sentences and everyday words (the limit is `max_reading_grade` in site.toml)")
    })
}

fn review_overdue(article: &Article, today: Date) -> Option<Diagnostic> {
    let f = &article.front;
    let (due, key) = match (f.next_review, f.reviewed) {
        (Some(due), _) => (due, "next_review"),
        (None, Some(reviewed)) => (reviewed.plus_years(3), "reviewed"),
        (None, None) => return None,
    };
    (due < today).then(|| {
        let d = Diagnostic::warning(
            Kind::ReviewOverdue,
            &article.source,
            format!("the review was due on {due}"),
        )
        .hint(
            "review the article against current sources, then update `reviewed` and `next_review`",
        );
        match article.keys.line(key) {
            Some(line) => d.at_line(line),
            None => d,
        }
    })
}

fn no_sources(site: &Site, i: usize) -> Option<Diagnostic> {
    let article = &site.articles[i];
    site.references.per_article[i].is_empty().then(|| {
        Diagnostic::warning(
            Kind::NoSources,
            &article.source,
            "the article cites no sources",
        )
        .at_line(1)
        .hint("cite the sources used: `references = [\"id\"]` in the front matter or `[@id]` in the text, with ids from articles/references.toml")
    })
}

fn orphan(site: &Site, i: usize) -> Option<Diagnostic> {
    let links = &site.links[i];
    let article = &site.articles[i];
    let no_terms = links.symptoms.is_empty()
        && site
            .term_sets
            .iter()
            .all(|set| set.per_article.get(i).is_none_or(Vec::is_empty));
    let lonely =
        links.backlinks.is_empty() && no_terms && Some(&article.key) != site.config.about.as_ref();
    let taxonomies = std::iter::once(site.config.article_taxonomy())
        .chain(site.config.extra_taxonomies())
        .map(|t| t.plural())
        .collect::<Vec<_>>();
    let terms = taxonomies.join(" or ");
    lonely.then(|| {
        Diagnostic::warning(
            Kind::Orphan,
            &article.source,
            format!("no other article links here and the article has no {terms}, so readers can only find it in lists"),
        )
        .at_line(1)
        .hint(format!("link to it from a related article, or give it the {terms} it is about"))
    })
}

fn long_prose(site: &Site, article: &Article) -> Vec<Diagnostic> {
    let config = &site.config;
    let sentences = prose::long_sentences(&article.body, config.max_sentence_words)
        .into_iter()
        .map(|long| {
            let (line, column) = article.body_position(long.offset);
            Diagnostic::warning(
                Kind::LongSentence,
                &article.source,
                format!(
                    "a sentence of {} words; the limit is {}",
                    long.words, config.max_sentence_words
                ),
            )
            .at(line, column)
            .hint("split it into two or more sentences")
        });
    let paragraphs = prose::long_paragraphs(&article.body, config.max_paragraph_words)
        .into_iter()
        .map(|long| {
            let (line, column) = article.body_position(long.offset);
            Diagnostic::warning(
                Kind::LongParagraph,
                &article.source,
                format!(
                    "a paragraph of {} words; the limit is {}",
                    long.words, config.max_paragraph_words
                ),
            )
            .at(line, column)
            .hint("break it into shorter paragraphs, or turn a series into a list")
        });
    sentences.chain(paragraphs).collect()
}

/// Symptoms with fewer than two articles: placed in the vocabulary when there is one, else at
/// the article that uses the symptom.
fn rare_symptoms(site: &Site) -> Vec<Diagnostic> {
    let noun = site.config.article_taxonomy().noun();
    let hint = format!(
        "a {noun} page helps readers compare articles: tag a second article with it, or remove it"
    );
    let hint = hint.as_str();
    site.symptoms
        .iter()
        .filter(|s| s.articles.len() < 2)
        .map(|s| {
            let message = match s.articles.len() {
                0 => format!("{noun} `{}` is not used by any article", s.slug),
                _ => format!("{noun} `{}` is used by only one article", s.slug),
            };
            match (s.line, s.articles.first()) {
                (Some(line), _) => Diagnostic::warning(
                    Kind::RareSymptom,
                    &site.config.article_taxonomy().terms,
                    message,
                )
                .at_line(line)
                .hint(hint),
                (None, Some(&a)) => {
                    let article = &site.articles[a];
                    let d = Diagnostic::warning(Kind::RareSymptom, &article.source, message);
                    match article.symptoms.iter().find(|r| r.slug == s.slug) {
                        Some(r) => d.at(r.line, r.column),
                        None => d,
                    }
                    .hint(hint)
                }
                (None, None) => Diagnostic::warning(
                    Kind::RareSymptom,
                    &site.config.article_taxonomy().terms,
                    message,
                )
                .hint(hint),
            }
        })
        .collect()
}

/// Today's date (UTC) from the system clock.
pub fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    civil_from_days(days)
}

/// The calendar date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> Date {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    Date {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        let d = |year, month, day| Date { year, month, day };
        assert_eq!(civil_from_days(0), d(1970, 1, 1));
        assert_eq!(civil_from_days(59), d(1970, 3, 1));
        assert_eq!(civil_from_days(11_016), d(2000, 2, 29));
        assert_eq!(civil_from_days(20_779), d(2026, 11, 22));
    }
}
