//! Splitting an article into TOML front matter and Markdown body, and parsing the front matter.

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Kind, line_col};
use serde::Deserialize;
use std::path::Path;

/// The front matter of an article, exactly as the format allows (unknown keys are errors).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The article's title.
    pub title: String,
    /// One or two sentences for lists and the meta description.
    pub description: String,
    /// Symptom slugs, each with its place in the front matter for error messages.
    #[serde(default)]
    pub symptoms: Vec<toml::Spanned<String>>,
    /// Last change to the content.
    pub updated: Date,
    /// Last full review of the page, if one took place.
    #[serde(default)]
    pub reviewed: Option<Date>,
    /// When the next review is due; defaults to `reviewed` plus three years.
    #[serde(default)]
    pub next_review: Option<Date>,
    /// Other names for the topic, for the A to Z and search.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Ids of the sources the article is written from, from `articles/references.toml`.
    #[serde(default)]
    pub references: Vec<toml::Spanned<String>>,
    /// Ids of the clinicians (from `articles/reviewers.toml`) who did the review of `reviewed`.
    #[serde(default)]
    pub reviewed_by: Vec<toml::Spanned<String>>,
    /// What changed on the page and when, in any order (shown newest first).
    #[serde(default)]
    pub changes: Vec<Change>,
    /// "When to get help" lists.
    #[serde(default)]
    pub care: Care,
    /// In an edition's folder of translations: what the article translates, and from which
    /// version of it.
    #[serde(default)]
    pub translation: Option<TranslationOf>,
    /// The terms of the site's other taxonomies of articles (`TermKeys::extra`), by key, each
    /// with its place in the front matter.
    #[serde(skip)]
    pub terms: std::collections::BTreeMap<String, Vec<toml::Spanned<String>>>,
}

/// The `[translation]` table of a translated article.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TranslationOf {
    /// The original's file under `articles/` (`sciatica.md`).
    pub of: toml::Spanned<String>,
    /// The first 12 hexadecimal digits of the SHA-256 of the original's file as it was
    /// translated: when the original changes, the translation is out of date.
    pub version: toml::Spanned<String>,
}

/// The front-matter keys the site's taxonomies of articles use: `article`, read as
/// [`FrontMatter::symptoms`] (`symptoms` by default), and the `extra` taxonomies' keys, read into
/// [`FrontMatter::terms`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct TermKeys {
    /// The key of the taxonomy of articles (`symptoms`).
    pub article: String,
    /// The keys of the other taxonomies of articles.
    pub extra: Vec<String>,
}

impl Default for TermKeys {
    fn default() -> Self {
        TermKeys {
            article: "symptoms".into(),
            extra: Vec::new(),
        }
    }
}

impl TermKeys {
    /// The keys of `config`'s taxonomies.
    pub(crate) fn of(config: &crate::config::SiteConfig) -> Self {
        let article = config.article_taxonomy();
        TermKeys {
            article: article.key.clone(),
            extra: config.extra_taxonomies().map(|t| t.key.clone()).collect(),
        }
    }
}

/// One entry of an article's change log.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// When the change was made.
    pub date: toml::Spanned<Date>,
    /// What changed, in one line.
    pub summary: String,
}

/// The three levels of "when to get help", each a list of short conditions: the id of an entry
/// in `articles/care.toml`, or free text (an item with a space) for advice only this page needs.
/// Each item keeps its place in the front matter for error messages.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Care {
    /// Call the emergency number now if ...
    #[serde(default)]
    pub emergency: Vec<toml::Spanned<String>>,
    /// Get urgent help (same day) if ...
    #[serde(default)]
    pub urgent: Vec<toml::Spanned<String>>,
    /// See a doctor (book an appointment) if ...
    #[serde(default)]
    pub routine: Vec<toml::Spanned<String>>,
}

impl Care {
    /// True when no list has an item.
    pub fn is_empty(&self) -> bool {
        self.emergency.is_empty() && self.urgent.is_empty() && self.routine.is_empty()
    }

    /// Every list with its level: emergency, urgent, routine.
    pub fn lists(&self) -> [(crate::load::Level, &[toml::Spanned<String>]); 3] {
        use crate::load::Level;
        [
            (Level::Emergency, &self.emergency),
            (Level::Urgent, &self.urgent),
            (Level::Routine, &self.routine),
        ]
    }
}

/// An article file split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The TOML between the `+++` lines.
    pub front_matter: &'a str,
    /// 1-based line number of the first front matter line.
    pub front_matter_line: usize,
    /// The Markdown after the closing `+++`.
    pub body: &'a str,
    /// 1-based line number of the first body line.
    pub body_line: usize,
}

const FENCE: &str = "+++";

/// Splits `text` (already free of a byte-order mark and CRLF) at its `+++` lines.
pub(crate) fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let error = |message: &str| Diagnostic::error(Kind::FrontMatter, file, message);
    if text.trim().is_empty() {
        return Err(error("the file is empty")
            .at(1, 1)
            .hint("an article starts with TOML front matter between two `+++` lines, with at least `title`, `description` and `updated`"));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != FENCE {
        return Err(bad_opening(file, text, first));
    }
    let front_start = first.len();
    let mut offset = front_start;
    let mut near_miss = None;
    for (line_number, line) in (2..).zip(lines) {
        if line.trim_end() == FENCE {
            let body_start = offset + line.len();
            return Ok(Split {
                front_matter: &text[front_start..offset],
                front_matter_line: 2,
                body: &text[body_start..],
                body_line: line_number + 1,
            });
        }
        if near_miss.is_none() && is_near_fence(line) {
            near_miss = Some(line_number);
        }
        offset += line.len();
    }
    Err(match near_miss {
        Some(line) => error("this line looks like the closing `+++`, but it is not exactly `+++`")
            .at(line, 1)
            .hint("write the closing line as `+++` alone: three plus signs, nothing before or after them"),
        None => error("the front matter is never closed")
            .at(1, 1)
            .hint("add a line with only `+++` after the last front matter key"),
    })
}

/// A line that was probably meant as a `+++` fence: `++++`, ` +++`, `+++ toml`, or YAML's `---`.
fn is_near_fence(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with("+++") || t == "---") && t.len() < 12
}

/// Why the first line of `text` is not the opening `+++`, located as exactly as can be.
fn bad_opening(file: &Path, text: &str, first: &str) -> Diagnostic {
    let error = |message: &str| Diagnostic::error(Kind::FrontMatter, file, message);
    let trimmed = first.trim();
    if trimmed == "---" {
        return error("this looks like YAML front matter; healthkb uses TOML between `+++` lines")
            .at(1, 1)
            .hint("replace both `---` lines with `+++` and write the keys as TOML: `title = \"Back pain\"`, `updated = 2026-11-20`, lists as `symptoms = [\"a\", \"b\"]`");
    }
    if trimmed == FENCE {
        let column = first.chars().take_while(|c| c.is_whitespace()).count() + 1;
        return error("the opening `+++` has spaces before it")
            .at(1, 1)
            .hint(format!(
                "remove the {} space(s) before `+++` on the first line",
                column - 1
            ));
    }
    if trimmed.starts_with(FENCE) {
        return error("the first line must be exactly `+++`").at(1, 1).hint(
            "write the opening line as `+++` alone: three plus signs, nothing before or after them",
        );
    }
    let found = text
        .split_inclusive('\n')
        .position(|line| line.trim_end() == FENCE);
    match found {
        Some(index) => error("the front matter must start on the first line")
            .at(index + 1, 1)
            .hint("move this `+++` line to the very top of the file, before any text or blank line"),
        None => error("the article has no front matter")
            .at(1, 1)
            .hint("start the file with a `+++` line, the TOML keys `title`, `description` and `updated`, and another `+++` line"),
    }
}

/// Where each top-level key of an article's front matter is written, kept from loading so that
/// later steps (`check`'s warnings) place what they find without reading the file again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPlaces(Vec<KeyPlace>);

/// One front-matter key and where it is written in the article file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPlace {
    /// The key, one of [`FrontMatter`]'s fields (`next_review`, `care`, ...).
    pub key: &'static str,
    /// 1-based line in the article file.
    pub line: usize,
    /// 1-based column (in characters) of the key's first character.
    pub column: usize,
}

/// Every top-level key the front matter allows (the fields of [`FrontMatter`]).
pub(crate) const KEYS: [&str; 13] = [
    "title",
    "description",
    "symptoms",
    "updated",
    "reviewed",
    "next_review",
    "aliases",
    "draft",
    "references",
    "reviewed_by",
    "changes",
    "care",
    "translation",
];

impl KeyPlaces {
    /// Where `key` is written, if the front matter has it.
    pub fn get(&self, key: &str) -> Option<KeyPlace> {
        self.0.iter().find(|p| p.key == key).copied()
    }

    /// The line `key` is written on, if the front matter has it.
    pub fn line(&self, key: &str) -> Option<usize> {
        self.get(key).map(|p| p.line)
    }

    /// The places of the known keys of a parsed table, `first_line` being the TOML's first line
    /// in the file.
    fn of(table: &toml::de::DeTable<'_>, toml_text: &str, first_line: usize) -> Self {
        let index = crate::diagnostic::LineIndex::new(toml_text);
        let mut places: Vec<KeyPlace> = table
            .keys()
            .filter_map(|k| {
                let key = KEYS
                    .into_iter()
                    .find(|&known| known == k.get_ref().as_ref())?;
                let (line, column) = index.line_col(k.span().start);
                Some(KeyPlace {
                    key,
                    line: line + first_line - 1,
                    column,
                })
            })
            .collect();
        places.sort_by_key(|p| (p.line, p.column));
        KeyPlaces(places)
    }
}

/// Parses front matter TOML; errors point into the file, `first_line` being the TOML's first line.
/// The TOML is parsed once: the places of its keys come from the same parse as the values.
pub(crate) fn parse(
    file: &Path,
    toml_text: &str,
    first_line: usize,
) -> Result<(FrontMatter, KeyPlaces), Diagnostic> {
    parse_with(file, toml_text, first_line, &TermKeys::default())
}

/// `parse`, reading the taxonomies' terms under `keys`.
pub(crate) fn parse_with(
    file: &Path,
    toml_text: &str,
    first_line: usize,
    keys: &TermKeys,
) -> Result<(FrontMatter, KeyPlaces), Diagnostic> {
    let at = |span: std::ops::Range<usize>| {
        let (line, column) = line_col(toml_text, span.start);
        (line + first_line - 1, column)
    };
    let e = match parse_table(toml_text, first_line, keys) {
        Ok(parsed) => return Ok(parsed),
        Err(TableError::Toml(e)) => e,
        Err(TableError::Stray(span)) => {
            let (line, column) = at(span);
            return Err(Diagnostic::error(
                Kind::UnknownKey,
                file,
                format!(
                    "unknown field `symptoms`: this site's articles name their {} with `{}`",
                    keys.article, keys.article
                ),
            )
            .at(line, column)
            .hint(format!("write `{} = [...]` instead", keys.article)));
        }
        Err(TableError::NotAList(span, key)) => {
            let (line, column) = at(span);
            return Err(Diagnostic::error(Kind::Toml, file, format!("`{key}` must be a list in square brackets"))
                .at(line, column)
                .hint(format!("write a list in square brackets with each item in double quotes, like `{key} = [\"one\", \"two\"]`")));
        }
    };
    Err({
        let message = e.message().trim().to_string();
        let kind = classify(&message);
        let old_sources =
            kind == Kind::UnknownKey && message.starts_with("unknown field `sources`");
        let mut d = Diagnostic::error(kind, file, message.replace('\n', " "));
        let mut key = None;
        if let Some(span) = e.span() {
            let (line, column) = line_col(toml_text, span.start);
            key = key_on_line(toml_text, line);
            d = d.at(line + first_line - 1, column);
        } else {
            d = d.at_line(first_line);
        }
        match kind {
            Kind::UnknownKey if old_sources => {
                d.kind = Kind::SourcesTable;
                d.message = "`[[sources]]` tables are no longer used: sources live in articles/references.toml".into();
                d.hint("move each source into articles/references.toml as `[an-id]` with `title`, `publisher`, `url`, `date` and `kind`, then cite it by id: `references = [\"an-id\"]` here, or `[@an-id]` in the text")
            }
            Kind::UnknownKey => d.hint("check the spelling; the allowed keys are listed above"),
            Kind::MissingKey => d.hint(
                "every article needs `title`, `description` and `updated` (a date like 2026-11-20)",
            ),
            _ => {
                // TOML's own words ("invalid float, expected `nan`") describe its grammar, not the
                // editor's mistake: say what the key needs first, then how to write it.
                // Only for a value TOML cannot read at all: a readable value of the wrong kind
                // already has a message of ours (from the key's own type).
                let unreadable = toml_text.parse::<toml::Table>().is_err();
                if let Some(problem) =
                    value_problem(key).filter(|_| kind == Kind::Toml && unreadable)
                {
                    d.message = problem;
                }
                d.hint(value_hint(key))
            }
        }
    })
}

/// Why the front matter's table could not be read.
enum TableError {
    /// TOML's own error.
    Toml(toml::de::Error),
    /// `symptoms` in a site whose taxonomy of articles has another key (at this span).
    Stray(std::ops::Range<usize>),
    /// A taxonomy's key whose value is not a list of text.
    NotAList(std::ops::Range<usize>, String),
}

impl From<toml::de::Error> for TableError {
    fn from(e: toml::de::Error) -> Self {
        TableError::Toml(e)
    }
}

/// The front matter and its key places from one parse of the TOML: the taxonomy keys are taken
/// out of the table (the taxonomy of articles' put back as `symptoms`) before the rest is read.
fn parse_table(
    toml_text: &str,
    first_line: usize,
    keys: &TermKeys,
) -> Result<(FrontMatter, KeyPlaces), TableError> {
    let mut table = toml::de::DeTable::parse(toml_text)?;
    let entries = table.get_mut();
    let mut terms = std::collections::BTreeMap::new();
    for key in &keys.extra {
        if let Some((k, v)) = entries.remove_entry(key.as_str()) {
            terms.insert(key.clone(), string_list(k.span(), v, key)?);
        }
    }
    if keys.article != "symptoms" {
        if let Some((k, _)) = entries.remove_entry("symptoms") {
            return Err(TableError::Stray(k.span()));
        }
        if let Some((k, v)) = entries.remove_entry(keys.article.as_str()) {
            let renamed = toml::Spanned::new(k.span(), std::borrow::Cow::Borrowed("symptoms"));
            entries.insert(renamed, v);
        }
    }
    let places = KeyPlaces::of(table.get_ref(), toml_text, first_line);
    let mut front = FrontMatter::deserialize(toml::de::Deserializer::from(table))?;
    front.terms = terms;
    Ok((front, places))
}

/// The text items of a taxonomy's list `value` (under `key`, written at `key_span`).
fn string_list(
    key_span: std::ops::Range<usize>,
    value: toml::Spanned<toml::de::DeValue<'_>>,
    key: &str,
) -> Result<Vec<toml::Spanned<String>>, TableError> {
    let not_a_list = || TableError::NotAList(key_span.clone(), key.to_string());
    let toml::de::DeValue::Array(items) = value.into_inner() else {
        return Err(not_a_list());
    };
    items
        .into_iter()
        .map(|item| {
            let span = item.span();
            match item.into_inner() {
                toml::de::DeValue::String(text) => Ok(toml::Spanned::new(span, text.into_owned())),
                _ => Err(not_a_list()),
            }
        })
        .collect()
}

/// What is wrong with an unreadable value for a known key, in the editor's terms.
fn value_problem(key: Option<&str>) -> Option<String> {
    Some(match key? {
        k @ ("updated" | "reviewed" | "next_review" | "date") => {
            format!("`{k}` must be a date, and this value is not one")
        }
        k @ ("title" | "description" | "publisher" | "url") => {
            format!("`{k}` must be text in double quotes")
        }
        k @ ("symptoms" | "aliases" | "emergency" | "urgent" | "routine" | "references"
        | "reviewed_by") => format!("`{k}` must be a list in square brackets"),
        "draft" => "`draft` must be true or false".to_string(),
        _ => return None,
    })
}

/// The key set on line `line` (1-based) of `toml_text`, if that line is `key = ...`.
fn key_on_line(toml_text: &str, line: usize) -> Option<&str> {
    let text = toml_text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = text.split_once('=')?;
    let key = key.trim();
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then_some(key)
}

/// How a value for `key` is written, for a TOML error on its line.
fn value_hint(key: Option<&str>) -> String {
    match key {
        Some(k @ ("updated" | "reviewed" | "next_review" | "date")) => {
            format!("write the date as year-month-day without quotes, like `{k} = 2026-11-20`")
        }
        Some(k @ ("title" | "description" | "publisher" | "url")) => {
            format!("put the text in double quotes, like `{k} = \"Back spasm\"`")
        }
        Some(
            k @ ("symptoms" | "aliases" | "emergency" | "urgent" | "routine" | "references"
            | "reviewed_by"),
        ) => format!(
            "write a list in square brackets with each item in double quotes, like `{k} = [\"one\", \"two\"]`"
        ),
        Some("draft") => "write `draft = true` or `draft = false`".to_string(),
        _ => "check this line: text goes in double quotes, dates are written like 2026-11-20, lists in [ ]"
            .to_string(),
    }
}

fn classify(message: &str) -> Kind {
    if message.starts_with("unknown field") {
        Kind::UnknownKey
    } else if message.starts_with("missing field") {
        Kind::MissingKey
    } else {
        Kind::Toml
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "articles/a.md";

    fn split_err(text: &str) -> Diagnostic {
        split(Path::new(FILE), text).expect_err("should fail")
    }

    #[test]
    fn splits_front_matter_and_body_with_line_numbers() {
        let text = "+++\ntitle = \"T\"\n+++\nBody\n";
        let s = split(Path::new(FILE), text).expect("valid");
        assert_eq!(s.front_matter, "title = \"T\"\n");
        assert_eq!(s.front_matter_line, 2);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn empty_missing_late_and_unclosed_front_matter_are_located() {
        assert_eq!(split_err("").kind, Kind::FrontMatter);
        let none = split_err("# Title\n\ntext\n");
        assert!(none.message.contains("no front matter"));
        let late = split_err("\n\n+++\ntitle = \"x\"\n+++\n");
        assert_eq!(late.line, Some(3));
        assert!(late.message.contains("first line"));
        let open = split_err("+++\ntitle = \"x\"\n");
        assert!(open.message.contains("never closed"));
    }

    fn parse_err(toml_text: &str) -> Diagnostic {
        parse(Path::new(FILE), toml_text, 2).expect_err("should fail")
    }

    const VALID: &str = "title = \"T\"\ndescription = \"D\"\nupdated = 2026-11-20\n";

    #[test]
    fn parses_a_complete_front_matter() {
        let text = format!(
            "{VALID}symptoms = [\"a\", \"b\"]\nreviewed = 2026-01-01\nreferences = [\"r\"]\nreviewed_by = [\"x\"]\n[[changes]]\ndate = 2026-01-01\nsummary = \"S\"\n[care]\nemergency = [\"x\"]\n"
        );
        let (fm, keys) = parse(Path::new(FILE), &text, 2).expect("valid");
        assert_eq!(fm.symptoms.len(), 2);
        assert_eq!(fm.symptoms[1].get_ref(), "b");
        assert_eq!(fm.references[0].get_ref(), "r");
        assert_eq!(fm.changes[0].summary, "S");
        assert_eq!(fm.care.emergency[0].get_ref(), "x");
        let place = |key| keys.get(key).map(|p| (p.line, p.column));
        assert_eq!(
            place("title"),
            Some((2, 1)),
            "line 1 of the TOML is line 2 of the file"
        );
        assert_eq!(place("reviewed"), Some((6, 1)));
        assert_eq!(
            place("changes"),
            Some((9, 3)),
            "the name inside `[[changes]]`"
        );
        assert_eq!(place("care"), Some((12, 2)));
        assert_eq!(place("next_review"), None);
    }

    #[test]
    fn key_places_are_where_the_keys_are_written() {
        let text = "title = \"T\"\n  \"description\" = \"D\"\nupdated = 2026-11-20\nnotes = \"\"\"\nreviewed = 2020-01-01\n\"\"\"\n";
        let table = toml::de::DeTable::parse(text).expect("valid TOML");
        let keys = KeyPlaces::of(table.get_ref(), text, 1);
        let place = |key| keys.get(key).map(|p| (p.line, p.column));
        assert_eq!(place("description"), Some((2, 3)), "quoted and indented");
        assert_eq!(place("reviewed"), None, "inside a string it is not a key");
        assert_eq!(keys.line("updated"), Some(3));
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let d = parse_err(&format!("{VALID}symtoms = [\"a\"]\n"));
        assert_eq!(d.kind, Kind::UnknownKey);
        assert_eq!(d.line, Some(5), "line 4 of the TOML is line 5 of the file");
        assert!(
            d.message.contains("symtoms") && d.message.contains("symptoms"),
            "{}",
            d.message
        );
    }

    #[test]
    fn old_sources_tables_say_where_sources_went() {
        let d = parse_err(&format!(
            "{VALID}[[sources]]\ntitle = \"S\"\npublisher = \"P\"\n"
        ));
        assert_eq!(
            (d.kind, d.line, d.column),
            (Kind::SourcesTable, Some(5), Some(3))
        );
        assert!(
            d.hint
                .unwrap_or_default()
                .contains("articles/references.toml")
        );
    }

    #[test]
    fn missing_wrong_type_and_bad_dates() {
        assert_eq!(
            parse_err("title = \"T\"\nupdated = 2026-11-20\n").kind,
            Kind::MissingKey
        );
        let wrong = parse_err("title = 5\ndescription = \"D\"\nupdated = 2026-11-20\n");
        assert_eq!((wrong.kind, wrong.line), (Kind::Toml, Some(2)));
        let impossible = parse_err("title = \"T\"\ndescription = \"D\"\nupdated = 2026-02-30\n");
        assert_eq!((impossible.kind, impossible.line), (Kind::Toml, Some(4)));
        let invalid = parse_err("title = \"T\ndescription = \"D\"\n");
        assert_eq!(invalid.kind, Kind::Toml);
    }

    #[test]
    fn a_badly_written_value_gets_a_hint_for_its_key() {
        let hint = |toml_text: &str| parse_err(toml_text).hint.unwrap_or_default();
        let date = hint("title = \"T\"\ndescription = \"D\"\nupdated = last week\n");
        assert!(date.contains("`updated = 2026-11-20`"), "{date}");
        let text = hint("title = Back spasm\ndescription = \"D\"\nupdated = 2026-11-20\n");
        assert!(text.contains("double quotes, like `title = "), "{text}");
        let list = hint(
            "title = \"T\"\ndescription = \"D\"\nupdated = 2026-11-20\nsymptoms = back-pain\n",
        );
        assert!(list.contains("square brackets"), "{list}");
        assert_eq!(key_on_line("a = 1\n  b_c = x\n", 2), Some("b_c"));
        assert_eq!(key_on_line("[care]\n", 1), None);
    }
}
