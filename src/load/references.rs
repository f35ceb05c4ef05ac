//! The reference registry, `articles/references.toml`: one table per source, keyed by a short id
//! that articles cite (`references = ["nice-ng59"]` in front matter, `[@nice-ng59]` in the text).

use super::vocabulary::{is_slug, table_lines, toml_error};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Kind, LineIndex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Where the registry lives, relative to the site root.
pub(crate) const REFERENCES_FILE: &str = "articles/references.toml";

/// What sort of source a reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A clinical guideline (NICE, a specialty society).
    Guideline,
    /// A government or public-health body's page (NHS, CDC, NINDS).
    Government,
    /// A systematic review or meta-analysis.
    SystematicReview,
    /// A single study.
    Study,
    /// A consumer-health site or blog.
    Consumer,
    /// Anything else.
    Other,
}

impl SourceKind {
    /// Every kind, in the order the references page groups them.
    pub const ALL: [SourceKind; 6] = [
        SourceKind::Guideline,
        SourceKind::Government,
        SourceKind::SystematicReview,
        SourceKind::Study,
        SourceKind::Consumer,
        SourceKind::Other,
    ];

    /// The heading of the kind's group on the references page.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Guideline => "Clinical guidelines",
            SourceKind::Government => "Government and public health bodies",
            SourceKind::SystematicReview => "Systematic reviews",
            SourceKind::Study => "Studies",
            SourceKind::Consumer => "Consumer health sites",
            SourceKind::Other => "Other sources",
        }
    }

    /// The kind as written in `references.toml`.
    pub fn slug(self) -> &'static str {
        match self {
            SourceKind::Guideline => "guideline",
            SourceKind::Government => "government",
            SourceKind::SystematicReview => "systematic-review",
            SourceKind::Study => "study",
            SourceKind::Consumer => "consumer",
            SourceKind::Other => "other",
        }
    }
}

/// One table of the file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    title: String,
    publisher: String,
    #[serde(default)]
    url: Option<toml::Spanned<String>>,
    #[serde(default)]
    date: Option<Date>,
    #[serde(default)]
    year: Option<toml::Spanned<u16>>,
    kind: SourceKind,
    #[serde(default)]
    doi: Option<toml::Spanned<String>>,
    #[serde(default)]
    pmid: Option<toml::Spanned<String>>,
    #[serde(default)]
    checked: Option<Date>,
    #[serde(default)]
    print_only: bool,
    #[serde(default)]
    superseded: bool,
}

/// One source, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The source's title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Where it can be read (http or https); `None` for print-only sources.
    pub url: Option<String>,
    /// When it was published or last updated, as a full date ...
    pub date: Option<Date>,
    /// ... or only a year.
    pub year: Option<u16>,
    /// What sort of source it is.
    pub kind: SourceKind,
    /// Digital Object Identifier, e.g. `10.7326/M16-2367`.
    pub doi: Option<String>,
    /// PubMed id (digits).
    pub pmid: Option<String>,
    /// The day an editor last checked that the source says what the site cites.
    pub checked: Option<Date>,
    /// True when the source exists only in print (no URL expected).
    pub print_only: bool,
    /// True for a guideline that is no longer current.
    pub superseded: bool,
    /// 1-based line of its `[id]` table in the file.
    pub line: usize,
    /// Line and column of its `url` value, for messages about the URL.
    pub url_at: Option<(usize, usize)>,
}

impl Reference {
    /// The year it was published, from `date` or `year`.
    pub fn published_year(&self) -> Option<u16> {
        self.date.map(|d| d.year).or(self.year)
    }

    /// `2024-09-21` or `2024`, for display.
    pub fn published(&self) -> Option<String> {
        self.date
            .map(|d| d.to_string())
            .or(self.year.map(|y| y.to_string()))
    }
}

/// Every source, by id, in id order.
pub type Registry = BTreeMap<String, Reference>;

/// True for the ids `new` and editors use as "citation needed" markers: `todo`, `todo-...`.
pub(crate) fn is_placeholder(id: &str) -> bool {
    id == "todo" || id.starts_with("todo-")
}

/// True for an absolute `http://` or `https://` URL with a host: `crate::url::is_web`.
pub(crate) fn is_web_url(url: &str) -> bool {
    crate::url::is_web(url)
}

/// Parses the registry text; every problem found is returned.
pub(crate) fn parse(text: &str) -> Result<Registry, Vec<Diagnostic>> {
    let raw: BTreeMap<String, RawReference> = toml::from_str(text).map_err(|e| {
        let d = toml_error(
            REFERENCES_FILE,
            text,
            &e,
            "a reference has `title`, `publisher`, `url`, `date` or `year`, `kind`, and optionally `doi`, `pmid`, `checked`, `print_only` and `superseded`",
            "every reference needs `title`, `publisher` and `kind` (guideline, government, systematic-review, study, consumer or other)",
        );
        match d.hint.is_none() && e.message().contains("unknown variant") {
            true => vec![d.hint("`kind` is one of guideline, government, systematic-review, study, consumer, other")],
            false => vec![d],
        }
    })?;
    let mut problems = Vec::new();
    let places = Places {
        lines: LineIndex::new(text),
        tables: table_lines(text),
    };
    let registry = raw
        .into_iter()
        .map(|(id, r)| {
            let reference = check(&places, &id, r, &mut problems);
            (id, reference)
        })
        .collect();
    if problems.is_empty() {
        Ok(registry)
    } else {
        Err(problems)
    }
}

/// Where things are in the registry's text, worked out once for all its entries.
struct Places<'a> {
    lines: LineIndex<'a>,
    tables: std::collections::HashMap<&'a str, usize>,
}

/// The checked reference `id`; problems are added to `problems`.
fn check(
    places: &Places<'_>,
    id: &str,
    r: RawReference,
    problems: &mut Vec<Diagnostic>,
) -> Reference {
    let line = places.tables.get(id).copied().unwrap_or(1);
    let at = |span: std::ops::Range<usize>| places.lines.line_col(span.start);
    let mut error = |message: String, (l, c): (usize, usize), hint: String| {
        problems.push(
            Diagnostic::error(Kind::InvalidValue, REFERENCES_FILE, message)
                .at(l, c)
                .hint(hint),
        );
    };
    if !is_slug(id) {
        let fixed = crate::markdown::slugify(id).replace('_', "-");
        error(
            format!("`{id}` is not a valid reference id"),
            (line, 1),
            format!("use lower-case letters, digits and hyphens, for example `{fixed}`"),
        );
    }
    if r.title.trim().is_empty() {
        error(
            format!("reference `{id}` has an empty title"),
            (line, 1),
            "write the source's title as it appears on the source".into(),
        );
    }
    let url_at = r.url.as_ref().map(|u| at(u.span()));
    if let (Some(url), Some(place)) = (&r.url, url_at)
        && !is_web_url(url.get_ref())
    {
        error(
            format!("the URL of `{id}` must start with https:// or http://, found `{}`", url.get_ref()),
            place,
            "write the full web address of the source, or leave `url` out and set `print_only = true` for a print source".into(),
        );
    }
    if let (Some(_), Some(year)) = (r.date, &r.year) {
        error(
            format!("reference `{id}` has both `date` and `year`"),
            at(year.span()),
            "keep `date` when the full date is known, else `year`".into(),
        );
    }
    if let Some(pmid) = &r.pmid
        && (pmid.get_ref().is_empty() || !pmid.get_ref().bytes().all(|b| b.is_ascii_digit()))
    {
        error(
            format!(
                "the PMID of `{id}` must be digits, found `{}`",
                pmid.get_ref()
            ),
            at(pmid.span()),
            "copy the number PubMed shows, like `pmid = \"28192789\"`".into(),
        );
    }
    if let Some(doi) = &r.doi
        && !(doi.get_ref().starts_with("10.") && doi.get_ref().contains('/'))
    {
        error(
            format!(
                "the DOI of `{id}` must look like `10.xxxx/...`, found `{}`",
                doi.get_ref()
            ),
            at(doi.span()),
            "write the DOI without `https://doi.org/`, like `doi = \"10.7326/M16-2367\"`".into(),
        );
    }
    Reference {
        title: r.title,
        publisher: r.publisher,
        url: r.url.map(toml::Spanned::into_inner),
        date: r.date,
        year: r.year.map(toml::Spanned::into_inner),
        kind: r.kind,
        doi: r.doi.map(toml::Spanned::into_inner),
        pmid: r.pmid.map(toml::Spanned::into_inner),
        checked: r.checked,
        print_only: r.print_only,
        superseded: r.superseded,
        line,
        url_at,
    }
}

/// Reads the registry under `root`, if the file exists.
pub(crate) fn load(
    root: &Path,
    problems: &mut Vec<Diagnostic>,
    cache: &mut super::DataCache,
) -> Option<Registry> {
    super::load_data(root, REFERENCES_FILE, parse, problems, cache)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "[nice-ng59]\ntitle = \"Low back pain\"\npublisher = \"NICE\"\nurl = \"https://www.nice.org.uk/guidance/ng59\"\ndate = 2016-11-30\nkind = \"guideline\"\npmid = \"123\"\n\n[book]\ntitle = \"B\"\npublisher = \"P\"\nyear = 2001\nkind = \"other\"\nprint_only = true\n";

    #[test]
    fn parses_entries_with_their_lines() {
        let r = parse(GOOD).expect("valid");
        assert_eq!(r["nice-ng59"].kind, SourceKind::Guideline);
        assert_eq!(r["nice-ng59"].line, 1);
        assert_eq!(r["nice-ng59"].url_at, Some((4, 7)));
        assert_eq!(r["book"].published().as_deref(), Some("2001"));
        assert_eq!(r["book"].line, 9);
    }

    #[test]
    fn bad_urls_kinds_keys_ids_and_dates_are_located() {
        let url = parse("[a]\ntitle = \"T\"\npublisher = \"P\"\nkind = \"study\"\nurl = \"javascript:alert(1)\"\n")
            .expect_err("bad url");
        assert_eq!(
            (url[0].kind, url[0].line, url[0].column),
            (Kind::InvalidValue, Some(5), Some(7))
        );
        let kind =
            parse("[a]\ntitle = \"T\"\npublisher = \"P\"\nkind = \"blog\"\n").expect_err("kind");
        assert_eq!((kind[0].kind, kind[0].line), (Kind::Toml, Some(4)));
        let key =
            parse("[a]\ntitle = \"T\"\npublisher = \"P\"\nkind = \"study\"\nauthor = \"x\"\n")
                .expect_err("key");
        assert_eq!((key[0].kind, key[0].line), (Kind::UnknownKey, Some(5)));
        let id = parse("[Bad_Id]\ntitle = \"T\"\npublisher = \"P\"\nkind = \"study\"\n")
            .expect_err("id");
        assert_eq!((id[0].kind, id[0].line), (Kind::InvalidValue, Some(1)));
        let both = parse("[a]\ntitle = \"T\"\npublisher = \"P\"\nkind = \"study\"\ndate = 2020-01-01\nyear = 2020\n").expect_err("both");
        assert_eq!((both[0].kind, both[0].line), (Kind::InvalidValue, Some(6)));
    }

    #[test]
    fn only_web_urls_are_accepted() {
        assert!(is_web_url("https://x.org/a") && is_web_url("HTTP://x.org"));
        for bad in [
            "file:///etc/passwd",
            "data:text/html,x",
            "/local",
            "https://",
            "https:///x",
            "https://a b",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
        assert!(is_placeholder("todo") && is_placeholder("todo-nice") && !is_placeholder("todos"));
    }
}
