//! Fuzzes Markdown rendering with link rewriting: scan the body, resolve its links against a small
//! site, render it with the rewritten links. Must never panic, and a body whose links all resolve
//! must never render a `javascript:` link (after the default sanitizing of raw HTML).
#![no_main]

use healthkb::crosslink::links::{self, LinkIndex, Target};
use healthkb::load::article;
use libfuzzer_sys::fuzz_target;

const HEAD: &str = "+++\ntitle = \"T\"\ndescription = \"D\"\nupdated = 2026-11-20\n+++\n";

fuzz_target!(|body: &str| {
    let Ok(this) = article::parse("articles/dir/x.md".into(), "dir/x.md".into(), &format!("{HEAD}{body}")) else {
        return;
    };
    let Ok(other) = article::parse("articles/other.md".into(), "other.md".into(), &format!("{HEAD}## Part one\n")) else {
        return;
    };
    let articles = vec![this, other];
    let static_files = vec!["img/spine.svg".to_string()];
    let none: Vec<String> = Vec::new();
    let index = LinkIndex::new(&articles, &static_files, &none, &none);
    let mut problems = Vec::new();
    let targets = links::resolve(0, &articles[0], &index, &mut problems);
    for d in &problems {
        assert!(d.line.is_some_and(|l| l >= 6), "{d:?}");
    }
    let html = healthkb::markdown::to_html(&articles[0].body, &|dest| match targets.get(dest)? {
        Target::Article { index, fragment } => Some(format!("../../{}#{}", articles[*index].url, fragment.as_deref().unwrap_or(""))),
        Target::Static(file, suffix) => Some(format!("../../{file}{suffix}")),
        _ => None,
    });
    // As the renderer does by default: the body is sanitized.
    let html = healthkb::render::templates::sanitize(&html);
    let _ = healthkb::markdown::plain_text(&articles[0].body);
    if problems.is_empty() {
        assert!(!has_javascript_attribute(&html), "{html}");
    }
});

/// True if any tag in `html` (text between `<` and `>`; text content cannot hold a raw `<`) has a
/// `javascript:` attribute value.
fn has_javascript_attribute(html: &str) -> bool {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag.to_lowercase()))
        .any(|tag| tag.contains("=\"javascript:") || tag.contains("='javascript:"))
}
