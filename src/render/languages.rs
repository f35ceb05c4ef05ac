//! What a page shows of the site's other languages: the language switcher, the `hreflang`
//! alternates, and on a translated article the notice that it is a translation (and, when its
//! original has changed since, that it is out of date).

use super::Linker;
use crate::config::Editions;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::Arc;

/// The site's editions as one edition's renderer sees them (empty for a site in one language).
#[derive(Debug, Clone, Default)]
pub struct Languages {
    /// Every edition, this one among them.
    pub editions: Editions,
    /// The URLs of each edition's pages (from its root), in the order of `editions.all`.
    pub pages: Vec<Arc<HashSet<String>>>,
    /// What the switcher says of a page an edition does not have, in that edition's language.
    pub untranslated: Vec<String>,
    /// This edition's translations whose original has changed since (article keys).
    pub stale: crate::crosslink::translations::Stale,
}

/// One language in a page's switcher and `hreflang` links.
#[derive(Debug, Serialize)]
pub(crate) struct LanguageLink {
    /// Its tag (`es`).
    pub code: String,
    /// Its name in itself (`Español`).
    pub name: String,
    /// The link to the same page in it, or to its home page when it has no such page.
    pub href: String,
    /// `href` made absolute, when the site has a `base_url` (for `hreflang`).
    pub absolute: Option<String>,
    /// True for the page's own language.
    pub current: bool,
    /// True when the language has this page.
    pub translated: bool,
    /// When it has not: saying so, in that language.
    pub note: Option<String>,
}

/// On a translated article: its original, and whether the translation is out of date.
#[derive(Debug, Serialize)]
pub(crate) struct TranslationNotice {
    /// The link to the original page.
    pub original: String,
    /// The original's language, named in itself.
    pub original_language: String,
    /// Its tag, for `hreflang`.
    pub original_code: String,
    /// True when the original has changed since the translation was made.
    pub stale: bool,
}

impl Languages {
    /// A digest of everything a page shows of the other languages (`serve` makes every view
    /// again when it changes).
    pub(crate) fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut digest = super::Digest::default();
        for edition in &self.editions.all {
            (&edition.code, &edition.name, &edition.prefix).hash(&mut digest);
        }
        self.editions.current.hash(&mut digest);
        for pages in &self.pages {
            let mut urls: Vec<&String> = pages.iter().collect();
            urls.sort();
            urls.hash(&mut digest);
        }
        self.untranslated.hash(&mut digest);
        self.stale.hash(&mut digest);
        digest.finish()
    }

    /// The switcher's languages for the page at `url` (from this edition's root); none on a
    /// site in one language.
    pub(crate) fn links(
        &self,
        linker: &Linker<'_>,
        url: &str,
        base_url: Option<&str>,
    ) -> Vec<LanguageLink> {
        if self.editions.single() {
            return Vec::new();
        }
        let up = self.up();
        self.editions
            .all
            .iter()
            .enumerate()
            .map(|(i, edition)| {
                let translated = self.pages.get(i).is_some_and(|p| p.contains(url));
                let target = if translated { url } else { "" };
                LanguageLink {
                    code: edition.code.clone(),
                    name: edition.name.clone(),
                    href: self.href(linker, &format!("{}{target}", edition.prefix)),
                    absolute: base_url
                        .map(|b| format!("{}{}{target}", site_root(b, &up), edition.prefix)),
                    current: i == self.editions.current,
                    translated,
                    note: (!translated)
                        .then(|| self.untranslated.get(i).cloned().unwrap_or_default()),
                }
            })
            .collect()
    }

    /// The notice on the translated article `key` at `url`, in an edition other than the
    /// default one.
    pub(crate) fn notice(
        &self,
        linker: &Linker<'_>,
        key: &str,
        url: &str,
    ) -> Option<TranslationNotice> {
        if self.editions.current == 0 {
            return None;
        }
        let original = self.editions.all.first()?;
        Some(TranslationNotice {
            original: self.href(linker, url),
            original_language: original.name.clone(),
            original_code: original.code.clone(),
            stale: self.stale.contains(key),
        })
    }

    /// The link from `linker`'s page to `path` from the site's root (`es/sciatica/`): relative,
    /// or absolute on a page whose links are (the 404 page).
    fn href(&self, linker: &Linker<'_>, path: &str) -> String {
        let up = self.up();
        let root = linker.root();
        match root.starts_with('/') || root.contains("://") {
            true => format!("{}{path}", site_root(root, &up)),
            false => linker.href(&format!("{up}{path}")),
        }
    }

    /// From this edition's root to the site's (`""`, `../`).
    fn up(&self) -> String {
        "../".repeat(self.editions.prefix().matches('/').count())
    }
}

/// The site's own address, from this edition's `base_url` (which ends in the edition's prefix,
/// `up` levels below it).
fn site_root(base_url: &str, up: &str) -> String {
    let mut root = base_url.to_string();
    for _ in 0..up.matches("../").count() {
        let trimmed = root.trim_end_matches('/');
        root = match trimmed.rfind('/') {
            Some(slash) => trimmed[..=slash].to_string(),
            None => root,
        };
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::EditionName;

    fn languages(current: usize) -> Languages {
        let name = |code: &str, name: &str, prefix: &str| EditionName {
            code: code.into(),
            name: name.into(),
            prefix: prefix.into(),
        };
        let pages = |urls: &[&str]| Arc::new(urls.iter().map(|u| u.to_string()).collect());
        Languages {
            editions: Editions {
                all: vec![name("en", "English", ""), name("es", "Español", "es/")],
                current,
            },
            pages: vec![
                pages(&["", "sciatica/", "shingles/"]),
                pages(&["", "sciatica/"]),
            ],
            untranslated: vec!["Not in English".into(), "No está en español".into()],
            stale: ["sciatica.md".to_string()].into(),
        }
    }

    #[test]
    fn the_switcher_leads_to_the_same_page_or_says_it_is_not_translated() {
        let english = languages(0);
        let linker = Linker::for_page("shingles/", false);
        let links = english.links(&linker, "shingles/", Some("https://example.org/guide/"));
        assert_eq!(links[0].href, "../shingles/");
        assert!(links[0].current && links[0].translated);
        assert_eq!(links[1].href, "../es/");
        assert!(!links[1].translated);
        assert_eq!(links[1].note.as_deref(), Some("No está en español"));
        assert_eq!(
            links[1].absolute.as_deref(),
            Some("https://example.org/guide/es/")
        );

        let spanish = languages(1);
        let linker = Linker::for_page("sciatica/", true);
        let links = spanish.links(&linker, "sciatica/", Some("https://example.org/guide/es/"));
        assert_eq!(links[0].href, "../../sciatica/index.html");
        assert_eq!(
            links[0].absolute.as_deref(),
            Some("https://example.org/guide/sciatica/")
        );
        assert_eq!(links[1].href, "../../es/sciatica/index.html");
        let notice = spanish
            .notice(&linker, "sciatica.md", "sciatica/")
            .expect("translated");
        assert!(notice.stale);
        assert_eq!(notice.original, "../../sciatica/index.html");
        assert!(
            english
                .notice(&linker, "sciatica.md", "sciatica/")
                .is_none()
        );
        assert!(Languages::default().links(&linker, "", None).is_empty());
    }
}
