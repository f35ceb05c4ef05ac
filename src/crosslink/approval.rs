//! What a published page must not claim or keep: reviewers that are not in
//! `articles/reviewers.toml`, and text left from `new` (TODO markers, `todo` references) in a
//! page that is not a draft. Both are errors, in `build` as in `check`.

use crate::diagnostic::{Diagnostic, Kind, did_you_mean};
use crate::load::references::is_placeholder;
use crate::load::reviewers::REVIEWERS_FILE;
use crate::load::{Article, Reviewers};
use std::sync::Arc;

/// Every `reviewed_by` id that is not a known reviewer.
pub(crate) fn unknown_reviewers(
    articles: &[Arc<Article>],
    reviewers: &Reviewers,
    has_file: bool,
) -> Vec<Diagnostic> {
    articles
        .iter()
        .flat_map(|a| a.reviewed_by.iter().map(move |r| (a, r)))
        .filter(|(_, r)| !reviewers.contains_key(&r.id))
        .map(|(article, r)| {
            let d = Diagnostic::error(
                Kind::UnknownReviewer,
                &article.source,
                format!("unknown reviewer `{}`", r.id),
            )
            .at(r.line, r.column);
            let close = did_you_mean(&r.id, reviewers.keys().map(String::as_str));
            match (has_file, close) {
                (false, _) => d.hint(format!(
                    "there is no {REVIEWERS_FILE}: list each reviewer there as `[{}]` with `name`, `credentials` and `role`",
                    r.id
                )),
                (true, Some(close)) => d.hint(format!("did you mean `{close}`?")),
                (true, None) => d.hint(format!(
                    "add the reviewer to {REVIEWERS_FILE}, or name one listed there"
                )),
            }
        })
        .collect()
}

/// Text left from `new` in articles that are not drafts.
pub(crate) fn left_from_new(articles: &[Arc<Article>]) -> Vec<Diagnostic> {
    let hint = "finish the page, or keep `draft = true` until it is finished";
    let mut found = Vec::new();
    for article in articles.iter().filter(|a| !a.front.draft) {
        for l in &article.leftovers {
            found.push(
                Diagnostic::error(Kind::LeftFromNew, &article.source, l.what.clone())
                    .at(l.line, l.column)
                    .hint(hint),
            );
        }
        for r in article.citations.iter().chain(&article.references) {
            if is_placeholder(&r.id) {
                found.push(
                    Diagnostic::error(
                        Kind::LeftFromNew,
                        &article.source,
                        format!("`{}` is a placeholder, not a source", r.id),
                    )
                    .at(r.line, r.column)
                    .hint("cite a real source from articles/references.toml, or keep `draft = true` until the page is sourced"),
                );
            }
        }
    }
    found
}
