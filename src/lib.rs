//! healthkb: a static site generator for health knowledge bases.
//!
//! The build is a chain of plain values, one module per step:
//! [`load`] (read the site) -> [`crosslink`] (symptoms, related articles, links) ->
//! [`render`] (Markdown and Tera templates) -> [`write`] (all-or-nothing output).

pub mod check;
pub mod config;
pub mod console;
pub mod crosslink;
pub mod date;
pub mod diagnostic;
pub mod input;
pub mod interrupt;
pub mod load;
pub mod markdown;
pub mod placeholder;
pub mod progress;
pub mod quality;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod url;
pub mod write;

use diagnostic::{Diagnostic, sorted};
use progress::Progress;
use rayon::prelude::*;
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
    /// Symptom pages built.
    pub symptom_pages: usize,
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

/// `build`, reporting its stages and pages on `progress`: configure -> load and cross-link ->
/// render and write.
pub fn build_with(options: &BuildOptions, progress: &Progress) -> Result<Summary, Failure> {
    let started = Instant::now();
    let config = configure(options)?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(&config.output));
    let out = write::check_output_dir(&options.root, &out).map_err(|d| Failure {
        diagnostics: vec![d],
        usage: options.out.is_some(),
    })?;
    let Linked { site, templates } = load_and_link(options, config, progress)?;
    let tera = templates.map_err(Failure::content)?;
    let (renderer, pages) = plan(&site, tera, options)?;
    progress.stage("rendering pages", pages.len());
    let written = write::write_site_with_progress(
        &renderer,
        &pages,
        &|| renderer.extra_files(&pages),
        &site.static_files,
        &out,
        progress,
    )
    .map_err(Failure::content)?;
    let summary = Summary {
        static_files: written.static_files,
        out: Some(out),
        ..Summary::of(&site, &pages, started)
    };
    drop(renderer);
    free_in_background(site);
    Ok(summary)
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

/// The site read and cross-linked, with its templates compiled.
pub struct Linked {
    /// The cross-linked site.
    pub site: crosslink::Site,
    /// The compiled templates, or their errors: the site's own problems stop the build before
    /// rendering, template errors at rendering, so `check` still looks at a site whose templates
    /// are broken.
    pub templates: Result<tera::Tera, Vec<Diagnostic>>,
}

/// Loads the site and cross-links it. Problems of the templates are reported with the site's own
/// when cross-linking fails, so that every problem is reported together.
pub fn load_and_link(
    options: &BuildOptions,
    config: config::SiteConfig,
    progress: &Progress,
) -> Result<Linked, Failure> {
    progress.stage("reading", 0);
    let (loaded, mut problems) = load::load(&options.root, config, options.drafts);
    let templates = render::templates::compile(&loaded.templates);
    if let Err(template_problems) = &templates {
        problems.extend(template_problems.iter().cloned());
    }
    progress.stage("cross-linking", 0);
    let site = crosslink::cross_link(loaded, problems).map_err(Failure::content)?;
    Ok(Linked { site, templates })
}

/// The renderer and every page to render, once no two outputs take one path.
pub fn plan<'a>(
    site: &'a crosslink::Site,
    tera: tera::Tera,
    options: &BuildOptions,
) -> Result<(render::Renderer<'a>, Vec<render::Page>), Failure> {
    let render_options = render::RenderOptions {
        local: options.local,
    };
    let renderer = render::Renderer::new(site, tera, render_options);
    let pages = render::pages(site);
    let extra_names = renderer.extra_file_names();
    let collisions = write::check_collisions(&write::outputs(
        site,
        &pages,
        &extra_names,
        &site.static_files,
    ));
    if !collisions.is_empty() {
        return Err(Failure::content(collisions));
    }
    Ok((renderer, pages))
}

impl Summary {
    /// What a build or check of `site` with `pages` did, its static files all counted.
    pub fn of(site: &crosslink::Site, pages: &[render::Page], started: Instant) -> Self {
        Summary {
            articles: site.articles.len(),
            symptom_pages: site.symptoms.len(),
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
    let problems: Vec<Diagnostic> = renderer
        .render_order(pages)
        .into_par_iter()
        .filter_map(|i| pages.get(i))
        .filter_map(|p| {
            let result = renderer.render(p).err();
            progress.inc(1);
            result
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::content(problems))
    }
}
