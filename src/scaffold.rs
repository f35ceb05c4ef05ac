//! `new <slug>`: starts an article with complete front matter and the standard section headings.
//!
//! The article starts as a draft with `TODO` placeholders and a `[@todo]` citation, so it is
//! never published by accident before it is written and sourced: in a page that is not a draft
//! they are errors. An existing file is never overwritten.

use crate::config::CONFIG_FILE;
use crate::crosslink::reserved_segments;
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
    // The site's own segments: from its site.toml when it reads, else the default taxonomies'
    // (a site.toml that does not read is reported by the build).
    let config = crate::config::SiteConfig::load(root)
        .or_else(|_| crate::config::SiteConfig::parse("title = \"-\"\ndescription = \"-\"\n"));
    let reserved = config.as_ref().map(reserved_segments).unwrap_or_default();
    let slug = check_slug_in(slug, &reserved)?;
    let title = match title {
        Some(t) if t.trim().is_empty() => {
            return Err(usage(
                Diagnostic::error(Kind::InvalidValue, "--title", "the title is empty").hint(
                    "give the article a title, or leave --title out to make one from the slug",
                ),
            ));
        }
        Some(t)
            if t.chars()
                .any(|c| crate::console::escape(&c.to_string()) != c.to_string()) =>
        {
            return Err(usage(
                Diagnostic::error(
                    Kind::InvalidValue,
                    "--title",
                    "the title has a line break, a tab or another control character",
                )
                .hint("write the title on one line, with ordinary characters only"),
            ));
        }
        Some(t) if t.contains("{{") || t.contains("}}") => {
            return Err(usage(
                Diagnostic::error(
                    Kind::InvalidValue,
                    "--title",
                    "the title has `{{` or `}}`, which start and end placeholders",
                )
                .hint("leave placeholders out of the title; write them in the article's text"),
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
    refuse_file_in_the_way(root, &rel)?;
    refuse_outside(root, &rel)?;
    refuse_existing(&path, &rel)?;
    refuse_case_clash(root, &rel)?;
    refuse_static_clash(root, &slug)?;
    let config = config.ok();
    let text = article_text(&title, today, config.as_ref());
    // What `new` writes must always be an article the build reads, with the site's own keys.
    let key = format!("{slug}.md");
    let keys = config
        .as_ref()
        .map(crate::load::front_matter::TermKeys::of)
        .unwrap_or_default();
    if let Err(d) = crate::load::article::parse_with(rel.clone(), key, &text, &keys) {
        return Err(usage(
            Diagnostic::error(
                Kind::InvalidValue,
                "--title",
                format!("an article with this title would not parse: {}", d.message),
            )
            .hint("choose a simpler title; you can change it in the file afterwards"),
        ));
    }
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
#[cfg(test)]
fn check_slug(slug: &str) -> Result<String, Refused> {
    let config = crate::config::SiteConfig::parse("title = \"T\"\ndescription = \"D\"\n");
    let reserved = config.as_ref().map(reserved_segments).unwrap_or_default();
    check_slug_in(slug, &reserved)
}

/// `check_slug` for a site whose own pages take the first segments `reserved`.
fn check_slug_in(slug: &str, reserved: &[&str]) -> Result<String, Refused> {
    let slug = slug.strip_suffix(".md").unwrap_or(slug);
    let invalid = |why: &str| {
        let suggestion = suggest(slug, reserved);
        usage(
            Diagnostic::error(Kind::InvalidValue, format!("{ARTICLES_DIR}/{slug}.md"), why.to_string())
                .hint(format!("use lower-case letters, digits and hyphens, with `/` between folders, for example `{suggestion}`")),
        )
    };
    match why_refused(slug, reserved) {
        Some(why) => Err(invalid(&why)),
        None => Ok(slug.to_string()),
    }
}

/// The longest part of a slug (between `/`): a file name, with `.md`, must fit in 255 bytes.
const MAX_SEGMENT: usize = 200;

/// Why `slug` (without `.md`) cannot be a new article's, or `None` if it can.
fn why_refused(slug: &str, reserved: &[&str]) -> Option<String> {
    if slug.is_empty()
        || !slug.split('/').all(is_slug)
        || crate::load::article::check_key(slug).is_err()
    {
        return Some("the slug cannot be used as a web address".into());
    }
    if slug.split('/').any(|s| s.len() > MAX_SEGMENT) {
        return Some(format!(
            "a part of the slug is longer than {MAX_SEGMENT} characters, too long for a file name"
        ));
    }
    let first = slug.split('/').next().unwrap_or_default();
    if reserved.contains(&first) {
        return Some(format!("`{first}/` is used by the site's own pages"));
    }
    None
}

/// A slug like `slug` that `check_slug` accepts, for the hint.
fn suggest(slug: &str, reserved: &[&str]) -> String {
    let clean = |segment: &str| {
        let mut out = String::new();
        for c in segment.trim().chars().flat_map(char::to_lowercase) {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                out.push(c);
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
        let mut out = out.trim_matches('-').to_string();
        out.truncate(MAX_SEGMENT);
        out.trim_end_matches('-').to_string()
    };
    let segments: Vec<String> = slug
        .split('/')
        .map(clean)
        .filter(|s| !s.is_empty())
        .collect();
    let candidates = [
        segments.join("/"),
        segments.join("-"),
        format!("{}-article", segments.join("-")),
    ];
    candidates
        .into_iter()
        .find(|c| why_refused(c, reserved).is_none())
        .unwrap_or_else(|| "back-pain".to_string())
}

/// Refuses a slug whose page a static file already takes (`static/<slug>` as a file, or
/// `static/<slug>/index.html`): the build would refuse the pair.
fn refuse_static_clash(root: &Path, slug: &str) -> Result<(), Refused> {
    let static_dir = root.join(crate::load::STATIC_DIR);
    let file = static_dir.join(slug);
    let page = file.join("index.html");
    let taken = [&file, &page]
        .into_iter()
        .find(|p| std::fs::metadata(p).is_ok_and(|m| !m.is_dir()));
    match taken {
        Some(p) => Err(Refused {
            diagnostic: Diagnostic::error(
                Kind::DuplicateUrl,
                p.strip_prefix(root).unwrap_or(p),
                format!("this static file takes the address of a new article `{slug}`"),
            )
            .hint("choose another slug, or move the static file"),
            usage: false,
        }),
        None => Ok(()),
    }
}

/// Refuses when a file (not a folder) is where `articles/` or one of the article's folders
/// should be.
fn refuse_file_in_the_way(root: &Path, rel: &Path) -> Result<(), Refused> {
    let mut shown = PathBuf::new();
    let folders: Vec<_> = rel
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    for part in folders {
        shown.push(part);
        if std::fs::metadata(root.join(&shown)).is_ok_and(|m| !m.is_dir()) {
            return Err(Refused {
                diagnostic: Diagnostic::error(
                    Kind::Output,
                    &shown,
                    format!("`{}` should be a folder, but it is a file", shown.display()),
                )
                .hint("move the file away, or choose another slug"),
                usage: false,
            });
        }
    }
    Ok(())
}

/// Refuses to write through a symlink that leads out of the site (the build would not read
/// the article there either).
fn refuse_outside(root: &Path, rel: &Path) -> Result<(), Refused> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut existing = root.join(rel);
    while !existing.exists() {
        if existing.is_symlink() || !existing.pop() {
            break;
        }
    }
    let inside = existing
        .canonicalize()
        .is_ok_and(|target| target.starts_with(&root));
    if inside && !root.join(rel).is_symlink() {
        return Ok(());
    }
    Err(Refused {
        diagnostic: Diagnostic::error(
            Kind::Read,
            rel,
            "the article would be written through a symlink that leads outside the site folder",
        )
        .hint("make `articles/` (and its folders) real folders inside the site; the build does not read articles outside it"),
        usage: false,
    })
}

/// Refuses when a folder or file on the way differs from an existing one only in letter case
/// (`Conditions/` and `conditions/`): on a case-insensitive disk they are the same.
fn refuse_case_clash(root: &Path, rel: &Path) -> Result<(), Refused> {
    let mut dir = root.to_path_buf();
    let mut shown = PathBuf::new();
    for part in rel.components() {
        let wanted = part.as_os_str().to_string_lossy().into_owned();
        let clash = std::fs::read_dir(&dir).ok().and_then(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|name| name != &wanted && name.to_lowercase() == wanted.to_lowercase())
        });
        if let Some(existing) = clash {
            return Err(Refused {
                diagnostic: Diagnostic::error(
                    Kind::DuplicateUrl,
                    shown.join(&existing),
                    format!(
                        "`{}` already exists and differs from `{wanted}` only in letter case; on many disks they are the same file",
                        shown.join(&existing).display()
                    ),
                )
                .hint("use the existing name, or choose another slug"),
                usage: false,
            });
        }
        dir.push(&wanted);
        shown.push(&wanted);
    }
    Ok(())
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

/// The front-matter lines naming the article's terms: one empty list per taxonomy of articles
/// the site has (`symptoms = []` without a site.toml that reads), each saying which file its
/// terms come from.
fn term_lines(config: Option<&crate::config::SiteConfig>) -> String {
    let line =
        |key: &str, terms: &str| format!("{:<30} # slugs from {terms}\n", format!("{key} = []"));
    let Some(config) = config else {
        return line("symptoms", "articles/symptoms.toml");
    };
    std::iter::once(config.article_taxonomy())
        .chain(config.extra_taxonomies())
        .map(|t| line(&t.key, &t.terms))
        .collect()
}

/// The new article's text.
fn article_text(title: &str, today: Date, config: Option<&crate::config::SiteConfig>) -> String {
    let terms = term_lines(config);
    let title = toml::Value::String(title.to_string()).to_string();
    let sections: String = SECTIONS
        .iter()
        .map(|s| format!("\n## {s}\n\nTODO\n"))
        .collect();
    format!(
        r#"+++
title = {title}
description = "TODO: one or two plain sentences on what this article covers."
{terms}updated = {today}
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
        let config = crate::config::SiteConfig::parse("title = \"T\"\ndescription = \"D\"\n").ok();
        let text = article_text("Say \"hi\" \\ now", today, config.as_ref());
        assert!(
            text.contains("\nsymptoms = []                  # slugs from articles/symptoms.toml\n"),
            "{text}"
        );
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
