//! Care advice across the site: the `[care]` items of articles checked against
//! `articles/care.toml`, the placeholders checked against the known names, and the emergency
//! page's signs (each shared emergency entry once, grouped, with the articles that list it).

use crate::diagnostic::{Diagnostic, Kind, did_you_mean};
use crate::load::article::PlaceholderRef;
use crate::load::care::CARE_FILE;
use crate::load::references::REFERENCES_FILE;
use crate::load::{Article, CareBook, CareEntry, Level, Registry, Vocabulary};
use crate::placeholder;
use std::collections::HashMap;
use std::sync::Arc;

/// One sign on the emergency page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmergencySign {
    /// The condition as written (placeholders are filled when rendering).
    pub text: String,
    /// The shared entry it is, by index into `CareBook::entries`; `None` for free text.
    pub entry: Option<usize>,
    /// The articles that list it, in title order.
    pub articles: Vec<usize>,
}

/// A group of signs on the emergency page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmergencyGroup {
    /// Its heading; `None` for the last group: entries without a group and articles' own words.
    pub name: Option<String>,
    /// Its signs, in `care.toml` order, then free text in the order first met.
    pub signs: Vec<EmergencySign>,
}

/// The name of a level's list in front matter.
pub(crate) fn list_name(level: Level) -> &'static str {
    match level {
        Level::Emergency => "emergency",
        Level::Urgent => "urgent",
        Level::Routine => "routine",
    }
}

/// Problems in `care.toml` that need the rest of the site: terms not in the vocabulary (the term
/// file of `taxonomy`, the taxonomy of articles) and unknown placeholders in texts.
pub(crate) fn check_book(
    book: &CareBook,
    vocabulary: Option<&Vocabulary>,
    taxonomy: &crate::config::Taxonomy,
    registry: Option<&Registry>,
) -> Vec<Diagnostic> {
    let noun = taxonomy.noun();
    let mut problems = Vec::new();
    for entry in &book.entries {
        for s in &entry.symptoms {
            if vocabulary.is_some_and(|v| v.contains_key(&s.value)) {
                continue;
            }
            let known = vocabulary
                .into_iter()
                .flat_map(|v| v.keys().map(String::as_str));
            let hint = match did_you_mean(&s.value, known) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("use a {noun} slug from {}", taxonomy.terms),
            };
            problems.push(
                Diagnostic::error(
                    Kind::UnknownSymptom,
                    CARE_FILE,
                    format!(
                        "care entry `{}` names unknown {noun} `{}`",
                        entry.id, s.value
                    ),
                )
                .at(s.line, s.column)
                .hint(hint),
            );
        }
        if let Some(registry) = registry {
            problems.extend(unknown_references(entry, registry));
        }
        let (line, column) = entry.text_at;
        for f in placeholder::find(&entry.text) {
            if placeholder::value_known(&f.name) {
                continue;
            }
            let before = entry.text[..f.offset].chars().count();
            problems.push(unknown_placeholder(
                CARE_FILE,
                &f.name,
                line,
                column + 1 + before,
            ));
        }
    }
    problems
}

/// An entry's reference ids that are not in the registry, each an error at its place.
fn unknown_references<'a>(
    entry: &'a CareEntry,
    registry: &'a Registry,
) -> impl Iterator<Item = Diagnostic> + 'a {
    entry
        .references
        .iter()
        .filter(|r| !registry.contains_key(&r.value))
        .map(move |r| {
            let hint = match did_you_mean(&r.value, registry.keys().map(String::as_str)) {
                Some(close) => format!("did you mean `{close}`?"),
                None => {
                    format!("add the source to {REFERENCES_FILE} first, or cite one of its ids")
                }
            };
            Diagnostic::error(
                Kind::UnknownReference,
                CARE_FILE,
                format!(
                    "care entry `{}` cites unknown reference `{}`",
                    entry.id, r.value
                ),
            )
            .at(r.line, r.column)
            .hint(hint)
        })
}

/// The problems of one article's `[care]` items and placeholders (also used by `serve`'s fast
/// path for an edited article).
pub(crate) fn check_article(article: &Article, book: Option<&CareBook>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for item in article.care.iter().filter(|c| c.is_id()) {
        let error = |kind, message: String| {
            Diagnostic::error(kind, &article.source, message).at(item.line, item.column)
        };
        match book.and_then(|b| b.get(&item.item)) {
            Some(entry) if entry.level == item.level => {}
            Some(entry) => problems.push(
                error(
                    Kind::WrongCareLevel,
                    format!(
                        "`{}` is {} advice, but it is in the `{}` list",
                        item.item,
                        list_name(entry.level),
                        list_name(item.level)
                    ),
                )
                .hint(format!(
                    "move it to the `{}` list of [care]",
                    list_name(entry.level)
                )),
            ),
            None => {
                let ids = book
                    .into_iter()
                    .flat_map(|b| b.entries.iter().map(|e| e.id.as_str()));
                let hint = match did_you_mean(&item.item, ids) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!(
                        "add `[{}]` to {CARE_FILE}, or write the advice as free text (a sentence with spaces)",
                        item.item
                    ),
                };
                problems.push(
                    error(
                        Kind::UnknownCare,
                        format!("unknown care advice `{}`", item.item),
                    )
                    .hint(hint),
                );
            }
        }
    }
    let mut care_markers = 0;
    for p in &article.placeholders {
        if p.name == placeholder::CARE_MARKER {
            care_markers += 1;
            if let Some(problem) = misplaced_care_marker(article, p, care_markers) {
                problems.push(problem);
            }
        } else if !placeholder::value_known(&p.name) {
            problems.push(unknown_placeholder(
                &article.source,
                &p.name,
                p.line,
                p.column,
            ));
        }
    }
    problems
}

/// Why the `{{care}}` marker at `p` (the `nth` in the file) cannot place the care cards, if it
/// cannot: it must stand alone on a line of the body, once, on a page that has care cards.
fn misplaced_care_marker(article: &Article, p: &PlaceholderRef, nth: usize) -> Option<Diagnostic> {
    let line_text = p
        .line
        .checked_sub(article.body_line)
        .and_then(|i| article.body.lines().nth(i));
    let (message, hint) = match line_text {
        None => (
            "`{{care}}` is only for the article body, where it marks the place of the care cards",
            "remove it from the front matter",
        ),
        Some(text) if text.trim() != "{{care}}" || p.column != 1 => (
            "`{{care}}` marks where the care cards go, so it must stand on a line of its own",
            "put `{{care}}` alone on its own line, with a blank line before and after it",
        ),
        Some(_) if nth > 1 => (
            "`{{care}}` is here a second time; the care cards can go in one place only",
            "keep one `{{care}}` line and remove the others",
        ),
        Some(_) if article.front.care.is_empty() => (
            "`{{care}}` marks the place of the care cards, but this article has none",
            "add a [care] table to the front matter, or remove the `{{care}}` line",
        ),
        Some(_) => return None,
    };
    Some(
        Diagnostic::error(Kind::UnknownPlaceholder, &article.source, message)
            .at(p.line, p.column)
            .hint(hint),
    )
}

fn unknown_placeholder(
    file: impl Into<std::path::PathBuf>,
    name: &str,
    line: usize,
    column: usize,
) -> Diagnostic {
    let hint = match did_you_mean(name, placeholder::NAMES) {
        Some(close) => format!("did you mean `{{{{{close}}}}}`?"),
        None => "the placeholders are {{emergency}}, {{urgent}} and {{routine}}".to_string(),
    };
    Diagnostic::error(
        Kind::UnknownPlaceholder,
        file,
        format!("unknown placeholder `{{{{{name}}}}}`"),
    )
    .at(line, column)
    .hint(hint)
}

/// Lower-case, single-spaced, without closing punctuation: how free text is compared.
pub(crate) fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', '!', ';', ','])
        .to_lowercase()
}

/// The emergency page's signs: every emergency entry of `book` once, grouped by `group` (groups
/// in the order of their first entry), then one last group with the entries that have no group
/// and the articles' free-text emergency items, each once. `by_title` is the article order.
pub(crate) fn emergency_groups(
    articles: &[Arc<Article>],
    book: Option<&CareBook>,
    by_title: &[usize],
) -> Vec<EmergencyGroup> {
    let empty = CareBook::default();
    let book = book.unwrap_or(&empty);
    let mut groups: Vec<EmergencyGroup> = Vec::new();
    let mut other = EmergencyGroup {
        name: None,
        signs: Vec::new(),
    };
    let mut place: HashMap<usize, (Option<usize>, usize)> = HashMap::new();
    for (e, entry) in book.entries.iter().enumerate() {
        if entry.level != Level::Emergency {
            continue;
        }
        let sign = EmergencySign {
            text: entry.text.clone(),
            entry: Some(e),
            articles: Vec::new(),
        };
        let group = match &entry.group {
            Some(name) => match groups.iter().position(|g| g.name.as_ref() == Some(name)) {
                Some(g) => Some(g),
                None => {
                    groups.push(EmergencyGroup {
                        name: Some(name.clone()),
                        signs: Vec::new(),
                    });
                    Some(groups.len() - 1)
                }
            },
            None => None,
        };
        let signs = match group {
            Some(g) => &mut groups[g].signs,
            None => &mut other.signs,
        };
        place.insert(e, (group, signs.len()));
        signs.push(sign);
    }
    let mut free: HashMap<String, usize> = HashMap::new();
    for &a in by_title {
        for item in articles[a]
            .care
            .iter()
            .filter(|c| c.level == Level::Emergency)
        {
            let sign = if item.is_id() {
                match book.position(&item.item).and_then(|e| place.get(&e)) {
                    Some(&(Some(g), s)) => &mut groups[g].signs[s],
                    Some(&(None, s)) => &mut other.signs[s],
                    None => continue,
                }
            } else {
                let key = normalized(&item.item);
                let s = *free.entry(key).or_insert_with(|| {
                    other.signs.push(EmergencySign {
                        text: item.item.clone(),
                        entry: None,
                        articles: Vec::new(),
                    });
                    other.signs.len() - 1
                });
                &mut other.signs[s]
            };
            if sign.articles.last() != Some(&a) {
                sign.articles.push(a);
            }
        }
    }
    if !other.signs.is_empty() {
        groups.push(other);
    }
    groups
}
