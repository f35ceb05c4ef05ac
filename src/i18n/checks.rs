//! The translations files against their users: every key a template or the program uses is in
//! the site language's file with no variable the caller does not pass, every key there is used,
//! and every other language's file has exactly the same keys.

use super::{Call, Catalog, LANGUAGE_KEYS, PROGRAM_KEYS, Translations};
use crate::diagnostic::{Diagnostic, Kind, did_you_mean};
use crate::load::TEMPLATES_DIR;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Every problem of `translations` with the templates' `calls`; a site with neither
/// translations nor calls has none.
/// `multilingual`: the site is published in more than one language, so the language switcher's
/// keys ([`LANGUAGE_KEYS`]) are needed too, and the site's language must have a file.
pub(crate) fn check(
    translations: &Translations,
    calls: &[Call],
    multilingual: bool,
) -> Vec<Diagnostic> {
    if translations.catalogs.is_empty() && calls.is_empty() && !multilingual {
        return Vec::new();
    }
    let mut problems: Vec<Diagnostic> = calls
        .iter()
        .filter_map(|c| check_call(translations, c))
        .collect();
    problems.extend(calls.iter().flat_map(|c| call_arguments(translations, c)));
    let Some(chosen) = translations.chosen() else {
        if !translations.catalogs.is_empty() || multilingual {
            problems.push(no_file(translations));
        }
        return problems;
    };
    problems.extend(program_keys(chosen, multilingual));
    problems.extend(unused(chosen, calls));
    for other in translations
        .catalogs
        .iter()
        .filter(|c| c.path != chosen.path)
    {
        problems.extend(same_keys(chosen, other));
    }
    problems
}

fn template_path(name: &str) -> PathBuf {
    PathBuf::from(TEMPLATES_DIR).join(name)
}

fn no_file(translations: &Translations) -> Diagnostic {
    let have: Vec<String> = translations
        .catalogs
        .iter()
        .map(|c| c.path.display().to_string())
        .collect();
    Diagnostic::error(
        Kind::TranslationMissing,
        translations.chosen_path(),
        format!(
            "the site's language is `{}`, but there is no translations file for it",
            translations.language
        ),
    )
    .hint(format!(
        "write this file (the site has {}), or set `language` in site.toml to one of theirs",
        have.join(", ")
    ))
}

/// A call whose key is not a literal or is not in the site language's file.
fn check_call(translations: &Translations, call: &Call) -> Option<Diagnostic> {
    let at = |d: Diagnostic| d.at(call.line, call.column);
    let Some(key) = &call.key else {
        return Some(at(Diagnostic::error(
            Kind::Template,
            template_path(&call.template),
            "the key of `t()` is not written as a string",
        )
        .hint("write the key itself, e.g. `t(key=\"skip-to-content\")`, so that `check` can find it in the translations files")));
    };
    let file = translations.chosen_path();
    let catalog = translations.chosen();
    if catalog.is_some_and(|c| c.message(key).is_some()) {
        return None;
    }
    let suggestion = catalog
        .and_then(|c| did_you_mean(key, c.messages.iter().map(|m| m.key.as_str())))
        .map_or_else(String::new, |k| format!("did you mean `{k}`? "));
    Some(at(Diagnostic::error(
        Kind::TranslationMissing,
        template_path(&call.template),
        format!("`{key}` is not in {}", file.display()),
    )
    .hint(format!(
        "{suggestion}add `{key} = ...` to {} (and to every other language's file)",
        file.display()
    ))))
}

/// The variables a translation of the call's key uses that the call does not pass, in every
/// language's file.
fn call_arguments(translations: &Translations, call: &Call) -> Vec<Diagnostic> {
    let Some(key) = &call.key else {
        return Vec::new();
    };
    let passed: BTreeSet<&str> = call.args.iter().map(String::as_str).collect();
    translations
        .catalogs
        .iter()
        .filter_map(|c| Some((c, c.message(key)?)))
        .flat_map(|(c, m)| {
            m.variables
                .iter()
                .filter(|v| !passed.contains(v.as_str()))
                .map(move |v| {
                    Diagnostic::error(
                        Kind::TranslationArgument,
                        template_path(&call.template),
                        format!(
                            "`{key}` in {} (line {}) uses `{{ ${v} }}`, which this call does not pass",
                            c.path.display(),
                            m.line
                        ),
                    )
                    .at(call.line, call.column)
                    .hint(format!(
                        "pass it, as in `t(key=\"{key}\", {v}=...)`, or take `{{ ${v} }}` out of the translation"
                    ))
                })
        })
        .collect()
}

/// The program's own keys that the file lacks, or whose text uses a variable the program does
/// not pass.
fn program_keys(catalog: &Catalog, multilingual: bool) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let language_keys = LANGUAGE_KEYS.iter().filter(|_| multilingual);
    for (key, args) in PROGRAM_KEYS.iter().chain(language_keys) {
        let Some(m) = catalog.message(key) else {
            problems.push(
                Diagnostic::error(
                    Kind::TranslationMissing,
                    &catalog.path,
                    format!("`{key}` is not in this file, and the program writes it on its pages"),
                )
                .hint(format!(
                    "add `{key} = ...` (see i18n/en.ftl in healthkb's repository)"
                )),
            );
            continue;
        };
        for v in m.variables.iter().filter(|v| !args.contains(&v.as_str())) {
            let passed = match args.len() {
                0 => "none".to_string(),
                _ => args
                    .iter()
                    .map(|a| format!("`{{ ${a} }}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            problems.push(
                Diagnostic::error(
                    Kind::TranslationArgument,
                    &catalog.path,
                    format!("`{key}` uses `{{ ${v} }}`, which the program does not pass"),
                )
                .at(m.line, m.column)
                .hint(format!("the program passes {passed}")),
            );
        }
    }
    problems
}

/// The file's keys that no template and nothing in the program uses.
fn unused(catalog: &Catalog, calls: &[Call]) -> Vec<Diagnostic> {
    let used: BTreeSet<&str> = calls
        .iter()
        .filter_map(|c| c.key.as_deref())
        .chain(PROGRAM_KEYS.iter().chain(LANGUAGE_KEYS).map(|(k, _)| *k))
        .collect();
    catalog
        .messages
        .iter()
        .filter(|m| !used.contains(m.key.as_str()))
        .map(|m| {
            Diagnostic::error(
                Kind::TranslationUnused,
                &catalog.path,
                format!("`{}` is used by no template and by nothing the program writes", m.key),
            )
            .at(m.line, m.column)
            .hint("remove it (from every language's file), or use it in a template with `t(key=\"...\")`")
        })
        .collect()
}

/// The keys `other` lacks that `reference` (the site language's file) has, and those it has
/// that `reference` lacks.
fn same_keys(reference: &Catalog, other: &Catalog) -> Vec<Diagnostic> {
    let missing = reference
        .messages
        .iter()
        .filter(|m| other.message(&m.key).is_none())
        .map(|m| {
            Diagnostic::error(
                Kind::TranslationMismatch,
                &other.path,
                format!(
                    "`{}` is missing: {} has it at line {}",
                    m.key,
                    reference.path.display(),
                    m.line
                ),
            )
            .hint(format!("translate it: add `{} = ...` to this file", m.key))
        });
    let extra = other
        .messages
        .iter()
        .filter(|m| reference.message(&m.key).is_none())
        .map(|m| {
            Diagnostic::error(
                Kind::TranslationMismatch,
                &other.path,
                format!("`{}` is not in {}", m.key, reference.path.display()),
            )
            .at(m.line, m.column)
            .hint(format!(
                "remove it, or check its spelling against {}",
                reference.path.display()
            ))
        });
    missing.chain(extra).collect()
}
