//! Placeholders for the local services set in `site.toml`, written in article bodies, care texts
//! and descriptions: `{{emergency}}` (the emergency number), `{{urgent}}` (the urgent service's
//! name) and `{{routine}}` (the routine service's name). Double braces never occur in ordinary
//! health text, so they cannot collide with it. One more, `{{care}}` on a line of its own in an
//! article body, stands for no text: it marks where the article's care cards go.

use crate::config::SiteConfig;
use std::borrow::Cow;

/// The placeholder names, as written between the braces.
pub(crate) const NAMES: [&str; 3] = ["emergency", "urgent", "routine"];

/// The name of the marker that places an article's care cards (`{{care}}` on a line of its own).
pub(crate) const CARE_MARKER: &str = "care";

/// A `{{name}}` found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Byte offset of the opening `{{`.
    pub offset: usize,
    /// Byte length, braces included.
    pub len: usize,
    /// The name between the braces, trimmed.
    pub name: String,
}

/// Every `{{...}}` in `text` (known or not), in order. Only short, one-line names count.
pub(crate) fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("{{").map(|i| i + from) {
        let inner_start = start + 2;
        let Some(end) = text[inner_start..].find("}}").map(|i| i + inner_start) else {
            break;
        };
        let inner = &text[inner_start..end];
        if inner.len() <= 40 && !inner.contains(['\n', '{', '}']) && !inner.trim().is_empty() {
            found.push(Found {
                offset: start,
                len: end + 2 - start,
                name: inner.trim().to_string(),
            });
            from = end + 2;
        } else {
            from = inner_start;
        }
    }
    found
}

/// The placeholders in a Markdown body's text, with byte offsets into `body`. Code spans and code
/// blocks are left alone (they can show the syntax itself).
pub(crate) fn in_markdown(body: &str) -> Vec<Found> {
    let mut found = Vec::new();
    // Every placeholder starts with `{{`; a body without one (nearly all) is not parsed here.
    if !body.contains("{{") {
        return found;
    }
    for range in crate::markdown::text_ranges(body) {
        found.extend(find(&body[range.clone()]).into_iter().map(|f| Found {
            offset: f.offset + range.start,
            ..f
        }));
    }
    found.dedup();
    found
}

/// True for a placeholder name the site knows.
pub(crate) fn value_known(name: &str) -> bool {
    NAMES.contains(&name)
}

/// What a known placeholder stands for on this site.
pub(crate) fn value<'c>(config: &'c SiteConfig, name: &str) -> Option<&'c str> {
    match name {
        "emergency" => Some(&config.emergency_number),
        "urgent" => Some(&config.urgent_service.name),
        "routine" => Some(&config.routine_service.name),
        _ => None,
    }
}

/// `text` with every known placeholder replaced by the site's service (unknown ones, already
/// reported as errors, are left as written). Borrowed when there is nothing to replace.
pub(crate) fn fill<'t>(config: &SiteConfig, text: &'t str) -> Cow<'t, str> {
    // One `{` looked for first: much quicker than looking for `{{` in the many short texts.
    if !text.contains('{') || !text.contains("{{") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for f in find(text) {
        if let Some(v) = value(config, &f.name) {
            out.push_str(&text[last..f.offset]);
            out.push_str(v);
            last = f.offset + f.len;
        }
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// The `tel:` link target for a phone number as written ("0800 123 456" -> `tel:0800123456`):
/// digits only, keeping a leading `+` of an international number.
pub(crate) fn tel_href(number: &str) -> String {
    let plus = if number.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("tel:{plus}{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        SiteConfig::parse(
            "title = \"T\"\ndescription = \"D\"\nemergency_number = \"999\"\n[urgent_service]\nname = \"NHS 111 & *co*\"\n",
        )
        .expect("valid")
    }

    #[test]
    fn finds_known_and_unknown_placeholders() {
        let found = find("Call {{emergency}} or {{ urgnt }}; {{}} and {{a\nb}} are not.");
        let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["emergency", "urgnt"]);
        assert_eq!((found[0].offset, found[0].len), (5, 13));
    }

    #[test]
    fn markdown_code_is_left_alone() {
        let body = "Call {{emergency}}.\n\n`{{x}}` and\n\n```\n{{y}}\n```\n\n*{{routine}}*\n";
        let names: Vec<String> = in_markdown(body).into_iter().map(|f| f.name).collect();
        assert_eq!(names, ["emergency", "routine"]);
        assert_eq!(in_markdown(body)[0].offset, 5);
    }

    #[test]
    fn fill_replaces_known_names_only() {
        let c = config();
        assert_eq!(
            fill(
                &c,
                "Call {{emergency}}, or {{urgent}}; {{routine}}. {{nope}}"
            ),
            "Call 999, or NHS 111 & *co*; your doctor. {{nope}}"
        );
        assert!(matches!(fill(&c, "plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn tel_links_have_digits_only() {
        assert_eq!(tel_href("911"), "tel:911");
        assert_eq!(tel_href("0800 123-456"), "tel:0800123456");
        assert_eq!(tel_href("+44 20 7946 0000"), "tel:+442079460000");
    }
}
