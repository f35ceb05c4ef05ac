//! Problems found in a site's input: where they are, what is wrong and what to do about it.
//!
//! Every step collects `Diagnostic`s instead of stopping at the first one, so an editor sees every
//! mistake in one run, sorted by file and line.

use std::fmt;
use std::path::{Path, PathBuf};

/// Declares [`Kind`] with each variant's stable name, so the list of kinds is written once.
macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// What kind of problem a diagnostic reports; tests assert on this, not on message wording.
        ///
        /// Each kind has a stable kebab-case name ([`Kind::name`]), used by the JSON report of
        /// `check` and by the bad-input fixtures; a name never changes once released, whatever the
        /// variant is called in the code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $($(#[$doc])* $variant,)*
        }

        impl Kind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            /// The stable kebab-case name, e.g. `broken-link`, `reading-level`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Kind::$variant => $name,)*
                }
            }
        }
    };
}

kinds! {
    /// The site configuration (`site.toml`) is missing or invalid.
    Config => "config",
    /// A file or folder could not be read, or is not where the site may read from.
    Read => "read",
    /// An article has no front matter, or it is not closed.
    FrontMatter => "front-matter",
    /// The front matter is not valid TOML, or has a wrong type or an impossible date.
    Toml => "toml",
    /// The front matter has a key the format does not know.
    UnknownKey => "unknown-key",
    /// The front matter lacks a required key.
    MissingKey => "missing-key",
    /// A value is well-typed but not allowed (an empty title, a bad slug, a bad level).
    InvalidValue => "invalid-value",
    /// Two articles map to the same URL, or an article takes a URL the site generates itself.
    DuplicateUrl => "duplicate-url",
    /// An article uses a symptom that is not in the vocabulary, or uses one twice.
    UnknownSymptom => "unknown-symptom",
    /// A `[care]` item names a care advice entry that `articles/care.toml` does not have.
    UnknownCare => "unknown-care",
    /// A `[care]` item names a care advice entry of another level than its list.
    WrongCareLevel => "wrong-care-level",
    /// A `{{...}}` placeholder that is not one of the local services.
    UnknownPlaceholder => "unknown-placeholder",
    /// A link to an article or file that does not exist, or that leaves the site.
    BrokenLink => "broken-link",
    /// A link to a heading that does not exist in its target article.
    BrokenAnchor => "broken-anchor",
    /// A control character (other than tab and line breaks) in a file a user writes.
    ControlCharacter => "control-character",
    /// A footnote reference (`[^a]`) with no definition, or a footnote defined twice.
    Footnote => "footnote",
    /// A template is missing, does not parse, or fails while rendering.
    Template => "template",
    /// A translations file (`i18n/<language>.ftl`) is not valid Fluent, or defines a key twice.
    TranslationSyntax => "translation-syntax",
    /// A key a template or the program uses is not in the site language's translations file,
    /// or the site's language has no file.
    TranslationMissing => "translation-missing",
    /// A key in the site language's translations file that nothing uses.
    TranslationUnused => "translation-unused",
    /// Another language's translations file lacks a key the site language's has, or has one it
    /// lacks.
    TranslationMismatch => "translation-mismatch",
    /// A translation uses a variable (`{ $count }`) that its caller does not pass.
    TranslationArgument => "translation-argument",
    /// A file in an edition's folder of translations (`translations/<code>/`) that does not say
    /// what it translates (`[translation]`, `of`), or names no original.
    TranslationOrigin => "translation-origin",
    /// A translation whose ids differ from its original's: an article's symptoms, care or
    /// sources, or a data file's entries, levels and regions (advice must be the same in every
    /// language).
    TranslationDiffers => "translation-differs",
    /// Warning: the original has changed since the translation was made from it.
    TranslationStale => "translation-stale",
    /// Raw HTML in Markdown that the site is not configured to allow.
    RawHtml => "raw-html",
    /// The output folder is not a safe or writable place, or writing failed.
    Output => "output",
    /// Warning (`check`): an article reads above the site's grade limit.
    ReadingLevel => "reading-level",
    /// Warning (`check`): an article's `next_review` date has passed.
    ReviewOverdue => "review-overdue",
    /// Warning (`check`): an article cites no sources.
    NoSources => "no-sources",
    /// Warning (`check`): no other article links to an article and it has no symptom.
    Orphan => "orphan",
    /// Warning (`check`): a symptom is used by fewer than two articles.
    RareSymptom => "rare-symptom",
    /// Warning (`check`): a sentence is longer than the site's limit.
    LongSentence => "long-sentence",
    /// Warning (`check`): a paragraph is longer than the site's limit.
    LongParagraph => "long-paragraph",
    /// Warning (`check`): an emergency number written as a plain number instead of `{{emergency}}`.
    PlainEmergencyNumber => "plain-emergency-number",
    /// Warning (`check`): an article with an emergency-level symptom gives no emergency advice.
    NoEmergencyAdvice => "no-emergency-advice",
    /// Warning (`check`): no emergency care entry names an emergency-level symptom, so the
    /// emergency page leaves it out.
    EmergencySignMissing => "emergency-sign-missing",
    /// Warning (`check`): an article with symptoms says nothing about when to get help.
    NoCareAdvice => "no-care-advice",
    /// Warning (`check`): a care entry is less urgent than one of its symptoms.
    CareBelowSymptom => "care-below-symptom",
    /// Warning (`check`): a free-text care item nearly repeats a shared care entry.
    NearDuplicateCare => "near-duplicate-care",
    /// Warning (`check --external`): a link to another site does not answer or is gone.
    ExternalLink => "external-link",
    /// Warning (`check`): a hidden file or folder in `static/` (`.htaccess`), which is not copied.
    HiddenStatic => "hidden-static",
    /// An article cites a reference id that is not in `articles/references.toml`.
    UnknownReference => "unknown-reference",
    /// An article still has `[[sources]]` tables, which moved to `articles/references.toml`.
    SourcesTable => "sources-table",
    /// `reviewed_by` names a reviewer who is not in `articles/reviewers.toml`.
    UnknownReviewer => "unknown-reviewer",
    /// `reviewed` without `reviewed_by`, or `reviewed_by` without `reviewed`.
    IncompleteReview => "incomplete-review",
    /// A published (not draft) page still has text left from `new`: TODO markers, placeholders.
    LeftFromNew => "left-from-new",
    /// Warning (`check`): a source in `references.toml` that no article cites.
    UncitedReference => "uncited-reference",
    /// Warning (`check`): every reference of an article is a `consumer` source.
    OnlyConsumerSources => "only-consumer-sources",
    /// Warning (`check`): a source older than `max_source_age_years`.
    OldSource => "old-source",
    /// Warning (`check`): a source without a URL that is not marked `print_only`.
    MissingUrl => "missing-url",
    /// Warning (`check`): a source whose publisher is a placeholder ("Unknown", "TODO", empty).
    PlaceholderPublisher => "placeholder-publisher",
    /// Warning (`check`): a source with neither `date` nor `year`.
    UndatedSource => "undated-source",
    /// Warning (`check`): a change log entry dated after today or after `updated`.
    ChangeDate => "change-date",
    /// Two `[[taxonomies]]` in `site.toml` share a name, key, term file or URL segment.
    TaxonomyDuplicate => "taxonomy-duplicate",
    /// A taxonomy's URL segment is one the site's own pages use (`a-z`, `emergency`, ...).
    TaxonomySegmentReserved => "taxonomy-segment-reserved",
    /// A set of `[[taxonomies]]` this version cannot build (a second taxonomy of articles, a second map).
    TaxonomyUnsupported => "taxonomy-unsupported",
    /// A taxonomy declared in `site.toml` has no term file.
    TaxonomyTermsMissing => "taxonomy-terms-missing",
    /// An article names a term its taxonomy's term file does not have, or names one twice.
    UnknownTerm => "unknown-term",
}

impl Kind {
    /// The kind with this stable name ([`Kind::name`]), if there is one.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How serious a diagnostic is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build; nothing is written.
    Error,
    /// Reported, but the build goes on.
    Warning,
}

/// One problem, located in a file (relative to the site root) and, where known, a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What went wrong, as a category.
    pub kind: Kind,
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `file` with no position yet.
    pub(crate) fn error(kind: Kind, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            kind,
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `file` with no position yet: reported, but the build goes on.
    pub fn warning(kind: Kind, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(kind, file, message)
        }
    }

    /// Places the diagnostic at a line and column (both 1-based).
    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Places the diagnostic at a line, column unknown.
    pub(crate) fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Adds advice on how to fix the problem.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sort key: file, then line, then column, then message.
    fn sort_key(&self) -> (&Path, usize, usize, &str) {
        (
            &self.file,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::console::{escape, escape_lines};
        write!(f, "{}", escape(&self.file.display().to_string()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {label}: {}", escape_lines(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", escape_lines(hint))?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, line and column and drops exact repeats.
pub(crate) fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    diagnostics
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Where each line of one text starts, so that many byte offsets turn into (line, column) by a
/// binary search instead of a scan from the start each: a data file with a table per entry
/// (`references.toml` of a large site has some 100,000 lines) is located entry by entry, and a
/// scan per entry made loading it quadratic. Same answers as [`line_col`].
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of a byte offset, as [`line_col`].
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The closest candidate to `wanted`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_index_answers_as_line_col_does_at_every_offset() {
        for text in ["", "a", "\n", "ab\ncé\n\nd", "x\r\ny\n", "é\né"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    index.line_col(offset),
                    line_col(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn every_kind_has_its_own_kebab_case_name() {
        let mut seen = std::collections::BTreeSet::new();
        for &kind in Kind::ALL {
            let name = kind.name();
            let kebab = !name.is_empty()
                && name
                    .split('-')
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()));
            assert!(kebab, "`{name}` is not kebab case");
            assert!(seen.insert(name), "two kinds are named `{name}`");
            assert_eq!(Kind::from_name(name), Some(kind));
            assert_eq!(kind.to_string(), name);
        }
        assert_eq!(Kind::BrokenLink.name(), "broken-link");
        assert_eq!(Kind::Toml.name(), "toml");
        assert_eq!(Kind::from_name("BrokenLink"), None);
    }

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4)); // after the two-byte é
        assert_eq!(line_col(text, 8), (3, 1));
        assert_eq!(line_col(text, 100), (3, 2));
    }

    #[test]
    fn display_has_location_and_hint() {
        let d = Diagnostic::error(Kind::BrokenLink, "articles/a.md", "no such article")
            .at(3, 7)
            .hint("did you mean `b.md`?");
        assert_eq!(
            d.to_string(),
            "articles/a.md:3:7: error: no such article\n  hint: did you mean `b.md`?"
        );
    }

    #[test]
    fn did_you_mean_finds_close_names_only() {
        let names = ["back-pain", "numbness", "leg-weakness"];
        assert_eq!(did_you_mean("back-pian", names), Some("back-pain"));
        assert_eq!(did_you_mean("Numbness", names), Some("numbness"));
        assert_eq!(did_you_mean("zzz", names), None);
    }

    #[test]
    fn sorted_orders_by_file_then_line() {
        let a = Diagnostic::error(Kind::Toml, "b.md", "x").at(1, 1);
        let b = Diagnostic::error(Kind::Toml, "a.md", "y").at(9, 1);
        let c = Diagnostic::error(Kind::Toml, "a.md", "z").at(2, 1);
        let out = sorted(vec![a.clone(), b.clone(), c.clone(), c.clone()]);
        assert_eq!(out, vec![c, b, a]);
    }
}
