//! Property tests: a short fuzz run in the normal test suite. Whatever text an editor writes, the
//! front matter and Markdown code never panics, positions stay inside the file, and rewritten
//! links never leave the site. (Long fuzzing runs with cargo fuzz: see `fuzz/`.)

use healthkb::crosslink::links::{self, LinkIndex, Target};
use healthkb::diagnostic::line_col;
use healthkb::load::article;
use healthkb::load::front_matter;
use healthkb::markdown;
use proptest::prelude::*;
use std::path::Path;

/// Text that looks enough like an article to reach the deeper code paths.
fn article_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("+++".to_string()),
        Just("title = \"T\"".to_string()),
        Just("description = \"D\"".to_string()),
        Just("updated = 2026-11-20".to_string()),
        Just("symptoms = [\"a\", \"b\"]".to_string()),
        Just("[care]".to_string()),
        Just("## Heading".to_string()),
        Just("> [!WARNING]".to_string()),
        "\\[[a-z ]{0,8}\\]\\([a-z./#:]{0,16}\\)",
        "[ -~]{0,40}",
        "\\PC{0,20}",
    ];
    prop::collection::vec(line, 0..24).prop_map(|lines| lines.join("\n"))
}

fn other_article() -> article::Article {
    let text =
        "+++\ntitle = \"Other\"\ndescription = \"D\"\nupdated = 2026-11-20\n+++\n## Part one\n";
    article::parse("articles/dir/other.md".into(), "dir/other.md".into(), text)
        .expect("valid article")
}

/// True if any tag in `html` (text between `<` and `>`; text content cannot hold a raw `<`) has a
/// `javascript:` attribute value.
fn has_javascript_attribute(html: &str) -> bool {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag.to_lowercase()))
        .any(|tag| tag.contains("=\"javascript:") || tag.contains("='javascript:"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn splitting_and_parsing_never_panic_and_locate_inside_the_file(text in article_like()) {
        let file = Path::new("articles/x.md");
        match front_matter::split(file, &text) {
            Ok(split) => {
                if let Err(d) = front_matter::parse(file, split.front_matter, split.front_matter_line) {
                    let lines = text.lines().count().max(1);
                    prop_assert!(d.line.is_some_and(|l| l >= 1 && l <= lines), "{d:?} outside {lines} lines");
                }
            }
            Err(d) => prop_assert!(d.line.is_some()),
        }
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = article::decode(Path::new("articles/x.md"), bytes);
    }

    #[test]
    fn line_col_is_always_a_position_in_the_text(text in "\\PC{0,40}", offset in 0usize..60) {
        let (line, column) = line_col(&text, offset);
        prop_assert!(line >= 1 && line <= text.split('\n').count());
        prop_assert!(column >= 1);
    }

    #[test]
    fn markdown_with_rewritten_links_never_panics_or_escapes_the_site(body in article_like()) {
        let text = format!("+++\ntitle = \"T\"\ndescription = \"D\"\nupdated = 2026-11-20\n+++\n{body}");
        let Ok(article) = article::parse("articles/dir/x.md".into(), "dir/x.md".into(), &text) else {
            return Ok(());
        };
        let articles = vec![article, other_article()];
        let no_files: Vec<String> = Vec::new();
        let index = LinkIndex::new(&articles, &no_files, &no_files, &no_files);
        let mut problems = Vec::new();
        let targets = links::resolve(0, &articles[0], &index, &mut problems);
        for target in targets.values() {
            if let Target::Article { index, .. } = target {
                prop_assert!(*index < articles.len());
            }
        }
        for dest in targets.keys() {
            prop_assert!(!links::is_unsafe(dest), "unsafe link {dest} resolved");
        }
        let html = markdown::to_html(&articles[0].body, &|dest| match targets.get(dest)? {
            Target::Article { index, .. } => Some(format!("../../{}", articles[*index].url)),
            _ => None,
        });
        let html = match articles[0].outline.raw_html_at {
            Some(_) => healthkb::render::templates::sanitize(&html),
            None => html,
        };
        if problems.is_empty() {
            prop_assert!(!has_javascript_attribute(&html), "{html}");
        }
    }
}
