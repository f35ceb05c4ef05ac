//! The site's other languages (`[[languages]]` in `site.toml`): each one is an edition of the
//! site, built from its own folder of translations (`translations/<code>/`) into its own URL
//! prefix (`es/`), with its own user-interface text (`i18n/<code>.ftl`).
//!
//! An edition is the same site in another language: the same pipeline runs on it, with a
//! configuration made here from the default one ([`SiteConfig::edition`]).

use super::{CONFIG_FILE, Keyed, RoutineService, SiteConfig, UrgentService, keyed};
use crate::diagnostic::{Diagnostic, Kind};
use serde::Deserialize;

/// The folder that holds each language's translations, one folder per language code.
pub(crate) const TRANSLATIONS_DIR: &str = "translations";

/// One `[[languages]]` table: a language the site is also published in.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// Its BCP 47 tag (`es`, `es-MX`): the pages' `lang`, its translations file
    /// (`i18n/<code>.ftl`) and its folder of translations (`translations/<code>/`).
    pub code: String,
    /// Its name in itself (`Español`), shown in the language switcher.
    pub name: String,
    /// Its URL prefix without slashes (`es`); the code when left out.
    #[serde(default)]
    pub prefix: Option<String>,
    /// The site's title in this language.
    pub title: String,
    /// The site's description in this language.
    pub description: String,
    /// The same-day service, named in this language (the default edition's when left out; its
    /// phone number and address are the default's unless given).
    #[serde(default)]
    pub urgent_service: Option<UrgentService>,
    /// The routine service, named in this language (the default edition's when left out).
    #[serde(default)]
    pub routine_service: Option<RoutineService>,
    /// What each taxonomy's terms are called in this language, by the taxonomy's name:
    /// `[languages.taxonomies.symptoms]` with `one = "síntoma"` and `many = "síntomas"`.
    #[serde(default)]
    pub taxonomies: std::collections::BTreeMap<String, TermWords>,
}

/// What a taxonomy's terms are called in a language.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermWords {
    /// One term (`síntoma`).
    pub one: String,
    /// Several (`síntomas`).
    pub many: String,
}

impl Language {
    /// Its URL prefix with a final slash (`es/`).
    pub fn prefix(&self) -> String {
        format!("{}/", self.prefix.as_deref().unwrap_or(&self.code))
    }

    /// Its folder of translations, from the site root (`translations/es`).
    pub fn folder(&self) -> String {
        format!("{TRANSLATIONS_DIR}/{}", self.code)
    }
}

/// An edition of the site as the renderer sees it: which language it is, and every language the
/// site is published in, for the switcher and the `hreflang` links.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Editions {
    /// The editions in order, the default language first: code, name in itself, and URL prefix
    /// (`""` for the default, `es/`).
    pub all: Vec<EditionName>,
    /// Which of `all` this edition is.
    pub current: usize,
}

/// One edition's language, as the switcher names it.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionName {
    /// The language's tag (`es`).
    pub code: String,
    /// The language's name in itself (`Español`).
    pub name: String,
    /// The edition's URL prefix (`""` or `es/`).
    pub prefix: String,
}

impl Editions {
    /// True for a site in one language.
    pub fn single(&self) -> bool {
        self.all.len() < 2
    }

    /// This edition's URL prefix (`""` or `es/`).
    pub fn prefix(&self) -> &str {
        self.all.get(self.current).map_or("", |e| e.prefix.as_str())
    }
}

impl SiteConfig {
    /// The editions of a site whose default configuration is `self`, the default one first.
    pub(crate) fn editions_of(&self, current: usize) -> Editions {
        let default = EditionName {
            code: self.language.clone(),
            name: self
                .language_name
                .clone()
                .unwrap_or_else(|| self.language.clone()),
            prefix: String::new(),
        };
        let others = self.languages.iter().map(|l| EditionName {
            code: l.code.clone(),
            name: l.name.clone(),
            prefix: l.prefix(),
        });
        Editions {
            all: std::iter::once(default).chain(others).collect(),
            current,
        }
    }

    /// The configuration of the edition in `self.languages[index]`: its language, title,
    /// description and services, its folder of translations in place of `articles/` (and for
    /// the taxonomies' term files), and the published address under its prefix.
    pub fn edition(&self, index: usize) -> Option<SiteConfig> {
        let language = self.languages.get(index)?;
        let folder = language.folder();
        let mut config = self.clone();
        config.language = language.code.clone();
        config.title = language.title.clone();
        config.description = language.description.clone();
        if let Some(service) = &language.urgent_service {
            // Its name in the language; the phone number and address are the site's unless the
            // language gives its own.
            config.urgent_service = UrgentService {
                name: service.name.clone(),
                phone: service.phone.clone().or(config.urgent_service.phone),
                url: service.url.clone().or(config.urgent_service.url),
            };
        }
        if let Some(service) = &language.routine_service {
            config.routine_service = service.clone();
        }
        config.base_url = self
            .base_url
            .as_ref()
            .map(|url| format!("{url}{}", language.prefix()));
        for taxonomy in &mut config.taxonomies {
            if let Some(file) = taxonomy.terms.strip_prefix("articles/") {
                taxonomy.terms = format!("{folder}/{file}");
            }
            taxonomy.words = language
                .taxonomies
                .get(&taxonomy.name)
                .map(|w| [w.one.clone(), w.many.clone()]);
        }
        config.content_dir = folder;
        config.editions = self.editions_of(index + 1);
        Some(config)
    }

    /// Checks the `[[languages]]` tables: a code, name, title and description each; no code or
    /// prefix twice, none the default language's, and prefixes that are one plain folder name.
    pub(crate) fn check_languages(&self) -> Result<(), Keyed> {
        let invalid = |message: String, hint: &str| {
            keyed(
                Diagnostic::error(Kind::Config, CONFIG_FILE, message).hint(hint.to_string()),
                "languages",
            )
        };
        let mut seen: Vec<(String, String)> = vec![(self.language.clone(), String::new())];
        for language in &self.languages {
            let fields = [
                ("code", &language.code),
                ("name", &language.name),
                ("title", &language.title),
                ("description", &language.description),
            ];
            if let Some((key, _)) = fields.iter().find(|(_, v)| v.trim().is_empty()) {
                return Err(invalid(
                    format!("a `[[languages]]` table has an empty `{key}`"),
                    "give each language its code, its name in itself, and the site's title and description in it, e.g. code = \"es\", name = \"Español\"",
                ));
            }
            if !is_tag(&language.code) {
                return Err(invalid(
                    format!("`{}` is not a language tag", language.code),
                    "write the language as a BCP 47 tag: letters, digits and hyphens, e.g. \"es\" or \"es-MX\"",
                ));
            }
            let prefix = language.prefix();
            let plain = prefix.trim_end_matches('/');
            if !is_tag(plain) {
                return Err(invalid(
                    format!(
                        "the prefix `{plain}` of language `{}` is not one plain folder name",
                        language.code
                    ),
                    "use letters, digits and hyphens only, e.g. prefix = \"es\"",
                ));
            }
            if let Some((code, _)) = seen
                .iter()
                .find(|(code, p)| code.eq_ignore_ascii_case(&language.code) || *p == prefix)
            {
                return Err(invalid(
                    format!(
                        "language `{}` is listed twice (or shares its code or prefix with `{code}`)",
                        language.code
                    ),
                    "give each language its own `code` and `prefix`; the default language is `language` at the top of site.toml",
                ));
            }
            if let Some(t) = self
                .taxonomies
                .iter()
                .find(|t| !language.taxonomies.contains_key(&t.name))
            {
                return Err(invalid(
                    format!(
                        "language `{}` does not say what the terms of the taxonomy `{}` are called in it",
                        language.code, t.name
                    ),
                    &format!(
                        "add `[languages.taxonomies.{}]` with `one` and `many`, e.g. one = \"síntoma\" and many = \"síntomas\": the pages in this language name them",
                        t.name
                    ),
                ));
            }
            if let Some(name) = language
                .taxonomies
                .keys()
                .find(|name| !self.taxonomies.iter().any(|t| &t.name == *name))
            {
                return Err(invalid(
                    format!("`[languages.taxonomies.{name}]` names no taxonomy of this site"),
                    "name a taxonomy of `[[taxonomies]]` (or `symptoms` and `regions`, when the site declares none)",
                ));
            }
            seen.push((language.code.clone(), prefix));
        }
        Ok(())
    }
}

/// True for a non-empty run of ASCII letters, digits and hyphens, not starting with a hyphen.
fn is_tag(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "title = \"T\"\ndescription = \"D\"\nbase_url = \"https://example.org/guide/\"\nlanguage_name = \"English\"\nurgent_service = { name = \"NHS 111\", phone = \"111\" }\n";
    const SPANISH: &str = "[[languages]]\ncode = \"es\"\nname = \"Español\"\ntitle = \"Guía\"\ndescription = \"Una guía\"\n[languages.routine_service]\nname = \"su médico\"\n[languages.taxonomies]\nsymptoms = { one = \"síntoma\", many = \"síntomas\" }\nregions = { one = \"región\", many = \"regiones\" }\n";

    #[test]
    fn an_edition_takes_its_language_folder_prefix_and_services() {
        let config = SiteConfig::parse(&format!("{BASE}{SPANISH}")).expect("valid");
        let spanish = config.edition(0).expect("one language");
        assert_eq!(spanish.language, "es");
        assert_eq!(spanish.title, "Guía");
        assert_eq!(spanish.content_dir, "translations/es");
        assert_eq!(
            spanish.base_url.as_deref(),
            Some("https://example.org/guide/es/")
        );
        assert_eq!(spanish.routine_service.name, "su médico");
        assert_eq!(spanish.urgent_service, config.urgent_service);
        let named = SPANISH.replace(
            "[languages.routine_service]",
            "urgent_service = { name = \"el 111\" }\n[languages.routine_service]",
        );
        let config = SiteConfig::parse(&format!("{BASE}{named}")).expect("valid");
        let spanish = config.edition(0).expect("one language");
        assert_eq!(spanish.urgent_service.name, "el 111");
        assert_eq!(
            spanish.urgent_service.phone.as_deref(),
            Some("111"),
            "the site's number"
        );
        assert!(
            spanish
                .taxonomies
                .iter()
                .all(|t| t.terms.starts_with("translations/es/")),
            "{:?}",
            spanish.taxonomies
        );
        assert_eq!(spanish.editions.prefix(), "es/");
        assert_eq!(spanish.article_taxonomy().noun(), "síntoma");
        assert_eq!(config.article_taxonomy().noun(), "symptom");
        let names: Vec<_> = spanish
            .editions
            .all
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names, ["English", "Español"]);
        assert_eq!(config.editions.prefix(), "");
        assert!(config.edition(1).is_none());
    }

    #[test]
    fn bad_languages_are_errors_at_the_table() {
        for (bad, expected) in [
            (SPANISH.replace("\"es\"", "\"en\""), "listed twice"),
            (SPANISH.replace("\"Guía\"", "\" \""), "empty `title`"),
            (SPANISH.replace("\"es\"", "\"e s\""), "not a language tag"),
            (
                SPANISH.replace("code = \"es\"", "code = \"es\"\nprefix = \"../x\""),
                "not one plain folder name",
            ),
            (format!("{SPANISH}{SPANISH}"), "listed twice"),
            (
                SPANISH.replace("regions = {", "areas = {"),
                "does not say what the terms of the taxonomy `regions`",
            ),
        ] {
            let e = SiteConfig::parse(&format!("{BASE}{bad}")).expect_err(&bad);
            assert!(e.message.contains(expected), "{bad}: {}", e.message);
            assert!(e.line.is_some(), "{bad}: no line");
        }
    }
}
