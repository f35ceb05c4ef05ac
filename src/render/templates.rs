//! The Tera side of rendering: compiling the site's templates once, turning Tera's errors into
//! diagnostics that name the template and line, and making raw HTML safe.

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Kind};
use crate::i18n::{Arg, TranslationSource, Translations};
use crate::load::{TEMPLATES_DIR, TemplateSource};
use std::path::PathBuf;
use std::sync::Arc;

/// Templates every site must have, one per page kind, plus the base they extend; the taxonomies'
/// templates (`required`) come between the article's and the A to Z's.
const BUILT_IN: [&str; 7] = [
    "base.html",
    "home.html",
    "article.html",
    "a-z.html",
    "emergency.html",
    "references.html",
    "404.html",
];

/// Every template `config`'s site needs: the built-in pages' and each taxonomy's.
pub(crate) fn required(config: &SiteConfig) -> Vec<&str> {
    let mut names: Vec<&str> = BUILT_IN[..3].to_vec();
    for t in &config.taxonomies {
        for name in std::iter::once(t.template.as_str()).chain(t.index_template.as_deref()) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names.extend(
        BUILT_IN[3..]
            .iter()
            .filter(|n| !names.contains(n))
            .collect::<Vec<_>>(),
    );
    names
}

fn template_path(name: &str) -> PathBuf {
    PathBuf::from(TEMPLATES_DIR).join(name)
}

/// The site's templates, compiled, with a digest of every template's name and text: a page's
/// fingerprint includes it, since any template may include any other.
#[derive(Debug, Clone)]
pub struct Templates {
    /// The compiled templates.
    pub tera: tera::Tera,
    /// Digest of the sources.
    pub print: u64,
    /// The site language's user-interface text, which `t()` formats.
    pub translations: Arc<Translations>,
}

/// Compiles all templates with HTML autoescaping on and the translations (`t()`); checks that
/// the ones `config`'s site requires exist and that the translations files match the templates'
/// calls of `t()`.
pub(crate) fn compile(
    sources: &[TemplateSource],
    translation_sources: &[TranslationSource],
    config: &SiteConfig,
) -> Result<Templates, Vec<Diagnostic>> {
    let required = required(config);
    let missing: Vec<Diagnostic> = required
        .iter()
        .filter(|name| !sources.iter().any(|s| s.name == **name))
        .map(|name| {
            Diagnostic::error(
                Kind::Template,
                template_path(name),
                "this required template is missing",
            )
            .hint(format!(
                "every site needs these templates in {TEMPLATES_DIR}/: {}",
                required.join(", ")
            ))
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let translations = Arc::new(load_translations(
        sources,
        translation_sources,
        &config.language,
        !config.editions.single(),
    )?);
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(escape_html);
    register_t(&mut tera, Arc::clone(&translations));
    tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())))
        .map_err(|e| compile_error(&e, sources))?;
    let named: Vec<(&str, &str)> = sources
        .iter()
        .map(|s| (s.name.as_str(), s.text.as_str()))
        .chain(
            translation_sources
                .iter()
                .map(|s| (s.name.as_str(), s.text.as_str())),
        )
        .collect();
    let print = super::digest_of(&named).map_err(|e| {
        vec![Diagnostic::error(
            Kind::Template,
            TEMPLATES_DIR,
            format!("cannot fingerprint the templates: {e}"),
        )]
    })?;
    Ok(Templates {
        tera,
        print,
        translations,
    })
}

/// The translations files parsed and checked against the templates' calls of `t()`.
fn load_translations(
    sources: &[TemplateSource],
    translation_sources: &[TranslationSource],
    language: &str,
    multilingual: bool,
) -> Result<Translations, Vec<Diagnostic>> {
    let translations = if translation_sources.is_empty() && !multilingual {
        Translations::none(language)
    } else {
        Translations::load(translation_sources, language)?
    };
    let calls: Vec<crate::i18n::Call> = sources
        .iter()
        .flat_map(|s| crate::i18n::calls_in(&s.name, &s.text))
        .collect();
    let problems = crate::i18n::check(&translations, &calls, multilingual);
    if problems.is_empty() {
        Ok(translations)
    } else {
        Err(problems)
    }
}

/// Registers `t(key="...", name=value, ...)`: the text of message `key` in the site's language
/// with the other arguments as its variables (numbers choose the plural form). The text is
/// plain text, so autoescaping applies to it as to any other value.
fn register_t(tera: &mut tera::Tera, translations: Arc<Translations>) {
    tera.register_function(
        "t",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get("key")?;
            let args: Vec<(String, Arg)> = kwargs
                .iter()
                .filter_map(|(name, value)| {
                    let name = name.as_str()?;
                    (name != "key").then(|| (name.to_string(), fluent_arg(value)))
                })
                .collect();
            let args: Vec<(&str, Arg)> =
                args.iter().map(|(n, a)| (n.as_str(), a.clone())).collect();
            translations.text(&key, &args).map_err(tera::Error::message)
        },
    );
}

/// A template value as a Fluent argument: numbers stay numbers (for plurals), anything else is
/// its text.
fn fluent_arg(value: &tera::Value) -> Arg {
    match value.as_f64() {
        Some(n) if value.is_number() => Arg::Number(n),
        _ => Arg::Text(
            value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string),
        ),
    }
}

fn compile_error(e: &tera::Error, sources: &[TemplateSource]) -> Vec<Diagnostic> {
    // The 1-based line of the first `{% word` tag in template `name`, if it has one.
    let tag_line = |name: &str, word: &str| {
        let text = &sources.iter().find(|s| s.name == name)?.text;
        text.lines()
            .position(|l| l.contains("{%") && l.contains(word))
            .map(|i| i + 1)
    };
    let at_tag = |d: Diagnostic, name: &str, word: &str| match tag_line(name, word) {
        Some(line) => d.at(line, 1),
        None => d,
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(report) => vec![located(report, "fix the template syntax")],
        tera::ErrorKind::MissingParent { current, parent } => vec![at_tag(
            Diagnostic::error(
                Kind::Template,
                template_path(current),
                format!("it extends `{parent}`, which does not exist"),
            )
            .hint("check the name in `{% extends %}`"),
            current,
            "extends",
        )],
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => vec![at_tag(
            Diagnostic::error(
                Kind::Template,
                template_path(tpl),
                format!(
                    "the templates extend each other in a loop: {} -> {tpl}",
                    inheritance_chain.join(" -> ")
                ),
            )
            .hint("a template may extend another only if that one does not lead back to it: change one `{% extends %}`"),
            tpl,
            "extends",
        )],
        tera::ErrorKind::CircularInclude { tpl, include_chain } => vec![at_tag(
            Diagnostic::error(
                Kind::Template,
                template_path(tpl),
                format!(
                    "the templates include each other in a loop: {}",
                    include_chain.join(" -> ")
                ),
            )
            .hint("remove one of the `{% include %}` tags that lead back to this template"),
            tpl,
            "include",
        )],
        _ => from_reports(&chain_text(e), "check the spelling of the filter, function or template it names (Tera reports each unknown name)"),
    }
}

/// The message of `e` and of every error under it, one per line.
fn chain_text(e: &tera::Error) -> String {
    let mut text = match e.kind() {
        tera::ErrorKind::Msg(m) => m.clone(),
        other => other.to_string(),
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Diagnostics from the text of Tera's error reports (`error: MESSAGE` then
/// ` --> NAME:LINE:COLUMN`), one per report; when the text has none, one diagnostic for the
/// templates folder with the whole text.
fn from_reports(text: &str, hint: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(m) = trimmed.strip_prefix("error: ") {
            message = Some(m.trim_start_matches("error: "));
        } else if let Some(place) = trimmed.strip_prefix("--> ") {
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.trim().parse::<usize>().ok());
            let line_number = parts.next().and_then(|l| l.trim().parse::<usize>().ok());
            if let (Some(name), Some(line_number), Some(column)) =
                (parts.next(), line_number, column)
            {
                found.push(
                    Diagnostic::error(
                        Kind::Template,
                        template_path(name),
                        message
                            .take()
                            .unwrap_or("the template has an error")
                            .to_string(),
                    )
                    .at(line_number.max(1), column.max(1))
                    .hint(hint.to_string()),
                );
            }
        }
    }
    if found.is_empty() {
        let first = text.lines().next().unwrap_or_default();
        found.push(
            Diagnostic::error(
                Kind::Template,
                TEMPLATES_DIR,
                first.trim_start_matches("error: ").to_string(),
            )
            .hint(hint.to_string()),
        );
    }
    found
}

fn located(report: &tera::ReportError, hint: &str) -> Diagnostic {
    let span = report.span();
    Diagnostic::error(
        Kind::Template,
        template_path(report.filename()),
        report.message().to_string(),
    )
    .at(span.start_line.max(1), span.start_col + 1)
    .hint(hint.to_string())
}

/// A rendering failure, naming the template, its line, and the page being rendered.
pub(crate) fn render_error(e: &tera::Error, template: &str, page_url: &str) -> Diagnostic {
    let page = if page_url.is_empty() {
        "the home page".to_string()
    } else {
        format!("`{page_url}`")
    };
    let hint = format!("while rendering {page}; check the variable names the template uses");
    match e.kind() {
        tera::ErrorKind::RenderingError(report) | tera::ErrorKind::SyntaxError(report) => {
            located(report, &hint)
        }
        _ => {
            let mut ds = from_reports(&chain_text(e), &hint);
            let d = ds.remove(0);
            if d.line.is_some() {
                d
            } else {
                Diagnostic {
                    file: template_path(template),
                    ..d
                }
            }
        }
    }
}

/// Tera's own HTML escaping, byte for byte (`&`, `<`, `>`, `"` and `'` as `&amp;`, `&lt;`,
/// `&gt;`, `&quot;` and `&#39;`), but writing the text between them in one piece rather than a
/// byte at a time: Tera's was 4% of a 10,000-article build.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut plain_from = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain_from..i])?;
        out.write_all(entity)?;
        plain_from = i + 1;
    }
    out.write_all(&bytes[plain_from..])
}

/// The sanitizer, built once: safe tags and attributes only, plus the ids, classes and roles
/// headings, anchors and callouts need, the labels of citation links, and the alignment Markdown
/// tables write (`style="text-align: center"`, and no other style).
static SANITIZER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "role", "aria-label"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .attribute_filter(|_element, attribute, value| match attribute {
            "style" => matches!(
                value,
                "text-align: left" | "text-align: center" | "text-align: right"
            )
            .then(|| value.into()),
            _ => Some(value.into()),
        })
        .link_rel(None);
    builder
});

/// Removes anything unsafe from HTML (scripts, styles, event handlers, `javascript:` links),
/// keeping ids and classes so headings, anchors and callouts still work.
pub(crate) fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> TemplateSource {
        TemplateSource {
            name: name.into(),
            text: text.into(),
        }
    }

    fn config() -> SiteConfig {
        SiteConfig::parse("title = \"T\"\ndescription = \"D\"\n").expect("config")
    }

    fn compile(sources: &[TemplateSource]) -> Result<Templates, Vec<Diagnostic>> {
        super::compile(sources, &[], &config())
    }

    #[test]
    fn the_default_taxonomies_require_today_s_ten_templates() {
        let config = config();
        assert_eq!(
            required(&config),
            [
                "base.html",
                "home.html",
                "article.html",
                "symptom.html",
                "symptoms.html",
                "region.html",
                "a-z.html",
                "emergency.html",
                "references.html",
                "404.html"
            ]
        );
    }

    fn all_required() -> Vec<TemplateSource> {
        required(&config())
            .into_iter()
            .map(|n| source(n, "{{ page_title }}"))
            .collect()
    }

    #[test]
    fn missing_required_templates_are_named() {
        let mut sources = all_required();
        sources.retain(|s| s.name != "symptom.html");
        let errors = compile(&sources).expect_err("missing template");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].file, PathBuf::from("templates/symptom.html"));
    }

    #[test]
    fn syntax_errors_name_template_and_line() {
        let mut sources = all_required();
        sources[2] = source("article.html", "ok\n{% if x %}\nnever closed\n");
        let errors = compile(&sources).expect_err("bad syntax");
        assert_eq!(errors[0].kind, Kind::Template);
        assert_eq!(errors[0].file, PathBuf::from("templates/article.html"));
        assert!(errors[0].line.is_some(), "{:?}", errors[0]);
    }

    #[test]
    fn autoescape_is_on_and_missing_variables_fail_with_a_line() {
        let mut sources = all_required();
        sources[1] = source("home.html", "{{ title }}\n{{ nope }}");
        let tera = compile(&sources).expect("compiles").tera;
        let mut context = tera::Context::new();
        context.insert("title", "<script>");
        let error = tera
            .render("home.html", &context)
            .expect_err("undefined variable");
        let d = render_error(&error, "home.html", "");
        assert_eq!(
            (d.file.clone(), d.line),
            (PathBuf::from("templates/home.html"), Some(2))
        );
        context.insert("nope", "x");
        let html = tera.render("home.html", &context).expect("renders");
        assert!(html.starts_with("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn t_gives_the_translation_as_text_that_autoescaping_escapes() {
        let mut sources = all_required();
        sources[1] = source(
            "home.html",
            "{{ t(key=\"count\", count=n) }}|{{ t(key=\"warn\", what=w) }}",
        );
        let ftl = TranslationSource {
            name: "en.ftl".into(),
            text: format!(
                "count = {{ $count ->\n    [one] {{ $count }} article\n   *[other] {{ $count }} articles\n}}\nwarn = Call <b>{{ $what }}</b> & go\n{}",
                crate::i18n::PROGRAM_EN
            ),
        };
        let tera = super::compile(&sources, &[ftl], &config())
            .expect("compiles")
            .tera;
        let mut context = tera::Context::new();
        context.insert("n", &1);
        context.insert("w", "<i>");
        let html = tera.render("home.html", &context).expect("renders");
        assert_eq!(html, "1 article|Call &lt;b&gt;&lt;i&gt;&lt;/b&gt; &amp; go");
        context.insert("n", &3);
        let html = tera.render("home.html", &context).expect("renders");
        assert!(html.starts_with("3 articles|"), "{html}");
    }

    #[test]
    fn a_key_the_file_lacks_is_reported_at_the_template_s_line() {
        let mut sources = all_required();
        sources[1] = source("home.html", "ok\n  {{ t(key=\"skip-to-contnet\") }}");
        let ftl = TranslationSource {
            name: "en.ftl".into(),
            text: format!("skip-to-content = Skip\n{}", crate::i18n::PROGRAM_EN),
        };
        let errors = super::compile(&sources, &[ftl], &config()).expect_err("missing key");
        let missing: Vec<_> = errors
            .iter()
            .filter(|d| d.kind == Kind::TranslationMissing && d.file.starts_with("templates"))
            .collect();
        assert_eq!(missing.len(), 1, "{errors:?}");
        assert_eq!(
            (missing[0].file.clone(), missing[0].line, missing[0].column),
            (PathBuf::from("templates/home.html"), Some(2), Some(6))
        );
        assert!(
            missing[0]
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("skip-to-content")),
            "{:?}",
            missing[0]
        );
        assert!(errors.iter().any(|d| d.kind == Kind::TranslationUnused
            && d.file == std::path::Path::new("i18n/en.ftl")
            && d.line == Some(1)));
    }

    proptest::proptest! {
        #[test]
        fn escaping_is_tera_s_own(text in "(.|[&<>\"'])*") {
            let (mut ours, mut tera_s) = (Vec::new(), Vec::new());
            escape_html(&text, &mut ours).expect("escapes");
            tera::escape_html(&text, &mut tera_s).expect("escapes");
            proptest::prop_assert_eq!(ours, tera_s);
        }
    }

    #[test]
    fn sanitize_keeps_ids_and_drops_scripts() {
        let clean = sanitize(
            "<h2 id=\"a\">A</h2><script>x()</script><a href=\"javascript:x()\" onclick=\"y\">l</a>",
        );
        assert!(clean.contains("<h2 id=\"a\">"), "{clean}");
        assert!(
            !clean.contains("script") && !clean.contains("onclick"),
            "{clean}"
        );
        let table = sanitize(
            "<table><tr><th style=\"text-align: center\">a</th><td style=\"color: red\">b</td></tr></table>",
        );
        assert!(
            table.contains("<th style=\"text-align: center\">"),
            "{table}"
        );
        assert!(!table.contains("color"), "{table}");
    }
}
