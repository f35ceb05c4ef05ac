//! The clinical-safety warnings of `check`: emergency signs without emergency advice, emergency
//! symptoms the emergency page leaves out, articles that never say when to get help, care entries
//! less urgent than their symptoms, free text that nearly repeats a shared entry, and emergency
//! numbers written as plain numbers instead of `{{emergency}}`.

use crate::crosslink::Site;
use crate::crosslink::care::{list_name, normalized};
use crate::diagnostic::{Diagnostic, Kind};
use crate::load::care::{CARE_FILE, Placed};
use crate::load::{Article, CareEntry, Level, SymptomRef};

/// Free text this similar to a shared entry (normalized Levenshtein, 0 to 1) is a near repeat.
pub(crate) const NEAR_DUPLICATE: f64 = 0.8;

/// Emergency numbers `check` looks for in text besides the site's own.
const COMMON_EMERGENCY_NUMBERS: [&str; 3] = ["911", "999", "112"];

/// Every safety warning for the site.
pub(crate) fn warnings(site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (i, article) in site.articles.iter().enumerate() {
        found.extend(no_emergency_advice(site, i));
        found.extend(no_care_advice(site, article));
        found.extend(near_duplicates(site, article));
        found.extend(plain_emergency_numbers(site, article));
    }
    found.extend(emergency_signs_missing(site));
    found.extend(care_below_symptoms(site));
    found
}

/// The first emergency-level term article `i` names, of the taxonomy of articles or of a
/// further taxonomy that feeds the emergency page, with where the article names it.
fn emergency_term(site: &Site, i: usize) -> Option<(&str, Option<&SymptomRef>)> {
    let article = &site.articles[i];
    let first = site.links[i]
        .symptoms
        .iter()
        .map(|&s| &site.symptoms[s])
        .find(|s| s.level == Level::Emergency)
        .map(|s| (s, article.symptoms.as_slice()));
    let further = site
        .term_sets
        .iter()
        .filter(|set| set.taxonomy.emergency)
        .find_map(|set| {
            let term = set
                .per_article
                .get(i)?
                .iter()
                .map(|&t| &set.terms[t])
                .find(|t| t.level == Level::Emergency)?;
            let named = article.terms.get(&set.taxonomy.key)?;
            Some((term, named.as_slice()))
        });
    let (term, named) = first.or(further)?;
    Some((
        term.slug.as_str(),
        named.iter().find(|r| r.slug == term.slug),
    ))
}

fn no_emergency_advice(site: &Site, i: usize) -> Option<Diagnostic> {
    let article = &site.articles[i];
    if article.care.iter().any(|c| c.level == Level::Emergency) {
        return None;
    }
    let (slug, named) = emergency_term(site, i)?;
    let d = Diagnostic::warning(
        Kind::NoEmergencyAdvice,
        &article.source,
        format!("the article is about `{slug}`, an emergency sign, but gives no emergency advice"),
    )
    .hint("add the emergency care entry for it to `emergency = [...]` in [care]");
    Some(match named {
        Some(r) => d.at(r.line, r.column),
        None => d.at_line(1),
    })
}

fn no_care_advice(site: &Site, article: &Article) -> Option<Diagnostic> {
    let first = article.symptoms.first()?;
    let terms = site.config.article_taxonomy().plural();
    article.care.is_empty().then(|| {
        Diagnostic::warning(
            Kind::NoCareAdvice,
            &article.source,
            format!("the article has {terms} but does not say when to get help"),
        )
        .at(first.line, first.column)
        .hint("add a [care] table with `emergency`, `urgent` or `routine` items (ids from articles/care.toml)")
    })
}

fn near_duplicates(site: &Site, article: &Article) -> Vec<Diagnostic> {
    let entries: Vec<(&str, String)> = site
        .care
        .entries
        .iter()
        .map(|e| (e.id.as_str(), normalized(&e.text)))
        .collect();
    article
        .care
        .iter()
        .filter(|c| !c.is_id())
        .filter_map(|item| {
            let text = normalized(&item.item);
            let (id, score) = entries
                .iter()
                .map(|(id, entry)| (*id, strsim::normalized_levenshtein(&text, entry)))
                .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
            (score >= NEAR_DUPLICATE).then(|| {
                Diagnostic::warning(
                    Kind::NearDuplicateCare,
                    &article.source,
                    format!(
                        "this advice nearly repeats the shared care entry `{id}` ({:.0}% alike)",
                        score * 100.0
                    ),
                )
                .at(item.line, item.column)
                .hint(format!(
                    "write `\"{id}\"` instead, so the sign reads the same on every page"
                ))
            })
        })
        .collect()
}

/// Byte offsets of `number` in `text` where it stands alone (no digit just before or after).
fn standalone(text: &str, number: &str) -> Vec<usize> {
    let digit_at = |i: usize| text.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
    text.match_indices(number)
        .map(|(i, _)| i)
        .filter(|&i| (i == 0 || !digit_at(i - 1)) && !digit_at(i + number.len()))
        .collect()
}

/// Offsets in `text` of any emergency number written out.
fn numbers_in(text: &str, own: &str) -> Vec<usize> {
    let mut found: Vec<usize> = COMMON_EMERGENCY_NUMBERS
        .iter()
        .copied()
        .chain(std::iter::once(own).filter(|n| n.chars().any(|c| c.is_ascii_digit())))
        .flat_map(|n| standalone(text, n))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

fn plain_emergency_numbers(site: &Site, article: &Article) -> Vec<Diagnostic> {
    let own = site.config.emergency_number.trim();
    let warn = |line: usize, column: usize| {
        Diagnostic::warning(
            Kind::PlainEmergencyNumber,
            &article.source,
            "an emergency number is written as a plain number",
        )
        .at(line, column)
        .hint("write {{emergency}}: it becomes the number set in site.toml (`emergency_number`)")
    };
    let mut found = Vec::new();
    let body = &article.body;
    for range in crate::markdown::text_ranges(body) {
        for offset in numbers_in(&body[range.clone()], own) {
            let (line, column) = article.body_position(range.start + offset);
            found.push(warn(line, column));
        }
    }
    for item in article.care.iter().filter(|c| !c.is_id()) {
        if let Some(&offset) = numbers_in(&item.item, own).first() {
            found.push(warn(
                item.line,
                item.column + 1 + item.item[..offset].chars().count(),
            ));
        }
    }
    found.dedup();
    found
}

/// Emergency-level terms no emergency care entry names, so the emergency page's signs leave them
/// out: of the taxonomy of articles (named by `symptoms = [...]` or its own key), then of each
/// further taxonomy with `emergency = true` (named by its key), in `site.toml`'s order.
fn emergency_signs_missing(site: &Site) -> Vec<Diagnostic> {
    let first = site.config.article_taxonomy();
    let mut found =
        unnamed_emergency_terms(site, &site.symptoms, &first.terms, "symptoms", |e, slug| {
            e.symptoms.iter().any(|s| s.value == slug)
        });
    for set in site.term_sets.iter().filter(|set| set.taxonomy.emergency) {
        let key = set.taxonomy.key.as_str();
        found.extend(unnamed_emergency_terms(
            site,
            &set.terms,
            &set.taxonomy.terms,
            key,
            |e, slug| e.slugs_of(key).any(|s| s.value == slug),
        ));
    }
    found
}

/// The `emergency-sign-missing` warnings for `terms` (defined in the term file `file`): each
/// emergency-level term that no emergency entry names, where `names(entry, slug)` says whether
/// an entry names the term `slug` and `key` is what an entry lists these terms under.
fn unnamed_emergency_terms(
    site: &Site,
    terms: &[crate::crosslink::Symptom],
    file: &str,
    key: &str,
    names: impl Fn(&CareEntry, &str) -> bool,
) -> Vec<Diagnostic> {
    let emergency: Vec<&CareEntry> = (site.care.entries.iter())
        .filter(|e| e.level == Level::Emergency)
        .collect();
    terms
        .iter()
        .filter(|t| t.level == Level::Emergency)
        .filter(|t| !emergency.iter().any(|e| names(e, &t.slug)))
        .map(|t| {
            let d = Diagnostic::warning(
                Kind::EmergencySignMissing,
                file,
                format!(
                    "`{}` is an emergency sign, but no emergency care entry names it, so the emergency page leaves it out",
                    t.slug
                ),
            )
            .hint(format!(
                "add `{key} = [\"{}\"]` to an emergency entry in {CARE_FILE}",
                t.slug
            ));
            match t.line {
                Some(line) => d.at_line(line),
                None => d,
            }
        })
        .collect()
}

/// Care entries less urgent than a term they name: of the taxonomy of articles (`symptoms`, or
/// its own key), or of a further taxonomy with `emergency = true`, whose terms' levels count.
fn care_below_symptoms(site: &Site) -> Vec<Diagnostic> {
    let first = site.config.article_taxonomy();
    let mut found: Vec<Diagnostic> = site
        .care
        .entries
        .iter()
        .flat_map(|e| e.symptoms.iter().map(move |s| (e, s)))
        .filter_map(|(entry, s)| below(entry, s, &site.symptoms, &first.noun()))
        .collect();
    for set in site.term_sets.iter().filter(|set| set.taxonomy.emergency) {
        let noun = set.taxonomy.noun();
        found.extend(site.care.entries.iter().flat_map(|entry| {
            entry
                .slugs_of(&set.taxonomy.key)
                .filter_map(|s| below(entry, s, &set.terms, &noun))
                .collect::<Vec<_>>()
        }));
    }
    found.sort_by_key(|d| (d.line, d.column));
    found
}

/// The warning for `entry` naming the term `slug` (one of `terms`, called `noun`) when the entry
/// is less urgent than the term.
fn below(
    entry: &CareEntry,
    slug: &Placed,
    terms: &[crate::crosslink::Symptom],
    noun: &str,
) -> Option<Diagnostic> {
    let level = terms.iter().find(|t| t.slug == slug.value)?.level;
    (entry.level < level).then(|| {
        Diagnostic::warning(
            Kind::CareBelowSymptom,
            CARE_FILE,
            format!(
                "care entry `{}` is {} advice, but its {noun} `{}` is {}",
                entry.id,
                list_name(entry.level),
                slug.value,
                list_name(level)
            ),
        )
        .at(slug.line, slug.column)
        .hint(format!(
            "raise the entry's `level`, or tag it with a {noun} of its own level"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_found_only_standing_alone() {
        assert_eq!(standalone("call 911 or 1911 or 9110", "911"), vec![5]);
        assert_eq!(numbers_in("999, then 112 and 000", "000"), vec![0, 10, 18]);
        assert!(numbers_in("call {{emergency}}", "911").is_empty());
    }
}
