//! Turning one article file into an `Article`: decode, split, parse front matter, scan Markdown.

use super::front_matter::{self, FrontMatter, KeyPlaces};
use super::vocabulary::{Level, is_slug};
use crate::diagnostic::{Diagnostic, Kind, line_col};
use crate::markdown::{self, Outline};
use std::path::{Path, PathBuf};

/// Articles larger than this are refused: no health article is this long, and it protects memory.
pub(crate) const MAX_ARTICLE_BYTES: u64 = 4 * 1024 * 1024;

/// A symptom slug as written in an article, with its place for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymptomRef {
    /// The slug as written.
    pub slug: String,
    /// 1-based line in the article file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// An id written in an article (a reference or a reviewer), with its place for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdRef {
    /// The id as written.
    pub id: String,
    /// 1-based line in the article file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Text `new` writes that must not reach a published page, found at load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// What it is, for the message (`the description`, `a TODO marker`).
    pub what: String,
    /// 1-based line in the article file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// An item of a `[care]` list as written, with its list's level and its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareRef {
    /// The list it is in.
    pub level: Level,
    /// The item: the id of a `care.toml` entry, or free text.
    pub item: String,
    /// 1-based line in the article file.
    pub line: usize,
    /// 1-based column (the opening quote).
    pub column: usize,
}

impl CareRef {
    /// True when the item names a `care.toml` entry: a slug, with no whitespace. Anything else
    /// is free text.
    pub fn is_id(&self) -> bool {
        is_care_id(&self.item)
    }
}

/// True when a `[care]` item is the id of a shared entry rather than free text.
pub(crate) fn is_care_id(item: &str) -> bool {
    !item.contains(char::is_whitespace) && is_slug(item)
}

/// A `{{...}}` placeholder written in the article (front matter or body text), with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderRef {
    /// The name between the braces.
    pub name: String,
    /// 1-based line in the article file.
    pub line: usize,
    /// 1-based column of the opening `{{`.
    pub column: usize,
}

/// One article, parsed and scanned, ready to be cross-linked.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file, relative to the site root (`articles/a/b.md`).
    pub source: PathBuf,
    /// The file relative to `articles/`, with `/` separators (`a/b.md`); links resolve to this.
    pub key: String,
    /// The page's URL relative to the site root (`a/b/`).
    pub url: String,
    /// Parsed front matter.
    pub front: FrontMatter,
    /// Where each front-matter key is written in the file (`check` places warnings with it).
    pub keys: KeyPlaces,
    /// The symptoms with their places in the file.
    pub symptoms: Vec<SymptomRef>,
    /// The terms of the site's other taxonomies of articles, by front-matter key, with their
    /// places in the file.
    pub terms: std::collections::BTreeMap<String, Vec<SymptomRef>>,
    /// The `[care]` items, emergency first, with their places in the file.
    pub care: Vec<CareRef>,
    /// Every `{{...}}` placeholder in the front matter and the body's text, in file order.
    pub placeholders: Vec<PlaceholderRef>,
    /// The Markdown body.
    pub body: String,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    /// Headings, links and raw HTML found in the body.
    pub outline: Outline,
    /// The reference ids of the front matter's `references`, with their places.
    pub references: Vec<IdRef>,
    /// Every id cited inline (`[@a; @b]` gives two), in body order, with its place.
    pub citations: Vec<IdRef>,
    /// The reviewer ids of `reviewed_by`, with their places.
    pub reviewed_by: Vec<IdRef>,
    /// Lines of the `[[changes]]` dates, parallel to `front.changes`.
    pub change_lines: Vec<usize>,
    /// Text left from `new` (an error unless the article is a draft).
    pub leftovers: Vec<Leftover>,
    /// Where a translation's `[translation]` `of` and `version` are written (line, column).
    pub translation_at: Option<[(usize, usize); 2]>,
}

impl Article {
    /// The line and column in the file of byte `offset` in the body.
    pub fn body_position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = line_col(&self.body, offset);
        (line + self.body_line - 1, column)
    }
}

/// Decodes raw file bytes: UTF-8 required, byte-order mark dropped, CRLF turned into LF.
pub(crate) fn decode(file: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        let (line, column) = line_col(&prefix, valid);
        Diagnostic::error(Kind::Read, file, "the file is not valid UTF-8 text")
            .at(line, column)
            .hint("save the file as UTF-8 in your editor")
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
        if text.contains('\r') && !text.contains('\n') {
            return Err(Diagnostic::error(
                Kind::Read,
                file,
                "this file uses old Mac line endings (CR only), so it reads as one line",
            )
            .at(1, 1)
            .hint("save it with LF or CRLF line endings (in most editors: Line endings > Unix or Windows)"));
        }
    }
    check_controls(file, &text)?;
    Ok(text)
}

/// Every text a user writes is read through `decode`, and so through this one check: a control
/// character (other than tab and line breaks), DEL or a C1 control is invisible, and cannot be
/// written to XML (it would make `feed.xml` malformed), so it is an error at its place.
pub(crate) fn check_controls(file: &Path, text: &str) -> Result<(), Diagnostic> {
    // Every such character's UTF-8 has a byte below 0x20, 0x7F, or starts with 0xC2 (C1) or
    // 0xEF (U+FFFE, U+FFFF): text without one, nearly all, is passed at the speed of a byte scan.
    // (Without short cuts, so that a block of bytes is tested at once.)
    let maybe =
        |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') | (b == 0x7F) | (b == 0xC2) | (b == 0xEF);
    let block = |bytes: &[u8]| bytes.iter().fold(false, |any, &b| any | maybe(b));
    if !text.as_bytes().chunks(64).any(block) {
        return Ok(());
    }
    let bad =
        |c: char| (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}';
    let Some(offset) = text.find(bad) else {
        return Ok(());
    };
    let c = text[offset..].chars().next().unwrap_or_default();
    let (line, column) = line_col(text, offset);
    let what = if c == '\r' {
        "a carriage return (CR) in the middle of a line".to_string()
    } else {
        format!("the control character U+{:04X}", u32::from(c))
    };
    Err(Diagnostic::error(
        Kind::ControlCharacter,
        file,
        format!("{what}, which is invisible and cannot be written to a web page or the feed"),
    )
    .at(line, column)
    .hint("delete it (editors show it as a box, `^` and a letter, or nothing): retype the text around this place if you cannot see it"))
}

/// Parses an article from its decoded text. `key` is its path under `articles/`.
pub(crate) fn parse(source: PathBuf, key: String, text: &str) -> Result<Article, Diagnostic> {
    parse_with(source, key, text, &front_matter::TermKeys::default())
}

/// `parse`, reading the taxonomies' terms from the front matter under `terms`.
pub(crate) fn parse_with(
    source: PathBuf,
    key: String,
    text: &str,
    terms: &front_matter::TermKeys,
) -> Result<Article, Diagnostic> {
    let split = front_matter::split(&source, text)?;
    let (front, keys) =
        front_matter::parse_with(&source, split.front_matter, split.front_matter_line, terms)?;
    let key_at = |key: &str| keys.line(key);
    for (key, value) in [("title", &front.title), ("description", &front.description)] {
        if value.trim().is_empty() {
            let line = key_at(key).unwrap_or(1);
            return Err(Diagnostic::error(
                Kind::InvalidValue,
                &source,
                format!("the {key} is empty"),
            )
            .at_line(line)
            .hint(format!(
                "write a {key}: readers see it in lists, search results and the browser tab"
            )));
        }
    }
    let place = |span: std::ops::Range<usize>| {
        let (line, column) = line_col(split.front_matter, span.start);
        (line + split.front_matter_line - 1, column)
    };
    let id_refs = |list: &[toml::Spanned<String>]| -> Vec<IdRef> {
        list.iter()
            .map(|s| {
                let (line, column) = place(s.span());
                IdRef {
                    id: s.get_ref().clone(),
                    line,
                    column,
                }
            })
            .collect()
    };
    let slug_refs = |list: &[toml::Spanned<String>]| -> Vec<SymptomRef> {
        id_refs(list)
            .into_iter()
            .map(|r| SymptomRef {
                slug: r.id,
                line: r.line,
                column: r.column,
            })
            .collect()
    };
    let symptoms = slug_refs(&front.symptoms);
    let terms = front
        .terms
        .iter()
        .map(|(key, list)| (key.clone(), slug_refs(list)))
        .collect();
    let fm_line = split.front_matter_line;
    let care = front
        .care
        .lists()
        .into_iter()
        .flat_map(|(level, items)| {
            items.iter().map(move |s| {
                let (line, column) = line_col(split.front_matter, s.span().start);
                CareRef {
                    level,
                    item: s.get_ref().trim().to_string(),
                    line: line + fm_line - 1,
                    column,
                }
            })
        })
        .collect();
    let in_front = crate::placeholder::find(split.front_matter)
        .into_iter()
        .map(|f| (f, split.front_matter, fm_line));
    let in_body = crate::placeholder::in_markdown(split.body)
        .into_iter()
        .map(|f| (f, split.body, split.body_line));
    let placeholders = in_front
        .chain(in_body)
        .map(|(f, text, first_line)| {
            let (line, column) = line_col(text, f.offset);
            PlaceholderRef {
                name: f.name,
                line: line + first_line - 1,
                column,
            }
        })
        .collect();
    check_review(&source, &front, &key_at)?;
    let outline = markdown::scan(split.body);
    let body_position = |offset: usize| {
        let (line, column) = line_col(split.body, offset);
        (line + split.body_line - 1, column)
    };
    let citations = inline_citations(&source, split.body, &outline, &body_position)?;
    check_footnotes(&source, &outline, &body_position)?;
    let leftovers = leftovers(&front, &outline, &key_at, &body_position);
    let url = url_for_key(&key);
    let translation_at = front
        .translation
        .as_ref()
        .map(|t| [place(t.of.span()), place(t.version.span())]);
    Ok(Article {
        care,
        placeholders,
        translation_at,
        references: id_refs(&front.references),
        reviewed_by: id_refs(&front.reviewed_by),
        change_lines: front
            .changes
            .iter()
            .map(|c| place(c.date.span()).0)
            .collect(),
        citations,
        leftovers,
        outline,
        body: split.body.to_string(),
        body_line: split.body_line,
        source,
        key,
        url,
        front,
        keys,
        symptoms,
        terms,
    })
}

/// `reviewed` and `reviewed_by` go together: a review names who did it, and a reviewer a date.
fn check_review(
    source: &Path,
    front: &FrontMatter,
    key_at: &dyn Fn(&str) -> Option<usize>,
) -> Result<(), Diagnostic> {
    let (message, key, hint) = match (front.reviewed.is_some(), front.reviewed_by.is_empty()) {
        (true, true) => (
            "`reviewed` is set but `reviewed_by` does not say who reviewed the page",
            "reviewed",
            "add `reviewed_by = [\"id\"]` naming reviewers from articles/reviewers.toml, or remove `reviewed` if no clinician reviewed the page",
        ),
        (false, false) => (
            "`reviewed_by` is set but `reviewed` does not say when",
            "reviewed_by",
            "add `reviewed = YYYY-MM-DD`, the day of the review",
        ),
        _ => return Ok(()),
    };
    let d = Diagnostic::error(Kind::IncompleteReview, source, message).hint(hint);
    Err(match key_at(key) {
        Some(line) => d.at(line, 1),
        None => d,
    })
}

/// Every id cited inline, with its place; a citation that is not `[@id]` or `[@a; @b]` is an
/// error.
fn inline_citations(
    source: &Path,
    body: &str,
    outline: &Outline,
    body_position: &dyn Fn(usize) -> (usize, usize),
) -> Result<Vec<IdRef>, Diagnostic> {
    let mut found = Vec::new();
    for c in &outline.citations {
        let Some(ids) = markdown::citation_ids(&c.label) else {
            let (line, column) = body_position(c.offset);
            return Err(Diagnostic::error(
                Kind::InvalidValue,
                source,
                format!("`[{}]` is not a citation", c.label),
            )
            .at(line, column)
            .hint("cite one source as `[@id]` or several as `[@a; @b]`, with ids from articles/references.toml"));
        };
        let written = body.get(c.offset..).unwrap_or_default();
        let mut from = 0;
        for id in ids {
            let at = match written[from..].find(&format!("@{id}")) {
                Some(i) => {
                    let pos = from + i;
                    from = pos + 1;
                    c.offset + pos
                }
                None => c.offset,
            };
            let (line, column) = body_position(at);
            found.push(IdRef {
                id: id.to_string(),
                line,
                column,
            });
        }
    }
    Ok(found)
}

/// Every footnote reference (`[^a]`) needs a definition (`[^a]: ...`), and a label is defined
/// once: otherwise the text shows `[^a]` as it is written, or a note readers cannot reach.
fn check_footnotes(
    source: &Path,
    outline: &Outline,
    body_position: &dyn Fn(usize) -> (usize, usize),
) -> Result<(), Diagnostic> {
    let error = |offset: usize, message: String, hint: &str| {
        let (line, column) = body_position(offset);
        Diagnostic::error(Kind::Footnote, source, message)
            .at(line, column)
            .hint(hint)
    };
    if let Some((label, offset)) = outline.undefined_footnotes.first() {
        return Err(error(
            *offset,
            format!("the footnote `[^{label}]` is never defined"),
            &format!(
                "add a line `[^{label}]: the note` after the paragraph, or remove the reference"
            ),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (label, offset) in &outline.footnote_defs {
        if !seen.insert(label.to_lowercase()) {
            return Err(error(
                *offset,
                format!("the footnote `[^{label}]` is defined twice"),
                "give each footnote its own label, or remove one of the definitions",
            ));
        }
    }
    Ok(())
}

/// The TODO markers `new` writes, in the title, description, change log and body.
fn leftovers(
    front: &FrontMatter,
    outline: &Outline,
    key_at: &dyn Fn(&str) -> Option<usize>,
    body_position: &dyn Fn(usize) -> (usize, usize),
) -> Vec<Leftover> {
    let marked = |text: &str| text.contains("TODO");
    let mut found: Vec<Leftover> = [("title", &front.title), ("description", &front.description)]
        .into_iter()
        .filter(|(_, text)| marked(text))
        .map(|(key, _)| Leftover {
            what: format!("the {key} still says TODO"),
            line: key_at(key).unwrap_or(1),
            column: 1,
        })
        .collect();
    found.extend(outline.todos.iter().map(|&offset| {
        let (line, column) = body_position(offset);
        Leftover {
            what: "a TODO marker is left in the text".into(),
            line,
            column,
        }
    }));
    found
}

/// `a/b.md` -> `a/b/`: the page URL of an article, lower-cased so URLs never differ only by case.
pub(crate) fn url_for_key(key: &str) -> String {
    let stem = key.strip_suffix(".md").unwrap_or(key);
    format!("{}/", stem.to_lowercase())
}

/// Checks that an article's path makes a clean URL; returns a suggested name if it does not.
pub(crate) fn check_key(key: &str) -> Result<(), String> {
    let stem = key.strip_suffix(".md").unwrap_or(key);
    let clean = |segment: &str| {
        !segment.is_empty()
            && !segment.starts_with('.')
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
    };
    if stem.split('/').all(clean) {
        Ok(())
    } else {
        let suggestion: Vec<String> = stem
            .split('/')
            .map(|s| crate::markdown::slugify(s).replace(|c: char| !c.is_ascii(), ""))
            .collect();
        Err(format!("{}.md", suggestion.join("/")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_control_character_is_found_at_its_place_and_other_text_passes() {
        let file = Path::new("articles/a.md");
        for c in [
            '\u{0}', '\r', '\u{1B}', '\u{7F}', '\u{80}', '\u{9F}', '\u{FFFE}', '\u{FFFF}',
        ] {
            let text = format!("é ok\nab{c}cd");
            let d = check_controls(file, &text).expect_err("a control character");
            assert_eq!(
                (d.line, d.column),
                (Some(2), Some(3)),
                "U+{:04X}",
                u32::from(c)
            );
        }
        // Text whose bytes look like a candidate (0xC2, 0xEF lead bytes) but is fine.
        for fine in [
            "tab\tand\nline",
            "\u{A0}non-breaking ¢",
            "\u{FEFF}\u{FFFD}\u{F000}",
            "plain",
        ] {
            assert!(check_controls(file, fine).is_ok(), "{fine:?}");
        }
    }

    #[test]
    fn decode_strips_bom_and_crlf_and_locates_bad_utf8() {
        let p = Path::new("articles/a.md");
        let text = decode(p, b"\xef\xbb\xbf+++\r\ntitle = 1\r\n".to_vec()).expect("valid");
        assert_eq!(text, "+++\ntitle = 1\n");
        let err = decode(p, b"+++\nab\xffc".to_vec()).expect_err("invalid");
        assert_eq!(
            (err.kind, err.line, err.column),
            (Kind::Read, Some(2), Some(3))
        );
    }

    #[test]
    fn urls_are_folders_in_lower_case() {
        assert_eq!(url_for_key("a/b.md"), "a/b/");
        assert_eq!(url_for_key("Back-Spasm.md"), "back-spasm/");
    }

    #[test]
    fn keys_with_spaces_get_a_suggestion() {
        assert!(check_key("back-spasm.md").is_ok());
        assert!(check_key("dir/b_12.md").is_ok());
        assert_eq!(check_key("Back Spasm.md"), Err("back-spasm.md".to_string()));
    }

    #[test]
    fn parse_locates_symptoms_and_body() {
        let text = "+++\ntitle = \"T\"\ndescription = \"D\"\nupdated = 2026-11-20\nsymptoms = [\"a\", \"b\"]\n+++\nSee [x](x.md).\n";
        let a = parse("articles/t.md".into(), "t.md".into(), text).expect("valid");
        assert_eq!(
            a.symptoms[1],
            SymptomRef {
                slug: "b".into(),
                line: 5,
                column: 18
            }
        );
        assert_eq!(a.body_position(a.outline.links[0].offset), (7, 5));
    }

    #[test]
    fn parse_locates_care_items_and_placeholders() {
        let text = "+++\ntitle = \"T\"\ndescription = \"Call {{emergency}}\"\nupdated = 2026-11-20\n[care]\nurgent = [\"fever-back-pain\", \"you feel {{bad}}\"]\n+++\nSee {{routine}}, not `{{code}}`.\n";
        let a = parse("articles/t.md".into(), "t.md".into(), text).expect("valid");
        assert_eq!(a.care.len(), 2);
        assert_eq!(
            (a.care[0].level, a.care[0].line, a.care[0].column),
            (Level::Urgent, 6, 11)
        );
        assert!(a.care[0].is_id() && !a.care[1].is_id());
        let found: Vec<(&str, usize, usize)> = a
            .placeholders
            .iter()
            .map(|p| (p.name.as_str(), p.line, p.column))
            .collect();
        assert_eq!(
            found,
            [("emergency", 3, 21), ("bad", 6, 40), ("routine", 8, 5)]
        );
    }
}
