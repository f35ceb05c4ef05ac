//! User-interface text: one Fluent file per language in the site's `i18n/` folder
//! (`i18n/en.ftl`, `i18n/es.ftl`), chosen by `site.toml`'s `language` (`en-GB` tries `en-GB.ftl`
//! and then `en.ftl`), formatted by `fluent-bundle` (plurals by the language's rules) for the
//! templates' `t()` function and for the text the program writes itself.

mod calls;
mod checks;

pub(crate) use calls::{Call, calls_in};
pub(crate) use checks::check;

use crate::diagnostic::{Diagnostic, Kind, LineIndex};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// Folder of the translations files, relative to the site root.
pub(crate) const I18N_DIR: &str = "i18n";

/// A translations file's name (its path under `i18n/`) and text, as read.
#[derive(Debug, Clone)]
pub struct TranslationSource {
    /// Its name under `i18n/`, e.g. `en.ftl`.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// One message of a translations file: its key, where it is defined and the variables
/// (`{ $count }`) its text uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    pub(crate) key: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) variables: BTreeSet<String>,
}

/// One parsed translations file.
#[derive(Debug, Clone)]
pub(crate) struct Catalog {
    /// Path relative to the site root, e.g. `i18n/es.ftl`.
    pub(crate) path: PathBuf,
    /// The language tag its name gives (`es`, `en-GB`).
    pub(crate) language: String,
    /// Its messages in file order.
    pub(crate) messages: Vec<Message>,
    resource: Arc<FluentResource>,
}

impl Catalog {
    pub(crate) fn message(&self, key: &str) -> Option<&Message> {
        self.messages.iter().find(|m| m.key == key)
    }
}

/// The site's translations: every file parsed, and the site language's formatter.
pub struct Translations {
    /// Every translations file that parsed, in name order.
    pub(crate) catalogs: Vec<Catalog>,
    /// Index in `catalogs` of the site language's file, if there is one.
    pub(crate) chosen: Option<usize>,
    /// The site's language (`site.toml`).
    pub(crate) language: String,
    bundle: Option<FluentBundle<Arc<FluentResource>>>,
}

impl std::fmt::Debug for Translations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translations")
            .field("catalogs", &self.catalogs)
            .field("chosen", &self.chosen)
            .field("language", &self.language)
            .finish()
    }
}

/// A value passed to a message: text or a number (numbers choose plural forms).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Text(String),
    Number(f64),
}

impl Translations {
    /// Parses every file in `sources` and picks `language`'s (its full tag, then its primary
    /// subtag). A file that does not parse is reported at each syntax error.
    pub(crate) fn load(
        sources: &[TranslationSource],
        language: &str,
    ) -> Result<Translations, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut catalogs = Vec::new();
        for source in sources.iter().filter(|s| s.name.ends_with(".ftl")) {
            match parse(source) {
                Ok(c) => catalogs.push(c),
                Err(mut ds) => problems.append(&mut ds),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        catalogs.sort_by(|a, b| a.path.cmp(&b.path));
        let primary = language.split('-').next().unwrap_or(language);
        let chosen = [language, primary]
            .iter()
            .find_map(|l| catalogs.iter().position(|c| c.language == *l));
        let bundle = match chosen {
            Some(i) => Some(bundle_of(&catalogs[i]).map_err(|d| vec![d])?),
            None => None,
        };
        Ok(Translations {
            catalogs,
            chosen,
            language: language.to_string(),
            bundle,
        })
    }

    /// No translations file (a site without `i18n/`): the program's own text is English.
    pub(crate) fn none(language: &str) -> Translations {
        let built_in = TranslationSource {
            name: "en.ftl".to_string(),
            text: PROGRAM_EN.to_string(),
        };
        let bundle = parse(&built_in).ok().and_then(|c| bundle_of(&c).ok());
        Translations {
            catalogs: Vec::new(),
            chosen: None,
            language: language.to_string(),
            bundle,
        }
    }

    /// The site language's file, if it has one.
    pub(crate) fn chosen(&self) -> Option<&Catalog> {
        self.chosen.map(|i| &self.catalogs[i])
    }

    /// Where the site language's file is, or would be.
    pub(crate) fn chosen_path(&self) -> PathBuf {
        match self.chosen() {
            Some(c) => c.path.clone(),
            None => PathBuf::from(I18N_DIR).join(format!("{}.ftl", self.language)),
        }
    }

    /// The text of message `key` with `args`, or why there is none.
    pub(crate) fn text(&self, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        let bundle = self.bundle.as_ref().ok_or_else(|| {
            format!(
                "there is no translations file for the site's language, {}",
                self.chosen_path().display()
            )
        })?;
        let message = bundle
            .get_message(key)
            .ok_or_else(|| format!("{} has no message `{key}`", self.chosen_path().display()))?;
        let pattern = message
            .value()
            .ok_or_else(|| format!("message `{key}` has no text, only attributes"))?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        match errors.first() {
            None => Ok(text.into_owned()),
            Some(e) => Err(format!("message `{key}`: {e}")),
        }
    }

    /// The text of message `key`, one of [`PROGRAM_KEYS`], which `check` has made sure the
    /// site's file has with no other variables than `args`; the key itself if it has not.
    pub(crate) fn program_text(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.text(key, args).unwrap_or_else(|_| key.to_string())
    }
}

/// The keys the program formats itself on a site in more than one language: `check` requires
/// them only there.
pub(crate) const LANGUAGE_KEYS: &[(&str, &[&str])] = &[("language-untranslated", &[])];

/// The keys the program formats itself, with the arguments it passes to each: `check` treats
/// them as used, and reports any that the site language's file lacks.
pub(crate) const PROGRAM_KEYS: &[(&str, &[&str])] = &[
    ("page-home", &[]),
    ("page-number", &["number"]),
    ("page-numbered-title", &["title", "number", "count"]),
    ("a-to-z", &[]),
    ("pages-of-a-to-z", &[]),
    ("pages-of-articles-about", &["symptom"]),
    ("nav-emergency", &[]),
    ("emergency-title", &[]),
    ("notfound-title", &[]),
    ("references-title", &[]),
    ("pages-of-references", &[]),
    ("region-title", &["region", "label", "builtin"]),
    ("region-description", &["region", "label", "builtin"]),
    ("cite-label", &["number"]),
    ("search-article", &[]),
];

/// The English text of [`PROGRAM_KEYS`], for a site without `i18n/` (the same text as this
/// repository's `i18n/en.ftl`, which a test compares).
pub(crate) const PROGRAM_EN: &str = include_str!("program.en.ftl");

fn bundle_of(catalog: &Catalog) -> Result<FluentBundle<Arc<FluentResource>>, Diagnostic> {
    let id = catalog.language.parse().map_err(|_| {
        Diagnostic::error(
            Kind::TranslationSyntax,
            &catalog.path,
            format!(
                "`{}` is not a language tag, so this file's plural rules are unknown",
                catalog.language
            ),
        )
        .hint("name the file by its language: `en.ftl`, `es.ftl`, `en-GB.ftl`")
    })?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around each placeable would change every English page's bytes.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(catalog.resource.clone())
        .map_err(|errors| {
            let message = errors.first().map_or_else(String::new, |e| e.to_string());
            Diagnostic::error(Kind::TranslationSyntax, &catalog.path, message)
                .hint("each key may be defined once")
        })?;
    Ok(bundle)
}

/// Parses one file, locating each message (a line starting with `key =`) and listing its
/// variables.
fn parse(source: &TranslationSource) -> Result<Catalog, Vec<Diagnostic>> {
    let path = PathBuf::from(I18N_DIR).join(&source.name);
    let index = LineIndex::new(&source.text);
    let resource = FluentResource::try_new(source.text.clone()).map_err(|(_, errors)| {
        errors
            .iter()
            .map(|e| {
                let (line, column) = index.line_col(e.pos.start);
                Diagnostic::error(
                    Kind::TranslationSyntax,
                    &path,
                    format!("this is not Fluent syntax: {}", e.kind),
                )
                .at(line, column)
                .hint("write each message as `key = text` on a line of its own, with `{ $name }` for a value the page passes; continue a long text on indented lines")
            })
            .collect::<Vec<_>>()
    })?;
    let starts = message_lines(&source.text);
    let mut messages = Vec::new();
    let mut duplicates = Vec::new();
    for entry in resource.entries() {
        let ast::Entry::Message(m) = entry else {
            continue;
        };
        let key = m.id.name.to_string();
        let line = starts
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(1, |(_, line)| *line);
        if messages.iter().any(|old: &Message| old.key == key) {
            duplicates.push(
                Diagnostic::error(
                    Kind::TranslationSyntax,
                    &path,
                    format!("`{key}` is defined twice"),
                )
                .at(nth_line(&starts, &key, 2).unwrap_or(line), 1)
                .hint("keep one of them: Fluent would use only the first"),
            );
            continue;
        }
        let mut variables = BTreeSet::new();
        if let Some(value) = &m.value {
            pattern_variables(value, &mut variables);
        }
        for a in &m.attributes {
            pattern_variables(&a.value, &mut variables);
        }
        messages.push(Message {
            key,
            line,
            column: 1,
            variables,
        });
    }
    if !duplicates.is_empty() {
        return Err(duplicates);
    }
    let language = source
        .name
        .strip_suffix(".ftl")
        .unwrap_or(&source.name)
        .to_string();
    Ok(Catalog {
        path,
        language,
        messages,
        resource: Arc::new(resource),
    })
}

/// Each line that starts a message (`key =` at the start of the line): its key and line.
fn message_lines(text: &str) -> Vec<(&str, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let (key, _) = l.split_once('=')?;
            let key = key.trim_end();
            let starts = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            let ident = key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            (starts && ident).then_some((key, i + 1))
        })
        .collect()
}

fn nth_line(starts: &[(&str, usize)], key: &str, n: usize) -> Option<usize> {
    starts
        .iter()
        .filter(|(k, _)| *k == key)
        .nth(n - 1)
        .map(|(_, l)| *l)
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
        ast::Expression::Inline(e) => inline_variables(e, out),
    }
}

fn inline_variables(expression: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> TranslationSource {
        TranslationSource {
            name: name.to_string(),
            text: text.to_string(),
        }
    }

    const EN: &str = "# Home page\narticles-count =\n    { $count ->\n        [one] { $count } article\n       *[other] { $count } articles\n    }\nskip = Skip to main content\n";

    #[test]
    fn plurals_follow_the_language_and_placeables_are_not_isolated() {
        let t = Translations::load(&[source("en.ftl", EN)], "en-GB").expect("parses");
        let count = |n: f64| t.text("articles-count", &[("count", Arg::Number(n))]);
        assert_eq!(count(1.0).as_deref(), Ok("1 article"));
        assert_eq!(count(3.0).as_deref(), Ok("3 articles"));
        assert_eq!(t.text("skip", &[]).as_deref(), Ok("Skip to main content"));
        assert!(t.text("nope", &[]).is_err());
    }

    #[test]
    fn messages_have_their_lines_and_variables() {
        let t = Translations::load(&[source("en.ftl", EN)], "en").expect("parses");
        let c = t.chosen().expect("en.ftl chosen");
        let m = c.message("articles-count").expect("message");
        assert_eq!((m.line, m.variables.len()), (2, 1));
        assert!(m.variables.contains("count"));
        assert_eq!(c.message("skip").map(|m| m.line), Some(7));
    }

    #[test]
    fn a_syntax_error_is_reported_at_its_line_and_column() {
        let errors = Translations::load(
            &[source("en.ftl", "ok = fine\nbad { $x }\nnext = y\n")],
            "en",
        )
        .expect_err("does not parse");
        assert_eq!(errors[0].kind, Kind::TranslationSyntax);
        assert_eq!(errors[0].line, Some(2));
    }

    #[test]
    fn the_built_in_english_is_the_repository_s_and_covers_the_program_s_keys() {
        let ours = include_str!("../../i18n/en.ftl");
        let repo = Translations::load(&[source("en.ftl", ours)], "en").expect("en.ftl parses");
        let built_in = Translations::none("en");
        for (key, args) in PROGRAM_KEYS {
            let args: Vec<(&str, Arg)> = args.iter().map(|a| (*a, Arg::Number(2.0))).collect();
            let text = built_in.text(key, &args);
            assert!(text.is_ok(), "{key}: {text:?}");
            assert_eq!(text, repo.text(key, &args), "{key}");
        }
        let built_in = parse(&source("en.ftl", PROGRAM_EN)).expect("parses");
        assert_eq!(built_in.messages.len(), PROGRAM_KEYS.len());
    }

    #[test]
    fn the_full_tag_is_preferred_to_the_primary_subtag() {
        let files = [
            source("en.ftl", "a = en\n"),
            source("en-GB.ftl", "a = gb\n"),
        ];
        let t = Translations::load(&files, "en-GB").expect("parses");
        assert_eq!(t.text("a", &[]).as_deref(), Ok("gb"));
        let t = Translations::load(&files, "en-US").expect("parses");
        assert_eq!(t.text("a", &[]).as_deref(), Ok("en"));
    }
}
