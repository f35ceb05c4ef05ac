//! Markdown handling shared by the steps: `scan` finds an article's headings and links when it is
//! loaded; `to_html` renders it with links rewritten once the whole site is known.
//!
//! Both parse with the same options and give headings the same ids, so an anchor checked at
//! cross-link time is the id written at render time.

use pulldown_cmark::{
    BlockQuoteKind, BrokenLink, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use std::collections::{HashMap, HashSet};

/// Markdown features the site supports; every step that parses Markdown uses these.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// A heading in an article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, ...
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// The id written on the heading, unique within the article.
    pub id: String,
}

/// A link or image destination as written in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination exactly as written.
    pub dest: String,
    /// Byte offset of the link in the Markdown text.
    pub offset: usize,
    /// True for `![alt](src)`.
    pub is_image: bool,
    /// True for a URL in raw HTML (`<a href>`, `<img src>`...), which is written to the page as
    /// it is, never rewritten.
    pub raw: bool,
}

/// What `scan` finds in an article body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Headings in document order, with their ids.
    pub headings: Vec<Heading>,
    /// Links and images in document order.
    pub links: Vec<Link>,
    /// Byte offset of the first raw HTML, if the body has any.
    pub raw_html_at: Option<usize>,
    /// Inline citations (`[@id]`, `[@a; @b]`) in document order.
    pub citations: Vec<CitationUse>,
    /// Byte offsets of the `TODO` markers in the text (not in code).
    pub todos: Vec<usize>,
    /// Footnote references (`[^a]`) that have a definition, in document order: label and byte
    /// offset.
    pub footnote_refs: Vec<(String, usize)>,
    /// Footnote references whose label no definition has: label and byte offset.
    pub undefined_footnotes: Vec<(String, usize)>,
    /// Footnote definitions (`[^a]: ...`) in document order: label and byte offset.
    pub footnote_defs: Vec<(String, usize)>,
}

/// An inline citation as written: `[@a; @b]` at `offset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationUse {
    /// The label between the brackets, `@a; @b`.
    pub label: String,
    /// Byte offset of the `[` in the Markdown text.
    pub offset: usize,
}

/// Marks the destination of a link made from an inline citation; no written link can start with
/// it (the parser turns NUL characters in the text into U+FFFD).
const CITE_MARK: &str = "\u{0}cite:";

/// Makes a shortcut reference whose label starts with `@` into a link to `CITE_MARK` + label.
fn cite_callback<'a>(link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    (link.link_type == LinkType::Shortcut && link.reference.trim_start().starts_with('@'))
        .then(|| (format!("{CITE_MARK}{}", link.reference).into(), "".into()))
}

/// The citation label of a link destination made by `cite_callback`.
fn cite_label(dest: &str) -> Option<&str> {
    dest.strip_prefix(CITE_MARK)
}

/// Footnote references left as text (`[^x]` where no `[^x]:` defines `x`) in `written`, the
/// Markdown of a run of text starting at byte `start`: label and byte offset of each.
fn undefined_footnotes(written: &str, start: usize) -> impl Iterator<Item = (String, usize)> + '_ {
    written.match_indices("[^").filter_map(move |(i, _)| {
        if written[..i].ends_with('\\') {
            return None;
        }
        let rest = &written[i + 2..];
        let end = rest.find(']')?;
        let label = &rest[..end];
        let ok = !label.is_empty()
            && !label.contains(|c: char| c.is_whitespace() || c == '[' || c == '^')
            && !rest[end + 1..].starts_with(':');
        ok.then(|| (label.to_string(), start + i))
    })
}

/// The broken-link callback `parser` uses.
type CiteCallback = for<'a> fn(BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)>;

/// A parser with the site's options that turns `[@id]` into citation links.
fn parser(body: &str) -> Parser<'_, CiteCallback> {
    Parser::new_with_broken_link_callback(body, options(), Some(cite_callback))
}

/// The byte ranges of `body`'s text outside code (code spans and code blocks), in order: where
/// editors' words are, for checks that look for something written in them.
pub(crate) fn text_ranges(body: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut in_code_block = false;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(_) if !in_code_block => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// The ids of a citation label (`@a; @b` -> `a`, `b`), or `None` when it is not written as
/// `@id` items separated by `;`.
pub(crate) fn citation_ids(label: &str) -> Option<Vec<&str>> {
    label
        .split(';')
        .map(|part| {
            let id = part.trim().strip_prefix('@')?;
            (!id.is_empty() && !id.contains(char::is_whitespace) && !id.contains('@')).then_some(id)
        })
        .collect()
}

/// Byte offsets of the word `TODO` in `text`, which starts at byte `start` of the body.
fn todo_offsets(text: &str, start: usize) -> impl Iterator<Item = usize> + '_ {
    text.match_indices("TODO").filter_map(move |(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + 4..].chars().next();
        let word = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        (word(before) && word(after)).then_some(start + i)
    })
}

/// GitHub's heading anchors: lower-case, spaces to hyphens, punctuation dropped.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    slug
}

/// Ids the page templates write on every page an article is shown on (`main`, the care sections,
/// the search panel...): a heading never takes one of them, so the page's own ids stay unique.
/// `reserved_ids_cover_the_templates` checks that every literal `id="..."` in the shipped and
/// fixture templates is here.
pub(crate) const RESERVED_IDS: &[&str] = &[
    "back-map-title",
    "care-emergency",
    "care-routine",
    "care-urgent",
    "covers-title",
    "finder",
    "finder-results",
    "finder-title",
    "home-emergency",
    "main",
    "main-topics",
    "notfound-q",
    "page-backlinks",
    "page-changes",
    "page-references",
    "page-related",
    "page-review",
    "page-symptoms",
    "page-toc",
    "recent-updates",
    "references-toc",
    "search-close",
    "search-elsewhere",
    "search-heading",
    "search-panel",
    "search-results",
    "search-status",
    "site-search-q",
];

/// Prefixes of ids the renderer and templates make from other names: footnotes (`fn-`),
/// citations (`cite-`), reference lists (`ref-`, `source-`) and the symptom finder (`finder-`).
/// A heading id starting with one of them is written as `section-` + the id.
pub(crate) const RESERVED_PREFIXES: &[&str] = &["fn-", "cite-", "ref-", "source-", "finder-"];

/// The prefix of footnote ids: `[^a]` links to `#fn-a`.
const FOOTNOTE_PREFIX: &str = "fn-";

/// Heading ids unique within an article and never one the page uses for something else. Linear
/// in the number of headings: each base remembers the next number to try.
#[derive(Default)]
struct IdSet {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl IdSet {
    fn unique(&mut self, wanted: String) -> String {
        let mut base = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted
        };
        if RESERVED_PREFIXES.iter().any(|p| base.starts_with(p)) {
            base.insert_str(0, "section-");
        }
        let reserved = |id: &str| RESERVED_IDS.contains(&id);
        if !reserved(&base) && self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if !reserved(&candidate) && self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Finds the headings, links and raw HTML of an article body, in one streaming pass. Every
/// heading gets an id unique within the article: its explicit `{#id}`, or the slug of its text.
pub(crate) fn scan(body: &str) -> Outline {
    let mut outline = Outline::default();
    let mut ids = IdSet::default();
    // The heading being read: level, explicit id, text so far.
    let mut heading: Option<(u8, Option<String>, String)> = None;
    let mut in_code = false;
    let mut in_citation = false;
    // The run of text being read (text events follow each other without a gap), where an
    // undefined footnote reference is looked for: the parser may split `[^x]` in pieces.
    let mut run: Option<std::ops::Range<usize>> = None;
    let flush = |run: Option<std::ops::Range<usize>>, outline: &mut Outline| {
        if let Some(r) = run {
            let written = body.get(r.clone()).unwrap_or_default();
            outline
                .undefined_footnotes
                .extend(undefined_footnotes(written, r.start));
        }
    };
    // The run of raw HTML being read, whose URL attributes are checked as links are.
    let mut html_run: Option<std::ops::Range<usize>> = None;
    let flush_html = |run: Option<std::ops::Range<usize>>, outline: &mut Outline| {
        if let Some(r) = run {
            let html = body.get(r.clone()).unwrap_or_default();
            outline
                .links
                .extend(crate::url::urls_in_html(html).into_iter().map(|u| Link {
                    dest: u.value,
                    offset: r.start + u.offset,
                    is_image: u.attribute != "href",
                    raw: true,
                }));
        }
    };
    for (event, range) in parser(body).into_offset_iter() {
        let html_wrapper = matches!(
            event,
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock)
        );
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            match &mut html_run {
                Some(r) if r.end == range.start => r.end = range.end,
                _ => flush_html(html_run.replace(range.clone()), &mut outline),
            }
        } else if !html_wrapper {
            flush_html(html_run.take(), &mut outline);
        }
        if matches!(event, Event::Text(_)) && !in_code && !in_citation {
            match &mut run {
                Some(r) if r.end == range.start => r.end = range.end,
                _ => flush(run.replace(range.clone()), &mut outline),
            }
        } else {
            flush(run.take(), &mut outline);
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((
                    level_number(level),
                    id.map(|i| i.to_string()),
                    String::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = heading.take() {
                    let wanted = explicit.unwrap_or_else(|| slugify(&text));
                    let id = ids.unique(wanted);
                    outline.headings.push(Heading { level, text, id });
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) => {
                if let Some((_, _, text)) = &mut heading {
                    text.push_str(&t);
                }
                if !in_code && !in_citation {
                    let written = body.get(range.clone()).unwrap_or_default();
                    outline.todos.extend(todo_offsets(written, range.start));
                }
            }
            Event::Code(t) => {
                if let Some((_, _, text)) = &mut heading {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if cite_label(&dest_url).is_some() => {
                in_citation = true;
                outline.citations.push(CitationUse {
                    label: cite_label(&dest_url).unwrap_or_default().to_string(),
                    offset: range.start,
                });
            }
            Event::End(TagEnd::Link) if in_citation => in_citation = false,
            Event::Start(Tag::Link { dest_url, .. }) => outline.links.push(Link {
                dest: dest_url.to_string(),
                offset: range.start,
                is_image: false,
                raw: false,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => outline.links.push(Link {
                dest: dest_url.to_string(),
                offset: range.start,
                is_image: true,
                raw: false,
            }),
            Event::Html(_) | Event::InlineHtml(_) => {
                outline.raw_html_at.get_or_insert(range.start);
            }
            Event::FootnoteReference(name) => {
                outline.footnote_refs.push((name.to_string(), range.start));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                outline.footnote_defs.push((name.to_string(), range.start));
            }
            _ => {}
        }
    }
    flush(run, &mut outline);
    flush_html(html_run, &mut outline);
    outline
}

/// Footnote ids, in their own namespace: `[^a]` is `#fn-a`, which no heading id can be (heading
/// ids starting with `fn-` get `section-` in front). Labels match without regard to case, as
/// the parser matches them.
#[derive(Default)]
struct FootnoteIds {
    by_label: HashMap<String, String>,
    used: HashSet<String>,
}

impl FootnoteIds {
    fn id(&mut self, label: &str) -> String {
        let key = label.to_lowercase();
        if let Some(id) = self.by_label.get(&key) {
            return id.clone();
        }
        let slug = slugify(&key);
        let base = format!(
            "{FOOTNOTE_PREFIX}{}",
            if slug.is_empty() { "note" } else { &slug }
        );
        let mut id = base.clone();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.by_label.insert(key, id.clone());
        id
    }
}

/// Renders `body` to HTML. `rewrite` gets each link destination and returns its new href, or
/// `None` to keep it. GitHub alerts (`> [!WARNING]`) become labelled callouts.
pub(crate) fn to_html(body: &str, rewrite: &dyn Fn(&str) -> Option<String>) -> String {
    to_html_with_ids(body, &scan(body).headings, rewrite)
}

/// `to_html` for a body already scanned: `headings` is `scan(body).headings`, whose ids are
/// written on the headings in order, so the body is parsed once more, not twice, and streamed to
/// HTML without holding its events. Inline citations stay as they are written.
pub(crate) fn to_html_with_ids(
    body: &str,
    headings: &[Heading],
    rewrite: &dyn Fn(&str) -> Option<String>,
) -> String {
    to_html_cited(body, headings, rewrite, &mut |_| None, &|text| {
        text.to_string()
    })
    .html
}

/// A body's HTML, and whether it is trusted: made only of what Markdown writes escaped (no raw
/// HTML of the author's) with every link and image `url::is_plain`, so the sanitizer would
/// remove nothing from it.
pub(crate) struct BodyHtml {
    pub html: String,
    pub trusted: bool,
}

/// `to_html_with_ids` where `cite` turns each inline citation's ids (`[@a; @b]` -> `a`, `b`), in
/// document order, into the HTML that replaces it; when it gives `None` the citation stays as
/// written. The text of the body (not code) also passes through `fill`, which puts in the local
/// services for `{{...}}` placeholders; what it returns is escaped as text, so a service name
/// cannot turn into markup.
pub(crate) fn to_html_cited(
    body: &str,
    headings: &[Heading],
    rewrite: &dyn Fn(&str) -> Option<String>,
    cite: &mut dyn FnMut(&[&str]) -> Option<String>,
    fill: &dyn Fn(&str) -> String,
) -> BodyHtml {
    let mut trusted = true;
    let mut ids = headings.iter().map(|h| h.id.as_str());
    let mut footnotes = FootnoteIds::default();
    let mut in_citation = false;
    let mut in_code_block = false;
    let events = pulldown_cmark::TextMergeStream::new(parser(body)).filter_map(|event| {
        Some(match event {
            Event::Start(Tag::Link { ref dest_url, .. }) if cite_label(dest_url).is_some() => {
                in_citation = true;
                let label = cite_label(dest_url).unwrap_or_default();
                let html = citation_ids(label).and_then(|list| cite(&list));
                match html {
                    Some(html) => Event::InlineHtml(html.into()),
                    None => Event::Text(format!("[{label}]").into()),
                }
            }
            Event::End(TagEnd::Link) if in_citation => {
                in_citation = false;
                return None;
            }
            _ if in_citation => return None,
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                Event::Start(Tag::CodeBlock(kind))
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                Event::End(TagEnd::CodeBlock)
            }
            Event::Text(text) if !in_code_block && text.contains("{{") => {
                Event::Text(fill(&text).into())
            }
            // Attributes other than the id and classes (`{onclick=...}`) are dropped.
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => Event::Start(Tag::Heading {
                level,
                id: ids.next().map(CowStr::from).or(id),
                classes,
                attrs: Vec::new(),
            }),
            Event::FootnoteReference(name) => Event::FootnoteReference(footnotes.id(&name).into()),
            Event::Start(Tag::FootnoteDefinition(name)) => {
                Event::Start(Tag::FootnoteDefinition(footnotes.id(&name).into()))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(&dest_url).map(CowStr::from).unwrap_or(dest_url);
                trusted &= crate::url::is_plain(&dest_url);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(&dest_url).map(CowStr::from).unwrap_or(dest_url);
                trusted &= crate::url::is_plain(&dest_url);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(callout_start(kind).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
            Event::Html(_) | Event::InlineHtml(_) => {
                trusted = false;
                event
            }
            other => other,
        })
    });
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    BodyHtml { html, trusted }
}

/// The readable text of `body`: words only, no markup or code, each paragraph, list item, heading
/// and table cell ended as a sentence so that readability formulas count them as such.
pub(crate) fn plain_text(body: &str) -> String {
    let mut text = String::with_capacity(body.len());
    let mut in_code = false;
    let mut in_citation = false;
    for event in parser(body) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { dest_url, .. }) if cite_label(&dest_url).is_some() => {
                in_citation = true;
            }
            Event::End(TagEnd::Link) if in_citation => in_citation = false,
            Event::Text(t) if !in_code && !in_citation => text.push_str(&t),
            Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
            ) => end_sentence(&mut text),
            _ => {}
        }
    }
    text
}

fn end_sentence(text: &mut String) {
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    if !text.is_empty() && !text.ends_with(['.', '!', '?', ':']) {
        text.push('.');
    }
    text.push('\n');
}

fn callout_start(kind: BlockQuoteKind) -> String {
    let (class, label) = match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    };
    format!(
        "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{label}</p>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_matches_github_anchors() {
        assert_eq!(slugify("When to see a doctor"), "when-to-see-a-doctor");
        assert_eq!(slugify("Grade I: mild strain"), "grade-i-mild-strain");
        assert_eq!(slugify("  B12 & you!  "), "b12--you");
        assert_eq!(slugify("Don’t panic"), "dont-panic");
    }

    #[test]
    fn headings_get_unique_ids_and_explicit_ids_win() {
        let outline = scan("## Causes\n\n## Causes\n\n### Other {#mine}\n");
        let ids: Vec<_> = outline.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["causes", "causes-1", "mine"]);
        assert_eq!(outline.headings[2].level, 3);
        assert_eq!(outline.headings[2].text, "Other");
    }

    #[test]
    fn scan_finds_links_images_and_raw_html_with_offsets() {
        let body = "See [B12](b12.md#tests).\n\n![spine](../static/s.svg)\n\n<b>hi</b>\n";
        let outline = scan(body);
        assert_eq!(outline.links.len(), 2);
        assert_eq!(outline.links[0].dest, "b12.md#tests");
        assert_eq!(
            &body[outline.links[0].offset..outline.links[0].offset + 1],
            "["
        );
        assert!(outline.links[1].is_image);
        assert_eq!(
            outline.raw_html_at,
            Some(body.find("<b>").expect("present"))
        );
    }

    #[test]
    fn to_html_rewrites_links_and_writes_heading_ids() {
        let html = to_html(
            "## Tests\n\n[B12](b12.md) and [x](https://x.org)",
            &|dest| (dest == "b12.md").then(|| "../b12/".to_string()),
        );
        assert!(html.contains("<h2 id=\"tests\">Tests</h2>"), "{html}");
        assert!(html.contains("href=\"../b12/\""), "{html}");
        assert!(html.contains("href=\"https://x.org\""), "{html}");
    }

    #[test]
    fn citations_are_found_with_offsets_and_code_is_left_alone() {
        let body = "Rest helps [@nice-ng59]. Both [@a; @b].\n\n`[@code]` and [link](x.md)\n\n```\n[@block]\n```\n";
        let outline = scan(body);
        let labels: Vec<&str> = outline.citations.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["@nice-ng59", "@a; @b"]);
        assert_eq!(&body[outline.citations[0].offset..][..12], "[@nice-ng59]");
        assert_eq!(outline.links.len(), 1, "citations are not links");
        assert_eq!(citation_ids("@a; @b"), Some(vec!["a", "b"]));
        assert_eq!(citation_ids("@a, @b"), None);
        assert_eq!(citation_ids("a"), None);
    }

    #[test]
    fn citations_render_through_cite_and_stay_as_text_without_it() {
        let mut seen = Vec::new();
        let html = to_html_cited(
            "A [@x] and [@y; @x].\n\n`[@z]`",
            &[],
            &|_| None,
            &mut |ids| {
                seen.push(ids.join(","));
                Some(format!("<sup>{}</sup>", ids.len()))
            },
            &|text| text.to_string(),
        )
        .html;
        assert_eq!(seen, ["x", "y,x"]);
        assert!(html.contains("A <sup>1</sup> and <sup>2</sup>."), "{html}");
        assert!(html.contains("<code>[@z]</code>"), "{html}");
        let plain = to_html("See [@x].", &|_| None);
        assert!(plain.contains("See [@x]."), "{plain}");
        assert_eq!(plain_text("See [@x] now."), "See  now.\n");
    }

    #[test]
    fn todo_markers_are_found_outside_code() {
        let body = "TODO: write this.\n\n`TODO` and TODOS and a TODO.\n";
        let todos = scan(body).todos;
        assert_eq!(todos, [0, body.rfind("TODO.").expect("present")]);
    }

    #[test]
    fn plain_text_ends_every_block_as_a_sentence() {
        let text = plain_text(
            "## Causes\n\nA *tight* [muscle](x.md).\n\n- one\n- two!\n\n```\ncode here\n```\n",
        );
        assert_eq!(text, "Causes.\nA tight muscle.\none.\ntwo!\n");
    }

    #[test]
    fn alerts_become_labelled_callouts() {
        let html = to_html("> [!WARNING]\n> Call now.\n", &|_| None);
        assert!(html.contains("class=\"callout callout-warning\""), "{html}");
        assert!(
            html.contains("<p class=\"callout-title\">Warning</p>"),
            "{html}"
        );
        assert!(html.contains("Call now."), "{html}");
        assert!(!html.contains("blockquote"), "{html}");
    }

    #[test]
    fn tables_footnotes_strikethrough_and_smart_quotes_render() {
        let html = to_html(
            "| a |\n|---|\n| 1 |\n\n~~no~~ \"yes\"[^1]\n\n[^1]: note\n",
            &|_| None,
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>no</del>"), "{html}");
        assert!(html.contains("“yes”"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    fn ids(body: &str) -> Vec<String> {
        scan(body).headings.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn repeated_headings_are_numbered_and_a_heading_named_like_a_number_gets_its_own() {
        assert_eq!(
            ids("## Same\n\n## Same\n\n## Same 1\n\n## Same\n\n### x {#same-3}\n\n## Same\n"),
            ["same", "same-1", "same-1-1", "same-2", "same-3", "same-4"]
        );
        let many = "## Same\n\n".repeat(40_000);
        let all = ids(&many);
        assert_eq!(all.len(), 40_000);
        assert_eq!(all[39_999], "same-39999");
        assert_eq!(all.iter().collect::<HashSet<_>>().len(), 40_000);
    }

    #[test]
    fn headings_never_take_the_ids_of_the_page_or_of_footnotes() {
        assert_eq!(
            ids(
                "## Main\n\n## Care emergency\n\n## Search results\n\n## Fn a\n\n## Ref x\n\n## A {#main}\n"
            ),
            [
                "main-1",
                "care-emergency-1",
                "search-results-1",
                "section-fn-a",
                "section-ref-x",
                "main-2"
            ]
        );
        let html = to_html(
            "## A\n\nText[^a] and[^B].\n\n[^a]: One.\n[^b]: Two.\n",
            &|_| None,
        );
        assert!(html.contains("<h2 id=\"a\">"), "{html}");
        assert!(html.contains("href=\"#fn-a\""), "{html}");
        assert!(html.contains("id=\"fn-a\""), "{html}");
        assert!(html.contains("href=\"#fn-b\""), "{html}");
        assert!(html.contains("id=\"fn-b\""), "{html}");
        assert!(!html.contains("id=\"a\"><sup"), "{html}");
    }

    #[test]
    fn heading_attributes_other_than_id_and_class_are_dropped() {
        let html = to_html(
            "## Hello {.note onclick=alert(1) style=color:red}\n",
            &|_| None,
        );
        assert!(
            html.contains("<h2 id=\"hello\" class=\"note\">Hello</h2>"),
            "{html}"
        );
        assert!(
            !html.contains("onclick") && !html.contains("style"),
            "{html}"
        );
    }

    #[test]
    fn footnotes_are_found_with_their_offsets() {
        let body = "A[^x] b[^y].\n\n[^x]: one\n\n[^x]: two\n";
        let outline = scan(body);
        let refs: Vec<_> = outline
            .footnote_refs
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        let defs: Vec<_> = outline
            .footnote_defs
            .iter()
            .map(|(n, o)| (n.as_str(), *o))
            .collect();
        assert_eq!(refs, ["x"], "{outline:?}");
        assert_eq!(outline.undefined_footnotes, [("y".to_string(), 7)]);
        assert!(outline.links.is_empty());
        assert!(to_html(body, &|_| None).contains("b[^y]."));
        assert_eq!(
            defs,
            [
                ("x", body.find("[^x]:").expect("present")),
                ("x", body.rfind("[^x]:").expect("present"))
            ]
        );
    }

    #[test]
    fn reserved_ids_cover_the_templates() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("templates")];
        for fixture in std::fs::read_dir(root.join("tests/fixtures"))
            .expect("fixtures")
            .flatten()
        {
            folders.push(fixture.path().join("templates"));
        }
        let mut seen = 0;
        for folder in folders {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                for (i, _) in text.match_indices(" id=\"") {
                    let value = &text[i + 5..];
                    let value = &value[..value.find('"').unwrap_or(0)];
                    seen += 1;
                    match value.split_once("{{") {
                        None => assert!(
                            RESERVED_IDS.contains(&value),
                            "{value} in {:?}",
                            entry.path()
                        ),
                        Some(("", _)) => {}
                        Some((prefix, _)) => assert!(
                            RESERVED_PREFIXES.contains(&prefix),
                            "{prefix} in {:?}",
                            entry.path()
                        ),
                    }
                }
            }
        }
        assert!(seen > 20, "{seen}");
    }
}
