//! Step 3, render: turn the cross-linked site into page text. No file system access here.
//!
//! `pages` lists every page to write; `Renderer::render` turns one into HTML through the Tera
//! templates, so the write step can render and write pages in parallel without holding the whole
//! site in memory.

pub mod templates;
pub mod views;
pub mod xml;

use crate::config::RawHtml;
use crate::crosslink::{Site, Target};
use crate::diagnostic::Diagnostic;
use crate::load::Level;
use std::path::PathBuf;
use views::*;

/// A page the site will have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// The home page.
    Home,
    /// An article, by index.
    Article(usize),
    /// A symptom page, by index.
    Symptom(usize),
    /// The list of all symptoms.
    SymptomsIndex,
    /// The A to Z.
    AToZ,
    /// The emergency signs page.
    Emergency,
    /// The "page not found" page.
    NotFound,
}

/// A page and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// What it shows.
    pub kind: PageKind,
    /// Its URL relative to the site root (`a/b/`, or `404.html`).
    pub url: String,
    /// Its file relative to the output folder (`a/b/index.html`).
    pub output: String,
}

/// Every page of the site, in a fixed order.
pub fn pages(site: &Site) -> Vec<Page> {
    let folder = |kind, url: String| Page {
        kind,
        output: format!("{url}index.html"),
        url,
    };
    let mut pages = vec![
        folder(PageKind::Home, String::new()),
        folder(PageKind::SymptomsIndex, "symptoms/".into()),
        folder(PageKind::AToZ, "a-z/".into()),
        folder(PageKind::Emergency, "emergency/".into()),
        Page {
            kind: PageKind::NotFound,
            url: "404.html".into(),
            output: "404.html".into(),
        },
    ];
    pages.extend(
        site.articles
            .iter()
            .enumerate()
            .map(|(i, a)| folder(PageKind::Article(i), a.url.clone())),
    );
    pages.extend(
        site.symptoms
            .iter()
            .enumerate()
            .map(|(i, s)| folder(PageKind::Symptom(i), symptom_url(&s.slug))),
    );
    pages
}

/// Makes links relative to one page, so the site works at a domain root, under a subpath and
/// (with `local`) from disk.
#[derive(Debug, Clone)]
pub struct Linker<'a> {
    /// `../` once per folder level of the page.
    root: String,
    /// Link to `.../index.html` instead of `.../`.
    local: bool,
    /// Absolute base, used only by the 404 page, which hosts serve at any depth.
    absolute: Option<&'a str>,
}

impl<'a> Linker<'a> {
    /// A linker for the page at `url` (`a/b/`, or a file such as `404.html`).
    pub fn for_page(url: &str, local: bool) -> Self {
        Linker {
            root: "../".repeat(url.matches('/').count()),
            local,
            absolute: None,
        }
    }

    /// The relative path from this page to the site root (`""` for top-level pages).
    pub fn root(&self) -> &str {
        self.absolute.unwrap_or(&self.root)
    }

    /// The link from this page to `url` (relative to the site root; `""` is the home page).
    pub fn href(&self, url: &str) -> String {
        let mut href = format!("{}{url}", self.root());
        if href.is_empty() {
            href.push_str("./");
        }
        if self.local && href.ends_with('/') {
            href.push_str("index.html");
        }
        href
    }
}

/// Options that change how pages are rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Links point at `index.html` files, for browsing from disk.
    pub local: bool,
}

/// Renders pages with the site's templates.
pub struct Renderer<'a> {
    site: &'a Site,
    tera: tera::Tera,
    options: RenderOptions,
    base_url: Option<String>,
    base_path: Option<String>,
}

impl<'a> Renderer<'a> {
    /// A renderer for `site` with its templates, compiled once by `templates::compile`.
    pub fn new(site: &'a Site, tera: tera::Tera, options: RenderOptions) -> Self {
        let base_url = site.config.base_url();
        let base_path = base_url.as_deref().map(path_of_url);
        Renderer {
            site,
            tera,
            options,
            base_url,
            base_path,
        }
    }

    /// Renders one page to its final text.
    pub fn render(&self, page: &Page) -> Result<String, Diagnostic> {
        let mut linker = Linker::for_page(&page.url, self.options.local);
        if page.kind == PageKind::NotFound && !self.options.local {
            linker.absolute = self.base_path.as_deref();
        }
        let site = self.site;
        let (template, context) = match page.kind {
            PageKind::Home => ("home.html", self.home(&linker, page)),
            PageKind::Article(i) => ("article.html", self.article(&linker, page, i)?),
            PageKind::Symptom(i) => ("symptom.html", self.symptom(&linker, page, i)),
            PageKind::SymptomsIndex => ("symptoms.html", self.symptoms_index(&linker, page)),
            PageKind::AToZ => ("a-z.html", self.a_to_z(&linker, page)),
            PageKind::Emergency => ("emergency.html", self.emergency(&linker, page)),
            PageKind::NotFound => (
                "404.html",
                serialize(&NotFoundPage {
                    common: self.common(
                        &linker,
                        page,
                        "Page not found".into(),
                        site.config.description.clone(),
                    ),
                }),
            ),
        };
        let context = context.map_err(|e| templates::render_error(&e, template, &page.url))?;
        self.tera
            .render(template, &context)
            .map_err(|e| templates::render_error(&e, template, &page.url))
    }

    fn common(
        &self,
        linker: &Linker<'_>,
        page: &Page,
        page_title: String,
        description: String,
    ) -> Common<'a> {
        let config = &self.site.config;
        let about = self
            .site
            .articles
            .iter()
            .find(|a| a.key == "about.md")
            .map(|a| linker.href(&a.url));
        Common {
            site: SiteView {
                title: &config.title,
                description: &config.description,
                language: &config.language,
                emergency_number: &config.emergency_number,
            },
            root: linker.root().to_string(),
            nav: Nav {
                home: linker.href(""),
                symptoms: linker.href("symptoms/"),
                a_to_z: linker.href("a-z/"),
                emergency: linker.href("emergency/"),
                about,
            },
            page_title,
            description,
            canonical: self.base_url.as_ref().map(|b| format!("{b}{}", page.url)),
            local: self.options.local,
        }
    }

    fn home(&self, linker: &Linker<'_>, page: &Page) -> Result<tera::Context, tera::Error> {
        let site = self.site;
        let common = self.common(
            linker,
            page,
            site.config.title.clone(),
            site.config.description.clone(),
        );
        serialize(&HomePage {
            common,
            articles: site
                .by_title
                .iter()
                .map(|&i| linker.article_ref(site, i))
                .collect(),
            symptoms: self
                .symptoms_by_name()
                .map(|i| linker.symptom_summary(site, i))
                .collect(),
            emergency_symptoms: self
                .emergency_symptoms()
                .map(|i| linker.symptom_ref(site, i))
                .collect(),
        })
    }

    fn article(
        &self,
        linker: &Linker<'_>,
        page: &Page,
        i: usize,
    ) -> Result<Result<tera::Context, tera::Error>, Diagnostic> {
        let site = self.site;
        let article = &site.articles[i];
        let links = &site.links[i];
        let front = &article.front;
        let body = self.article_body(linker, i);
        let next_review = front
            .next_review
            .or(front.reviewed.map(|r| r.plus_years(3)));
        Ok(serialize(&ArticlePage {
            common: self.common(linker, page, front.title.clone(), front.description.clone()),
            breadcrumbs: vec![
                Crumb {
                    name: "Home".into(),
                    href: Some(linker.href("")),
                },
                Crumb {
                    name: front.title.clone(),
                    href: None,
                },
            ],
            title: &front.title,
            aliases: &front.aliases,
            updated: front.updated.into(),
            reviewed: front.reviewed.map(Into::into),
            next_review: next_review
                .filter(|_| front.reviewed.is_some() || front.next_review.is_some())
                .map(Into::into),
            body,
            toc: article
                .outline
                .headings
                .iter()
                .filter(|h| h.level == 2 || h.level == 3)
                .collect(),
            symptoms: links
                .symptoms
                .iter()
                .map(|&s| linker.symptom_ref(site, s))
                .collect(),
            care: &front.care,
            has_care: !front.care.is_empty(),
            sources: front
                .sources
                .iter()
                .map(|s| SourceView {
                    title: &s.title,
                    publisher: &s.publisher,
                    url: s.url.as_deref(),
                    date: s.date.map(|d| d.to_string()),
                })
                .collect(),
            related: links
                .related
                .iter()
                .map(|&r| linker.article_ref(site, r))
                .collect(),
            backlinks: links
                .backlinks
                .iter()
                .map(|&b| linker.article_ref(site, b))
                .collect(),
            draft: front.draft,
        }))
    }

    /// The article's Markdown as HTML, links rewritten for this page, raw HTML made safe.
    fn article_body(&self, linker: &Linker<'_>, i: usize) -> String {
        let site = self.site;
        let article = &site.articles[i];
        let targets = &site.links[i].targets;
        let rewrite = |dest: &str| -> Option<String> {
            match targets.get(dest)? {
                Target::Article { index, fragment } => {
                    let href = linker.href(&site.articles[*index].url);
                    Some(match fragment {
                        Some(f) => format!("{href}#{f}"),
                        None => href,
                    })
                }
                Target::Static(file) => Some(format!("{}{file}", linker.root())),
                Target::Anchor(_) | Target::External => None,
            }
        };
        let html = crate::markdown::to_html(&article.body, &rewrite);
        match (article.outline.raw_html_at, site.config.raw_html) {
            (Some(_), RawHtml::Sanitize) => templates::sanitize(&html),
            _ => html,
        }
    }

    fn symptom(
        &self,
        linker: &Linker<'_>,
        page: &Page,
        i: usize,
    ) -> Result<tera::Context, tera::Error> {
        let site = self.site;
        let s = &site.symptoms[i];
        let description = if s.description.is_empty() {
            format!(
                "Articles about {} and what it can mean.",
                s.name.to_lowercase()
            )
        } else {
            s.description.clone()
        };
        serialize(&SymptomPage {
            common: self.common(linker, page, s.name.clone(), description),
            breadcrumbs: vec![
                Crumb {
                    name: "Home".into(),
                    href: Some(linker.href("")),
                },
                Crumb {
                    name: "Symptoms".into(),
                    href: Some(linker.href("symptoms/")),
                },
                Crumb {
                    name: s.name.clone(),
                    href: None,
                },
            ],
            name: &s.name,
            slug: &s.slug,
            aka: &s.aka,
            symptom_description: &s.description,
            level: s.level,
            articles: s
                .articles
                .iter()
                .map(|&a| linker.article_ref(site, a))
                .collect(),
            seen_with: s
                .seen_with
                .iter()
                .map(|&(other, count)| SeenWith {
                    symptom: linker.symptom_ref(site, other),
                    count,
                })
                .collect(),
        })
    }

    fn symptoms_index(
        &self,
        linker: &Linker<'_>,
        page: &Page,
    ) -> Result<tera::Context, tera::Error> {
        let site = self.site;
        serialize(&SymptomsIndexPage {
            common: self.common(
                linker,
                page,
                "Symptoms".into(),
                format!(
                    "Every symptom {} covers, with the articles about each.",
                    site.config.title
                ),
            ),
            breadcrumbs: vec![
                Crumb {
                    name: "Home".into(),
                    href: Some(linker.href("")),
                },
                Crumb {
                    name: "Symptoms".into(),
                    href: None,
                },
            ],
            symptoms: self
                .symptoms_by_name()
                .map(|i| linker.symptom_summary(site, i))
                .collect(),
        })
    }

    fn a_to_z(&self, linker: &Linker<'_>, page: &Page) -> Result<tera::Context, tera::Error> {
        serialize(&AToZPage {
            common: self.common(
                linker,
                page,
                "A to Z".into(),
                format!(
                    "Every topic and symptom in {}, from A to Z, with other names.",
                    self.site.config.title
                ),
            ),
            breadcrumbs: vec![
                Crumb {
                    name: "Home".into(),
                    href: Some(linker.href("")),
                },
                Crumb {
                    name: "A to Z".into(),
                    href: None,
                },
            ],
            letters: linker.a_to_z(self.site),
        })
    }

    fn emergency(&self, linker: &Linker<'_>, page: &Page) -> Result<tera::Context, tera::Error> {
        let site = self.site;
        serialize(&EmergencyPage {
            common: self.common(
                linker,
                page,
                "When to get emergency help".into(),
                format!(
                    "Back and nerve symptoms that need emergency help now: call {}.",
                    site.config.emergency_number
                ),
            ),
            breadcrumbs: vec![
                Crumb {
                    name: "Home".into(),
                    href: Some(linker.href("")),
                },
                Crumb {
                    name: "Emergency signs".into(),
                    href: None,
                },
            ],
            symptoms: self
                .emergency_symptoms()
                .map(|i| EmergencySymptom {
                    symptom: linker.symptom_ref(site, i),
                    description: &site.symptoms[i].description,
                    articles: site.symptoms[i]
                        .articles
                        .iter()
                        .map(|&a| linker.article_ref(site, a))
                        .collect(),
                })
                .collect(),
            items: site
                .emergency
                .iter()
                .map(|item| EmergencyLine {
                    text: &item.text,
                    article: linker.article_ref(site, item.article),
                })
                .collect(),
        })
    }

    /// Symptom indexes in name order.
    fn symptoms_by_name(&self) -> impl Iterator<Item = usize> + 'a {
        let symptoms = &self.site.symptoms;
        let mut order: Vec<usize> = (0..symptoms.len()).collect();
        order.sort_by_cached_key(|&i| (symptoms[i].name.to_lowercase(), i));
        order.into_iter()
    }

    /// Emergency-level symptom indexes in name order.
    fn emergency_symptoms(&self) -> impl Iterator<Item = usize> + 'a {
        let symptoms = &self.site.symptoms;
        self.symptoms_by_name()
            .filter(move |&i| symptoms[i].level == Level::Emergency)
    }

    /// `sitemap.xml`, `robots.txt` and `feed.xml` when `base_url` is set: (output path, text).
    pub fn extra_files(&self, pages: &[Page]) -> Vec<(String, String)> {
        match &self.base_url {
            Some(base) => xml::files(self.site, pages, base),
            None => Vec::new(),
        }
    }
}

fn serialize<T: serde::Serialize>(view: &T) -> Result<tera::Context, tera::Error> {
    tera::Context::from_serialize(view)
}

/// `https://host/guide/` -> `/guide/`.
fn path_of_url(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(slash) => after_scheme[slash..].to_string(),
        None => "/".to_string(),
    }
}

/// Output paths of generated files, for collision checks.
pub fn output_paths(pages: &[Page], extra: &[(String, String)]) -> Vec<PathBuf> {
    pages
        .iter()
        .map(|p| PathBuf::from(&p.output))
        .chain(extra.iter().map(|(p, _)| PathBuf::from(p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        let top = Linker::for_page("", false);
        assert_eq!(top.href(""), "./");
        assert_eq!(top.href("a/b/"), "a/b/");
        let deep = Linker::for_page("a/b/", false);
        assert_eq!(deep.href(""), "../../");
        assert_eq!(deep.href("symptoms/x/"), "../../symptoms/x/");
        assert_eq!(Linker::for_page("404.html", false).href("a/"), "a/");
    }

    #[test]
    fn local_links_name_the_index_file() {
        assert_eq!(Linker::for_page("", true).href(""), "./index.html");
        assert_eq!(Linker::for_page("a/", true).href("b/"), "../b/index.html");
    }

    #[test]
    fn base_path_comes_from_base_url() {
        assert_eq!(path_of_url("https://x.org/guide/"), "/guide/");
        assert_eq!(path_of_url("https://x.org/"), "/");
    }
}
