//! An edition in another language against its original: every translated article names the
//! article it translates and the version it was made from, and keeps the original's ids (its
//! symptoms, care advice and sources); every translated data file keeps the original's entries,
//! levels and regions. Advice and its thresholds are written once, in the original; a
//! translation changes only words.
//!
//! A translation made from an older version of its original is stale: a warning names what
//! changed since, and the page says so (see [`Stale`]).

use crate::diagnostic::{Diagnostic, Kind, did_you_mean};
use crate::load::{Article, Loaded};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// How many hexadecimal digits of the SHA-256 of an original a translation records.
pub(crate) const VERSION_DIGITS: usize = 12;

/// The translations of an edition whose original has changed since, by article key.
pub type Stale = std::collections::BTreeSet<String>;

/// Compares `edition` (loaded from its folder of translations) with `original` (loaded from
/// `articles/` at `root`): the problems found, and which translations are stale.
pub fn compare(root: &Path, original: &Loaded, edition: &Loaded) -> (Vec<Diagnostic>, Stale) {
    let mut problems = Vec::new();
    let mut stale = Stale::new();
    let by_key: BTreeMap<&str, &Article> = original
        .articles
        .iter()
        .map(|a| (a.key.as_str(), a.as_ref()))
        .collect();
    for translation in &edition.articles {
        let Some(of) = origin(translation, &by_key, &mut problems) else {
            continue;
        };
        same_ids(translation, of, &mut problems);
        if changed_since(root, translation, of, &mut problems) {
            stale.insert(translation.key.clone());
        }
    }
    compare_data(root, original, edition, &mut problems);
    (problems, stale)
}

/// The first `VERSION_DIGITS` hexadecimal digits of the SHA-256 of `bytes`.
pub(crate) fn version_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(VERSION_DIGITS);
    for byte in digest.iter().take(VERSION_DIGITS / 2) {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// The original `translation` names, or a problem: no `[translation]` table, an `of` that names
/// no article, or one that is not the translation's own file name (links and the language
/// switcher pair pages by it).
fn origin<'a>(
    translation: &Article,
    by_key: &BTreeMap<&str, &'a Article>,
    problems: &mut Vec<Diagnostic>,
) -> Option<&'a Article> {
    let Some(record) = &translation.front.translation else {
        problems.push(
            Diagnostic::error(
                Kind::TranslationOrigin,
                &translation.source,
                "this translation does not say what it translates",
            )
            .at_line(1)
            .hint(format!(
                "add a `[translation]` table to the front matter with `of = \"{}\"` (the original in articles/) and `version` (the first {VERSION_DIGITS} digits of its SHA-256, which `check` prints)",
                translation.key
            )),
        );
        return None;
    };
    let (line, column) = at(translation, 0);
    let of = record.of.get_ref();
    let Some(original) = by_key.get(of.as_str()).copied() else {
        let close = did_you_mean(of, by_key.keys().copied());
        problems.push(
            Diagnostic::error(
                Kind::TranslationOrigin,
                &translation.source,
                format!("`of = \"{of}\"` names no article in articles/"),
            )
            .at(line, column)
            .hint(close.map_or_else(
                || {
                    "name the original's file under articles/, for example `of = \"sciatica.md\"`"
                        .to_string()
                },
                |k| format!("did you mean `{k}`?"),
            )),
        );
        return None;
    };
    if *of != translation.key {
        problems.push(
            Diagnostic::error(
                Kind::TranslationOrigin,
                &translation.source,
                format!("this file translates `{of}`, so its name must be `{of}` too"),
            )
            .at(line, column)
            .hint(format!("rename the file to {}/{of}: pages in every language share the original's address, which links and the language switcher use", Path::new(&translation.source).parent().map_or(String::new(), |p| p.display().to_string()))),
        );
        return None;
    }
    Some(original)
}

/// Line and column in the article's file of its `[translation]` `of` (0) or `version` (1).
fn at(article: &Article, which: usize) -> (usize, usize) {
    article
        .translation_at
        .map_or((1, 1), |places| places[which])
}

/// Reports where the translation's symptoms, care ids or sources differ from the original's.
fn same_ids(translation: &Article, original: &Article, problems: &mut Vec<Diagnostic>) {
    let key = |key: &str| translation.keys.get(key).map(|p| (p.line, p.column));
    let differs = |what: &str, place: Option<(usize, usize)>, detail: String| {
        let d = Diagnostic::error(
            Kind::TranslationDiffers,
            &translation.source,
            format!("`{what}` differs from the original's ({}): {detail}", original.source.display()),
        )
        .hint(format!("copy `{what}` from the original unchanged: advice, its thresholds and its sources are the same in every language; only the words are translated"));
        match place {
            Some((line, column)) => d.at(line, column),
            None => d.at_line(1),
        }
    };
    let names = |list: &[toml::Spanned<String>]| -> Vec<String> {
        list.iter().map(|s| s.get_ref().clone()).collect()
    };
    let (mine, theirs) = (
        names(&translation.front.symptoms),
        names(&original.front.symptoms),
    );
    if mine != theirs {
        problems.push(differs(
            "symptoms",
            key("symptoms"),
            format!("{mine:?} against {theirs:?}"),
        ));
    }
    let (mine, theirs) = (
        names(&translation.front.references),
        names(&original.front.references),
    );
    if !mine.starts_with(&theirs) {
        problems.push(differs(
            "references",
            key("references"),
            format!("the original lists {theirs:?}; a translation lists those first, then any sources of its own language"),
        ));
    }
    for (level, (mine, theirs)) in ["emergency", "urgent", "routine"].into_iter().zip(
        translation
            .front
            .care
            .lists()
            .into_iter()
            .zip(original.front.care.lists()),
    ) {
        let (mine, theirs) = (mine.1, theirs.1);
        let id = |s: &str| !s.contains(' ');
        let same = mine.len() == theirs.len()
            && mine.iter().zip(theirs).all(|(m, t)| {
                let (m, t) = (m.get_ref(), t.get_ref());
                if id(t) { m == t } else { !id(m) }
            });
        if !same {
            problems.push(differs(
                &format!("care.{level}"),
                key("care"),
                format!("the original's `{level}` list is {:?}: keep its ids in place, and translate only the items written as sentences", names(theirs)),
            ));
        }
    }
}

/// True when the original's current version is not the one `translation` was made from (a
/// warning saying what changed since is added to `problems`).
fn changed_since(
    root: &Path,
    translation: &Article,
    original: &Article,
    problems: &mut Vec<Diagnostic>,
) -> bool {
    let Some(record) = translation.front.translation.as_ref() else {
        return false;
    };
    let Ok(bytes) = std::fs::read(root.join(&original.source)) else {
        return false;
    };
    let current = version_of(&bytes);
    if *record.version.get_ref() == current {
        return false;
    }
    let made = translation
        .front
        .changes
        .iter()
        .map(|c| *c.date.get_ref())
        .max();
    let mut since: Vec<_> = original
        .front
        .changes
        .iter()
        .filter(|c| made.is_none_or(|m| *c.date.get_ref() > m))
        .collect();
    since.sort_by_key(|c| std::cmp::Reverse(*c.date.get_ref()));
    let what = if since.is_empty() {
        "its change log has no entry since the translation's last one".to_string()
    } else {
        since
            .iter()
            .map(|c| format!("{}: {}", c.date.get_ref(), c.summary))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let (line, column) = at(translation, 1);
    problems.push(
        Diagnostic::warning(
            Kind::TranslationStale,
            &translation.source,
            format!(
                "{} has changed since this translation was made from it ({what}); until it is brought up to date, the page tells readers to check the original",
                original.source.display()
            ),
        )
        .at(line, column)
        .hint(format!("translate what changed, then set `version = \"{current}\"`")),
    );
    true
}

/// Reports where an edition's data files (the symptom vocabulary, the care advice, the body
/// regions) differ from the original's in anything but words, or are missing.
fn compare_data(root: &Path, original: &Loaded, edition: &Loaded, problems: &mut Vec<Diagnostic>) {
    let folder = edition.config.content_dir.as_str();
    let file = |name: &str| Path::new(folder).join(name);
    let missing = |name: &str| {
        Diagnostic::error(
            Kind::TranslationDiffers,
            file(name),
            format!("the original has articles/{name}, and this language has no translation of it"),
        )
        .hint(format!("copy articles/{name} here and translate its text; without it the pages in this language would show the original's words"))
    };
    let entries = |name: &str, detail: String, line: Option<usize>| {
        let d = Diagnostic::error(
            Kind::TranslationDiffers,
            file(name),
            format!("{detail}, unlike articles/{name}"),
        )
        .hint("keep every entry, level, region, symptom and source as the original has it; translate only the text");
        match line {
            Some(line) => d.at_line(line),
            None => d,
        }
    };
    let terms_file = |taxonomy: Option<&crate::config::Taxonomy>| {
        taxonomy
            .and_then(|t| {
                Path::new(&t.terms)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
            })
            .unwrap_or_default()
    };
    let vocabulary_name = terms_file(Some(original.config.article_taxonomy()));
    match (&original.vocabulary, &edition.vocabulary) {
        (Some(_), None) if !has_file(root, edition, &vocabulary_name) => {
            problems.push(missing(&vocabulary_name))
        }
        (Some(theirs), Some(mine)) => {
            for (slug, def) in theirs {
                match mine.get(slug) {
                    None => problems.push(entries(
                        &vocabulary_name,
                        format!("`[{slug}]` is missing"),
                        None,
                    )),
                    Some(m) if m.level != def.level || names(&m.regions) != names(&def.regions) => {
                        problems.push(entries(
                            &vocabulary_name,
                            format!("`[{slug}]` has another `level` or `regions`"),
                            Some(m.line),
                        ))
                    }
                    Some(_) => {}
                }
            }
            for (slug, def) in mine.iter().filter(|(s, _)| !theirs.contains_key(*s)) {
                problems.push(entries(
                    &vocabulary_name,
                    format!("`[{slug}]` is not in the original"),
                    Some(def.line),
                ));
            }
        }
        _ => {}
    }
    match (&original.care, &edition.care) {
        (Some(_), None) if !has_file(root, edition, "care.toml") => {
            problems.push(missing("care.toml"))
        }
        (Some(theirs), Some(mine)) => {
            let ids = |book: &crate::load::care::CareBook| -> Vec<String> {
                book.entries.iter().map(|e| e.id.clone()).collect()
            };
            for entry in &theirs.entries {
                let placed = |list: &[crate::load::care::Placed]| -> Vec<String> {
                    list.iter().map(|p| p.value.clone()).collect()
                };
                match mine.entries.iter().find(|e| e.id == entry.id) {
                    None => problems.push(entries(
                        "care.toml",
                        format!("`[{}]` is missing", entry.id),
                        None,
                    )),
                    Some(m)
                        if m.level != entry.level
                            || placed(&m.symptoms) != placed(&entry.symptoms)
                            || placed(&m.references) != placed(&entry.references) =>
                    {
                        problems.push(entries(
                            "care.toml",
                            format!(
                                "`[{}]` has another `level`, `symptoms` or `references`",
                                entry.id
                            ),
                            Some(m.line),
                        ))
                    }
                    Some(_) => {}
                }
            }
            let known = ids(theirs);
            for entry in mine.entries.iter().filter(|e| !known.contains(&e.id)) {
                problems.push(entries(
                    "care.toml",
                    format!("`[{}]` is not in the original", entry.id),
                    Some(entry.line),
                ));
            }
        }
        _ => {}
    }
    let regions_name = terms_file(original.config.map_taxonomy());
    if !original.regions.is_empty() {
        if edition.regions.is_empty() {
            if !has_file(root, edition, &regions_name) {
                problems.push(missing(&regions_name));
            }
        } else {
            let shape = |r: &crate::load::regions::RegionTerm| {
                (
                    r.slug.clone(),
                    r.def.order,
                    r.def.shape.clone(),
                    r.def.leader,
                    r.def.label_at,
                )
            };
            let (mine, theirs): (Vec<_>, Vec<_>) = (
                edition.regions.iter().map(shape).collect(),
                original.regions.iter().map(shape).collect(),
            );
            if mine != theirs {
                problems.push(entries(
                    &regions_name,
                    "the regions, their order or their shapes differ".to_string(),
                    None,
                ));
            }
        }
    }
}

/// True when the edition's folder has a file `name` (it was read, and its own problems were
/// reported as it was).
fn has_file(root: &Path, edition: &Loaded, name: &str) -> bool {
    !name.is_empty()
        && std::fs::symlink_metadata(root.join(&edition.config.content_dir).join(name)).is_ok()
}

fn names(list: &[toml::Spanned<String>]) -> Vec<&str> {
    list.iter().map(|s| s.get_ref().as_str()).collect()
}
