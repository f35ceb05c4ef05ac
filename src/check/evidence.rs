//! The evidence warnings of `check`: sources in `articles/references.toml` no article cites, are
//! old, have no URL, no date or a placeholder publisher; articles whose sources are all consumer
//! sites; and change log entries dated in the future or after the page's `updated`.

use crate::crosslink::Site;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Kind};
use crate::load::references::REFERENCES_FILE;
use crate::load::{Article, Reference, SourceKind};

/// Every evidence warning for the site as of `today`.
pub(crate) fn warnings(site: &Site, today: Date) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (id, r) in site.registry.iter() {
        found.extend(uncited(site, id, r));
        found.extend(source_problems(site, id, r, today));
    }
    for (i, article) in site.articles.iter().enumerate() {
        found.extend(only_consumer(site, i));
        found.extend(change_dates(article, today));
    }
    found
}

fn at_table(kind: Kind, r: &Reference, message: String, hint: &str) -> Diagnostic {
    Diagnostic::warning(kind, REFERENCES_FILE, message)
        .at(r.line, 1)
        .hint(hint)
}

fn uncited(site: &Site, id: &str, r: &Reference) -> Option<Diagnostic> {
    site.references
        .cited_by
        .get(id)
        .is_none_or(Vec::is_empty)
        .then(|| {
            at_table(
                Kind::UncitedReference,
                r,
                format!("no article cites `{id}`"),
                "cite it where an article uses it (`[@id]` in the text or `references` in the front matter), or remove it",
            )
        })
}

/// True for publishers that are placeholders, not names.
fn placeholder_publisher(publisher: &str) -> bool {
    let p = publisher.trim().to_lowercase();
    p.is_empty() || p == "unknown" || p == "unknown publisher" || p.starts_with("todo")
}

fn source_problems(site: &Site, id: &str, r: &Reference, today: Date) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let max_age = site.config.max_source_age_years;
    // Guidelines and systematic reviews stay the best evidence until they are updated or
    // withdrawn, however old: only a superseded one is flagged for its age.
    let current_synthesis =
        matches!(r.kind, SourceKind::Guideline | SourceKind::SystematicReview) && !r.superseded;
    let old = match (r.date, r.year) {
        (Some(date), _) => date.plus_years(max_age) < today,
        (None, Some(year)) => u32::from(year) + u32::from(max_age) < u32::from(today.year),
        (None, None) => false,
    };
    if old && !current_synthesis {
        found.push(at_table(
            Kind::OldSource,
            r,
            format!(
                "`{id}` was published in {}, more than {max_age} years ago",
                r.published().unwrap_or_default()
            ),
            "find a newer source for what the articles cite it for, or check it is still right and update its date (the limit is `max_source_age_years` in site.toml)",
        ));
    }
    if r.published_year().is_none() {
        found.push(at_table(
            Kind::UndatedSource,
            r,
            format!("`{id}` has no `date` or `year`"),
            "add the date the source was published or last updated (`date = 2024-09-21`), or at least its `year`",
        ));
    }
    if r.url.is_none() && !r.print_only {
        found.push(at_table(
            Kind::MissingUrl,
            r,
            format!("`{id}` has no `url`"),
            "add the source's web address so readers can check it, or `print_only = true` for a print source",
        ));
    }
    if placeholder_publisher(&r.publisher) {
        found.push(at_table(
            Kind::PlaceholderPublisher,
            r,
            format!("`{id}` has no real publisher (`{}`)", r.publisher),
            "name who published the source; a source whose publisher cannot be found is rarely one to cite",
        ));
    }
    found
}

fn only_consumer(site: &Site, i: usize) -> Option<Diagnostic> {
    let article = &site.articles[i];
    let ids = &site.references.per_article[i];
    let all_consumer = !ids.is_empty()
        && ids.iter().all(|id| {
            site.registry
                .get(id)
                .is_some_and(|r| r.kind == SourceKind::Consumer)
        });
    all_consumer.then(|| {
        let d = Diagnostic::warning(
            Kind::OnlyConsumerSources,
            &article.source,
            "every source of the article is a consumer health site",
        )
        .hint("support the article's claims with a guideline, a government health body or research (kind `guideline`, `government`, `systematic-review` or `study`)");
        match (article.keys.get("references"), article.citations.first()) {
            (Some(key), _) => d.at(key.line, key.column),
            (None, Some(c)) => d.at(c.line, c.column),
            (None, None) => d,
        }
    })
}

fn change_dates(article: &Article, today: Date) -> Vec<Diagnostic> {
    let updated = article.front.updated;
    article
        .front
        .changes
        .iter()
        .zip(&article.change_lines)
        .filter_map(|(change, &line)| {
            let date = *change.date.get_ref();
            let message = if date > today {
                format!("the change of {date} is dated in the future")
            } else if date > updated {
                format!("the change of {date} is after `updated` ({updated})")
            } else {
                return None;
            };
            Some(
                Diagnostic::warning(Kind::ChangeDate, &article.source, message)
                    .at_line(line)
                    .hint("date each change on the day it was made, and set `updated` to the latest one"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_publishers() {
        for p in [
            "",
            " ",
            "Unknown",
            "unknown publisher",
            "TODO: who published it",
        ] {
            assert!(placeholder_publisher(p), "{p}");
        }
        assert!(!placeholder_publisher("NHS") && !placeholder_publisher("Unknown Press Ltd"));
    }
}
