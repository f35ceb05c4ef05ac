//! The home page's finder form as templates see it: the terms of every taxonomy that feeds the
//! finder (`finder = true`), each taxonomy on its own, each term with its checkbox's id, `name`
//! and `data-finder-set` (which tell `static/finder.js` where its parts are), and what the
//! finder calls what the reader ticks.

use super::Linker;
use super::views::{SymptomRef, TermAt};
use crate::config::SiteConfig;
use crate::crosslink::Site;
use crate::load::Level;
use serde::Serialize;

/// The finder's part of the home page's view.
#[derive(Serialize)]
pub(crate) struct FinderForm<'a> {
    /// Each taxonomy the finder offers, in `site.toml`'s order (empty when none does).
    pub finder: Vec<FinderSet<'a>>,
    /// The emergency signs among their terms: each taxonomy's, by name, in that order.
    pub finder_emergency: Vec<FinderTerm<'a>>,
    /// What the finder calls what the reader ticks ("symptom", "condition or treatment").
    pub finder_words: Words,
    /// Whether `finder_words.one` starts with a vowel letter (for English's "an"): the variable
    /// `vowel` of i18n's `finder-status-start`.
    pub finder_vowel: bool,
}

/// A taxonomy the finder offers.
#[derive(Serialize)]
pub(crate) struct FinderSet<'a> {
    /// Its name, e.g. `treatments`.
    pub name: &'a str,
    /// Its plain name, e.g. `Treatments`.
    pub label: String,
    /// What several of its terms are called, e.g. `treatments`, `body systems`.
    pub plural: String,
    /// Whether some of its terms are emergency signs.
    pub has_emergency: bool,
    /// Its terms, by name.
    pub terms: Vec<FinderTerm<'a>>,
}

/// A term with its checkbox.
#[derive(Clone, Serialize)]
pub(crate) struct FinderTerm<'a> {
    /// Slug, name, level and the link to its page.
    #[serde(flatten)]
    pub term: SymptomRef<'a>,
    /// The checkbox's id: `finder-<slug>` for the taxonomy of articles, else
    /// `finder-<taxonomy>--<slug>` (no slug holds `--`, so no two are the same).
    pub id: String,
    /// The checkbox's `name`: what one term of its taxonomy is called (`symptom`, `body-system`).
    pub field: String,
    /// The checkbox's `data-finder-set`: empty for the taxonomy of articles, else the taxonomy's
    /// name.
    pub set: &'a str,
}

/// The finder form of `site`'s home page.
pub(crate) fn form<'a>(linker: &Linker<'_>, site: &'a Site) -> FinderForm<'a> {
    super::reuse::note(super::reuse::Read::Lists);
    let mut finder = Vec::new();
    let first = site.config.article_taxonomy();
    if first.finder {
        let field = field_of(first);
        let terms = by_name(site.symptoms.iter().map(|s| s.name.as_str()))
            .map(|i| FinderTerm {
                term: linker.any_term_ref(site, TermAt::Symptom(i)),
                id: format!("finder-{}", site.symptoms[i].slug),
                field: field.clone(),
                set: "",
            })
            .collect();
        finder.push(set_of(&first.name, first.plural(), terms));
    }
    for (set, terms) in site.term_sets.iter().enumerate() {
        let name = terms.taxonomy.name.as_str();
        if !terms.taxonomy.finder {
            continue;
        }
        let field = field_of(&terms.taxonomy);
        let mine = by_name(terms.terms.iter().map(|t| t.name.as_str()))
            .map(|i| FinderTerm {
                term: linker.any_term_ref(site, TermAt::Term(set, i)),
                id: format!("finder-{name}--{}", terms.terms[i].slug),
                field: field.clone(),
                set: name,
            })
            .collect();
        finder.push(set_of(name, terms.taxonomy.plural(), mine));
    }
    let finder_emergency = finder
        .iter()
        .flat_map(|set| &set.terms)
        .filter(|t| t.term.level == Level::Emergency)
        .cloned()
        .collect();
    let finder_words = Words::of(&site.config);
    FinderForm {
        finder,
        finder_emergency,
        finder_vowel: finder_words.one.starts_with(['a', 'e', 'i', 'o', 'u']),
        finder_words,
    }
}

/// The checkboxes' `name` for `taxonomy`'s terms: one term's noun, hyphens for spaces.
fn field_of(taxonomy: &crate::config::Taxonomy) -> String {
    taxonomy.noun().replace(' ', "-")
}

/// A taxonomy's entry in the form.
fn set_of<'a>(name: &'a str, plural: String, terms: Vec<FinderTerm<'a>>) -> FinderSet<'a> {
    FinderSet {
        name,
        label: crate::crosslink::symptoms::name_from_slug(name),
        plural,
        has_emergency: terms.iter().any(|t| t.term.level == Level::Emergency),
        terms,
    }
}

/// The indexes of `names` in name order (case aside), ties by index.
fn by_name<'a>(names: impl Iterator<Item = &'a str>) -> impl Iterator<Item = usize> {
    let mut order: Vec<(String, usize)> = names
        .enumerate()
        .map(|(i, name)| (name.to_lowercase(), i))
        .collect();
    order.sort();
    order.into_iter().map(|(_, i)| i)
}

/// What the finder calls what the reader ticks, from the names of the taxonomies that feed it:
/// `one` ("symptom", "condition or treatment"), `many` ("symptoms", "conditions and
/// treatments") and `page`, before "pages" ("symptom", "condition and treatment").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Words {
    /// One of them.
    pub one: String,
    /// Several of them.
    pub many: String,
    /// Their pages, before "pages".
    pub page: String,
}

impl Words {
    /// The words for the taxonomies of `config` that feed the finder, in `site.toml`'s order
    /// (this guide's "symptom" when none does).
    pub(crate) fn of(config: &SiteConfig) -> Self {
        let feeding: Vec<_> = config
            .taxonomies
            .iter()
            .filter(|t| t.finder && !t.map)
            .collect();
        if feeding.is_empty() {
            return Words::symptoms();
        }
        let nouns: Vec<String> = feeding.iter().map(|t| t.noun()).collect();
        let plurals: Vec<String> = feeding.iter().map(|t| t.plural()).collect();
        Words {
            one: list_text(&nouns, "or"),
            many: list_text(&plurals, "and"),
            page: list_text(&nouns, "and"),
        }
    }

    /// This guide's words, which `static/finder.js` uses when the index gives none.
    pub(crate) fn symptoms() -> Self {
        Words {
            one: "symptom".into(),
            many: "symptoms".into(),
            page: "symptom".into(),
        }
    }
}

/// "a", "a and b", "a, b and c" (with `and` the joining word).
fn list_text(items: &[String], and: &str) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
        _ => items.concat(),
    }
}
