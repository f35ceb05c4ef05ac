//! `sitemap.xml`, `robots.txt` and the Atom feed `feed.xml`: written only when `base_url` is set,
//! since all three need absolute URLs.

use super::{Page, PageKind};
use crate::crosslink::Site;
use std::fmt::Write;

/// How many recently updated articles the feed lists.
pub(crate) const FEED_LIMIT: usize = 20;

/// Escapes text for XML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Not allowed in XML 1.0 (loading refuses them; this keeps the feed well-formed
            // whatever reaches it).
            c if (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// The files `files` makes, in order.
pub(crate) const FILES: [&str; 3] = ["sitemap.xml", "robots.txt", "feed.xml"];

/// The three files as (output path, text).
pub(crate) fn files(site: &Site, pages: &[Page], base: &str) -> Vec<(String, String)> {
    let [sitemap_file, robots_file, feed_file] = FILES.map(String::from);
    vec![
        (sitemap_file, sitemap(site, pages, base)),
        (
            robots_file,
            format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"),
        ),
        (feed_file, feed(site, base)),
    ]
}

fn sitemap(site: &Site, pages: &[Page], base: &str) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages.iter().filter(|p| p.kind != PageKind::NotFound) {
        let _ = write!(
            xml,
            "  <url><loc>{}</loc>",
            escape(&format!("{base}{}", page.url))
        );
        if let PageKind::Article(i) = page.kind {
            let _ = write!(xml, "<lastmod>{}</lastmod>", site.articles[i].front.updated);
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn feed(site: &Site, base: &str) -> String {
    let mut recent: Vec<usize> = site.by_title.to_vec();
    recent.sort_by(|&a, &b| {
        site.articles[b]
            .front
            .updated
            .cmp(&site.articles[a].front.updated)
    });
    recent.truncate(FEED_LIMIT);
    let newest = recent
        .first()
        .map(|&i| site.articles[i].front.updated.to_string())
        .unwrap_or_else(|| "1970-01-01".into());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape(&site.config.title));
    let _ = writeln!(
        xml,
        "  <subtitle>{}</subtitle>",
        escape(&site.config.description)
    );
    let _ = writeln!(xml, "  <id>{}</id>", escape(base));
    let _ = writeln!(xml, "  <link href=\"{}\"/>", escape(base));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" href=\"{}feed.xml\"/>",
        escape(base)
    );
    let _ = writeln!(xml, "  <updated>{newest}T00:00:00Z</updated>");
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape(&site.config.title)
    );
    for i in recent {
        let article = &site.articles[i];
        let url = escape(&format!("{base}{}", article.url));
        let _ = writeln!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <id>{url}</id>\n    <link href=\"{url}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <summary>{}</summary>\n  </entry>",
            escape(&article.front.title),
            article.front.updated,
            escape(&crate::placeholder::fill(
                &site.config,
                &article.front.description
            ))
        );
    }
    xml.push_str("</feed>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            escape("a<b> & \"c\" 'd'"),
            "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(escape("a\u{1}b\u{7f}c\u{85}d\u{FFFF}"), "abcd");
    }
}
