//! Care advice across the site: the `[care]` items of articles checked against
//! `articles/care.toml`, the placeholders checked against the known names, and the emergency
//! page's signs (each shared emergency entry once, grouped, with the articles that list it).

use crate::diagnostic::{Diagnostic, Kind, did_you_mean};
use crate::load::article::PlaceholderRef;
use crate::load::care::{CARE_FILE, FIELDS, Placed};
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

/// The taxonomies care entries may name terms of, each with its term file: the taxonomy of
/// articles (by `symptoms` or its own key) and every further taxonomy of articles (by its key).
pub(crate) struct Vocabularies<'a> {
    /// The taxonomy of articles and its terms.
    pub first: (&'a crate::config::Taxonomy, Option<&'a Vocabulary>),
    /// Every further taxonomy of articles and its terms, in `site.toml`'s order.
    pub further: Vec<(&'a crate::config::Taxonomy, Option<&'a Vocabulary>)>,
}

impl Vocabularies<'_> {
    /// Every taxonomy of articles, the first first.
    fn taxonomies(&self) -> impl Iterator<Item = &crate::config::Taxonomy> {
        std::iter::once(self.first.0).chain(self.further.iter().map(|(t, _)| *t))
    }
}

/// `book` with each entry's list under the taxonomy of articles' own key (`conditions = [...]`
/// on a site of conditions) moved into its `symptoms`, and the problems of the keys that are
/// not its fields: a key that names no taxonomy of articles (`unknown-key`), or a taxonomy's
/// key whose value is not a list (`invalid-value`), each at its place.
pub(crate) fn resolve_keys(
    mut book: CareBook,
    taxonomies: &Vocabularies<'_>,
) -> (CareBook, Vec<Diagnostic>) {
    let first = taxonomies.first.0;
    let mut problems = Vec::new();
    for entry in &mut book.entries {
        for list in std::mem::take(&mut entry.terms) {
            let key = list.key.value.as_str();
            let Some(taxonomy) = taxonomies.taxonomies().find(|t| t.key == key) else {
                problems.push(unknown_key(&entry.id, &list.key, taxonomies));
                continue;
            };
            match &list.slugs {
                None => problems.push(not_a_list(&entry.id, &list.key, &taxonomy.noun())),
                Some(slugs) if key == first.key => entry.symptoms.extend(slugs.iter().cloned()),
                Some(_) => entry.terms.push(list),
            }
        }
    }
    (book, problems)
}

/// The error for `key` in care entry `id`, which is neither a field nor a taxonomy's key, with
/// the closest key an entry may have or the list of them.
fn unknown_key(id: &str, key: &Placed, taxonomies: &Vocabularies<'_>) -> Diagnostic {
    let mut fields: Vec<&str> = FIELDS.to_vec();
    fields.extend(
        taxonomies
            .taxonomies()
            .map(|t| t.key.as_str())
            .filter(|k| !FIELDS.contains(k)),
    );
    Diagnostic::error(
        Kind::UnknownKey,
        CARE_FILE,
        format!("unknown key `{}` in care entry `{id}`", key.value),
    )
    .at(key.line, key.column)
    .hint(match did_you_mean(&key.value, fields.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("a care entry has: {}", fields.join(", ")),
    })
}

/// The error for a taxonomy's `key` in care entry `id` whose value is not a list of slugs (of
/// terms called `noun`).
fn not_a_list(id: &str, key: &Placed, noun: &str) -> Diagnostic {
    Diagnostic::error(
        Kind::InvalidValue,
        CARE_FILE,
        format!(
            "`{}` in care entry `{id}` is not a list of {noun} slugs",
            key.value
        ),
    )
    .at(key.line, key.column)
    .hint(format!("write it as a list: {} = [\"...\"]", key.value))
}

/// Problems in `care.toml` that need the rest of the site: terms not in their taxonomy's term
/// file (the taxonomy of articles' under `symptoms` or its own key, a further taxonomy's under
/// its key), each with a "did you mean", and unknown placeholders in texts. `book` is resolved
/// (`resolve_keys`).
pub(crate) fn check_book(
    book: &CareBook,
    taxonomies: &Vocabularies<'_>,
    registry: Option<&Registry>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for entry in &book.entries {
        let (first, vocabulary) = taxonomies.first;
        problems.extend(unknown_terms(
            entry,
            &entry.symptoms,
            first,
            vocabulary,
            Kind::UnknownSymptom,
        ));
        for &(taxonomy, vocabulary) in &taxonomies.further {
            let slugs: Vec<_> = entry.slugs_of(&taxonomy.key).cloned().collect();
            problems.extend(unknown_terms(
                entry,
                &slugs,
                taxonomy,
                vocabulary,
                Kind::UnknownTerm,
            ));
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

/// The slugs of `slugs` that `taxonomy`'s term file (`vocabulary`) does not have, each an error
/// of `kind` at its place with a "did you mean".
fn unknown_terms(
    entry: &CareEntry,
    slugs: &[Placed],
    taxonomy: &crate::config::Taxonomy,
    vocabulary: Option<&Vocabulary>,
    kind: Kind,
) -> Vec<Diagnostic> {
    let noun = taxonomy.noun();
    slugs
        .iter()
        .filter(|s| !vocabulary.is_some_and(|v| v.contains_key(&s.value)))
        .map(|s| {
            let known = vocabulary
                .into_iter()
                .flat_map(|v| v.keys().map(String::as_str));
            let hint = match did_you_mean(&s.value, known) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("use a {noun} slug from {}", taxonomy.terms),
            };
            Diagnostic::error(
                kind,
                CARE_FILE,
                format!(
                    "care entry `{}` names unknown {noun} `{}`",
                    entry.id, s.value
                ),
            )
            .at(s.line, s.column)
            .hint(hint)
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as `care.toml`, resolved and checked against the default taxonomies (this guide's
    /// symptoms), whose term file holds `numbness`, and a further taxonomy `treatments` holding
    /// `rest`.
    fn resolved(text: &str) -> (CareBook, Vec<Diagnostic>) {
        let defaults = crate::config::taxonomy::defaults();
        let mut treatments = defaults[0].clone();
        treatments.key = "treatments".into();
        treatments.name = "treatments".into();
        treatments.terms = "articles/treatments.toml".into();
        let vocabulary = |slug: &str| -> Vocabulary {
            crate::load::vocabulary::parse(
                "articles/x.toml",
                &format!("[{slug}]\nname = \"N\"\n"),
                &[],
            )
            .expect("a term file")
        };
        let (symptoms, rest) = (vocabulary("numbness"), vocabulary("rest"));
        let taxonomies = Vocabularies {
            first: (&defaults[0], Some(&symptoms)),
            further: vec![(&treatments, Some(&rest))],
        };
        let book = crate::load::care::parse(text).expect("parses");
        let (book, mut problems) = resolve_keys(book, &taxonomies);
        problems.extend(check_book(&book, &taxonomies, None));
        (book, problems)
    }

    #[test]
    fn keys_name_the_terms_of_any_taxonomy_of_articles_and_others_are_refused() {
        let (book, problems) = resolved(
            "[a]\nlevel = \"routine\"\ntext = \"t x\"\nsymptoms = [\"numbness\"]\ntreatments = [\"rest\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let a = &book.entries[0];
        assert_eq!(a.symptoms[0].value, "numbness");
        assert_eq!(a.slugs_of("treatments").next().map(|s| s.column), Some(15));
        let (_, problems) = resolved(
            "[a]\nlevel = \"routine\"\ntext = \"t x\"\ngrup = \"G\"\nregions = [\"neck\"]\ntreatments = [\"rst\"]\n",
        );
        let found: Vec<(Kind, Option<usize>, Option<usize>)> = problems
            .iter()
            .map(|d| (d.kind, d.line, d.column))
            .collect();
        assert_eq!(
            found,
            [
                (Kind::UnknownKey, Some(4), Some(1)),
                (Kind::UnknownKey, Some(5), Some(1)),
                (Kind::UnknownTerm, Some(6), Some(15)),
            ]
        );
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `group`?"));
        assert_eq!(
            problems[1].hint.as_deref(),
            Some("a care entry has: level, text, group, symptoms, references, treatments"),
            "a map's key names no taxonomy of articles"
        );
        assert_eq!(problems[2].hint.as_deref(), Some("did you mean `rest`?"));
    }
}
