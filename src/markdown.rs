//! Markdown handling shared by the steps: `scan` finds an article's headings and links when it is
//! loaded; `to_html` renders it with links rewritten once the whole site is known.
//!
//! Both parse with the same options and give headings the same ids, so an anchor checked at
//! cross-link time is the id written at render time.

use pulldown_cmark::{
    BlockQuoteKind, BrokenLink, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use std::collections::HashSet;

/// Markdown features the site supports; every step that parses Markdown uses these.
pub fn options() -> Options {
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

/// The broken-link callback `parser` uses.
type CiteCallback = for<'a> fn(BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)>;

/// A parser with the site's options that turns `[@id]` into citation links.
fn parser(body: &str) -> Parser<'_, CiteCallback> {
    Parser::new_with_broken_link_callback(body, options(), Some(cite_callback))
}

/// The byte ranges of `body`'s text outside code (code spans and code blocks), in order: where
/// editors' words are, for checks that look for something written in them.
pub fn text_ranges(body: &str) -> Vec<std::ops::Range<usize>> {
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
pub fn citation_ids(label: &str) -> Option<Vec<&str>> {
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
pub fn slugify(text: &str) -> String {
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

fn unique_id(wanted: String, used: &mut HashSet<String>) -> String {
    let base = if wanted.is_empty() {
        "section".to_string()
    } else {
        wanted
    };
    let mut candidate = base.clone();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Finds the headings, links and raw HTML of an article body, in one streaming pass. Every
/// heading gets an id unique within the article: its explicit `{#id}`, or the slug of its text.
pub fn scan(body: &str) -> Outline {
    let mut outline = Outline::default();
    let mut used = HashSet::new();
    // The heading being read: level, explicit id, text so far.
    let mut heading: Option<(u8, Option<String>, String)> = None;
    let mut in_code = false;
    let mut in_citation = false;
    for (event, range) in parser(body).into_offset_iter() {
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
                    let id = unique_id(wanted, &mut used);
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
            }),
            Event::Start(Tag::Image { dest_url, .. }) => outline.links.push(Link {
                dest: dest_url.to_string(),
                offset: range.start,
                is_image: true,
            }),
            Event::Html(_) | Event::InlineHtml(_) => {
                outline.raw_html_at.get_or_insert(range.start);
            }
            _ => {}
        }
    }
    outline
}

/// Renders `body` to HTML. `rewrite` gets each link destination and returns its new href, or
/// `None` to keep it. GitHub alerts (`> [!WARNING]`) become labelled callouts.
pub fn to_html(body: &str, rewrite: &dyn Fn(&str) -> Option<String>) -> String {
    to_html_with_ids(body, &scan(body).headings, rewrite)
}

/// `to_html` for a body already scanned: `headings` is `scan(body).headings`, whose ids are
/// written on the headings in order, so the body is parsed once more, not twice, and streamed to
/// HTML without holding its events. Inline citations stay as they are written.
pub fn to_html_with_ids(
    body: &str,
    headings: &[Heading],
    rewrite: &dyn Fn(&str) -> Option<String>,
) -> String {
    to_html_cited(body, headings, rewrite, &mut |_| None, &|text| {
        text.to_string()
    })
}

/// `to_html_with_ids` where `cite` turns each inline citation's ids (`[@a; @b]` -> `a`, `b`), in
/// document order, into the HTML that replaces it; when it gives `None` the citation stays as
/// written. The text of the body (not code) also passes through `fill`, which puts in the local
/// services for `{{...}}` placeholders; what it returns is escaped as text, so a service name
/// cannot turn into markup.
pub fn to_html_cited(
    body: &str,
    headings: &[Heading],
    rewrite: &dyn Fn(&str) -> Option<String>,
    cite: &mut dyn FnMut(&[&str]) -> Option<String>,
    fill: &dyn Fn(&str) -> String,
) -> String {
    let mut ids = headings.iter().map(|h| h.id.as_str());
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
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level,
                id: ids.next().map(CowStr::from).or(id),
                classes,
                attrs,
            }),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(&dest_url).map(CowStr::from).unwrap_or(dest_url);
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
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(callout_start(kind).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
            other => other,
        })
    });
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The readable text of `body`: words only, no markup or code, each paragraph, list item, heading
/// and table cell ended as a sentence so that readability formulas count them as such.
pub fn plain_text(body: &str) -> String {
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
        );
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
}
