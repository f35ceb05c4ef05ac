//! The A to Z: every article title, symptom name and other name (`aliases`, `aka`) in one
//! alphabetical list, each pointing at its page.

use super::regions::Region;
use super::symptoms::Symptom;
use crate::load::Article;

/// What an A to Z entry points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AzTarget {
    /// An article, by index.
    Article(usize),
    /// A symptom page, by index.
    Symptom(usize),
    /// A body region page, by index.
    Region(usize),
}

/// One line of the A to Z.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzEntry {
    /// The name shown.
    pub label: String,
    /// The page it leads to.
    pub target: AzTarget,
    /// True when `label` is another name for the target (shown as "see ...").
    pub is_other_name: bool,
    /// The group it is listed under: `A`..`Z`, or `#` for anything else.
    pub letter: char,
}

/// The letter an entry is filed under.
pub fn letter_of(label: &str) -> char {
    match label.trim_start().chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

/// All entries, sorted by letter group, then label (case-insensitive), then main names first.
pub fn entries(articles: &[Article], symptoms: &[Symptom], regions: &[Region]) -> Vec<AzEntry> {
    let mut entries = Vec::new();
    let mut push = |label: &str, target: AzTarget, is_other_name: bool| {
        if !label.trim().is_empty() {
            entries.push(AzEntry {
                label: label.trim().to_string(),
                target,
                is_other_name,
                letter: letter_of(label),
            });
        }
    };
    for (i, article) in articles.iter().enumerate() {
        push(&article.front.title, AzTarget::Article(i), false);
        for alias in &article.front.aliases {
            push(alias, AzTarget::Article(i), true);
        }
    }
    for (i, symptom) in symptoms.iter().enumerate() {
        push(&symptom.name, AzTarget::Symptom(i), false);
        for aka in &symptom.aka {
            push(aka, AzTarget::Symptom(i), true);
        }
    }
    for (i, region) in regions.iter().enumerate() {
        push(region.name, AzTarget::Region(i), false);
    }
    let group = |c: char| if c == '#' { 0 } else { 1 + c as u32 };
    entries.sort_by_cached_key(|e| {
        let target = match e.target {
            AzTarget::Article(i) => (0, i),
            AzTarget::Symptom(i) => (1, i),
            AzTarget::Region(i) => (2, i),
        };
        (
            group(e.letter),
            e.label.to_lowercase(),
            e.is_other_name,
            target,
        )
    });
    entries.dedup_by(|a, b| a.target == b.target && a.label.eq_ignore_ascii_case(&b.label));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_group_non_letters_under_hash() {
        assert_eq!(letter_of("back pain"), 'B');
        assert_eq!(letter_of("12 signs"), '#');
        assert_eq!(letter_of("Évora"), '#');
    }
}
