//! Long lists split into numbered pages: the A to Z, a symptom's articles and the references.
//!
//! Page 1 keeps the list's own URL (`a-z/`), so no link breaks; page N is at `a-z/page/N/`.
//! Anchors that other pages link to (an A to Z letter, a kind of source, a source) live on
//! whichever page holds their entry, so every link to one is made by [`Lists::anchor_url`]
//! (through [`super::Renderer::anchor_href`]), never by hand.

use crate::crosslink::Site;
use crate::load::SourceKind;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// How many page numbers the pagination shows on each side of the current page (besides the
/// first and the last), so it stays short however many pages a list has.
const NEIGHBOURS: usize = 2;

/// The number of pages a list of `items` entries takes, `size` a page: at least 1.
pub(crate) fn page_count(items: usize, size: usize) -> usize {
    items.div_ceil(size.max(1)).max(1)
}

/// The URL of page `part` (0-based) of the list at `base` (`a-z/`).
pub(crate) fn page_url(base: &str, part: usize) -> String {
    if part == 0 {
        base.to_string()
    } else {
        format!("{base}page/{}/", part + 1)
    }
}

/// The positions of the entries page `part` (0-based) shows.
pub(crate) fn page_range(part: usize, items: usize, size: usize) -> Range<usize> {
    let start = part.saturating_mul(size).min(items);
    start..start.saturating_add(size).min(items)
}

/// An anchor on a paginated list that other pages may link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// An A to Z letter section (`#letter-b`).
    Letter(char),
    /// A kind of source on the references page (`#guideline`).
    SourceKind(SourceKind),
}

/// The order of the paginated lists that are the same for every page, worked out once per
/// build, and where each anchor of theirs lives.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    /// Entries per page.
    pub size: usize,
    /// Indexes into `site.a_to_z` in the order shown: `#`, then A to Z.
    pub a_to_z: Vec<usize>,
    /// Source ids in the order shown: by kind, then by title.
    pub sources: Vec<String>,
    /// Position in `a_to_z` of each letter's first entry (`#` is slot 0, `A` slot 1, ...).
    letter_first: [Option<usize>; 27],
    /// Position in `sources` of each kind's first source.
    kind_first: HashMap<SourceKind, usize>,
    kind_count: HashMap<SourceKind, usize>,
}

/// The slot of an A to Z letter: `#` is 0, `A` 1, ... `Z` 26.
pub(crate) fn letter_slot(letter: char) -> usize {
    if letter.is_ascii_uppercase() {
        (letter as u8 - b'A') as usize + 1
    } else {
        0
    }
}

impl Lists {
    /// The lists of `site`.
    pub(crate) fn new(site: &Site) -> Self {
        let mut a_to_z: Vec<usize> = (0..site.a_to_z.len()).collect();
        a_to_z.sort_by_key(|&i| letter_slot(site.a_to_z[i].letter));
        let mut letter_first = [None; 27];
        for (at, &i) in a_to_z.iter().enumerate() {
            letter_first[letter_slot(site.a_to_z[i].letter)].get_or_insert(at);
        }
        let mut sources: Vec<(usize, String, &str)> = site
            .registry
            .iter()
            .map(|(id, r)| {
                let kind = SourceKind::ALL.iter().position(|&k| k == r.kind);
                (
                    kind.unwrap_or(usize::MAX),
                    r.title.to_lowercase(),
                    id.as_str(),
                )
            })
            .collect();
        sources.sort();
        let sources: Vec<String> = sources
            .into_iter()
            .map(|(_, _, id)| id.to_string())
            .collect();
        let mut kind_first = HashMap::new();
        let mut kind_count: HashMap<SourceKind, usize> = HashMap::new();
        for (at, id) in sources.iter().enumerate() {
            if let Some(r) = site.registry.get(id) {
                kind_first.entry(r.kind).or_insert(at);
                *kind_count.entry(r.kind).or_default() += 1;
            }
        }
        Lists {
            size: site.config.page_size,
            a_to_z,
            sources,
            letter_first,
            kind_first,
            kind_count,
        }
    }

    /// How many sources are of `kind`.
    pub(crate) fn kind_count(&self, kind: SourceKind) -> usize {
        self.kind_count.get(&kind).copied().unwrap_or(0)
    }

    /// The page (URL from the site root) and fragment id of `anchor`, or `None` when the list
    /// has no such entry (an empty letter, a kind with no sources).
    pub(crate) fn anchor_url(&self, anchor: Anchor) -> Option<(String, String)> {
        let (base, at, id) = match anchor {
            Anchor::Letter(letter) => (
                A_TO_Z_URL,
                self.letter_first[letter_slot(letter)]?,
                super::views::letter_id(letter),
            ),
            Anchor::SourceKind(kind) => (
                super::references::REFERENCES_URL,
                *self.kind_first.get(&kind)?,
                kind.slug().to_string(),
            ),
        };
        Some((page_url(base, at / self.size.max(1)), id))
    }
}

/// The URL of the A to Z.
pub(crate) const A_TO_Z_URL: &str = "a-z/";

/// The pagination of one page of a list, as `_pagination.html` and the head's `<link rel>`
/// show it. Pages of a list that fits on one page have none.
#[derive(Debug, Serialize)]
pub(crate) struct PaginationView {
    /// The navigation's accessible name, e.g. "Pages of the A to Z".
    pub label: String,
    /// This page's number (1-based).
    pub number: usize,
    /// How many pages.
    pub count: usize,
    /// Link to the previous page, if any.
    pub prev: Option<String>,
    /// Link to the next page, if any.
    pub next: Option<String>,
    /// The numbered links shown: the first, the last and the pages next to this one.
    pub links: Vec<PageLink>,
}

/// One numbered link of the pagination.
#[derive(Debug, Serialize)]
pub(crate) struct PageLink {
    /// Page number (1-based).
    pub number: usize,
    /// Relative link.
    pub href: String,
    /// True for the page shown.
    pub current: bool,
    /// True when numbers are left out before this one.
    pub gap_before: bool,
}

/// The pagination of page `part` (0-based) of `count` of the list at `base`, with links made
/// by `href` (from a URL relative to the site root); `None` for a single page.
pub(crate) fn pagination(
    label: String,
    base: &str,
    part: usize,
    count: usize,
    href: impl Fn(&str) -> String,
) -> Option<PaginationView> {
    if count <= 1 {
        return None;
    }
    let link = |p: usize| href(&page_url(base, p));
    let shown = (0..count).filter(|&p| p == 0 || p + 1 == count || p.abs_diff(part) <= NEIGHBOURS);
    let mut links = Vec::new();
    let mut last: Option<usize> = None;
    for p in shown {
        links.push(PageLink {
            number: p + 1,
            href: link(p),
            current: p == part,
            gap_before: last.is_some_and(|l| p > l + 1),
        });
        last = Some(p);
    }
    Some(PaginationView {
        label,
        number: part + 1,
        count,
        prev: (part > 0).then(|| link(part - 1)),
        next: (part + 1 < count).then(|| link(part + 1)),
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_a_list_and_the_first_keeps_its_url() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_url("a-z/", 0), "a-z/");
        assert_eq!(page_url("a-z/", 1), "a-z/page/2/");
        assert_eq!(page_range(1, 25, 10), 10..20);
        assert_eq!(page_range(2, 25, 10), 20..25);
        assert_eq!(page_range(5, 25, 10), 25..25);
        // Every entry is on exactly one page.
        let covered: Vec<usize> = (0..page_count(25, 10))
            .flat_map(|p| page_range(p, 25, 10))
            .collect();
        assert_eq!(covered, (0..25).collect::<Vec<_>>());
    }

    #[test]
    fn pagination_shows_a_bounded_window_of_numbers() {
        assert!(pagination("x".into(), "a-z/", 0, 1, str::to_string).is_none());
        let p = pagination("x".into(), "a-z/", 49, 100, str::to_string).expect("paged");
        let numbers: Vec<usize> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 48, 49, 50, 51, 52, 100]);
        let gaps: Vec<bool> = p.links.iter().map(|l| l.gap_before).collect();
        assert_eq!(gaps, [false, true, false, false, false, false, true]);
        assert_eq!(p.prev.as_deref(), Some("a-z/page/49/"));
        assert_eq!(p.next.as_deref(), Some("a-z/page/51/"));
        assert!(p.links.iter().filter(|l| l.current).all(|l| l.number == 50));
        let first = pagination("x".into(), "a-z/", 0, 3, str::to_string).expect("paged");
        assert_eq!(first.prev, None);
        assert_eq!(first.links[0].href, "a-z/");
    }
}
