//! The symptom vocabulary, the term file of the site's taxonomy of articles
//! (`articles/symptoms.toml` by default): one table per symptom slug.

use crate::diagnostic::{Diagnostic, Kind, line_col};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Where the tests' vocabulary lives, relative to the site root (a site's taxonomy of articles
/// names its own term file, `terms` in `site.toml`).
#[cfg(test)]
const VOCABULARY_FILE: &str = "articles/symptoms.toml";

/// How soon a reader with this symptom should get help.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// See a doctor if it goes on or worries you.
    #[default]
    Routine,
    /// Get help the same day.
    Urgent,
    /// Call the emergency number now.
    Emergency,
}

/// The fields a term of the taxonomy of articles has besides the map's key (`regions`): a map
/// taxonomy may not take one of them as its key.
pub(crate) const TERM_FIELDS: [&str; 4] = ["name", "aka", "description", "level"];

/// One symptom as the editors defined it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SymptomDef {
    /// Plain name, e.g. "Tingling in the back".
    pub name: String,
    /// Other names readers use, e.g. "pins and needles".
    #[serde(default)]
    pub aka: Vec<String>,
    /// One or two sentences.
    #[serde(default)]
    pub description: String,
    /// How urgent it is.
    #[serde(default)]
    pub level: Level,
    /// Where on the body it is felt, slugs of the body regions (the map taxonomy's terms); empty
    /// for whole-body symptoms.
    #[serde(default)]
    pub regions: Vec<toml::Spanned<String>>,
    /// The line in `symptoms.toml` where the symptom is defined (its `[slug]` header), kept from
    /// loading so that `check` places its warnings without reading the file again.
    #[serde(skip)]
    pub line: usize,
}

/// The symptom vocabulary: slug -> definition, in slug order.
pub type Vocabulary = BTreeMap<String, SymptomDef>;

/// True for slugs made of lower-case ASCII letters, digits and single inner hyphens.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// What a term file's messages call its terms and the map's parts, and the key the terms name
/// those parts with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Names<'a> {
    /// One term: `symptom`, `condition`.
    pub(crate) term: &'a str,
    /// The key of the map's parts in a term: `regions`, `systems`.
    pub(crate) map_key: &'a str,
    /// One part of the map: `region`, `body system`.
    pub(crate) map_part: &'a str,
    /// The parts together, for a list: `Regions`, `Body systems`.
    pub(crate) map_label: &'a str,
}

/// The names of the built-in taxonomies: symptoms, and body regions under `regions`.
pub(crate) const SYMPTOMS: Names<'static> = Names {
    term: "symptom",
    map_key: "regions",
    map_part: "region",
    map_label: "Regions",
};

/// Parses the vocabulary text, read from `file`, whose symptoms may name the body regions
/// `regions` (slugs, in map order) under `regions = [...]`; every problem found is returned.
#[cfg(test)]
pub(crate) fn parse(
    file: &str,
    text: &str,
    regions: &[&str],
) -> Result<Vocabulary, Vec<Diagnostic>> {
    parse_keyed(file, text, regions, &SYMPTOMS)
}

/// `parse`, for a taxonomy whose terms and map are called `names` and whose terms name the
/// map's parts under `names.map_key` (the map taxonomy's key).
pub(crate) fn parse_keyed(
    file: &str,
    text: &str,
    regions: &[&str],
    names: &Names<'_>,
) -> Result<Vocabulary, Vec<Diagnostic>> {
    let source = file;
    let file = Path::new(file);
    let Names { term, map_key, .. } = *names;
    let fields = format!(
        "a {term} has `name`, and optionally `aka`, `description`, `level` and `{map_key}`"
    );
    let needs = format!("every {term} needs at least `name = \"...\"`");
    let error = |e: toml::de::Error| {
        let d = toml_error(file, text, &e, &fields, &needs);
        vec![d]
    };
    // One parse gives the values and where each symptom's name is written.
    let mut table = toml::de::DeTable::parse(text).map_err(error)?;
    let index = crate::diagnostic::LineIndex::new(text);
    if map_key != "regions" {
        rename_map_key(&mut table, map_key).map_err(|span| {
            let (line, column) = index.line_col(span.start);
            vec![Diagnostic::error(
                Kind::UnknownKey,
                file,
                format!("unknown field `regions`: this site's terms name their body map's parts with `{map_key}`"),
            )
            .at(line, column)
            .hint(format!("write `{map_key} = [...]` instead"))]
        })?;
    }
    let lines: std::collections::HashMap<String, usize> = table
        .get_ref()
        .keys()
        .map(|k| (k.get_ref().to_string(), index.line_col(k.span().start).0))
        .collect();
    let mut vocabulary =
        Vocabulary::deserialize(toml::de::Deserializer::from(table)).map_err(error)?;
    for (slug, def) in &mut vocabulary {
        def.line = lines.get(slug).copied().unwrap_or(1);
    }
    let problems: Vec<Diagnostic> = vocabulary
        .iter()
        .filter_map(|(slug, def)| check_symptom(source, text, regions, names, (slug, def)))
        .collect();
    if problems.is_empty() {
        Ok(vocabulary)
    } else {
        Err(problems)
    }
}

/// Reads each term's `map_key` list as its `regions`; a `regions` key is refused (its span).
fn rename_map_key(
    table: &mut toml::Spanned<toml::de::DeTable<'_>>,
    map_key: &str,
) -> Result<(), std::ops::Range<usize>> {
    for (_, value) in table.get_mut().iter_mut() {
        let toml::de::DeValue::Table(term) = value.get_mut() else {
            continue;
        };
        if let Some((k, _)) = term.remove_entry("regions") {
            return Err(k.span());
        }
        if let Some((k, v)) = term.remove_entry(map_key) {
            let renamed = toml::Spanned::new(k.span(), std::borrow::Cow::Borrowed("regions"));
            term.insert(renamed, v);
        }
    }
    Ok(())
}

fn check_symptom(
    file: &str,
    text: &str,
    regions: &[&str],
    names: &Names<'_>,
    (slug, def): (&str, &SymptomDef),
) -> Option<Diagnostic> {
    let Names {
        term,
        map_part,
        map_label,
        ..
    } = *names;
    let error =
        |message: String| Diagnostic::error(Kind::InvalidValue, file, message).at_line(def.line);
    if !is_slug(slug) {
        let fixed = crate::markdown::slugify(slug).replace('_', "-");
        return Some(
            error(format!("`{slug}` is not a valid {term} slug")).hint(format!(
                "use lower-case letters, digits and hyphens, for example `{fixed}`"
            )),
        );
    }
    if def.name.trim().is_empty() {
        return Some(error(format!("{term} `{slug}` has an empty name")));
    }
    let known = || regions.iter().copied();
    let bad = def
        .regions
        .iter()
        .find(|r| !known().any(|k| k == r.get_ref()))?;
    let (line, column) = line_col(text, bad.span().start);
    let hint = match crate::diagnostic::did_you_mean(bad.get_ref(), known()) {
        Some(close) => format!(
            "did you mean `{close}`? {map_label}: {}",
            known().collect::<Vec<_>>().join(", ")
        ),
        None if regions.is_empty() => {
            "the site has no body regions: define them in the map taxonomy's term file (articles/regions.toml), or remove `regions`".to_string()
        }
        None => format!("use one of: {}", known().collect::<Vec<_>>().join(", ")),
    };
    Some(
        Diagnostic::error(
            Kind::InvalidValue,
            file,
            format!("unknown {map_part} `{}` in {term} `{slug}`", bad.get_ref()),
        )
        .at(line, column)
        .hint(hint),
    )
}

/// A TOML error in a term or data file `file` (its `text`) as a diagnostic at its place: an
/// unknown or a missing field gets its own kind and the file's hint for it (`unknown`,
/// `missing`); any other error has no hint.
pub(crate) fn toml_error(
    file: impl Into<std::path::PathBuf>,
    text: &str,
    e: &toml::de::Error,
    unknown: &str,
    missing: &str,
) -> Diagnostic {
    let message = e.message().trim().replace('\n', " ");
    let mut d = Diagnostic::error(Kind::Toml, file, message.clone());
    if message.starts_with("unknown field") {
        d.kind = Kind::UnknownKey;
        d = d.hint(unknown);
    } else if message.starts_with("missing field") {
        d.kind = Kind::MissingKey;
        d = d.hint(missing);
    }
    if let Some(span) = e.span() {
        let (line, column) = line_col(text, span.start);
        d = d.at(line, column);
    }
    d
}

/// The line of every `[name]` (or `["name"]`) table header, the first when a name repeats: built
/// once per file, so that locating each of many entries does not rescan the file.
pub(crate) fn table_lines(text: &str) -> std::collections::HashMap<&str, usize> {
    let mut lines = std::collections::HashMap::new();
    for (number, line) in text.lines().enumerate() {
        let Some(rest) = line.trim().strip_prefix('[') else {
            continue;
        };
        let name = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split_once("\"]").map(|(name, _)| name),
            None => rest.split_once(']').map(|(name, _)| name),
        };
        if let Some(name) = name {
            lines.entry(name).or_insert(number + 1);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGIONS: [&str; 8] = [
        "neck",
        "upper-back",
        "middle-back",
        "lower-back",
        "buttocks-hips",
        "arms-hands",
        "legs",
        "feet",
    ];

    fn parse(text: &str) -> Result<Vocabulary, Vec<Diagnostic>> {
        super::parse(VOCABULARY_FILE, text, &REGIONS)
    }

    #[test]
    fn parses_symptoms_with_defaults() {
        let v = parse("[numbness]\nname = \"Numbness\"\n\n[saddle]\nname = \"S\"\nlevel = \"emergency\"\naka = [\"x\"]\n")
            .expect("valid");
        assert_eq!(v["numbness"].level, Level::Routine);
        assert_eq!(v["saddle"].level, Level::Emergency);
        assert_eq!(v["saddle"].aka, vec!["x".to_string()]);
    }

    #[test]
    fn rejects_bad_level_unknown_key_and_bad_slug_with_lines() {
        let level = parse("[a]\nname = \"A\"\nlevel = \"severe\"\n").expect_err("bad level");
        assert_eq!((level[0].kind, level[0].line), (Kind::Toml, Some(3)));
        let key = parse("[a]\nname = \"A\"\nakas = []\n").expect_err("typo");
        assert_eq!((key[0].kind, key[0].line), (Kind::UnknownKey, Some(3)));
        let slug = parse("[ok]\nname = \"A\"\n[Back_Pain]\nname = \"B\"\n").expect_err("slug");
        assert_eq!((slug[0].kind, slug[0].line), (Kind::InvalidValue, Some(3)));
        assert!(
            slug[0]
                .hint
                .as_deref()
                .unwrap_or_default()
                .contains("back-pain")
        );
    }

    #[test]
    fn unknown_region_is_located_with_a_suggestion() {
        let v = parse("[a]\nname = \"A\"\nregions = [\"neck\", \"lower-bak\"]\n")
            .expect_err("bad region");
        assert_eq!(
            (v[0].kind, v[0].line, v[0].column),
            (Kind::InvalidValue, Some(3), Some(20))
        );
        assert!(
            v[0].hint
                .as_deref()
                .unwrap_or_default()
                .contains("`lower-back`"),
            "{:?}",
            v[0].hint
        );
        let ok = parse("[a]\nname = \"A\"\nregions = [\"legs\"]\n").expect("valid");
        assert_eq!(ok["a"].regions[0].get_ref(), "legs");
        let limbs = parse("[a]\nname = \"A\"\nregions = [\"arms-hands\", \"feet\"]\n")
            .expect("new regions");
        assert_eq!(limbs["a"].regions[1].get_ref(), "feet");
    }

    #[test]
    fn slug_rules() {
        assert!(is_slug("back-pain") && is_slug("b12"));
        assert!(
            !is_slug("Back-pain") && !is_slug("back pain") && !is_slug("-a") && !is_slug("a--b")
        );
    }
}
