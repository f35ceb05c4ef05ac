//! The one check for every URL a user writes that ends up in a page: links and images in
//! articles (Markdown, autolinks, reference links, raw HTML `href`/`src`), `url` in
//! `articles/references.toml`, and the web addresses in `site.toml`.
//!
//! Browsers ignore case, white space and control characters in a scheme, and decode entities in
//! attributes, so `JaVa\tScript:`, `jav&#x61;script:` and the like are all caught here.

/// Schemes that run code or read local files when clicked: never allowed anywhere.
const UNSAFE_SCHEMES: [&str; 4] = ["javascript", "vbscript", "data", "file"];

/// True when `dest` uses a scheme from `UNSAFE_SCHEMES`, however it is written.
pub(crate) fn is_unsafe(dest: &str) -> bool {
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && !is_invisible(*c))
        .collect::<String>()
        .to_ascii_lowercase();
    UNSAFE_SCHEMES.iter().any(|s| {
        cleaned
            .strip_prefix(s)
            .is_some_and(|rest| rest.starts_with(':'))
    })
}

/// Schemes a body's link or image may be written with when the body skips the sanitizer
/// (`markdown::BodyHtml::trusted`); the sanitizer allows these and more.
const PLAIN_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// True when `dest`, as Markdown writes it into an `href` or `src` (escaped), needs no
/// sanitizer: a relative or protocol-relative URL, or an `http`, `https`, `mailto` or `tel` one,
/// with no white space, control or invisible characters (which browsers drop from a scheme).
/// Anything else goes through the sanitizer, whose allow-list has the final word.
pub(crate) fn is_plain(dest: &str) -> bool {
    if dest
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
    {
        return false;
    }
    match dest.find([':', '/', '?', '#']) {
        Some(end) if dest[end..].starts_with(':') => PLAIN_SCHEMES
            .iter()
            .any(|scheme| dest[..end].eq_ignore_ascii_case(scheme)),
        _ => true,
    }
}

/// Zero-width and direction characters, which a reader cannot see in a link.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// True when `dest` has a URL scheme or is protocol-relative: such links are left alone
/// (once `is_unsafe` has refused the dangerous ones).
pub(crate) fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !scheme.is_empty()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
                && !dest[..colon].contains('/')
        }
        None => false,
    }
}

/// True for an absolute `http://` or `https://` URL with a host, and no white space, control
/// or invisible characters: what a data file's `url` must be.
pub(crate) fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    !host.is_empty()
        && !host.starts_with(':')
        && !host.contains('\\')
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
}

/// Attributes whose value a browser follows or loads as a URL.
const URL_ATTRIBUTES: [&str; 16] = [
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "background",
    "xlink:href",
    "longdesc",
    "ping",
    "manifest",
    "lowsrc",
    "dynsrc",
    "codebase",
];

/// A URL in raw HTML: the value (entities decoded, as a browser reads it), its attribute, and
/// the byte offset of the attribute in `html`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlUrl {
    /// The URL as the browser reads it.
    pub value: String,
    /// `href`, `src`, ...
    pub attribute: String,
    /// Byte offset of the attribute name in the HTML.
    pub offset: usize,
}

/// Every URL attribute of every tag in `html`, read with the HTML tokenizer browsers follow
/// (so entities and odd quoting are decoded as a browser would); `srcset` gives one URL per
/// candidate.
pub(crate) fn urls_in_html(html: &str) -> Vec<HtmlUrl> {
    use html5ever::tokenizer::{
        BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::RefCell;
    struct Sink(RefCell<Vec<(String, String, u64)>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(Tag {
                kind: TagKind::StartTag,
                attrs,
                ..
            }) = token
            {
                for a in attrs {
                    let name = match &a.name.prefix {
                        Some(p) => format!("{}:{}", &**p, &*a.name.local),
                        None => a.name.local.to_string(),
                    };
                    if URL_ATTRIBUTES.contains(&name.as_str()) {
                        self.0.borrow_mut().push((name, a.value.to_string(), line));
                    }
                }
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Vec::new())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let found = tokenizer.sink.0.take();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(html.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    let mut urls = Vec::new();
    for (attribute, value, line) in found {
        let line_start = usize::try_from(line.saturating_sub(1))
            .ok()
            .and_then(|l| line_starts.get(l).copied())
            .unwrap_or(0);
        let search = from.max(line_start).min(lower.len());
        let offset = lower
            .get(search..)
            .and_then(|rest| rest.find(&attribute))
            .map_or(line_start, |i| search + i);
        from = offset + 1;
        let values: Vec<String> = if attribute == "srcset" {
            value
                .split(',')
                .filter_map(|c| c.split_whitespace().next())
                .map(str::to_string)
                .collect()
        } else {
            vec![value]
        };
        for value in values {
            urls.push(HtmlUrl {
                value,
                attribute: attribute.clone(),
                offset,
            });
        }
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_schemes_are_caught_however_they_are_written() {
        for dest in [
            "javascript:alert(1)",
            "JavaScript:x",
            " java\tscript:x",
            "java\u{200B}script:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "vbscript:x",
            "\u{1}javascript:x",
        ] {
            assert!(is_unsafe(dest), "{dest}");
        }
        for dest in [
            "https://x.org",
            "mailto:a@b.org",
            "javascript.md",
            "notes/data.md",
        ] {
            assert!(!is_unsafe(dest), "{dest}");
        }
    }

    #[test]
    fn plain_urls_are_relative_or_web_mail_and_phone_ones() {
        for dest in [
            "https://x.org/a?b#c",
            "HTTP://x.org",
            "mailto:a@b.org",
            "tel:+441234",
            "//x.org/a",
            "../a/index.html#part",
            "notes/data.md",
            "a/b:c",
            "?q=a:b",
            "#x:y",
            "",
        ] {
            assert!(is_plain(dest), "{dest}");
        }
        for dest in [
            "javascript:alert(1)",
            "JavaScript:x",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "foo:bar",
            "java\tscript:x",
            " https://x.org",
            "java\u{200B}script:x",
            "\u{1}javascript:x",
            "https://x.org/a b",
            ":x",
        ] {
            assert!(!is_plain(dest), "{dest}");
        }
    }

    #[test]
    fn only_web_urls_with_a_host_are_web_urls() {
        assert!(is_web("https://x.org/a") && is_web("HTTP://x.org") && is_web("https://x.org?q#f"));
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https:///etc/passwd",
            "https://x.org/a b",
            "https://x.org/\u{1}",
            "https://x.org/\u{202E}",
            "https://?q",
            "https://#f",
            "https://user@",
            "https://:80/",
            "https:\\\\x.org",
            "../../../etc/passwd",
            "data:text/html,x",
        ] {
            assert!(!is_web(bad), "{bad}");
        }
    }

    #[test]
    fn urls_in_raw_html_are_decoded_like_a_browser_does() {
        let html = "<a title=x HREF=\"jav&#x61;script:alert(1)\">a</a>\n<img\n  src='data:x' srcset=\"a.png 1x, javascript:b 2x\">";
        let urls = urls_in_html(html);
        let values: Vec<&str> = urls.iter().map(|u| u.value.as_str()).collect();
        assert_eq!(
            values,
            ["javascript:alert(1)", "data:x", "a.png", "javascript:b"]
        );
        assert_eq!(&html[urls[0].offset..urls[0].offset + 4], "HREF");
        assert_eq!(&html[urls[1].offset..urls[1].offset + 3], "src");
        assert!(is_unsafe(&urls[0].value));
    }
}
