//! Step 3, render: turn the cross-linked site into page text. No file system access here.
//!
//! `pages` lists every page to write. `Renderer::render_pages` is the one render loop: it turns
//! pages into HTML through the Tera templates in parallel and hands each to a sink as it is made
//! (the write step's staging folder, `serve`'s snapshot), so 100,000 pages never sit in memory at
//! once. Each page is first made into its typed view, whose fingerprint (a digest of the view's
//! serialized bytes and of the templates) lets a caller skip pages it already has.

#[cfg(test)]
mod body_tests;
mod care;
pub(crate) mod chart;
pub(crate) mod finder;
mod finder_form;
pub(crate) mod jsonld;
pub mod languages;
mod pages;
pub(crate) mod paging;
pub(crate) mod references;
pub(crate) mod reuse;
pub(crate) mod search;
#[cfg(test)]
mod site_tests;
pub(crate) mod templates;
pub(crate) mod views;
pub(crate) mod xml;

use crate::crosslink::Site;
use crate::diagnostic::{Diagnostic, Kind};
use crate::progress::Progress;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::{Arc, Mutex, PoisonError};
use views::{region_url, symptom_url};

/// Where rendered files go, as (output path, bytes); called from many threads at once.
pub(crate) type Sink<'s> = &'s (dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync);

/// Which pages to render, given each page and its fingerprint.
pub(crate) type Want<'w> = &'w (dyn Fn(&Page, u64) -> bool + Sync);

/// Where each rendered page goes, with its fingerprint.
pub(crate) type PageSink<'s> = &'s (dyn Fn(&Page, u64, String) -> Result<(), Diagnostic> + Sync);

/// A page's view before it is rendered: the fingerprint of what the template will see, and how
/// to make the template's context from it (only for pages that are rendered).
pub struct View<'v> {
    print: u64,
    make: Box<dyn FnOnce() -> Result<tera::Context, tera::Error> + 'v>,
}

/// Article bodies already turned into HTML, by article key and a digest of everything the HTML
/// is made from, so that `serve` does not convert unchanged Markdown again. Made for one
/// configuration (`salt`); a body is reused only when its inputs' digest is the same.
#[derive(Debug, Default)]
pub struct BodyMemo {
    salt: u64,
    bodies: Mutex<HashMap<String, (u64, Body)>>,
}

/// An article's body as HTML, and where in it the care cards go.
type Body = (Arc<str>, usize);

impl BodyMemo {
    /// An empty memo for bodies rendered under the configuration digested as `salt`.
    pub fn new(salt: u64) -> Self {
        BodyMemo {
            salt,
            bodies: Mutex::default(),
        }
    }

    /// The configuration digest this memo is for.
    pub(crate) fn salt(&self) -> u64 {
        self.salt
    }

    fn get(&self, key: &str, inputs: u64) -> Option<Body> {
        let bodies = self.bodies.lock().unwrap_or_else(PoisonError::into_inner);
        bodies
            .get(key)
            .filter(|(d, _)| *d == inputs)
            .map(|(_, html)| html.clone())
    }

    fn put(&self, key: &str, inputs: u64, html: Body) {
        let mut bodies = self.bodies.lock().unwrap_or_else(PoisonError::into_inner);
        bodies.insert(key.to_string(), (inputs, html));
    }
}

/// A fast 64-bit digest (not for security): the page fingerprints and the memo keys.
#[derive(Debug, Clone)]
pub struct Digest(u64);

impl Default for Digest {
    fn default() -> Self {
        Digest(0x9e37_79b9_7f4a_7c15)
    }
}

impl Hasher for Digest {
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.mix(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
    }
}

impl Digest {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x5170_a1c9_b2fd_0e3d);
    }
}

impl std::io::Write for Digest {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        Hasher::write(self, bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Why a value could not be digested (a serializer's error).
pub(crate) type DigestError = ciborium::ser::Error<std::io::Error>;

/// The digest of `value`'s CBOR serialization: self-delimiting like JSON, but with strings
/// written as their bytes rather than escaped one by one, which was most of a fingerprint's
/// cost. Written straight into the digest, with no buffer between.
pub(crate) fn digest_of<T: serde::Serialize + ?Sized>(value: &T) -> Result<u64, DigestError> {
    let mut digest = Digest::default();
    ciborium::into_writer(value, &mut digest)?;
    Ok(digest.finish())
}

thread_local! {
    /// True on a thread while it makes a view's fingerprint.
    static FINGERPRINTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while a view's fingerprint is being made on this thread (see [`views::Html`]).
fn fingerprinting() -> bool {
    FINGERPRINTING.get()
}

/// The fingerprint of a view: the digest of its serialization, in which each [`views::Html`]
/// made from known inputs stands as their digest.
pub(crate) fn fingerprint_of<T: serde::Serialize + ?Sized>(value: &T) -> Result<u64, DigestError> {
    struct Printing;
    impl Drop for Printing {
        fn drop(&mut self) {
            FINGERPRINTING.set(false);
        }
    }
    FINGERPRINTING.set(true);
    let _printing = Printing;
    digest_of(value)
}

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
    /// A term page of another taxonomy of articles: (term set, term), by index.
    Term(usize, usize),
    /// The list of every term of another taxonomy of articles, by term set.
    TermIndex(usize),
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
pub(crate) fn pages(site: &Site) -> Vec<Page> {
    let folder = |kind, url: String| Page {
        kind,
        output: format!("{url}index.html"),
        url,
    };
    let size = site.config.page_size;
    let parts = |items: usize| 0..paging::page_count(items, size);
    let mut pages = vec![
        folder(PageKind::Home, String::new()),
        folder(PageKind::SymptomsIndex, views::symptoms_url(&site.config)),
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
        let url = symptom_url(&site.config, &s.slug);
        parts(s.articles.len())
            .map(move |part| folder(PageKind::Symptom(i, part), paging::page_url(&url, part)))
    }));
    pages.extend(
        site.regions
            .iter()
            .enumerate()
            .map(|(i, r)| folder(PageKind::Region(i), region_url(&site.config, &r.slug))),
    );
    for (set, terms) in site.term_sets.iter().enumerate() {
        pages.push(folder(PageKind::TermIndex(set), terms.index_url()));
        pages.extend(
            terms
                .terms
                .iter()
                .enumerate()
                .map(|(i, t)| folder(PageKind::Term(set, i), terms.term_url(&t.slug))),
        );
    }
    pages
}

/// The positions in `pages` in the order to render them: pages listing many entries (the pages
/// of long lists) first, then the rest in page order. Rendered in parallel, a long page left for
/// last would keep one thread busy while the others wait.
pub(crate) fn render_order(site: &Site, pages: &[Page]) -> Vec<usize> {
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
    /// Each article's description with local services filled in, where that changes it (see
    /// `filled_descriptions`); empty when not worked out, and each is filled when needed.
    descriptions: &'a [Option<String>],
}

impl<'a> Linker<'a> {
    /// A linker for the page at `url` (`a/b/`, or a file such as `404.html`).
    pub(crate) fn for_page(url: &str, local: bool) -> Self {
        Linker {
            here: url.to_string(),
            root: "../".repeat(url.matches('/').count()),
            local,
            absolute: None,
            descriptions: &[],
        }
    }

    /// The description of `article` (article `i`) with local services filled in.
    pub(crate) fn description<'s>(
        &self,
        config: &crate::config::SiteConfig,
        article: &'s crate::load::Article,
        i: usize,
    ) -> std::borrow::Cow<'s, str> {
        let text = &article.front.description;
        match self.descriptions.get(i) {
            Some(Some(filled)) => std::borrow::Cow::Owned(filled.clone()),
            Some(None) => std::borrow::Cow::Borrowed(text),
            None => crate::placeholder::fill(config, text),
        }
    }

    /// The relative path from this page to the site root (`""` for top-level pages).
    pub(crate) fn root(&self) -> &str {
        self.absolute.unwrap_or(&self.root)
    }

    /// The link from this page to `url` (relative to the site root; `""` is the home page).
    pub(crate) fn href(&self, url: &str) -> String {
        let root = self.root();
        let mut href = String::with_capacity(root.len() + url.len() + "index.html".len());
        href.push_str(root);
        href.push_str(url);
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
    pub(crate) fn href_to(&self, url: &str, id: &str) -> String {
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
    /// Digest of every template's name and text.
    templates_print: u64,
    /// Bodies already made, when the caller keeps them (`serve`).
    memo: Option<&'a BodyMemo>,
    /// The views of the pages being served, when the caller keeps them (`serve`).
    reuse: Option<reuse::Reuse<'a>>,
    options: RenderOptions,
    base_url: Option<String>,
    base_path: Option<String>,
    /// URL of the "about this guide" article, found once (every page links to it).
    about_url: Option<String>,
    /// The order of the paginated lists and where their anchors are, worked out when first
    /// needed (or kept from the last build, `serve`).
    lists: std::sync::OnceLock<Arc<paging::Lists>>,
    /// The site language's text for what the program writes itself (page titles, breadcrumbs).
    ui: Arc<crate::i18n::Translations>,
    /// Each article's description with local services filled in, where that changes it.
    descriptions: Vec<Option<String>>,
    /// The site's other languages, for the switcher and a translation's notice.
    languages: languages::Languages,
    /// Dates as readers see them, in the site's language.
    dates: crate::date::LongDates,
}

impl<'a> Renderer<'a> {
    /// A renderer for `site` with its templates, compiled once by `templates::compile`.
    pub fn new(site: &'a Site, templates: templates::Templates, options: RenderOptions) -> Self {
        let base_url = site.config.base_url();
        let base_path = base_url.as_deref().map(path_of_url);
        let about_url = site
            .articles
            .iter()
            .find(|a| Some(&a.key) == site.config.about.as_ref())
            .map(|a| a.url.clone());
        Renderer {
            site,
            tera: templates.tera,
            templates_print: templates.print,
            ui: templates.translations,
            memo: None,
            reuse: None,
            options,
            base_url,
            base_path,
            about_url,
            lists: std::sync::OnceLock::new(),
            descriptions: filled_descriptions(site),
            languages: languages::Languages::default(),
            dates: crate::date::LongDates::of(&site.config.language),
        }
    }

    /// This renderer, showing the site's other `languages` on every page.
    pub fn with_languages(mut self, languages: languages::Languages) -> Self {
        self.languages = languages;
        self
    }

    /// The site this renderer renders.
    pub(crate) fn site(&self) -> &'a Site {
        self.site
    }

    /// The text of the program's message `key` in this renderer's language.
    pub(crate) fn program_text(&self, key: &str) -> String {
        self.ui.program_text(key, &[])
    }

    /// This renderer, fingerprinting every view (see `render_pages`), reusing and keeping
    /// article bodies in `memo` and the fingerprints of views whose reads are unchanged in
    /// `views`: for `serve`.
    pub fn with_memo(mut self, memo: &'a BodyMemo, views: &'a reuse::ViewMemo) -> Self {
        self.memo = Some(memo);
        let reuse = reuse::Reuse::new(views, self.site, self.salt());
        if let Some(lists) = reuse.lists() {
            self.lists.get_or_init(|| lists);
        }
        self.reuse = Some(reuse);
        self
    }

    /// The digest of the configuration and the templates the views are made under (`serve`).
    pub(crate) fn salt(&self) -> u64 {
        let body_salt = self.memo.map_or(0, BodyMemo::salt);
        body_salt ^ self.templates_print.rotate_left(29) ^ self.languages.digest().rotate_left(13)
    }

    /// Renders one page to its final text.
    pub fn render(&self, page: &Page) -> Result<String, Diagnostic> {
        let (template, view) = self.view(page)?;
        self.finish(page, template, view)
    }

    /// The pages in `pages` that `want` accepts (given each page and its fingerprint), rendered
    /// in parallel, longest first (see `render_order`), each handed to `sink` as it is made.
    /// This is the one render loop, for `build`, `check` and `serve`. Returns how many pages
    /// were rendered, or every problem.
    pub(crate) fn render_pages(
        &self,
        pages: &[Page],
        want: Want<'_>,
        sink: PageSink<'_>,
        progress: &Progress,
    ) -> Result<usize, Vec<Diagnostic>> {
        let results: Vec<Result<bool, Diagnostic>> = self
            .render_order(pages)
            .into_par_iter()
            .filter_map(|i| pages.get(i))
            .map(|page| {
                if crate::interrupt::interrupted() {
                    return Err(Diagnostic::error(
                        Kind::Output,
                        &page.output,
                        "the build was interrupted",
                    )
                    .hint("nothing was changed; run the build again"));
                }
                let kept = self.reuse.as_ref().and_then(|r| r.kept(page));
                if kept.is_some_and(|print| !want(page, print)) {
                    return Ok(false);
                }
                let (template, view) = self.view(page)?;
                let print = view.print;
                if !want(page, print) {
                    return Ok(false);
                }
                let html = self.finish(page, template, view)?;
                progress.inc(1);
                sink(page, print, html).map(|()| true)
            })
            .collect();
        let mut rendered = 0;
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok(made) => rendered += usize::from(made),
                Err(d) => problems.push(d),
            }
        }
        if problems.is_empty() {
            Ok(rendered)
        } else {
            Err(problems)
        }
    }

    /// Every page and every generated file, made in parallel (the generated files alongside
    /// the pages, so a slow search index costs no wall time), each handed to `sink`.
    pub(crate) fn render_site(
        &self,
        pages: &[Page],
        sink: Sink<'_>,
        progress: &Progress,
    ) -> Result<usize, Vec<Diagnostic>> {
        let (rendered, extra_problems) = rayon::join(
            || {
                self.render_pages(
                    pages,
                    &|_, _| true,
                    &|page, _, html| sink(&page.output, html.as_bytes()),
                    progress,
                )
            },
            || self.write_extra_files(pages, sink),
        );
        match (rendered, extra_problems.is_empty()) {
            (Ok(n), true) => Ok(n),
            (Ok(_), false) => Err(extra_problems),
            (Err(mut problems), _) => {
                problems.extend(extra_problems);
                Err(problems)
            }
        }
    }

    /// A page's view, fingerprinted by its serialized bytes when the renderer keeps a memo (the
    /// fingerprints are for `serve`; `build` renders every page and does not make them); its
    /// context is made only if it is rendered.
    fn serialize<T: serde::Serialize + 'a>(&self, view: T) -> Result<View<'a>, tera::Error> {
        let print = match self.memo {
            Some(_) => fingerprint_of(&view).map_err(|e| tera::Error::message(e.to_string()))?,
            None => 0,
        };
        Ok(View {
            print,
            make: Box::new(move || tera::Context::from_serialize(&view)),
        })
    }

    /// A page's template and view, with the view's fingerprint (which covers the templates);
    /// with a memo, what the view reads is recorded.
    fn view(&self, page: &Page) -> Result<(&'a str, View<'a>), Diagnostic> {
        match &self.reuse {
            Some(reuse) => reuse.record(page, || self.make_view(page)),
            None => self.make_view(page),
        }
    }

    fn make_view(&self, page: &Page) -> Result<(&'a str, View<'a>), Diagnostic> {
        let config = &self.site.config;
        let symptoms = config.article_taxonomy();
        let region = config.map_taxonomy().map_or("region.html", |t| &t.template);
        let mut linker = Linker::for_page(&page.url, self.options.local);
        if page.kind == PageKind::NotFound && !self.options.local {
            linker.absolute = self.base_path.as_deref();
        }
        linker.descriptions = &self.descriptions;
        let (template, view) = match page.kind {
            PageKind::Home => ("home.html", self.home(&linker, page)),
            PageKind::Article(i) => {
                reuse::note(reuse::Read::Article(i));
                ("article.html", self.article(&linker, page, i)?)
            }
            PageKind::Symptom(i, part) => (
                symptoms.template.as_str(),
                self.symptom(&linker, page, i, part),
            ),
            PageKind::Region(i) => (region, self.region(&linker, page, i)),
            PageKind::Term(set, i) => (
                self.site.term_sets[set].taxonomy.template.as_str(),
                self.term(&linker, page, set, i),
            ),
            PageKind::TermIndex(set) => {
                let taxonomy = &self.site.term_sets[set].taxonomy;
                (
                    taxonomy.index_template.as_deref().unwrap_or("terms.html"),
                    self.term_index(&linker, page, set),
                )
            }
            PageKind::SymptomsIndex => (
                symptoms
                    .index_template
                    .as_deref()
                    .unwrap_or("symptoms.html"),
                self.symptoms_index(&linker, page),
            ),
            PageKind::AToZ(part) => ("a-z.html", self.a_to_z(&linker, page, part)),
            PageKind::Emergency => ("emergency.html", self.emergency(&linker, page)),
            PageKind::References(part) => {
                ("references.html", self.references_page(&linker, page, part))
            }
            PageKind::NotFound => ("404.html", self.not_found(&linker, page)),
        };
        let mut view = view.map_err(|e| templates::render_error(&e, template, &page.url))?;
        let mut digest = Digest::default();
        digest.write_u64(view.print);
        digest.write_u64(self.templates_print);
        digest.write(template.as_bytes());
        view.print = digest.finish();
        Ok((template, view))
    }

    /// Renders a page's view with its template.
    fn finish(&self, page: &Page, template: &str, view: View<'_>) -> Result<String, Diagnostic> {
        let render_error = |e: tera::Error| templates::render_error(&e, template, &page.url);
        let context = (view.make)().map_err(render_error)?;
        self.tera.render(template, &context).map_err(render_error)
    }

    /// The link from the page `linker` is for to `anchor`, on whichever page of its list holds
    /// it; `None` when the list has no such entry. Every link to such an anchor is made here.
    pub(crate) fn anchor_href(
        &self,
        linker: &Linker<'_>,
        anchor: paging::Anchor,
    ) -> Option<String> {
        if let paging::Anchor::Letter(_) = anchor {
            reuse::note(reuse::Read::Lists);
        }
        let (url, id) = self.lists().anchor_url(anchor)?;
        Some(linker.href_to(&url, &id))
    }

    /// The order of the paginated lists and where their anchors are.
    pub(crate) fn lists(&self) -> &Arc<paging::Lists> {
        self.lists
            .get_or_init(|| Arc::new(paging::Lists::new(self.site)))
    }

    /// The order of the paginated lists, if it was worked out.
    pub(crate) fn made_lists(&self) -> Option<Arc<paging::Lists>> {
        self.lists.get().cloned()
    }

    /// The positions in `pages` in the order to render them (see `render_order`).
    pub(crate) fn render_order(&self, pages: &[Page]) -> Vec<usize> {
        render_order(self.site, pages)
    }

    /// The output paths of `extra_files`, known without making them (for collision checks
    /// before the files are made alongside the pages). The search index's shards and display
    /// chunks are named by their number inside `search/`, beside its manifest, which stands for
    /// them here.
    pub(crate) fn extra_file_names(&self) -> Vec<String> {
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
    pub(crate) fn extra_files(&self, pages: &[Page]) -> Vec<(String, String)> {
        let article = self.ui.program_text("search-article", &[]);
        let mut files = search::index_files(self.site, &self.symptom_urls(), &article);
        files.extend(self.other_files(pages));
        files
    }

    /// `extra_files`, each handed to `sink` as soon as it is made (the search index's shards
    /// too, so they are never all in memory); returns the sink's problems.
    pub(crate) fn write_extra_files(&self, pages: &[Page], sink: Sink<'_>) -> Vec<Diagnostic> {
        let article = self.ui.program_text("search-article", &[]);
        let mut problems = search::write_index(self.site, &self.symptom_urls(), &article, sink);
        problems.extend(
            self.other_files(pages)
                .iter()
                .filter_map(|(path, text)| sink(path, text.as_bytes()).err()),
        );
        problems
    }

    /// Every symptom page's URL, in symptom order.
    fn symptom_urls(&self) -> Vec<String> {
        self.site
            .symptoms
            .iter()
            .map(|s| symptom_url(&self.site.config, &s.slug))
            .collect()
    }

    /// The generated files besides the search index: the finder's data and, with `base_url`,
    /// the sitemap, `robots.txt` and the feed.
    fn other_files(&self, pages: &[Page]) -> Vec<(String, String)> {
        let mut files = finder::files(self.site);
        if let Some(base) = &self.base_url {
            files.extend(xml::files(self.site, pages, base));
        }
        files
    }
}

/// Each article's description with local services filled in, `None` where it has none to fill:
/// made once, not again for every list that links to the article (a tenth of the time spent
/// linking to articles).
fn filled_descriptions(site: &Site) -> Vec<Option<String>> {
    site.articles
        .par_iter()
        .map(
            |a| match crate::placeholder::fill(&site.config, &a.front.description) {
                std::borrow::Cow::Borrowed(_) => None,
                std::borrow::Cow::Owned(filled) => Some(filled),
            },
        )
        .collect()
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
