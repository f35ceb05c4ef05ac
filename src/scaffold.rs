//! `new <slug>`: starts an article with complete front matter and the standard section headings.
//!
//! The article starts as a draft with `TODO` placeholders and a `[@todo]` citation, so it is
//! never published by accident before it is written and sourced: in a page that is not a draft
//! they are errors. An existing file is never overwritten.

use crate::config::CONFIG_FILE;
use crate::crosslink::RESERVED_SEGMENTS;
use crate::crosslink::symptoms::name_from_slug;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Kind};
use crate::load::ARTICLES_DIR;
use crate::load::vocabulary::is_slug;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The section headings every new article starts with.
pub const SECTIONS: [&str; 5] = [
    "What it is",
    "What it feels like",
    "What causes it",
    "What you can do",
    "When to see a doctor",
];

/// Why `new` did not write the article.
#[derive(Debug, Clone)]
pub struct Refused {
    /// What is wrong.
    pub diagnostic: Diagnostic,
    /// True when the slug or title given is not usable (exit code 2).
    pub usage: bool,
}

/// Writes `articles/<slug>.md` under `root`; returns its path relative to `root`.
pub fn new_article(
    root: &Path,
    slug: &str,
    title: Option<&str>,
    today: Date,
) -> Result<PathBuf, Refused> {
    let slug = check_slug(slug)?;
    let title = match title {
        Some(t) if t.trim().is_empty() => {
            return Err(usage(
                Diagnostic::error(Kind::InvalidValue, "--title", "the title is empty").hint(
                    "give the article a title, or leave --title out to make one from the slug",
                ),
            ));
        }
        Some(t) => t.trim().to_string(),
        None => name_from_slug(slug.rsplit('/').next().unwrap_or(&slug)),
    };
    if !root.join(CONFIG_FILE).is_file() {
        return Err(usage(
            Diagnostic::error(
                Kind::Config,
                CONFIG_FILE,
                "this is not a site folder: there is no site.toml",
            )
            .hint("run the command in the site's folder, or pass --root DIR"),
        ));
    }
    let rel = PathBuf::from(ARTICLES_DIR).join(format!("{slug}.md"));
    let path = root.join(&rel);
    refuse_existing(&path, &rel)?;
    let text = article_text(&title, today);
    write_new(&path, &rel, &text)?;
    Ok(rel)
}

fn usage(diagnostic: Diagnostic) -> Refused {
    Refused {
        diagnostic,
        usage: true,
    }
}

/// The slug without a `.md` ending, if every segment is lower-case letters, digits and hyphens
/// and the page would not take one of the site's own addresses.
fn check_slug(slug: &str) -> Result<String, Refused> {
    let slug = slug.strip_suffix(".md").unwrap_or(slug);
    let invalid = |why: &str| {
        let suggestion = slug
            .split('/')
            .map(|s| crate::markdown::slugify(s).replace(|c: char| !c.is_ascii() || c == '_', "-"))
            .collect::<Vec<_>>()
            .join("/");
        usage(
            Diagnostic::error(Kind::InvalidValue, format!("{ARTICLES_DIR}/{slug}.md"), why.to_string())
                .hint(format!("use lower-case letters, digits and hyphens, with `/` between folders, for example `{suggestion}`")),
        )
    };
    if slug.is_empty() || !slug.split('/').all(is_slug) {
        return Err(invalid("the slug cannot be used as a web address"));
    }
    let first = slug.split('/').next().unwrap_or_default();
    if RESERVED_SEGMENTS.contains(&first) {
        return Err(invalid(&format!(
            "`{first}/` is used by the site's own pages"
        )));
    }
    Ok(slug.to_string())
}

/// Refuses when the file exists, or another file in its folder differs from it only in case.
fn refuse_existing(path: &Path, rel: &Path) -> Result<(), Refused> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
    let clash = path
        .parent()
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .and_then(|entries| {
            entries
                .flatten()
                .find(|e| Some(e.file_name().to_string_lossy().to_lowercase()) == name)
        });
    match clash {
        Some(entry) => Err(Refused {
            diagnostic: Diagnostic::error(
                Kind::DuplicateUrl,
                rel.with_file_name(entry.file_name()),
                "this article already exists; it was left as it is",
            )
            .hint("choose another slug, or edit the existing article"),
            usage: false,
        }),
        None => Ok(()),
    }
}

/// Creates the file, failing if it appeared in the meantime.
fn write_new(path: &Path, rel: &Path, text: &str) -> Result<(), Refused> {
    let fail = |e: std::io::Error| Refused {
        diagnostic: Diagnostic::error(Kind::Output, rel, format!("cannot write the article: {e}"))
            .hint("check that the articles folder exists and that you may write there"),
        usage: false,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(fail)?;
    file.write_all(text.as_bytes()).map_err(fail)
}

/// The new article's text.
fn article_text(title: &str, today: Date) -> String {
    let title = toml::Value::String(title.to_string()).to_string();
    let sections: String = SECTIONS
        .iter()
        .map(|s| format!("\n## {s}\n\nTODO\n"))
        .collect();
    format!(
        r#"+++
title = {title}
description = "TODO: one or two plain sentences on what this article covers."
symptoms = []                  # slugs from articles/symptoms.toml
updated = {today}
references = []                # ids from articles/references.toml; cite in the text as [@id]
# reviewed = {today}           # only once a clinician really reviewed the page,
# reviewed_by = ["jane-doe"]    # naming them by their ids in articles/reviewers.toml
# next_review = {next}        # defaults to reviewed + 3 years
aliases = []                   # other names, for the A to Z and search
draft = true                   # set to false to publish

[[changes]]                    # one entry per change readers should know about
date = {today}
summary = "First version."

[care]
emergency = []                 # call the emergency number now if ...
urgent = []                    # get help today if ...
routine = []                   # see a doctor if ...
+++

TODO: start with two or three sentences that answer the reader's main question. Cite the
source of each claim where you make it, like this [@todo].
{sections}"#,
        next = today.plus_years(3),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_must_make_clean_addresses() {
        assert_eq!(check_slug("back-pain").ok().as_deref(), Some("back-pain"));
        assert_eq!(
            check_slug("conditions/b12.md").ok().as_deref(),
            Some("conditions/b12")
        );
        for bad in [
            "",
            "Back Pain",
            "../x",
            "a//b",
            "/x",
            "x_y",
            "-x",
            "symptoms/x",
            "a-z",
        ] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_text_parses_as_an_article() {
        let today = Date {
            year: 2026,
            month: 11,
            day: 22,
        };
        let text = article_text("Say \"hi\" \\ now", today);
        let article = crate::load::article::parse("articles/x.md".into(), "x.md".into(), &text)
            .expect("the scaffold is a valid article");
        assert_eq!(article.front.title, "Say \"hi\" \\ now");
        assert!(article.front.draft);
        assert_eq!(article.front.updated, today);
        assert!(article.front.references.is_empty());
        assert_eq!(*article.front.changes[0].date.get_ref(), today);
        assert_eq!(article.citations[0].id, "todo");
        assert!(article.leftovers.len() >= 7, "{:?}", article.leftovers);
        let headings: Vec<&str> = article
            .outline
            .headings
            .iter()
            .map(|h| h.text.as_str())
            .collect();
        assert_eq!(headings, SECTIONS);
    }
}
