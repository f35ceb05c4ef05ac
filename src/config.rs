//! The site configuration, read from `site.toml` at the site root.

use crate::diagnostic::{Diagnostic, Kind, line_col};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// What to do with raw HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep only safe tags and attributes (scripts, styles, event handlers and the like removed).
    #[default]
    Sanitize,
    /// Pass raw HTML through unchanged: only for sites that trust every author.
    Allow,
}

/// Settings from `site.toml`. Unknown keys are errors, so a typo is never silently ignored.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every page's header and title.
    pub title: String,
    /// One sentence about the site, for the home page's meta description.
    pub description: String,
    /// The language of the content, as a BCP 47 tag (`en`, `en-GB`).
    #[serde(default = "default_language")]
    pub language: String,
    /// Absolute URL the site is published at, used only for canonical links, the sitemap and
    /// the feed. Pages link to each other relatively, so the site works without it.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The number to call in an emergency, shown on care cards.
    #[serde(default = "default_emergency_number")]
    pub emergency_number: String,
    /// Output folder, relative to the site root.
    #[serde(default = "default_output")]
    pub output: String,
    /// What to do with raw HTML inside Markdown.
    #[serde(default)]
    pub raw_html: RawHtml,
    /// `check` warns about articles above this reading level (Flesch-Kincaid US school grade).
    #[serde(default = "default_max_reading_grade")]
    pub max_reading_grade: f64,
    /// `check` warns about sentences of more words than this.
    #[serde(default = "default_max_sentence_words")]
    pub max_sentence_words: usize,
    /// `check` warns about paragraphs (and list items) of more words than this.
    #[serde(default = "default_max_paragraph_words")]
    pub max_paragraph_words: usize,
    /// `check` warns about sources published more than this many years ago (guidelines that
    /// are not `superseded` excepted).
    #[serde(default = "default_max_source_age_years")]
    pub max_source_age_years: u16,
    /// How `check --external` checks links to other sites.
    #[serde(default)]
    pub external_links: ExternalLinks,
}

/// Settings for `check --external` (the `[external_links]` table).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalLinks {
    /// Links not to check: a URL prefix (`https://example.org/private/`) or a host name
    /// (`example.org`, which also covers its subdomains).
    #[serde(default)]
    pub skip: Vec<String>,
    /// Seconds to wait for one request.
    #[serde(default = "default_timeout_seconds")]
    pub timeout_seconds: u64,
    /// Further tries after a timeout, a connection failure, HTTP 429 or a 5xx answer.
    #[serde(default = "default_retries")]
    pub retries: u32,
    /// Requests in flight to one host at a time.
    #[serde(default = "default_per_host")]
    pub per_host: usize,
}

impl Default for ExternalLinks {
    fn default() -> Self {
        ExternalLinks {
            skip: Vec::new(),
            timeout_seconds: default_timeout_seconds(),
            retries: default_retries(),
            per_host: default_per_host(),
        }
    }
}

fn default_max_reading_grade() -> f64 {
    8.0
}

fn default_max_sentence_words() -> usize {
    30
}

fn default_max_paragraph_words() -> usize {
    120
}

fn default_max_source_age_years() -> u16 {
    5
}

fn default_timeout_seconds() -> u64 {
    10
}

fn default_retries() -> u32 {
    2
}

fn default_per_host() -> usize {
    2
}

fn default_language() -> String {
    "en".to_string()
}

fn default_emergency_number() -> String {
    "911".to_string()
}

fn default_output() -> String {
    "public".to_string()
}

impl SiteConfig {
    /// Reads and checks `site.toml` in `root`.
    pub fn load(root: &Path) -> Result<SiteConfig, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::error(Kind::Config, CONFIG_FILE, format!("cannot read the site configuration: {e}"))
                .hint("run the program from the site's folder, or pass --root DIR; the folder needs a site.toml with at least `title` and `description`")
        })?;
        Self::parse(&text)
    }

    /// Parses and checks the text of `site.toml`.
    pub fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
        let config: SiteConfig = toml::from_str(text).map_err(|e| {
            let mut d =
                Diagnostic::error(Kind::Config, CONFIG_FILE, e.message().trim().to_string());
            if let Some(span) = e.span() {
                let (line, column) = line_col(text, span.start);
                d = d.at(line, column);
            }
            d
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Checks values that TOML types alone cannot (non-empty names, an absolute base URL).
    pub fn validate(&self) -> Result<(), Diagnostic> {
        let invalid = |message: String| Diagnostic::error(Kind::Config, CONFIG_FILE, message);
        if self.title.trim().is_empty() {
            return Err(invalid("`title` is empty".into()).hint("give the site a name"));
        }
        if self.emergency_number.trim().is_empty() {
            return Err(invalid("`emergency_number` is empty".into())
                .hint("set the local emergency number, for example \"911\" or \"112\""));
        }
        if let Some(url) = &self.base_url
            && (!(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' '))
        {
            return Err(invalid(format!(
                "`base_url` must be an absolute http(s) URL, found `{url}`"
            ))
            .hint("for example base_url = \"https://example.org/guide/\", or leave it out"));
        }
        if !(self.max_reading_grade.is_finite() && self.max_reading_grade > 0.0) {
            return Err(
                invalid("`max_reading_grade` must be a positive number".into())
                    .hint("for example max_reading_grade = 8"),
            );
        }
        if self.max_sentence_words == 0 || self.max_paragraph_words == 0 {
            return Err(invalid("word limits must be at least 1".into())
                .hint("for example max_sentence_words = 30 and max_paragraph_words = 120"));
        }
        if self.external_links.per_host == 0 || self.external_links.timeout_seconds == 0 {
            return Err(invalid(
                "`[external_links]` needs `per_host` and `timeout_seconds` of at least 1".into(),
            )
            .hint("for example per_host = 2 and timeout_seconds = 10"));
        }
        if self.output.trim().is_empty() {
            return Err(invalid("`output` is empty".into()).hint("for example output = \"public\""));
        }
        Ok(())
    }

    /// `base_url` with exactly one trailing slash, if set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|u| format!("{}/", u.trim_end_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_optional_settings() {
        let config = SiteConfig::parse("title = \"T\"\ndescription = \"D\"").expect("valid");
        assert_eq!(config.language, "en");
        assert_eq!(config.emergency_number, "911");
        assert_eq!(config.output, "public");
        assert_eq!(config.raw_html, RawHtml::Sanitize);
        assert_eq!(config.max_reading_grade, 8.0);
        assert_eq!(config.max_source_age_years, 5);
        assert_eq!(config.external_links, ExternalLinks::default());
        assert_eq!(config.base_url(), None);
    }

    #[test]
    fn unknown_key_is_located() {
        let err = SiteConfig::parse("title = \"T\"\ndescription = \"D\"\ntitel = \"x\"")
            .expect_err("typo must fail");
        assert_eq!(err.kind, Kind::Config);
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("titel"), "{}", err.message);
    }

    #[test]
    fn check_settings_are_read_and_checked() {
        let c = SiteConfig::parse(
            "title = \"T\"\ndescription = \"D\"\nmax_reading_grade = 9.5\n[external_links]\nskip = [\"example.org\"]\nretries = 0\n",
        )
        .expect("valid");
        assert_eq!(c.max_reading_grade, 9.5);
        assert_eq!(c.external_links.skip, vec!["example.org".to_string()]);
        assert_eq!(
            (c.external_links.retries, c.external_links.per_host),
            (0, 2)
        );
        let typo =
            SiteConfig::parse("title = \"T\"\ndescription = \"D\"\n[external_links]\nskipp = []\n")
                .expect_err("unknown key");
        assert_eq!(typo.kind, Kind::Config);
        assert!(
            SiteConfig::parse("title = \"T\"\ndescription = \"D\"\nmax_reading_grade = -1.0")
                .is_err()
        );
    }

    #[test]
    fn base_url_must_be_absolute_and_gets_one_slash() {
        assert!(
            SiteConfig::parse("title = \"T\"\ndescription = \"D\"\nbase_url = \"/guide\"").is_err()
        );
        let c = SiteConfig::parse(
            "title = \"T\"\ndescription = \"D\"\nbase_url = \"https://x.org/g//\"",
        )
        .expect("valid");
        assert_eq!(c.base_url().as_deref(), Some("https://x.org/g/"));
    }
}
