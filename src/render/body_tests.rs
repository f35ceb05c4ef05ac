//! Tests of the one shortcut around the sanitizer: a body whose HTML is trusted
//! (`markdown::BodyHtml::trusted`) is written as Markdown made it, so the sanitizer must have
//! nothing to remove from any such body.

use super::references::CiteMarks;
use super::templates::sanitize;
use crate::markdown::{BodyHtml, scan, to_html_cited};
use proptest::prelude::*;

/// Every tag a body can hold, for `normalized`.
const TAGS: &str = "p h1 h2 h3 h4 h5 h6 a img em strong del s code pre blockquote ul ol li \
    table thead tbody tr th td hr br sup div span input b i";

/// `html` parsed and written again by the same HTML5 parser the sanitizer uses, keeping every
/// tag and attribute: two HTML texts that are the same document come out the same.
fn normalized(html: &str) -> String {
    let mut keep_all = ammonia::Builder::default();
    keep_all
        .add_tags(TAGS.split_whitespace())
        .add_generic_attribute_prefixes([""])
        .link_rel(None);
    keep_all.clean(html).to_string()
}

/// The body rendered the way `Renderer::convert_body` renders it, citing `ref-a` and `ref-b`.
fn render(body: &str) -> BodyHtml {
    let cited = ["ref-a".to_string(), "ref-b".to_string()];
    let mut marks = CiteMarks::new(&cited, "Reference {number}");
    to_html_cited(
        body,
        &scan(body).headings,
        &|dest| dest.ends_with(".md").then(|| format!("../{dest}/")),
        &mut |ids| marks.mark(ids),
        &|text| text.replace("{{emergency_number}}", "999 & <112>"),
    )
}

/// The values of every `href` and `src` attribute in `html` as written.
fn urls(html: &str) -> Vec<&str> {
    ["href=\"", "src=\""]
        .iter()
        .flat_map(|start| html.split(start).skip(1))
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// Asserts what trusting `body` rests on: the sanitizer would leave its document as it is,
/// and its links are plain.
fn assert_trust_is_safe(body: &str) -> bool {
    let out = render(body);
    if out.trusted {
        assert_eq!(
            normalized(&out.html),
            normalized(&sanitize(&out.html)),
            "the sanitizer changes a trusted body:\n{body}"
        );
        for url in urls(&out.html) {
            assert!(crate::url::is_plain(url), "{url} in {body}");
        }
    }
    out.trusted
}

#[test]
fn markdown_alone_is_trusted_and_loses_nothing_to_the_sanitizer() {
    let body = "# Title {#own .big onclick=alert(1)}\n\nSome *text* & \"quotes\" 'here' -- and \\<b>, \
        [a link](other.md#part \"Its title\") and [web](https://x.org/?a=1&b=2), \
        <https://x.org>, <a@b.org>, [phone](tel:+441234) ![alt \"x\"](img/a.png)  \nbreak \
        `code <x>` ~~gone~~ [@ref-a; @ref-b] [@todo] {{emergency_number}}\n\n\
        | a | b |\n|:-:|--:|\n| 1 | 2 |\n\n- one\n- two\n\n1. first\n\n---\n\n\
        > [!WARNING]\n> Careful.\n\n> quoted\n\nA note[^n].\n\n[^n]: The note.\n\n\
        ```rust\nlet x = \"<y>\";\n```\n";
    assert!(assert_trust_is_safe(body), "{}", render(body).html);
}

#[test]
fn raw_html_and_unusual_schemes_go_through_the_sanitizer() {
    for body in [
        "<b onclick=\"x()\">bold</b>",
        "text <span>inline</span>",
        "<!-- a comment -->",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "<javascript:alert(1)>",
        "![x](data:image/png;base64,AA)",
        "[x](foo:bar)",
        "[x](<java\tscript:alert(1)>)",
        "[x](java&#x09;script:alert(1))",
    ] {
        assert!(!render(body).trusted, "{body} was trusted");
    }
}

/// Pieces of Markdown, each with room for a random text, destination or id.
fn piece() -> impl Strategy<Value = String> {
    let text = "[a-z\"'&<>*_`~!\\[\\]()#:{}@ -]{0,12}";
    let dest = prop_oneof![
        Just("other.md".to_string()),
        Just("other.md#part".to_string()),
        Just("https://x.org/a?b&c=\"d\"".to_string()),
        Just("mailto:a@b.org".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("img/a b.png".to_string()),
        Just("#top".to_string()),
        "[a-z:/#?&%.]{0,10}",
    ];
    prop_oneof![
        text.prop_map(|t| format!("{t}\n\n")),
        text.prop_map(|t| format!("## {t} {{#{t} .c-{t} data-x={t}}}\n\n")),
        (text, dest.clone()).prop_map(|(t, d)| format!("[{t}]({d} \"{t}\") ")),
        (text, dest.clone()).prop_map(|(t, d)| format!("![{t}](<{d}>)\n")),
        dest.prop_map(|d| format!("<{d}> ")),
        Just("[@ref-a] [@ref-b; @ref-a] [@todo-x] [@nope]\n".to_string()),
        text.prop_map(|t| format!("`{t}` *{t}* **{t}** ~~{t}~~  \n")),
        text.prop_map(|t| format!("```{t}\n{t}\n```\n")),
        text.prop_map(|t| format!("\n| a | {t} |\n|:-|-:|\n| {t} | x |\n\n")),
        text.prop_map(|t| format!("note[^{t}]\n\n[^{t}]: {t}\n\n")),
        text.prop_map(|t| format!("> [!CAUTION]\n> {t}\n\n")),
        text.prop_map(|t| format!("- {t}\n  - {t}\n1. {t}\n\n---\n")),
        text.prop_map(|t| format!("{t} &amp; &copy; &#106; &quot; {{{{emergency_number}}}}\n")),
        text.prop_map(|t| format!("<b title=\"{t}\">{t}</b>\n")),
        text.prop_map(|t| format!("<i onclick=\"{t}\">{t}</i> <script>{t}</script>\n")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn trusted_bodies_lose_nothing_to_the_sanitizer(pieces in proptest::collection::vec(piece(), 1..12)) {
        assert_trust_is_safe(&pieces.concat());
    }
}
