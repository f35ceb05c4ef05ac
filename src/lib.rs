//! healthkb: a static site generator for health knowledge bases.
//!
//! The build is a chain of plain values, one module per step:
//! [`load`] (read the site) -> [`crosslink`] (symptoms, related articles, links) ->
//! [`render`] (Markdown and Tera templates) -> [`write`] (all-or-nothing output).
//! `build`, `check` ([`build_with`] without writing) and `serve` ([`serve::engine`]) compose the
//! same steps: [`load::load`], [`link`], [`site_pages`] and `Renderer::render_pages`, then
//! [`write::write_site`] or the preview's snapshot.

// Internals are `pub(crate)`: the public API is the steps, their options and data, and
// diagnostics. The lint keeps a `pub` inside a private module from pretending otherwise.
#![warn(unreachable_pub)]

pub mod check;
pub mod config;
pub mod console;
pub mod crosslink;
pub(crate) mod date;
pub mod diagnostic;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub(crate) mod input;
pub mod interrupt;
pub mod load;
pub(crate) mod markdown;
pub(crate) mod placeholder;
pub mod progress;
pub(crate) mod quality;
pub mod render;
pub mod scaffold;
pub mod serve;
pub(crate) mod url;
pub mod write;

use diagnostic::{Diagnostic, sorted};
use progress::Progress;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding `site.toml`, `articles/`, `templates/`, `static/`).
    pub root: PathBuf,
    /// Output folder; `None` uses `output` from `site.toml` (`check` writes nothing).
    pub out: Option<PathBuf>,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Links end in `index.html`, so the site can be browsed from disk.
    pub local: bool,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Articles built.
    pub articles: usize,
    /// Pages built for the terms of the taxonomy of articles (the symptom pages on this guide;
    /// the name stays for the JSON report).
    pub symptom_pages: usize,
    /// What one of those terms is called: `symptom`, `condition`.
    pub term_noun: String,
    /// All HTML pages built.
    pub pages: usize,
    /// Static files copied.
    pub static_files: usize,
    /// Where the site was written (`None` for `check`).
    pub out: Option<PathBuf>,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Candidate scores computed while ranking related articles (work done, for regression tests).
    pub related_candidates_scored: usize,
}

/// Why a build failed.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Every problem, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// True when the problem is in how the program was called (exit code 2), not in the content.
    pub usage: bool,
}

impl Failure {
    fn content(diagnostics: Vec<Diagnostic>) -> Self {
        Failure {
            diagnostics: sorted(diagnostics),
            usage: false,
        }
    }
}

/// Builds the site. Nothing is written unless everything succeeds.
pub fn build(options: &BuildOptions) -> Result<Summary, Failure> {
    build_with(options, &Progress::silent())
}

/// `build`, reporting its stages and pages on `progress`. The driver: configure -> load ->
/// cross-link -> render -> write, every language's edition in the one output.
pub fn build_with(options: &BuildOptions, progress: &Progress) -> Result<Summary, Failure> {
    let started = Instant::now();
    let config = configure(options)?;
    let out = output_dir(options, &config)?;
    let Linked {
        site,
        templates,
        editions,
        ..
    } = load_and_link(options, config, progress)?;
    let templates = templates.map_err(Failure::content)?;
    let planned = plan_editions(&site, templates, &editions, options)?;
    let pages: usize = planned.iter().map(|p| p.pages.len()).sum();
    progress.stage("rendering pages", pages);
    let fill = |sink: render::Sink<'_>| {
        let mut written = 0;
        for edition in &planned {
            let prefixed =
                |rel: &str, bytes: &[u8]| sink(&format!("{}{rel}", edition.prefix), bytes);
            written += edition
                .renderer
                .render_site(&edition.pages, &prefixed, progress)?;
        }
        Ok(written)
    };
    let static_files = every_static_file(&site, &editions);
    let written = write::write_site(&out, &static_files, &fill).map_err(Failure::content)?;
    let summary = Summary {
        static_files: written.static_files,
        out: Some(out),
        ..Summary::of_editions(&site, &planned, started)
    };
    drop(planned);
    free_in_background((site, editions));
    Ok(summary)
}

/// One edition's renderer and pages, and the prefix its files are written under.
pub struct Planned<'a> {
    /// The renderer, with the site's languages.
    pub renderer: render::Renderer<'a>,
    /// Its pages.
    pub pages: Vec<render::Page>,
    /// Its URL prefix (`""`, `es/`).
    pub prefix: String,
}

/// The renderer and pages of the site and of each of its `editions`, once no two files the
/// build writes collide (across the editions too), each renderer knowing every edition's pages
/// for the language switcher.
pub fn plan_editions<'a>(
    site: &'a crosslink::Site,
    templates: render::templates::Templates,
    editions: &'a [Edition],
    options: &BuildOptions,
) -> Result<Vec<Planned<'a>>, Failure> {
    let render_options = render::RenderOptions {
        local: options.local,
    };
    let mut problems = Vec::new();
    let mut planned = Vec::new();
    let mut outputs = Vec::new();
    let others = editions
        .iter()
        .map(|e| (&e.site, e.templates.clone(), e.stale.clone()));
    let all = std::iter::once((site, Ok(templates), Default::default())).chain(others);
    for (site, templates, stale) in all {
        let templates = match templates {
            Ok(t) => t,
            Err(found) => {
                problems.extend(found);
                continue;
            }
        };
        let renderer = render::Renderer::new(site, templates, render_options);
        let pages = render::pages(site);
        let prefix = site.config.editions.prefix().to_string();
        let extra = renderer.extra_file_names();
        outputs.extend(
            write::outputs(site, &pages, &extra, &site.static_files)
                .into_iter()
                .map(|o| write::Output {
                    path: format!("{prefix}{}", o.path),
                    ..o
                }),
        );
        let languages = render::languages::Languages {
            editions: site.config.editions.clone(),
            stale,
            ..Default::default()
        };
        planned.push((renderer, pages, prefix, languages));
    }
    problems.extend(write::check_collisions(&outputs));
    if !problems.is_empty() {
        return Err(Failure::content(problems));
    }
    let page_sets: Vec<std::sync::Arc<std::collections::HashSet<String>>> = planned
        .iter()
        .map(|(_, pages, _, _)| std::sync::Arc::new(pages.iter().map(|p| p.url.clone()).collect()))
        .collect();
    let untranslated: Vec<String> = planned
        .iter()
        .map(|(r, _, _, _)| r.program_text("language-untranslated"))
        .collect();
    Ok(planned
        .into_iter()
        .map(|(renderer, pages, prefix, languages)| {
            let languages = render::languages::Languages {
                pages: page_sets.clone(),
                untranslated: untranslated.clone(),
                ..languages
            };
            Planned {
                renderer: renderer.with_languages(languages),
                pages,
                prefix,
            }
        })
        .collect())
}

/// The static files of the site, and a copy of them under each edition's prefix: an edition is
/// a whole site in its folder, its pages linking to its own copy.
fn every_static_file(site: &crosslink::Site, editions: &[Edition]) -> Vec<load::StaticFile> {
    let mut files = site.static_files.clone();
    for edition in editions {
        let prefix = edition.site.config.editions.prefix();
        files.extend(edition.site.static_files.iter().map(|f| load::StaticFile {
            rel: format!("{prefix}{}", f.rel),
            ..f.clone()
        }));
    }
    files
}

/// The site configuration from `site.toml`, with `--base-url` applied (a bad one is a usage
/// error).
pub fn configure(options: &BuildOptions) -> Result<config::SiteConfig, Failure> {
    let mut config =
        config::SiteConfig::load(&options.root).map_err(|d| Failure::content(vec![d]))?;
    if let Some(base_url) = &options.base_url {
        config::check_base_url(base_url).map_err(|why| Failure {
            diagnostics: vec![Diagnostic::error(
                diagnostic::Kind::Config,
                "--base-url",
                format!("`--base-url {base_url}` is not the address of a site: it {why}"),
            )
            .hint("pass the address the site is published at, for example --base-url https://example.org/guide/, or leave the flag out to use base_url from site.toml")],
            usage: true,
        })?;
        config.base_url = Some(base_url.clone());
    }
    Ok(config)
}

/// The checked output folder: `--out`, else `output` from `site.toml`.
fn output_dir(options: &BuildOptions, config: &config::SiteConfig) -> Result<PathBuf, Failure> {
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(&config.output));
    write::check_output_dir(&options.root, &out).map_err(|d| Failure {
        diagnostics: vec![d],
        usage: options.out.is_some(),
    })
}

/// The site read and cross-linked, with its templates compiled.
pub struct Linked {
    /// The cross-linked site.
    pub site: crosslink::Site,
    /// The compiled templates, or their errors: the site's own problems stop the build before
    /// rendering, template errors at rendering, so `check` still looks at a site whose templates
    /// are broken.
    pub templates: Result<render::templates::Templates, Vec<Diagnostic>>,
    /// The site in each of its other languages (`[[languages]]`), in their order.
    pub editions: Vec<Edition>,
    /// Warnings found on the way that do not stop the build (stale translations), for `check`.
    pub warnings: Vec<Diagnostic>,
}

/// The site in another language, read from its folder of translations and cross-linked.
pub struct Edition {
    /// The cross-linked edition.
    pub site: crosslink::Site,
    /// Its templates, compiled with its language's translations file.
    pub templates: Result<render::templates::Templates, Vec<Diagnostic>>,
    /// Its translations whose original has changed since they were made.
    pub stale: crosslink::translations::Stale,
}

/// Steps 1 and 2: loads the site and each of its editions in other languages, compares each
/// edition with the original, and cross-links them all. Every problem of every edition is
/// reported together.
pub fn load_and_link(
    options: &BuildOptions,
    config: config::SiteConfig,
    progress: &Progress,
) -> Result<Linked, Failure> {
    progress.stage("reading", 0);
    let (loaded, mut problems) = load::load(&options.root, config, options.drafts);
    let (others, found, warnings) = load_editions(&options.root, &loaded, options.drafts);
    problems.extend(found);
    progress.stage("cross-linking", 0);
    let linked = link(loaded, problems);
    match (linked, link_editions(others)) {
        (Ok(linked), Ok(editions)) => Ok(Linked {
            editions,
            warnings,
            ..linked
        }),
        (Ok(_), Err(found)) => Err(Failure::content(found)),
        (Err(mut found), editions) => {
            found.extend(editions.err().unwrap_or_default());
            Err(Failure::content(found))
        }
    }
}

/// An edition loaded, not yet cross-linked, with its stale translations.
pub(crate) type LoadedEdition = (load::Loaded, crosslink::translations::Stale);

/// Loads each edition of the site whose default language `original` is (loaded from `root`),
/// and compares it with the original: the editions, the errors found, and the warnings (stale
/// translations).
pub(crate) fn load_editions(
    root: &std::path::Path,
    original: &load::Loaded,
    drafts: bool,
) -> (Vec<LoadedEdition>, Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut editions = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for i in 0..original.config.languages.len() {
        let Some(config) = original.config.edition(i) else {
            continue;
        };
        let (mut edition, found) = load::load(root, config, drafts);
        problems.extend(found);
        let (found, stale) = crosslink::translations::compare(root, original, &edition);
        let (late, found): (Vec<_>, Vec<_>) = found
            .into_iter()
            .partition(|d| d.severity == diagnostic::Severity::Warning);
        problems.extend(found);
        warnings.extend(late);
        edition.elsewhere = untranslated(original, &edition);
        let about_translated = edition
            .articles
            .iter()
            .any(|a| Some(&a.key) == edition.config.about.as_ref());
        if !about_translated {
            edition.config.about = None;
        }
        editions.push((edition, stale));
    }
    (editions, problems, warnings)
}

/// Cross-links each loaded edition, with its templates compiled in its language; every
/// problem of every edition together.
pub(crate) fn link_editions(loaded: Vec<LoadedEdition>) -> Result<Vec<Edition>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut editions = Vec::new();
    for (loaded, stale) in loaded {
        let templates =
            render::templates::compile(&loaded.templates, &loaded.translations, &loaded.config);
        match crosslink::cross_link(loaded, Vec::new()) {
            Ok(site) => editions.push(Edition {
                site,
                templates,
                stale,
            }),
            Err(found) => problems.extend(found),
        }
    }
    match problems.is_empty() {
        true => Ok(editions),
        false => Err(problems),
    }
}

/// The original's articles that `edition` has not translated, with their URLs from the
/// edition's root: its links to them lead to the original's pages.
fn untranslated(original: &load::Loaded, edition: &load::Loaded) -> Vec<(String, String)> {
    let up = "../".repeat(edition.config.editions.prefix().matches('/').count());
    let translated: std::collections::HashSet<&str> =
        edition.articles.iter().map(|a| a.key.as_str()).collect();
    original
        .articles
        .iter()
        .filter(|a| !translated.contains(a.key.as_str()))
        .map(|a| (a.key.clone(), format!("{up}{}", a.url)))
        .collect()
}

/// Step 2 with the templates: compiles the templates and cross-links the loaded site. Problems of
/// the templates are reported with the site's own (and loading's, `problems`) when cross-linking
/// fails, so that every problem is reported together.
pub fn link(loaded: load::Loaded, problems: Vec<Diagnostic>) -> Result<Linked, Vec<Diagnostic>> {
    link_with(loaded, problems, None)
}

/// `link`, reusing related articles `memo` ranked from the same inputs (`serve`).
pub fn link_with(
    loaded: load::Loaded,
    mut problems: Vec<Diagnostic>,
    memo: Option<&crosslink::Memo>,
) -> Result<Linked, Vec<Diagnostic>> {
    let templates =
        render::templates::compile(&loaded.templates, &loaded.translations, &loaded.config);
    if let Err(template_problems) = &templates {
        problems.extend(template_problems.iter().cloned());
    }
    let site = crosslink::cross_link_with(loaded, problems, memo)?;
    Ok(Linked {
        site,
        templates,
        editions: Vec::new(),
        warnings: Vec::new(),
    })
}

/// Every page of the site, after checking that no two files the build writes collide.
pub fn site_pages(
    site: &crosslink::Site,
    renderer: &render::Renderer<'_>,
) -> Result<Vec<render::Page>, Vec<Diagnostic>> {
    let pages = render::pages(site);
    let extra_names = renderer.extra_file_names();
    let outputs = write::outputs(site, &pages, &extra_names, &site.static_files);
    let collisions = write::check_collisions(&outputs);
    if collisions.is_empty() {
        Ok(pages)
    } else {
        Err(collisions)
    }
}

impl Summary {
    /// What a build or check of `site` in every language of `planned` did: the default
    /// language's articles and term pages, and the pages of every language.
    pub fn of_editions(site: &crosslink::Site, planned: &[Planned<'_>], started: Instant) -> Self {
        let pages: Vec<render::Page> = Vec::new();
        Summary {
            pages: planned.iter().map(|p| p.pages.len()).sum(),
            ..Summary::of(site, &pages, started)
        }
    }

    /// What a build or check of `site` with `pages` did, its static files all counted.
    pub fn of(site: &crosslink::Site, pages: &[render::Page], started: Instant) -> Self {
        Summary {
            articles: site.articles.len(),
            symptom_pages: site.symptoms.len(),
            term_noun: site.config.article_taxonomy().noun(),
            pages: pages.len(),
            static_files: site.static_files.len(),
            out: None,
            elapsed: started.elapsed(),
            related_candidates_scored: site.related_candidates_scored,
        }
    }
}

/// Frees a large value on another thread, so the build's result does not wait for it (half a
/// second at 100,000 articles). If no thread can be started, it is freed here.
pub(crate) fn free_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}

/// Renders every page and discards the text: `check` finds template errors without writing.
pub fn render_all(
    renderer: &render::Renderer<'_>,
    pages: &[render::Page],
    progress: &Progress,
) -> Result<(), Failure> {
    progress.stage("rendering pages", pages.len());
    let discard = |_: &render::Page, _: u64, _: String| Ok(());
    renderer
        .render_pages(pages, &|_, _| true, &discard, progress)
        .map_err(Failure::content)?;
    Ok(())
}
