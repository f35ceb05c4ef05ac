//! The properties that the fuzz targets (`fuzz/`) and the property tests (`tests/properties.rs`)
//! check, written once, so that both can drive the internal parsers without those being part of
//! the public API. Each function takes any input and panics when its property fails, which is
//! what a fuzzer and a property test both want. Not for use outside those two.

use crate::crosslink::links::{self, LinkIndex, Target};
use crate::diagnostic::Diagnostic;
use crate::load::{article, care, front_matter, references};
use std::path::Path;

/// The front matter of the article that `markdown_links` links to.
const HEAD: &str = "+++\ntitle = \"T\"\ndescription = \"D\"\nupdated = 2026-11-20\n+++\n";

/// Asserts that `d` points at a line of `text` (or at no line).
fn inside(text: &str, d: &Diagnostic) {
    let lines = text.split('\n').count();
    assert!(
        d.line.is_none_or(|l| l >= 1 && l <= lines),
        "{d:?} outside {lines} lines"
    );
}

/// Reading an article file (decoding, splitting at `+++`, parsing the front matter and the whole
/// article) rejects any bytes with a diagnostic inside the file, and never panics.
pub fn article_file(data: &[u8]) {
    let file = Path::new("articles/fuzz.md");
    let Ok(text) = article::decode(file, data.to_vec()) else {
        return;
    };
    let checked = |d: Diagnostic| inside(&text, &d);
    match front_matter::split(file, &text) {
        Ok(split) => match front_matter::parse(file, split.front_matter, split.front_matter_line) {
            Ok(_) => {
                if let Err(d) = article::parse(file.into(), "fuzz.md".into(), &text) {
                    checked(d);
                }
            }
            Err(d) => checked(d),
        },
        Err(d) => checked(d),
    }
}

/// Reading `articles/care.toml`: every entry and every diagnostic is at a line of the file.
pub fn care_file(data: &[u8]) {
    let Ok(text) = article::decode(Path::new(care::CARE_FILE), data.to_vec()) else {
        return;
    };
    let lines = text.split('\n').count();
    let at_line = |line: usize| line >= 1 && line <= lines;
    match care::parse(&text) {
        Ok(book) => {
            for entry in &book.entries {
                assert!(at_line(entry.line) && at_line(entry.text_at.0), "{entry:?}");
                for s in entry.symptoms.iter().chain(&entry.references) {
                    assert!(at_line(s.line), "{s:?} outside {lines} lines");
                }
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            problems.iter().for_each(|d| inside(&text, d));
        }
    }
}

/// Reading `articles/references.toml`: every URL accepted is a web address (never `javascript:`
/// and the like), and every diagnostic is at a line of the file.
pub fn references_file(data: &[u8]) {
    let Ok(text) = article::decode(Path::new(references::REFERENCES_FILE), data.to_vec()) else {
        return;
    };
    match references::parse(&text) {
        Ok(registry) => {
            for url in registry.values().filter_map(|r| r.url.as_ref()) {
                assert!(crate::url::is_web(url), "{url:?} accepted");
                assert!(!crate::url::is_unsafe(url), "{url:?} accepted");
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            problems.iter().for_each(|d| inside(&text, d));
        }
    }
}

/// Rendering an article body with its links rewritten, as the renderer does (resolve the links
/// against a small site, render, sanitize): never panics, resolves only to articles that exist and
/// never to an unsafe address, reports problems in the body, and a body whose links all resolve
/// never renders a `javascript:` attribute.
pub fn markdown_links(body: &str) {
    let parse = |source: &str, key: &str, text: &str| {
        article::parse(source.into(), key.into(), &format!("{HEAD}{text}"))
    };
    let Ok(this) = parse("articles/dir/x.md", "dir/x.md", body) else {
        return;
    };
    let Ok(other) = parse("articles/other.md", "other.md", "## Part one\n") else {
        return;
    };
    let articles = vec![std::sync::Arc::new(this), std::sync::Arc::new(other)];
    let static_files = vec!["img/spine.svg".to_string()];
    let none: Vec<String> = Vec::new();
    let index = LinkIndex::new(&articles, &static_files, &none, &none);
    let mut problems = Vec::new();
    let targets = links::resolve(0, &articles[0], &index, &mut problems);
    let head_lines = HEAD.split('\n').count();
    for d in &problems {
        assert!(d.line.is_some_and(|l| l >= head_lines), "{d:?}");
    }
    for (dest, target) in &targets {
        assert!(!links::is_unsafe(dest), "unsafe link {dest} resolved");
        if let Target::Article { index, .. } = target {
            assert!(
                *index < articles.len(),
                "{dest} resolved to article {index}"
            );
        }
    }
    let html = crate::markdown::to_html(&articles[0].body, &|dest| match targets.get(dest)? {
        Target::Article { index, fragment } => Some(format!(
            "../../{}#{}",
            articles[*index].url,
            fragment.as_deref().unwrap_or("")
        )),
        Target::Static(file, suffix) => Some(format!("../../{file}{suffix}")),
        _ => None,
    });
    let html = crate::render::templates::sanitize(&html);
    let _ = crate::markdown::plain_text(&articles[0].body);
    if problems.is_empty() {
        assert!(!has_javascript_attribute(&html), "{html}");
    }
}

/// True if any tag in `html` (text between `<` and `>`; text content cannot hold a raw `<`) has a
/// `javascript:` attribute value.
fn has_javascript_attribute(html: &str) -> bool {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag.to_lowercase()))
        .any(|tag| tag.contains("=\"javascript:") || tag.contains("='javascript:"))
}
