//! Step 3, render: turn the cross-linked site into page text. No file system access here.
//!
//! `pages` lists every page to write; `Renderer::render` turns one into HTML through the Tera
//! templates, so the write step can render and write pages in parallel without holding the whole
//! site in memory.

mod care;
pub mod chart;
pub mod finder;
pub mod jsonld;
mod pages;
pub mod paging;
pub mod references;
pub mod search;
#[cfg(test)]
mod site_tests;
pub mod templates;
pub mod views;
pub mod xml;

use crate::crosslink::Site;
use crate::diagnostic::Diagnostic;
use views::{region_url, symptom_url};

/// A page the site will have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// The home page.
    Home,
    /// An article, by index.
    Article(usize),
    /// A symptom page: the symptom's index and which page of its articles (0-based).
    Symptom(usize, usize),
    /// A body region page, by index.
    Region(usize),
    /// The list of all symptoms.
    SymptomsIndex,
    /// The A to Z: which of its pages (0-based).
    AToZ(usize),
    /// The emergency signs page.
    Emergency,
    /// Every source, with the articles citing it: which of its pages (0-based).
    References(usize),
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

/// Every page of the site, in a fixed order (a long list's pages one after the other).
pub fn pages(site: &Site) -> Vec<Page> {
    let folder = |kind, url: String| Page {
        kind,
        output: format!("{url}index.html"),
        url,
    };
    let size = site.config.page_size;
    let parts = |items: usize| 0..paging::page_count(items, size);
    let mut pages = vec![
        folder(PageKind::Home, String::new()),
        folder(PageKind::SymptomsIndex, "symptoms/".into()),
    ];
    pages.extend(parts(site.a_to_z.len()).map(|part| {
        folder(
            PageKind::AToZ(part),
            paging::page_url(paging::A_TO_Z_URL, part),
        )
    }));
    pages.push(folder(PageKind::Emergency, "emergency/".into()));
    pages.extend(parts(site.registry.len()).map(|part| {
        folder(
            PageKind::References(part),
            paging::page_url(references::REFERENCES_URL, part),
        )
    }));
    pages.push(Page {
        kind: PageKind::NotFound,
        url: "404.html".into(),
        output: "404.html".into(),
    });
    pages.extend(
        site.articles
            .iter()
            .enumerate()
            .map(|(i, a)| folder(PageKind::Article(i), a.url.clone())),
    );
    pages.extend(site.symptoms.iter().enumerate().flat_map(|(i, s)| {
        let url = symptom_url(&s.slug);
        parts(s.articles.len())
            .map(move |part| folder(PageKind::Symptom(i, part), paging::page_url(&url, part)))
    }));
    pages.extend(
        site.regions
            .iter()
            .enumerate()
            .map(|(i, r)| folder(PageKind::Region(i), region_url(r.slug))),
    );
    pages
}

/// The positions in `pages` in the order to render them: pages listing many entries (the pages
/// of long lists) first, then the rest in page order. Rendered in parallel, a long page left for
/// last would keep one thread busy while the others wait.
pub fn render_order(site: &Site, pages: &[Page]) -> Vec<usize> {
    let size = site.config.page_size;
    let on_page = |items: usize, part: usize| paging::page_range(part, items, size).len();
    let articles_listed = |page: &Page| match page.kind {
        PageKind::AToZ(part) => on_page(site.a_to_z.len(), part),
        PageKind::References(part) => on_page(site.registry.len(), part),
        PageKind::Symptom(i, part) => site
            .symptoms
            .get(i)
            .map_or(0, |s| on_page(s.articles.len(), part)),
        _ => 0,
    };
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(pages.get(i).map_or(0, articles_listed)));
    order
}

/// Makes links relative to one page, so the site works at a domain root, under a subpath and
/// (with `local`) from disk.
#[derive(Debug, Clone)]
pub struct Linker<'a> {
    /// The page's own URL, for links to anchors on it.
    here: String,
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
            here: url.to_string(),
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

    /// The link from this page to the element `id` on the page at `url`: only `#id` when that
    /// is this page.
    pub fn href_to(&self, url: &str, id: &str) -> String {
        if url == self.here {
            format!("#{id}")
        } else {
            format!("{}#{id}", self.href(url))
        }
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
    /// URL of the "about this guide" article, found once (every page links to it).
    about_url: Option<String>,
    /// The order of the paginated lists and where their anchors are.
    lists: paging::Lists<'a>,
}

impl<'a> Renderer<'a> {
    /// A renderer for `site` with its templates, compiled once by `templates::compile`.
    pub fn new(site: &'a Site, tera: tera::Tera, options: RenderOptions) -> Self {
        let base_url = site.config.base_url();
        let base_path = base_url.as_deref().map(path_of_url);
        let about_url = site
            .articles
            .iter()
            .find(|a| a.key == pages::ABOUT_KEY)
            .map(|a| a.url.clone());
        Renderer {
            site,
            tera,
            options,
            base_url,
            base_path,
            about_url,
            lists: paging::Lists::new(site),
        }
    }

    /// Renders one page to its final text.
    pub fn render(&self, page: &Page) -> Result<String, Diagnostic> {
        let mut linker = Linker::for_page(&page.url, self.options.local);
        if page.kind == PageKind::NotFound && !self.options.local {
            linker.absolute = self.base_path.as_deref();
        }
        let (template, context) = match page.kind {
            PageKind::Home => ("home.html", self.home(&linker, page)),
            PageKind::Article(i) => ("article.html", self.article(&linker, page, i)?),
            PageKind::Symptom(i, part) => ("symptom.html", self.symptom(&linker, page, i, part)),
            PageKind::Region(i) => ("region.html", self.region(&linker, page, i)),
            PageKind::SymptomsIndex => ("symptoms.html", self.symptoms_index(&linker, page)),
            PageKind::AToZ(part) => ("a-z.html", self.a_to_z(&linker, page, part)),
            PageKind::Emergency => ("emergency.html", self.emergency(&linker, page)),
            PageKind::References(part) => {
                ("references.html", self.references_page(&linker, page, part))
            }
            PageKind::NotFound => ("404.html", self.not_found(&linker, page)),
        };
        let context = context.map_err(|e| templates::render_error(&e, template, &page.url))?;
        self.tera
            .render(template, &context)
            .map_err(|e| templates::render_error(&e, template, &page.url))
    }

    /// The link from the page `linker` is for to `anchor`, on whichever page of its list holds
    /// it; `None` when the list has no such entry. Every link to such an anchor is made here.
    pub fn anchor_href(&self, linker: &Linker<'_>, anchor: paging::Anchor<'_>) -> Option<String> {
        let (url, id) = self.lists.anchor_url(anchor)?;
        Some(linker.href_to(&url, &id))
    }

    /// The positions in `pages` in the order to render them (see `render_order`).
    pub fn render_order(&self, pages: &[Page]) -> Vec<usize> {
        render_order(self.site, pages)
    }

    /// The output paths of `extra_files`, known without making them (for collision checks
    /// before the files are made alongside the pages). The search index's shards and display
    /// chunks are named by their number inside `search/`, beside its manifest, which stands for
    /// them here.
    pub fn extra_file_names(&self) -> Vec<String> {
        let mut names = vec![search::MANIFEST_FILE.to_string()];
        names.extend(finder::file_names(self.site));
        if self.base_url.is_some() {
            names.extend(xml::FILES.iter().map(|f| f.to_string()));
        }
        names
    }

    /// Generated files besides the pages, as (output path, text): always the search files and
    /// the symptom finder's data (`finder/`, in parts); `sitemap.xml`, `robots.txt` and `feed.xml` when `base_url` is
    /// set.
    pub fn extra_files(&self, pages: &[Page]) -> Vec<(String, String)> {
        let symptom_urls: Vec<String> = self
            .site
            .symptoms
            .iter()
            .map(|s| symptom_url(&s.slug))
            .collect();
        let mut files = search::index_files(self.site, &symptom_urls);
        files.extend(finder::files(self.site));
        if let Some(base) = &self.base_url {
            files.extend(xml::files(self.site, pages, base));
        }
        files
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
