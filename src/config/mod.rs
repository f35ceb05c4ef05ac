//! The site configuration, read from `site.toml` at the site root.

pub(crate) mod languages;
pub(crate) mod taxonomy;

pub use languages::{EditionName, Editions, Language};
pub use taxonomy::Taxonomy;

use crate::diagnostic::{Diagnostic, Kind, line_col};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The name of the configuration file at the site root.
pub(crate) const CONFIG_FILE: &str = "site.toml";

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
    /// The number to call in an emergency, shown on care cards; `{{emergency}}` in text.
    #[serde(default = "default_emergency_number")]
    pub emergency_number: String,
    /// Where to get help the same day (`[urgent_service]`); `{{urgent}}` in text.
    #[serde(default)]
    pub urgent_service: UrgentService,
    /// Who to see for routine advice (`[routine_service]`); `{{routine}}` in text.
    #[serde(default)]
    pub routine_service: RoutineService,
    /// Where readers report an error or ask a question: an email address or an http(s) URL,
    /// shown in every page's footer.
    #[serde(default)]
    pub contact: Option<String>,
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
    /// How many entries one page of a long list shows (the A to Z, a symptom's articles, the
    /// references); a longer list is split into numbered pages.
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    /// How `check --external` checks links to other sites.
    #[serde(default)]
    pub external_links: ExternalLinks,
    /// The article shown as the site's "about this guide" page (its key under `articles/`, e.g.
    /// `about.md`), if it has one.
    #[serde(default)]
    pub about: Option<String>,
    /// Where `about` is written in `site.toml` (line, column), for errors about it.
    #[serde(skip)]
    pub about_at: Option<(usize, usize)>,
    /// The `[[taxonomies]]` tables as written; `taxonomies` holds them checked.
    #[serde(default, rename = "taxonomies")]
    declared_taxonomies: Vec<toml::Spanned<taxonomy::Declared>>,
    /// The site's taxonomies: those `site.toml` declares, or symptoms and body regions.
    #[serde(skip)]
    pub taxonomies: Vec<Taxonomy>,
    /// The default language's name in itself (`English`), for the language switcher.
    #[serde(default)]
    pub language_name: Option<String>,
    /// The other languages the site is published in (`[[languages]]`), each an edition.
    #[serde(default)]
    pub languages: Vec<Language>,
    /// The folder the articles and data files are read from: `articles`, or an edition's
    /// folder of translations (`translations/es`).
    #[serde(skip, default = "default_content_dir")]
    pub content_dir: String,
    /// Which edition this configuration builds, among all of the site's.
    #[serde(skip)]
    pub editions: Editions,
}

fn default_content_dir() -> String {
    crate::load::ARTICLES_DIR.to_string()
}

/// The urgent (same day) service: its name, and optionally its phone number and web address.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrgentService {
    /// For example "an urgent care center" or "NHS 111".
    #[serde(default = "default_urgent_name")]
    pub name: String,
    /// Its phone number, shown as a `tel:` link on care cards and the emergency page.
    #[serde(default)]
    pub phone: Option<String>,
    /// Its web address (http or https).
    #[serde(default)]
    pub url: Option<String>,
}

impl Default for UrgentService {
    fn default() -> Self {
        UrgentService {
            name: default_urgent_name(),
            phone: None,
            url: None,
        }
    }
}

/// The routine service: who to see when it is not urgent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutineService {
    /// For example "your doctor" or "a GP".
    #[serde(default = "default_routine_name")]
    pub name: String,
}

impl Default for RoutineService {
    fn default() -> Self {
        RoutineService {
            name: default_routine_name(),
        }
    }
}

fn default_urgent_name() -> String {
    "an urgent care center".to_string()
}

fn default_routine_name() -> String {
    "your doctor".to_string()
}

/// How the footer links to `contact`: `mailto:` for an email address, the URL itself otherwise.
pub(crate) fn contact_href(contact: &str) -> String {
    if is_http_url(contact) {
        contact.to_string()
    } else {
        format!("mailto:{contact}")
    }
}

fn is_http_url(s: &str) -> bool {
    crate::url::is_web(s)
}

/// Line and column (1-based) of the value of `key` in table `table` (`""` for the top level)
/// of the TOML `text`, when it is written as `key = value` on a line of its own.
fn value_position(text: &str, table: &str, key: &str) -> Option<(usize, usize)> {
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(header) = trimmed.strip_prefix('[') {
            current = header
                .split(']')
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            continue;
        }
        if current != table {
            continue;
        }
        let Some(rest) = trimmed.strip_prefix(key) else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let column = line.chars().count() - value.chars().count() + 1;
        return Some((i + 1, column));
    }
    None
}

fn is_email(s: &str) -> bool {
    let bad = |c: char| c.is_whitespace() || "<>\"(),;:/\\[]".contains(c);
    match s.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !host.contains('@')
                && !s.contains(bad)
        }
        None => false,
    }
}

/// The longest wait for one external link, in seconds.
pub(crate) const MAX_TIMEOUT_SECONDS: u64 = 600;
/// The most further tries for one external link.
pub(crate) const MAX_RETRIES: u64 = 10;
/// The most requests in flight to one host.
pub(crate) const MAX_PER_HOST: u64 = 64;
/// The entries per page of a long list unless `page_size` says otherwise.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 500;
/// Bounds of `page_size`: small enough pages stay light at any size of site (the largest at
/// about 100 KB gzipped), large enough that a reader is not sent through pages of a few lines.
pub(crate) const PAGE_SIZE_BOUNDS: (usize, usize) = (10, 1000);

/// Why `url` is not the address a site can be published at (as `base_url` or `--base-url`):
/// an absolute http(s) URL with a host, and no user name, password, query or fragment.
pub(crate) fn check_base_url(url: &str) -> Result<(), String> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("has spaces or control characters in it".into());
    }
    let parsed = url::Url::parse(url).map_err(|e| format!("is not a web address ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("does not start with https:// or http://".into());
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err("has no host name".into());
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("has a user name or password in it".into());
    }
    if parsed.query().is_some() {
        return Err("has a query (`?...`)".into());
    }
    if parsed.fragment().is_some() {
        return Err("has a fragment (`#...`)".into());
    }
    Ok(())
}

/// A problem in `site.toml` and the key (`table.key`) it is at.
type Keyed = Box<(Diagnostic, &'static str)>;

fn keyed(d: Diagnostic, key: &'static str) -> Keyed {
    Box::new((d, key))
}

fn find_key<'i>(
    table: &toml::de::DeTable<'i>,
    name: &str,
) -> Option<toml::Spanned<toml::de::DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == name)
        .map(|(_, v)| v.clone())
}

/// The line and column of the value of `key` (`table.key`, or a top-level key) in `text`.
fn locate(text: &str, key: &str) -> Option<(usize, usize)> {
    if key.is_empty() {
        return None;
    }
    let table = toml::de::DeTable::parse(text).ok()?;
    let mut parts = key.split('.');
    let first = parts.next()?;
    let mut value = find_key(table.get_ref(), first)?;
    for part in parts {
        let toml::de::DeValue::Table(inner) = value.get_ref() else {
            return None;
        };
        value = find_key(inner, part)?;
    }
    Some(line_col(text, value.span().start))
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

fn default_page_size() -> usize {
    DEFAULT_PAGE_SIZE
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
        let root = crate::input::canonical_root(root);
        let path = root.join(CONFIG_FILE);
        let input = crate::input::Input {
            root: &root,
            path: &path,
            display: Path::new(CONFIG_FILE),
            limit: crate::input::MAX_TEXT_BYTES,
        };
        if !input.exists() {
            return Err(Diagnostic::error(Kind::Config, CONFIG_FILE, "cannot read the site configuration: there is no site.toml here")
                .hint("run the program from the site's folder, or pass --root DIR; the folder needs a site.toml with at least `title` and `description`"));
        }
        let bytes = input.read().map_err(|d| Diagnostic {
            kind: Kind::Config,
            ..d
        })?;
        // A file that is not text is a configuration problem; a control character keeps its own
        // kind, as in every other file.
        let text = crate::load::article::decode(Path::new(CONFIG_FILE), bytes).map_err(|d| {
            let kind = match d.kind {
                Kind::ControlCharacter => Kind::ControlCharacter,
                _ => Kind::Config,
            };
            Diagnostic { kind, ..d }
        })?;
        Self::parse(&text)
    }

    /// Parses and checks the text of `site.toml`.
    pub(crate) fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let unix = text.replace("\r\n", "\n");
        crate::load::article::check_controls(Path::new(CONFIG_FILE), &unix)?;
        let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
            let mut d =
                Diagnostic::error(Kind::Config, CONFIG_FILE, e.message().trim().to_string());
            if e.message().starts_with("unknown field") && e.message().contains("index_template") {
                d = d.hint(taxonomy::keys_hint());
            }
            if let Some(span) = e.span() {
                let (line, column) = line_col(text, span.start);
                d = d.at(line, column);
            }
            d
        })?;
        config.validate_urls(text)?;
        config.taxonomies = taxonomy::resolve(text, &config.declared_taxonomies)?;
        config.check_languages().map_err(|keyed| {
            let (d, key) = *keyed;
            match locate(text, key) {
                Some((line, column)) => d.at(line, column),
                None => d,
            }
        })?;
        config.editions = config.editions_of(0);
        config.check_about(text)?;
        config.about_at = config.about.as_ref().and_then(|_| locate(text, "about"));
        config.checked().map_err(|keyed| {
            let (d, key) = *keyed;
            match locate(text, key) {
                Some((line, column)) => d.at(line, column),
                None => d,
            }
        })?;
        Ok(config)
    }

    /// Checks values that TOML types alone cannot (non-empty names, an absolute base URL,
    /// numbers within their bounds).
    pub fn validate(&self) -> Result<(), Diagnostic> {
        self.checked().map_err(|keyed| keyed.0)
    }

    /// `validate`, with the key (`table.key`) the problem is at, when there is one.
    fn checked(&self) -> Result<(), Keyed> {
        let invalid = |message: String| Diagnostic::error(Kind::Config, CONFIG_FILE, message);
        if self.title.trim().is_empty() {
            return Err(keyed(
                invalid("`title` is empty".into()).hint("give the site a name"),
                "title",
            ));
        }
        if self.emergency_number.trim().is_empty() {
            return Err(keyed(
                invalid("`emergency_number` is empty".into())
                    .hint("set the local emergency number, for example \"911\" or \"112\""),
                "emergency_number",
            ));
        }
        self.validate_services().map_err(|d| keyed(d, ""))?;
        if let Some(url) = &self.base_url
            && let Err(why) = check_base_url(url)
        {
            return Err(keyed(
                invalid(format!(
                    "`base_url` must be the address the site is published at, but `{url}` {why}"
                ))
                .hint("for example base_url = \"https://example.org/guide/\", or leave it out"),
                "base_url",
            ));
        }
        if !(self.max_reading_grade.is_finite() && self.max_reading_grade > 0.0) {
            return Err(keyed(
                invalid("`max_reading_grade` must be a positive number".into())
                    .hint("for example max_reading_grade = 8"),
                "max_reading_grade",
            ));
        }
        if self.max_sentence_words == 0 || self.max_paragraph_words == 0 {
            let key = match self.max_sentence_words {
                0 => "max_sentence_words",
                _ => "max_paragraph_words",
            };
            return Err(keyed(
                invalid("word limits must be at least 1".into())
                    .hint("for example max_sentence_words = 30 and max_paragraph_words = 120"),
                key,
            ));
        }
        let (min, max) = PAGE_SIZE_BOUNDS;
        if !(min..=max).contains(&self.page_size) {
            return Err(keyed(
                invalid(format!(
                    "`page_size` must be from {min} to {max}, found {}",
                    self.page_size
                ))
                .hint(format!(
                    "for example page_size = {DEFAULT_PAGE_SIZE}, or leave it out"
                )),
                "page_size",
            ));
        }
        let links = &self.external_links;
        let numbers = [
            (
                "timeout_seconds",
                links.timeout_seconds,
                1,
                MAX_TIMEOUT_SECONDS,
                "10",
            ),
            ("retries", u64::from(links.retries), 0, MAX_RETRIES, "2"),
            ("per_host", links.per_host as u64, 1, MAX_PER_HOST, "2"),
        ];
        for (key, value, min, max, example) in numbers {
            if !(min..=max).contains(&value) {
                return Err(keyed(
                    invalid(format!(
                        "`{key}` in `[external_links]` must be from {min} to {max}, found {value}"
                    ))
                    .hint(format!("for example {key} = {example}")),
                    match key {
                        "timeout_seconds" => "external_links.timeout_seconds",
                        "retries" => "external_links.retries",
                        _ => "external_links.per_host",
                    },
                ));
            }
        }
        if self.output.trim().is_empty() {
            return Err(keyed(
                invalid("`output` is empty".into()).hint("for example output = \"public\""),
                "output",
            ));
        }
        Ok(())
    }

    /// Checks `[urgent_service]`, `[routine_service]` and `contact`.
    fn validate_services(&self) -> Result<(), Diagnostic> {
        let invalid = |message: &str, hint: &str| {
            Err(
                Diagnostic::error(Kind::Config, CONFIG_FILE, message.to_string())
                    .hint(hint.to_string()),
            )
        };
        let urgent = &self.urgent_service;
        if urgent.name.trim().is_empty() || self.routine_service.name.trim().is_empty() {
            return invalid(
                "a service `name` is empty",
                "for example [urgent_service] name = \"NHS 111\" and [routine_service] name = \"a GP\"",
            );
        }
        if urgent
            .phone
            .as_ref()
            .is_some_and(|p| !p.chars().any(|c| c.is_ascii_digit()))
        {
            return invalid(
                "`[urgent_service]` `phone` has no digits",
                "write the number readers dial, for example phone = \"111\"",
            );
        }
        Ok(())
    }

    /// Checks the web addresses (`[urgent_service]` `url`, `contact`) through the one URL check
    /// every link goes through, locating a bad one at its line and column in `text`.
    fn validate_urls(&self, text: &str) -> Result<(), Diagnostic> {
        let invalid = |table: &str, key: &str, message: &str, hint: &str| {
            let mut d = Diagnostic::error(Kind::Config, CONFIG_FILE, message.to_string())
                .hint(hint.to_string());
            if let Some((line, column)) = value_position(text, table, key) {
                d = d.at(line, column);
            }
            Err(d)
        };
        if let Some(url) = &self.urgent_service.url
            && !is_http_url(url)
        {
            return invalid(
                "urgent_service",
                "url",
                &format!("`[urgent_service]` `url` must be an absolute http(s) URL, found `{url}`"),
                "for example url = \"https://111.nhs.uk/\"",
            );
        }
        if self
            .contact
            .as_ref()
            .is_some_and(|c| !is_http_url(c) && !is_email(c))
        {
            return invalid(
                "",
                "contact",
                "`contact` must be an email address or an http(s) URL",
                "for example contact = \"editors@example.org\" or contact = \"https://example.org/contact\"",
            );
        }
        Ok(())
    }

    /// Checks that `about` names an article file (`about.md`, `guide/about.md`).
    fn check_about(&self, text: &str) -> Result<(), Diagnostic> {
        let Some(about) = &self.about else {
            return Ok(());
        };
        if about.ends_with(".md") && crate::load::article::check_key(about).is_ok() {
            return Ok(());
        }
        let mut d = Diagnostic::error(
            Kind::Config,
            CONFIG_FILE,
            format!("`about` must name an article under `articles/`, found `{about}`"),
        )
        .hint("for example about = \"about.md\" for articles/about.md, or leave it out");
        if let Some((line, column)) = locate(text, "about") {
            d = d.at(line, column);
        }
        Err(d)
    }

    /// An error about `about`, at its place in `site.toml`.
    pub(crate) fn about_error(&self, message: String) -> Diagnostic {
        let d = Diagnostic::error(Kind::Config, CONFIG_FILE, message);
        match self.about_at {
            Some((line, column)) => d.at(line, column),
            None => d,
        }
    }

    /// The taxonomy of articles: the one whose terms articles name in their front matter (the
    /// default symptoms for a configuration not made by `parse`, which always has one).
    pub(crate) fn article_taxonomy(&self) -> &Taxonomy {
        static DEFAULTS: std::sync::LazyLock<Vec<Taxonomy>> =
            std::sync::LazyLock::new(taxonomy::defaults);
        self.taxonomies
            .iter()
            .find(|t| !t.map)
            .unwrap_or(&DEFAULTS[0])
    }

    /// The taxonomies of articles besides the first (`article_taxonomy`): plain term lists,
    /// each with pages per term, an index page and A to Z entries.
    pub(crate) fn extra_taxonomies(&self) -> impl Iterator<Item = &Taxonomy> {
        self.taxonomies.iter().filter(|t| !t.map).skip(1)
    }

    /// Whether the home page has the finder: a taxonomy of articles sets `finder` (a map cannot).
    pub(crate) fn has_finder(&self) -> bool {
        self.article_taxonomy().finder || self.extra_taxonomies().any(|t| t.finder)
    }

    /// The taxonomy drawn as the body map, if the site has one.
    pub(crate) fn map_taxonomy(&self) -> Option<&Taxonomy> {
        self.taxonomies.iter().find(|t| t.map)
    }

    /// `base_url` with exactly one trailing slash, if set.
    pub(crate) fn base_url(&self) -> Option<String> {
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
        assert_eq!(config.urgent_service.name, "an urgent care center");
        assert_eq!(config.urgent_service.phone, None);
        assert_eq!(config.routine_service.name, "your doctor");
        assert_eq!(config.contact, None);
    }

    #[test]
    fn services_and_contact_are_read_and_checked() {
        let c = SiteConfig::parse(
            "title = \"T\"\ndescription = \"D\"\ncontact = \"ed@example.org\"\n[urgent_service]\nname = \"NHS 111\"\nphone = \"111\"\nurl = \"https://111.nhs.uk/\"\n[routine_service]\nname = \"a GP\"\n",
        )
        .expect("valid");
        assert_eq!(c.urgent_service.phone.as_deref(), Some("111"));
        assert_eq!(c.routine_service.name, "a GP");
        assert_eq!(contact_href("ed@example.org"), "mailto:ed@example.org");
        assert_eq!(contact_href("https://x.org/c"), "https://x.org/c");
        let bad = |extra: &str| {
            SiteConfig::parse(&format!("title = \"T\"\ndescription = \"D\"\n{extra}")).is_err()
        };
        assert!(bad("contact = \"not an address\""));
        assert!(bad("contact = \"javascript:alert(1)\""));
        assert!(bad("[urgent_service]\nname = \" \""));
        assert!(bad("[urgent_service]\nphone = \"none\""));
        assert!(bad("[urgent_service]\nurl = \"111.nhs.uk\""));
        assert!(bad("[urgent_service]\nnmae = \"x\""));
        assert!(!bad("contact = \"http://example.org/contact\""));
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
