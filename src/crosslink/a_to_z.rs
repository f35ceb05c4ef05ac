//! The A to Z: every article title, symptom name and other name (`aliases`, `aka`) in one
//! alphabetical list, each pointing at its page. Each name is listed once: an article and a
//! symptom page with the same name share one line, and another name that is already a main name,
//! or is given for two pages, is not repeated.

use super::regions::Region;
use super::symptoms::Symptom;
use super::terms::TermSet;
use crate::config::SiteConfig;
use crate::load::Article;
use rayon::prelude::*;
use std::sync::Arc;

/// What an A to Z entry points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AzTarget {
    /// An article, by index.
    Article(usize),
    /// A symptom page, by index.
    Symptom(usize),
    /// A body region page, by index.
    Region(usize),
    /// A term page of an extra taxonomy: (term set, term), by index.
    Term(usize, usize),
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
    /// Other pages with the same main name (a symptom page named like an article), linked from
    /// the same line.
    pub also: Vec<AzTarget>,
}

/// The letter an entry is filed under: its first letter without its accent ("Évora" under E,
/// "Ñandú" under N), `#` for anything else (a digit, a letter of another script).
pub(crate) fn letter_of(label: &str) -> char {
    let first = label.trim_start().chars().next().unwrap_or('#');
    let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd();
    let base = nfd.normalize(first.encode_utf8(&mut [0; 4])).chars().next();
    match base {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

/// The A to Z's order in the site's language: ICU4X's collation (CLDR's rules for the
/// language), by case-insensitive sort keys ("ciática" between "ciatica" and "cicatriz").
struct Order(Option<icu_collator::CollatorBorrowed<'static>>);

impl Order {
    /// The order of `language` (a BCP 47 tag); a tag ICU4X cannot read orders by lower-case text.
    fn of(language: &str) -> Order {
        let mut options = icu_collator::options::CollatorOptions::default();
        options.strength = Some(icu_collator::options::Strength::Secondary);
        let collator = icu_locale_core::Locale::try_from_str(language)
            .ok()
            .and_then(|locale| {
                icu_collator::CollatorBorrowed::try_new(locale.into(), options).ok()
            });
        Order(collator)
    }

    /// The sort key of `label`.
    fn key(&self, label: &str) -> Vec<u8> {
        let mut key = Vec::with_capacity(label.len() * 2);
        match &self.0 {
            Some(collator) => {
                let _ = collator.write_sort_key_to(label, &mut key);
            }
            None => key.extend(label.to_lowercase().bytes()),
        }
        key
    }
}

/// All entries, sorted by letter group, then label (case-insensitive), then main names first.
/// Symptoms, regions and the terms of `term_sets` are listed when their taxonomy's `a_to_z` is on.
pub(crate) fn entries(
    articles: &[Arc<Article>],
    symptoms: &[Symptom],
    regions: &[Region],
    term_sets: &[TermSet],
    config: &SiteConfig,
) -> Vec<AzEntry> {
    let symptoms = if config.article_taxonomy().a_to_z {
        symptoms
    } else {
        &[]
    };
    let regions = if config.map_taxonomy().is_some_and(|t| t.a_to_z) {
        regions
    } else {
        &[]
    };
    let mut entries = Vec::new();
    let mut push = |label: &str, target: AzTarget, is_other_name: bool| {
        if !label.trim().is_empty() {
            entries.push(AzEntry {
                label: label.trim().to_string(),
                target,
                is_other_name,
                letter: letter_of(label),
                also: Vec::new(),
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
        push(&region.name, AzTarget::Region(i), false);
    }
    for (set, terms) in term_sets.iter().enumerate() {
        if !terms.taxonomy.a_to_z {
            continue;
        }
        for (i, term) in terms.terms.iter().enumerate() {
            push(&term.name, AzTarget::Term(set, i), false);
            for aka in &term.aka {
                push(aka, AzTarget::Term(set, i), true);
            }
        }
    }
    let group = |c: char| if c == '#' { 0 } else { 1 + c as u32 };
    let order = Order::of(&config.language);
    // Every key is different (the target comes last), so the order is the same whatever the
    // sort; the keys are made in parallel (a collation key is the costly part).
    let mut keyed: Vec<_> = entries
        .into_par_iter()
        .map(|e| {
            let target = match e.target {
                AzTarget::Article(i) => (0, i),
                AzTarget::Symptom(i) => (1, i),
                AzTarget::Region(i) => (2, i),
                AzTarget::Term(set, i) => (3 + set, i),
            };
            let key = (
                group(e.letter),
                order.key(&e.label),
                e.label.to_lowercase(),
                e.is_other_name,
                target,
            );
            (key, e)
        })
        .collect();
    keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    one_line_per_name(keyed.into_iter().map(|(_, e)| e).collect())
}

/// Folds entries (sorted, so equal names are together and main names come first) into one line
/// per name: the first main name keeps the line and links the other pages of that name; other
/// names that repeat a main name or an earlier other name are dropped.
fn one_line_per_name(entries: Vec<AzEntry>) -> Vec<AzEntry> {
    let mut lines: Vec<AzEntry> = Vec::with_capacity(entries.len());
    for entry in entries {
        match lines.last_mut() {
            Some(last) if last.label.to_lowercase() == entry.label.to_lowercase() => {
                let known = last.target == entry.target || last.also.contains(&entry.target);
                if !entry.is_other_name && !last.is_other_name && !known {
                    last.also.push(entry.target);
                }
            }
            _ => lines.push(entry),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(label: &str, target: AzTarget, is_other_name: bool) -> AzEntry {
        AzEntry {
            label: label.into(),
            target,
            is_other_name,
            letter: letter_of(label),
            also: Vec::new(),
        }
    }

    #[test]
    fn each_name_is_listed_once() {
        use AzTarget::{Article, Symptom};
        let lines = one_line_per_name(vec![
            entry("Back spasm", Article(0), false),
            entry("back spasm", Symptom(3), false),
            entry("back spasm", Symptom(3), true),
            entry("Cauda equina syndrome", Article(1), true),
            entry("cauda equina syndrome", Article(2), true),
            entry("Tingling", Symptom(1), false),
        ]);
        let shown: Vec<(&str, AzTarget, bool, Vec<AzTarget>)> = lines
            .iter()
            .map(|l| (l.label.as_str(), l.target, l.is_other_name, l.also.clone()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Back spasm", Article(0), false, vec![Symptom(3)]),
                ("Cauda equina syndrome", Article(1), true, vec![]),
                ("Tingling", Symptom(1), false, vec![]),
            ]
        );
    }

    #[test]
    fn letters_group_non_letters_under_hash() {
        assert_eq!(letter_of("back pain"), 'B');
        assert_eq!(letter_of("12 signs"), '#');
        assert_eq!(letter_of("Évora"), 'E');
        assert_eq!(letter_of("ñandú"), 'N');
        assert_eq!(letter_of("Ωmega"), '#');
    }

    #[test]
    fn the_order_is_the_language_s() {
        let spanish = Order::of("es");
        let mut words = vec!["cicatriz", "ciática", "ciatica", "nudo", "ñandú", "oído"];
        words.sort_by_key(|w| spanish.key(w));
        assert_eq!(
            words,
            ["ciatica", "ciática", "cicatriz", "nudo", "ñandú", "oído"]
        );
        let english = Order::of("en");
        let mut words = vec!["Évora", "eye", "back pain", "Backache", "B12"];
        words.sort_by_key(|w| english.key(w));
        assert_eq!(words, ["B12", "back pain", "Backache", "Évora", "eye"]);
    }
}
