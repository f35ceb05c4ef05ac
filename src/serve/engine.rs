//! The incremental build behind `serve`: the build's own steps, run on every change, with what
//! has not changed reused.
//!
//! Each rebuild loads the site with a cache (article files with the same settled stamp or the
//! same bytes are not parsed again, nor data files with the same bytes), cross-links it from
//! scratch (related articles come from a memo when their inputs are the same), and makes every
//! page's view. A page is rendered only when its fingerprint (a digest of its view and of the
//! templates) differs from the one of the page being served; the rest is taken from the last
//! snapshot. Nothing here knows which page shows what: that is decided from the views' data
//! alone. A snapshot is complete before it is handed out, so no one is ever served a half-built
//! site; when a rebuild fails, the last good snapshot stays.

use super::extras::{Extras, ExtrasJob};
use crate::config::{CONFIG_FILE, SiteConfig};
use crate::crosslink::{self, Site};
use crate::diagnostic::{Diagnostic, Kind, sorted};
use crate::i18n::I18N_DIR;
use crate::load::ARTICLES_DIR;
use crate::load::{self, STATIC_DIR, TEMPLATES_DIR};
use crate::progress::Progress;
use crate::render::templates::Templates;
use crate::render::{BodyMemo, Page, RenderOptions, Renderer, reuse::ViewMemo};
use axum::body::Bytes;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Every file of one build of the site, by its path in the output (`a/b/index.html`).
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Counts builds, starting at 1.
    pub version: u64,
    /// Pages and static files by output path.
    pub files: HashMap<String, Bytes>,
    /// Files generated from the whole site (search index, finder data, sitemap, feed).
    pub extras: Extras,
}

/// What a successful rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// The new site.
    pub snapshot: Arc<Snapshot>,
    /// Output paths of pages and static files whose content changed, appeared or went away,
    /// sorted.
    pub changed: Vec<String>,
    /// Pages rendered.
    pub rendered: usize,
    /// Pages in the site.
    pub pages: usize,
    /// True when every page was rendered.
    pub full: bool,
    /// The source files that changed (articles, templates, static files), for messages.
    pub sources: Vec<String>,
    /// Time taken, from the rebuild starting to the new snapshot.
    pub elapsed: Duration,
    /// The generated files still to make, when they were not made with the pages: run it (on
    /// any thread) to complete the snapshot.
    pub extras: Option<ExtrasJob>,
}

/// The result of a rebuild.
#[derive(Debug)]
pub enum Outcome {
    /// No file of the site changed (a file was saved unchanged, an editor's temporary file
    /// came and went).
    Unchanged,
    /// A new snapshot.
    Rebuilt(Box<Rebuilt>),
    /// The change broke the site; the last good snapshot stays. Sorted by file and line.
    Failed(Vec<Diagnostic>),
}

/// The site, kept built in memory.
pub struct Engine {
    root: PathBuf,
    drafts: bool,
    local_url: Option<String>,
    /// What the last load parsed.
    cache: load::Cache,
    /// Article bodies made under the current configuration.
    memo: BodyMemo,
    /// The last related-articles ranking and resolved links.
    linked: crate::crosslink::Memo,
    /// Each served page's fingerprint and what its view read.
    views: ViewMemo,
    /// Each template's and translations file's text, as last built, by path from the site
    /// root, to name the ones that changed.
    templates: BTreeMap<String, String>,
    /// What the last good build was made of, for the next one to start from.
    last: Option<Last>,
    good: Option<Arc<Snapshot>>,
    failing: bool,
}

/// The last good build's cross-linked site, compiled templates, static files, pages and the
/// names of its generated files.
struct Last {
    site: Arc<Site>,
    templates: Templates,
    statics: BTreeMap<String, Bytes>,
    pages: Vec<Page>,
    names: Arc<BTreeSet<String>>,
}

/// The pages a rebuild rendered, each as (output path, fingerprint, bytes).
type Made = Vec<(String, u64, Bytes)>;

/// What a rebuild's renderer leaves for the snapshot: its generated files, or the promise of
/// them, and what the view memo keeps of the render.
struct Leftover {
    extras: Extras,
    promise: Option<super::extras::Promise>,
    salt: u64,
    lists: Option<Arc<crate::render::paging::Lists>>,
}

impl Leftover {
    /// What `renderer` leaves after rendering `last`'s pages. The first build (`first`) makes
    /// the generated files with the pages; later ones leave them to a job, run off the
    /// edit-to-reload path.
    fn of(renderer: Renderer<'_>, last: &Last, first: bool) -> Leftover {
        let (extras, promise) = match first {
            true => (Extras::ready(renderer.extra_files(&last.pages)), None),
            false => {
                let (extras, promise) = Extras::pending(Some(last.names.clone()));
                (extras, Some(promise))
            }
        };
        Leftover {
            extras,
            promise,
            salt: renderer.salt(),
            lists: renderer.made_lists(),
        }
    }
}

/// A site cross-linked, with its compiled templates, its static files, the source files that
/// changed and, when they still hold, the last build's pages and generated files' names.
struct Gathered {
    site: Site,
    /// The site in its other languages (rendered whole on every rebuild).
    editions: Vec<crate::Edition>,
    templates: Templates,
    statics: BTreeMap<String, Bytes>,
    sources: Vec<String>,
    kept: Option<(Vec<Page>, Arc<BTreeSet<String>>)>,
}

impl Engine {
    /// An engine for the site at `root`. `local_url` replaces `base_url` (when `site.toml` sets
    /// one) so that absolute links lead to the local server. Call [`Engine::rebuild`] to build.
    pub fn new(root: &Path, drafts: bool, local_url: Option<String>) -> Result<Engine, Diagnostic> {
        let root = root.canonicalize().map_err(|e| {
            Diagnostic::error(
                Kind::Read,
                root,
                format!("cannot open the site folder: {e}"),
            )
            .hint("pass the folder that holds site.toml with --root")
        })?;
        Ok(Engine {
            root,
            drafts,
            local_url,
            cache: load::Cache::default(),
            memo: BodyMemo::default(),
            linked: Default::default(),
            views: ViewMemo::default(),
            templates: BTreeMap::new(),
            last: None,
            good: None,
            failing: false,
        })
    }

    /// The last good snapshot, if the site ever built.
    pub fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.good.clone()
    }

    /// Forgets what the last builds made, so the next rebuild makes everything again (after an
    /// internal failure, when the state cannot be trusted).
    pub fn reset(&mut self) {
        self.cache = load::Cache::default();
        self.memo = BodyMemo::default();
        self.linked = Default::default();
        self.views = ViewMemo::default();
        self.last = None;
    }

    /// Builds the site as it is on disk now, reusing what has not changed since the last build.
    pub fn rebuild(&mut self, progress: &Progress) -> Outcome {
        self.rebuild_after(progress, None)
    }

    /// `rebuild`, after changes to the files `touched` names (absolute paths, as the watcher
    /// reports them) and to no other file: when they are articles edited in their bodies alone,
    /// only they are read and cross-linked again (see `crosslink::relink`); otherwise, or with
    /// `None`, the whole site is loaded (with its cache) and cross-linked.
    pub fn rebuild_after(&mut self, progress: &Progress, touched: Option<&[PathBuf]>) -> Outcome {
        let started = Instant::now();
        match self.try_rebuild(progress, touched) {
            Ok(None) => Outcome::Unchanged,
            Ok(Some(mut rebuilt)) => {
                rebuilt.elapsed = started.elapsed();
                self.failing = false;
                Outcome::Rebuilt(Box::new(rebuilt))
            }
            Err(problems) => {
                self.failing = true;
                Outcome::Failed(sorted(problems))
            }
        }
    }

    /// One rebuild: what changed is read and cross-linked (`gather`), the pages whose views
    /// changed are rendered (`render_changed`), and the result becomes the served snapshot
    /// (`publish`). `None` when nothing the site is made of changed.
    fn try_rebuild(
        &mut self,
        progress: &Progress,
        touched: Option<&[PathBuf]>,
    ) -> Result<Option<Rebuilt>, Vec<Diagnostic>> {
        let Some(Gathered {
            site,
            editions,
            templates,
            statics,
            mut sources,
            kept,
        }) = self.gather(progress, touched)?
        else {
            return Ok(None);
        };
        let site = Arc::new(site);
        let options = crate::BuildOptions::default();
        let mut planned = match editions.is_empty() {
            true => Vec::new(),
            false => crate::plan_editions(&site, templates.clone(), &editions, &options)
                .map_err(|f| f.diagnostics)?,
        };
        let renderer = match planned.is_empty() {
            true => Renderer::new(&site, templates.clone(), RenderOptions::default()),
            false => planned.remove(0).renderer,
        }
        .with_memo(&self.memo, &self.views);
        let other_languages = render_editions(&planned, progress)?;
        // The other languages' pages are rendered whole, each time.
        let edition_pages: usize = planned.iter().map(|p| p.pages.len()).sum();
        let (pages, names) = match kept {
            Some(kept) => kept,
            None => {
                let names = renderer.extra_file_names().into_iter().collect();
                (crate::site_pages(&site, &renderer)?, Arc::new(names))
            }
        };
        let old = self.good.clone();
        let (rendered, made) = self.render_changed(&renderer, &pages, old.is_some(), progress)?;
        let (files, changed) = assemble(old.as_deref(), &pages, &made, &statics, &other_languages);
        let static_changes = changed.iter().filter(|p| statics.contains_key(*p));
        sources.extend(static_changes.map(|p| format!("{STATIC_DIR}/{p}")));
        if old.is_some() && changed.is_empty() && sources.is_empty() && !self.failing {
            return Ok(None);
        }
        let pages_count = pages.len() + edition_pages;
        let rendered = rendered + edition_pages;
        let last = Last {
            site: site.clone(),
            templates,
            statics,
            pages,
            names,
        };
        let left = Leftover::of(renderer, &last, self.good.is_none());
        let (snapshot, job) = self.publish(last, files, left);
        sources.sort();
        sources.dedup();
        Ok(Some(Rebuilt {
            snapshot,
            changed,
            rendered,
            pages: pages_count,
            full: rendered == pages_count,
            sources,
            elapsed: Duration::ZERO,
            extras: job,
        }))
    }

    /// The site as it is now: the last good one with edited article bodies relinked when that is
    /// all that changed (then its pages and generated files' names still hold, `kept`), else the
    /// whole site loaded with the cache and cross-linked. `None` when nothing changed.
    fn gather(
        &mut self,
        progress: &Progress,
        touched: Option<&[PathBuf]>,
    ) -> Result<Option<Gathered>, Vec<Diagnostic>> {
        let config = self.config()?;
        progress.stage("reading", 0);
        let mut reread = Vec::new();
        let relinked = touched.and_then(|paths| self.relinked(paths, &mut reread));
        // A site relinked differs from the last one in article bodies alone, which neither its
        // pages nor the names of its generated files depend on.
        Ok(Some(match (relinked, &self.last) {
            (Some(None), _) => return Ok(None),
            (Some(Some(site)), Some(last)) => Gathered {
                site,
                editions: Vec::new(),
                templates: last.templates.clone(),
                statics: last.statics.clone(),
                sources: reread,
                kept: Some((last.pages.clone(), last.names.clone())),
            },
            _ => {
                let mut gathered = self.link_all(config, touched, progress)?;
                gathered.sources.append(&mut reread);
                gathered
            }
        }))
    }

    /// Renders the pages whose fingerprint differs from the served page's (every page when
    /// nothing is served yet, `serving` false): how many, and each as (output path,
    /// fingerprint, bytes).
    fn render_changed(
        &self,
        renderer: &Renderer<'_>,
        pages: &[Page],
        serving: bool,
        progress: &Progress,
    ) -> Result<(usize, Made), Vec<Diagnostic>> {
        let served = |page: &Page, print: u64| serving && self.views.served(&page.output, print);
        let made = Mutex::new(Vec::new());
        let keep = |page: &Page, print: u64, html: String| {
            let mut made = made.lock().unwrap_or_else(PoisonError::into_inner);
            made.push((page.output.clone(), print, Bytes::from(html)));
            Ok(())
        };
        progress.stage("rendering pages", pages.len());
        let rendered = renderer.render_pages(pages, &|p, f| !served(p, f), &keep, progress)?;
        Ok((
            rendered,
            made.into_inner().unwrap_or_else(PoisonError::into_inner),
        ))
    }

    /// Makes `last` the build the next one starts from and a snapshot of `files` the one
    /// served, with the job that makes its generated files when they are still to make.
    fn publish(
        &mut self,
        last: Last,
        files: HashMap<String, Bytes>,
        left: Leftover,
    ) -> (Arc<Snapshot>, Option<ExtrasJob>) {
        let site = last.site.clone();
        self.views
            .commit(site.clone(), left.salt, &last.pages, left.lists);
        let job = left
            .promise
            .map(|p| ExtrasJob::new(site, last.templates.clone(), last.pages.clone(), p));
        let snapshot = Arc::new(Snapshot {
            version: self.good.as_ref().map_or(1, |s| s.version + 1),
            files,
            extras: left.extras,
        });
        self.last = Some(last);
        self.good = Some(snapshot.clone());
        (snapshot, job)
    }

    /// The whole site loaded (with the cache, and the paths `touched` names as the only ones
    /// changed, if given) and cross-linked, and its static files read.
    fn link_all(
        &mut self,
        config: SiteConfig,
        touched: Option<&[PathBuf]>,
        progress: &Progress,
    ) -> Result<Gathered, Vec<Diagnostic>> {
        let (loaded, problems) =
            load::load_cached(&self.root, config, self.drafts, &mut self.cache, touched);
        let mut sources = self.cache.changed().to_vec();
        let templates = (loaded.templates.iter())
            .map(|t| (format!("{TEMPLATES_DIR}/{}", t.name), &t.text))
            .chain(
                (loaded.translations.iter()).map(|t| (format!("{I18N_DIR}/{}", t.name), &t.text)),
            );
        let templates: BTreeMap<String, String> =
            templates.map(|(path, text)| (path, text.clone())).collect();
        sources.extend(changed_keys(&self.templates, &templates, ""));
        self.templates = templates;
        let (others, found, _stale) = crate::load_editions(&self.root, &loaded, self.drafts);
        let mut problems = problems;
        problems.extend(found);
        progress.stage("cross-linking", 0);
        let linked = crate::link_with(loaded, problems, Some(&self.linked));
        let (site, compiled, editions) = match (linked, crate::link_editions(others)) {
            (Ok(linked), Ok(editions)) => (linked.site, linked.templates, editions),
            (Ok(_), Err(found)) => return Err(found),
            (Err(mut found), editions) => {
                found.extend(editions.err().unwrap_or_default());
                return Err(found);
            }
        };
        let compiled = compiled?;
        let statics = read_statics(&site.static_files)?;
        Ok(Gathered {
            site,
            editions,
            templates: compiled,
            statics,
            sources,
            kept: None,
        })
    }

    /// The last good site with the articles in `touched` read again and cross-linked alone,
    /// when every path in it is an article of that site edited in its body alone, or a file
    /// no step reads (an editor's hidden or backup file, gone again): `Some(None)` when their
    /// bytes are the same. `None` when the whole site must be loaded. The articles read again
    /// with other bytes are added to `reread` (paths from the site root) either way.
    fn relinked(&mut self, touched: &[PathBuf], reread: &mut Vec<String>) -> Option<Option<Site>> {
        // In a site of several languages an edit to an original can make its translation stale:
        // every edition is read again.
        let last =
            (self.last.as_ref()).filter(|l| !self.failing && l.site.config.languages.is_empty())?;
        let folder = self.root.join(ARTICLES_DIR);
        let mut edited = Vec::new();
        for path in touched {
            let rel = path.strip_prefix(&folder).ok()?.to_str()?;
            let known = last.site.articles.iter().position(|a| a.key == rel);
            match known {
                Some(i) => {
                    let article = self.cache.reread(&self.root, rel)?;
                    reread.extend(article.iter().map(|a| a.source.display().to_string()));
                    edited.extend(article.map(|a| (i, a)));
                }
                None if self.cache.unread(path, rel) => {}
                None => return None,
            }
        }
        match edited.is_empty() {
            true => Some(None),
            false => crosslink::relink::relink(&last.site, &edited).map(Some),
        }
    }

    /// `site.toml`, with `base_url` (when set) pointing at the local server; a new memo of
    /// article bodies when the configuration's text changed (bodies show its service names).
    fn config(&mut self) -> Result<SiteConfig, Vec<Diagnostic>> {
        let text = || std::fs::read(self.root.join(CONFIG_FILE)).ok();
        let before = text();
        let mut config = SiteConfig::load(&self.root).map_err(|d| vec![d])?;
        let after = text();
        if config.base_url.is_some() {
            config.base_url = self.local_url.clone().or(config.base_url);
        }
        let mut digest = crate::render::Digest::default();
        (&after, &self.local_url).hash(&mut digest);
        // Read twice, differently: the file changed while it was read, so nothing is reused.
        let salt = match before == after {
            true => digest.finish(),
            false => self.memo.salt().wrapping_add(1),
        };
        if salt != self.memo.salt() {
            self.memo = BodyMemo::new(salt);
        }
        Ok(config)
    }
}

/// The names in `new` whose text differs from `old`'s, or that only one of them has, after
/// `prefix`.
fn changed_keys<V: PartialEq>(
    old: &BTreeMap<String, V>,
    new: &BTreeMap<String, V>,
    prefix: &str,
) -> Vec<String> {
    let gone = old.keys().filter(|k| !new.contains_key(*k));
    new.iter()
        .filter(|(k, v)| old.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .chain(gone)
        .map(|k| format!("{prefix}{k}"))
        .collect()
}

/// The contents of every static file, by path under `static/`.
fn read_statics(files: &[load::StaticFile]) -> Result<BTreeMap<String, Bytes>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut bytes = BTreeMap::new();
    for file in files {
        let display = Path::new(STATIC_DIR).join(&file.rel);
        let input = crate::input::Input {
            root: &file.root,
            path: &file.path,
            display: &display,
            limit: crate::input::MAX_STATIC_BYTES,
        };
        match input.read() {
            Ok(b) => {
                bytes.insert(file.rel.clone(), Bytes::from(b));
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(bytes)
    } else {
        Err(problems)
    }
}

/// Every file of the site's other languages (`planned`, rendered whole): pages, generated files
/// and their copy of the static files, by path in the output.
fn render_editions(
    planned: &[crate::Planned<'_>],
    progress: &Progress,
) -> Result<BTreeMap<String, Bytes>, Vec<Diagnostic>> {
    let files = Mutex::new(BTreeMap::new());
    for edition in planned {
        let sink = |rel: &str, bytes: &[u8]| {
            let mut files = files.lock().unwrap_or_else(PoisonError::into_inner);
            files.insert(
                format!("{}{rel}", edition.prefix),
                Bytes::copy_from_slice(bytes),
            );
            Ok(())
        };
        edition
            .renderer
            .render_site(&edition.pages, &sink, progress)?;
        let statics = read_statics(&edition.renderer.site().static_files)?;
        let mut files = files.lock().unwrap_or_else(PoisonError::into_inner);
        files.extend(
            statics
                .into_iter()
                .map(|(rel, b)| (format!("{}{rel}", edition.prefix), b)),
        );
    }
    Ok(files.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// The new set of pages and static files: the old snapshot's, less those no longer produced,
/// with the rendered pages, static files and the other languages' files put in. Returns it and
/// the paths that differ.
fn assemble(
    old: Option<&Snapshot>,
    pages: &[Page],
    made: &Made,
    statics: &BTreeMap<String, Bytes>,
    other_languages: &BTreeMap<String, Bytes>,
) -> (HashMap<String, Bytes>, Vec<String>) {
    let mut files = old.map(|s| s.files.clone()).unwrap_or_default();
    let wanted: HashSet<&str> = pages
        .iter()
        .map(|p| p.output.as_str())
        .chain(statics.keys().map(String::as_str))
        .chain(other_languages.keys().map(String::as_str))
        .collect();
    let mut changed: Vec<String> = files
        .keys()
        .filter(|path| !wanted.contains(path.as_str()))
        .cloned()
        .collect();
    for path in &changed {
        files.remove(path);
    }
    let made = made.iter().map(|(p, _, b)| (p, b));
    for (path, bytes) in made.chain(statics.iter()).chain(other_languages.iter()) {
        if files.get(path) != Some(bytes) {
            changed.push(path.clone());
            files.insert(path.clone(), bytes.clone());
        }
    }
    changed.sort();
    changed.dedup();
    (files, changed)
}
